"""Words of a text window, and the casing facts the matcher needs about them."""

from __future__ import annotations

import re
from typing import NamedTuple

from conflict_events.geo._normalize import APOSTROPHES, normalize, skeleton_token

_TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{APOSTROPHES}](?=[^\W_]))*")
_SENTENCE_END = frozenset('.!?;:"“”\n')
_UPPER_RATIO = 0.6


class Token(NamedTuple):
    """One word of the window: offsets, surface form (possessive cut off), normalised form."""

    start: int
    end: int
    raw: str
    norm: str
    possessive: bool

    @property
    def skel(self) -> str:
        """Transliteration skeleton of the token (computed on demand: most tokens never need it)."""
        return skeleton_token(self.norm)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        raw = m.group()
        begin = m.start()
        possessive = len(raw) > 3 and raw[-1] in "sS" and raw[-2] in "'’"
        if possessive:
            raw = raw[:-2]
        norm = raw.lower() if raw.isascii() and raw.isalnum() else normalize(raw)
        if norm:
            append(Token(begin, begin + len(raw), raw, norm, possessive))
    return out


_DROP_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def mostly_upper(text: str) -> bool:
    """Wire copy in capitals: most ASCII letters upper case (counted at C speed with translate)."""
    upper = len(text) - len(text.translate(_DROP_UPPER))
    lower = len(text) - len(text.translate(_DROP_LOWER))
    return upper > 0 and upper / (upper + lower) >= _UPPER_RATIO


def sentence_initial(text: str, window_start: int, pos: int) -> bool:
    """Nothing but a sentence end, quotes or white space (any, no-break included) before ``pos``."""
    before = text[window_start:pos].rstrip().rstrip("'‘\"“(").rstrip()
    return not before or before[-1] in _SENTENCE_END
