"""Turn one raw Kafka message value into an ``Article`` or a precise ``Rejection``.

This is the first line of defence against poison input: it never raises, every input is bounded in
time and memory (the size limit is checked before any parsing, orjson caps nesting depth, the HTML
stripper is the stdlib's linear tokenizer), and every failure carries a stable reason string that
the worker uses as a metric label and as the ``dlq.reason`` header.

Dead-lettered (the original bytes go to the DLQ): ``too_large``, ``invalid_utf8``, ``invalid_json``,
``wrong_shape``, ``missing_field``, ``wrong_type``.  Skipped (an outcome, no DLQ): ``empty_text``,
``no_text_content``.  HTML bodies are not rejected: their tags are stripped to plain text, and the
returned ``Article.text`` is that plain text, so every span the extractor emits indexes into it.

Example:
    >>> decode_article(b'{"id": "a1", "text": "Troops shelled the town."}', max_bytes=1024).id
    'a1'
    >>> decode_article(b'{"id": "a1"}', max_bytes=1024).reason
    'missing_field'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from pydantic import ValidationError

from conflict_events.contracts import Article
from conflict_events.core.text.clean import clean_text
from conflict_events.core.text.language import SKIP_REASONS as LANGUAGE_SKIP_REASONS

STAGE = "decode"
"""The ``stage`` of every rejection made here (``ArticleOutcome.stage``, ``dlq.stage``)."""

DEAD_LETTER_REASONS: tuple[str, ...] = (
    "too_large", "invalid_utf8", "invalid_json", "wrong_shape", "missing_field", "wrong_type",
)
SKIP_REASONS: tuple[str, ...] = ("empty_text", "no_text_content")
EXTRACTION_ERROR = "extraction_error"
"""Dead-letter reason of an article whose extraction raised, broke the contracts or timed out."""
DLQ_REASONS: tuple[str, ...] = (*DEAD_LETTER_REASONS, EXTRACTION_ERROR)
"""Every dead-letter reason (metric labels, docs): the decoder's own plus the extractor's."""
ALL_SKIP_REASONS: tuple[str, ...] = tuple(dict.fromkeys((*SKIP_REASONS, *LANGUAGE_SKIP_REASONS)))
"""Every skip reason: the decoder's plus the extractor's language check."""

ID_MAX_CHARS = 512
"""Same bound as ``Article.id``; longer ids are a producer bug, not an article."""

MIN_LETTERS = 2
"""Fewer letters than this after stripping (only tags, digits, punctuation) is not text."""

MAX_CONTROL_RATIO = 0.1
"""More control or replacement characters than this share of the text looks binary."""

_OPTIONAL_STR_FIELDS = ("title", "url", "source", "language")
_LETTER = re.compile(r"[^\W\d_]")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a message did not become an ``Article``.

    Attributes:
        status: ``dead_lettered`` (original bytes go to the DLQ) or ``skipped`` (outcome only).
        reason: stable label, one of ``DEAD_LETTER_REASONS`` or ``SKIP_REASONS``.
        stage: always ``decode`` here.
        error: one human line (exception class and message, or what was wrong); never the body.
        article_id: the id when it could be read, so the outcome can carry it.
    """

    status: Literal["skipped", "dead_lettered"]
    reason: str
    stage: str
    error: str
    article_id: str | None = None


def _dead(reason: str, error: str, article_id: str | None = None) -> Rejection:
    return Rejection("dead_lettered", reason, STAGE, error, article_id)


def _skip(reason: str, error: str, article_id: str) -> Rejection:
    return Rejection("skipped", reason, STAGE, error, article_id)


def _parse(value: bytes) -> Any | Rejection:
    """Decode UTF-8 then JSON; size must already have been checked."""
    raw = value[len(_UTF8_BOM):] if value.startswith(_UTF8_BOM) else value
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _dead("invalid_utf8", f"UnicodeDecodeError: {exc.reason} at byte {exc.start}")
    try:
        return orjson.loads(decoded)
    except orjson.JSONDecodeError as exc:
        if "depth limit" in str(exc) or "recursion" in str(exc).lower():
            return _dead("wrong_shape", f"JSON nested too deeply: {exc}")
        return _dead("invalid_json", f"JSONDecodeError: {exc}")


def _read_id(obj: dict[str, Any]) -> str | Rejection:
    raw_id = obj.get("id")
    if raw_id is None:
        return _dead("missing_field", "field 'id' is missing or null")
    if not isinstance(raw_id, str):
        return _dead("wrong_type", f"field 'id' must be a string, got {type(raw_id).__name__}")
    if not raw_id.strip():
        return _dead("missing_field", "field 'id' is blank")
    if len(raw_id) > ID_MAX_CHARS:
        return _dead("wrong_type", f"field 'id' is {len(raw_id)} characters, limit {ID_MAX_CHARS}")
    return raw_id


def _check_optional(obj: dict[str, Any], article_id: str) -> Rejection | None:
    for name in _OPTIONAL_STR_FIELDS:
        field = obj.get(name)
        if field is not None and not isinstance(field, str):
            kind = type(field).__name__
            return _dead("wrong_type", f"field {name!r} must be a string, got {kind}", article_id)
    published = obj.get("published_at")
    if published is not None and not isinstance(published, str | int | float):
        return _dead("wrong_type", f"field 'published_at' must be a string, got {type(published).__name__}",
                     article_id)
    return None


def _is_binary_looking(text: str) -> bool:
    """Many control characters (other than line breaks/tabs) or U+FFFD: not prose."""
    bad = sum(
        1 for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    )
    return bad > MAX_CONTROL_RATIO * len(text)


def _has_letters(text: str) -> bool:
    """At least ``MIN_LETTERS`` letters; stops scanning as soon as it knows."""
    matches = _LETTER.finditer(text)
    return all(next(matches, None) is not None for _ in range(MIN_LETTERS))


def _content_problem(text: str) -> str | None:
    """Why ``text`` holds no readable content, or None when it does."""
    if not _has_letters(text):
        return "no letters (only markup, digits, punctuation or symbols)"
    if _is_binary_looking(text):
        return f"binary-looking content (over {MAX_CONTROL_RATIO:.0%} control characters)"
    return None


def decode_article(value: bytes | None, *, max_bytes: int) -> Article | Rejection:
    """Decode one message value into an ``Article``, or say precisely why not.

    Args:
        value: the raw Kafka message value (None for a tombstone).
        max_bytes: size limit, checked before any parsing (``Settings.MAX_MESSAGE_BYTES``).

    Returns:
        The validated ``Article`` (HTML already stripped to text), or a ``Rejection``.
    """
    if value is None or len(value) == 0:
        return _dead("invalid_json", "empty message value (no JSON document)")
    if len(value) > max_bytes:
        return _dead("too_large", f"message is {len(value)} bytes, limit {max_bytes}")
    obj = _parse(value)
    if isinstance(obj, Rejection):
        return obj
    if not isinstance(obj, dict):
        return _dead("wrong_shape", f"expected a JSON object, got {type(obj).__name__}")
    article_id = _read_id(obj)
    if isinstance(article_id, Rejection):
        return article_id
    text = obj.get("text")
    if text is None:
        return _dead("missing_field", "field 'text' is missing or null", article_id)
    if not isinstance(text, str):
        return _dead("wrong_type", f"field 'text' must be a string, got {type(text).__name__}", article_id)
    bad_optional = _check_optional(obj, article_id)
    if bad_optional is not None:
        return bad_optional
    if not text.strip():
        return _skip("empty_text", "text is empty or whitespace only", article_id)
    text = clean_text(text)
    problem = _content_problem(text)
    if problem is not None:
        return _skip("no_text_content", problem, article_id)
    try:
        return Article.model_validate({**obj, "id": article_id, "text": text})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return _dead("wrong_type", f"ValidationError: {where}: {first['msg']}", article_id)
