"""Clean and segment an article: paragraphs, stories, sentences, repeated text, and a parse-ready copy.

Offsets always point into the ORIGINAL article text.  The parse copy (``Document.parse_text``) has exactly the
same length: newlines become spaces (hard-wrapped wire copy is unwrapped without moving a character) and an
all-capitals text is lower-cased character by character, with sentence starts capitalised again, because
spaCy's tagger and NER lean on letter case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|[.!?]+[\"'”’)\]]*\s*\n")
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "inc",
        "corp",
        "co",
        "ltd",
        "jr",
        "sr",
        "vs",
        "rev",
        "prof",
        "pres",
        "brig",
        "fr",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "est",
    ]
)
HEADLINE_MAX_WORDS = 18
QUOTES = str.maketrans({"“": "", "”": "", "‘": "", "’": "", '"': "", "'": "", "\u00a0": " "})


@dataclass(frozen=True)
class Paragraph:
    """A block between blank lines: ``[start, end)`` in the article, story it belongs to, headline or not."""

    index: int
    start: int
    end: int
    story_index: int
    headline: bool


@dataclass(frozen=True)
class Sentence:
    """A sentence ``[start, end)`` in the article, kept only if its text was not seen before."""

    start: int
    end: int
    paragraph_index: int
    story_index: int
    headline: bool


@dataclass(frozen=True)
class Document:
    """The segmented article: original text, same-length parse copy, kept paragraphs and sentences."""

    text: str
    parse_text: str
    upper_case: bool
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]


def normalize_key(text: str) -> str:
    """Comparison key for repeated text: case, quotes and whitespace folded."""
    return " ".join(text.translate(QUOTES).lower().split())


DROP_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
CASE_SAMPLE_CHARS = 5000


def is_upper_case(text: str) -> bool:
    """True when the letters are (almost) all capitals, as in MUC-style wire copy (ASCII letters, sampled;
    counted at C speed as the characters ``translate`` drops)."""
    sample = text[:CASE_SAMPLE_CHARS]
    upper = len(sample) - len(sample.translate(DROP_UPPER))
    lower = len(sample) - len(sample.translate(DROP_LOWER))
    return upper + lower >= 20 and upper >= 0.9 * (upper + lower)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for brk in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + (len(chunk) - len(chunk.lstrip()))
            spans.append((start, start + len(stripped)))
        position = brk.end() if brk else len(text)
    return spans


def _looks_like_headline(text: str, next_text: str | None) -> bool:
    words = text.split()
    core = text.rstrip("\"'”’ ")
    return (
        next_text is not None
        and 0 < len(words) <= HEADLINE_MAX_WORDS
        and not core.endswith((".", "!", "?", ":", ";", ","))
        and len(next_text.split()) > len(words)
    )


WORD_RUN = re.compile(r"[\w.]+")


def last_word(text: str, begin: int, end: int) -> str:
    """The run of word characters and dots that ends ``text[begin:end]`` (before one final newline), as a
    search for that run anchored at ``$`` finds it; matched on the reversed piece instead of tried at every
    start of it."""
    if end > begin and text[end - 1] == "\n":
        end -= 1
    run = WORD_RUN.match(text[begin:end][::-1])
    return run.group()[::-1] if run else ""


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, skipping breaks after abbreviations and initials."""
    spans = []
    begin = start
    for match in SENTENCE_END.finditer(text, start, end):
        dot = match.start()
        token = last_word(text, begin, dot).lower()
        if text[dot] == "." and (token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
            continue
        stop = match.end()
        piece = text[begin:stop].rstrip()
        if piece.strip():
            spans.append((begin, begin + len(piece)))
        begin = stop
    if text[begin:end].strip():
        tail = text[begin:end]
        spans.append((begin + len(tail) - len(tail.lstrip()), begin + len(tail.rstrip())))
    return spans


BLANKS = str.maketrans("\n\r\t", "   ")
ASCII_LETTER = re.compile(r"[A-Za-z]")


def make_parse_text(text: str, sentences: tuple[Sentence, ...], *, upper_case: bool) -> str:
    """Same-length copy for spaCy: newlines as spaces; capitals lower-cased when the text is upper case.

    ASCII text (nearly all wire copy) is done with ``translate`` and ``lower`` instead of a loop per
    character: in ASCII both keep the length, and the letters ``isalpha`` finds are ``[A-Za-z]``."""
    if not upper_case:
        return text.translate(BLANKS)
    if text.isascii():
        lowered = text.translate(BLANKS).lower()
        chars = list(lowered)
        for sentence in sentences:
            first = ASCII_LETTER.search(lowered, sentence.start, sentence.end)
            if first is not None:
                chars[first.start()] = chars[first.start()].upper()
        return "".join(chars)
    chars = [low if len(low := c.lower()) == 1 else c for c in text.translate(BLANKS)]
    for sentence in sentences:
        for i in range(sentence.start, sentence.end):
            if chars[i].isalpha():
                chars[i] = chars[i].upper() if len(chars[i].upper()) == 1 else chars[i]
                break
    return "".join(chars)


def segment(text: str) -> Document:
    """Split ``text`` into paragraphs, stories and sentences, dropping repeated paragraphs and sentences.

    A short paragraph without final punctuation followed by a longer one is a headline; a headline after the
    first paragraph starts a new story (several stories in one document).
    """
    spans = _paragraph_spans(text)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    seen_paragraphs: set[str] = set()
    seen_sentences: set[str] = set()
    story = 0
    for index, (start, end) in enumerate(spans):
        next_text = text[spans[index + 1][0] : spans[index + 1][1]] if index + 1 < len(spans) else None
        headline = _looks_like_headline(text[start:end], next_text)
        if headline and paragraphs:
            story += 1
        key = normalize_key(text[start:end])
        if key in seen_paragraphs:
            continue
        seen_paragraphs.add(key)
        paragraph = Paragraph(index, start, end, story, headline)
        paragraphs.append(paragraph)
        for s_start, s_end in split_sentences(text, start, end) if not headline else [(start, end)]:
            s_key = normalize_key(text[s_start:s_end])
            if s_key in seen_sentences:
                continue
            seen_sentences.add(s_key)
            sentences.append(Sentence(s_start, s_end, index, story, headline))
    upper = is_upper_case(text)
    frozen_sentences = tuple(sentences)
    return Document(
        text,
        make_parse_text(text, frozen_sentences, upper_case=upper),
        upper,
        tuple(paragraphs),
        frozen_sentences,
    )
