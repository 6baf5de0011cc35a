"""Wire contracts: the pydantic models that are the source of the JSON Schemas in ``schemas/``.

Input models are tolerant readers (unknown fields ignored); output models are closed
(``extra="forbid"``) so the generated schemas carry ``additionalProperties: false`` and a
schema registry can check backward compatibility.  Any breaking change bumps the major
version in ``SCHEMA_VERSION`` and in the schema file names.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Final, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

SCHEMA_VERSION: Final = "1.0"
"""Version of the event and outcome contracts; the major part is in the schema file names."""

TAXONOMY_VERSION = "PLOVER-2.0/ACLED-2024/CAMEO-1.1b3"
"""Taxonomy editions the codes in ``ConflictEvent`` follow."""

def _table_types() -> tuple[str, ...]:
    """The PLOVER types of ``data/event_types.csv`` (first column), the one list of types."""
    path = Path(__file__).parent / "data" / "event_types.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    return tuple(row.split(",", 1)[0] for row in rows[1:])


PLOVER_TYPES: Final[tuple[str, ...]] = _table_types()
"""Every PLOVER type the product emits: read from the event-type table, so adding a row adds a type."""


def _known_type(value: str) -> str:
    if value not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {value!r}; the types are those of data/event_types.csv")
    return value


PloverType = Annotated[
    str, AfterValidator(_known_type), WithJsonSchema({"enum": list(PLOVER_TYPES), "type": "string"})
]
"""A PLOVER 2.0 type; the JSON Schema lists the table's types as an enum."""
AcledEventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
AcledSubEventType = Literal[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]
AcledActorType = Literal[
    "State Forces",
    "Rebel Groups",
    "Political Militias",
    "Identity Militias",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other Forces",
]
Category = Literal["violence", "protest", "agreement", "mobilization", "coercion", "other"]
"""Routing category; ``conflict-events.<category>`` topics.  The type → category map is data
(``data/event_types.csv``), not code."""
CATEGORIES: tuple[Category, ...] = get_args(Category)
"""Every routing category, in order: the one list the topics, the metrics and the tests read."""

EventMode = Literal[
    "asserted",
    "planned",
    "threatened",
    "negated",
    "hypothetical",
    "claimed",
    "denied",
    "historical",
]
"""Epistemic status of the event (not PLOVER's "mode", which is ``plover_mode``).

``historical`` covers summaries and aggregates ("the conflict has killed hundreds of thousands"):
not a new incident."""

QuantityKind = Literal["killed", "injured", "displaced", "arrested", "kidnapped", "affected", "participants"]
"""What a count measures; ``participants`` is crowd size (protesters, marchers, PLOVER ``size``)."""
Qualifier = Literal["exact", "more_than", "at_least", "about", "up_to", "less_than", "vague"]
Granularity = Literal["day", "week", "month", "year", "range"]
Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class _Closed(BaseModel):
    """Base of every produced model: closed, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Closed):
    """Character offsets ``[start, end)`` into the article's ``text`` and the words found there."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(BaseModel):
    """An incoming news article (topic ``articles``, key = ``id``).

    Example:
        >>> Article(id="a1", text="Gunmen killed 3 people in Kano on Monday.").id
        'a1'
    """

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=False)

    id: str = Field(min_length=1, max_length=512, description="Stable article id; the Kafka key.")
    text: str = Field(description="Full article text (plain text; headline may be the first paragraph).")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="Publisher or feed name.")
    published_at: datetime | None = Field(default=None, description="ISO 8601 publication time.")
    language: str | None = Field(default=None, description="Declared ISO 639-1 language, if known.")

    @field_validator("id")
    @classmethod
    def _id_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("id must not be blank")
        return value


class Actor(_Closed):
    """One participant of an event; several may share a role."""

    role: Literal["source", "target"]
    text: str = Field(description="Surface words as written ('' for an implicit, unnamed actor).")
    span: Span | None = Field(description="Where the words are; None when the actor is only implied.")
    name: str = Field(
        description="Normalized name, e.g. 'Military Forces of Russia'; 'Unidentified' if unnamed."
    )
    named: bool = Field(description="False for unknown/unnamed actors ('gunmen', an air strike).")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3 code, or IGO.")
    actor_type: AcledActorType | None = Field(default=None, description="ACLED actor type.")
    inter_code: int | None = Field(default=None, ge=1, le=8, description="ACLED inter code 1..8.")
    sector: str | None = Field(
        default=None, description="PLOVER sector: GOV, MIL, REB, OPP, CVL, IGO, UAF, UNK …"
    )
    confidence: Confidence = 0.5


class Location(_Closed):
    """Where the event happened, with ACLED geo precision and the reason it was chosen."""

    name: str
    span: Span | None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3.")
    admin1: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = None
    feature: Literal["place", "admin1", "country", "region"] = "place"
    relation: str | None = Field(default=None, description="Spatial cue, e.g. 'in', 'near', 'north of'.")
    geo_precision: int = Field(ge=1, le=3, description="ACLED: 1 town, 2 near/part of region, 3 region.")
    reason: str = Field(description="Why this place was chosen for the event.")
    confidence: Confidence = 0.5
    site: Span | None = Field(
        default=None,
        description="The facility, street or quarter inside the place that the event's clause names "
        "('the Oxford Street bus station', 'a crowded market'), when it names one.",
    )


class EventDate(_Closed):
    """When the event happened, resolved against the publication (or ingestion) time."""

    text: str | None = Field(description="The date words, None when the date fell back to the anchor.")
    span: Span | None
    start: date
    end: date
    granularity: Granularity
    time_precision: int = Field(ge=1, le=3, description="ACLED: 1 day, 2 week, 3 month or coarser.")
    clock_time: str | None = Field(default=None, description="Local clock time HH:MM if stated.")
    utc_time: str | None = Field(default=None, description="UTC clock time HH:MM if stated or derivable.")
    anchor: Literal["published_at", "ingested_at"] = Field(
        description="What relative dates were resolved against; ingested_at: published_at was absent."
    )
    fallback: bool = Field(description="True when no date words were found and the anchor date was used.")
    confidence: Confidence = 0.5


class Quantity(_Closed):
    """A count bound to the event: killed, injured, displaced, arrested, kidnapped or affected people."""

    kind: QuantityKind
    min: int = Field(ge=0)
    max: int | None = Field(ge=0, description="None when unbounded above ('more than 100' has no max).")
    best: int = Field(
        ge=0, description="Conservative point value by ACLED's rule (tens=10, dozens=12, hundreds=100)."
    )
    qualifier: Qualifier
    text: str
    span: Span
    acled_field: bool = Field(description="True for killed (ACLED fatalities); other kinds are extra fields.")
    confidence: Confidence = 0.5


class Attribution(_Closed):
    """Who says so: the reporting source of the event sentence."""

    source: str = Field(description="The speaker or source words, e.g. 'Konashenkov', 'war monitors'.")
    cue: str = Field(description="The reporting cue, e.g. 'said', 'according to'.")
    span: Span
    confidence: Confidence = 0.5


class Evidence(_Closed):
    """The sentence the event was read from and the trigger words inside it."""

    sentence: Span
    trigger: Span
    paragraph_index: int = Field(ge=0)
    story_index: int = Field(ge=0, description="Index of the story when one document holds several.")
    mentions: list[Span] = Field(default_factory=list, description="Other sentences merged into this event.")


class ConflictEvent(_Closed):
    """One structured event (``conflict-events`` and ``conflict-events.<category>``, key ``event_id``).

    Every field that is read from the text carries the span it came from.
    """

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    event_id: str = Field(
        description="Deterministic id from article id, normalized content and sentence span."
    )
    article_id: str
    event_type: PloverType = Field(description="PLOVER 2.0 event type.")
    plover_mode: str | None = Field(
        default=None, description="PLOVER mode word: aerial, firearms, demo, riot …"
    )
    acled_event_type: AcledEventType | None = None
    acled_sub_event_type: AcledSubEventType | None = None
    cameo_root: str = Field(pattern=r"^(0[1-9]|1[0-9]|20)$", description="CAMEO root code '01'..'20'.")
    category: Category
    mode: EventMode
    summary: str = Field(description="Short readable line: actors, trigger, place.")
    actors: list[Actor]
    location: Location | None
    date: EventDate
    quantities: list[Quantity]
    attribution: Attribution | None
    evidence: Evidence
    confidence: Confidence = Field(
        description="Probability-like score that the event is real and correctly typed (docs/confidence.md)."
    )
    extractor_version: str
    taxonomy_version: str = TAXONOMY_VERSION


OutcomeStatus = Literal["processed", "skipped", "dead_lettered"]


class ArticleOutcome(_Closed):
    """Exactly one per input message (topic ``article-outcomes``): the audit trail, inputs = outcomes."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    article_id: str | None = Field(description="None only when the message could not be parsed at all.")
    status: OutcomeStatus
    reason: str | None = Field(
        default=None, description="Why skipped or dead-lettered, e.g. not_english, empty_text, invalid_json."
    )
    stage: str | None = Field(default=None, description="Stage that failed or decided to skip.")
    error: str | None = Field(default=None, description="Exception class and message for dead-letters.")
    language: str | None = None
    event_count: int = Field(default=0, ge=0)
    event_ids: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="Seconds per stage and total.")
    source_topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    processed_at: datetime
    extractor_version: str


IncidentStatus = Literal["open", "closed"]
"""``closed``: evicted from the resolution window, or folded into another incident (``merged_into``)."""


class QuantityReport(_Closed):
    """One report's count of one kind: what a revision rests on, so a consumer can weigh the sources."""

    event_id: str
    article_id: str
    min: int = Field(ge=0)
    max: int | None = Field(ge=0, description="None when the report gave no upper bound.")
    best: int = Field(ge=0)
    qualifier: Qualifier
    seen_at: datetime = Field(description="When the resolver received the report (orders revisions).")


class IncidentQuantity(_Closed):
    """A count of an incident across its reports: the current value, the range and the reports."""

    kind: QuantityKind
    value: int = Field(ge=0, description="Best value of the latest report (a revision replaces the toll).")
    min: int = Field(ge=0, description="Lowest lower bound any report gave.")
    max: int | None = Field(ge=0, description="Highest upper bound any report gave; None if one is open.")
    reports: list[QuantityReport] = Field(description="Every report of this kind, oldest first.")


class IncidentActor(_Closed):
    """A participant named by at least one report, with the events that name it."""

    role: Literal["source", "target"]
    name: str
    named: bool
    country: str | None = None
    actor_type: AcledActorType | None = None
    sector: str | None = None
    event_ids: list[str] = Field(description="Events that report this actor in this role.")


class IncidentLocation(_Closed):
    """A place some reports give for the incident, with the events that give it."""

    name: str
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = None
    feature: Literal["place", "admin1", "country", "region"] = "place"
    geo_precision: int = Field(ge=1, le=3)
    event_ids: list[str] = Field(description="Events that place the incident here.")


class IncidentDate(_Closed):
    """When it happened: the range over the most precise reports (a range when they disagree)."""

    start: date
    end: date
    granularity: Granularity
    time_precision: int = Field(ge=1, le=3, description="ACLED: 1 day, 2 week, 3 month or coarser.")
    fallback: bool = Field(description="True when every report of this precision only had its anchor date.")


class Incident(_Closed):
    """One real-world incident across articles (topic ``conflict-incidents``, compacted, key ``incident_id``).

    Each change publishes the whole record with a higher ``version``; the last record of an incident
    that was folded into another has ``merged_into`` set and is followed by a tombstone.
    """

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    incident_id: str = Field(description="Stable id derived from the first event of the incident.")
    version: int = Field(ge=1, description="Grows by one with every published change.")
    status: IncidentStatus
    event_type: PloverType
    acled_event_type: AcledEventType | None = None
    acled_sub_event_type: AcledSubEventType | None = None
    category: Category
    location: IncidentLocation | None = Field(description="The best-supported, most precise place.")
    locations: list[IncidentLocation] = Field(description="Every place reported, best first.")
    date: IncidentDate
    actors: list[IncidentActor]
    quantities: list[IncidentQuantity]
    event_ids: list[str] = Field(description="Every event reporting the incident, in arrival order.")
    article_ids: list[str] = Field(description="Every article reporting it, in arrival order.")
    first_seen: datetime
    last_seen: datetime
    source_count: int = Field(ge=1, description="Distinct articles reporting it.")
    confidence: Confidence = Field(
        description="Grows with independent reports (noisy-OR over articles); a signal, never a filter."
    )
    merged_into: str | None = Field(
        default=None, description="Set on the final record of an incident folded into this other one."
    )
