"""Word lists for single victims: titles and person nouns, determiners, death and injury cues."""

from __future__ import annotations

from conflict_events.core.quantities.lexicon import (
    AUX,
    BREAK,
    MONTH_TOKENS,
    NOT_PEOPLE,
    PEOPLE,
    PREPOSITIONS,
    SINGULAR,
    word_set,
)

TITLES = SINGULAR | word_set(
    """
    wife husband son daughter brother sister father mother nephew niece cousin uncle aunt fiancee
    fiance president vice ambassador bishop archbishop general magistrate prosecutor attorney
    diplomat consul secretary mr mrs ms dr head director manager owner chairman spokesman
    spokeswoman editor photographer cameraman correspondent broadcaster presenter professor rector
    cashier clerk teller receptionist
    dean principal landowner rancher coordinator organizer organiser delegate envoy mp mayor-elect
    inspector agent detective superintendent commissioner constable major justice representative
    monsignor reverend cardinal
    friend neighbour neighbor colleague boss heir housekeeper maid servant cook gardener watchman
    caretaker companion assistant aide escort chauffeur pharmacist headmaster headteacher vendor
    mechanic carpenter tailor butcher baker electrician accountant economist scientist researcher
    academic artist singer musician poet writer author novelist blogger footballer athlete coach
    surgeon dentist paramedic midwife rabbi sheikh mullah ayatollah deacon missionary councilwoman
    congresswoman alderman lawmaker legislator parliamentarian premier chancellor king queen prince
    princess emir sultan chieftain elder campaigner businesswoman industrialist banker executive
    landlord herder shepherd fisherman hunter miner pupil schoolgirl schoolboy toddler infant
    grandfather grandmother grandson granddaughter stepson stepdaughter widow widower girlfriend
    boyfriend partner relative
    """
)
"""Singular person nouns and titles that make a noun phrase one person."""
DETERMINERS = word_set("the his her their its our my your a an another this that")
PRONOUNS = word_set("he she him")
NEGATION = word_set("no nobody none neither nor not every each any anyone anybody whoever")
DEATH_POST = word_set(
    """
    killed slain executed murdered beheaded lynched assassinated slaughtered dead died perished
    shot gunned burned burnt beaten hacked stabbed
    """
)
"""First words of the death cues after a subject that can be said of one person."""
DEATH_PRE = {
    ("killed",),
    ("killing",),
    ("murdered",),
    ("murdering",),
    ("assassinated",),
    ("assassinating",),
    ("executed",),
    ("executing",),
    ("slew",),
    ("shot", "dead"),
    ("gunned", "down"),
    ("murder", "of"),
    ("killing", "of"),
    ("assassination", "of"),
    ("execution", "of"),
    ("slaying", "of"),
    ("death", "of"),
    ("shot", "to", "death"),
}
"""Death cues before an object that count one victim per singular object."""
HURT_POST = word_set("wounded injured hurt maimed hospitalised hospitalized")
"""First words of the injury cues after a subject."""
HURT_PRE = {("wounded",), ("wounding",), ("injured",), ("injuring",), ("maimed",)}
"""Injury cues before an object."""
CUE_WORDS = DEATH_POST | HURT_POST | {words[0] for words in DEATH_PRE | HURT_PRE}
"""A sentence without one of these words has no single victim to read."""
PRE_LAST = frozenset(words[-1] for words in DEATH_PRE | HURT_PRE)
VERBS = word_set("was is has had were are have died")
ADVERBS = word_set(
    "reportedly allegedly also later apparently brutally fatally subsequently then eventually first "
    "seriously critically badly slightly severely gravely lightly mortally"
)
NOT_NAME = (
    PEOPLE
    | NOT_PEOPLE
    | BREAK
    | AUX
    | PREPOSITIONS
    | MONTH_TOKENS
    | DETERMINERS
    | NEGATION
    | word_set(
        """
    yesterday today tonight last this early late monday tuesday wednesday thursday friday saturday
    sunday here there shortly recently when while during by through along toward towards against
    without upon under over about near
    """
    )
)
