"""WikiEvents argument roles: for the gold attacks, deaths, injuries and arrests we found, are the roles ours?

The coarse ``wikievents`` set asks whether we saw an attack in a document; this one asks whether we read
who did it to whom and where. A gold event mention of the attack, die, injure or arrest class
(``data/eval_coarse_types.csv``) is judged when one of our events of a compatible type (violent for the
first three; COERCE or an arrest for the last) was read from a sentence that holds the gold trigger (its own
sentence, or one of the mentions merged into it: one incident told in several sentences is one event); of
several, the one whose trigger is nearest. Then:

- source: the gold Attacker / Killer / Injurer / Jailer is one of our source actors;
- target: the gold Target / Victim / Detainee is one of our target actors;
- place: the gold Place is our location (its place, or the site inside it the clause names).

An argument counts when our actor's (or location's) span overlaps any mention of the gold entity's
coreference cluster, or our words equal a named mention of it (case-insensitive). Figures are conditional
on the event being found (``events_found`` says how often it was); a role the gold leaves empty is not
scored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conflict_events.contracts import ConflictEvent, Span

from .maps import gold_coarse, our_coarse
from .metrics import ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure
from .score_articles import family

KINDS = ("attack", "die", "injure", "arrest")
"""The coarse gold classes whose roles are judged."""
ROLES: dict[str, frozenset[str]] = {
    "source": frozenset({"Attacker", "Killer", "Injurer", "Jailer"}),
    "target": frozenset({"Target", "Victim", "Detainee"}),
    "place": frozenset({"Place"}),
}
"""Our field -> the KAIROS argument roles it stands for."""


@dataclass(frozen=True)
class Mention:
    """One mention of a gold entity: character offsets (-1 when the record gives none) and words."""

    start: int
    end: int
    text: str


def coreferent_mentions(gold: dict[str, Any]) -> dict[str, tuple[Mention, ...]]:
    """Entity-mention id -> every mention of the same entity (its coreference cluster, else itself)."""
    mentions = {
        str(m["id"]): Mention(int(m["char_span"][0]), int(m["char_span"][1]), str(m.get("text", "")))
        for m in gold.get("entity_mentions", [])
        if "id" in m and "char_span" in m
    }
    out: dict[str, tuple[Mention, ...]] = {mid: (m,) for mid, m in mentions.items()}
    for cluster in gold.get("coref_clusters", []):
        members = tuple(mentions[str(x)] for x in cluster if str(x) in mentions)
        for x in cluster:
            if members:
                out[str(x)] = members
    return out


def compatible(kind: str, event: ConflictEvent) -> bool:
    """Our event can stand for a gold event of this coarse class."""
    if kind == "arrest":
        return event.event_type == "COERCE" or "arrest" in our_coarse(event)
    return family(event.event_type, event.acled_sub_event_type) == "ASSAULT"


def _gap(a: Span, start: int, end: int) -> int:
    return max(0, max(a.start, start) - min(a.end, end))


def judged_event(
    kind: str, trigger: tuple[int, int], events: Sequence[ConflictEvent]
) -> ConflictEvent | None:
    """Our compatible event read from the sentence holding the trigger, the nearest trigger first.

    An event merged from several sentences (``evidence.mentions``: later mentions of one incident) is read
    from each of them; a gold trigger in a merged sentence is judged after one in the event's own sentence.
    """
    start, end = trigger
    ranked: list[tuple[int, int, int, ConflictEvent]] = []
    for e in events:
        if not compatible(kind, e):
            continue
        own = e.evidence.sentence
        if own.start < end and start < own.end:
            ranked.append((0, _gap(e.evidence.trigger, start, end), e.evidence.trigger.start, e))
            continue
        merged = [m for m in e.evidence.mentions if m.start < end and start < m.end]
        if merged:
            ranked.append((1, min(_gap(m, start, end) for m in merged), e.evidence.trigger.start, e))
    if not ranked:
        return None
    return min(ranked, key=lambda item: item[:3])[3]


def readings(field: str, event: ConflictEvent) -> list[tuple[Span | None, str]]:
    """Our spans and words for one field: the actors of that role, or the location."""
    if field == "place":
        loc = event.location
        if loc is None:
            return []
        return [(loc.span, loc.name)] + ([(loc.site, loc.site.text)] if loc.site is not None else [])
    return [(a.span, w) for a in event.actors if a.role == field for w in (a.text, a.name)]


def hits(mentions: Sequence[Mention], ours: Sequence[tuple[Span | None, str]]) -> bool:
    """True when one of our spans overlaps a mention, or our words equal a named mention."""
    for span, words in ours:
        for m in mentions:
            if span is not None and m.start >= 0 and span.start < m.end and m.start < span.end:
                return True
            named = any(c.isupper() for c in m.text)
            if named and words.strip() and words.strip().casefold() == m.text.strip().casefold():
                return True
    return False


def _argument_mentions(
    arg: dict[str, Any], cluster_of: dict[str, tuple[Mention, ...]]
) -> tuple[Mention, ...]:
    found = cluster_of.get(str(arg.get("entity_id", "")))
    return found or (Mention(-1, -1, str(arg.get("text", ""))),)


class _Tally:
    """Found events per class, and hits and trials per field."""

    def __init__(self) -> None:
        self.gold = dict.fromkeys(KINDS, 0)
        self.found = dict.fromkeys(KINDS, 0)
        self.hits: dict[str, list[int]] = {f: [0, 0] for f in ROLES}
        self.per_kind: dict[str, dict[str, list[int]]] = {k: {f: [0, 0] for f in ROLES} for k in KINDS}
        self.wrong: dict[str, list[str]] = {f: [] for f in ROLES}


def _judge(rec: GoldRecord, out: Outcome, tally: _Tally) -> None:
    cluster_of = coreferent_mentions(rec.gold)
    for mention in rec.gold.get("event_mentions", []):
        kind = gold_coarse("kairos", str(mention.get("event_type", "")))
        span = (mention.get("trigger") or {}).get("char_span")
        if kind not in KINDS or not span:
            continue
        tally.gold[kind] += 1
        event = judged_event(kind, (int(span[0]), int(span[1])), out.events)
        if event is None:
            continue
        tally.found[kind] += 1
        for field, roles in ROLES.items():
            args = [a for a in mention.get("arguments", []) if a.get("role") in roles]
            if not args:
                continue
            ok = any(hits(_argument_mentions(a, cluster_of), readings(field, event)) for a in args)
            for cell in (tally.hits[field], tally.per_kind[kind][field]):
                cell[0] += ok
                cell[1] += 1
            if not ok:
                tally.wrong[field].append(f"{rec.id}/{mention.get('id', '?')}")


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Share of found gold events, then source, target and place accuracy on them (each with its n)."""
    tally = _Tally()
    for rec, out in zip(records, outcomes, strict=True):
        _judge(rec, out, tally)
    gold, found = sum(tally.gold.values()), sum(tally.found.values())
    figures = [
        Figure(
            "events_found",
            ratio(found, gold) if gold else None,
            gold,
            "gold attack/die/injure/arrest events with one of ours from the trigger's sentence",
        )
    ]
    for field, (ok, n) in tally.hits.items():
        roles = "/".join(sorted(ROLES[field]))
        figures.append(Figure(f"{field}_accuracy", ratio(ok, n) if n else None, n, f"gold {roles} found"))
    details: dict[str, Any] = {
        "gold_events": tally.gold,
        "found_events": tally.found,
        "per_kind": {
            k: {f: {"ok": c[0], "n": c[1]} for f, c in v.items()} for k, v in tally.per_kind.items()
        },
        "wrong": {f: ids[:50] for f, ids in tally.wrong.items()},
    }
    return figures, details
