"""Whole documents labelled only "reports an incident or not", for the article head: MUC-4 DEV.

MUC-4 DEV (1,300 FBIS messages, 1988-90; public research data, see ``docs/model.md``) is the one outside set
the project trains on.  It is never copied into the repository: ``conflict-events train --documents PATH``
reads it from where it lies (``../shared/eval/dev/muc4_dev_part*.jsonl``).  Only DEV messages are accepted:
a TST1-TST4 message (the MUC test sets that measure the product) is refused with ``FILE:LINE: reason``, as is
any malformed line, and then nothing is trained.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.learning.corpus import CorpusError, json_object, read_jsonl

TRAINABLE_ID = re.compile(r"^DEV-MUC\d-\d{4}$")
"""Ids of MUC-4 DEV messages; the test messages (``TST1-MUC3-0001`` ...) never match."""
_DATELINE = re.compile(r"^\s*[^,\n]{2,60},\s*(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2})\b")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass(frozen=True)
class LabelledDocument:
    """One whole message: does it report a (terrorist) incident, and when was it published."""

    id: str
    text: str
    relevant: bool
    published_at: datetime | None


def dateline_date(text: str) -> datetime | None:
    """The ``CITY, DD MMM YY`` dateline date of a message (years 19YY), None when absent or invalid."""
    m = _DATELINE.match(text)
    if not m or m.group(2).upper() not in _MONTHS:
        return None
    try:
        month = _MONTHS.index(m.group(2).upper()) + 1
        return datetime(1900 + int(m.group(3)), month, int(m.group(1)), tzinfo=UTC)
    except ValueError:
        return None


def _parse(line: str, where: str) -> LabelledDocument | str:
    data = json_object(line, where)
    if isinstance(data, str):
        return data
    doc_id, text, gold = data.get("id"), data.get("text"), data.get("gold")
    if not isinstance(doc_id, str) or not TRAINABLE_ID.match(doc_id):
        return f"{where}: id {doc_id!r} is not a MUC-4 DEV message (test messages are never trained on)"
    if not isinstance(text, str) or len(text.split()) < 2:
        return f"{where}: text missing or shorter than two words"
    if not isinstance(gold, dict) or not isinstance(gold.get("relevant"), bool):
        return f"{where}: gold.relevant (true/false) missing"
    return LabelledDocument(doc_id, text, gold["relevant"], dateline_date(text))


def read_documents(paths: Iterable[Path]) -> list[LabelledDocument]:
    """Every message of the given JSONL files, in file and line order.

    Raises:
        CorpusError: a file is missing, a line is malformed or not a DEV message, or an id repeats.
    """
    documents, problems = read_jsonl(sorted(paths), _parse, lambda d: d.id)
    if problems:
        raise CorpusError(problems)
    return documents


def documents_digest(documents: Iterable[LabelledDocument]) -> str:
    """A short hash of the documents' ids, texts and labels (the second half of the model's version)."""
    digest = hashlib.sha256()
    for d in documents:
        digest.update(json.dumps([d.id, d.text, d.relevant]).encode("utf-8"))
    return digest.hexdigest()[:16]
