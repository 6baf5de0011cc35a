"""End-to-end tests of core.pipeline on sentences written for these tests (one behaviour each)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from conflict_events.contracts import Article, ConflictEvent
from conflict_events.core.pipeline import ExtractionResult, extract, extract_many, main_event
from conflict_events.resources import Resources

PUBLISHED = datetime(2024, 3, 8, 10, 0, tzinfo=UTC)



def run(resources: Resources, text: str, **fields: object) -> ExtractionResult:
    """Extract one article published on Friday 2024-03-08."""
    article = Article.model_validate({"id": "t1", "text": text, "published_at": PUBLISHED, **fields})
    return extract(article, resources, ingested_at=PUBLISHED)


def only(result: ExtractionResult) -> ConflictEvent:
    """The single event of a result."""
    assert len(result.events) == 1, [e.summary for e in result.events]
    return result.events[0]


def roles(event: ConflictEvent) -> list[tuple[str, str, bool]]:
    """(role, name, named) of every actor."""
    return [(a.role, a.name, a.named) for a in event.actors]


class TestSkips:
    """Articles that are not extracted."""

    def test_empty_text_is_skipped(self, resources: Resources) -> None:
        """Whitespace-only text is skipped as empty_text."""
        result = run(resources, "  \n\n ")
        assert (result.status, result.skip_reason, result.events) == ("skipped", "empty_text", ())

    def test_non_english_is_skipped_with_language(self, resources: Resources) -> None:
        """A French article is skipped as not_english and never guessed at."""
        result = run(resources, "Des hommes armés ont tué trois villageois dans le nord du pays lundi soir.")
        assert (result.status, result.skip_reason, result.language, result.events) == (
            "skipped",
            "not_english",
            "fr",
            (),
        )

    def test_sentence_without_event_gives_nothing(self, resources: Resources) -> None:
        """No default event: a ribbon-cutting and a heart attack yield no events."""
        text = (
            "The minister opened a new school in the capital on Monday. The mayor died of a heart attack. "
            "The senator withdrew to his farm. The court battle over the budget goes on."
        )
        result = run(resources, text)
        assert (result.status, result.events) == ("processed", ())


class TestViolence:
    """Violent events: types, unnamed actors, places, dates, counts."""

    def test_unnamed_gunmen_kill_villagers(self, resources: Resources) -> None:
        """Gunmen are an unnamed armed group; villagers are civilian targets; Monday before publication."""
        event = only(run(resources, "Gunmen killed three villagers in Kano on Monday."))
        assert (event.event_type, event.acled_event_type, event.acled_sub_event_type) == (
            "ASSAULT",
            "Violence against civilians",
            "Attack",
        )
        assert roles(event) == [
            ("source", "Unidentified Armed Group (Nigeria)", False),
            ("target", "Civilians (Nigeria)", True),
        ]
        assert event.location is not None and (event.location.name, event.location.country) == ("Kano", "NGA")
        assert (event.date.start, event.date.time_precision) == (date(2024, 3, 4), 1)
        assert [(q.kind, q.best, q.qualifier) for q in event.quantities] == [("killed", 3, "exact")]

    def test_air_strike_without_perpetrator_keeps_an_implicit_actor(self, resources: Resources) -> None:
        """An air strike with nobody named keeps an implicit Unidentified source (no span)."""
        event = only(run(resources, "An air strike hit a market in Idlib on Tuesday, killing 12 people."))
        assert (event.plover_mode, event.acled_sub_event_type, event.cameo_root) == (
            "aerial",
            "Air/drone strike",
            "19",
        )
        source = event.actors[0]
        assert (source.role, source.name, source.named, source.span, source.sector) == (
            "source",
            "Unidentified",
            False,
            None,
            "UNK",
        )

    def test_upper_case_wire_copy(self, resources: Resources) -> None:
        """All-capitals text is extracted with offsets into the original capitals."""
        text = "GUERRILLAS ATTACKED A POLICE STATION IN SAN MIGUEL ON MONDAY, KILLING TWO POLICEMEN."
        event = only(run(resources, text))
        assert (event.event_type, event.evidence.trigger.text) == ("ASSAULT", "ATTACKED")
        assert event.location is not None and event.location.name == "San Miguel"
        assert [(q.kind, q.best) for q in event.quantities] == [("killed", 2)]

    @pytest.mark.parametrize(
        ("text", "sub"),
        [
            (
                "A suicide bomber blew himself up at a checkpoint in Baghdad, killing nine people.",
                "Suicide bomb",
            ),
            (
                "A roadside bomb killed four soldiers in Helmand province on Thursday.",
                "Remote explosive/landmine/IED",
            ),
            (
                "Two civilians died in shelling of Donetsk, according to local officials.",
                "Shelling/artillery/missile attack",
            ),
            ("Soldiers clashed with rebels near Goma on Monday, leaving ten fighters dead.", "Armed clash"),
            (
                "Kidnappers abducted 20 students from a school in Kaduna state on Friday.",
                "Abduction/forced disappearance",
            ),
            (
                "Government forces recaptured the town of Palmyra from the militants on Sunday.",
                "Government regains territory",
            ),
            (
                "Al-Shabaab militants seized control of the town of Buulobarde on Friday.",
                "Non-state actor overtakes territory",
            ),
            ("Troops defused a bomb planted near a school in Mogadishu on Monday.", "Disrupted weapons use"),
            (
                "Foreign troops withdrew from the airbase near Kandahar on Friday.",
                "Non-violent transfer of territory",
            ),
            (
                "Police seized 40 rifles and 2,000 rounds of ammunition in Cali on Monday.",
                "Disrupted weapons use",
            ),
            (
                "Police opened fire on demonstrators in Yangon, killing five people.",
                "Excessive force against protesters",
            ),
        ],
    )
    def test_acled_sub_event_types(self, resources: Resources, text: str, sub: str) -> None:
        """Weapons, actors and context give the ACLED sub-event type."""
        assert only(run(resources, text)).acled_sub_event_type == sub

    @pytest.mark.parametrize(
        "text",
        [
            "Government troops recaptured the hill village of Dorvak on Tuesday after days of air strikes.",
            "Soldiers retook the market town of Ilvane from the insurgents, backed by artillery shelling.",
        ],
    )
    def test_capture_after_bombardment_is_the_territory_event(self, resources: Resources, text: str) -> None:
        """A capture is the event its sentence tells; the strikes or shelling that prepared it do not make it
        a strike (the capture verb's territory hint wins over a heavier weapon word of the same frame)."""
        assert only(run(resources, text)).acled_sub_event_type == "Government regains territory"

    def test_named_group_behind_generic_word(self, resources: Resources) -> None:
        """'Al-Shabaab militants' is the named group Al-Shabaab, not an unnamed one."""
        event = only(
            run(resources, "Al-Shabaab militants seized control of the town of Buulobarde on Friday.")
        )
        assert roles(event) == [("source", "Al-Shabaab", True)]


class TestProtest:
    """Demonstrations and how they were met."""

    @pytest.mark.parametrize(
        "text",
        [
            "Marches demanding the release of the jailed poet are being held across Torvia.",
            "A crowd of several hundred gathered in Kesti on Sunday and demanded new elections.",
        ],
    )
    def test_demand_made_by_a_demonstration_is_a_protest(self, resources: Resources, text: str) -> None:
        """A demand whose maker is a march, a rally or a crowd (the noun governs the demand or is its
        subject) is the protest, not a verbal request."""
        event = only(run(resources, text))
        assert (event.event_type, event.acled_sub_event_type) == ("PROTEST", "Peaceful protest")

    def test_demand_by_an_official_stays_a_request(self, resources: Resources) -> None:
        """A minister's demand is a request: no ACLED event."""
        event = only(run(resources, "The minister demanded new elections in Kesti on Sunday."))
        assert (event.event_type, event.acled_sub_event_type) == ("REQUEST", None)

    def test_peaceful_march(self, resources: Resources) -> None:
        """A peaceful march is a Peaceful protest on the Saturday before publication."""
        event = only(
            run(resources, "Thousands of people marched peacefully through central Santiago on Saturday.")
        )
        assert (event.event_type, event.plover_mode, event.acled_sub_event_type, event.date.start) == (
            "PROTEST",
            "demo",
            "Peaceful protest",
            date(2024, 3, 2),
        )

    def test_tear_gas_is_intervention(self, resources: Resources) -> None:
        """Tear gas used to disperse protesters is a Protest with intervention."""
        event = only(run(resources, "Police fired tear gas to disperse thousands of protesters in Nairobi."))
        assert (event.acled_event_type, event.acled_sub_event_type) == (
            "Protests",
            "Protest with intervention",
        )

    def test_stone_throwing_is_a_riot(self, resources: Resources) -> None:
        """Protesters throwing stones is a Violent demonstration (Riots)."""
        event = only(
            run(resources, "Protesters threw stones at police and set tyres on fire in Dhaka on Monday.")
        )
        assert (event.event_type, event.acled_event_type, event.acled_sub_event_type) == (
            "PROTEST",
            "Riots",
            "Violent demonstration",
        )


class TestModes:
    """Epistemic modes."""

    @pytest.mark.parametrize(
        ("text", "event_type", "mode"),
        [
            ("The army will deploy 500 troops to the border next week.", "MOBILIZE", "planned"),
            # "May" is the month, not the modal; in an article of March it is last May, ten months back
            ("In May, rebels attacked the town of Kidal.", "ASSAULT", "historical"),
            ("On Tuesday, rebels attacked the town of Kidal.", "ASSAULT", "asserted"),
            ("Police did not arrest anyone during the march in Lagos.", "COERCE", "negated"),
            ("Rebels could attack the city if the talks fail.", "ASSAULT", "hypothetical"),
            (
                "The group claimed responsibility for the bombing that killed 20 people in Kabul.",
                "ASSAULT",
                "claimed",
            ),
            ("The army denied that its soldiers shot protesters in Khartoum.", "ASSAULT", "denied"),
            ("The militia threatened to attack government buildings in Tripoli.", "THREATEN", "threatened"),
            (
                "Since 2014 the insurgency has killed more than 35,000 people in the region.",
                "ASSAULT",
                "historical",
            ),
        ],
    )
    def test_mode(self, resources: Resources, text: str, event_type: str, mode: str) -> None:
        """Each sentence gets its event type and mode."""
        event = only(run(resources, text))
        assert (event.event_type, event.mode) == (event_type, mode)

    def test_unhappened_events_carry_no_acled_type(self, resources: Resources) -> None:
        """A hypothetical attack has no ACLED type (ACLED records only what happened)."""
        event = only(run(resources, "Rebels could attack the city if the talks fail."))
        assert (event.acled_event_type, event.acled_sub_event_type) == (None, None)

    def test_request_governs_its_content(self, resources: Resources) -> None:
        """'called for the release of prisoners' is a REQUEST, not a release."""
        event = only(run(resources, "The opposition called for the release of all political prisoners."))
        assert (event.event_type, event.cameo_root, event.category) == ("REQUEST", "10", "other")


class TestAttribution:
    """Who says so."""

    def test_said_after_the_clause(self, resources: Resources) -> None:
        """'..., the army said' attributes the event to the army."""
        event = only(
            run(resources, "Five soldiers were killed in an ambush near Gao on Wednesday, the army said.")
        )
        assert event.attribution is not None
        assert (event.attribution.source, event.attribution.cue) == ("the army", "said")

    def test_according_to(self, resources: Resources) -> None:
        """'according to local officials' attributes the event to local officials."""
        event = only(
            run(resources, "Two civilians died in shelling of Donetsk, according to local officials.")
        )
        assert event.attribution is not None
        assert (event.attribution.source, event.attribution.cue) == ("local officials", "according to")

    def test_source_stops_before_its_relative_clause(self, resources: Resources) -> None:
        """'according to a police officer who saw the blast' cites 'a police officer'."""
        text = "A roadside bomb exploded near Kandahar, according to a police officer who saw the blast."
        event = only(run(resources, text))
        assert event.attribution is not None and event.attribution.source == "a police officer"

    def test_weapon_is_not_an_actor(self, resources: Resources) -> None:
        """'The IED detonated': the device is no actor; the perpetrator stays unnamed."""
        event = only(run(resources, "The IED detonated near a checkpoint in Mosul on Monday."))
        assert roles(event) == [("source", "Unidentified", False)]

    def test_pronoun_takes_the_last_named_speaker(self, resources: Resources) -> None:
        """'he said' resolves to the person who spoke last in the story."""
        text = (
            "Rebels shelled the port of Hodeidah on Monday, spokesman Ali Nasser said. "
            "Two fishermen were killed in Hodeidah on Tuesday, he said."
        )
        sources = {e.attribution.source for e in run(resources, text).events if e.attribution}
        assert sources == {"Ali Nasser"}


class TestDocuments:
    """Document handling: duplicates, stories, batching, determinism."""

    def test_repeated_paragraph_gives_one_event(self, resources: Resources) -> None:
        """A paragraph repeated verbatim yields its event once."""
        text = "Gunmen attacked a bus in Zamfara on Monday.\n\nGunmen attacked a bus in Zamfara on Monday."
        assert len(run(resources, text).events) == 1

    def test_mentions_of_one_event_are_merged(self, resources: Resources) -> None:
        """Two sentences reporting the same strike on the same town merge; the second becomes a mention."""
        text = (
            "Fighter jets bombed Maarat al-Numan on Monday, killing eight civilians.\n\n"
            "The warplanes struck Maarat al-Numan after dawn, residents said."
        )
        event = only(run(resources, text))
        assert [m.text for m in event.evidence.mentions] == [
            "The warplanes struck Maarat al-Numan after dawn, residents said."
        ]

    def test_two_stories_in_one_document(self, resources: Resources) -> None:
        """A second headline starts story 1; each story keeps its own event."""
        text = (
            "Rebels seize border town\n\n"
            "Rebels seized the border town of Tiko on Monday after heavy fighting.\n\n"
            "Strike closes ports\n\n"
            "Dock workers went on strike in Durban on Tuesday over pay."
        )
        assert [(e.event_type, e.evidence.story_index) for e in run(resources, text).events] == [
            ("ASSAULT", 0),
            ("PROTEST", 1),
        ]

    def test_extract_many_equals_extract(self, resources: Resources) -> None:
        """Batched extraction gives the same events as one-by-one extraction."""
        texts = [
            "Gunmen killed three villagers in Kano on Monday.",
            "Nothing happened today.",
            "Police arrested 15 activists in Harare on Friday.",
        ]
        articles = [Article(id=f"a{i}", text=t, published_at=PUBLISHED) for i, t in enumerate(texts)]
        batched = extract_many(articles, resources, ingested_at=PUBLISHED)
        single = [extract(a, resources, ingested_at=PUBLISHED) for a in articles]
        assert [r.events for r in batched] == [r.events for r in single]
        assert [len(r.events) for r in batched] == [1, 0, 1]

    def test_event_id_is_deterministic_and_article_specific(self, resources: Resources) -> None:
        """The same article gives the same id; another article id gives another event id."""
        text = "Gunmen killed three villagers in Kano on Monday."
        first, again = only(run(resources, text)), only(run(resources, text))
        other = only(run(resources, text, id="t2"))
        assert (first.event_id == again.event_id, first.event_id == other.event_id, len(first.event_id)) == (
            True,
            False,
            32,
        )

    def test_main_event_prefers_asserted_violence(self, resources: Resources) -> None:
        """The main event is the asserted ACLED event, not the planned deployment."""
        text = (
            "The army will deploy more troops to Borno next week. "
            "Insurgents killed seven soldiers in an attack on a base in Borno on Thursday."
        )
        event = main_event(run(resources, text))
        assert event is not None and (event.event_type, event.mode) == ("ASSAULT", "asserted")

    def test_main_event_prefers_violence_only_among_comparable_events(self, resources: Resources) -> None:
        """Violence is preferred when it is told as firmly as the rest (the killing over the deployment); an
        act the lead tells firmly stays main over violence named in passing after it (the attack that prompted
        a deployment, the boats mines once destroyed)."""
        texts = (
            "Troops were deployed to Gao on Monday. Gunmen killed four traders in the market of Gao on "
            "Sunday, residents said.",
            "The Malian army has dispatched two hundred soldiers and armoured vehicles to the town "
            "of Menaka. The move followed an attack on a grain depot last month.",
            "Navy divers removed and defused more than 300 sea mines along the coast of Kismayo in March. "
            "The mines had been laid during the war and destroyed fishing boats.",
        )
        mains = [main_event(run(resources, text)) for text in texts]
        assert [e.acled_sub_event_type if e else None for e in mains] == [
            "Attack",
            "Change to group/activity",
            "Disrupted weapons use",
        ]

    def test_anchor_falls_back_to_ingestion_time(self, resources: Resources) -> None:
        """Without published_at the date is resolved against ingested_at, and says so."""
        article = Article(id="t3", text="Gunmen killed three villagers in Kano on Monday.")
        event = only(extract(article, resources, ingested_at=PUBLISHED))
        assert (event.date.anchor, event.date.start) == ("ingested_at", date(2024, 3, 4))


class TestCountryFallback:
    """Events whose sentences name no place get the story's main country."""

    def test_placeless_event_gets_the_main_country_at_precision_3(self, resources: Resources) -> None:
        """A placeless sentence in a Nigerian story is located in Nigeria, without a span."""
        text = (
            "Heavy rain fell on Kano and Kaduna in northern Nigeria this week.\n\n"
            "Gunmen abducted twelve farmers on Tuesday, police said."
        )
        event = only(run(resources, text))
        assert event.location is not None
        assert (event.location.country, event.location.geo_precision, event.location.span) == ("NGA", 3, None)
        assert event.location.confidence == 0.3

    def test_named_place_is_kept(self, resources: Resources) -> None:
        """A sentence that names its town keeps the town, not the country."""
        event = only(run(resources, "Gunmen abducted twelve farmers near Kaduna, Nigeria on Tuesday."))
        assert event.location is not None
        assert (event.location.name, event.location.country) == ("Kaduna", "NGA")


class TestVerbalCooperationAndConflict:
    """Generic PLOVER triggers for verbal and material cooperation/conflict types."""

    @pytest.mark.parametrize(
        ("text", "event_type", "plover_mode"),
        [
            ("The militia said it would boycott the elections in the north.", "THREATEN", "restrict"),
            (
                "The army issued an ultimatum to the rebels to stop attacks on the highway.",
                "THREATEN",
                "relations",
            ),
            ("The agency will provide 10,000 tons of food aid to displaced families.", "AGREE", None),
            (
                "Spain will support the bid by Morocco to join the trade bloc, the minister said.",
                "AGREE",
                None,
            ),
            ("The president defended the army against criticism from the opposition.", "SUPPORT", None),
            ("The rebels declared a unilateral ceasefire on Sunday.", "RETREAT", "ceasefire"),
            ("Three hundred fighters surrendered to the army last week.", "RETREAT", "disarm"),
            ("The court decided to allow the opposition candidate to run in the election.", "CONCEDE", None),
            ("The foreign minister will visit the capital next month.", "AGREE", None),
        ],
    )
    def test_type_and_mode_word(
        self, resources: Resources, text: str, event_type: str, plover_mode: str | None
    ) -> None:
        """The sentence's one event has the PLOVER type and mode word its words define."""
        event = only(run(resources, text))
        assert (event.event_type, event.plover_mode) == (event_type, plover_mode)


class TestTwoEventsInOneSentence:
    """A sentence that reports two conjoined acts gives two events."""

    def test_killing_and_abduction(self, resources: Resources) -> None:
        """'killed three ... and abducted five' is an attack with 3 killed and an abduction of 5."""
        result = run(
            resources, "Gunmen killed three villagers and abducted five others in Zamfara on Sunday."
        )
        got = sorted(
            (e.acled_sub_event_type or "", [(q.kind, q.best) for q in e.quantities]) for e in result.events
        )
        assert got == [
            ("Abduction/forced disappearance", [("kidnapped", 5)]),
            ("Attack", [("killed", 3)]),
        ]
        assert len({e.event_id for e in result.events}) == 2

    def test_shelling_and_arrests(self, resources: Resources) -> None:
        """Conjoined acts of different PLOVER types are two events."""
        result = run(resources, "Soldiers shelled the town and arrested four suspects.")
        assert sorted(e.event_type for e in result.events) == ["ASSAULT", "COERCE"]

    def test_one_act_gives_one_event(self, resources: Resources) -> None:
        """Two words for one act ('attacked and killed') stay one event."""
        result = run(resources, "Gunmen attacked the village and killed three farmers on Sunday.")
        assert [e.event_type for e in result.events] == ["ASSAULT"]


class TestPerpetratorFromModifier:
    """A country word on an attack noun names the forces that carried it out."""

    def test_demonym_on_subject_attack_noun(self, resources: Resources) -> None:
        """'The Turkish shelling wounded three' has the Military Forces of Turkey as source."""
        event = only(run(resources, "The Turkish shelling wounded three civilians near the border."))
        assert [(a.role, a.name, a.country) for a in event.actors if a.role == "source"] == [
            ("source", "Military Forces of Turkey", "TUR")
        ]

    def test_weapon_without_country_stays_unnamed(self, resources: Resources) -> None:
        """'A roadside bomb killed two soldiers' keeps an unnamed source."""
        event = only(run(resources, "A roadside bomb killed two soldiers."))
        assert [(a.role, a.named) for a in event.actors if a.role == "source"] == [("source", False)]


class TestOfficialProtest:
    """A state that protests in words accuses; a crowd that protests demonstrates."""

    def test_government_protest_is_accuse(self, resources: Resources) -> None:
        """'China protested to Japan' is ACCUSE with no ACLED type."""
        event = only(run(resources, "China protested to Japan over the visit."))
        assert (event.event_type, event.acled_sub_event_type) == ("ACCUSE", None)

    def test_crowd_protest_stays_protest(self, resources: Resources) -> None:
        """'Students protested against the fee increase' stays a peaceful protest."""
        event = only(run(resources, "Students protested against the fee increase in Dhaka."))
        assert (event.event_type, event.acled_sub_event_type) == ("PROTEST", "Peaceful protest")


class TestDisasters:
    """Deaths from accidents and natural disasters are not attacks."""

    @pytest.mark.parametrize(
        "text",
        [
            "Nineteen people were killed when their bus plunged off a bridge.",
            "The earthquake killed two people in the mountains.",
            "In May 2016 an earthquake destroyed much of the old town and nearly 600 people were killed.",
            "Floods damaged hundreds of homes in the valley last week.",
        ],
    )
    def test_accident_gives_no_event(self, resources: Resources, text: str) -> None:
        """A casualty sentence that names a disaster and no attacker gives no event."""
        assert run(resources, text).events == ()

    def test_destruction_by_an_attacker_near_a_disaster_word_is_kept(self, resources: Resources) -> None:
        """Rebels who destroy a bridge over a flooded river still destroy property."""
        event = only(run(resources, "Rebels destroyed a bridge over the flooded river near Gao on Monday."))
        assert (event.event_type, event.acled_sub_event_type) == ("ASSAULT", "Looting/property destruction")

    def test_attacker_near_disaster_word_is_kept(self, resources: Resources) -> None:
        """Gunmen who kill near a collapsed bridge still make an attack."""
        event = only(run(resources, "Gunmen killed two people near the collapsed bridge."))
        assert event.event_type == "ASSAULT"
