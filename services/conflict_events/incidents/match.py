"""Is a new report the same incident as a known one?  All four tests must pass: act, date, place, actors.

Counts are not tested: a toll that differs is a revision of the incident, not another incident.
Each decision carries a stable reason code (for metrics) and a detail (for logs).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from conflict_events.contracts import ConflictEvent, Incident
from conflict_events.incidents.footprint import Footprint, footprint_of
from conflict_events.incidents.places import places_agree
from conflict_events.incidents.settings import ResolutionSettings

Comparable = ConflictEvent | Incident | Footprint


@dataclass(frozen=True, slots=True)
class MatchDecision:
    """``same``: one incident.  ``reason``: stable code (the place rule that matched, or the first
    test that failed: act_differs, means_differ, date_apart, place_unknown,
    country_differs, place_apart, admin1_differs, actor_conflict).  ``detail``: human-readable specifics."""

    same: bool
    reason: str
    detail: str = ""


def compare(known: Comparable, new: Comparable, settings: ResolutionSettings) -> MatchDecision:
    """Decide whether ``new`` (usually an event) reports the same incident as ``known``."""
    a, b = footprint_of(known), footprint_of(new)
    failed = _act(a, b, settings) or _date(a, b, settings)
    if failed is not None:
        return failed
    place = places_agree(a, b, settings.distance_km)
    if not place.same:
        return MatchDecision(False, place.reason, place.detail)
    return _actors(a, b) or MatchDecision(True, place.reason, place.detail)


def contradiction(left: Comparable, right: Comparable, settings: ResolutionSettings) -> MatchDecision | None:
    """What no bridging report can reconcile between two incidents: different acts or contradicting
    actors (a gap in days or kilometres it can).  None when they may be merged."""
    a, b = footprint_of(left), footprint_of(right)
    return _act(a, b, settings) or _actors(a, b)


def unbridged(
    left: Comparable, right: Comparable, via: Comparable, settings: ResolutionSettings
) -> MatchDecision | None:
    """The gap between two incidents that the report ``via`` (which matched both) cannot close.

    A report bridges only what it pins: a town between two towns, a day between two days.  One that
    names only a province or a country matches two towns by being vague, not by linking them, and one
    dated only by its publication day matches two days the same way; neither may merge them.  None when
    the two incidents agree where the report is vague.
    """
    a, b, v = footprint_of(left), footprint_of(right), dated(footprint_of(via), settings)
    if v.coarse_date and (apart := _date(a, b, settings)) is not None:
        return apart
    if not v.places:
        place = places_agree(a, b, settings.distance_km)
        if not place.same:
            return MatchDecision(False, place.reason, place.detail)
    return None


PLACE_RANK = {"same_town": 0, "within_distance": 1, "same_admin1": 2, "same_country": 3}
"""How closely a matched place agrees: the rank of a match's reason, lower is closer."""


def closeness(decision: MatchDecision, known: Comparable, new: Comparable) -> tuple[int, bool, int]:
    """How well a match fits, for choosing among several incidents a report matches (lower is better):
    the place rule that matched, then a different sub-event type, then the days between the dates."""
    a, b = footprint_of(known), footprint_of(new)
    gap = max(0, (b.start - a.end).days, (a.start - b.end).days)
    return PLACE_RANK.get(decision.reason, len(PLACE_RANK)), a.acled_sub_type != b.acled_sub_type, gap


def _act(a: Footprint, b: Footprint, settings: ResolutionSettings) -> MatchDecision | None:
    """Same kind of act.  Sub-event types, when both sides give one, decide: the same means
    (``acled_sub_event_groups``) is one act whatever the event types (a raid that burns a market is an
    attack to one outlet and looting to another), other means are two.  Else ACLED event types of one
    family, or equal PLOVER types when either side lacks an ACLED type."""
    sub_a, sub_b = a.acled_sub_type, b.acled_sub_type
    if sub_a is not None and sub_b is not None and _same_means(sub_a, sub_b, settings):
        return None
    if a.acled_type is not None and b.acled_type is not None:
        if a.acled_type != b.acled_type and not any(
            a.acled_type in family and b.acled_type in family for family in settings.acled_families
        ):
            return MatchDecision(False, "act_differs", f"{a.acled_type} vs {b.acled_type}")
        if sub_a is not None and sub_b is not None:
            return MatchDecision(False, "means_differ", f"{sub_a} vs {sub_b}")
        return None
    if a.plover_type == b.plover_type:
        return None
    return MatchDecision(False, "act_differs", f"{a.plover_type} vs {b.plover_type}")


def _same_means(a: str, b: str, settings: ResolutionSettings) -> bool:
    """Two sub-event types that may describe one act: equal, or in one group.  An abduction is not the
    bombing the same town suffered that day; a sub-type in no group only matches itself."""
    return a == b or any(a in group and b in group for group in settings.acled_sub_event_groups)


def dated(fp: Footprint, settings: ResolutionSettings) -> Footprint:
    """The footprint as dates are compared: a range longer than ``max_date_span_days`` ("this year", "in
    recent months", resolved up to the publication day) says no more than the day it ends on, so it
    counts as that day, coarse (like a report dated only by its publication day)."""
    if (fp.end - fp.start).days + 1 <= settings.max_date_span_days:
        return fp
    return replace(fp, start=fp.end, coarse_date=True)


def _date(known: Footprint, new: Footprint, settings: ResolutionSettings) -> MatchDecision | None:
    """Ranges overlap once widened by the window (the coarse window when either date is coarse).

    Between day-precise dates the window bounds the whole incident, not each step: a report may
    widen the incident's range only while it stays within the window, so daily shelling of one town
    becomes one incident per day or two, not a single incident that chains on for a month.  A vague
    range counts as its last day, coarse (``dated``).
    """
    known, new = dated(known, settings), dated(new, settings)
    coarse = known.coarse_date or new.coarse_date
    window = settings.coarse_date_window_days if coarse else settings.date_window_days
    gap = max((new.start - known.end).days, (known.start - new.end).days)
    if gap > window:
        return MatchDecision(False, "date_apart", f"{gap} days apart > {window}")
    inside = known.start <= new.start and new.end <= known.end
    extent = (max(known.end, new.end) - min(known.start, new.start)).days
    if not coarse and not inside and extent > window + (new.end - new.start).days:
        return MatchDecision(False, "date_apart", f"would span {extent + 1} days > {window + 1}")
    return None


def _actors(a: Footprint, b: Footprint) -> MatchDecision | None:
    """Both sides name source actors of one kind and none in common: a contradiction."""
    for kind in sorted({s.kind for s in a.sources} & {s.kind for s in b.sources}):
        mine = {s.identity: s.name for s in a.sources if s.kind == kind}
        theirs = {s.identity: s.name for s in b.sources if s.kind == kind}
        if not mine.keys() & theirs.keys():
            names = f"{', '.join(sorted(mine.values()))} vs {', '.join(sorted(theirs.values()))}"
            return MatchDecision(False, "actor_conflict", f"{kind}: {names}")
    return None
