"""Attribution: who says the event happened ("Kalin said", "according to war monitors", "X told Reuters").

The source is the subject of a reporting verb that frames the event, or the object of "according to".  A
person named in the subject wins over the rest of the phrase; a pronoun ("he said") takes the last named
speaker of the same story; a bare role ("the presidential spokesperson") takes the person the story names in
that role ("spokesman, Ibrahim Kalin"), and the span then points at that name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from conflict_events.contracts import Attribution
from conflict_events.contracts import Span as TextSpan
from conflict_events.core.actors.names import doc_text, proper_name
from conflict_events.core.lexicons import CueLexicon, rule_index

ROLE_WORDS = (
    r"spokes(?:man|woman|person)|minister|president|commander|governor|chief|ambassador|envoy|general"
)
ROLE_BINDING = re.compile(rf"\b({ROLE_WORDS})\b,?\s+((?:[A-Z][\w'’-]+\s){{0,2}}[A-Z][\w'’-]+)(?:’s|'s)?")
ROLE_IN_PHRASE = re.compile(rf"\b({ROLE_WORDS})\b", re.IGNORECASE)
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we"})


@dataclass(frozen=True)
class RoleBinding:
    """A person named in a role somewhere in the article ("spokesman Igor Konashenkov")."""

    role: str
    name: str
    start: int
    end: int


def find_role_bindings(text: str) -> tuple[RoleBinding, ...]:
    """Every "<role>[,] Firstname Lastname" in the article (mixed-case text only)."""
    bindings = []
    for match in ROLE_BINDING.finditer(text):
        name = match.group(2).removesuffix("’s").removesuffix("'s")
        bindings.append(
            RoleBinding(_role_family(match.group(1)), name, match.start(2), match.start(2) + len(name))
        )
    return tuple(bindings)


def _role_family(word: str) -> str:
    word = word.lower()
    return "spokes" if word.startswith("spokes") else word


def _strip(span: Span) -> Span:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].dep_ in ("cc", "prep")):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


TAIL_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj"})
NOT_SOURCES = frozenset({"who", "which", "that", "what", "whom", "it", "this", "there"})


def _source_phrase(token: Token) -> Span:
    """The source's words: the head with its left modifiers and "of" tails, relative clauses cut off."""
    for child in token.children:
        if child.dep_ == "appos" and child.tag_.startswith("NNP"):
            token = child
            break
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in TAIL_DEPS or (child.dep_ == "prep" and child.lower_ != "of"):
            break
        end = child.right_edge.i + 1
    return _strip(token.doc[token.left_edge.i : end])


FRAMING_DEPS = frozenset({"ccomp", "parataxis", "conj", "advcl", "xcomp", "ROOT"})


def _frames_event(verb: Token, trigger: Token) -> bool:
    """False when the event words are the reporting verb's own object ("announced a ceasefire")."""
    if verb not in trigger.ancestors:
        return True
    step = trigger
    while step.head.i != verb.i:
        step = step.head
    return step.dep_ in FRAMING_DEPS


def _reporting_tokens(doc: Doc, trigger_i: int, cues: CueLexicon) -> list[tuple[Token, str, str]]:
    found = []
    for match in cues.regex.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span) or trigger_i in range(span.start, span.end):
            continue
        found.append(
            (
                span[-1] if cues.labels[rule_index(match)] == "prep" else span.root,
                cues.labels[rule_index(match)],
                match.group(),
            )
        )
    return found


def find_attribution(
    doc: Doc,
    trigger_i: int,
    offset: int,
    text: str,
    cues: CueLexicon,
    *,
    last_speaker: TextSpan | None,
    bindings: tuple[RoleBinding, ...],
    country_for_word: Callable[[str], str | None] | None = None,
) -> Attribution | None:
    """Attribution of the event whose trigger is token ``trigger_i`` of the sentence ``doc``.

    ``offset`` is the sentence start in the article; ``last_speaker`` the last named source earlier in
    the story.
    """
    trigger = doc[trigger_i]
    for token, kind, cue in _reporting_tokens(doc, trigger_i, cues):
        if kind == "prep":
            objects = [c for c in token.children if c.dep_ == "pobj"]
            phrase = _source_phrase(objects[0]) if objects else None
        else:
            if not token.tag_.startswith("VB") or not _frames_event(token, trigger):
                continue
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            phrase = _source_phrase(subjects[0]) if subjects else None
        if phrase is None or not len(phrase) or phrase.root.lower_ in NOT_SOURCES:
            continue
        person = proper_name(phrase, ("PERSON",), not_a_name=country_for_word)
        chosen = person if person is not None else phrase
        words = text[offset + chosen.start_char : offset + chosen.end_char]
        span = TextSpan(start=offset + chosen.start_char, end=offset + chosen.end_char, text=words)
        confidence = 0.85 if person is not None else 0.7
        if phrase.root.lower_ in PRONOUNS and len(phrase) == 1:
            if last_speaker is None:
                continue
            span, confidence = last_speaker, 0.6
        elif person is None and (role := ROLE_IN_PHRASE.search(phrase.text)) is not None:
            family = _role_family(role.group(1))
            binding = next((b for b in bindings if b.role == family), None)
            if binding is not None:
                span = TextSpan(start=binding.start, end=binding.end, text=text[binding.start : binding.end])
                confidence = 0.65
        source = span.text.removesuffix("’s").removesuffix("'s")
        return Attribution(source=source, cue=cue, span=span, confidence=confidence)
    return None
