"""The ``decide`` stage: the trained heads re-decide a candidate's relevance, type, ACLED codes and modes.

The rules' own decision is one of the model's features, so the model learns when to trust them.  A head
overrides the rules only when its calibrated probability reaches its threshold (``Thresholds``); a candidate
the relevance head calls no event with high probability is dropped.  Spans are untouched: every field still
cites the words the rule stages found.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_events.core.learned.features import RuleVote, feature_ids, rule_vote, word_counts
from conflict_events.core.learned.model import NONE, DecisionModel, Decisions
from conflict_events.core.lexicons import Lexicons
from conflict_events.core.record import ArticleContext, Candidate
from conflict_events.core.taxonomy import Taxonomy

NOT_RECORDED = frozenset({"planned", "threatened", "negated", "hypothetical"})
"""Modes of acts that did not (yet) happen: ACLED records none of them."""


ARTICLE_MIN_SENTENCES = 4
"""Texts shorter than this are snippets, not articles: the article head (trained on articles) leaves them."""

OFF = 1.01
"""A threshold no probability reaches: the head never overrides the rules."""


@dataclass(frozen=True)
class Thresholds:
    """Calibrated probability a head needs to override the rules (``drop``: P(event) under which to drop).

    Chosen on the dev sets (hyper-parameters only; nothing of them is trained on): the mode head overrides
    when it is very sure; the type and ACLED heads trained on the project's corpus do not beat the rules on
    dev text yet, so they only enter the event's confidence (``confidence.pooled``) and the decisions
    are recorded for the next corpus round.  The mode-word head decides only when the type head agrees with
    the event's type (a word read for another type, such as the visit an announced AGREE promises, is not
    this event's): it fills a word the rules left empty when its word beats every other label, "none"
    included (``plover_mode_fill``; PLOVER dev mode accuracy 37 of 58 at 0.5, 36 at 0.7, 34 when off), and
    overrides the rules' word when very sure (``plover_mode``; PLOVER dev 39 of 58 at 0.9 and 0.95, 36 at
    0.8, 35 at 0.7, 38 when off; MUC-4 type agreement 0.913 -> 0.917 at 0.9).
    """

    drop: float = 0.0
    article: float = 0.1
    plover_type: float = OFF
    acled_sub: float = OFF
    mode: float = 0.9
    plover_mode: float = 0.9
    plover_mode_fill: float = 0.5

    def heads(self) -> frozenset[str]:
        """The heads these thresholds read: the type and ACLED heads always (they give the confidence), the
        others only when they can override, fill or drop."""
        used = {"plover_type", "acled_sub"}
        used |= {name for name in ("mode", "plover_mode") if getattr(self, name) <= 1.0}
        used |= {"plover_mode"} if self.plover_mode_fill <= 1.0 else set()
        used |= {"article"} if self.article > 0 else set()
        return frozenset(used | ({"relevance"} if self.drop > 0 else set()))


THRESHOLDS = Thresholds()


def vote_of(candidate: Candidate, text: str) -> RuleVote:
    """The rules' decision on a candidate, as the model saw it in training."""
    tax = candidate.taxonomy
    codes = (
        tax.event_type if tax else candidate.event_type,
        tax.acled_sub_event_type if tax else None,
        candidate.mode_name,
        tax.plover_mode if tax else None,
    )
    trigger = candidate.frame.trigger
    return rule_vote(codes, text[trigger.start : trigger.end], candidate.actors, candidate.quantities)


def _pick(decisions: Decisions, head: str, threshold: float, current: str | None) -> str | None:
    """The head's label when it is sure enough (NONE means "none"), else the rules' ``current``."""
    label = decisions.labels.get(head)
    if label is None or decisions.probabilities[head] < threshold:
        return current
    return None if label == NONE else label


def decided_taxonomy(
    tax: Taxonomy, decisions: Decisions, mode: str, lex: Lexicons, t: Thresholds
) -> Taxonomy:
    """The codes after the heads' overrides, consistent with the tables (type, ACLED, CAMEO, category)."""
    event_type = _pick(decisions, "plover_type", t.plover_type, tax.event_type) or tax.event_type
    facts = lex.event_types[event_type]
    same_type = event_type == tax.event_type
    plover_mode = tax.plover_mode if same_type else None
    if same_type and decisions.labels.get("plover_type") == event_type:  # the head read this type's word
        threshold = t.plover_mode if plover_mode is not None else t.plover_mode_fill
        plover_mode = _pick(decisions, "plover_mode", threshold, plover_mode)
    sub = _pick(decisions, "acled_sub", t.acled_sub, tax.acled_sub_event_type)
    unrecorded = mode in NOT_RECORDED and not facts.acled_when_announced
    if sub is not None and (sub not in lex.crosswalk.acled_type or unrecorded):
        sub = None
    return Taxonomy(
        event_type,
        plover_mode,
        lex.crosswalk.acled_type.get(sub) if sub else None,
        sub,
        lex.crosswalk.cameo_root(event_type, plover_mode),
        facts.category,
    )


HARM_KINDS = frozenset({"killed", "injured", "kidnapped", "arrested", "displaced"})
"""Counts of people harmed: an event that has one above zero happened, whatever a head reads in a "no"."""


def _harm_counted(candidate: Candidate) -> bool:
    return any(q.kind in HARM_KINDS and q.min > 0 for q in candidate.quantities)


def decide(candidate: Candidate, ctx: ArticleContext) -> Candidate | None:
    """Score the candidate with the trained heads; drop it, or override codes and mode where they are sure."""
    model = ctx.resources.decisions
    if model is None or candidate.taxonomy is None:
        return candidate
    text = ctx.text
    sentence = text[candidate.sentence.start : candidate.sentence.end]
    decisions = model.decide(feature_ids(sentence, vote_of(candidate, text)))
    candidate.decisions = decisions
    if decisions.relevant < THRESHOLDS.drop:
        return None
    mode = _pick(decisions, "mode", THRESHOLDS.mode, candidate.mode_name) or candidate.mode_name
    if mode == "negated" and candidate.mode_name != "negated" and _harm_counted(candidate):
        mode = candidate.mode_name  # "no deaths, but nine were wounded": a counted harm happened
    if candidate.mode is not None and candidate.mode.decisive:
        mode = candidate.mode_name  # a reading of structure the head has no feature for ("the search for")
    candidate.mode_name = mode
    candidate.taxonomy = decided_taxonomy(
        candidate.taxonomy, decisions, mode, ctx.resources.lexicons, THRESHOLDS
    )
    candidate.event_type = candidate.taxonomy.event_type
    candidate.learned_confidence = learned_confidence(candidate.taxonomy, decisions)
    return candidate


def reports_incident(text: str, sentences: int, model: DecisionModel | None) -> bool:
    """False when the article head is sure (P(event) under ``Thresholds.article``) that an article of
    ``ARTICLE_MIN_SENTENCES`` sentences or more reports no incident: speeches, interviews and commentary that
    name violence in passing ("a dialogue without bombs and bullets").  It reads only the words, so it runs
    before parsing and such an article costs no parse; a snippet or a single paragraph is left to the
    sentence heads."""
    head = model.article if model is not None else None
    if head is None or THRESHOLDS.article <= 0 or sentences < ARTICLE_MIN_SENTENCES:
        return True
    return head.probability(*word_counts(text)) >= THRESHOLDS.article


def learned_confidence(tax: Taxonomy, decisions: Decisions) -> float:
    """The model's calibrated probability that the event's codes are right (ACLED sub-type, else type)."""
    if tax.acled_sub_event_type is not None:
        return decisions.probability("acled_sub", tax.acled_sub_event_type)
    return decisions.probability("plover_type", tax.event_type)
