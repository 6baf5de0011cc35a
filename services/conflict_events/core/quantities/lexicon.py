"""Word lists and cue tables that bind a count to what happened to the people counted.

Frozen module constants: person nouns, thing nouns that are never people, auxiliaries and clause
breaks, and the cue phrases after a count ("were killed") and before it ("killing") per kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from conflict_events.contracts import QuantityKind


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


PEOPLE = word_set(
    """
    people persons person civilians civilian soldiers soldier troops servicemen servicemembers
    personnel police policemen policeman policewomen officers officer militants militant rebels
    rebel fighters fighter insurgents insurgent guerrillas guerrilla gunmen gunman attackers
    assailants militiamen militia jihadists terrorists children child kids women woman men man boys
    girls babies infants students pupils villagers residents inhabitants protesters protestors
    demonstrators marchers workers farmers herders miners members victims passengers pilgrims
    worshippers worshipers refugees migrants hostages prisoners detainees inmates journalists
    reporters doctors nurses medics staff employees peacekeepers bystanders others individuals
    suspects youths youngsters teenagers elders adults citizens nationals tourists foreigners locals
    settlers traders shoppers mourners voters supporters activists leaders commanders officials crew
    sailors marines airmen conscripts recruits cadets guards agents combatants paramilitaries
    volunteers teachers priests monks nuns clerics fishermen drivers truckers labourers laborers
    contractors displaced wounded dead injured bodies corpses casualties deaths fatalities more
    peasants campesinos indigenous students parishioners patients judges magistrates prosecutors
    lawyers mayors councillors
    """
)
NOT_PEOPLE = word_set(
    """
    settlements villages towns cities houses homes buildings vehicles cars trucks tanks buses
    aircraft planes jets helicopters drones rockets missiles mortars shells bombs rounds grenades
    mines rifles guns weapons km kilometres kilometers kilometre kilometer miles metres meters feet
    kg kilograms tons tonnes hectares acres dollars euros pesos pounds rupees naira shillings
    percent per cent % years year months month weeks week days day hours hour minutes minute seconds
    times districts provinces regions areas countries states sites schools hospitals mosques
    churches shops camps points positions checkpoints families household households mm cm calibre
    caliber votes seats cases barrels litres liters cattle cows goats sheep animals livestock
    incidents attacks strikes raids clashes events explosions blasts operations units battalions
    brigades companies divisions groups shots bullets gmt utc hrs am pm o'clock kilos pieces tents
    boats ships vessels roads bridges farms fields sorties family incident attack strike raid
    clash event explosion blast operation unit battalion brigade company division group bullet
    occasion side way time case village town city house home building vehicle car truck tank bus
    rocket missile mortar shell bomb grenade mine rifle gun weapon district province region area
    country site school hospital mosque church shop camp point position checkpoint minute second
    round lap stage phase term night morning evening afternoon decade decades centuries century
    """
)
STOP_BEFORE = word_set("$ € £ us$ usd no number no. aged age page article resolution route highway flight at")
MONTH_TOKENS = word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
SUBSET = word_set("including among whom incl")
BREAK = word_set(", ; : . ! ? ( ) and or but while after before when as because said says who which that")
AUX = word_set(
    "were was are is have has had been be being reportedly also all allegedly later reported believed feared "
    "thought to confirmed both subsequently eventually got seriously critically badly slightly fatally "
    "mortally lightly severely apparently already now either who that which of them whom they it "
    "unofficially officially initially"
)
POST_BUILD: dict[tuple[str, ...], QuantityKind] = {}
PRE_BUILD: dict[tuple[str, ...], QuantityKind] = {}


def add_cues(table: dict[tuple[str, ...], QuantityKind], kind: QuantityKind, phrases: str) -> None:
    for phrase in phrases.split("|"):
        table[tuple(phrase.split())] = kind  # whitespace and line breaks inside a phrase are one space


add_cues(
    POST_BUILD,
    "killed",
    """
    killed | dead | died | die | dying | deaths | death | slain | massacred | executed |
    murdered | perished | fatalities | bodies | corpses | beheaded | lynched | shot dead |
    gunned down | lost their lives | lost their life | burned to death | burnt to death | beaten
    to death | hacked to death | stabbed to death | shot and killed | lives | lives were lost |
    shot to death | gunned to death | assassinated | slaughtered | found dead
    """,
)
add_cues(
    POST_BUILD,
    "injured",
    """
    wounded | injured | hurt | injuries | maimed | hospitalised | hospitalized | casualties |
    dead or wounded | dead and wounded | dead or injured | dead and injured | killed or wounded |
    killed and wounded | killed or injured | killed and injured
    """,
)
add_cues(
    POST_BUILD,
    "displaced",
    """
    displaced | fled | flee | fleeing | evacuated | uprooted | homeless | refugees | idps | forced from
    their homes | forced to flee | forced out of their homes | left their homes | leave their
    homes | leaving their homes | fled their homes | flee their homes | made homeless | rendered
    homeless | lost their homes | sought refuge | sought shelter | have fled | been displaced |
    driven from their homes | to flee | from their homes | out of their homes | to leave their
    homes | to leave
    """,
)
add_cues(
    POST_BUILD,
    "arrested",
    """
    arrested | detained | jailed | imprisoned | rounded up | taken into custody | held in
    custody | arrests
    """,
)
add_cues(
    POST_BUILD,
    "kidnapped",
    """
    kidnapped | abducted | hostage | taken hostage | held hostage | hostages | seized | snatched | held
    captive | taken captive
    """,
)
add_cues(
    POST_BUILD,
    "affected",
    """
    affected
    """,
)
add_cues(
    PRE_BUILD,
    "killed",
    """
    killed | killing | kill | kills | slew | slaying | massacred | massacring | executed |
    executing | murdered | murdering | shot dead | shot to death | gunned down | claimed the lives of |
    claiming the lives of | death toll | toll | bodies of | dead bodies of | deaths of | the lives of |
    murder of | murders of | massacre of | killing of | killings of | assassination of |
    assassinations of | execution of | executions of | slaying of | death of | shooting of |
    assassinated | assassinating | slaughtered | slaughtering | slaughter of | dead were | dead are |
    dead included | dead include | dead includes
    """,
)
add_cues(
    PRE_BUILD,
    "injured",
    """
    wounded | wounding | wound | injured | injuring | injure | hurt | hurting | maimed | maiming |
    wounding of | injuring of | wounded were | wounded are | injured were | injured are | wounded included |
    injured included | wounded include | injured include | killing and wounding | killing or wounding |
    killing and injuring |
    killed and wounded | killed or wounded | killed and injured | casualties of
    """,
)
add_cues(
    PRE_BUILD,
    "displaced",
    """
    displaced | displacing | displacement of | evacuated | evacuating | uprooted | uprooting |
    driven out | drove out
    """,
)
add_cues(
    PRE_BUILD,
    "arrested",
    """
    arrested | arresting | detained | detaining | rounded up | rounding up | jailed | jailing |
    arrest of | detention of
    """,
)
add_cues(
    PRE_BUILD,
    "kidnapped",
    """
    kidnapped | kidnapping | abducted | abducting | seized | seizing | took hostage | kidnapping
    of | abduction of
    """,
)
add_cues(
    PRE_BUILD,
    "affected",
    """
    affected | affecting | covering | populated by | inhabited by | home to | population of |
    home for | sheltering | hosting
    """,
)
POST: Mapping[tuple[str, ...], QuantityKind] = MappingProxyType(POST_BUILD)
"""Cues after a count ("were killed"), frozen once built."""
PRE: Mapping[tuple[str, ...], QuantityKind] = MappingProxyType(PRE_BUILD)
"""Cues before a count ("killing"), frozen once built."""
PREPOSITIONS = word_set(
    "in at on near from during after before across inside outside around with by into for"
)
LIFE_TAKERS = word_set("claimed claiming claims took taken take takes taking cost costing costs lost")
"""Verbs before "N lives" that make it a death count ("claimed 200 lives", not "20 people whose lives")."""
ASIDE_START = word_set("including among mostly most all many some both mainly among them among whom")
"""Words that open a ", …," aside inside a victim noun phrase; the aside is skipped."""
NEED_PEOPLE = frozenset({"seized", "seizing", "covering", "sheltering", "hosting"})
MAX_CUE = 5
CASUALTY_WORDS = word_set("casualties or and")
"""A cue with one of these words is "dead and wounded" together: emitted as injured, low confidence."""
PASSIVE = word_set("were was are is been being be got get")
TRANSITIVE = word_set(
    """
    killed murdered executed massacred wounded injured kidnapped abducted arrested detained seized
    lynched beheaded hurt shot slew assassinated slaughtered
    """
)
OBJECT_START = word_set(
    """
    a an the his her their its our my this these those another both all several many some dozens
    hundreds thousands scores tens
    """
)


SINGULAR = word_set(
    """
    person civilian soldier policeman policewoman officer militant rebel fighter insurgent guerrilla
    gunman man woman child boy girl baby student villager resident protester demonstrator worker
    farmer member journalist reporter doctor nurse teacher priest mayor judge leader commander
    official driver passenger peasant trader businessman activist politician councillor councilman
    lawyer guard bodyguard pilot sergeant lieutenant colonel captain youth teenager pedestrian
    bystander employee engineer monk nun imam cleric pastor chief congressman deputy senator
    minister governor candidate unionist labourer laborer merchant shopkeeper trooper marine
    sailor paramilitary militiaman jihadist hostage prisoner detainee inmate migrant refugee
    """
)
