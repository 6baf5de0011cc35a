"""Mode: the epistemic status of an event (asserted, planned, threatened, negated, hypothetical, claimed,
denied, historical).

Two kinds of evidence: the parse around the trigger (a negation child, a modal or "will" auxiliary, an
infinitive "X to deploy" headline) and the lexical cues of ``lexicon_modes.csv``. A cue with scope
``governs`` counts only when it is the trigger, one of its syntactic ancestors, or a function-word dependent
of one of them; a ``sentence`` cue counts anywhere in the sentence. A killed/displaced count of 10,000 or
more is an aggregate (no single incident), so the event is historical.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from conflict_events.contracts import Quantity
from conflict_events.core.actors.names import doc_text
from conflict_events.core.lexicons import CueLexicon, rule_index

PRIORITY = ("negated", "denied", "claimed", "threatened", "hypothetical", "planned", "historical")
FUNCTION_DEPS = frozenset({"aux", "auxpass", "mark", "advmod", "neg", "npadvmod", "prep"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "can", "ca"})
ATTEMPT_WORDS = ("attempt", "tried", "try", "tries", "trying", "fail", "sought", "seek")
NEGATORS = frozenset({"not", "n't", "never", "no"})
MODALS = FUTURE_AUX | HYPOTHETICAL_AUX | {"shall", "can"}
AGGREGATE_MIN = 10_000


@dataclass(frozen=True)
class ModeVerdict:
    """The chosen mode and the words that decided it (None for plain assertion)."""

    mode: str
    cue: str | None


def _chain(trigger: Token) -> list[Token]:
    return [trigger, *trigger.ancestors]


def _governs(cue: Token, chain: list[Token]) -> bool:
    chain_ids = {t.i for t in chain}
    return cue.i in chain_ids or (cue.head.i in chain_ids and cue.dep_ in FUNCTION_DEPS)


def parse_cues(trigger: Token) -> Iterable[tuple[str, str]]:
    """Mode signals read from the parse: negation, future and modal auxiliaries, bare infinitives."""
    clause = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp", "acl") else [])
    for token in clause:
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
                yield "negated", child.text
            elif child.dep_ in ("aux", "auxpass") and word in FUTURE_AUX:
                yield "planned", child.text
            elif (child.dep_ == "aux" and word in HYPOTHETICAL_AUX) or (
                child.dep_ == "mark" and word in ("if", "unless", "whether")
            ):
                yield "hypothetical", child.text
    if trigger.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        head = trigger.head
        if head.lower_.startswith(ATTEMPT_WORDS):
            return  # "an attempt to murder him", "tried to kill": the act was carried out (or failed)
        if trigger.dep_ == "ROOT" or not head.tag_.startswith("VB") or head.lower_ in ("is", "are", "set"):
            yield "planned", "to " + trigger.text


def lexical_cues(doc: Doc, trigger: Token, cues: CueLexicon) -> Iterable[tuple[str, str]]:
    """Mode signals from the cue lexicon, honouring each cue's scope."""
    chain = _chain(trigger)
    for match in cues.regex.finditer(doc_text(doc)):
        index = rule_index(match)
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        if len(span) == 1 and span[0].lower_ in MODALS and span[0].tag_ != "MD":
            continue  # "In May", "the will of the people": not modal verbs
        scope = cues.scopes[index]
        if (
            scope == "sentence"
            or (scope == "before" and span.start < trigger.i)
            or (scope == "governs" and any(_governs(t, chain) for t in span))
        ):
            yield cues.labels[index], match.group()


def detect_mode(doc: Doc, trigger_i: int, cues: CueLexicon, quantities: tuple[Quantity, ...]) -> ModeVerdict:
    """Mode of the event whose trigger is token ``trigger_i`` (highest-priority signal wins)."""
    trigger = doc[trigger_i]
    found: dict[str, str] = {}
    for mode, words in [*parse_cues(trigger), *lexical_cues(doc, trigger, cues)]:
        found.setdefault(mode, words)
    for q in quantities:
        if q.kind in ("killed", "displaced") and q.min >= AGGREGATE_MIN:
            found.setdefault("historical", q.text)
    for mode in PRIORITY:
        if mode in found:
            return ModeVerdict(mode, found[mode])
    return ModeVerdict("asserted", None)
