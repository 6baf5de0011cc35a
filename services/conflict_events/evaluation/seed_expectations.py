"""The seed article's expected events (issue 3, the extraction engine's first acceptance test), as checks.

Each expectation is a list of clauses; a clause holds when at least one extracted event satisfies every
condition it names (a condition left as None is not checked). Wording of names may differ from the issue,
so actors and sources are checked by a few words, not by exact strings. Two document-wide checks follow:
no event twice (the lead paragraph is repeated) and no asserted event from the negated sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conflict_events.contracts import ConflictEvent

SEED_ID = "000_7e46fb40130ba7bf"
PUBLISHED = "2017-08-04T00:00:00Z"


@dataclass(frozen=True)
class Clause:
    """Conditions one event must meet together."""

    event_types: frozenset[str] | None = None
    modes: frozenset[str] | None = None
    plover_modes: frozenset[str] | None = None
    acled_sub: str | None = None
    evidence_all: tuple[str, ...] = ()
    attribution_any: tuple[str, ...] = ()
    country: str | None = None
    geo_precision: int | None = None
    date_start: date | None = None
    time_precision: int | None = None
    quantity: tuple[str, int] | None = None
    """(kind, least acceptable ``min``)."""
    source_country: str | None = None

    def holds(self, e: ConflictEvent) -> bool:
        """True when event ``e`` meets every condition of the clause."""
        texts = " ".join([e.evidence.sentence.text, *(m.text for m in e.evidence.mentions)]).lower()
        checks = [
            self.event_types is None or e.event_type in self.event_types,
            self.modes is None or e.mode in self.modes,
            self.plover_modes is None or e.plover_mode in self.plover_modes,
            self.acled_sub is None or e.acled_sub_event_type == self.acled_sub,
            all(w in texts for w in self.evidence_all),
            not self.attribution_any
            or (
                e.attribution is not None
                and any(w in e.attribution.source.lower() for w in self.attribution_any)
            ),
            self.country is None or (e.location is not None and e.location.country == self.country),
            self.geo_precision is None
            or (e.location is not None and e.location.geo_precision == self.geo_precision),
            self.date_start is None or e.date.start == self.date_start,
            self.time_precision is None or e.date.time_precision == self.time_precision,
            self.quantity is None
            or any(q.kind == self.quantity[0] and q.min >= self.quantity[1] for q in e.quantities),
            self.source_country is None
            or any(a.role == "source" and a.country == self.source_country for a in e.actors),
        ]
        return all(checks)


@dataclass(frozen=True)
class Expectation:
    """One expected event of the seed article."""

    number: int
    title: str
    clauses: tuple[Clause, ...]


def _t(*names: str) -> frozenset[str]:
    return frozenset(names)


HISTORICAL = _t("historical")
EXPECTATIONS: tuple[Expectation, ...] = (
    Expectation(
        1,
        "MOBILIZE: Turkish and Russian forces to deploy in Idlib (planned, spokesperson)",
        (
            Clause(
                _t("MOBILIZE"),
                _t("planned"),
                evidence_all=("deploy", "idlib"),
                country="SYR",
                attribution_any=("kalin", "spokes"),
            ),
        ),
    ),
    Expectation(
        2,
        "AGREE: Russia, Turkey, Iran agree on four zones at Astana talks, in May",
        (
            Clause(
                _t("AGREE"),
                evidence_all=("agreed", "astana"),
                acled_sub="Agreement",
                country="KAZ",
                date_start=date(2017, 5, 1),
                time_precision=3,
            ),
        ),
    ),
    Expectation(
        3,
        "REJECT: Syrian opposition groups rejected the proposal last month",
        (Clause(_t("REJECT"), evidence_all=("rejected",), date_start=date(2017, 7, 1), time_precision=3),),
    ),
    Expectation(
        4,
        "AGREE: ceasefire zone north of Homs from Thursday, >147,000 people (Konashenkov)",
        (
            Clause(
                _t("AGREE"),
                evidence_all=("homs",),
                country="SYR",
                geo_precision=2,
                attribution_any=("konashenkov",),
            ),
            Clause(_t("AGREE"), date_start=date(2017, 8, 3), quantity=("affected", 147000)),
        ),
    ),
    Expectation(
        5,
        "MOBILIZE: Russian military police will monitor ceasefire zones (planned)",
        (Clause(_t("MOBILIZE"), _t("planned"), evidence_all=("military police", "monitor")),),
    ),
    Expectation(
        6,
        "ASSAULT aerial: airstrikes killed more than 470,000 civilians (historical)",
        (
            Clause(
                _t("ASSAULT"),
                HISTORICAL,
                _t("aerial"),
                acled_sub="Air/drone strike",
                quantity=("killed", 470000),
            ),
        ),
    ),
    Expectation(
        7,
        "ASSAULT: regime's chemical weapons, sieges, executions, torture (historical)",
        (Clause(_t("ASSAULT"), HISTORICAL, evidence_all=("chemical weapons",), source_country="SYR"),),
    ),
    Expectation(
        8,
        "Regime recaptured neighbourhoods (Government regains territory); >=1,000 displaced",
        (
            Clause(acled_sub="Government regains territory", evidence_all=("recaptured",)),
            Clause(evidence_all=("homes",), quantity=("displaced", 1000)),
        ),
    ),
    Expectation(
        9,
        "ACCUSE: regime broke ceasefire agreements, according to war monitors",
        (Clause(_t("ACCUSE"), evidence_all=("broken",), attribution_any=("monitors",)),),
    ),
    Expectation(
        10,
        "Conflict killed hundreds of thousands, displaced millions (historical)",
        (
            Clause(modes=HISTORICAL, quantity=("killed", 100000)),
            Clause(modes=HISTORICAL, quantity=("displaced", 1000000)),
        ),
    ),
)

NEGATED_SENTENCE_WORDS = ("do not cover",)
"""Words of the sentence that must yield no asserted event."""
