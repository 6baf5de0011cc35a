"""One event per incident in an article: mentions of one violent incident merge, others stay apart."""

from __future__ import annotations

from datetime import date

from conflict_events.contracts import Actor, ConflictEvent, EventDate, Evidence, Location, Quantity, Span
from conflict_events.core.dedup import merge_incidents, merge_mentions
from conflict_events.resources import read_lexicons

LEX = read_lexicons(country_names={"NGA": "Nigeria"})
ASSAULT_SUBTYPES = frozenset(
    sub for sub, (plover, _mode) in LEX.crosswalk.acled_plover.items() if plover == "ASSAULT"
)
STRICT = LEX.event_types.where("strict_merge")


def place(name: str, lat: float, lon: float, feature: str = "place") -> Location:
    """A resolved Nigerian place."""
    return Location(
        name=name,
        span=None,
        country="NGA",
        admin1="Borno",
        latitude=lat,
        longitude=lon,
        feature=feature,  # type: ignore[arg-type]
        geo_precision=1,
        reason="test",
    )


def when(day: int | None) -> EventDate:
    """A stated day of March 2024, or the anchor fallback (None)."""
    return EventDate(
        text=None,
        span=None,
        start=date(2024, 3, day or 9),
        end=date(2024, 3, day or 9),
        granularity="day",
        time_precision=1,
        anchor="published_at",
        fallback=day is None,
    )


def killed(n: int, start: int, words: str) -> Quantity:
    """A killed count whose words start at ``start``."""
    return Quantity(
        kind="killed",
        min=n,
        max=n,
        best=n,
        qualifier="exact",
        text=words,
        span=Span(start=start, end=start + len(words), text=words),
        acled_field=True,
    )


def mention(
    text: str,
    sentence: str,
    trigger: str,
    *,
    sub: str = "Attack",
    mode: str = "asserted",
    day: int | None = None,
    location: Location | None = None,
    count: tuple[int, str] | None = None,
) -> ConflictEvent:
    """A violent event read from ``sentence`` (found in ``text``), triggered by the word ``trigger``."""
    s0 = text.index(sentence)
    t0 = s0 + sentence.index(trigger)
    quantities = []
    if count is not None:
        quantities = [killed(count[0], s0 + sentence.index(count[1]), count[1])]
    return ConflictEvent(
        event_id=f"e{s0}",
        article_id="a",
        event_type="ASSAULT",
        cameo_root="18",
        category="violence",
        mode=mode,  # type: ignore[arg-type]
        summary="s",
        actors=[],
        location=location,
        date=when(day),
        quantities=quantities,
        attribution=None,
        evidence=Evidence(
            sentence=Span(start=s0, end=s0 + len(sentence), text=sentence),
            trigger=Span(start=t0, end=t0 + len(trigger), text=trigger),
            paragraph_index=0,
            story_index=0,
        ),
        confidence=0.7,
        extractor_version="t",
        acled_event_type="Violence against civilians",
        acled_sub_event_type=sub,  # type: ignore[arg-type]
    )


TOWN = place("Dikwa", 12.03, 13.92)
NEAR = place("Dikwa market", 12.04, 13.93)
FAR = place("Bama", 11.52, 13.69)
STATE = place("Borno", 11.5, 13.0, feature="admin1")

TEXT = (
    "A bomb hidden in a cart killed six traders at the market in Dikwa on Monday. "
    "The blast also destroyed dozens of stalls. "
    "By Tuesday the death toll had risen to 11, a medic said. "
    "A local militia claimed the attack in a video. "
    "The bombing was the worst in the state this year. "
    "In a separate attack on Monday, gunmen killed two herders near Bama."
)


def incident_mentions() -> list[ConflictEvent]:
    """The mentions the extractor reads from ``TEXT``."""
    return [
        mention(
            TEXT,
            "A bomb hidden in a cart killed six traders at the market in Dikwa on Monday.",
            "bomb",
            sub="Remote explosive/landmine/IED",
            day=4,
            location=TOWN,
            count=(6, "six traders"),
        ),
        mention(TEXT, "The blast also destroyed dozens of stalls.", "blast", location=NEAR),
        mention(
            TEXT,
            "By Tuesday the death toll had risen to 11, a medic said.",
            "death",
            day=5,
            count=(11, "11"),
        ),
        mention(TEXT, "A local militia claimed the attack in a video.", "attack", mode="claimed"),
        mention(
            TEXT,
            "The bombing was the worst in the state this year.",
            "bombing",
            mode="historical",
            location=STATE,
        ),
        mention(
            TEXT,
            "In a separate attack on Monday, gunmen killed two herders near Bama.",
            "killed",
            day=4,
            location=FAR,
            count=(2, "two herders"),
        ),
    ]


class TestOneIncident:
    """Mentions of one incident become one event; a second incident stays apart."""

    def test_mentions_merge_and_separate_attack_stays(self) -> None:
        """The lead, 'the blast', the revised toll, the claim and 'the bombing' join; the separate one not."""
        merged = merge_incidents(incident_mentions(), TEXT, ASSAULT_SUBTYPES)
        assert [(e.location.name if e.location else None, len(e.evidence.mentions)) for e in merged] == [
            ("Dikwa", 4),
            ("Bama", 0),
        ]

    def test_revised_toll_wins_and_means_kept(self) -> None:
        """'The toll had risen to 11' replaces six; the bomb's sub-type, the stated day and the mode stay."""
        first = merge_incidents(incident_mentions(), TEXT, ASSAULT_SUBTYPES)[0]
        assert (
            [q.best for q in first.quantities],
            first.acled_sub_event_type,
            first.date.start,
            first.mode,
        ) == ([11], "Remote explosive/landmine/IED", date(2024, 3, 4), "asserted")

    def test_background_mention_without_reference_stays_apart(self) -> None:
        """A historical sentence that does not refer back ('bombings have killed hundreds') is no mention."""
        text = (
            "A bomb killed six people in Dikwa on Monday. Bombings have killed hundreds in Borno for years."
        )
        events = [
            mention(text, "A bomb killed six people in Dikwa on Monday.", "bomb", day=4, location=TOWN),
            mention(text, "Bombings have killed hundreds in Borno for years", "killed", mode="historical"),
        ]
        assert len(merge_incidents(events, text, ASSAULT_SUBTYPES)) == 2

    def test_different_days_stay_apart(self) -> None:
        """Two shellings of one town told with their own days (Monday, Tuesday) are two incidents."""
        text = "Shells hit the market in Dikwa on Monday. Shells hit the hospital in Dikwa on Tuesday."
        events = [
            mention(text, "Shells hit the market in Dikwa on Monday.", "Shells", day=4, location=TOWN),
            mention(text, "Shells hit the hospital in Dikwa on Tuesday.", "Shells", day=5, location=TOWN),
        ]
        assert len(merge_incidents(events, text, ASSAULT_SUBTYPES)) == 2

    def test_a_day_inside_a_summed_up_period_is_its_own_incident(self) -> None:
        """ "Fighting left 300 dead over the past week" sums up many acts; "gunmen shot a priest in Dikwa on
        Wednesday" is an incident inside that week, not a further mention of the summary. An act said to go
        on "since" a day is the same act retold, and still merges."""
        text = "Fighting left 300 dead over the past week. Gunmen shot a priest in Dikwa on Wednesday."
        week = when(None).model_copy(
            update={"text": "over the past week", "start": date(2024, 3, 2), "end": date(2024, 3, 9)}
        )
        week = week.model_copy(update={"granularity": "range", "fallback": False})
        summary = mention(text, "Fighting left 300 dead over the past week.", "Fighting")
        summary = summary.model_copy(update={"date": week})
        day = mention(text, "Gunmen shot a priest in Dikwa on Wednesday.", "shot", day=6, location=TOWN)
        assert len(merge_incidents([summary, day], text, ASSAULT_SUBTYPES)) == 2
        ongoing = summary.model_copy(update={"date": week.model_copy(update={"text": "since Saturday"})})
        assert len(merge_incidents([ongoing, day], text, ASSAULT_SUBTYPES)) == 1

    def test_abduction_stays_apart_from_the_killing(self) -> None:
        """An abduction in the same raid is its own event, as the frames stage records it."""
        text = "Gunmen killed four villagers in Dikwa. The gunmen abducted nine girls."
        events = [
            mention(text, "Gunmen killed four villagers in Dikwa.", "killed", location=TOWN),
            mention(
                text,
                "The gunmen abducted nine girls.",
                "abducted",
                sub="Abduction/forced disappearance",
            ),
        ]
        assert len(merge_incidents(events, text, ASSAULT_SUBTYPES)) == 2

    def test_claim_count_does_not_replace_reported_toll(self) -> None:
        """A claimant's higher toll ('claimed the attack, saying it killed 30') does not replace ours."""
        text = "A bomb killed six people in Dikwa. The militia claimed the attack, saying it killed 30 men."
        events = [
            mention(text, "A bomb killed six people in Dikwa.", "bomb", location=TOWN, count=(6, "six")),
            mention(
                text,
                "The militia claimed the attack, saying it killed 30 men.",
                "killed",
                mode="claimed",
                count=(30, "30"),
            ),
        ]
        merged = merge_incidents(events, text, ASSAULT_SUBTYPES)
        assert [[q.best for q in e.quantities] for e in merged] == [[6]]

    def test_background_counts_stay_out_of_the_incident(self) -> None:
        """'The bombing bore the hallmarks of a group that has killed 40,000': a mention, not its toll."""
        text = (
            "A bomb killed six people in Dikwa. "
            "The bombing bore the hallmarks of a group that has killed 40,000."
        )
        events = [
            mention(text, "A bomb killed six people in Dikwa.", "bomb", location=TOWN, count=(6, "six")),
            mention(
                text,
                "The bombing bore the hallmarks of a group that has killed 40,000.",
                "bombing",
                mode="historical",
                count=(40000, "40,000"),
            ),
        ]
        merged = merge_incidents(events, text, ASSAULT_SUBTYPES)
        assert [([q.best for q in e.quantities], len(e.evidence.mentions)) for e in merged] == [([6], 1)]

    def test_an_act_timed_against_this_one_is_another(self) -> None:
        """'The killing came hours after a suicide attack': the suicide attack is a second incident."""
        text = (
            "Gunmen shot dead a cleric in Dikwa. "
            "The killing came hours after a suicide attack on a checkpoint."
        )
        events = [
            mention(text, "Gunmen shot dead a cleric in Dikwa.", "shot", location=TOWN),
            mention(
                text,
                "The killing came hours after a suicide attack on a checkpoint.",
                "attack",
                sub="Suicide bomb",
            ),
        ]
        merged = merge_incidents(events, text, ASSAULT_SUBTYPES)
        assert [e.acled_sub_event_type for e in merged] == ["Attack", "Suicide bomb"]


class TestSetApart:
    """Plain deduplication no longer merges a mention the text sets apart."""

    def test_separate_incident_is_not_merged_by_dedup(self) -> None:
        """'In a separate attack' keeps a second same-type event with no place of its own apart."""
        text = "Gunmen attacked a bus. In a separate attack, gunmen attacked a truck."
        events = [
            mention(text, "Gunmen attacked a bus.", "attacked", day=4),
            mention(text, "In a separate attack, gunmen attacked a truck.", "attacked", day=4),
        ]
        assert len(merge_mentions(events, STRICT)) == 2


def merged_codes(text: str, events: list[ConflictEvent]) -> list[tuple[str | None, str]]:
    """(sub-type, mode) of each incident after merging."""
    return [(e.acled_sub_event_type, e.mode) for e in merge_incidents(events, text, ASSAULT_SUBTYPES)]


class TestIncidentCodes:
    """The sub-type and mode of a merged incident: a named means, and the mode of the reported act."""

    def test_generic_explosion_does_not_outrank_an_air_strike(self) -> None:
        """'Explosions were heard' after a raid by warplanes keeps the air strike."""
        text = (
            "Warplanes struck a fuel depot in Dikwa on Monday. Residents said loud explosions shook the town."
        )
        events = [
            mention(
                text, "Warplanes struck a fuel depot in Dikwa on Monday.", "struck", sub="Air/drone strike"
            ),
            mention(
                text,
                "Residents said loud explosions shook the town.",
                "explosions",
                sub="Remote explosive/landmine/IED",
            ),
        ]
        assert merged_codes(text, events) == [("Air/drone strike", "asserted")]

    def test_generic_bomb_word_does_not_outrank_a_grenade(self) -> None:
        """A thrown grenade told later as 'the bomb hit two stalls' stays a grenade."""
        text = "A man threw a grenade into a bar in Dikwa. The bomb hit two stalls outside."
        events = [
            mention(text, "A man threw a grenade into a bar in Dikwa.", "grenade", sub="Grenade"),
            mention(text, "The bomb hit two stalls outside.", "bomb", sub="Remote explosive/landmine/IED"),
        ]
        assert merged_codes(text, events) == [("Grenade", "asserted")]

    def test_named_device_still_beats_a_plain_attack(self) -> None:
        """'Attacked a convoy' then 'a roadside bomb struck the lead truck': the device names the means."""
        text = "Militants attacked a convoy near Dikwa. A roadside bomb struck the lead truck."
        events = [
            mention(text, "Militants attacked a convoy near Dikwa.", "attacked"),
            mention(
                text,
                "A roadside bomb struck the lead truck.",
                "bomb",
                sub="Remote explosive/landmine/IED",
            ),
        ]
        assert merged_codes(text, events) == [("Remote explosive/landmine/IED", "asserted")]

    def test_grenades_in_a_gunfight_stay_a_clash(self) -> None:
        """A gun battle in which grenades were thrown is a clash, not a grenade attack."""
        text = "Rebels and soldiers fought a gun battle in Dikwa. The rebels also threw grenades at the post."
        events = [
            mention(text, "Rebels and soldiers fought a gun battle in Dikwa.", "battle", sub="Armed clash"),
            mention(text, "The rebels also threw grenades at the post.", "grenades", sub="Grenade"),
        ]
        assert merged_codes(text, events) == [("Armed clash", "asserted")]

    def test_a_bomb_recodes_a_clash_read_only_from_its_victims(self) -> None:
        """Soldiers 'attacked' (a clash read from who was hit) and then 'wounded when a bomb exploded': the
        bomb is the means, as ACLED codes an explosive attack on soldiers."""
        text = "Nine soldiers were attacked in Dikwa. They were wounded when a homemade bomb exploded."
        events = [
            mention(text, "Nine soldiers were attacked in Dikwa.", "attacked", sub="Armed clash"),
            mention(
                text,
                "They were wounded when a homemade bomb exploded.",
                "bomb",
                sub="Remote explosive/landmine/IED",
            ),
        ]
        assert merged_codes(text, events) == [("Remote explosive/landmine/IED", "asserted")]

    def test_a_plain_attack_does_not_recode_a_clash_on_soldiers(self) -> None:
        """A raid on an army base told later as 'the attack' stays a clash: no means is named."""
        text = "Fighters killed seven soldiers at an army base in Dikwa. The group claimed the attack."
        events = [
            mention(
                text, "Fighters killed seven soldiers at an army base in Dikwa.", "killed", sub="Armed clash"
            ),
            mention(text, "The group claimed the attack.", "attack", mode="claimed"),
        ]
        assert merged_codes(text, events) == [("Armed clash", "asserted")]

    def test_grenades_carried_into_a_told_gunbattle_stay_a_clash(self) -> None:
        """A clash read from its victims, then 'the gunbattle', then 'armed with rifles and grenades': the
        fight is told in a mention, so the grenades are weapons of the clash."""
        text = (
            "Militants stormed a police post in Dikwa, killing five. Six more policemen were wounded in the "
            "gunbattle. The militants were armed with rifles and grenades."
        )
        events = [
            mention(
                text, "Militants stormed a police post in Dikwa, killing five.", "killing", sub="Armed clash"
            ),
            mention(
                text, "Six more policemen were wounded in the gunbattle.", "gunbattle", sub="Armed clash"
            ),
            mention(text, "The militants were armed with rifles and grenades.", "grenades", sub="Grenade"),
        ]
        assert merged_codes(text, events) == [("Armed clash", "asserted")]

    def test_a_denial_does_not_make_the_reported_act_disputed(self) -> None:
        """Shelling reported by medics and denied by the accused group stays asserted."""
        text = "Shells killed two children in Dikwa, medics said. The rebels denied shelling the town."
        events = [
            mention(
                text,
                "Shells killed two children in Dikwa, medics said.",
                "Shells",
                sub="Shelling/artillery/missile attack",
            ),
            mention(
                text,
                "The rebels denied shelling the town.",
                "shelling",
                sub="Shelling/artillery/missile attack",
                mode="denied",
            ),
        ]
        assert merged_codes(text, events) == [("Shelling/artillery/missile attack", "asserted")]

    def test_denied_then_claimed_keeps_the_first_report(self) -> None:
        """With no report asserting the act, the first report's mode stays."""
        text = "The army denied killing civilians in Dikwa. A militia claimed the attack on the village."
        events = [
            mention(text, "The army denied killing civilians in Dikwa.", "killing", mode="denied"),
            mention(text, "A militia claimed the attack on the village.", "attack", mode="claimed"),
        ]
        assert [mode for _sub, mode in merged_codes(text, events)] == ["denied"]

    def test_a_later_plain_attack_does_not_replace_a_specific_sub_type(self) -> None:
        """Police firing on a march, told later as 'the attack', stays excessive force against protesters."""
        text = "Police fired on marchers in Dikwa, killing four. Rights groups condemned the attack."
        events = [
            mention(
                text,
                "Police fired on marchers in Dikwa, killing four.",
                "fired",
                sub="Excessive force against protesters",
                count=(4, "four"),
            ),
            mention(text, "Rights groups condemned the attack.", "attack"),
        ]
        assert merged_codes(text, events) == [("Excessive force against protesters", "asserted")]

    def test_burned_houses_of_a_deadly_raid_stay_an_attack(self) -> None:
        """A raid that killed villagers and burned their houses is an attack; burned trucks alone are not."""
        deadly = "Gunmen killed five villagers in Dikwa. They burned houses and granaries."
        events = [
            mention(deadly, "Gunmen killed five villagers in Dikwa.", "killed", count=(5, "five")),
            mention(
                deadly, "They burned houses and granaries.", "burned", sub="Looting/property destruction"
            ),
        ]
        assert merged_codes(deadly, events) == [("Attack", "asserted")]
        harmless = "Militants burned six trucks in Dikwa. A militia claimed the attack."
        events = [
            mention(
                harmless,
                "Militants burned six trucks in Dikwa.",
                "burned",
                sub="Looting/property destruction",
            ),
            mention(harmless, "A militia claimed the attack.", "attack", mode="claimed"),
        ]
        assert merged_codes(harmless, events) == [("Looting/property destruction", "asserted")]


class TestLaterVictims:
    """Victims named only in a later mention of an incident are its targets too."""

    @staticmethod
    def with_actors(event: ConflictEvent, actors: list[Actor]) -> ConflictEvent:
        return event.model_copy(update={"actors": actors})

    @staticmethod
    def actor(role: str, words: str, start: int, *, named: bool = False, kind: str | None = None) -> Actor:
        span = Span(start=start, end=start + len(words), text=words)
        name = words if named else "Unidentified"
        return Actor.model_validate(
            {"role": role, "text": words, "span": span, "name": name, "named": named, "actor_type": kind}
        )

    def test_unnamed_victims_of_a_later_mention_are_kept(self) -> None:
        """'A grenade hit the depot.' then 'The blast wounded two porters.': the porters are targets (and
        the later mention's gunmen the source: the first names none)."""
        text = "A grenade hit the depot in Dikwa on Monday. The blast wounded two porters and a guard."
        first = self.with_actors(
            mention(text, "A grenade hit the depot in Dikwa on Monday.", "grenade", day=4, location=TOWN),
            [self.actor("target", "the depot", text.index("the depot"))],
        )
        later = self.with_actors(
            mention(text, "The blast wounded two porters and a guard.", "blast"),
            [
                self.actor("source", "gunmen", 0),
                self.actor("target", "two porters", text.index("two porters")),
                self.actor("target", "a guard", text.index("a guard")),
                self.actor("target", "the depot", text.index("the depot")),
            ],
        )
        (merged,) = merge_incidents([first, later], text, ASSAULT_SUBTYPES)
        assert [(a.role, a.text) for a in merged.actors] == [
            ("target", "the depot"),
            ("source", "gunmen"),
            ("target", "two porters"),
            ("target", "a guard"),
        ]

    def test_guessed_actor_stays_beside_a_stated_one_of_another_kind(self) -> None:
        """A later mention's named police do not replace the first mention's bomber (another kind)."""
        text = "A bomber blew himself up in Dikwa on Monday. Police of Chad said they had found the car."
        bomber = self.actor("source", "A bomber", 0, kind="Political Militias").model_copy(
            update={"name": "Unidentified Armed Group (Nigeria)", "country": "NGA", "confidence": 0.55}
        )
        police = self.actor("source", "Police of Chad", text.index("Police"), named=True, kind="State Forces")
        sentence = "A bomber blew himself up in Dikwa on Monday."
        first = self.with_actors(mention(text, sentence, "blew", day=4, location=TOWN), [bomber])
        later = self.with_actors(
            mention(text, "Police of Chad said they had found the car.", "found"),
            [police.model_copy(update={"confidence": 0.8})],
        )
        (merged,) = merge_incidents([first, later], text, ASSAULT_SUBTYPES)
        assert [a.text for a in merged.actors if a.role == "source"] == ["A bomber", "Police of Chad"]


def victim(words: str, text: str, *, named: bool = False, confidence: float = 0.5) -> Actor:
    """A target actor with its own span in ``text`` and no actor type."""
    at = text.index(words)
    return Actor(
        role="target",
        text=words,
        span=Span(start=at, end=at + len(words), text=words),
        name=words.removeprefix("the "),
        named=named,
        confidence=confidence,
    )


def test_victims_of_two_mentions_add_up_and_a_named_place_replaces_none() -> None:
    text = (
        "A roadside bomb killed a police colonel near Tikrit. "
        "Two of his guards were wounded. "
        "The blast shook the bank of the Tigris."
    )
    first = mention(text, "A roadside bomb killed a police colonel near Tikrit.", "bomb")
    first = first.model_copy(update={"actors": [victim("a police colonel", text)]})
    second = mention(text, "Two of his guards were wounded.", "wounded")
    second = second.model_copy(update={"actors": [victim("Two of his guards", text)]})
    third = mention(text, "The blast shook the bank of the Tigris.", "blast")
    third = third.model_copy(update={"actors": [victim("the Tigris", text, named=True, confidence=0.65)]})
    (merged,) = merge_mentions([first, second, third], STRICT)
    targets = [a.text for a in merged.actors if a.role == "target"]
    assert "a police colonel" in targets and "Two of his guards" in targets


def test_town_the_gazetteer_lacks_is_compatible_within_its_country() -> None:
    """'Gunmen struck Dalori' (no GeoNames entry, placed in Borno) and 'the raid near Maiduguri': the
    distance is unknown, so the two mentions may be one incident; a town abroad may not."""
    from conflict_events.core.dedup import places_compatible

    known = place("Maiduguri", 11.85, 13.16)
    unknown = place("Dalori", 11.85, 13.16).model_copy(update={"geo_precision": 2, "latitude": 12.5})
    far = place("Kano", 12.0, 8.52)
    assert places_compatible(unknown, known, loose=False)
    assert places_compatible(far, unknown, loose=False)
    assert not places_compatible(far, known, loose=False)
    abroad = unknown.model_copy(update={"country": "NER"})
    assert not places_compatible(abroad, known, loose=False)
