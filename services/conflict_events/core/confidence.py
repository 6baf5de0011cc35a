"""Confidence: a probability-like score that an event is real, correctly typed and correctly attributed.

Meaning (see docs/confidence.md): about the share of events at that score an analyst would accept as a real
event of the stated type.  It starts from the trigger's strength in its sentence (lexicon weight, main-clause
bonus, embedding penalty) and moves with the evidence around it: a named actor, a resolved place, stated date
words and a reporting source raise it; a headline-only reading and a hedged mode lower it; every other
sentence that reports the same event raises it a little.  These constants are hand-set, not fitted; ``pooled``
then pools that evidence score with the trained model's probability, by two constants chosen on CASE-2021 dev.
"""

from __future__ import annotations

import math
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


LEARNED_WEIGHT = 0.28
"""Weight of the model's log-odds in the pooled confidence (the evidence score's: the rest)."""
POOL_BIAS = 0.16
"""Log-odds added to the pool: the rules' codes are right more often than either score alone says."""
POOL_EPSILON = 0.005
"""Probabilities are read in [0.005, 0.995] so that a head's near-0 or near-1 stays a finite log-odds."""


def _logit(p: float) -> float:
    p = min(max(p, POOL_EPSILON), 1 - POOL_EPSILON)
    return math.log(p / (1 - p))


def pooled(evidence_score: float, learned: float) -> float:
    """The emitted confidence from the evidence score and the model's calibrated probability of the event's
    codes: a weighted sum of their log-odds plus a bias (a logarithmic opinion pool), in [0.05, 0.97].

    Rises with either score.  ``LEARNED_WEIGHT`` and ``POOL_BIAS`` are the two hyper-parameters, chosen on
    CASE-2021 dev (docs/confidence.md): the minimum log-loss of "the main event's ACLED sub-type is right".
    """
    z = POOL_BIAS + (1 - LEARNED_WEIGHT) * _logit(evidence_score) + LEARNED_WEIGHT * _logit(learned)
    return round(min(max(1 / (1 + math.exp(-z)), FLOOR), CEILING), 3)

