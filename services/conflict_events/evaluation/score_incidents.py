"""The incident gold set (``data/eval_incidents.jsonl``): cross-article incident resolution, scored offline.

One JSON line per article: ``{"article": {id, title, text, published_at, source}, "incident": gold id,
"kind": "report" | "distractor", "distractor_of": the incident a distractor resembles, "distractor_kind":
how it resembles it (same place another day, neighbouring town same day, ...), "gold": {event_type,
acled_event_type, acled_sub_event_type, date, place, country, admin1, latitude, longitude, killed,
injured, source_actor, target_actor}}``.

Scoring runs the real extractor over every article, resolves all its events offline in publication order
(``resolve_all``, exactly the resolver the stream runs) and places each article in the incident of its lead
report (``representative``: the product's main event among the first paragraph's acts, follow-ups such as
an arrest over an attack left out). Articles are then clustered against the gold incidents
(``score_clusters``): pairwise and B-cubed precision/recall/F1 and counted ÷ true incidents.  The
**oracle** figures do the same with one event per article built from the gold fields, so resolution quality
shows apart from extraction.  Distractor figures give, per kind, the share of distractor articles kept apart
from the incident they resemble.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from conflict_events.contracts import (
    Actor,
    Article,
    ConflictEvent,
    EventDate,
    Evidence,
    Location,
    Quantity,
    Span,
)
from conflict_events.geo import Gazetteer, load_gazetteer
from conflict_events.incidents import (
    ClusterScores,
    ResolutionSettings,
    event_clusters,
    ineligibility,
    resolve_all,
    score_clusters,
)

from .records import GoldRecord, Outcome, Scored, read_gold, sample_evenly
from .report import Figure

INCIDENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "eval_incidents.jsonl"
"""The project's incident gold file: scored on every ``conflict-events eval`` run, whatever ``--gold``."""

GOLD_KEYS = ("incident", "kind", "distractor_of", "distractor_kind", "gold")
_ACTS = {"ASSAULT": ("18", "violence"), "PROTEST": ("14", "protest"), "COERCE": ("17", "coercion")}
"""CAMEO root and category of the gold acts (the oracle's events need valid values; matching ignores them)."""


def _incident_record(raw: dict[str, Any]) -> GoldRecord:
    art = raw["article"]
    if raw["kind"] not in ("report", "distractor") or not isinstance(raw["gold"], dict):
        raise ValueError(f"kind {raw['kind']!r} or gold {type(raw['gold']).__name__}")
    return GoldRecord(
        str(art["id"]),
        str(art["text"]),
        {key: raw.get(key) for key in GOLD_KEYS} | {"incident": str(raw["incident"])},
        {k: art.get(k) for k in ("title", "published_at", "source")},
    )


def read_incidents(path: Path) -> list[GoldRecord]:
    """Every article of an incident gold file as a record (gold: the keys of ``GOLD_KEYS``)."""
    return read_gold(path, "an incident gold record", _incident_record)


def family_of(record: GoldRecord) -> str:
    """The gold incident a record belongs with for sampling: its own, or the one a distractor resembles."""
    return str(record.gold.get("distractor_of") or record.gold["incident"])


def load(path: Path | None, limit: int | None) -> tuple[list[GoldRecord], list[str]]:
    """The incident set (the project's file unless ``path`` is given); none if absent.

    ``limit`` samples whole families (an incident with its distractors, spread evenly over the file) to
    about ``limit`` articles: thinning every cluster instead would score a different task.
    """
    file = path or INCIDENTS_FILE
    if not file.is_file():
        return [], []
    records = read_incidents(file)
    if limit is None or len(records) <= limit:
        return records, [file.name]
    families: dict[str, list[GoldRecord]] = {}
    for record in records:
        families.setdefault(family_of(record), []).append(record)
    keep_count = max(1, len(families) * limit // len(records))
    kept = {
        r.id
        for fam in sample_evenly([GoldRecord(k, "", {}, {}) for k in families], keep_count)
        for r in families[fam.id]
    }
    return [r for r in records if r.id in kept], [file.name]


def to_article(record: GoldRecord) -> Article:
    """The gold article as the worker would receive it (title, source and publication time kept)."""
    return Article.model_validate({"id": record.id, "text": record.text, "language": "en", **record.meta})


def publication_order(records: Sequence[GoldRecord]) -> list[int]:
    """Indexes of ``records`` by publication time (file order on ties; undated articles last)."""
    latest = datetime.max.replace(tzinfo=UTC)

    def key(i: int) -> tuple[datetime, int]:
        raw = records[i].meta.get("published_at")
        if not raw:
            return latest, i
        when = datetime.fromisoformat(str(raw))
        return (when if when.tzinfo else when.replace(tzinfo=UTC)), i

    return sorted(range(len(records)), key=key)


FOLLOW_UP = re.compile(
    r"\b(?:in connection with|over|for|after|following|in the wake of|in response to|suspected of"
    r"|accused of|responsible for|linked to|behind|condemn\w*|denounc\w*)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|killings?|murders?|shootings?|raids?|massacres?"
    r"|air ?strikes?|strikes?|ambush(?:es)?|riots?|violence|clashes|unrest|kidnappings?|abductions?)\b",
    re.IGNORECASE,
)
"""A sentence that names the act its event answers: "arrested three men in connection with the grenade
attack", "troops deployed after the massacre".  Such an arrest, deployment or curfew is the follow-up's
own act, not the incident the article reports."""
LEAD_CATEGORIES = frozenset({"violence", "protest"})
"""The categories the product's main event prefers (``core.pipeline.main_event``): the acts themselves."""


def is_follow_up(event: ConflictEvent) -> bool:
    """True for a response to another act told in the same sentence: an event outside violence and protest
    (an arrest, a deployment, a curfew) whose sentence names the act it follows."""
    return event.category not in LEAD_CATEGORIES and bool(FOLLOW_UP.search(event.evidence.sentence.text))


def _main_of(events: Sequence[ConflictEvent]) -> ConflictEvent | None:
    """The product's main event among ``events`` (``core.pipeline.main_event``; the evaluation runner's
    fallback when the core is not in this build)."""
    try:
        from conflict_events.core.pipeline import ExtractionResult, main_event
    except ImportError:  # pragma: no cover - a build without the extraction core
        return min(events, key=lambda e: (-e.confidence, e.evidence.sentence.start, e.event_id), default=None)
    return main_event(ExtractionResult("", "processed", None, None, tuple(events)))


def representative(outcome: Outcome, settings: ResolutionSettings) -> ConflictEvent | None:
    """The event that places an article in an incident: the main event of its **lead report**.

    The lead is the first paragraph (story, then paragraph order) holding an event that enters resolution
    and is not a follow-up (``is_follow_up``); among that paragraph's such events, the product's own main
    event (``core.pipeline.main_event``: asserted, ACLED-coded, violence or protest, most confident).  A
    later paragraph's act is background ("hours after a suicide bomber struck the market") and a
    follow-up is another act (the arrest after an attack): neither stands for the article.  None when no
    event qualifies (the article counts as its own incident).
    """
    eligible = [e for e in outcome.events if ineligibility(e, settings) is None and not is_follow_up(e)]
    if not eligible:
        return None
    lead = min((e.evidence.story_index, e.evidence.paragraph_index) for e in eligible)
    return _main_of([e for e in eligible if (e.evidence.story_index, e.evidence.paragraph_index) == lead])


def _norm(text: str) -> str:
    """Lower case, no accents, words only: "Ménaka region" and "Menaka Region" read the same."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


_AREA_WORDS = frozenset({"region", "province", "state", "governorate", "department"})

TownTest = Callable[[str, str | None], bool]
"""Is there a town called ``name`` in ``country``?  Decides whether a gold "Idlib" is the city or the
province: the gold gives a name, and a province is often named after its capital."""


@cache
def _gazetteer() -> Gazetteer:
    return load_gazetteer()


def gazetteer_town(name: str, country: str | None) -> bool:
    """True when the GeoNames gazetteer has a populated place of that name in that country."""
    return any(
        c.place.feature == "place" and c.place.country == country for c in _gazetteer().lookup(_norm(name))
    )


def is_admin1(place: str, admin1: str | None, country: str | None, is_town: TownTest) -> bool:
    """True when the gold place is the first-order division itself: "Ituri province", "Cauca" (no town of
    that name), but not "Idlib" or "Kabul" (cities that give their province its name)."""
    if not admin1:
        return False
    words = _norm(place).split()
    bare = [w for w in words if w not in _AREA_WORDS]
    if " ".join(bare) != _norm(admin1):
        return False
    return len(bare) < len(words) or not is_town(place, country)


def _span(text: str) -> Span:
    return Span(start=0, end=len(text), text=text)


def _gold_date(raw: str) -> EventDate:
    """A gold date: a day ("2024-03-08") or a month ("2024-03")."""
    if len(raw) == 7:
        start = date.fromisoformat(f"{raw}-01")
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = date.fromordinal(following.toordinal() - 1)
        return EventDate(
            text=raw, span=None, start=start, end=end, granularity="month", time_precision=3,
            anchor="published_at", fallback=False,
        )  # fmt: skip
    day = date.fromisoformat(raw)
    return EventDate(
        text=raw, span=None, start=day, end=day, granularity="day", time_precision=1,
        anchor="published_at", fallback=False,
    )  # fmt: skip


def _gold_location(gold: Mapping[str, Any], is_town: TownTest) -> Location | None:
    place = gold.get("place")
    if not place:
        return None
    coarse = is_admin1(str(place), gold.get("admin1"), gold.get("country"), is_town)
    return Location(
        name=str(place),
        span=None,
        country=gold.get("country"),
        admin1=gold.get("admin1"),
        latitude=gold.get("latitude"),
        longitude=gold.get("longitude"),
        feature="admin1" if coarse else "place",
        geo_precision=3 if coarse else 1,
        reason="gold",
    )


def _gold_actors(gold: Mapping[str, Any]) -> list[Actor]:
    """Named, untyped actors: the gold gives names only, and an untyped actor never contradicts."""
    actors = []
    for role in ("source", "target"):
        name = gold.get(f"{role}_actor")
        if name:
            actors.append(Actor(role=role, text=str(name), span=None, name=str(name), named=True))
    return actors


def _gold_quantities(gold: Mapping[str, Any]) -> list[Quantity]:
    out = []
    for kind in ("killed", "injured"):
        value = gold.get(kind)
        if value is not None:
            out.append(
                Quantity(
                    kind=kind,
                    min=int(value),
                    max=int(value),
                    best=int(value),
                    qualifier="exact",
                    text=str(value),
                    span=_span(str(value)),
                    acled_field=kind == "killed",
                )
            )
    return out


def gold_event(record: GoldRecord, is_town: TownTest = gazetteer_town) -> ConflictEvent:
    """The event a perfect extractor would give for the article: act, date, place, actors and tolls of
    its gold record (the oracle's input).

    Raises:
        ValueError: the gold record lacks a field the event needs (named in the message).
    """
    gold: Mapping[str, Any] = record.gold["gold"]
    try:
        cameo, category = _ACTS.get(str(gold["event_type"]), ("18", "violence"))
        title = str(record.meta.get("title") or record.text[:80] or record.id)
        return ConflictEvent(
            event_id=f"gold-{record.id}",
            article_id=record.id,
            event_type=gold["event_type"],
            acled_event_type=gold.get("acled_event_type"),
            acled_sub_event_type=gold.get("acled_sub_event_type"),
            cameo_root=cameo,
            category=category,
            mode="asserted",
            summary=title,
            actors=_gold_actors(gold),
            location=_gold_location(gold, is_town),
            date=_gold_date(str(gold["date"])),
            quantities=_gold_quantities(gold),
            attribution=None,
            evidence=Evidence(sentence=_span(title), trigger=_span(title), paragraph_index=0, story_index=0),
            confidence=0.9,
            extractor_version="gold",
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"incident gold of {record.id}: bad or missing {exc}") from exc


def cluster_articles(
    records: Sequence[GoldRecord],
    events_of: Callable[[int], Sequence[ConflictEvent]],
    chosen_of: Callable[[int], ConflictEvent | None],
    settings: ResolutionSettings,
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Resolve every article's events in publication order; return article id → incident id of its chosen
    event (articles without one are absent) and article id → every incident its eligible events joined."""
    order = publication_order(records)
    incidents = resolve_all((e for i in order for e in events_of(i)), settings)
    clusters = event_clusters(incidents)
    predicted: dict[str, str] = {}
    spread: dict[str, list[str]] = {}
    for i, record in enumerate(records):
        chosen = chosen_of(i)
        if chosen is not None and chosen.event_id in clusters:
            predicted[record.id] = clusters[chosen.event_id]
        joined = {clusters[e.event_id] for e in events_of(i) if e.event_id in clusters}
        spread[record.id] = sorted(joined)
    return predicted, spread


def distractors_kept_apart(
    records: Sequence[GoldRecord], predicted: Mapping[str, str]
) -> dict[str, tuple[int, int]]:
    """Per distractor kind (and ``all``): (distractor articles NOT in a predicted incident with an article
    of the gold incident they resemble, distractor articles).  An unplaced distractor is kept apart."""
    members: dict[str, set[str]] = {}
    for record in records:
        if record.id in predicted:
            members.setdefault(str(record.gold["incident"]), set()).add(predicted[record.id])
    out: dict[str, tuple[int, int]] = {}
    for record in records:
        if record.gold.get("kind") != "distractor":
            continue
        resembled = members.get(str(record.gold.get("distractor_of")), set())
        merged = record.id in predicted and predicted[record.id] in resembled
        for kind in ("all", str(record.gold.get("distractor_kind") or "unknown")):
            apart, total = out.get(kind, (0, 0))
            out[kind] = (apart + (not merged), total + 1)
    return out


def _cluster_figures(prefix: str, scores: ClusterScores, note: str) -> list[Figure]:
    n, pairs = scores.items, scores.items * (scores.items - 1) // 2
    return [
        Figure(f"{prefix}bcubed_f1", scores.bcubed_f1, n, note),
        Figure(f"{prefix}bcubed_precision", scores.bcubed_precision, n),
        Figure(f"{prefix}bcubed_recall", scores.bcubed_recall, n),
        Figure(f"{prefix}pairwise_precision", scores.pairwise_precision, pairs, "same-incident links"),
        Figure(f"{prefix}pairwise_recall", scores.pairwise_recall, pairs),
        Figure(f"{prefix}pairwise_f1", scores.pairwise_f1, pairs),
        Figure(
            f"{prefix}counted_over_true",
            scores.count_ratio,
            scores.true_incidents,
            f"{scores.predicted_incidents} incidents counted / {scores.true_incidents} true; ideal 1",
        ),
    ]


def _distractor_figures(prefix: str, kept: Mapping[str, tuple[int, int]]) -> list[Figure]:
    out = []
    for kind in ["all", *sorted(k for k in kept if k != "all")]:
        apart, total = kept[kind]
        out.append(
            Figure(
                f"{prefix}distractors_apart[{kind}]",
                apart / total if total else None,
                total,
                "share not merged with the incident they resemble",
            )
        )
    return out


def _mistakes(records: Sequence[GoldRecord], predicted: Mapping[str, str]) -> dict[str, list[str]]:
    """Gold incidents split over several predicted ones, and predicted incidents lumping gold ones."""
    gold = {r.id: str(r.gold["incident"]) for r in records}
    by_gold: dict[str, set[str]] = {}
    by_pred: dict[str, list[str]] = {}
    for article, incident in gold.items():
        by_gold.setdefault(incident, set()).add(predicted.get(article, f"none:{article}"))
        if article in predicted:
            by_pred.setdefault(predicted[article], []).append(article)
    split = [f"{g}: {len(p)} incidents" for g, p in sorted(by_gold.items()) if len(p) > 1]
    lumped = [
        " + ".join(f"{a} ({gold[a]})" for a in arts)
        for arts in by_pred.values()
        if len({gold[a] for a in arts}) > 1
    ]
    return {"split": split, "lumped": lumped}


def score(
    records: Sequence[GoldRecord], outcomes: Sequence[Outcome], settings: ResolutionSettings | None = None
) -> Scored:
    """End-to-end and oracle clustering of the articles against the gold incidents, and distractor figures."""
    settings = settings or ResolutionSettings()
    gold = {r.id: str(r.gold["incident"]) for r in records}
    chosen = [representative(o, settings) for o in outcomes]
    predicted, spread = cluster_articles(records, lambda i: outcomes[i].events, lambda i: chosen[i], settings)
    oracle_events = [gold_event(r) for r in records]
    oracle, _ = cluster_articles(records, lambda i: (oracle_events[i],), lambda i: oracle_events[i], settings)
    e2e, perfect = score_clusters(predicted, gold), score_clusters(oracle, gold)
    unplaced = [r.id for r in records if r.id not in predicted]
    figures = [
        *_cluster_figures("", e2e, "articles clustered by their main event's incident"),
        Figure(
            "articles_unplaced",
            float(len(unplaced)),
            len(records),
            "no event entering resolution (each counts as its own incident)",
            count=True,
        ),
        *_distractor_figures("", distractors_kept_apart(records, predicted)),
        *_cluster_figures("oracle_", perfect, "events built from the gold fields"),
        *_distractor_figures("oracle_", distractors_kept_apart(records, oracle)),
    ]
    details: dict[str, Any] = {
        **_mistakes(records, predicted),
        "unplaced": unplaced,
        "articles_in_several_incidents": {a: p for a, p in spread.items() if len(p) > 1},
        "oracle": _mistakes(records, oracle),
    }
    return figures, details
