"""Readable text for the demo: an events table (actors, type, place, date, counts, mode, attribution)
and the key figures of a /metrics page."""

from __future__ import annotations

from collections.abc import Sequence

from prometheus_client.parser import text_string_to_metric_families

from conflict_events.contracts import ConflictEvent

COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 2),
    ("TYPE", 9),
    ("MODE", 10),
    ("ACTORS", 34),
    ("PLACE", 20),
    ("DATE", 10),
    ("COUNTS", 20),
    ("SOURCE", 22),
)


def fit(text: str, width: int) -> str:
    """``text`` on one line in exactly ``width`` characters: padded, or cut with an ellipsis."""
    text = " ".join(text.split())
    return text[: width - 1] + "…" if len(text) > width else text.ljust(width)


def _actors(event: ConflictEvent) -> str:
    sources = [a.name for a in event.actors if a.role == "source"]
    targets = [a.name for a in event.actors if a.role == "target"]
    text = ", ".join(sources) or "-"
    return text + (" → " + ", ".join(targets) if targets else "")


def _place(event: ConflictEvent) -> str:
    if event.location is None:
        return "-"
    return event.location.name + (f" ({event.location.country})" if event.location.country else "")


def _counts(event: ConflictEvent) -> str:
    parts = []
    for quantity in event.quantities:
        plus = "+" if quantity.max is None or quantity.qualifier in ("more_than", "at_least") else ""
        parts.append(f"{quantity.kind} {quantity.best:,}{plus}")
    return "; ".join(parts) or "-"


def render_events(events: Sequence[ConflictEvent]) -> str:
    """One table row per event, its category and evidence sentence on the line below."""
    if not events:
        return "(no events)\n"
    lines = [
        " ".join(fit(name, width) for name, width in COLUMNS).rstrip(),
        " ".join("-" * width for _, width in COLUMNS),
    ]
    for number, event in enumerate(events, start=1):
        source = f"{event.attribution.source} ({event.attribution.cue})" if event.attribution else "-"
        cells = [
            str(number),
            event.event_type,
            event.mode,
            _actors(event),
            _place(event),
            event.date.start.isoformat(),
            _counts(event),
            source,
        ]
        lines.append(
            " ".join(fit(cell, width) for cell, (_, width) in zip(cells, COLUMNS, strict=True)).rstrip()
        )
        evidence = " ".join(event.evidence.sentence.text.split())
        lines.append(
            f"   {event.category} · confidence {event.confidence:.2f} · “{fit(evidence, 100).rstrip()}”"
        )
    return "\n".join(lines) + "\n"


def _samples(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((dict(sample.labels), float(sample.value)))
    return found


def render_metrics(text: str) -> str:
    """Articles by outcome, events by category, DLQ, mean latency and extraction time from /metrics."""
    samples = _samples(text)

    def by(name: str, label: str) -> str:
        pairs = [(labels[label], value) for labels, value in samples.get(name, []) if value]
        return ", ".join(f"{key}={value:g}" for key, value in sorted(pairs)) or "none"

    def mean(name: str) -> str:
        total = sum(v for _, v in samples.get(f"{name}_sum", []))
        count = sum(v for _, v in samples.get(f"{name}_count", []))
        return f"{total / count:.3f} s (n={count:g})" if count else "n/a"

    categories: dict[str, float] = {}
    for labels, value in samples.get("extractor_events_published_total", []):
        categories[labels["category"]] = categories.get(labels["category"], 0.0) + value
    events = ", ".join(f"{k}={v:g}" for k, v in sorted(categories.items()) if v) or "none"
    return (
        "\n".join(
            [
                f"  articles by outcome    {by('extractor_articles_consumed_total', 'outcome')}",
                f"  events by category     {events}",
                f"  dead letters           {by('extractor_dlq_messages_total', 'reason')}",
                f"  extraction time, mean  {mean('extractor_extraction_duration_seconds')}",
                f"  end-to-end latency     {mean('extractor_end_to_end_latency_seconds')} (publish → acked)",
            ]
        )
        + "\n"
    )
