"""Language check: English articles go on, others are skipped with their language, empty ones too.

The detector is passed in (``Resources.detect_language``) so the core stays pure; it returns an ISO 639-1 code
and a score.  We never guess events in other languages: a translation stage can come later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Detector = Callable[[str], tuple[str, float]]
SAMPLE_CHARS = 2000
MIN_LETTERS = 20
MIN_SCORE = 0.5


SKIP_REASONS: tuple[str, ...] = ("empty_text", "no_text_content", "not_english")
"""Every reason this check gives for skipping an article (stable strings: metric labels, outcomes)."""

@dataclass(frozen=True)
class LanguageVerdict:
    """Detected language (ISO 639-1, or None) and the skip reason, None when the article goes on."""

    language: str | None
    skip_reason: str | None


ASCII_LETTERS = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def count_letters(sample: str) -> int:
    """How many characters of ``sample`` are letters (``str.isalpha``); in ASCII text those are the ones
    ``translate`` drops, counted without a Python step per character."""
    if sample.isascii():
        return len(sample) - len(sample.translate(ASCII_LETTERS))
    return sum(c.isalpha() for c in sample)


def check_language(text: str, detect: Detector, *, declared: str | None = None) -> LanguageVerdict:
    """Decide whether ``text`` is English enough to extract from.

    Upper-case wire copy is lower-cased before detection (the model was trained on mixed case). Too little
    text to judge keeps the declared language, defaulting to English.
    """
    if not text.strip():
        return LanguageVerdict(None, "empty_text")
    letters = count_letters(text[:SAMPLE_CHARS])
    if letters == 0:
        return LanguageVerdict(None, "no_text_content")
    if letters < MIN_LETTERS:
        language = (declared or "en").lower()[:2]
        return LanguageVerdict(language, None if language == "en" else "not_english")
    sample = " ".join(text[:SAMPLE_CHARS].split()).lower()
    language, score = detect(sample)
    if language != "en" and score >= MIN_SCORE:
        return LanguageVerdict(language, "not_english")
    return LanguageVerdict("en", None)
