"""Tests for core.document: paragraphs, stories, sentences, repeated text and the parse copy."""

from __future__ import annotations

from conflict_events.core.text.document import is_upper_case, normalize_key, segment, split_sentences


class TestSegment:
    """Paragraph, story and sentence segmentation."""

    def test_headline_and_paragraphs(self) -> None:
        """A short unpunctuated first paragraph is a headline; blank lines split paragraphs."""
        text = (
            "Rebels seize border town\n\nRebels seized the town on Monday. Residents fled.\n\nTalks resume."
        )
        doc = segment(text)
        assert [(p.index, p.headline, p.story_index) for p in doc.paragraphs] == [
            (0, True, 0),
            (1, False, 0),
            (2, False, 0),
        ]
        assert [text[s.start : s.end] for s in doc.sentences] == [
            "Rebels seize border town",
            "Rebels seized the town on Monday.",
            "Residents fled.",
            "Talks resume.",
        ]

    def test_second_headline_starts_a_new_story(self) -> None:
        """A headline-like paragraph after the first starts story 1."""
        text = (
            "Storm hits coast\n\nA storm hit the coast on Monday and cut power lines.\n\n"
            "Miners strike in north\n\nMiners walked out at three mines in the north on Tuesday."
        )
        assert [s.story_index for s in segment(text).sentences] == [0, 0, 1, 1]

    def test_repeated_paragraph_is_dropped_even_with_other_quotes(self) -> None:
        """A paragraph repeated with different quote marks yields its sentences once."""
        text = "Police said ‘calm’ had returned to the city.\n\nPolice said “calm” had returned to the city."
        doc = segment(text)
        assert [p.index for p in doc.paragraphs] == [0]
        assert len(doc.sentences) == 1

    def test_repeated_sentence_is_dropped(self) -> None:
        """A sentence seen earlier in another paragraph is not kept twice."""
        text = "Troops left the city. Aid arrived.\n\nTroops left the city. Roads reopened on Friday."
        kept = [text[s.start : s.end] for s in segment(text).sentences]
        assert kept == ["Troops left the city.", "Aid arrived.", "Roads reopened on Friday."]

    def test_hard_wrapped_lines_are_unwrapped_in_the_parse_copy(self) -> None:
        """Single newlines inside a paragraph become spaces in the same-length parse copy."""
        text = "Gunmen opened fire on a bus\nnear the border on Sunday, officials\nsaid."
        doc = segment(text)
        assert len(doc.parse_text) == len(text)
        assert doc.parse_text == "Gunmen opened fire on a bus near the border on Sunday, officials said."
        assert len(doc.sentences) == 1

    def test_upper_case_text_is_lowered_with_sentence_starts_capitalised(self) -> None:
        """All-capitals wire copy is case-folded for parsing without moving any offset."""
        text = "SAN SALVADOR, 5 MAY 89 -- GUERRILLAS ATTACKED A POST. TWO SOLDIERS DIED."
        doc = segment(text)
        assert doc.upper_case is True
        assert doc.parse_text == "San salvador, 5 may 89 -- guerrillas attacked a post. Two soldiers died."

    def test_abbreviations_and_initials_do_not_end_sentences(self) -> None:
        """'Gen.' and initials keep the sentence whole."""
        text = "Gen. J. Smith said the U.S. troops left. They went home."
        assert split_sentences(text, 0, len(text)) == [(0, 40), (41, 56)]


class TestHelpers:
    """Comparison keys and case detection."""

    def test_normalize_key_folds_case_quotes_and_space(self) -> None:
        """Keys ignore case, quote marks and runs of whitespace."""
        assert normalize_key("The ‘Zone’  is\nSET") == "the zone is set"

    def test_is_upper_case(self) -> None:
        """Only (nearly) all-capital texts with enough letters count as upper case."""
        assert (is_upper_case("THE ARMY REPORTED TWO CLASHES TODAY"), is_upper_case("The army reported")) == (
            True,
            False,
        )
