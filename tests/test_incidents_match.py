"""Tests for conflict_events.incidents.match, places and eligibility: when two reports are one incident.

Also home of ``make_event``, the hand-built ConflictEvent the other test_incidents_* modules use.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conflict_events.contracts import Actor, ConflictEvent, EventDate, Evidence, Location, Quantity, Span
from conflict_events.incidents import MatchDecision, ResolutionSettings, compare, ineligibility

SETTINGS = ResolutionSettings()
DAY = date(2024, 3, 5)
SPAN = Span(start=0, end=4, text="text")

# name, country, admin1, latitude, longitude, geonames id, feature, geo precision
GOMA = ("Goma", "COD", "Nord-Kivu", -1.67409, 29.22845, 215605, "place", 1)
MUNIGI = ("Munigi", "COD", "Nord-Kivu", -1.62, 29.24, 9000001, "place", 1)  # 6.2 km from Goma
SAKE = ("Sake", "COD", "Nord-Kivu", -1.5733, 29.045, 9000002, "place", 1)  # 23.3 km from Goma
BENI = ("Beni", "COD", "Nord-Kivu", 0.49113, 29.47306, 9000003, "place", 1)  # 242 km from Goma
NORD_KIVU = ("Nord-Kivu", "COD", "Nord-Kivu", None, None, 9000004, "admin1", 3)
SUD_KIVU = ("Sud-Kivu", "COD", "Sud-Kivu", None, None, 9000005, "admin1", 3)
CONGO = ("DR Congo", "COD", None, None, None, 203312, "country", 3)
GISENYI = ("Gisenyi", "RWA", "Western", -1.7020, 29.2560, 9000006, "place", 1)  # 4.4 km, other country

M23 = ("M23", "Rebel Groups")
ADF = ("Allied Democratic Forces", "Rebel Groups")
GUNMEN = ("Unidentified Armed Group", None)
FARDC = ("Military Forces of the Democratic Republic of Congo", "State Forces")
POLICE = ("Police Forces of the Democratic Republic of Congo", "State Forces")
RWANDA = ("Military Forces of Rwanda", "State Forces")

ACTS: dict[str, dict[str, Any]] = {
    "attack": {
        "event_type": "ASSAULT",
        "acled_event_type": "Violence against civilians",
        "acled_sub_event_type": "Attack",
        "cameo_root": "18",
        "category": "violence",
    },
    "clash": {
        "event_type": "ASSAULT",
        "acled_event_type": "Battles",
        "acled_sub_event_type": "Armed clash",
        "cameo_root": "19",
        "category": "violence",
    },
    "protest": {
        "event_type": "PROTEST",
        "acled_event_type": "Protests",
        "acled_sub_event_type": "Peaceful protest",
        "cameo_root": "14",
        "category": "protest",
    },
    "arrest": {
        "event_type": "COERCE",
        "acled_event_type": "Strategic developments",
        "acled_sub_event_type": "Arrests",
        "cameo_root": "17",
        "category": "coercion",
    },
    "abduction": {
        "event_type": "ASSAULT",
        "acled_event_type": "Violence against civilians",
        "acled_sub_event_type": "Abduction/forced disappearance",
        "cameo_root": "18",
        "category": "violence",
    },
    "grenade": {
        "event_type": "ASSAULT",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Grenade",
        "cameo_root": "18",
        "category": "violence",
    },
    "suicide_bomb": {
        "event_type": "ASSAULT",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Suicide bomb",
        "cameo_root": "18",
        "category": "violence",
    },
    "ied": {
        "event_type": "ASSAULT",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Remote explosive/landmine/IED",
        "cameo_root": "18",
        "category": "violence",
    },
    "air_strike": {
        "event_type": "ASSAULT",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Air/drone strike",
        "cameo_root": "19",
        "category": "violence",
    },
    "shelling": {
        "event_type": "ASSAULT",
        "acled_event_type": "Explosions/Remote violence",
        "acled_sub_event_type": "Shelling/artillery/missile attack",
        "cameo_root": "19",
        "category": "violence",
    },
    "looting": {
        "event_type": "ASSAULT",
        "acled_event_type": "Strategic developments",
        "acled_sub_event_type": "Looting/property destruction",
        "cameo_root": "18",
        "category": "violence",
    },
    "riot": {
        "event_type": "PROTEST",
        "acled_event_type": "Riots",
        "acled_sub_event_type": "Violent demonstration",
        "cameo_root": "14",
        "category": "protest",
    },
    "assault": {"event_type": "ASSAULT", "cameo_root": "18", "category": "violence"},
    "accuse": {"event_type": "ACCUSE", "cameo_root": "11", "category": "other"},
}


def make_event(
    event_id: str,
    *,
    article: str | None = None,
    act: str = "attack",
    mode: str = "asserted",
    day: date = DAY,
    end: date | None = None,
    precision: int = 1,
    fallback: bool = False,
    place: tuple[Any, ...] | None = GOMA,
    sources: tuple[tuple[str, str | None], ...] = (),
    killed: tuple[int, int | None, int] | None = None,
    confidence: float = 0.7,
) -> ConflictEvent:
    """A violence report as the extractor would publish it; ``killed`` is (min, max, best)."""
    return ConflictEvent(
        event_id=event_id,
        article_id=article or f"art-{event_id}",
        **ACTS[act],
        mode=mode,
        summary=f"{act} in {place[0] if place else '?'}",
        actors=[_actor(name, kind) for name, kind in sources],
        location=_location(place) if place else None,
        date=EventDate(
            text=None if fallback else "on Tuesday",
            span=None if fallback else SPAN,
            start=day,
            end=end or day,
            granularity={1: "day", 2: "week", 3: "month"}[precision],
            time_precision=precision,
            anchor="published_at",
            fallback=fallback,
        ),
        quantities=[] if killed is None else [_killed(*killed)],
        attribution=None,
        evidence=Evidence(sentence=SPAN, trigger=SPAN, paragraph_index=0, story_index=0),
        confidence=confidence,
        extractor_version="conflict-events/test",
    )


def _actor(name: str, kind: str | None) -> Actor:
    return Actor(
        role="source",
        text=name,
        span=SPAN,
        name=name,
        named=kind is not None,
        country="COD" if "Congo" in name else ("RWA" if "Rwanda" in name else None),
        actor_type=kind,  # type: ignore[arg-type]
    )


def _location(place: tuple[Any, ...]) -> Location:
    name, country, admin1, lat, lon, gid, feature, precision = place
    return Location(
        name=name,
        span=SPAN,
        country=country,
        admin1=admin1,
        latitude=lat,
        longitude=lon,
        geonames_id=gid,
        feature=feature,
        geo_precision=precision,
        reason="test",
    )


def _killed(low: int, high: int | None, best: int) -> Quantity:
    qualifier = "exact" if low == high else "at_least"
    return Quantity(
        kind="killed",
        min=low,
        max=high,
        best=best,
        qualifier=qualifier,
        text="killed",
        span=SPAN,
        acled_field=True,
    )


def decide(a: ConflictEvent, b: ConflictEvent) -> MatchDecision:
    return compare(a, b, SETTINGS)


class TestAct:
    def test_same_acled_type_matches(self) -> None:
        """Two attacks on civilians in Goma the same day are one incident (same town)."""
        assert decide(make_event("a"), make_event("b")) == MatchDecision(True, "same_town", "Goma")

    def test_clash_and_attack_are_one_family(self) -> None:
        """A raid coded as a clash by one outlet and an attack by another still matches."""
        assert decide(make_event("a", act="clash"), make_event("b")).same is True

    def test_protest_and_attack_differ(self) -> None:
        """Same actors, same place and day, different act: not the same incident."""
        decision = decide(make_event("a", act="protest", sources=(M23,)), make_event("b", sources=(M23,)))
        assert decision == MatchDecision(False, "act_differs", "Protests vs Violence against civilians")

    def test_other_means_are_another_act(self) -> None:
        """A kidnapping and a bombing in one town on one day are two incidents, though one family."""
        assert decide(make_event("a", act="abduction"), make_event("b")) == MatchDecision(
            False, "means_differ", "Abduction/forced disappearance vs Attack"
        )
        assert decide(make_event("a", act="air_strike"), make_event("b", act="ied")).reason == "means_differ"
        assert decide(make_event("a", act="grenade"), make_event("b", act="ied")).reason == "means_differ"

    @pytest.mark.parametrize(
        ("left", "right"),
        [
            ("suicide_bomb", "ied"),  # "a blast", later "a suicide bomber"
            ("air_strike", "shelling"),  # "a strike": a drone to one outlet, a missile to another
            ("grenade", "clash"),  # a raid with rifles and grenades
            ("looting", "attack"),  # a raid that burns the market: across event types
            ("looting", "riot"),  # rioters loot too
            ("abduction", "abduction"),
        ],
    )
    def test_same_means_is_one_act(self, left: str, right: str) -> None:
        """Sub-event types of one group (or equal) describe one act."""
        assert decide(make_event("a", act=left), make_event("b", act=right)).same is True

    def test_raid_and_riot_differ(self) -> None:
        """Looting goes with both raids and riots, which does not make an attack a riot."""
        assert decide(make_event("a", act="attack"), make_event("b", act="riot")).reason == "act_differs"

    def test_unknown_sub_type_never_differs(self) -> None:
        """A report without a sub-event type is compared by its event type only."""
        no_sub = make_event("b", act="abduction").model_copy(update={"acled_sub_event_type": None})
        assert decide(make_event("a"), no_sub).same is True

    def test_plover_fallback_without_acled(self) -> None:
        """Without an ACLED type on one side the PLOVER types are compared."""
        assert decide(make_event("a", act="assault"), make_event("b")).same is True
        assert decide(make_event("a", act="assault"), make_event("b", act="protest")).reason == "act_differs"


class TestDate:
    def test_next_day_matches(self) -> None:
        """Day-precise dates one day apart are within the default ±1 day window."""
        assert decide(make_event("a"), make_event("b", day=date(2024, 3, 6))).same is True

    def test_two_days_apart_match(self) -> None:
        """A follow-up dated by its own day, two days after the act, is within the default ±2 days."""
        assert decide(make_event("a"), make_event("b", day=date(2024, 3, 7))).same is True

    def test_three_days_apart_do_not(self) -> None:
        """Three days apart is past the window."""
        decision = decide(make_event("a"), make_event("b", day=date(2024, 3, 8)))
        assert decision == MatchDecision(False, "date_apart", "3 days apart > 2")

    def test_coarse_date_has_wider_tolerance(self) -> None:
        """A week-precise date three days off still matches (coarse window 3)."""
        week = make_event("b", day=date(2024, 3, 8), end=date(2024, 3, 8), precision=2)
        assert decide(make_event("a"), week).same is True

    def test_fallback_date_is_coarse(self) -> None:
        """A report dated only by its publication day gets the coarse window too."""
        assert decide(make_event("a"), make_event("b", day=date(2024, 3, 8), fallback=True)).same is True

    def test_vague_date_counts_as_its_last_day(self) -> None:
        """A range longer than 31 days ('this year', resolved up to the publication day) counts as its
        last day, coarse: three days after the act matches, four does not."""
        vague = make_event("b", day=date(2024, 1, 1), end=date(2024, 3, 8), precision=3)
        assert decide(make_event("a"), vague).same is True
        later = make_event("c", day=date(2024, 1, 1), end=date(2024, 3, 9), precision=3)
        assert decide(make_event("a"), later) == MatchDecision(False, "date_apart", "4 days apart > 3")
        assert decide(vague, make_event("a")).same is True


class TestPlace:
    def test_within_ten_km_matches(self) -> None:
        """Munigi is 6.2 km from Goma: one place."""
        assert decide(make_event("a"), make_event("b", place=MUNIGI)) == MatchDecision(
            True, "within_distance", "Goma–Munigi 6.2 km"
        )

    def test_neighbouring_town_beyond_ten_km(self) -> None:
        """Sake is 23.3 km from Goma: two places."""
        assert decide(make_event("a"), make_event("b", place=SAKE)) == MatchDecision(
            False, "place_apart", "nearest 23.3 km > 10 km"
        )

    def test_admin1_joins_town_in_it(self) -> None:
        """'in North Kivu' is compatible with Goma, which lies in it."""
        assert decide(make_event("a"), make_event("b", place=NORD_KIVU)) == MatchDecision(
            True, "same_admin1", "Nord-Kivu"
        )

    def test_other_admin1_does_not(self) -> None:
        """'in South Kivu' contradicts Goma."""
        assert decide(make_event("a"), make_event("b", place=SUD_KIVU)).reason == "admin1_differs"

    def test_country_only_joins_any_place_in_the_country(self) -> None:
        """A report that only names the country matches when admin1 is unknown on its side."""
        assert decide(make_event("a"), make_event("b", place=CONGO)).reason == "same_country"

    def test_border_town_in_another_country(self) -> None:
        """Gisenyi is 4.4 km from Goma but in Rwanda: incidents never cross a border."""
        assert decide(make_event("a"), make_event("b", place=GISENYI)) == MatchDecision(
            False, "country_differs", "COD vs RWA"
        )

    def test_unknown_place_never_matches(self) -> None:
        """Without a place two attacks the same day cannot be told to be one."""
        assert decide(make_event("a"), make_event("b", place=None)).reason == "place_unknown"


class TestActors:
    def test_two_named_groups_contradict(self) -> None:
        """M23 and ADF are both rebel groups: two different attacks."""
        decision = decide(make_event("a", sources=(M23,)), make_event("b", sources=(ADF,)))
        assert decision == MatchDecision(
            False, "actor_conflict", "Rebel Groups: M23 vs Allied Democratic Forces"
        )

    def test_unknown_never_contradicts(self) -> None:
        """Unnamed gunmen are compatible with a named group."""
        assert decide(make_event("a", sources=(M23,)), make_event("b", sources=(GUNMEN,))).same is True

    def test_state_forces_of_one_country_agree(self) -> None:
        """The army and the police of one state are one side, as outlets name it either way."""
        assert decide(make_event("a", sources=(FARDC,)), make_event("b", sources=(POLICE,))).same is True

    def test_state_forces_of_two_countries_contradict(self) -> None:
        """Congolese and Rwandan forces are different actors of the same kind."""
        assert decide(make_event("a", sources=(FARDC,)), make_event("b", sources=(RWANDA,))).reason == (
            "actor_conflict"
        )

    def test_state_forces_of_no_stated_country_agree(self) -> None:
        """'The military' with no country said may be any state's forces: no contradiction."""
        military = ("Military Forces", "State Forces")
        assert decide(make_event("a", sources=(FARDC,)), make_event("b", sources=(military,))).same is True

    def test_kind_only_names_never_contradict(self) -> None:
        """A kind-only name ("Rebel Groups (Mali)" for "terrorists") contradicts no named group."""
        kind_only = ("Rebel Groups (Democratic Republic of Congo)", "Rebel Groups")
        assert decide(make_event("a", sources=(M23,)), make_event("b", sources=(kind_only,))).same is True

    def test_one_shared_actor_is_enough(self) -> None:
        """A report naming M23 and ADF shares M23 with a report naming M23 only."""
        assert decide(make_event("a", sources=(M23, ADF)), make_event("b", sources=(M23,))).same is True


class TestEligibility:
    @pytest.mark.parametrize(
        ("act", "mode", "expected"),
        [
            ("attack", "asserted", None),
            ("attack", "claimed", None),
            ("arrest", "asserted", None),
            ("assault", "asserted", None),
            ("attack", "planned", "ignored_mode"),
            ("attack", "historical", "ignored_mode"),
            ("attack", "denied", "ignored_mode"),
            ("accuse", "asserted", "ignored_act"),
        ],
    )
    def test_which_events_enter(self, act: str, mode: str, expected: str | None) -> None:
        """On-the-ground acts that happened enter; statements and unrealized acts stay out."""
        assert ineligibility(make_event("e", act=act, mode=mode), SETTINGS) == expected


class TestSettings:
    def test_defaults(self) -> None:
        """The documented defaults."""
        s = ResolutionSettings()
        assert (s.date_window_days, s.coarse_date_window_days, s.distance_km) == (2, 3, 10.0)
        assert (s.state_window_days, s.bucket_days, s.max_date_span_days) == (7, 7, 31)

    def test_bucket_narrower_than_window_is_refused(self) -> None:
        """Buckets narrower than the widest date window would make the neighbour lookup miss matches."""
        with pytest.raises(ValueError, match="bucket_days"):
            ResolutionSettings(bucket_days=2)

    def test_thresholds_are_settings(self) -> None:
        """A wider distance makes Sake (23.3 km) the same place as Goma."""
        wide = ResolutionSettings(distance_km=25)
        assert compare(make_event("a"), make_event("b", place=SAKE), wide).same is True
