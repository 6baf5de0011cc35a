"""Read articles for ``publish`` and ``extract``: JSONL (one Article per line) or plain-text files.

Formats, chosen per input:
- ``.jsonl`` / ``.ndjson`` / ``.json`` files, or stdin whose first non-blank character is ``{``: one
  JSON ``Article`` per line (blank lines ignored).
- any other file (``.txt``): one article; id = file stem, metadata from a sidecar
  ``<stem>.envelope.json`` when present (as in ``seeds/``).
- other stdin: one article; id = ``sha256:<first 16 hex digits>`` of the text.
- a directory: its ``*.jsonl``, ``*.ndjson`` and ``*.txt`` files, sorted.

Every problem is an ``ArticleInputError`` naming the file and line; nothing is skipped silently.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import TypeAdapter, ValidationError

from conflict_events.contracts import Article

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
ENVELOPE_SUFFIX = ".envelope.json"
MAX_REPORTED_ERRORS = 10
_DATETIME = TypeAdapter(datetime)


class ArticleInputError(ValueError):
    """Input that is not a valid article; the message names the file and line."""


def parse_published_at(value: str) -> datetime:
    """``2017-08-04`` or any ISO 8601 time → an aware datetime (UTC when no offset is given).

    Raises:
        ArticleInputError: not a date.
    """
    try:
        moment = _DATETIME.validate_python(value)
    except ValidationError:
        raise ArticleInputError(f"--published-at {value!r} is not an ISO 8601 date or time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "value"
    return f"{where}: {first['msg']}"


def _article(data: dict[str, Any], where: str, published_at: datetime | None) -> Article:
    if published_at is not None and not data.get("published_at"):
        data = {**data, "published_at": published_at}
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise ArticleInputError(f"{where}: not a valid article: {_validation_message(exc)}") from None


def parse_jsonl(lines: Iterator[str], name: str, *, published_at: datetime | None = None) -> list[Article]:
    """Every line one Article; all errors are collected (up to 10 reported) before raising."""
    articles: list[Article] = []
    errors: list[str] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ArticleInputError(f"{where}: expected a JSON object, got {type(data).__name__}")
            articles.append(_article(data, where, published_at))
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})")
        except ArticleInputError as exc:
            errors.append(str(exc))
    if errors:
        more = f" (and {len(errors) - MAX_REPORTED_ERRORS} more)" if len(errors) > MAX_REPORTED_ERRORS else ""
        raise ArticleInputError("; ".join(errors[:MAX_REPORTED_ERRORS]) + more)
    return articles


def text_article(
    text: str,
    article_id: str,
    *,
    published_at: datetime | None = None,
    envelope: dict[str, Any] | None = None,
) -> Article:
    """One plain-text article, with optional envelope metadata (title, source, url, published_at …)."""
    if not text.strip():
        raise ArticleInputError(f"{article_id}: the text is empty")
    data = {key: value for key, value in (envelope or {}).items() if key != "text_file"}
    data.setdefault("id", article_id)
    return _article({**data, "text": text}, article_id, published_at)


def content_id(text: str) -> str:
    """Stable id of an article read without a name: ``sha256:`` + 16 hex digits of its text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read_file(path: Path, published_at: datetime | None) -> list[Article]:
    try:
        if path.name.endswith(ENVELOPE_SUFFIX):
            return []
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open(encoding="utf-8") as handle:
                return parse_jsonl(iter(handle), str(path), published_at=published_at)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleInputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ArticleInputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    sidecar = path.with_name(path.stem + ENVELOPE_SUFFIX)
    envelope: dict[str, Any] | None = None
    if sidecar.is_file():
        try:
            envelope = json.loads(sidecar.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ArticleInputError(f"{sidecar}: invalid JSON: {exc.msg}") from None
    return [text_article(text, path.stem, published_at=published_at, envelope=envelope)]


def read_stdin(stream: TextIO, *, published_at: datetime | None = None) -> list[Article]:
    """JSONL when the first non-blank character is ``{``, else one plain-text article."""
    content = stream.read()
    if content.lstrip().startswith("{"):
        return parse_jsonl(iter(content.splitlines()), "<stdin>", published_at=published_at)
    return [text_article(content, content_id(content), published_at=published_at)]


def read_articles(
    sources: Sequence[str], *, published_at: datetime | None = None, stdin: TextIO | None = None
) -> list[Article]:
    """All articles of the given paths (``-`` = stdin), validated, in order.

    Raises:
        ArticleInputError: a path is missing or some input is not a valid article.
    """
    articles: list[Article] = []
    for source in sources:
        if source == "-":
            articles.extend(read_stdin(stdin or sys.stdin, published_at=published_at))
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".jsonl", ".ndjson", ".txt"))
            if not files:
                raise ArticleInputError(f"{path}: no .jsonl, .ndjson or .txt files in this directory")
            for file in files:
                articles.extend(_read_file(file, published_at))
        elif path.is_file():
            articles.extend(_read_file(path, published_at))
        else:
            raise ArticleInputError(f"{path}: no such file or directory")
    return articles
