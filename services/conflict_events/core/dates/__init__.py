"""Event dates: the date spans of a sentence resolved against the article's anchor (publication time).

Public face of the dates stage family; the rule tables live in ``rules`` and ``relative``, calendar words in
``calendar``, clock times in ``clock`` and report datelines in ``dateline``.
"""

from conflict_events.core.dates.context import paragraph_dates
from conflict_events.core.dates.dateline import parse_dateline
from conflict_events.core.dates.resolve import make_date_parser, resolve_date, year_of_act

__all__ = ["make_date_parser", "paragraph_dates", "parse_dateline", "resolve_date", "year_of_act"]
