"""PLOVER / ACLED / CAMEO codes of an event and the table of event-type facts every stage reads.

``event_types`` loads ``data/event_types.csv`` (one row per PLOVER type); ``classify`` picks the codes of one
event from its type, mode word, ACLED hint and actors.
"""

from conflict_events.core.taxonomy.classify import Taxonomy, classify

__all__ = ["Taxonomy", "classify"]
