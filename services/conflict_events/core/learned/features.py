"""Features of a text for the learned decisions: character and word n-grams plus what the rules already know.

Feature strings are hashed into a fixed space (CRC-32, stable across runs and machines), so the model is a
plain weight matrix indexed by feature id and no vocabulary is stored.  The same functions build the training
matrix and the features of a candidate at run time, so the two can never drift apart.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from conflict_events.contracts import Actor, Quantity

DIM_BITS = 18
DIM = 1 << DIM_BITS
"""Size of the hashed feature space."""
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 1200
"""Only the first characters of long texts make character n-grams (the lead carries the event)."""
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True)
class RuleVote:
    """What the rule stages decided for the text's (main) event; all None when they found no event."""

    event_type: str | None = None
    acled_sub: str | None = None
    mode: str | None = None
    plover_mode: str | None = None
    trigger: str | None = None
    source_type: str | None = None
    target_type: str | None = None
    quantity_kinds: tuple[str, ...] = ()


def _first_kind(actors: Sequence[Actor], role: str) -> str | None:
    """The kind of the first actor in ``role``; a target of no known kind (words only) is left out, as the
    model was trained before such targets were kept."""
    kinds = [
        a.actor_type or a.sector or "unknown"
        for a in actors
        if a.role == role and not (role == "target" and a.sector == "UNK" and a.actor_type is None)
    ]
    return kinds[0] if kinds else None


def rule_vote(
    codes: tuple[str, str | None, str, str | None],
    trigger: str,
    actors: Sequence[Actor],
    quantities: Sequence[Quantity],
) -> RuleVote:
    """The vote of the rules on one event: ``codes`` = (type, ACLED sub-type, mode, mode word), its trigger
    words, and the kinds of its first source and target and of its counts (the same at training and run
    time)."""
    event_type, acled_sub, mode, plover_mode = codes
    return RuleVote(
        event_type=event_type,
        acled_sub=acled_sub,
        mode=mode,
        plover_mode=plover_mode,
        trigger=trigger,
        source_type=_first_kind(actors, "source"),
        target_type=_first_kind(actors, "target"),
        quantity_kinds=tuple(sorted({q.kind for q in quantities})),
    )


def _words(text: str) -> list[str]:
    """The lower-cased words of ``text``, digits folded to 0.

    In ASCII text lowering and folding keep every character's class, so the whole text is folded once and
    then split (the same words as folding each word; other text is folded word by word)."""
    if text.isascii():
        return _WORD.findall(_DIGITS.sub("0", text.lower()))
    return [_DIGITS.sub("0", w.lower()) for w in _WORD.findall(text)]


def text_features(text: str) -> list[str]:
    """Word 1-2-grams of the lower-cased text (digits folded to 0), an upper-case flag and a length bucket."""
    words = _words(text)
    feats = [f"w:{w}" for w in words]
    feats.extend(f"b:{a}_{b}" for a, b in pairwise(words))
    if text[:200].isupper():
        feats.append("x:upper")
    feats.append(f"x:len{min(len(words) // 15, 8)}")
    return feats


_MULT = np.uint64(1000003)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SALT = {n: np.uint64((n * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) for n in CHAR_NGRAMS}


def char_ids(text: str) -> npt.NDArray[np.int64]:
    """Ids of the character 3-5-grams of the words of the text's first ``MAX_CHARS`` characters.

    The words are joined as ``<w1> <w2> …`` and every n-gram is hashed with a polynomial rolling hash in
    numpy (no Python loop per n-gram), then mixed and folded into the feature space.  The n-gram hashes are
    grown from the (n-1)-gram ones by one Horner step (exact: uint64 arithmetic wraps modulo 2^64).
    """
    joined = "<" + "> <".join(_words(text[:MAX_CHARS])) + ">"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = []
    h = np.zeros(len(codes), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for n in range(1, max(CHAR_NGRAMS) + 1):
            count = len(codes) - n + 1
            if count <= 0:
                break
            h = h[:count] * _MULT + codes[n - 1 : n - 1 + count]  # Horner: the (n-1)-gram hash, one code on
            if n in CHAR_NGRAMS:
                mixed = (h ^ _SALT[n]) * _MIX
                mixed ^= mixed >> np.uint64(29)
                parts.append((mixed & np.uint64(DIM - 1)).astype(np.int64))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def rule_features(vote: RuleVote) -> list[str]:
    """The rules' vote as features (type, ACLED sub-type, mode, mode word, trigger, actor kinds, counts)."""
    if vote.event_type is None:
        return ["r:none"]
    feats = [
        f"r:type={vote.event_type}",
        f"r:sub={vote.acled_sub}",
        f"r:mode={vote.mode}",
        f"r:pmode={vote.plover_mode}",
        f"r:src={vote.source_type}",
        f"r:tgt={vote.target_type}",
        f"r:type_mode={vote.event_type}|{vote.mode}",
    ]
    if vote.trigger:
        feats.append(f"r:trig={vote.trigger.lower()}")
    feats.extend(f"r:q={kind}" for kind in vote.quantity_kinds)
    return feats


def hashed(features: Iterable[str]) -> npt.NDArray[np.int64]:
    """Sorted unique feature ids of ``features`` in ``[0, DIM)``."""
    return sorted_unique(_crc_ids(features))


def _crc_ids(features: Iterable[str]) -> npt.NDArray[np.int64]:
    """The id of each feature: its UTF-8 CRC-32 folded into ``[0, DIM)`` (``map`` keeps the loop in C)."""
    return np.fromiter(map(zlib.crc32, map(str.encode, features)), dtype=np.int64) & (DIM - 1)


def _first_of_runs(ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Where each run of equal values starts in the sorted ``ids``."""
    starts = np.empty(len(ids), dtype=np.bool_)
    starts[:1] = True
    np.not_equal(ids[1:], ids[:-1], out=starts[1:])
    return starts


def sorted_unique(ids: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """``np.unique(ids)`` by a sort and a neighbour compare (numpy's hashing ``unique`` costs three times
    as much on the few hundred ids of a sentence)."""
    ordered = np.sort(ids)
    return ordered[_first_of_runs(ordered)]


def feature_ids(text: str, vote: RuleVote) -> npt.NDArray[np.int64]:
    """All feature ids of one text and the rules' vote on it (sorted, unique)."""
    words = hashed([*text_features(text), *rule_features(vote)])
    return sorted_unique(np.concatenate([words, char_ids(text)]))


def word_counts(text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Ids of the word 1-2-grams of the whole text (the ``w:``/``b:`` features above) and how often each
    occurs: the article head's term frequencies (``np.unique`` with counts, by a sort)."""
    words = _words(text)
    grams = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in pairwise(words)]
    ids = np.sort(_crc_ids(grams))
    starts = np.flatnonzero(_first_of_runs(ids))
    return ids[starts], np.diff(np.append(starts, len(ids))).astype(np.int64)


def tfidf(counts: npt.NDArray[np.int64], idf: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
    """Sub-linear tf-idf weights of a text's known terms (their counts and idf, aligned), of unit length."""
    weights = (1.0 + np.log(counts.astype(np.float64))) * idf
    norm = float(np.sqrt((weights * weights).sum()))
    return weights / norm if norm > 0 else weights


def design_matrix(
    rows: Sequence[npt.NDArray[np.int64]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """CSR ``(indptr, indices)`` of binary rows (the values are all 1)."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    return indptr, indices
