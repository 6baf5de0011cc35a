"""Name normalisation shared by the index builder and the matcher.

Both sides must fold a name the same way, so every key the gazetteer holds and every n-gram
looked up in text goes through :func:`normalize` (and, as a fallback, :func:`skeleton`).
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "'’‘ʿʾ`´ʼʻʹ′"
"""Apostrophe-like characters, dropped inside names (Dar‘ā → dara, Ma'arrat → maarrat)."""

_FOLD = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "ð": "d",
        "Ð": "D",
        "ħ": "h",
        "Ħ": "H",
        "ə": "e",
        "Ə": "E",
        **{c: "" for c in APOSTROPHES},
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"(.)\1+")

ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "ez", "en", "adh"})
"""Arabic article transliterations that may be written or dropped (Al-Hasakah / Hasakah)."""


def fold(text: str) -> str:
    """Strip diacritics and apostrophes, keep case: 'Ḩamāh' → 'Hamah', 'Dar‘ā' → 'Dara'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


def normalize(text: str) -> str:
    """Lower-case ASCII key with single spaces: 'Deir ez-Zor' → 'deir ez zor'."""
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower().replace("'", "").replace("`", "")).strip()
    return _NON_ALNUM.sub(" ", fold(text).lower()).strip()


def skeleton_token(token: str) -> str:
    """Fold transliteration noise in one normalised token: doubled letters, final -h after a vowel.

    'raqqah' → 'raqa', 'daraa' → 'dara', 'hamah' → 'hama'.
    """
    word = _DOUBLED.sub(r"\1", token) if _DOUBLED.search(token) else token
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    return word


def skeleton(key: str) -> str:
    """Skeleton of a normalised multi-word key: a leading Arabic article is dropped and inner ones
    read as 'al' (Ma‘arrat an Nu‘mān / Maarat al-Numan → 'marat al numan')."""
    tokens = key.split()
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return " ".join("al" if t in ARTICLES else skeleton_token(t) for t in tokens)
