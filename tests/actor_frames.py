"""Test helper shared by the actor tests: the actors the product finds for the frame of one sentence."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language

from conflict_events.contracts import Actor
from conflict_events.core.actors.find import ActorContext, find_actors
from conflict_events.core.frames import select_frame
from conflict_events.core.lexicons import Lexicons
from conflict_events.core.text.document import Sentence
from conflict_events.core.text.triggers import find_triggers


def frame_actors(
    nlp: Language, lex: Lexicons, countries: Mapping[str, str], text: str, document_country: str | None = None
) -> list[Actor]:
    """The actors of the frame of ``text`` (parsed as one sentence); ``countries`` maps lower-cased words
    (names, demonyms) to ISO-3 codes, standing in for the gazetteer."""
    sentence = Sentence(0, len(text), 0, 0, False)
    doc = nlp(text)
    frame = select_frame(doc, sentence, find_triggers(text, sentence, lex.triggers), lex.event_types)
    assert frame is not None
    def lookup(word: str) -> str | None:
        return countries.get(word.lower())

    context = ActorContext(lex.actors, lookup, lex.country_names, document_country, lex.triggers.regex)
    return list(find_actors(doc, frame.token_i, lex.event_types[frame.event_type], 0, doc.text, context))
