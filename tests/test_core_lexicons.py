"""Tests for core.lexicons and core.triggers: table parsing, compiled alternations, trigger scanning."""

from __future__ import annotations

import csv
import re

import pytest

from conflict_events.core.lexicons import (
    LexiconError,
    TriggerLexicon,
    first_letters,
    leading_pairs,
    parse_cues,
    parse_triggers,
    read_table,
    split_top,
)
from conflict_events.core.text.document import Sentence
from conflict_events.core.text.triggers import find_triggers, is_candidate
from conflict_events.resources import DATA_DIR

HEADER = "pattern,event_type,plover_mode,acled_sub,weight,pos\n"


def whole(text: str) -> Sentence:
    """The whole text as one sentence."""
    return Sentence(0, len(text), 0, 0, False)


class TestTables:
    """CSV tables with comment headers."""

    def test_comments_and_blank_lines_are_skipped(self) -> None:
        """Leading '#' lines and blank lines are not rows."""
        rows = read_table(
            "# a comment\n\npattern,kind\nsaid,verb\n# inner comment\ntold,verb\n", required=("pattern",)
        )
        assert rows == [{"pattern": "said", "kind": "verb"}, {"pattern": "told", "kind": "verb"}]

    def test_missing_column_is_an_error(self) -> None:
        """A table without a required column is rejected with its columns named."""
        with pytest.raises(LexiconError, match="lacks columns"):
            read_table("pattern\nsaid\n", required=("pattern", "kind"))

    def test_bad_pos_and_bad_regex_are_errors(self) -> None:
        """Trigger rows with an unknown pos or an invalid regex are rejected."""
        with pytest.raises(LexiconError, match="pos must be"):
            parse_triggers(HEADER + "kill,ASSAULT,,,0.8,X\n")
        with pytest.raises(LexiconError, match="bad pattern"):
            parse_triggers(HEADER + "kill(,ASSAULT,,,0.8,*\n")

    def test_shipped_tables_parse(self) -> None:
        """Every shipped lexicon parses and the trigger table has rows for every violent sub-type."""
        lexicon = parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))
        subs = {r.acled_sub for r in lexicon.rules if r.event_type == "ASSAULT"}
        assert {
            "Suicide bomb",
            "Air/drone strike",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Chemical weapon",
            "Shelling/artillery/missile attack",
            "Sexual violence",
            "Abduction/forced disappearance",
            "Armed clash",
            "Mob violence",
            "Looting/property destruction",
            "<territory>",
        } <= subs
        modes = parse_cues(
            (DATA_DIR / "lexicon_modes.csv").read_text(encoding="utf-8"), label="mode", scope="scope"
        )
        assert set(modes.labels) == {
            "negated",
            "denied",
            "claimed",
            "threatened",
            "planned",
            "hypothetical",
            "historical",
        }


class TestBuckets:
    """First-letter buckets of the trigger alternation."""

    def test_split_top_ignores_nested_bars(self) -> None:
        """Only top-level '|' split a pattern."""
        assert split_top("a(?:b|c)|d[|]|e") == ["a(?:b|c)", "d[|]", "e"]

    def test_first_letters(self) -> None:
        """Optional leading groups add their continuation's letters; unknown starts give None."""
        assert first_letters("(?:road ?)?blockades?") == frozenset({"r", "b"})
        assert first_letters("kill(?:s|ed)?") == frozenset({"k"})
        assert first_letters(r"\w+ bomb") is None

    def test_leading_pairs(self) -> None:
        """Pairs follow groups, options and classes, stop once two letters are known, skip a lookbehind;
        a non-letter second character or an unknown construct is no pair / None."""
        assert leading_pairs("(?:road ?)?blockades?") == frozenset({"ro", "bl"})
        assert leading_pairs(r"(?<!think )tanks? (?:\w+ )?fired") == frozenset({"ta"})
        assert leading_pairs("[bp]ombs?|a") == frozenset({"bo", "po"})
        assert leading_pairs("u-?turn") == frozenset({"ut"})
        assert leading_pairs(r"\w+ bomb") is None
        assert leading_pairs("(?:ſ)hoot") is None

    def test_pairs_match_where_their_bucket_matches(self) -> None:
        """At each word start the two-letter part of a bucket gives the same match as the whole bucket."""
        lexicon = parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))
        assert lexicon.pairs is not None
        text = (
            "A suicide bomber and a roadside bomb killed nine; protesters rallied while police fired gas, "
            "tanks shelled the town, Army troops recaptured Kelvin and U-turned after heavy shelling."
        )
        for word in re.finditer(r"\b[A-Za-z]{2}", text):
            at = word.start()
            bucket = lexicon.buckets.get(text[at].lower())
            pair = lexicon.pairs.get(text[at : at + 2].lower())
            whole_match = bucket.match(text, at) if bucket is not None else None
            pair_match = pair.match(text, at) if pair is not None else None
            assert (whole_match and (whole_match.span(), whole_match.lastgroup)) == (
                pair_match and (pair_match.span(), pair_match.lastgroup)
            )

    def test_fullmatch_agrees_with_the_alternation(self) -> None:
        """Whole-word matching through the buckets gives the alternation's row and span, or its None."""
        lexicon = parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))
        assert lexicon.covered
        for words in ("blast", "the blast", "Heart attack", "opened fire", "ſhooting", "9/11", "", "IEDs"):
            plain, bucketed = lexicon.regex.fullmatch(words), lexicon.fullmatch(words)
            assert (plain and (plain.span(), plain.lastgroup)) == (
                bucketed and (bucketed.span(), bucketed.lastgroup)
            )

    def test_buckets_find_what_the_alternation_finds(self) -> None:
        """Bucketed scanning finds the same hits as the plain alternation on a mixed sentence."""
        lexicon = parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))
        text = (
            "A suicide bomber and a roadside bomb killed nine; protesters rallied while police fired gas "
            "and militias recaptured the town after heavy shelling and a heart attack."
        )
        plain = [
            m.group()
            for m in lexicon.regex.finditer(text)
            if lexicon.rules[int((m.lastgroup or "r0")[1:])].event_type
        ]
        assert [text[h.start : h.end] for h in find_triggers(text, whole(text), lexicon)] == plain


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    """The shipped trigger lexicon."""
    return parse_triggers((DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8"))


class TestTriggers:
    """Trigger hits and candidate sentences."""

    def test_specific_phrase_wins_over_general_word(self, lexicon: TriggerLexicon) -> None:
        """'suicide bomber' is one Suicide bomb hit, not a generic bomb."""
        text = "A suicide bomber struck the market."
        hits = find_triggers(text, whole(text), lexicon)
        assert [(text[h.start : h.end], h.rule.acled_sub) for h in hits] == [
            ("suicide bomber", "Suicide bomb")
        ]

    @pytest.mark.parametrize("gap", ["\n", "\r\n", "\n   ", "  "])
    def test_phrase_matches_across_a_hard_line_break(self, lexicon: TriggerLexicon, gap: str) -> None:
        """Wire copy wrapped at 70 columns breaks lines inside phrases: 'found a pickup' at a line's end and
        'with 20 kg of dynamite' on the next are the same seizure as on one line, and the hit's offsets
        still point at the original words."""
        text = f"A WEEK AGO THE TROOPS FOUND A PICKUP{gap}WITH 20 KG OF DYNAMITE NEAR THE BRIDGE."
        hits = find_triggers(text, Sentence(2, len(text), 0, 0, False), lexicon)
        assert [(text[h.start : h.end], h.rule.acled_sub) for h in hits] == [
            (f"FOUND A PICKUP{gap}WITH 20 KG OF DYNAMITE", "Disrupted weapons use")
        ]

    def test_blocking_phrase_and_hyphen_compound_yield_nothing(self, lexicon: TriggerLexicon) -> None:
        """'heart attack' is blocked and 'Iranian-backed' holds no 'backed' trigger."""
        text = "The Iranian-backed leader died of a heart attack."
        assert find_triggers(text, whole(text), lexicon) == ()

    def test_questions_are_not_candidates(self, lexicon: TriggerLexicon) -> None:
        """A question with a trigger is not parsed."""
        text = "Who will attack next?"
        hits = find_triggers(text, whole(text), lexicon)
        assert (len(hits), is_candidate(text, whole(text), hits)) == (1, False)


class TestPloverModes:
    """PLOVER mode words come with the trigger (CAMEO2PLOVER-2021 vocabulary)."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The foreign minister visited the capital.", ("visited", "CONSULT", "visit")),
            ("The president hosted his counterpart.", ("hosted his counterpart", "CONSULT", "host")),
            ("Leaders gathered for a regional summit.", ("summit", "CONSULT", "multilateral")),
            ("The two leaders held a phone call.", ("phone call", "CONSULT", "phone")),
            ("Police enforced a curfew overnight.", ("curfew", "COERCE", "curfew")),
            ("The army declared martial law.", ("martial law", "COERCE", "martial-law")),
            ("The junta banned the party.", ("banned", "COERCE", "ban")),
            ("Authorities deported the reporters.", ("deported", "COERCE", "deport")),
            ("The rebels threatened to attack the port.", ("threatened to attack", "THREATEN", "violence")),
            ("The bloc threatened sanctions.", ("threatened sanctions", "THREATEN", "restrict")),
            ("The envoy threatened to cut ties.", ("threatened to cut", "THREATEN", "relations")),
            ("The militia freed ten hostages.", ("freed ten hostages", "RETREAT", "release")),
            ("The army lifted the siege.", ("lifted the siege", "RETREAT", "ease")),
            ("The ministry deployed troops.", ("deployed", "MOBILIZE", "troops")),
        ],
    )
    def test_mode_word(self, lexicon: TriggerLexicon, text: str, expected: tuple[str, str, str]) -> None:
        """The first trigger of the sentence carries its PLOVER type and mode word."""
        hit = find_triggers(text, whole(text), lexicon)[0]
        assert (text[hit.start : hit.end], hit.rule.event_type, hit.rule.plover_mode) == expected


class TestAcledHints:
    """Trigger rows that carry the ACLED sub-type their words define."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Soldiers destroyed a roadside improvised explosive device.",
                ("COERCE", "Disrupted weapons use"),
            ),
            ("Two grenades were discovered in a car.", ("COERCE", "Disrupted weapons use")),
            ("Forty militants surrendered to the army.", ("RETREAT", "Agreement")),
            ("The army sent hundreds of troops to the border.", ("MOBILIZE", "Change to group/activity")),
        ],
    )
    def test_hint(self, lexicon: TriggerLexicon, text: str, expected: tuple[str, str]) -> None:
        """The first trigger of the sentence carries the expected PLOVER type and ACLED hint."""
        hit = find_triggers(text, whole(text), lexicon)[0]
        assert (hit.rule.event_type, hit.rule.acled_sub) == expected

    def test_industrial_explosion_is_blocked(self, lexicon: TriggerLexicon) -> None:
        """A boiler or chemical plant exploding is an accident, not a remote explosive."""
        text = "The boiler of a chemical plant exploded overnight."
        assert find_triggers(text, whole(text), lexicon) == ()


class TestSanctions:
    """Non-violent punishment between states: PLOVER SANCTION with its mode word."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("The bloc imposed new sanctions on the regime.", ("imposed new sanctions", "restrict")),
            ("The ministry expelled two diplomats.", ("expelled two diplomats", "expel")),
            (
                "The country severed diplomatic ties with its neighbour.",
                ("severed diplomatic ties", "withdraw"),
            ),
        ],
    )
    def test_sanction_phrase(self, lexicon: TriggerLexicon, text: str, expected: tuple[str, str]) -> None:
        """The phrase is one SANCTION hit with the expected mode word."""
        hit = find_triggers(text, whole(text), lexicon)[0]
        assert (text[hit.start : hit.end], hit.rule.event_type, hit.rule.plover_mode) == (
            expected[0],
            "SANCTION",
            expected[1],
        )

    def test_expelled_journalists_stay_coerce(self, lexicon: TriggerLexicon) -> None:
        """Expelling people who are not diplomats is COERCE deport."""
        text = "Authorities expelled three foreign journalists."
        hit = find_triggers(text, whole(text), lexicon)[0]
        assert (hit.rule.event_type, hit.rule.plover_mode) == ("COERCE", "deport")


def _top_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost alternation."""
    parts, depth, current = [], 0, ""
    for char in pattern:
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _plain_sample(alternative: str) -> str:
    """A phrase an alternative matches: each group's first option, optional parts and quantifiers dropped."""
    sample = re.sub(r"\(\?<!?[=!][^)]*\)", "", alternative)
    sample = re.sub(r"\(\?:([^|()]*)[^()]*\)\??", r"\1", sample)
    return re.sub(r"[\\?*+]|\{[^}]*\}", "", sample)


def test_no_trigger_alternative_is_shadowed_by_an_earlier_one() -> None:
    """The first alternative that matches wins (rows in order, then a row's alternatives), so a phrase
    ("missile strikes") listed after its own first word ("missiles?") could never match: longer first."""
    lines = (DATA_DIR / "lexicon_triggers.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))[1:]
    alternatives = [(n, alt) for n, row in enumerate(rows) for alt in _top_alternatives(row[0])]
    shadowed = []
    for i, (row, earlier) in enumerate(alternatives):
        matcher = re.compile(rf"(?:{earlier})\b", re.IGNORECASE)
        for later_row, later in alternatives[i + 1 :]:
            sample = _plain_sample(later)
            found = matcher.match(sample) if " " in sample else None
            if found is not None and found.end() < len(sample):
                shadowed.append(f"row {row} {earlier!r} before row {later_row} {later!r}")
    assert shadowed == []
