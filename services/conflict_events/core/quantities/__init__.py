"""Counts of an event (killed, injured, displaced, arrested, kidnapped, affected, participants).

Public face of the quantities stage family: number phrases (``numbers``, ``phrases``), victim words
(``victims``, ``victim_words``), crowd sizes (``crowd``) and binding of a number to its kind (``binding``).
"""

from conflict_events.core.quantities.extract import extract_quantities
from conflict_events.core.quantities.numbers import NumberRange, parse_number_phrase

__all__ = ["NumberRange", "extract_quantities", "parse_number_phrase"]
