"""PLOVER mode words read from the act an event names: what a threat threatens, what a coercion imposes.

PLOVER codes a threat's "how" as the kind of act threatened ("threatened to impose a curfew": curfew;
"would blockade the port": restrict; "vowed to attack": violence), and a coercion's as the measure imposed
("imposed a curfew": curfew). The trigger lexicon already names those acts (its mode word); this module maps
an act's mode word (or, for violence, its category) to the kind word the event carries.
"""

from __future__ import annotations

from spacy.tokens import Doc

from conflict_events.core.frames import Frame, hit_token
from conflict_events.core.lexicons import EventTypes, Lexicons, TriggerLexicon
from conflict_events.core.text.document import Sentence
from conflict_events.core.text.triggers import TriggerHit, find_triggers

THREAT_TYPE = "THREATEN"
VIOLENT_CATEGORY = "violence"
COERCION_CATEGORY = "coercion"
MEASURES = {
    "curfew": "curfew",
    "martial-law": "martial-law",
    "ban": "ban",
    "censor": "ban",
    "arrest": "arrest",
    "detain": "arrest",
    "restrict": "restrict",
    "obstruct": "restrict",
    "embargo": "restrict",
}
"""Act mode word -> the coercive measure it imposes (a blockade restricts movement)."""
THREAT_KINDS = {
    **MEASURES,
    "relations": "relations",
    "withdraw": "relations",
    "expel": "relations",
    "strike": "restrict",
    "boycott": "restrict",
}
"""Act mode word -> the kind of act a threat of it threatens (a cut in ties is relations); violent acts of any
mode are "violence" (see ``threat_kind``). A threatened general strike or boycott withholds normal activity
to force a concession: PLOVER's gold records code it "restrict", like a threatened blockade or embargo."""


def threat_kind(event_type: str, mode: str | None, types: EventTypes) -> str | None:
    """The threatened kind of an act of ``event_type`` with mode word ``mode`` (None when unknown)."""
    if mode in THREAT_KINDS:
        return THREAT_KINDS[mode]
    if event_type in types and types[event_type].category == VIOLENT_CATEGORY:
        return VIOLENT_CATEGORY
    return None


def inner_hits(text: str, start: int, end: int, lexicon: TriggerLexicon) -> tuple[TriggerHit, ...]:
    """Trigger hits inside ``text[start:end]`` scanned on their own: the narrower words inside a longer
    phrase ("imposed a curfew" holds "curfew")."""
    return find_triggers(text, Sentence(start, end, 0, 0, False), lexicon)


def measure_mode(text: str, trigger: TriggerHit, lexicon: TriggerLexicon) -> str | None:
    """The measure named inside a mode-less coercion phrase ("reimposed blockades": restrict)."""
    space = text.find(" ", trigger.start, trigger.end)
    if space < 0:
        return None
    for hit in inner_hits(text, space + 1, trigger.end, lexicon):
        if hit.rule.plover_mode in MEASURES:
            return MEASURES[hit.rule.plover_mode]
    return None


def threatened_mode(
    doc: Doc, sentence: Sentence, trigger_i: int, text: str, lexicon: TriggerLexicon, types: EventTypes
) -> str | None:
    """The kind of the first act named inside the threat verb's own clause ("threatened to hold a general
    strike unless ...": restrict); acts outside its subtree ("in response to unrest") are not threatened."""
    threat = doc[trigger_i]
    subtree = {t.i for t in threat.subtree}
    start = sentence.start + threat.idx + len(threat.text)
    for hit in inner_hits(text, start, sentence.end, lexicon):
        token = hit_token(doc, hit, sentence.start)
        if token is None or token.i not in subtree or hit.rule.event_type is None:
            continue
        kind = threat_kind(hit.rule.event_type, hit.rule.plover_mode, types)
        if kind is None and hit.rule.plover_mode is None:
            kind = measure_mode(text, hit, lexicon)
        if kind is not None:
            return kind
    return None


def act_mode(frame: Frame, event_type: str, doc: Doc, text: str, lexicons: Lexicons) -> str | None:
    """The event's PLOVER mode word.

    A threat carries the kind of act threatened: its own act when the act was announced and retyped as a
    threat ("will blockade"), else the threat words' own mode word, else the act inside the threat verb's
    clause; a coercion whose words name no mode carries the measure inside its phrase; any other event keeps
    its frame's mode word (none when it was retyped, since the word belongs to the frame's own type).
    """
    types, lexicon = lexicons.event_types, lexicons.triggers
    retyped = event_type != frame.event_type
    own = None if retyped else frame.plover_mode
    if event_type == THREAT_TYPE and retyped:
        return threat_kind(frame.event_type, frame.plover_mode, types) or measure_mode(
            text, frame.trigger, lexicon
        )
    if event_type == THREAT_TYPE:
        return own or threatened_mode(doc, frame.sentence, frame.token_i, text, lexicon, types)
    if own is None and types[event_type].category == COERCION_CATEGORY:
        return measure_mode(text, frame.trigger, lexicon)
    return own
