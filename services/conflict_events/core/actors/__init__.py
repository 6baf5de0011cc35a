"""Who did what to whom, and who says so: actors from the parse and the lexicon, attribution of reports.

Public face of the actors stage family: ``find`` (source and target actors of a frame), ``attribution``
(the reported speaker and role bindings such as "spokesman Igor Konashenkov") and ``names`` (proper names
and the parse text of a sentence).
"""

from conflict_events.core.actors.attribution import find_attribution, find_role_bindings
from conflict_events.core.actors.find import ActorContext, actor_from_words, find_actors

__all__ = ["ActorContext", "actor_from_words", "find_actors", "find_attribution", "find_role_bindings"]
