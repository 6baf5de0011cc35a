"""The records the stages fill in: one ``Candidate`` per candidate event, one ``ArticleContext`` per article.

A candidate is born from one frame of a parsed sentence and carries every field a stage adds (counts, actors,
place, date, mode, attribution, codes, the assembled event).  The article context holds what all candidates of
an article share: the text, its stories, place mentions, actor contexts and the running attribution speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from conflict_events.contracts import (
    Actor,
    Article,
    Attribution,
    ConflictEvent,
    EventDate,
    Location,
    Quantity,
    Span,
)
from conflict_events.core.actors import ActorContext
from conflict_events.core.actors.attribution import RoleBinding
from conflict_events.core.frames import Frame
from conflict_events.core.learned.model import Decisions
from conflict_events.core.modes import ModeVerdict
from conflict_events.core.resources import Resources
from conflict_events.core.taxonomy import Taxonomy
from conflict_events.core.text import Document, Sentence
from conflict_events.geo import PlaceMention


@dataclass
class ArticleContext:
    """What every candidate of one article shares; ``last_speaker`` is the only field stages update."""

    article: Article
    resources: Resources
    document: Document
    mentions: tuple[PlaceMention, ...]
    anchor: datetime
    anchor_kind: Literal["published_at", "ingested_at"]
    story_bounds: dict[int, tuple[int, int]]
    story_country: dict[int, str | None]
    actor_contexts: dict[int, ActorContext]
    bindings: tuple[RoleBinding, ...]
    last_speaker: dict[int, Span] = field(default_factory=dict)
    sentence_quantities: dict[int, tuple[Quantity, ...]] = field(default_factory=dict)
    background: set[int] = field(default_factory=set)
    """Trigger offsets of acts told as a habit or a period of background (``rules.mark_habitual``)."""
    sites: dict[int, list[tuple[int, Span, str | None]]] = field(default_factory=dict)
    """Sentence start -> (trigger offset, site, the sentence's own place or None) of each frame whose
    clause names a site (``stages.location``), for events placed outside their clause (``fill_site``)."""

    @property
    def text(self) -> str:
        """The article text every span points into."""
        return self.article.text


@dataclass
class Candidate:
    """One candidate event: a frame of a parsed sentence and the fields the stages add to it."""

    sentence: Sentence
    doc: Any
    frame: Frame
    frames: tuple[Frame, ...]
    event_type: str
    quantities: tuple[Quantity, ...] = ()
    actors: tuple[Actor, ...] = ()
    violation: bool = False
    location: Location | None = None
    date: EventDate | None = None
    mode: ModeVerdict | None = None
    mode_name: str = "asserted"
    attribution: Attribution | None = None
    taxonomy: Taxonomy | None = None
    decisions: Decisions | None = None
    learned_confidence: float | None = None
    evidence_score: float | None = None
    event: ConflictEvent | None = None

    @property
    def is_first(self) -> bool:
        """The sentence's first frame (its event id takes no salt)."""
        return self.frame is self.frames[0]

    @property
    def story(self) -> int:
        """Index of the story the sentence belongs to."""
        return self.sentence.story_index
