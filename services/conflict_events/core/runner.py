"""The stage runner: ordering, per-stage timing and error context, so that no stage does any of it itself.

``run_candidate`` passes one record through the declared candidate stages until one drops it;
``run_article`` passes an article's events through the article stages.  Every call is timed into the
article's ``timings`` under the stage's name, and an exception raised inside a stage is re-raised as
``StageError`` naming the stage and the article (the worker dead-letters that article and carries on).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from conflict_events.contracts import ConflictEvent
from conflict_events.core.record import ArticleContext, Candidate
from conflict_events.core.stages import ArticleStage, Stage

T = TypeVar("T")
V = TypeVar("V")


class StageError(RuntimeError):
    """A stage raised: the message names the stage, the article and the original error."""

    def __init__(self, stage: str, article_id: str, error: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed on article {article_id!r}: {type(error).__name__}: {error}")
        self.stage = stage
        self.article_id = article_id


def timed(
    timings: dict[str, float],
    name: str,
    article_id: str,
    call: Callable[[V, ArticleContext], T],
    value: V,
    ctx: ArticleContext,
) -> T:
    """``call(value, ctx)``, its seconds added to ``timings[name]``, any error it raises naming the stage."""
    start = time.perf_counter()
    try:
        return call(value, ctx)
    except StageError:
        raise
    except Exception as error:
        raise StageError(name, article_id, error) from error
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def run_candidate(
    candidate: Candidate, ctx: ArticleContext, stages: Sequence[Stage], timings: dict[str, float]
) -> ConflictEvent | None:
    """The event of one candidate, or None when a stage drops it."""
    record = candidate
    for stage in stages:
        kept = timed(timings, stage.name, ctx.article.id, stage.run, record, ctx)
        if kept is None:
            return None
        record = kept
    return record.event


def run_article(
    events: list[ConflictEvent],
    ctx: ArticleContext,
    stages: Sequence[ArticleStage],
    timings: dict[str, float],
) -> list[ConflictEvent]:
    """The article's events after every article stage (merging, fallbacks)."""
    for stage in stages:
        events = timed(timings, stage.name, ctx.article.id, stage.run, events, ctx)
    return events
