"""Tests for the crosswalk tables (data/crosswalk*.csv, data/event_types.csv) and core.taxonomy's rules."""

from __future__ import annotations

from typing import get_args

import pytest

from conflict_events.contracts import PLOVER_TYPES, AcledEventType, AcledSubEventType, Actor, Category
from conflict_events.core.lexicons import (
    Crosswalk,
    LexiconError,
    parse_actors,
    parse_crosswalk,
    parse_event_types,
    parse_triggers,
)
from conflict_events.core.taxonomy.classify import Taxonomy, classify
from conflict_events.core.text.document import Sentence
from conflict_events.core.text.triggers import find_triggers
from conflict_events.resources import DATA_DIR

TYPES = parse_event_types((DATA_DIR / "event_types.csv").read_text(encoding="utf-8"))
ACTORS = parse_actors((DATA_DIR / "lexicon_actors.csv").read_text(encoding="utf-8"))
TRIGGERS = parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crosswalk() -> Crosswalk:
    """The shipped crosswalk tables."""

    def read(name: str) -> str:
        return (DATA_DIR / name).read_text(encoding="utf-8")

    return parse_crosswalk(read("crosswalk.csv"), read("crosswalk_acled.csv"), TYPES)


def code(
    crosswalk: Crosswalk,
    event_type: str,
    *,
    plover_mode: str | None = None,
    hint: str | None = None,
    trigger_words: str = "w",
    actors: tuple[Actor, ...] = (),
    sentence: str = "x",
    mode: str = "asserted",
    context: str | None = None,
) -> Taxonomy:
    """``classify`` with the shipped tables and the defaults most tests share."""
    return classify(
        event_type,
        plover_mode=plover_mode,
        hint=hint,
        trigger_words=trigger_words,
        actors=actors,
        sentence=sentence,
        mode=mode,
        crosswalk=crosswalk,
        event_types=TYPES,
        actor_lexicon=ACTORS,
        context=context,
    )


def actor(role: str, actor_type: str | None) -> Actor:
    """A minimal actor of an ACLED type."""
    return Actor(role=role, text="x", span=None, name="X", named=True, actor_type=actor_type)


def side(role: str, text: str, kind: str | None) -> Actor:
    """An unnamed actor of one role and ACLED type (span-less)."""
    return Actor(role=role, text=text, span=None, name=text, named=False, actor_type=kind)


class TestTables:
    """The tables cover the taxonomies exactly, in codebook spelling."""

    def test_all_25_acled_sub_event_types_in_codebook_spelling(self, crosswalk: Crosswalk) -> None:
        """The ACLED table has exactly the contract's 25 sub-event types."""
        assert sorted(crosswalk.acled_type) == sorted(get_args(AcledSubEventType))

    def test_acled_event_types_are_the_six(self, crosswalk: Crosswalk) -> None:
        """Every sub-type maps to one of the six ACLED event types, and all six are used."""
        assert set(crosswalk.acled_type.values()) == set(get_args(AcledEventType))

    def test_case_codes(self, crosswalk: Crosswalk) -> None:
        """CASE-2021 codes map to their sub-types (including the CASE misspelling PROPERTY_DISTRUCT)."""
        assert (
            crosswalk.case_code["Looting/property destruction"],
            crosswalk.case_code["Disrupted weapons use"],
            len(set(crosswalk.case_code.values())),
        ) == ("PROPERTY_DISTRUCT", "DISR_WEAP", 25)

    def test_every_plover_type_has_cameo_root_and_category(self, crosswalk: Crosswalk) -> None:
        """All 16 PLOVER types have a CAMEO root and a routing category of the contract."""
        for event_type in PLOVER_TYPES:
            assert crosswalk.cameo_root(event_type, None) in {f"{i:02d}" for i in range(1, 21)}
            assert crosswalk.category[event_type] in get_args(Category)

    def test_assault_cameo_root_depends_on_mode(self, crosswalk: Crosswalk) -> None:
        """ASSAULT: 19 for conventional force, 20 for chemical weapons, 18 otherwise."""
        roots = [
            crosswalk.cameo_root("ASSAULT", m)
            for m in ("aerial", "firearms", "unconventional", "abduct", None)
        ]
        assert roots == ["19", "19", "20", "18", "18"]

    def test_unknown_type_is_an_error(self, crosswalk: Crosswalk) -> None:
        """A PLOVER type the table does not know raises LexiconError."""
        with pytest.raises(LexiconError):
            crosswalk.cameo_root("FIGHT", None)


class TestClassify:
    """Rules that need the actors or the sentence."""

    def test_state_retakes_territory(self, crosswalk: Crosswalk) -> None:
        """State forces taking a town regain territory (Battles)."""
        tax = code(
            crosswalk,
            "ASSAULT",
            hint="<territory>",
            trigger_words="captured",
            actors=(actor("source", "State Forces"),),
            sentence="Troops captured the town.",
        )
        assert (tax.acled_event_type, tax.acled_sub_event_type) == ("Battles", "Government regains territory")

    def test_rebels_overtake_territory(self, crosswalk: Crosswalk) -> None:
        """Rebels taking a town overtake territory."""
        tax = code(
            crosswalk,
            "ASSAULT",
            hint="<territory>",
            trigger_words="captured",
            actors=(actor("source", "Rebel Groups"),),
            sentence="Rebels captured the town.",
        )
        assert tax.acled_sub_event_type == "Non-state actor overtakes territory"

    def test_expelled_side_tells_who_took_the_place(self, crosswalk: Crosswalk) -> None:
        """With no typed taker ('militants were driven out of the villages'), the side driven out tells the
        winner: rebels expelled means the government regained it; troops expelled, a non-state overtaking."""
        subs = [
            code(
                crosswalk,
                "ASSAULT",
                hint="<territory>",
                trigger_words="driven out of",
                actors=(actor("target", loser),),
                sentence="They were driven out of three villages near Kesh.",
            ).acled_sub_event_type
            for loser in ("Rebel Groups", "State Forces")
        ]
        assert subs == ["Government regains territory", "Non-state actor overtakes territory"]

    def test_capture_after_the_other_side_left_is_a_transfer(self, crosswalk: Crosswalk) -> None:
        """Rebels taking a town the army had pulled out of, with no fighting told, is a Non-violent transfer
        of territory; the same withdrawal told with a battle stays an overtaking."""
        sentence = "Rebels took control of the garrison town of Selvo on Monday."
        passages = (
            sentence + " They walked in after the army pulled out overnight.",
            sentence + " The army pulled out after two days of heavy fighting.",
        )
        subs = [
            code(
                crosswalk,
                "ASSAULT",
                hint="<territory>",
                trigger_words="took control",
                actors=(actor("source", "Rebel Groups"),),
                sentence=sentence,
                context=p,
            ).acled_sub_event_type
            for p in passages
        ]
        assert subs == ["Non-violent transfer of territory", "Non-state actor overtakes territory"]

    def test_violence_on_armed_target_is_a_clash(self, crosswalk: Crosswalk) -> None:
        """Killing with an armed target is an Armed clash; with civilian targets an Attack."""
        armed = code(crosswalk, "ASSAULT", trigger_words="killed", actors=(actor("target", "State Forces"),))
        civil = code(crosswalk, "ASSAULT", trigger_words="killed", actors=(actor("target", "Civilians"),))
        assert (armed.acled_sub_event_type, civil.acled_sub_event_type) == ("Armed clash", "Attack")

    def test_attack_on_a_post_or_its_men_is_a_clash(self, crosswalk: Crosswalk) -> None:
        """An armed group's attack on a checkpoint, a police station or 'security force members' (words the
        actor table gives no type) is an Armed clash; on a wedding party it is an Attack."""

        def target(text: str) -> Actor:
            return Actor(role="target", text=text, span=None, name=text, named=False, actor_type=None)

        subs = [
            code(
                crosswalk,
                "ASSAULT",
                trigger_words="attacked",
                actors=(actor("source", "Rebel Groups"), target(t)),
                sentence=f"Fighters attacked {t} in Varn.",
            ).acled_sub_event_type
            for t in ("a checkpoint", "the police station", "nine security force members", "a wedding party")
        ]
        assert subs == ["Armed clash", "Armed clash", "Armed clash", "Attack"]

    def test_attack_on_army_units_and_installations_is_a_clash(self, crosswalk: Crosswalk) -> None:
        """An armed group's attack on a brigade's installations, a navy headquarters, an infantry battalion or
        a patrol (words the actor table gives no type) is an Armed clash; on a market it is an Attack."""
        subs = [
            code(
                crosswalk,
                "ASSAULT",
                trigger_words="attacked",
                actors=(actor("source", "Rebel Groups"), side("target", text, None)),
                sentence=f"Insurgent units attacked {text} near Varn.",
            ).acled_sub_event_type
            for text in (
                "the 3rd brigade's installations",
                "the navy headquarters",
                "an infantry battalion",
                "a patrol",
                "the market",
            )
        ]
        assert subs == ["Armed clash", "Armed clash", "Armed clash", "Armed clash", "Attack"]

    def test_heavy_weapons_in_a_small_arms_fight_make_a_clash(self, crosswalk: Crosswalk) -> None:
        """Rifles and rocket or grenade launchers against an army post: a battle at close range (ACLED
        armed clash), not a bombardment; mortars alone on the same post stay a shelling, and rockets with
        rifles on a village stay what the weapon says."""

        def sub(sentence: str, target: str, hint: str) -> str | None:
            return code(
                crosswalk,
                "ASSAULT",
                hint=hint,
                trigger_words="attacked",
                actors=(actor("source", "Rebel Groups"), side("target", target, None)),
                sentence=sentence,
            ).acled_sub_event_type

        shelling = "Shelling/artillery/missile attack"
        assert [
            sub("Rebels attacked an army post with rifles and rocket launchers.", "an army post", shelling),
            sub("Rebels hit the garrison with machine-gun fire and grenades.", "the garrison", "Grenade"),
            sub("Rebels fired mortars at an army post.", "an army post", shelling),
            sub("Rebels attacked the village with rifles and rockets.", "the village", shelling),
        ] == ["Armed clash", "Armed clash", shelling, shelling]

    def test_violence_on_an_unarmed_official_is_an_attack(self, crosswalk: Crosswalk) -> None:
        """Gunmen shooting a minister, a judge or a mayor (filed under the government by the actor table) is
        an Attack (ACLED: unarmed officials are civilians); a defence minister's convoy or a governor's guards
        are an armed side, and troops stay one."""
        targets = (
            ("the justice minister", "State Forces"),
            ("A PROVINCIAL JUDGE", "State Forces"),
            ("the mayor of Dorvik", None),
            ("the convoy of the defence minister", "State Forces"),
            ("the governor's bodyguards", "State Forces"),
            ("army troops", "State Forces"),
        )
        subs = [
            code(
                crosswalk,
                "ASSAULT",
                trigger_words="shot",
                actors=(side("source", "gunmen", "Political Militias"), side("target", text, kind)),
                sentence=f"Gunmen from the liberation front shot at {text} near the town hall of Dorvik.",
            ).acled_sub_event_type
            for text, kind in targets
        ]
        assert subs == ["Attack", "Attack", "Attack", "Armed clash", "Armed clash", "Armed clash"]

    def test_rioters_fighting_police_riot(self, crosswalk: Crosswalk) -> None:
        """Rioters who fight the police make a Violent demonstration (PLOVER PROTEST riot) even when the
        sentence names no protest; rebels fighting the police stay an Armed clash."""
        taxes = [
            code(
                crosswalk,
                "ASSAULT",
                trigger_words="fought",
                actors=(actor("source", kind), actor("target", "State Forces")),
                sentence="They fought with officers outside the town hall of Pellin.",
            )
            for kind in ("Rioters", "Rebel Groups")
        ]
        assert [(t.event_type, t.acled_sub_event_type) for t in taxes] == [
            ("PROTEST", "Violent demonstration"),
            ("ASSAULT", "Armed clash"),
        ]

    def test_villagers_clash_is_mob_violence(self, crosswalk: Crosswalk) -> None:
        """A clash between villagers and a rival crowd, no armed group on either side, is Mob violence; a
        clash in which a militia takes part stays an Armed clash."""

        subs = [
            code(
                crosswalk,
                "ASSAULT",
                hint="Armed clash",
                trigger_words="clashed",
                actors=(side("source", "angry villagers", "Civilians"), side("target", other, kind)),
                sentence="Angry villagers clashed with them near Ostra.",
            ).acled_sub_event_type
            for other, kind in (("residents of a hamlet", None), ("a local militia", "Identity Militias"))
        ]
        assert subs == ["Mob violence", "Armed clash"]

    def test_attack_by_a_mob_is_mob_violence(self, crosswalk: Crosswalk) -> None:
        """A man beaten by an angry mob is Mob violence (ACLED riots); beaten by gunmen, an Attack."""

        subs = [
            code(
                crosswalk,
                "ASSAULT",
                trigger_words="beat",
                actors=(side("source", attacker, kind), side("target", "a trader", "Civilians")),
                sentence="They beat a trader to death in Okra market.",
            ).acled_sub_event_type
            for attacker, kind in (("an angry mob", None), ("gunmen", "Political Militias"))
        ]
        assert subs == ["Mob violence", "Attack"]

    def test_looting_by_rioters_is_mob_violence(self, crosswalk: Crosswalk) -> None:
        """Shops looted by rioters, or shooting among gangs of looters, is Mob violence (ACLED riots); the
        same looting by rebels stays Looting/property destruction."""

        subs = [
            code(
                crosswalk,
                "ASSAULT",
                hint="Looting/property destruction",
                trigger_words="looted",
                actors=(side("source", who, kind),),
                sentence=sentence,
            ).acled_sub_event_type
            for who, kind, sentence in (
                ("rioters", "Rioters", "They looted shops in Ostra."),
                ("they", None, "Gangs of looters and policemen exchanged fire in Ostra."),
                ("rebels", "Rebel Groups", "They looted shops in Ostra."),
            )
        ]
        assert subs == ["Mob violence", "Mob violence", "Looting/property destruction"]

    def test_chemical_payload_makes_a_chemical_weapon(self, crosswalk: Crosswalk) -> None:
        """Barrel bombs dropped from a helicopter carrying chlorine are a Chemical weapon attack, whatever
        delivered them; the same bombs with no chemical payload stay an air strike."""
        subs = [
            code(
                crosswalk, "ASSAULT", hint="Air/drone strike", trigger_words="helicopter dropped", sentence=s
            ).acled_sub_event_type
            for s in (
                "A helicopter dropped barrel bombs filled with chlorine on Marsa.",
                "A helicopter dropped barrel bombs on Marsa.",
            )
        ]
        assert subs == ["Chemical weapon", "Air/drone strike"]

    def test_both_sides_named_in_sentence_is_a_clash(self, crosswalk: Crosswalk) -> None:
        """Soldiers and militants in one violent sentence, no civilian victims: Armed clash."""
        tax = code(
            crosswalk,
            "ASSAULT",
            trigger_words="killed",
            sentence="Soldiers killed six militants near the river.",
        )
        assert tax.acled_sub_event_type == "Armed clash"

    def test_arrests_at_a_protest_are_intervention(self, crosswalk: Crosswalk) -> None:
        """Arrests during a protest make it a Protest with intervention."""
        tax = code(
            crosswalk,
            "COERCE",
            plover_mode="arrest",
            hint="Arrests",
            trigger_words="arrested",
            sentence="Police arrested 40 protesters.",
        )
        assert (tax.event_type, tax.acled_event_type, tax.acled_sub_event_type) == (
            "COERCE",
            "Protests",
            "Protest with intervention",
        )

    def test_crowd_violence_told_next_door_makes_a_riot(self, crosswalk: Crosswalk) -> None:
        """A march whose crowd hurls missiles in the next sentence of its passage is a Violent demonstration;
        the march alone stays a Peaceful protest."""
        march = "Several thousand farmers marched through Tarvelo on Sunday."
        later = " Later a few of them hurled bottles at a line of officers."
        alone, riot = (
            code(crosswalk, "PROTEST", hint="Peaceful protest", sentence=march, context=c)
            for c in (march, march + later)
        )
        assert (alone.acled_sub_event_type, riot.acled_sub_event_type, riot.plover_mode) == (
            "Peaceful protest",
            "Violent demonstration",
            "riot",
        )

    def test_crowd_said_to_be_aggressive_riots(self, crosswalk: Crosswalk) -> None:
        """A demonstration the sentence calls aggressive or unruly is a Violent demonstration."""
        subs = [
            code(crosswalk, "PROTEST", hint="Peaceful protest", sentence=s, context=s).acled_sub_event_type
            for s in ("Unruly marchers surged through the Lenz market.", "Quiet marchers walked in Lenz.")
        ]
        assert subs == ["Violent demonstration", "Peaceful protest"]

    def test_violent_crowd_met_by_police_is_still_a_riot(self, crosswalk: Crosswalk) -> None:
        """ACLED's intervention sub-type is for peaceful crowds: tear gas on a crowd that threw stones is a
        Violent demonstration; tear gas on a rally against 'violence' (whose, unsaid) stays an
        intervention."""
        stones = "Police fired tear gas at students who threw stones at the ministry during the rally."
        topic = "Police fired tear gas at a rally against gang violence in Morvaine."
        subs = [
            code(
                crosswalk, "PROTEST", hint="Peaceful protest", trigger_words="rally", sentence=s, context=s
            ).acled_sub_event_type
            for s in (stones, topic)
        ]
        assert subs == ["Violent demonstration", "Protest with intervention"]

    def test_policing_a_riot_keeps_its_coercion_type(self, crosswalk: Crosswalk) -> None:
        """Tear gas fired on protesters who clash with the police: PLOVER keeps the coercion, ACLED records
        the riot; without the clash it is a Protest with intervention."""
        clash = "Riot squads fired tear gas as protesters clashed with them near the port."
        calm = "Riot squads fired tear gas at protesters sitting near the port."
        taxes = [
            code(crosswalk, "COERCE", trigger_words="tear gas", sentence=s, context=s) for s in (clash, calm)
        ]
        assert [(t.event_type, t.acled_sub_event_type) for t in taxes] == [
            ("COERCE", "Violent demonstration"),
            ("COERCE", "Protest with intervention"),
        ]

    @pytest.mark.parametrize(
        ("sentence", "sub"),
        [
            (
                "Riot police suppressed a sit-in by nurses outside the clinic in Vardo.",
                "Protest with intervention",
            ),
            (
                "Soldiers violently broke up a march of farmers in Kelso.",
                "Excessive force against protesters",
            ),
            ("Lawyers marched against police brutality in Orsk on Monday.", "Peaceful protest"),
        ],
    )
    def test_force_on_a_peaceful_protest(self, crosswalk: Crosswalk, sentence: str, sub: str) -> None:
        """Suppressing a protest is an intervention; force said to be violent or brutal is excessive; a
        protest against brutality (a noun, the protest's topic) stays peaceful."""
        tax = code(crosswalk, "PROTEST", hint="Peaceful protest", sentence=sentence, context=sentence)
        assert tax.acled_sub_event_type == sub

    def test_deaths_at_a_dispersed_rally_are_excessive_force(self, crosswalk: Crosswalk) -> None:
        """Deaths at a rally the police dispersed with tear gas are excessive force although no killer is an
        actor of the event; deaths from gunmen's fire at a rally are an attack."""
        police = "Three people died at a rally in Tarn after police fired tear gas to disperse the crowd."
        gunmen = "Three people died at a rally in Tarn after gunmen opened fire on the crowd."
        subs = [
            code(crosswalk, "ASSAULT", trigger_words="died", sentence=s).acled_sub_event_type
            for s in (police, gunmen)
        ]
        assert subs == ["Excessive force against protesters", "Attack"]

    def test_dispersing_a_crowd_is_an_intervention(self, crosswalk: Crosswalk) -> None:
        """Police dispersing a crowd or a vigil (no protest word) is a Protest with intervention; police
        dispersing a drug ring is not a protest."""
        subs = [
            code(crosswalk, "COERCE", trigger_words="dispersed", sentence=s).acled_sub_event_type
            for s in (
                "Police dispersed the crowds gathered in Saint Olme square.",
                "Police dispersed a drug ring in Saint Olme.",
            )
        ]
        assert subs == ["Protest with intervention", None]

    def test_planned_event_has_no_acled_view(self, crosswalk: Crosswalk) -> None:
        """A planned attack keeps its PLOVER type but has no ACLED type; a planned agreement keeps it."""
        attack = code(crosswalk, "ASSAULT", trigger_words="attack", mode="planned")
        deal = code(crosswalk, "AGREE", hint="Agreement", trigger_words="agree", mode="planned")
        assert (attack.acled_sub_event_type, deal.acled_sub_event_type) == (None, "Agreement")

    def test_routing_category(self, crosswalk: Crosswalk) -> None:
        """Categories follow the event-type table (data/event_types.csv)."""
        cats = [
            code(crosswalk, t).category
            for t in ("ASSAULT", "PROTEST", "AGREE", "MOBILIZE", "COERCE", "ACCUSE")
        ]
        assert cats == ["violence", "protest", "agreement", "mobilization", "coercion", "other"]


class TestMeansCues:
    """Trigger rows that name how an act was carried out: bombs dropped by aircraft are an air strike."""

    @pytest.mark.parametrize(
        ("text", "words"),
        [
            ("A military jet bombed the village at dawn.", "jet bombed"),
            ("Government aircraft dropped two bombs on the market.", "aircraft dropped"),
            ("Villagers said helicopters fired on the convoy.", "helicopters fired on"),
            ("The town was bombed from the air on Friday.", "bombed from the air"),
            ("Drones attacked a fuel depot overnight.", "Drones attacked"),
            ("Rebels lost dozens of men in raids by the army's choppers.", "raids by the army's choppers"),
            ("A third attack by Kessian jets hit the depot.", "attack by Kessian jets"),
            ("Choppers fired on the convoy near Lask.", "Choppers fired on"),
        ],
    )
    def test_aircraft_cue_is_an_air_strike(self, text: str, words: str) -> None:
        """The aircraft and its verb are one hit with the Air/drone strike hint (weight above a bomb's)."""
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        aerial = [h for h in hits if h.rule.acled_sub == "Air/drone strike"]
        assert [text[h.start : h.end] for h in aerial] == [words]

    def test_planted_bomb_stays_an_ied(self) -> None:
        """Without an aircraft a bomb keeps the explosive-device hint."""
        text = "A bomb planted under a car exploded near the market."
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        assert {h.rule.acled_sub for h in hits} == {"Remote explosive/landmine/IED"}

    @pytest.mark.parametrize(
        "text",
        [
            "The navy has set up two observation posts on the islands off Veralta.",
            "A forward operating base was established near the Kessin pass last week.",
        ],
    )
    def test_post_or_base_set_up_is_a_headquarters_event(self, text: str) -> None:
        """Observation posts set up and bases established (also in the passive) carry the Headquarters or
        base established hint."""
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        assert "Headquarters or base established" in {h.rule.acled_sub for h in hits}

    def test_rocket_propelled_grenade_is_a_missile(self) -> None:
        """A rocket-propelled grenade (RPG) is a shoulder-fired missile: Shelling/artillery/missile attack,
        not a hand grenade."""
        for text in ("A rocket-propelled grenade hit a truck near Sabra.", "Fighters fired RPGs at a post."):
            hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
            assert {h.rule.acled_sub for h in hits} == {"Shelling/artillery/missile attack"}, text

    @pytest.mark.parametrize(
        "text",
        [
            "Insurgents have taken over three villages near Dornsby.",
            "The militia is seizing the hilltop town of Orvel.",
            "Troops pushed al-Qirsh militants out of two districts in the east.",
            "Soldiers captured on Monday a strategic crossroads town in the valley.",
            "The army captured two Red Brigade (RB) hill camps in the north.",
        ],
    )
    def test_capture_phrasings_carry_the_territory_rule(self, text: str) -> None:
        """Captures in the perfect ('taken over'), the progressive ('seizing the town'), 'pushed ... out of',
        with a date or a bracketed name between the verb and the place carry the <territory> rule."""
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        assert "<territory>" in {h.rule.acled_sub for h in hits}

    @pytest.mark.parametrize(
        ("text", "sub"),
        [
            ("Several shops have been burned in the Orvik market.", "Looting/property destruction"),
            ("The mob burned two churches in Tarla on Sunday.", "Looting/property destruction"),
            ("Soldiers have been dispatched to the border near Kalt.", "Change to group/activity"),
        ],
    )
    def test_passive_burning_and_dispatch(self, text: str, sub: str) -> None:
        """Buildings burned (also in the passive) are property destruction; troops 'have been dispatched to'
        a place is a change to the group's activity, as the active 'dispatched troops' is."""
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        assert sub in {h.rule.acled_sub for h in hits}

    @pytest.mark.parametrize(
        ("text", "suicide"),
        [
            ("A kamikaze struck a checkpoint near Zarn, killing three.", True),
            ("The attacker set off a device at the gate, killing himself and two guards.", True),
            ("A kamikaze drone hit a fuel depot in Velt.", False),
            ("The gunman shot four people before killing himself.", False),
        ],
    )
    def test_bomber_who_dies_by_his_bomb(self, text: str, suicide: bool) -> None:
        """A kamikaze (not a kamikaze drone) and a bomber who sets off his device 'killing himself' make a
        Suicide bomb; a gunman who kills himself does not."""
        hits = find_triggers(text, Sentence(0, len(text), 0, 0, False), TRIGGERS)
        assert ("Suicide bomb" in {h.rule.acled_sub for h in hits}) is suicide
