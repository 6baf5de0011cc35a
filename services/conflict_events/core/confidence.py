"""Confidence: a probability-like score that an event is real, correctly typed and correctly attributed.

Meaning (see docs/confidence.md): about the share of events at that score an analyst would accept as a real
event of the stated type.  It starts from the trigger's strength in its sentence (lexicon weight, main-clause
bonus, embedding penalty) and moves with the evidence around it: a named actor, a resolved place, stated date
words and a reporting source raise it; a headline-only reading and a hedged mode lower it; every other
sentence that reports the same event raises it a little.  The constants are hand-set, not fitted.
"""

from __future__ import annotations

from dataclasses import dataclass

BASE_FLOOR = 0.2
BASE_SLOPE = 0.6
BONUS_NAMED_ACTOR = 0.05
BONUS_LOCATION = 0.05
BONUS_DATE = 0.03
BONUS_ATTRIBUTION = 0.04
BONUS_PER_MENTION = 0.03
MAX_MENTION_BONUS = 0.09
PENALTY_HEADLINE = 0.05
MODE_FACTOR = {
    "asserted": 1.0,
    "claimed": 0.95,
    "historical": 0.9,
    "planned": 0.9,
    "denied": 0.8,
    "threatened": 0.85,
    "hypothetical": 0.7,
    "negated": 0.8,
}
FLOOR, CEILING = 0.05, 0.97


@dataclass(frozen=True)
class Evidence:
    """The facts the score is built from."""

    frame_score: float
    mode: str
    named_actor: bool
    location: bool
    stated_date: bool
    attribution: bool
    headline: bool
    extra_mentions: int = 0


def score_event(evidence: Evidence) -> float:
    """Event confidence in [0.05, 0.97], rounded to 3 places."""
    value = BASE_FLOOR + BASE_SLOPE * min(max(evidence.frame_score, 0.0), 1.1)
    value += BONUS_NAMED_ACTOR * evidence.named_actor + BONUS_LOCATION * evidence.location
    value += BONUS_DATE * evidence.stated_date + BONUS_ATTRIBUTION * evidence.attribution
    value -= PENALTY_HEADLINE * evidence.headline
    value += min(BONUS_PER_MENTION * evidence.extra_mentions, MAX_MENTION_BONUS)
    value *= MODE_FACTOR.get(evidence.mode, 0.8)
    return round(min(max(value, FLOOR), CEILING), 3)
