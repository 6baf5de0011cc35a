"""Roles around a reaction: who reacts to an act is not its source, the accused is.

An act is often named only as the object of someone else's reaction: "the governor condemned the attack",
"prosecutors charged two men over the bombing", "a former commander was convicted of the massacre",
"police are investigating the shooting".  The act's noun is the frame, but the clause subject is the one who
reacts (condemns, charges, investigates): a reaction is its own event and never the source of the act.  The
judicial and accusing verbs name the act's source themselves: the person charged, accused, convicted or
arrested for it (the passive subject, or the active object).  Those who survive, escape, die in or suffer
from an act are its targets.

A condemnation or charge that carries a toll ("denounced the killing of 20 farmers") reports the toll of the
act, not of the accusation, so an accusation keeps no casualty counts.
"""

from __future__ import annotations

from spacy.tokens import Token

from conflict_events.contracts import Actor
from conflict_events.contracts import Span as TextSpan
from conflict_events.core.actors.find import phrase_actors
from conflict_events.core.actors.names import doc_text
from conflict_events.core.record import ArticleContext, Candidate

REACTION_STEMS = (
    "condemn",
    "denounc",
    "deplor",
    "decr",
    "critici",
    "mourn",
    "investigat",
    "prob",
    "protest",
    "welcom",
    "report",
    "confirm",
    "describ",
    "recount",
    "recall",
    "witness",
    "heard",
    "hear",
    "saw",
    "respond",
    "react",
    "commemorat",
    "remember",
)
"""Verbs whose subject reacts to the act named in their object (condemn, investigate, report, witness)."""

ACCUSING_STEMS = (
    "charg",
    "accus",
    "convict",
    "indict",
    "sentenc",
    "tried",
    "prosecut",
    "suspect",
    "blam",
    "arrest",
    "detain",
    "jail",
    "wanted",
)
"""Verbs whose subject reacts and whose patient (passive subject, active object) is the act's source."""

SURVIVING_STEMS = ("surviv", "escap", "died", "dies", "dying", "perish", "suffer")
"""Verbs whose subject underwent the act ("survived the attack", "died in the ambush", "perished in the
fire", "suffered burns in the blast")."""

TOLL_KINDS = frozenset({"killed", "injured"})


def _governing_verb(trigger: Token) -> Token | None:
    """The verb that takes the act's noun as argument ("condemned [the attack]", "charged over [it]")."""
    if trigger.tag_.startswith("VB"):
        return None
    current = trigger
    for _ in range(4):
        if current.head.i == current.i:
            return None
        if current.dep_ not in ("dobj", "pobj", "prep", "nsubjpass", "conj", "appos"):
            return None
        current = current.head
        if current.tag_.startswith("VB"):
            return current
    return None


def _within(actor: Actor, tokens: list[Token], offset: int) -> bool:
    if actor.span is None or not tokens:
        return False
    lo = offset + min(t.idx for t in tokens)
    hi = offset + max(t.idx + len(t.text) for t in tokens)
    return lo <= actor.span.start and actor.span.end <= hi


def _arguments(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in deps]
    return found + [conj for c in found for conj in c.conjuncts]


def _untyped(head: Token, role: str, offset: int) -> list[Actor]:
    """The accused as written when the lexicon has no kind for them ("a former commander")."""
    if not head.tag_.startswith("NN"):
        return []
    tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct", "cc")]
    start, end = offset + tokens[0].idx, offset + head.idx + len(head.text)
    words = doc_text(head.doc)[tokens[0].idx : head.idx + len(head.text)]
    span = TextSpan(start=start, end=end, text=words)
    return [Actor(role=role, text=words, span=span, name="Unidentified", named=False, sector="UNK")]


def _patients(candidate: Candidate, ctx: ArticleContext, trigger: Token) -> list[Actor]:
    """Typed victims in an "of" phrase of the act's noun ("the massacre of 20 farmers")."""
    heads = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    heads += [conj for h in heads for conj in h.conjuncts]
    actor_ctx = ctx.actor_contexts[candidate.story]
    found = [
        a
        for h in heads
        if h.dep_ in ("pobj", "conj")
        for a in phrase_actors(h, "target", candidate.sentence.start, ctx.text, actor_ctx)
        if a.actor_type is not None
    ]
    have = {(a.role, a.name) for a in candidate.actors}
    return [a for a in found if ("target", a.name) not in have]


def _reassign(candidate: Candidate, ctx: ArticleContext, verb: Token) -> tuple[Actor, ...]:
    """The act's actors with the reactor dropped and the accused (or survivor) put in its role."""
    offset, word = candidate.sentence.start, verb.lower_
    subjects = _arguments(verb, ("nsubj", "nsubjpass"))
    reactors = [t for s in subjects if s.dep_ == "nsubj" for t in s.subtree]
    kept = [a for a in candidate.actors if not _within(a, reactors, offset)]
    moved: list[tuple[Token, str]] = []
    if word.startswith(ACCUSING_STEMS):
        moved = [(t, "source") for t in _arguments(verb, ("nsubjpass", "dobj"))]
    elif word.startswith(SURVIVING_STEMS):
        moved = [(t, "target") for t in _arguments(verb, ("nsubj",))]
    actor_ctx = ctx.actor_contexts[candidate.story]
    for head, role in moved:
        found = phrase_actors(head, role, offset, ctx.text, actor_ctx) or _untyped(head, role, offset)
        spans = {(a.span.start, a.span.end) for a in found if a.span is not None}
        kept = [a for a in kept if a.span is None or (a.span.start, a.span.end) not in spans]
        kept.extend(found)
    if any(a.role == "source" and a.span is not None for a in kept):
        kept = [a for a in kept if not (a.role == "source" and a.span is None)]
    return tuple(kept)


def reaction_roles(candidate: Candidate, ctx: ArticleContext) -> Candidate:
    """The actors of an act named as the object of a reaction, and no toll on an accusation."""
    facts = ctx.resources.lexicons.event_types[candidate.event_type]
    if facts.quad == "verbal_conflict" and not facts.governs_content:
        candidate.quantities = tuple(q for q in candidate.quantities if q.kind not in TOLL_KINDS)
        return candidate
    if facts.quad != "material_conflict":
        return candidate
    trigger = candidate.doc[candidate.frame.token_i]
    if facts.patient and not trigger.tag_.startswith("VB"):
        candidate.actors = (*candidate.actors, *_patients(candidate, ctx, trigger))
    verb = _governing_verb(trigger)
    if verb is None or not verb.lower_.startswith(REACTION_STEMS + ACCUSING_STEMS + SURVIVING_STEMS):
        return candidate
    candidate.actors = _reassign(candidate, ctx, verb)
    return candidate
