"""Word lists and patterns around place names: relations before them, feature words after them.

They are English news phrasing, not gazetteer data, so they live in code next to their use.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


_DIR = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
_DESCRIPTOR = (
    r"(?:besieged|rebel-held|[a-z]+-held|[a-z]+-controlled|nearby|northern|southern|eastern|western|central|"
    r"restive|embattled|strategic|key|border|port|coastal|neighbouring|neighboring|provincial|northwestern|"
    r"northeastern|southwestern|southeastern|north-western|north-eastern|south-western|south-eastern)"
)
_PRE_FEATURE = (
    r"(?:city|town|village|province|governorate|region|district|state|area|capital|countryside|suburb|port|"
    r"neighbourhood|neighborhood|camp|enclave|border\s+town|oblast|department|municipality|county)"
)
RELATION_BEFORE = re.compile(
    rf"""(?ix)
    (?:^|(?<=[\s(\[,;:"“]))
    (?P<rel>
        (?:(?:about|some|around|nearly|almost)\s+)?(?:\d[\d,.]*|a\s+few|several|a\s+dozen)\s*-?\s*
            (?:km|kms|kilometres?|kilometers?|miles?|mi)\s+(?:\([^)]{{0,24}}\)\s+)?(?:{_DIR}\s+)?(?:of|from|outside)
      | in\s+the\s+(?:far\s+|extreme\s+)?{_DIR}(?:\s+part)?\s+of
      | (?:to\s+the\s+|just\s+|due\s+|further\s+)?{_DIR}\s+of
      | (?:on\s+the\s+)?outskirts\s+of
      | (?:in\s+the\s+)?(?:centre|center|heart)\s+of
      | (?:in\s+|across\s+)?(?:the\s+)?(?:far\s+|rural\s+)?
            (?:(?:north|south|east|west)(?:[- ]?(?:east|west))?ern|rural|central)
      | near(?:by)? | close\s+to | outside(?:\s+of)? | around | in | at | into | from | inside | across
      | throughout | within | towards? | on | over | of
    )
    \s+(?:the\s+)?
    (?P<pre>(?:{_DESCRIPTOR}\s+)*{_PRE_FEATURE}\s+of\s+)?
    $""",
)
"""Spatial cue right before a place name ('north of', 'on the outskirts of', '10 km from', 'in the
city of'); searched in a short window that ends where the name starts."""

SIMPLE_RELATIONS = _words(
    "in at near nearby into inside across throughout within around on over toward towards"
)
"""One-word cues read straight from the tokens (the regex would return the same word)."""

RELATION_ENDS = _words(
    """
    of from outside to northern southern eastern western northeastern northwestern southeastern
    southwestern rural central
    """
)
"""Last words of the longer cues: only after one of them is RELATION_BEFORE searched."""

WITHIN = _words(
    """
    of throughout from in inside into at on within over across
    """
)
"""Relations that put the event in the place itself (ACLED precision 1 for a town)."""

LOCATIVE = _words(
    """
    throughout from towards in inside into at toward within nearby around across outside near
    """
)
"""Prepositions that license a place name which is also a common English word ('in Reading')."""


def is_locative(relation: str | None) -> bool:
    """The relation starts with a locative preposition ('in', 'in southern', 'near')."""
    return relation is not None and relation.split(" ", 1)[0] in LOCATIVE


ADMIN_WORDS = _words(
    """
    states regions oblasts departments prefectures emirates counties
    wilaya muhafazat governorate state voivodeship prefecture department province emirate division
    region governorates territory oblast county wilayat canton provinces
    """
)
CITY_WORDS = _words(
    """
    cities towns villages
    port town municipality city village capital
    """
)
AREA_WORDS = _words(
    """
    districts areas neighbourhoods neighborhoods camps
    enclave neighbourhood border suburbs suburb environs countryside district hinterland camp area
    neighborhood outskirts
    """
)
FEATURE_WORDS = ADMIN_WORDS | CITY_WORDS | AREA_WORDS

PARTICLES = _words(
    """
    de umm beni dos the du van adh den an el en as ba al ez am e y les da sous di le at al- ash and
    bani of das ibn bei az i um sur upon abu ar la der es on ed im bin do del ad della
    """
)
"""Lower-case words allowed inside a multi-word name in mixed-case text (Deir ez-Zor, Ras al-Ain)."""

NAME_PREFIX_OK = _words(
    """
    occupied greater northern the eastern north west neighboring upper lower of neighbouring rural
    in east southern central south western old new
    """
)
"""Capitalised words that may stand right before a place name without making it part of a
person's or an organisation's name ('Northern Syria', 'Rural Damascus')."""

REPORTING_VERBS = _words(
    """
    backs hoped claimed warned calls backed warns say blames vows said condemned sent vowed accused
    urged says signed hopes urges called rejected threatened accuses insisted demanded believes
    agreed responds announced rejects threatens agrees wants signs demands saw responded wanted
    supported sees denies denied insists blamed supports condemns sends claims announces believed
    cancels cancelled canceled expels expelled summons summoned imposes imposed recalls recalled
    slams slammed criticises criticised criticizes criticized condemn accuse deny warn reject urge
    demand announce welcomes welcomed hails hailed
    """
)
"""Verbs after a name that make it an actor: a government for a capital ('Moscow said', 'Ankara
accused'), otherwise a person or an organisation ('Davis said')."""

AUXILIARIES = _words("has had is was will would could should must may might did does")
"""Auxiliaries after a capital that also mark it as a government ('Washington has'), but not
enough to reject a town ('Aleppo could fall')."""

TITLES = _words(
    """
    envoy captain ms secretary sultan named colonel sgt president spokesperson leader general
    commander mrs saint lt pope sergeant ambassador judge st imam mr called princess rep governor
    king chancellor lord cleric spokesman capt queen brig father correspondent senator gov
    journalist minister sheikh mullah emir sen major spokeswoman premier activist brother chief
    mayor sister dr sir lady officer col maj gen prince reporter
    """
)
"""Words that make the next capitalised word a person's name ('President Vladimir Putin')."""

FUNCTION_WORDS = _words(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either else ever every
    few for from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less many may me might more most much must my myself
    neither no nor not now of off on once only or other ought our ours ourselves out over own per
    same she should since so some such than that the their theirs them themselves then there these
    they this those though through thus to too under until up upon us very via was we were what
    whatever when where whether which while who whom whose why will with within without would yet
    you your yours yourself yourselves along amid among amongst around beside besides beyond despite
    except inside near onto outside since toward towards unlike whereas whereby one two three four
    five six seven eight nine ten
    """
)
"""English function words: never a one-word place name, whatever GeoNames holds (Of, Since, Along)."""

CALENDAR = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
"""Capitalised words that may follow a place name without joining it ('in Aleppo Tuesday')."""

NAME_HEADS = _words(
    """
    san santa santo sao saint st sainte fort port new mount lake cape ras tall tel kafr deir wadi jabal
    jebel ain bir umm beit bayt khan mina tell ciudad puerto villa la el al
    """
)
"""Words that usually open a longer name ('San Salvador', 'Kafr Nabl'): alone before another word
they are not the place GeoNames has under that one word (San, Mali)."""

STREET_WORDS = _words(
    """
    street st road rd avenue ave lane boulevard blvd
    """
)
"""Capitalised words that make the place name before them a street's name ('Oxford Street', 'Kabul Road'):
the street lies wherever it is, not in the town it is named after."""

STATE_COMPOUNDS = _words(
    """
    tv television media news radio broadcaster agency newspaper press run owned controlled sponsored
    funded company firm enterprise oil news-agency
    """
)
"""Words after 'state' that make it the state's media or firms ('Syrian state TV'), not a feature word."""

FACILITIES = _words(
    """
    airport international university hospital stadium square street road bridge prison base camp mosque
    church market station harbour harbor dam refinery highway checkpoint crossing gate palace museum
    cathedral airbase barracks garrison hotel school college clinic slum
    """
)
"""Words after a place name that name a facility in it ('Baghdad International Airport'): the place
stays; any other capitalised word after a one-word name makes it part of a person's or body's name."""
