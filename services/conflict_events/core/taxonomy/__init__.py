"""PLOVER / ACLED / CAMEO codes of an event and the table of event-type facts every stage reads.

``event_types`` loads ``data/event_types.csv`` (one row per PLOVER type); ``classify`` picks the codes of one
event from its type, mode word, ACLED hint and actors; ``act_mode`` reads the mode word of the act an event
names (what a threat threatens, what a coercion imposes).
"""

from conflict_events.core.taxonomy.acts import act_mode
from conflict_events.core.taxonomy.classify import Taxonomy, classify

__all__ = ["Taxonomy", "act_mode", "classify"]
