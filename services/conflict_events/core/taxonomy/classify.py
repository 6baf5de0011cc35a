"""Taxonomy mapping: one event, three views (PLOVER type + mode word, ACLED type/sub-type, CAMEO root) and a
routing category, from the frame, its actors and its sentence.

The tables (``crosswalk*.csv``, ``routing.csv``) hold the fixed correspondences; this module holds the rules
that need the actors or the sentence: who retook territory (state vs non-state), whether violence hit armed
men (battle) or civilians (violence against civilians), whether a protest met force. ACLED records only
events that happened, so planned, threatened, negated, hypothetical and denied events carry no ACLED type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.contracts import Actor
from conflict_events.core.lexicons import ActorLexicon, Crosswalk, EventTypes

ARMED_TYPES = frozenset(
    {"State Forces", "Rebel Groups", "Political Militias", "Identity Militias", "External/Other Forces"}
)
RETAKE_WORDS = re.compile(
    r"recaptur|retook|retake|regain|took back|taken back|liberat|won back", re.IGNORECASE
)
PROTEST_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|marchers|strikers)\b", re.IGNORECASE)
INTERVENTION = re.compile(
    r"\b(?:tear ?gas|dispers\w*|water cannons?|rubber bullets|baton\w*|arrest\w*|detain\w*|broke up"
    r"|charged|suppress\w*|crack(?:ed|ing)? down|crackdown|pepper[- ]spray\w*|stun grenades?)\b",
    re.IGNORECASE,
)
LETHAL = re.compile(
    r"\b(?:kill\w*|shot dead|opened fire|live (?:fire|ammunition|rounds|bullets)|dead|died|excessive force"
    r"|brutal(?:ly)?|violently)\b",
    re.IGNORECASE,
)
"""Lethal or severe force (ACLED's excessive force): killing, live fire, force said to be brutal."""
WITHDRAWAL = re.compile(
    r"\b(?:pull(?:ed|ing)? out|pullout|withdr(?:ew|awn|awal|awing)|retreat(?:ed|ing)?|abandon(?:ed|ing)|"
    r"deserted|evacuat(?:ed|ion)|handed (?:\w+ ){0,3}?over|handover|without (?:a )?(?:fight|resistance))\b",
    re.IGNORECASE,
)
"""The losing side left (or handed over): control changed hands without a battle, unless one is told."""
FIGHTING = re.compile(
    r"\b(?:clash\w*|fight\w*|fought|battl\w*|bombard\w*|shell(?:ed|ing|s)?|air ?strikes?|airstrikes?|"
    r"assault\w*|offensive|attack\w*|kill\w*|wounded|dead|casualt\w*|gunfire|fire|storm\w*|raid\w*)\b",
    re.IGNORECASE,
)
"""Words of a fight over the place: a capture told with them was taken by force."""
ARMED_SITE = re.compile(
    r"\b(?:checkpoints?|check ?posts?|barracks|garrisons?"
    r"|(?:military|army|navy|naval|air force) (?:bases?|posts?|camps?|positions?|convoys?|installations?"
    r"|facilities|headquarters|garrisons?|units?|patrols?|barracks)"
    r"|(?:infantry|artillery|cavalry|paratroop\w*|airborne|marine|armou?red|army|military) (?:brigades?"
    r"|battalions?|regiments?|divisions?|detachments?|companies|units?|troops|patrols?|installations?)"
    r"|(?:brigade|battalion|regiment|garrison)(?:'s)? (?:installations?|headquarters|positions?|posts?)"
    r"|police (?:stations?|posts?|headquarters|convoys?|patrols?)|patrols?"
    r"|security (?:posts?|forces?|personnel|force members)|outposts?|troops|soldiers|servicemen)\b",
    re.IGNORECASE,
)
"""A target that is an armed side's post, base, convoy or men: an armed group's violence against it is a
battle (ACLED armed clash: two armed, organised sides), whatever the actor table knows of the words."""
CHEMICAL_PAYLOAD = re.compile(
    r"\b(?:(?:containing|loaded with|filled with|carrying|laced with|armed with) (?:[\w-]+ ){0,3}?"
    r"(?:poison(?:ous)? gas(?:es)?|toxic gas(?:es)?|chlorine|sarin|mustard gas|nerve agents?"
    r"|chemical agents?)|(?:chlorine|sarin|chemical|poison gas|toxic gas) (?:barrel )?"
    r"(?:bombs?|shells?|rockets?|munitions|canisters))\b",
    re.IGNORECASE,
)
"""A chemical payload of the weapon used: ACLED codes any use of chemical weapons as Chemical weapon, whatever
delivered it (a helicopter's barrel bomb, a mortar round)."""
SMALL_ARMS = re.compile(
    r"\b(?:rifles?|carbines?|(?:sub)?machine ?-?guns?|machinegun fire|automatic weapons"
    r"|small[- ]arms(?: fire)?|assault rifles?|ak-?47s?|m-?16s?|pistols?|gunfire|gun ?fire|gunshots?"
    r"|firefights?|gun ?battles?|exchange(?:d|s)? (?:of )?fire)\b",
    re.IGNORECASE,
)
"""Small arms and their fire: a fight told with them is fought at close range."""
CLOSE_RANGE_HINTS = frozenset({"Shelling/artillery/missile attack", "Grenade"})
"""Weapons that a ground assault also carries (rocket launchers, grenade launchers, mortars): with small arms
against an armed side they are part of a battle, not a stand-off bombardment."""
REMOTE_WEAPONS = frozenset(
    {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"}
)
NOT_RECORDED = frozenset({"planned", "threatened", "negated", "hypothetical", "denied"})


@dataclass(frozen=True)
class Taxonomy:
    """The event's codes in every taxonomy the product emits."""

    event_type: str
    plover_mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo_root: str
    category: str


RIOT_ACTS = (
    r"clash\w*|stones?|rocks|bricks|pelt\w*|torch\w*|burn\w*|set (?:\w+ )?(?:on )?fire|loot\w*|vandal\w*|"
    r"smash\w*|ransack\w*|molotov|petrol bombs?|rampage\w*|scuffle\w*|broke into|stormed|projectiles|hurl\w*|"
    r"thr(?:ew|own|owing|ows?) (?:\w+ ){0,4}?(?:at|into)"
)
"""What demonstrators do when they riot (ACLED riots): clash, throw missiles, burn, loot, vandalise, storm."""
RIOT_DEEDS = re.compile(rf"\b(?:{RIOT_ACTS})\b", re.IGNORECASE)
RIOT_WORDS = re.compile(
    rf"\b(?:{RIOT_ACTS}|violent|violence|aggressive|unruly|riot\w*|damag\w*|debris|barricades?)\b",
    re.IGNORECASE,
)
"""The acts, and the words that say violence without saying whose ("violence", "riot police"): read in the
protest's own sentence only."""
CIVILIAN_TYPES = frozenset({"Civilians", "Protesters"})
OFFICIALS = re.compile(
    r"\b(?:presidents?|ministers?|officials?|judges?|magistrates?|mayors?|governors?|congress(?:wo)?m[ae]n"
    r"|senators?|deputies|lawmakers?|legislators?|ambassadors?|diplomats?|envoys?|candidates?"
    r"|council(?:l?ors?|m[ae]n)|prosecutors?|attorneys? general|court)\b",
    re.IGNORECASE,
)
"""Unarmed office holders: ACLED codes violence against them as violence against civilians (an attack), even
though the actor table files them under the government (State Forces)."""

ESCORTED = re.compile(
    r"\b(?:convoys?|escorts?|(?:body)?guards?|defen[cs]e|war|interior|security)\b", re.IGNORECASE
)
"""An official's armed escort, or an office that commands armed men (a defence minister's convoy): a side."""


def _official(actor: Actor) -> bool:
    """A target that names an unarmed office holder ("the minister", "a judge"), not an armed post, men or
    escort."""
    return (
        actor.actor_type in (None, "State Forces")
        and bool(OFFICIALS.search(actor.text))
        and not ARMED_SITE.search(actor.text)
        and not ESCORTED.search(actor.text)
    )


def _territory_sub(trigger_words: str, sources: list[Actor], targets: list[Actor], context: str) -> str:
    """A territory change goes by who took it, unless the passage (``context``) tells that the other side
    withdrew or handed it over and tells no fighting (a non-violent transfer)."""
    if WITHDRAWAL.search(context) and not FIGHTING.search(context):
        return "Non-violent transfer of territory"
    if any(a.actor_type == "State Forces" for a in sources):
        return "Government regains territory"
    if any(a.actor_type in ARMED_TYPES - {"State Forces"} for a in sources):
        return "Non-state actor overtakes territory"
    if not sources or all(a.actor_type is None for a in sources):  # "militants were driven out of ...":
        if any(a.actor_type in ARMED_TYPES - {"State Forces"} for a in targets):  # the loser is named
            return "Government regains territory"
        if any(a.actor_type == "State Forces" for a in targets):
            return "Non-state actor overtakes territory"
    retaken = RETAKE_WORDS.search(trigger_words)
    return "Government regains territory" if retaken else "Non-state actor overtakes territory"


def _assault_sub(
    hint: str | None,
    trigger_words: str,
    actors: tuple[Actor, ...],
    sentence: str,
    lexicon: ActorLexicon,
    context: str,
) -> str | None:
    """ACLED sub-type of a violent event.

    Territory changes go by who took it (``_territory_sub``); a named weapon keeps its sub-type, unless small
    arms are fired at an armed side with it (a battle); violence against protesters is excessive force;
    violence between a state side and a non-state side (both named in the sentence, no civilian victim) is an
    armed clash; the rest is an attack (violence against civilians). An unarmed office holder the violence
    targets (a minister, a judge: ``OFFICIALS``) is a civilian victim, not an armed side.
    """
    sources = [a for a in actors if a.role == "source"]
    targets = [a for a in actors if a.role == "target"]
    if hint == "<territory>":
        return _territory_sub(trigger_words, sources, targets, context)
    if hint in REMOTE_WEAPONS and CHEMICAL_PAYLOAD.search(sentence):
        return "Chemical weapon"
    armed_attacker = any(a.actor_type in ARMED_TYPES for a in sources)
    armed_target = any(
        (a.actor_type in ARMED_TYPES and not _official(a)) or (armed_attacker and ARMED_SITE.search(a.text))
        for a in targets
    )
    if hint in CLOSE_RANGE_HINTS and armed_target and SMALL_ARMS.search(sentence):
        return "Armed clash"  # "attacked the army post with rifles and rocket launchers": a battle
    if hint is not None:
        return hint
    state = lexicon.state_words
    forces = any(a.actor_type == "State Forces" for a in sources) or bool(
        INTERVENTION.search(sentence) and state is not None and state.search(sentence)
    )  # "killed ... after security forces fired tear gas to disperse the crowd": the killers are unnamed
    if any(a.actor_type == "Protesters" for a in targets) or (
        PROTEST_WORDS.search(sentence) and LETHAL.search(sentence) and forces
    ):
        return "Excessive force against protesters"
    if armed_target:
        return "Armed clash"
    civilian_victims = any(a.actor_type in CIVILIAN_TYPES or _official(a) for a in targets)
    nonstate = lexicon.nonstate_words
    if not civilian_victims and state and nonstate and state.search(sentence) and nonstate.search(sentence):
        return "Armed clash"
    return "Attack"


CROWD_DISPERSAL = re.compile(
    r"\b(?:dispers(?:e|ed|es|ing)|broke up|break(?:ing)? up) (?:\w+ ){0,3}?"
    r"(?:crowds?|gatherings?|sit-ins?|vigils?)"
    r"|(?:crowds?|gatherings?|sit-ins?|vigils?) (?:\w+ ){0,3}?(?:was|were|been) (?:dispersed|broken up)\b",
    re.IGNORECASE,
)
"""Police dispersing a crowd or a gathering: ACLED's protest with intervention (the crowd is the protest)."""
PROTEST_SUBS = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
"""ACLED's protest sub-types: all three are for peaceful demonstrators (the codebook's Protests type)."""


def _protest_view(
    event_type: str,
    plover_mode: str | None,
    sub: str | None,
    actors: tuple[Actor, ...],
    sentence: str,
    context: str,
) -> tuple[str, str | None, str | None]:
    """Demonstrations seen through ACLED: violent crowds riot; crowds met by force: intervention (PLOVER keeps
    the measure's own mode word when it has one: a curfew after a protest is a curfew).

    ACLED's protest sub-types are for peaceful demonstrators: a demonstration whose crowd's violent deeds are
    told anywhere in the passage that tells it (``context``: "there were scuffles", "bottles were thrown at
    police" in the next sentence) is a violent demonstration, whether or not the police intervened; the words
    that do not say whose violence it is ("violence", "riot police") count in the protest's own sentence, and
    only against a peaceful protest."""
    protesters_act = any(a.actor_type in ("Protesters", "Rioters") and a.role == "source" for a in actors)
    rioters_vs_state = protesters_act and any(
        a.actor_type == "State Forces" and a.role == "target" for a in actors
    )  # "rioters fought with police": demonstrators' violence, whatever the sentence calls the crowd
    crowd = (
        event_type == "ASSAULT"
        and (PROTEST_WORDS.search(sentence) or rioters_vs_state)
        and sub in ("Armed clash", "Attack")
    )
    if crowd and (protesters_act or (sub == "Armed clash" and RIOT_WORDS.search(sentence))):
        return "PROTEST", "riot", "Violent demonstration"
    riot = RIOT_WORDS.search(sentence) if sub == "Peaceful protest" else None
    if event_type == "PROTEST" and sub in PROTEST_SUBS and (riot or RIOT_DEEDS.search(context)):
        return "PROTEST", "riot", "Violent demonstration"
    gathering = PROTEST_WORDS.search(sentence) or CROWD_DISPERSAL.search(sentence)
    if event_type == "COERCE" and gathering:  # a named measure (curfew, ban) stays
        policed = "Violent demonstration" if RIOT_DEEDS.search(context) else "Protest with intervention"
        return "COERCE", plover_mode or "crowd-control", policed
    return event_type, plover_mode, sub


PROPERTY_SUB = "Looting/property destruction"
MOB_WORDS = re.compile(
    r"\b(?:mobs?|villagers|residents|youths|locals|crowds?|fans|supporters|worshippers|neighbours|neighbors"
    r"|vigilantes|lynch mobs?)\b",
    re.IGNORECASE,
)
"""Unorganised crowds: a fight between them and no armed group is ACLED mob violence, not a battle."""


LOOTERS = re.compile(r"\b(?:looters|looting mobs?|rioters|rioting)\b", re.IGNORECASE)
"""Crowds that loot or riot: their looting and shooting is a riot, not an armed group's destruction."""


def _crowd_fight(sub: str | None, actors: tuple[Actor, ...], sentence: str = "") -> str | None:
    """Violence by a crowd is ACLED mob violence (riots), not a battle nor a one-sided attack: an armed clash
    none of whose sides is an armed group and one of whose sides is a crowd of villagers, residents or
    youths, and an attack whose perpetrator is such a crowd or a mob ("lynched by a mob"). Looting and
    property destruction by rioters or looters with no armed group named is mob violence too (ACLED codes
    looting/property destruction as a strategic development of armed or organised groups)."""
    if any(a.actor_type in ARMED_TYPES for a in actors):
        return sub
    if sub == PROPERTY_SUB:
        rioters = any(a.role == "source" and a.actor_type == "Rioters" for a in actors)
        return "Mob violence" if rioters or LOOTERS.search(sentence) else sub
    if sub not in ("Armed clash", "Attack"):
        return sub
    crowds = [a for a in actors if a.text and MOB_WORDS.search(a.text)]
    if sub == "Armed clash" and crowds:
        return "Mob violence"
    return "Mob violence" if any(a.role == "source" for a in crowds) else sub


def _policed_protest(sentence: str) -> str:
    """A protest's sub-type from what met it: lethal or severe force by the police or troops is excessive
    force (unless only the protesters are said killed), dispersal or arrests an intervention."""
    if LETHAL.search(sentence) and not re.search(r"\bprotesters? killed\b", sentence, re.IGNORECASE):
        forces = re.search(r"\b(?:police|troops|soldiers|security forces)\b", sentence, re.IGNORECASE)
        if INTERVENTION.search(sentence) or forces:
            return "Excessive force against protesters"
    return "Protest with intervention" if INTERVENTION.search(sentence) else "Peaceful protest"


def classify(
    event_type: str,
    *,
    plover_mode: str | None,
    hint: str | None,
    trigger_words: str,
    actors: tuple[Actor, ...],
    sentence: str,
    mode: str,
    crosswalk: Crosswalk,
    event_types: EventTypes,
    actor_lexicon: ActorLexicon,
    context: str | None = None,
) -> Taxonomy:
    """All codes of one event.

    Args:
        event_type: PLOVER type of the frame.
        plover_mode: PLOVER mode word from the trigger lexicon (None when the words say nothing about it).
        hint: ACLED sub-type (or ``<territory>`` rule) from the trigger lexicon.
        trigger_words: the trigger's words.
        actors: the event's actors.
        sentence: the sentence text.
        mode: the event's epistemic mode.
        crosswalk: the parsed crosswalk tables.
        event_types: the event-type table (category, default ACLED sub-type, codes kept when announced).
        actor_lexicon: the actor table; the words of its armed kinds tell a clash (both sides named).
        context: the passage around the sentence (its paragraph, bounded), where a protest's violence may be
            told; the sentence alone when None.
    """
    passage = sentence if context is None else context
    sub: str | None = hint
    if event_type == "ASSAULT":
        sub = _crowd_fight(
            _assault_sub(hint, trigger_words, actors, sentence, actor_lexicon, passage), actors, sentence
        )
    elif event_type == "PROTEST" and sub == "Peaceful protest":
        sub = _policed_protest(sentence)
    event_type, plover_mode, sub = _protest_view(event_type, plover_mode, sub, actors, sentence, passage)
    facts = event_types[event_type]
    if sub is None and facts.acled_sub_default is not None:
        sub = facts.acled_sub_default
    if mode in NOT_RECORDED and not facts.acled_when_announced:
        sub = None
    acled_type = crosswalk.acled_type.get(sub) if sub else None
    if sub is not None and acled_type is None:
        sub = None
    return Taxonomy(
        event_type,
        plover_mode,
        acled_type,
        sub,
        crosswalk.cameo_root(event_type, plover_mode),
        facts.category,
    )
