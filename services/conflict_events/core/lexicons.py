"""Parse the lexicon and crosswalk tables (CSV text with a ``#`` comment header) into compiled, frozen rules.

The functions here take the file *text*; reading the files is ``resources.load_resources``'s job, so the core
stays free of I/O.  Every pattern list is compiled once into a single alternation with one named group per
row, so a sentence is scanned once whatever the lexicon size.

The trigger table is also cut into buckets by the letters a match can begin with: by its first letter
(``first_letters``, read from the pattern text) and by its first two (``leading_pairs``, read from the parse
``re.compile`` itself runs, erring on the safe side: a construct it does not follow means "any pair").
"""

from __future__ import annotations

import csv
import io
import re
import re._parser as sre  # the parser re.compile runs (no typeshed stub: its items are typed Any here)
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Protocol

WORD_LEFT = r"(?<![\w-])"
WORD_RIGHT = r"(?![\w-])"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class LexiconError(ValueError):
    """A lexicon or crosswalk table is malformed (bad column, bad regex, unknown code)."""


def read_table(text: str, *, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV table whose leading ``#`` lines are comments; checks the required columns."""
    body = "\n".join(line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    reader = csv.DictReader(io.StringIO(body))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise LexiconError(f"table lacks columns {missing}; has {reader.fieldnames}")
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def compile_alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive regex with a named group ``r<i>`` per pattern, each bounded as whole words."""
    parts = []
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise LexiconError(f"row {i}: bad pattern {pattern!r}: {exc}") from exc
        parts.append(f"(?P<r{i}>{pattern})")
    # The word boundaries sit outside the alternation: a position inside a word fails once, not once per row,
    # and a failed right boundary backtracks into the next alternative.
    return re.compile(f"{WORD_LEFT}(?:{'|'.join(parts)}){WORD_RIGHT}", re.IGNORECASE)


def rule_index(match: re.Match[str]) -> int:
    """Index of the table row whose named group produced ``match``."""
    name = match.lastgroup
    if name is None:  # pragma: no cover - every alternative is a named group
        raise LexiconError("match without a rule group")
    return int(name[1:])


def split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a regex (``|`` outside any group or class)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str) -> int:
    depth = 0
    for i, char in enumerate(pattern):
        if char == "(" and (i == 0 or pattern[i - 1] != "\\"):
            depth += 1
        elif char == ")" and pattern[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return -1


def first_letters(branch: str) -> frozenset[str] | None:
    """Letters a regex branch can start with (lower case), or None when that is not simple to know."""
    if not branch:
        return None
    if branch[0].isalpha():
        if branch[1:2] in ("?", "*"):
            return None
        return frozenset({branch[0].lower()})
    if branch.startswith("(?:"):
        end = _group_end(branch)
        if end < 0:
            return None
        letters: set[str] = set()
        for alternative in split_top(branch[3:end]):
            found = first_letters(alternative)
            if found is None:
                return None
            letters |= found
        if branch[end + 1 : end + 2] in ("?", "*"):
            rest = first_letters(branch[end + 2 :])
            if rest is None:
                return None
            letters |= rest
        return frozenset(letters)
    return None


MAX_REPEATS = 8
"""Repetitions followed before a repeat's prefixes are given up as unknown (k-letter prefixes settle within
k + 1 of a repeat whose body is not empty)."""

Prefixes = frozenset[str] | None


def _concat(heads: frozenset[str], tails: frozenset[str], k: int) -> frozenset[str]:
    """First ``k`` characters of every string of ``heads`` followed by one of ``tails``."""
    done = {h for h in heads if len(h) >= k}
    return frozenset(done | {(h + t)[:k] for h in heads if len(h) < k for t in tails})


def _char(code: int) -> Prefixes:
    """A literal character, lower-cased; None for a non-ASCII one (case folding may map it to ASCII)."""
    char = chr(code)
    return frozenset({char.lower()}) if char.isascii() else None


def _charset(items: list[tuple[Any, Any]]) -> Prefixes:
    """The lower-cased ASCII characters of a class ``[...]``; None for categories, negation or non-ASCII."""
    chars: set[str] = set()
    for op, av in items:
        if op == sre.LITERAL and chr(av).isascii():
            chars.add(chr(av).lower())
        elif op == sre.RANGE and chr(av[1]).isascii():
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        else:
            return None
    return frozenset(chars)


def _repeat(low: int, high: int, body: Prefixes, k: int) -> Prefixes:
    """Prefixes of ``body`` repeated ``low`` to ``high`` times."""
    if body is None:
        return None
    found: set[str] = set()
    current: frozenset[str] = frozenset({""})
    for count in range(min(high, low + MAX_REPEATS) + 1):
        if count >= low:
            found |= current
        following = _concat(current, body, k)
        if following == current and count >= low:
            return frozenset(found)
        current = following
    return frozenset(found) if high <= low + MAX_REPEATS else None


def _atom(op: Any, av: Any, k: int) -> Prefixes:
    """Prefixes of one parsed item; zero-width items (anchors, lookarounds) match the empty string."""
    if op == sre.LITERAL:
        return _char(av)
    if op == sre.IN:
        return _charset(av)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})
    if op == sre.SUBPATTERN:
        return _sequence(av[3], k)
    if op == sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            prefixes = _sequence(alternative, k)
            if prefixes is None:
                return None
            found |= prefixes
        return frozenset(found)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], _sequence(av[2], k), k)
    return None


def _sequence(items: Any, k: int) -> Prefixes:
    """Prefixes of a sequence of parsed items, each following the one before."""
    found: frozenset[str] = frozenset({""})
    for op, av in items:
        if all(len(prefix) >= k for prefix in found):
            break  # what follows the first k characters does not matter
        step = _atom(op, av, k)
        if step is None:
            return None
        found = _concat(found, step, k)
    return found


def leading_pairs(pattern: str) -> frozenset[str] | None:
    """The pairs of lower-case letters a match of ``pattern`` (case-insensitive) can begin with; matches
    shorter than two characters or going on with a non-letter are not counted.  None when not known."""
    prefixes = _sequence(sre.parse(pattern, re.IGNORECASE), 2)
    if prefixes is None:
        return None
    return frozenset(p for p in prefixes if len(p) == 2 and p[0] in LETTERS and p[1] in LETTERS)


BucketRows = list[tuple[int, list[str]]]
"""The rows of a bucket in table order, each with its branches that can match there."""


def buckets_cover(patterns: tuple[str, ...]) -> bool:
    """Whether every branch can only begin with the letters ``first_letters`` read from its text (or with
    no letter), checked on the branch's parse: then a word's bucket holds every row that can match it."""
    for pattern in patterns:
        for branch in split_top(pattern):
            letters = first_letters(branch)
            if letters is None:
                continue
            firsts = _sequence(sre.parse(branch, re.IGNORECASE), 1)
            if firsts is None or any(f in LETTERS and f not in letters for f in firsts if f):
                return False
    return True


def _bucket_rows(patterns: tuple[str, ...]) -> dict[str, BucketRows]:
    """Per first letter, the rows and branches that can start with it."""
    by_letter: dict[str, BucketRows] = {}
    for i, pattern in enumerate(patterns):
        per_letter: dict[str, list[str]] = {}
        for branch in split_top(pattern):
            found = first_letters(branch)
            for letter in found if found is not None else LETTERS:
                per_letter.setdefault(letter, []).append(branch)
        for letter, branches in per_letter.items():
            by_letter.setdefault(letter, []).append((i, branches))
    return by_letter


def _compile_rows(rows: BucketRows) -> re.Pattern[str]:
    return re.compile(
        "(?:" + "|".join(f"(?P<r{i}>{'|'.join(branches)})" for i, branches in rows) + f"){WORD_RIGHT}",
        re.IGNORECASE,
    )


def compile_buckets(patterns: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """Per first letter, the alternation of only the branches that can start with it (row order kept).

    Scanning a text then tries, at each word start, only the rows that can match there, instead of every row.
    """
    return {letter: _compile_rows(rows) for letter, rows in _bucket_rows(patterns).items()}


def compile_pairs(patterns: tuple[str, ...]) -> dict[str, re.Pattern[str]]:
    """Per first two letters, the part of the first letter's bucket whose branches can begin with both.

    Where the second character is a letter, the pair's alternation matches exactly where its letter's bucket
    does: a branch left out cannot begin with the pair (``prefixes.leading_pairs``), and one that matches a
    single letter fails the word boundary before the second.  A pair no branch begins with has no entry.
    """
    pairs: dict[str, re.Pattern[str]] = {}
    for letter, rows in _bucket_rows(patterns).items():
        leads = [(i, [(b, leading_pairs(b)) for b in branches]) for i, branches in rows]
        for second in LETTERS:
            pair = letter + second
            kept = [(i, [b for b, lead in bs if lead is None or pair in lead]) for i, bs in leads]
            kept = [(i, branches) for i, branches in kept if branches]
            if kept:
                pairs[pair] = _compile_rows(kept)
    return pairs


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``lexicon_triggers.csv``: words that can carry an event of one PLOVER type."""

    pattern: str
    event_type: str | None  # None for a blocking phrase
    plover_mode: str | None
    acled_sub: str | None
    weight: float
    pos: str  # "V", "N" or "*"


@dataclass(frozen=True)
class TriggerLexicon:
    """All trigger rules and their compiled alternation."""

    rules: tuple[TriggerRule, ...]
    regex: re.Pattern[str]
    buckets: Mapping[str, re.Pattern[str]] = field(default_factory=lambda: MappingProxyType({}))
    pairs: Mapping[str, re.Pattern[str]] | None = None
    """The buckets cut by the first two letters (``compile_pairs``); None: scan by the first letter only."""
    covered: bool = False
    """Every row that can match at a word is in its first letter's bucket (``buckets_cover``)."""

    def rows_at(self, text: str, at: int, end: int) -> re.Pattern[str] | None:
        """The rows to try at the word start ``at``: those that can begin with its first two letters when
        the second is an ASCII letter (they match exactly where the bucket does), else its first letter's
        bucket; None when no row can begin there."""
        second = text[at + 1] if at + 1 < end else ""
        if self.pairs is not None and second.isascii() and second.isalpha():
            return self.pairs.get(text[at].lower() + second.lower())
        return self.buckets.get(text[at].lower())

    def fullmatch(self, words: str) -> re.Match[str] | None:
        """``regex.fullmatch(words)`` (the same row and span): when the buckets are known to cover the
        table, only the rows ``rows_at`` gives for the first letters are tried."""
        if not self.covered or not words or words[0].lower() not in self.buckets:
            return self.regex.fullmatch(words)
        rows = self.rows_at(words, 0, len(words))
        return rows.fullmatch(words) if rows is not None else None


class WordMatcher(Protocol):
    """What tells whether some words as a whole match a lexicon: its ``TriggerLexicon`` or a regex."""

    def fullmatch(self, words: str, /) -> re.Match[str] | None:
        """The match of the whole of ``words``, or None."""


@dataclass(frozen=True)
class ActorRule:
    """One row of ``lexicon_actors.csv``: what kind of actor a head word denotes."""

    pattern: str
    kind: str
    name: str
    named: bool
    sector: str
    acled_type: str | None
    inter: int | None
    country: str | None = None  # a named group's home state (ISO 3166-1 alpha-3), from the optional column


STATE_KINDS = ("military", "police")
"""Actor kinds that are state forces in arms (the words of their rows name one side of a clash)."""
NONSTATE_KINDS = ("rebels", "militia", "unidentified")
"""Actor kinds that are non-state armed groups (the other side)."""


@dataclass(frozen=True)
class ActorLexicon:
    """Actor kind rules, their compiled alternation, and the words of the armed kinds on each side."""

    rules: tuple[ActorRule, ...]
    regex: re.Pattern[str]
    state_words: re.Pattern[str] | None = None
    nonstate_words: re.Pattern[str] | None = None

    def side(self, kinds: tuple[str, ...]) -> re.Pattern[str]:
        """One alternation of the patterns of the rows of ``kinds`` (word-bounded, case-insensitive)."""
        return compile_alternation(tuple(r.pattern for r in self.rules if r.kind in kinds) or ("(?!)",))


@dataclass(frozen=True)
class CueLexicon:
    """Mode or reporting cues: a label (mode / kind) and a scope per row, compiled together."""

    labels: tuple[str, ...]
    scopes: tuple[str, ...]
    regex: re.Pattern[str]


EVENT_TYPE_COLUMNS = (
    "event_type", "quad", "category", "cameo_root", "acled_sub_default", "object_role", "patient",
    "governs_content", "announced_as", "second_event", "unnamed_source", "acled_when_announced",
    "strict_merge", "object_harmed", "place_target",
)  # fmt: skip
QUADS = frozenset({"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"})


@dataclass(frozen=True)
class EventTypeFacts:
    """Everything the stages know about one PLOVER type (one row of ``data/event_types.csv``)."""

    event_type: str
    quad: str
    category: str
    cameo_root: str
    acled_sub_default: str | None
    object_role: str
    patient: bool
    governs_content: bool
    announced_as: str | None
    second_event: bool
    unnamed_source: bool
    acled_when_announced: bool
    strict_merge: bool
    object_harmed: bool
    place_target: bool


@dataclass(frozen=True)
class EventTypes:
    """The table of event-type facts, by PLOVER type; the one place a stage learns what a type is."""

    rows: Mapping[str, EventTypeFacts]

    def __getitem__(self, event_type: str) -> EventTypeFacts:
        facts = self.rows.get(event_type)
        if facts is None:
            raise LexiconError(f"event_types.csv has no row for {event_type!r}")
        return facts

    def __contains__(self, event_type: object) -> bool:
        return event_type in self.rows

    @property
    def names(self) -> tuple[str, ...]:
        """Every type, in table order."""
        return tuple(self.rows)

    def where(self, flag: str) -> frozenset[str]:
        """The types whose boolean column ``flag`` is yes (e.g. ``where("second_event")``)."""
        return frozenset(t for t, f in self.rows.items() if getattr(f, flag) is True)


def _flag(row: dict[str, str], column: str, line: int) -> bool:
    value = row[column].lower()
    if value not in ("yes", "no"):
        raise LexiconError(
            f"event_types row {line} ({row['event_type']}): {column} must be yes or no, got {value!r}"
        )
    return value == "yes"


def _event_type_row(row: dict[str, str], line: int) -> EventTypeFacts:
    if not re.fullmatch(r"[A-Z]+", row["event_type"]):
        raise LexiconError(
            f"event_types row {line}: event_type must be upper-case letters, got {row['event_type']!r}"
        )
    if row["quad"] not in QUADS or row["object_role"] not in ("source", "target"):
        raise LexiconError(f"event_types row {line} ({row['event_type']}): bad quad or object_role")
    if not re.fullmatch(r"\d\d", row["cameo_root"]):
        raise LexiconError(f"event_types row {line} ({row['event_type']}): cameo_root must be two digits")
    flags = {c: _flag(row, c, line) for c in EVENT_TYPE_COLUMNS[6:] if c != "announced_as"}
    return EventTypeFacts(
        event_type=row["event_type"], quad=row["quad"], category=row["category"],
        cameo_root=row["cameo_root"],
        acled_sub_default=row["acled_sub_default"] or None, object_role=row["object_role"],
        announced_as=row["announced_as"] or None, **flags,
    )  # fmt: skip


def parse_event_types(text: str) -> EventTypes:
    """Parse ``event_types.csv`` text; every ``announced_as`` must name a type of the table."""
    rows = {}
    for line, row in enumerate(read_table(text, required=EVENT_TYPE_COLUMNS), start=1):
        facts = _event_type_row(row, line)
        if facts.event_type in rows:
            raise LexiconError(f"event_types row {line}: {facts.event_type} appears twice")
        rows[facts.event_type] = facts
    for facts in rows.values():
        if facts.announced_as is not None and facts.announced_as not in rows:
            raise LexiconError(
                f"event_types: {facts.event_type} announced_as unknown type {facts.announced_as}"
            )
    return EventTypes(MappingProxyType(rows))


@dataclass(frozen=True)
class Crosswalk:
    """PLOVER -> CAMEO roots, ACLED sub-type -> type and PLOVER view, PLOVER type -> routing category."""

    cameo: Mapping[tuple[str, str], str]
    acled_type: Mapping[str, str]
    acled_plover: Mapping[str, tuple[str | None, str | None]]
    case_code: Mapping[str, str]
    category: Mapping[str, str]

    def cameo_root(self, event_type: str, plover_mode: str | None) -> str:
        """CAMEO root for a PLOVER type and mode (the mode-specific row first, then ``*``)."""
        code = self.cameo.get((event_type, plover_mode or "*")) or self.cameo.get((event_type, "*"))
        if code is None:
            raise LexiconError(f"crosswalk has no CAMEO root for {event_type}")
        return code


@dataclass(frozen=True)
class Lexicons:
    """Every table the core reads, parsed once."""

    triggers: TriggerLexicon
    actors: ActorLexicon
    modes: CueLexicon
    reports: CueLexicon
    crosswalk: Crosswalk
    event_types: EventTypes
    country_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _optional(value: str) -> str | None:
    return value or None


def parse_triggers(text: str) -> TriggerLexicon:
    """Parse ``lexicon_triggers.csv`` text."""
    rows = read_table(text, required=("pattern", "event_type", "plover_mode", "acled_sub", "weight", "pos"))
    rules = []
    for i, row in enumerate(rows):
        if row["pos"] not in ("V", "N", "*"):
            raise LexiconError(f"trigger row {i}: pos must be V, N or *, got {row['pos']!r}")
        weight = float(row["weight"])
        if not 0.0 <= weight <= 1.0:
            raise LexiconError(f"trigger row {i}: weight {weight} outside [0, 1]")
        event_type = None if row["event_type"] == "-" else row["event_type"]
        rules.append(
            TriggerRule(
                row["pattern"],
                event_type,
                _optional(row["plover_mode"]),
                _optional(row["acled_sub"]),
                weight,
                row["pos"],
            )
        )
    patterns = tuple(r.pattern for r in rules)
    return TriggerLexicon(
        tuple(rules),
        compile_alternation(patterns),
        MappingProxyType(compile_buckets(patterns)),
        MappingProxyType(compile_pairs(patterns)),
        buckets_cover(patterns),
    )


def parse_actors(text: str) -> ActorLexicon:
    """Parse ``lexicon_actors.csv`` text."""
    rows = read_table(text, required=("pattern", "kind", "name", "named", "sector", "acled_type", "inter"))
    rules = tuple(
        ActorRule(
            r["pattern"],
            r["kind"],
            r["name"],
            r["named"] == "1",
            r["sector"],
            _optional(r["acled_type"]),
            int(r["inter"]) if r["inter"] else None,
            _optional(r.get("country", "")),
        )
        for r in rows
    )
    lexicon = ActorLexicon(rules, compile_alternation(tuple(r.pattern for r in rules)))
    state, nonstate = lexicon.side(STATE_KINDS), lexicon.side(NONSTATE_KINDS)
    return replace(lexicon, state_words=state, nonstate_words=nonstate)


def parse_cues(text: str, *, label: str, scope: str | None) -> CueLexicon:
    """Parse a cue table (``lexicon_modes.csv``: label ``mode``; ``lexicon_attribution.csv``: ``kind``)."""
    rows = read_table(text, required=("pattern", label) + ((scope,) if scope else ()))
    return CueLexicon(
        tuple(r[label] for r in rows),
        tuple(r[scope] if scope else "sentence" for r in rows),
        compile_alternation(tuple(r["pattern"] for r in rows)),
    )


def parse_crosswalk(cameo_text: str, acled_text: str, event_types: EventTypes) -> Crosswalk:
    """Parse ``crosswalk.csv`` (mode-specific CAMEO roots) and ``crosswalk_acled.csv`` into one ``Crosswalk``;
    each type's default CAMEO root and routing category come from the event-type table."""
    cameo = {(t, "*"): f.cameo_root for t, f in event_types.rows.items()}
    for r in read_table(cameo_text, required=("event_type", "plover_mode", "cameo_root")):
        if r["event_type"] not in event_types:
            raise LexiconError(f"crosswalk.csv: unknown PLOVER type {r['event_type']!r}")
        cameo[(r["event_type"], r["plover_mode"])] = r["cameo_root"]
    acled_rows = read_table(
        acled_text,
        required=("acled_sub_event_type", "acled_event_type", "case_code", "plover_type", "plover_mode"),
    )
    routing = {t: f.category for t, f in event_types.rows.items()}
    return Crosswalk(
        cameo=MappingProxyType(cameo),
        acled_type=MappingProxyType({r["acled_sub_event_type"]: r["acled_event_type"] for r in acled_rows}),
        acled_plover=MappingProxyType(
            {
                r["acled_sub_event_type"]: (_optional(r["plover_type"]), _optional(r["plover_mode"]))
                for r in acled_rows
            }
        ),
        case_code=MappingProxyType({r["acled_sub_event_type"]: r["case_code"] for r in acled_rows}),
        category=MappingProxyType(routing),
    )
