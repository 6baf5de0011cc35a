"""WikiEvents (KAIROS) and RAMS (AIDA): coarse event detection per document, and place arguments.

Both sides are read as coarse classes (``data/eval_coarse_types.csv`` for gold, ``eval_our_coarse.csv``
for ours); a document's gold classes are those of its annotated events, its predicted classes those of
all our events. Detection is micro P/R/F1 over (document, class) pairs, plus P/R/F1 per class. Place: for
each gold event of a coarse class with a named place argument (one holding a capital letter), one of our
events of the same class must have a location whose words contain the argument's words or are contained in
them (whole words, case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from conflict_events.contracts import Article, ConflictEvent

from .maps import gold_coarse, gold_vocabulary, our_coarse
from .metrics import PRF, prf_of_sets, ratio
from .records import GoldRecord, Outcome, Scored
from .report import Figure

GoldEvent = tuple[str, tuple[str, ...]]
"""A gold event: its coarse class and the texts of its place arguments."""


def to_article(record: GoldRecord) -> Article:
    """The document as an article (these sets carry no publication date)."""
    return Article(id=record.id, text=record.text, language="en")


def wikievents_events(record: GoldRecord) -> list[GoldEvent]:
    """Coarse gold events of a WikiEvents document (KAIROS types; role ``Place``).

    A place argument also counts under its coreference cluster's informative mention ("the province" ->
    "Dagestan"), since that is the name a gazetteer can resolve.
    """
    gold = record.gold
    cluster_of = {eid: i for i, ids in enumerate(gold.get("coref_clusters", [])) for eid in ids}
    informative = list(gold.get("coref_informative_mentions", []))
    out = []
    for mention in gold.get("event_mentions", []):
        coarse = gold_coarse("kairos", str(mention.get("event_type", "")))
        if not coarse:
            continue
        places: list[str] = []
        for arg in mention.get("arguments", []):
            if arg.get("role") != "Place":
                continue
            places.append(str(arg.get("text", "")))
            i = cluster_of.get(arg.get("entity_id"))
            if i is not None and i < len(informative):
                places.append(str(informative[i]))
        out.append((coarse, tuple(places)))
    return out


def rams_events(record: GoldRecord) -> list[GoldEvent]:
    """Coarse gold events of a RAMS window (AIDA types; roles ending in ``place``)."""
    places = tuple(
        str(a.get("arg", {}).get("text", ""))
        for a in record.gold.get("arguments", [])
        if str(a.get("role", "")).endswith("place")
    )
    out = []
    for trigger in record.gold.get("event_triggers", []):
        coarse = gold_coarse("aida", str(trigger.get("event_type", "")))
        if coarse:
            out.append((coarse, places))
    return out


def _place_words(event: ConflictEvent) -> set[str]:
    loc = event.location
    if loc is None:
        return set()
    names = {loc.name}
    if loc.span is not None:
        names.add(loc.span.text)
    return {n.lower().strip() for n in names if n.strip()}


def named(texts: Iterable[str]) -> list[str]:
    """The texts that name a place (hold a capital letter): "Kabul", not "the area"."""
    return [t.strip() for t in texts if any(c.isupper() for c in t)]


def _within(small: str, big: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(small) + r"(?!\w)", big) is not None


def place_matches(gold_texts: Iterable[str], events: Iterable[ConflictEvent]) -> bool:
    """True when any event's location words hold, or are held in, a named gold place (whole words)."""
    golds = [g.lower() for g in named(gold_texts)]
    for event in events:
        for ours in _place_words(event):
            if any(_within(ours, g) or _within(g, ours) for g in golds):
                return True
    return False


def make_scorer(
    read_gold: Callable[[GoldRecord], list[GoldEvent]], ontology: str, *, precision_note: str
) -> Callable[..., Scored]:
    """A scorer for one set, given how to read its gold events and which ontology they use.

    Our classes that the set's ontology cannot express (e.g. agreement for KAIROS here) are not scored.
    """
    vocabulary = gold_vocabulary(ontology)

    def score(records: Sequence[GoldRecord], outcomes: Sequence[Outcome]) -> Scored:
        total = PRF()
        per_class: dict[str, PRF] = {}
        place_ok = place_n = 0
        for rec, out in zip(records, outcomes, strict=True):
            gold = read_gold(rec)
            gold_classes = {c for c, _places in gold}
            pred_classes = {c for e in out.events for c in our_coarse(e)} & vocabulary
            total = total + prf_of_sets(gold_classes, pred_classes)
            for c in gold_classes | pred_classes:
                per_class[c] = per_class.get(c, PRF()) + prf_of_sets(gold_classes & {c}, pred_classes & {c})
            for coarse, places in gold:
                if named(places):
                    place_n += 1
                    place_ok += place_matches(places, [e for e in out.events if coarse in our_coarse(e)])
        figures = [
            Figure("detection_precision", total.precision, total.tp + total.fp, precision_note),
            Figure("detection_recall", total.recall, total.tp + total.fn),
            Figure("detection_f1", total.f1, total.tp + total.fp + total.fn),
            Figure(
                "place_match",
                ratio(place_ok, place_n) if place_n else None,
                place_n,
                "gold events with a named place argument",
            ),
        ]
        for c in sorted(per_class):
            r = per_class[c]
            figures.append(
                Figure(
                    f"f1[{c}]",
                    r.f1,
                    r.tp + r.fp + r.fn,
                    f"P {r.precision:.2f} ({r.tp + r.fp}) R {r.recall:.2f} ({r.tp + r.fn})",
                )
            )
        details: dict[str, Any] = {
            c: {"tp": r.tp, "fp": r.fp, "fn": r.fn} for c, r in sorted(per_class.items())
        }
        return figures, {"per_class": details}

    return score


score_wikievents = make_scorer(wikievents_events, "kairos", precision_note="(document, coarse class) pairs")
score_rams = make_scorer(
    rams_events, "aida", precision_note="one gold event per window: precision is a lower bound; read recall"
)
