"""Learned decisions: relevance, PLOVER type, ACLED sub-type, mode and PLOVER mode word of a candidate.

``features`` turns a text and the rules' vote into hashed feature ids; ``model`` holds the trained linear
heads (numpy only, loaded once by the shell) and scores a candidate.  Training lives outside the core, in
``conflict_events.learning`` (``conflict-events train``).
"""

from conflict_events.core.learned.features import RuleVote, feature_ids
from conflict_events.core.learned.model import DecisionModel, Decisions, Head

__all__ = ["DecisionModel", "Decisions", "Head", "RuleVote", "feature_ids"]
