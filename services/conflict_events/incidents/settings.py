"""Thresholds of incident resolution: one frozen value, passed in, with documented defaults.

Every number that decides whether two reports are one incident lives here, so an evaluation can sweep
it and the shell can read it from its own configuration; nothing in the resolver hard-codes one.
"""

from __future__ import annotations

from dataclasses import dataclass

POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
"""Outlets code one raid as a clash, a shelling or an attack on civilians: one family."""
DEMONSTRATIONS = ("Protests", "Riots")
"""A protest that turns violent is reported as either."""

GROUND_FIGHTING = (
    "Armed clash",
    "Attack",
    "Grenade",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Looting/property destruction",
)
"""Fighting and raids on the ground: one raid is a clash to one outlet, an attack (with rifles and
grenades, burning and looting) to another, a grenade attack or a town taken to a third."""
STRIKES_FROM_AFAR = ("Air/drone strike", "Shelling/artillery/missile attack")
"""Strikes from a distance: a "strike" on a city is a missile to one outlet, a drone to another."""
BOMBINGS = ("Suicide bomb", "Remote explosive/landmine/IED")
"""Bombs: first reports say "an explosion" or "a bomb", later ones "a suicide bomber".  A grenade is
thrown by hand in a raid, not planted: it goes with the fighting on the ground."""
CROWDS = (
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Looting/property destruction",
)
"""One demonstration: peaceful to one outlet, dispersed or violent to another; rioters loot and burn
as raiders do (so looting is in both groups)."""


@dataclass(frozen=True, slots=True)
class ResolutionSettings:
    """Matching, state and partitioning thresholds (docs/incidents.md explains each default).

    Attributes:
        date_window_days: day-precise dates match when their ranges are at most this many days apart
            (and an incident's range stays this narrow).  Two: a follow-up report (a revised toll, a
            claim, a statement) is often dated by its own day, one or two days after the act.
        coarse_date_window_days: the same when either date is week/month precise or only the anchor date.
        max_date_span_days: a date range longer than this ("this year", "in recent months") counts as
            its last day, coarse (it says no more than the publication day it was resolved up to).
        distance_km: two towns within this distance are one place.
        state_window_days: incidents whose date ended this many days before the watermark are closed.
        bucket_days: width of the date buckets in partition keys and the state index.
        acled_families: ACLED event types that may describe the same act; a type in no family only
            matches itself.
        acled_sub_event_groups: ACLED sub-event types that may describe the same act, by its means
            (on the ground, from afar, a bomb, a crowd); two known sub-types that share no group are
            two acts (a kidnapping and a bombing in one town on one day) even within one family, and
            a sub-type in no group (abduction, sexual violence, an arrest) only matches itself.
        resolvable_modes: epistemic modes of events that enter resolution (things that happened).
        resolvable_plover_types: PLOVER types that enter resolution when the event has no ACLED type.
        max_confidence: ceiling of the combined confidence (many reports never make it certain).
    """

    date_window_days: int = 2
    coarse_date_window_days: int = 3
    max_date_span_days: int = 31
    distance_km: float = 10.0
    state_window_days: int = 7
    bucket_days: int = 7
    acled_families: tuple[tuple[str, ...], ...] = (POLITICAL_VIOLENCE, DEMONSTRATIONS)
    acled_sub_event_groups: tuple[tuple[str, ...], ...] = (
        GROUND_FIGHTING,
        STRIKES_FROM_AFAR,
        BOMBINGS,
        CROWDS,
    )
    resolvable_modes: tuple[str, ...] = ("asserted", "claimed")
    resolvable_plover_types: tuple[str, ...] = ("ASSAULT", "PROTEST", "COERCE")
    max_confidence: float = 0.999

    def __post_init__(self) -> None:
        """Refuse settings under which the neighbouring-bucket lookup could miss a match."""
        if min(self.date_window_days, self.coarse_date_window_days, self.state_window_days) < 0:
            raise ValueError("date windows must not be negative")
        if self.bucket_days < 1:
            raise ValueError("bucket_days must be at least 1")
        if self.bucket_days < self.reach_days:
            raise ValueError(
                f"bucket_days ({self.bucket_days}) must be at least the widest date window "
                f"({self.reach_days}) so that a match is always in the same or a neighbouring bucket"
            )
        if self.distance_km < 0 or not 0 < self.max_confidence <= 1:
            raise ValueError("distance_km must be >= 0 and max_confidence in (0, 1]")

    @property
    def reach_days(self) -> int:
        """The widest date tolerance: how far from an event's dates a matching incident can lie."""
        return max(self.date_window_days, self.coarse_date_window_days)
