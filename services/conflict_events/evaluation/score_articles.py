"""The project's own article gold set (``data/eval_articles.jsonl``): whole event records, per article.

Unlike the public sets, each gold line is a full article with every event an analyst would code, so the
scorer matches our events to gold events one to one and then checks their fields. A system event matches a
gold event of the same type family (same PLOVER type, or both violent: ASSAULT or an ACLED sub-type whose
PLOVER reading is ASSAULT) when its evidence sentence or one of its merged mentions overlaps a sentence the
gold event is quoted in; pairs are taken greedily, largest overlap first. The number of our events per gold
incident shows duplicates (one incident told three times must stay one event).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from conflict_events.contracts import ConflictEvent

from .article_gold import GoldEvent, gold_event
from .maps import read_table
from .metrics import PRF, ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure


def _norm(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: "Al-Shabaab" and "al Shabaab" read the same."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


def words_overlap(a: str, b: str) -> bool:
    """True when one text holds the other as whole words, case-insensitively."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    return f" {x} " in f" {y} " or f" {y} " in f" {x} "


_ADMIN_WORDS = frozenset({"state", "province", "region", "governorate", "district", "department", "county"})
_COMPASS = {"northern": "north", "southern": "south", "eastern": "east", "western": "west"}


def _admin(name: str | None) -> str:
    """An admin1 name for comparison: "Northern Darfur", "North Darfur State" -> "northdarfur"."""
    words = [_COMPASS.get(w, w) for w in _norm(name or "").split() if w not in _ADMIN_WORDS]
    return "".join(words)


def _actor_ok(gold: tuple[str, ...] | None, event: ConflictEvent, role: str) -> bool:
    actors = [a for a in event.actors if a.role == role]
    if gold is None:
        return not any(a.named for a in actors)
    return any(words_overlap(ours, g) for a in actors for ours in (a.text, a.name) for g in gold)


def _place_ok(g: GoldEvent, e: ConflictEvent) -> bool | None:
    if g.place is None:
        return None
    loc = e.location
    if loc is None:
        return False
    if _norm(g.place.text) in {_norm(loc.name), _norm(loc.span.text if loc.span else "")}:
        return True
    gold_is_admin1 = bool(g.place.admin1) and _admin(g.place.text) == _admin(g.place.admin1)
    return gold_is_admin1 and loc.country == g.place.country and _admin(loc.admin1) == _admin(g.place.admin1)


def _date_ok(g: GoldEvent, e: ConflictEvent) -> bool | None:
    if g.date is None:
        return None
    start, end = e.date.start, e.date.end
    if len(g.date) == 7:
        return start.isoformat()[:7] == end.isoformat()[:7] == g.date
    return start == end == date.fromisoformat(g.date)


def _count_ok(gold: int | None, e: ConflictEvent, kind: str) -> bool:
    """Our largest count of ``kind`` equals the gold one; no count of ours reads as null, and as 0."""
    ours = [q.best for q in e.quantities if q.kind == kind]
    if not ours:
        return gold is None or gold == 0
    return max(ours) == gold


Judge = Callable[[GoldEvent, ConflictEvent], bool | None]
FIELDS: dict[str, Judge] = {
    "event_type": lambda g, e: e.event_type == g.event_type,
    "acled_sub_event_type": lambda g, e: e.acled_sub_event_type == g.acled_sub_event_type,
    "mode": lambda g, e: e.mode == g.mode,
    "source": lambda g, e: _actor_ok(g.source, e, "source"),
    "target": lambda g, e: _actor_ok(g.target, e, "target"),
    "place": _place_ok,
    "date": _date_ok,
    "killed": lambda g, e: _count_ok(g.killed, e, "killed"),
    "injured": lambda g, e: _count_ok(g.injured, e, "injured"),
}
"""Each field's judge on a matched pair: True, False, or None when the gold does not give it (place, date)."""


@cache
def _assault_sub_types() -> frozenset[str]:
    return frozenset(
        r["acled_sub_event_type"] for r in read_table("crosswalk_acled.csv") if r["plover_type"] == "ASSAULT"
    )


def family(event_type: str, acled_sub_event_type: str | None) -> str:
    """The type family matching compares: ASSAULT for every violent event, else the PLOVER type."""
    if event_type == "ASSAULT" or acled_sub_event_type in _assault_sub_types():
        return "ASSAULT"
    return event_type


def event_spans(event: ConflictEvent) -> list[tuple[int, int]]:
    """Where the event was read: its evidence sentence and the sentences merged into it."""
    spans = [event.evidence.sentence, *event.evidence.mentions]
    return [(s.start, s.end) for s in spans]


def overlap(ours: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> int:
    """Characters shared by two sets of spans (summed over pairs)."""
    golds = list(gold)
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in ours for s2, e2 in golds)


def candidates(gold: Sequence[GoldEvent], events: Sequence[ConflictEvent]) -> list[tuple[int, int, int]]:
    """Every (overlap, gold index, event index) of the same type family with some overlap."""
    out = []
    for i, g in enumerate(gold):
        for j, e in enumerate(events):
            if family(e.event_type, e.acled_sub_event_type) != family(g.event_type, g.acled_sub_event_type):
                continue
            shared = overlap(event_spans(e), g.spans)
            if shared:
                out.append((shared, i, j))
    return out


def match(gold: Sequence[GoldEvent], events: Sequence[ConflictEvent]) -> list[tuple[int, int]]:
    """One-to-one (gold index, event index) pairs, greedily by overlap (ties: text order)."""
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_e: set[int] = set()
    for _shared, i, j in sorted(candidates(gold, events), key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_e:
            pairs.append((i, j))
            used_g.add(i)
            used_e.add(j)
    return sorted(pairs)


@dataclass
class _Tally:
    """Counts over the whole set."""

    total: PRF
    per_phenomenon: dict[str, PRF]
    emitted: int = 0
    gold_events: int = 0
    found: int = 0
    emitted_for_found: int = 0
    unlocated: int = 0


def _field_hits(
    field_hits: dict[str, list[int]], wrong: dict[str, list[str]], g: GoldEvent, e: ConflictEvent
) -> None:
    for name, judge in FIELDS.items():
        verdict = judge(g, e)
        if verdict is None:
            continue
        cell = field_hits.setdefault(name, [0, 0])
        cell[0] += verdict
        cell[1] += 1
        if not verdict:
            wrong.setdefault(name, []).append(f"{g.incident}: ours {ours(name, e)}")


def ours(field: str, e: ConflictEvent) -> str:
    """What our event says for one field, for the list of wrong fields in the JSON report."""
    if field in ("source", "target"):
        return repr([a.text or a.name for a in e.actors if a.role == field])
    if field == "place":
        return repr(e.location.name if e.location else None)
    if field == "date":
        return f"{e.date.start}..{e.date.end}"
    if field in ("killed", "injured"):
        return repr([q.best for q in e.quantities if q.kind == field])
    return repr(getattr(e, field))


def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
    """Event-record P/R/F1, our events per gold incident, field accuracy and F1 per phenomenon."""
    tally = _Tally(PRF(), {})
    hits: dict[str, list[int]] = {}
    wrong: dict[str, list[str]] = {}
    missed: list[str] = []
    extra: list[str] = []
    for rec, out in zip(records, outcomes, strict=True):
        gold = [gold_event(raw, rec.text) for raw in rec.gold.get("events", [])]
        tally.unlocated += sum(g.unlocated for g in gold)
        events = list(out.events)
        pairs = match(gold, events)
        prf = PRF(len(pairs), len(events) - len(pairs), len(gold) - len(pairs))
        tally.total = tally.total + prf
        for tag in rec.gold.get("phenomena", []):
            tally.per_phenomenon[tag] = tally.per_phenomenon.get(tag, PRF()) + prf
        per_gold = [0] * len(gold)
        for _shared, i, _j in candidates(gold, events):
            per_gold[i] += 1
        tally.gold_events += len(gold)
        tally.emitted += sum(per_gold)
        tally.found += sum(n > 0 for n in per_gold)
        tally.emitted_for_found += sum(n for n in per_gold if n > 0)
        for i, j in pairs:
            _field_hits(hits, wrong, gold[i], events[j])
        matched_g = {i for i, _ in pairs}
        matched_e = {j for _, j in pairs}
        missed += [g.incident for i, g in enumerate(gold) if i not in matched_g]
        extra += [
            f"{rec.id}: {e.event_type}/{e.mode}: {e.evidence.sentence.text[:70]}"
            for j, e in enumerate(events)
            if j not in matched_e
        ]
    return _figures(tally, hits), {
        "missed": missed,
        "unmatched_events": extra[:200],
        "wrong_fields": wrong,
        "gold_quotes_not_found": tally.unlocated,
    }


def _figures(tally: _Tally, hits: dict[str, list[int]]) -> list[Figure]:
    t = tally.total
    out = [
        Figure("event_precision", t.precision, t.tp + t.fp, "our events matched to a gold event"),
        Figure("event_recall", t.recall, t.tp + t.fn, "gold events matched by one of ours"),
        Figure("event_f1", t.f1, t.tp + t.fp + t.fn),
        Figure(
            "events_per_gold_incident",
            ratio(tally.emitted, tally.gold_events) if tally.gold_events else None,
            tally.gold_events,
            "our events overlapping a gold event's sentences (same family) / gold events; ideal 1",
        ),
        Figure(
            "events_per_found_incident",
            ratio(tally.emitted_for_found, tally.found) if tally.found else None,
            tally.found,
            "the same over gold events we found at all: above 1 = duplicates",
        ),
    ]
    for name in FIELDS:
        ok, n = hits.get(name, [0, 0])
        out.append(Figure(f"accuracy[{name}]", ratio(ok, n) if n else None, n, "matched events"))
    for tag in sorted(tally.per_phenomenon):
        r = tally.per_phenomenon[tag]
        out.append(
            Figure(
                f"f1[{tag}]",
                r.f1,
                r.tp + r.fp + r.fn,
                f"P {r.precision:.2f} ({r.tp + r.fp}) R {r.recall:.2f} ({r.tp + r.fn})",
            )
        )
    out.append(Figure("gold_quotes_not_found", float(tally.unlocated), tally.gold_events, count=True))
    return out
