"""Tests for conflict_events.core.quantities.extract: number phrases and people counts bound to kinds."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events.core.quantities.extract import NumberRange, extract_quantities, parse_number_phrase

Row = tuple[str, str, int, int | None, int, str]


def _rows(sentence: str, prefix: str = "") -> list[Row]:
    text = prefix + sentence
    found = extract_quantities(text, (len(prefix), len(text)))
    return [(q.kind, q.text, q.min, q.max, q.best, q.qualifier) for q in found]


class TestParseNumberPhrase:
    """parse_number_phrase on whole phrases."""

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("147,000", NumberRange(147_000, 147_000, 147_000, "exact")),
            ("1.5 million", NumberRange(1_500_000, 1_500_000, 1_500_000, "exact")),
            ("2m", NumberRange(2_000_000, 2_000_000, 2_000_000, "exact")),
            ("three", NumberRange(3, 3, 3, "exact")),
            ("twenty-five", NumberRange(25, 25, 25, "exact")),
            ("a dozen", NumberRange(12, 12, 12, "exact")),
            ("a hundred", NumberRange(100, 100, 100, "exact")),
            ("two hundred and fifty", NumberRange(250, 250, 250, "exact")),
            ("two dozen", NumberRange(24, 24, 24, "exact")),
            ("half a dozen", NumberRange(6, 6, 6, "exact")),
        ],
    )
    def test_numbers(self, phrase: str, expected: NumberRange) -> None:
        """Digits with separators and scales, and number words, read exactly."""
        assert parse_number_phrase(phrase) == expected

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("more than 470,000", NumberRange(470_001, None, 470_000, "more_than")),
            ("over 100", NumberRange(101, None, 100, "more_than")),
            ("upwards of 30", NumberRange(31, None, 30, "more_than")),
            ("at least 12", NumberRange(12, None, 12, "at_least")),
            ("about 50", NumberRange(45, 55, 50, "about")),
            ("some 200", NumberRange(180, 220, 200, "about")),
            ("an estimated 5,000", NumberRange(4_500, 5_500, 5_000, "about")),
            ("around 5", NumberRange(4, 6, 5, "about")),
            ("nearly 100", NumberRange(90, 100, 100, "about")),
            ("almost 40", NumberRange(36, 40, 40, "about")),
            ("up to 30", NumberRange(1, 30, 30, "up_to")),
            ("as many as 40", NumberRange(1, 40, 40, "up_to")),
            ("fewer than 10", NumberRange(0, 9, 9, "less_than")),
            ("less than 10", NumberRange(0, 9, 9, "less_than")),
            ("more than a dozen", NumberRange(13, None, 12, "more_than")),
            ("between 10 and 20", NumberRange(10, 20, 10, "about")),
            ("10-20", NumberRange(10, 20, 10, "about")),
            ("two or three", NumberRange(2, 3, 2, "about")),
            ("100 or more", NumberRange(100, None, 100, "at_least")),
        ],
    )
    def test_qualifiers(self, phrase: str, expected: NumberRange) -> None:
        """Qualifiers set the range and keep the stated figure as best."""
        assert parse_number_phrase(phrase) == expected

    @pytest.mark.parametrize(
        ("phrase", "expected"),
        [
            ("tens", NumberRange(10, 99, 10, "vague")),
            ("dozens", NumberRange(24, 99, 12, "vague")),
            ("scores", NumberRange(40, 99, 20, "vague")),
            ("hundreds", NumberRange(200, 999, 100, "vague")),
            ("thousands", NumberRange(2_000, 9_999, 1_000, "vague")),
            ("tens of thousands", NumberRange(10_000, 99_999, 10_000, "vague")),
            ("hundreds of thousands", NumberRange(200_000, 999_999, 100_000, "vague")),
            ("millions", NumberRange(2_000_000, 9_999_999, 1_000_000, "vague")),
            ("several", NumberRange(3, 9, 3, "vague")),
            ("a few", NumberRange(2, 5, 2, "vague")),
            ("many", NumberRange(2, None, 2, "vague")),
            ("numerous", NumberRange(2, None, 2, "vague")),
            ("several hundred", NumberRange(300, 999, 300, "vague")),
            ("a few dozen", NumberRange(24, 71, 24, "vague")),
            ("at least dozens", NumberRange(24, None, 12, "at_least")),
        ],
    )
    def test_vague(self, phrase: str, expected: NumberRange) -> None:
        """Vague words give their literal range and ACLED's conservative best."""
        assert parse_number_phrase(phrase) == expected

    @pytest.mark.parametrize("phrase", ["killed", "1.5", "more than", "", "three killed", "first"])
    def test_not_a_number_phrase(self, phrase: str) -> None:
        """Anything that is not entirely a number phrase gives None."""
        assert parse_number_phrase(phrase) is None


class TestBinding:
    """extract_quantities binds counts to what happened to the people."""

    def test_count_on_victim_noun(self) -> None:
        """'more than 470,000 civilians killed': the count hangs off the victim noun."""
        assert _rows("The war has left more than 470,000 civilians killed, monitors say.") == [
            ("killed", "more than 470,000", 470_001, None, 470_000, "more_than"),
        ]

    def test_displacement_verb_phrase(self) -> None:
        """'thousands of civilians leave their homes' is displacement."""
        assert _rows("Shelling made thousands of civilians leave their homes.") == [
            ("displaced", "thousands", 2_000, 9_999, 1_000, "vague"),
        ]

    def test_settlements_are_not_people(self) -> None:
        """'84 settlements populated by more than 147,000 people': only the people are counted."""
        assert _rows("The zone takes in 84 settlements populated by more than 147,000 people.") == [
            ("affected", "more than 147,000", 147_001, None, 147_000, "more_than"),
        ]

    def test_dozens_wounded(self) -> None:
        """'dozens of people were wounded' is a vague injured count, best 12."""
        assert _rows("Dozens of people were wounded when the roof fell.") == [
            ("injured", "Dozens", 24, 99, 12, "vague"),
        ]

    def test_upper_case(self) -> None:
        """ALL-CAPS wire copy binds killed and wounded separately."""
        assert _rows("THREE SOLDIERS WERE KILLED AND SEVEN OTHERS WERE WOUNDED.") == [
            ("killed", "THREE", 3, 3, 3, "exact"),
            ("injured", "SEVEN", 7, 7, 7, "exact"),
        ]

    def test_active_verbs(self) -> None:
        """'the attack killed N soldiers and wounded M' binds each count to its own verb."""
        assert _rows("The ambush killed 4 soldiers and wounded 9 civilians.") == [
            ("killed", "4", 4, 4, 4, "exact"),
            ("injured", "9", 9, 9, 9, "exact"),
        ]

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The blast left 15 dead and 30 wounded.", [("killed", "15"), ("injured", "30")]),
            ("Police said 6 people were killed.", [("killed", "6")]),
            ("The bombing, killing 11, shook the city.", [("killed", "11")]),
            ("The death toll rose to 40 after the raid.", [("killed", "40")]),
            ("Officials gave a death toll of 23.", [("killed", "23")]),
            ("Police arrested 25 men and detained 10 others.", [("arrested", "25"), ("arrested", "10")]),
            ("Rebels kidnapped 14 aid workers near the border.", [("kidnapped", "14")]),
            ("Gunmen took 8 people hostage.", [("kidnapped", "8")]),
            ("At least 12 people were taken hostage.", [("kidnapped", "At least 12")]),
            ("The floods affected 3,000 people in 12 districts.", [("affected", "3,000")]),
            ("Fighting displaced hundreds of thousands.", [("displaced", "hundreds of thousands")]),
            ("Gunmen killed 3 soldiers and 2 civilians on Monday.", [("killed", "3"), ("killed", "2")]),
            ("3 soldiers and 2 civilians were killed.", [("killed", "3"), ("killed", "2")]),
            ("A market bomb killed 12 people, including 3 children.", [("killed", "12")]),
            ("No one was killed, but 5 were hurt.", [("injured", "5")]),
            ("They were killed by 2 gunmen.", []),
            ("Some 200 families fled their homes.", []),
            ("Officials reported 18 casualties.", [("injured", "18")]),
            ("More than a dozen people were abducted.", [("kidnapped", "More than a dozen")]),
            ("About 5,000 residents were evacuated.", [("displaced", "About 5,000")]),
            ("Security forces rounded up 40 youths.", [("arrested", "40")]),
            ("Two of the attackers died.", [("killed", "Two")]),
            ("A policeman was shot dead at the gate.", [("killed", "A policeman")]),
            ("Gunmen killed a teacher and a driver.", [("killed", "a teacher"), ("killed", "a driver")]),
            ("Three gunmen killed two guards.", [("killed", "two")]),
            ("Two men who murdered a nurse fled.", [("killed", "a nurse")]),
            ("They recalled the massacre of 40 farmers.", [("killed", "40")]),
            ("Four judges and prosecutors were killed.", [("killed", "Four")]),
            ("Two leaders (both unionists) were killed.", [("killed", "Two")]),
            ("On 3 May 12 bodies were found.", [("killed", "12")]),
            ("Over 40 people were killed or wounded.", [("injured", "Over 40")]),
            ("Pirates seized 6 out of 20 sailors on board.", [("kidnapped", "6 out of 20")]),
            ("In one incident, a guard was killed.", [("killed", "a guard")]),
            ("Five people, including two children, were killed.", [("killed", "Five")]),
            ("The toll from Tuesday's blast rose to 15.", [("killed", "15")]),
            ("The storm of shelling claimed 30 lives.", [("killed", "30")]),
            ("Officials evacuated 20 nurses whose lives were at risk.", [("displaced", "20")]),
            ("The raid, killing 12 in the village, ended at dawn.", [("killed", "12")]),
            ("Police said 12 workers from the church were arrested.", [("arrested", "12")]),
            ("Three farmers were shot to death.", [("killed", "Three")]),
            ("They buried the two murdered nurses.", [("killed", "two")]),
            ("The dead included 4 miners; the injured are two girls.", [("killed", "4"), ("injured", "two")]),
            ("Some 4,000 IDPs reached the camp.", [("displaced", "Some 4,000")]),
            ("The toll from the blast, officials said, is 15.", []),
            ("The blast, killing and wounding 30, hit a bus.", [("injured", "30")]),
        ],
    )
    def test_kinds(self, sentence: str, expected: list[tuple[str, str]]) -> None:
        """Each construction binds the expected kind to the expected words."""
        assert [(r[0], r[1]) for r in _rows(sentence)] == expected

    def test_casualties_low_confidence(self) -> None:
        """'casualties' is never killed and carries a low confidence."""
        q = extract_quantities("Officials reported 18 casualties.", (0, 33))
        assert [(x.kind, x.acled_field, x.confidence) for x in q] == [("injured", False, 0.35)]

    def test_acled_field_only_for_killed(self) -> None:
        """acled_field marks fatalities only."""
        s = "The blast left 15 dead and 30 wounded."
        assert [q.acled_field for q in extract_quantities(s, (0, len(s)))] == [True, False]


class TestNotCounts:
    """Numbers that are not people counts."""

    @pytest.mark.parametrize(
        "sentence",
        [
            "A 25-year-old man was shot dead with a 22-MM rifle.",
            "Troops seized 5 rifles and 2 trucks in 2015.",
            "He paid $5 million for 20 percent of the firm.",
            "The shelling killed the first of them.",
            "The siege lasted 40 days and killed many of the town's cattle in 1990.",
            "Rebels burned 30 houses and killed 12 cows.",
        ],
    )
    def test_no_counts(self, sentence: str) -> None:
        """Ages, calibres, vehicles, years, clock times, money, percentages, ordinals, animals, dates."""
        assert _rows(sentence) == []


class TestNotCountsButVictim:
    """Clock times and dates are not counts; the single named victim next to them is one death."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The attack came at 1200 and killed the driver.", [("killed", "the driver", 1)]),
            ("On 30 December the rebels killed the mayor.", [("killed", "the mayor", 1)]),
        ],
    )
    def test_only_the_victim(self, sentence: str, expected: list[tuple[str, str, int]]) -> None:
        """'1200' and '30 December' give nothing; 'the driver'/'the mayor' give killed 1."""
        assert [(r[0], r[1], r[4]) for r in _rows(sentence)] == expected


class TestSpans:
    """Spans are article-relative and cover the number words and qualifier."""

    def test_offsets(self) -> None:
        """The span indexes into the whole article."""
        prefix = "Title\n\nFirst sentence. "
        text = prefix + "Gunmen killed at least 7 villagers."
        (q,) = extract_quantities(text, (len(prefix), len(text)))
        assert (q.span.start, q.span.end, text[q.span.start : q.span.end], q.text) == (
            37, 47, "at least 7", "at least 7",
        )

    def test_spacy_span_adds_missed_phrase(self) -> None:
        """A CARDINAL span the reader skipped is parsed and bound when it is a number phrase."""
        s = "Officials said 14 people were killed."
        assert [q.best for q in extract_quantities(s, (0, len(s)), number_spans=((15, 17),))] == [14]


class TestSpeed:
    """Hot-path guarantees."""

    def test_long_sentence_still_binds(self) -> None:
        """In a very long sentence the counts near the number cues are still found."""
        s = "Filler words without digits go on and on. " * 3000 + "Gunmen killed 9 villagers."
        found = extract_quantities(s, (0, len(s)))
        assert [(q.kind, q.best, s[q.span.start : q.span.end]) for q in found] == [("killed", 9, "9")]

    def test_long_sentence(self) -> None:
        """A 100k-character sentence finishes well under a second."""
        s = ("More than 12 and dozens of the hundreds of thousands killed 3 4 5 " * 1600)[:100_000]
        t0 = time.perf_counter()
        extract_quantities(s, (0, len(s)))
        assert time.perf_counter() - t0 < 0.5

    def test_typical_sentence_under_a_millisecond(self) -> None:
        """A typical news sentence costs under a millisecond on average."""
        s = "The attack killed at least 12 soldiers and wounded dozens of civilians near the town on Monday."
        t0 = time.perf_counter()
        for _ in range(200):
            extract_quantities(s, (0, len(s)))
        assert (time.perf_counter() - t0) / 200 < 0.001


_SOUP = (
    "more than at least about nearly up to a an another dozen dozens hundreds of thousands tens several few "
    "many killed wounded were was and , . ( ) [ ] including 12 1,200 1.5 million 2m 25 - year old people "
    "soldiers policeman families killing by death toll rose to the bodies casualties or two twenty five $"
)
_WORDS = _SOUP.split()


class TestRobustness:
    """Any mix of count-like words is handled without an exception."""

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_WORDS), max_size=16))
    def test_never_raises(self, words: list[str]) -> None:
        """Random count-word soup yields well-formed quantities whose span text matches the text."""
        s = " ".join(words)
        for q in extract_quantities(s, (0, len(s))):
            assert (s[q.span.start : q.span.end] == q.text, q.max is None or q.min <= q.max) == (True, True)


class TestParticipants:
    """Crowd size is the participants kind; victims of a crowd keep their own kind."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Some 5,000 protesters filled the main square.", [("participants", "Some 5,000", 5_000)]),
            ("THOUSANDS OF PEOPLE MARCHED ON THE PALACE.", [("participants", "THOUSANDS", 1_000)]),
            ("A crowd of about 200 waited outside the court.", [("participants", "about 200", 200)]),
            ("Hundreds of students gathered at the gates.", [("participants", "Hundreds", 100)]),
            (
                "Tens of thousands took to the streets of the port.",
                [("participants", "Tens of thousands", 10_000)],
            ),
            ("The vigil drew 800 people to the stadium.", [("participants", "800", 800)]),
            ("A 3,000-strong crowd blocked the highway.", [("participants", "3,000", 3_000)]),
            (
                "Riot police charged 600 demonstrators, wounding 14.",
                [("participants", "600", 600), ("injured", "14", 14)],
            ),
            ("Eleven marchers were killed by sniper fire.", [("killed", "Eleven", 11)]),
            ("Officers detained 40 protesters near the ministry.", [("arrested", "40", 40)]),
            ("Up to 300 ethnic Serbs marched to the embassy.", [("participants", "Up to 300", 300)]),
            ("Some 40 inmates went on hunger strike.", [("participants", "Some 40", 40)]),
        ],
    )
    def test_crowd_counts(self, sentence: str, expected: list[tuple[str, str, int]]) -> None:
        """A crowd frame, crowd noun or crowd verb makes the count a crowd size; victim cues win."""
        assert [(r[0], r[1], r[4]) for r in _rows(sentence)] == expected

    @pytest.mark.parametrize(
        "sentence",
        [
            "Hundreds of soldiers gathered near the frontier.",
            "A 700-strong force crossed the river.",
            "Many nations will protest the decision.",
            "Several companies protested the new tax.",
            "One protester spoke to reporters.",
            "Among 300 protesters were several nurses.",
        ],
    )
    def test_not_crowds(self, sentence: str) -> None:
        """Armed units, forces, countries, a single person and subsets are not crowd sizes."""
        assert _rows(sentence) == []

    def test_participants_not_acled(self) -> None:
        """Crowd size is an extra field, not ACLED fatalities."""
        s = "Nearly 2,000 strikers rallied at the docks."
        assert [(q.kind, q.acled_field, q.qualifier) for q in extract_quantities(s, (0, len(s)))] == [
            ("participants", False, "about"),
        ]


class TestLists:
    """Victim lists: each group is its own quantity (consumers sum them); breakdowns are not repeated."""

    def test_long_list_after_verb(self) -> None:
        """'killed two X, three Y, a Z and four W' binds every member of the list."""
        s = "The ambush killed two guards, three porters, a driver and four cooks."
        assert [(q.kind, q.best) for q in extract_quantities(s, (0, len(s)))] == [
            ("killed", 2), ("killed", 3), ("killed", 1), ("killed", 4),
        ]

    def test_long_list_before_verb(self) -> None:
        """'two X, three Y, a Z and four W were killed' binds every member of the list."""
        s = "Two guards, three porters, a driver and four cooks were killed."
        assert [(q.kind, q.best) for q in extract_quantities(s, (0, len(s)))] == [
            ("killed", 2), ("killed", 3), ("killed", 1), ("killed", 4),
        ]

    def test_sum_of_parts(self) -> None:
        """'six priests and two women were killed' gives the two parts, not a total."""
        s = "Six priests and two women were killed."
        found = extract_quantities(s, (0, len(s)))
        assert [(q.kind, q.best) for q in found] == [("killed", 6), ("killed", 2)]

    def test_breakdown_not_repeated(self) -> None:
        """'detained 9 people, four men and five women' keeps only the 9 the parts add up to."""
        s = "Police detained 9 people, four men and five women, after the riot."
        assert [(q.kind, q.best) for q in extract_quantities(s, (0, len(s)))] == [("arrested", 9)]

    def test_slaughtered_and_assassinated(self) -> None:
        """'slaughtered' and 'assassinated' are death cues before and after a count."""
        s = "Militiamen slaughtered 30 herders; two monks were assassinated."
        found = extract_quantities(s, (0, len(s)))
        assert [(q.kind, q.best) for q in found] == [("killed", 30), ("killed", 2)]


class TestSingleVictims:
    """One person killed without a number written counts one death."""

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Judge Maria Lopez was killed outside her home.", [("killed", "Judge Maria Lopez", 1)]),
            ("The mayor of Puerto Viejo was shot dead.", [("killed", "The mayor of Puerto Viejo", 1)]),
            ("POLICE SAID THE TOWN'S PRIEST HAS BEEN MURDERED.", [("killed", "THE TOWN'S PRIEST", 1)]),
            ("Rebels assassinated Senator Tomas Reyes on Sunday.", [("killed", "Senator Tomas Reyes", 1)]),
            ("The killing of journalist Ana Ruiz drew protests.", [("killed", "journalist Ana Ruiz", 1)]),
            ("Omar Haddad, a pharmacist, was murdered.", [("killed", "a pharmacist", 1)]),
            (
                "The governor and his driver were killed.",
                [("killed", "The governor", 1), ("killed", "his driver", 1)],
            ),
            ("The envoy and two guards were killed.", [("killed", "The envoy", 1), ("killed", "two", 2)]),
            (
                "Gunmen shot dead the headmaster, his wife and their son.",
                [("killed", "the headmaster", 1), ("killed", "his wife", 1), ("killed", "their son", 1)],
            ),
            ("He was gunned down near the market.", [("killed", "He", 1)]),
            ("INSPECTOR LUIS MORA DIED IN THE BLAST.", [("killed", "INSPECTOR LUIS MORA", 1)]),
            ("They named Justice Ruth Obi, who was shot dead at home.", [("killed", "Justice Ruth Obi", 1)]),
            (
                "Crowds mourned the murder of regional party leader Tomas Vidal.",
                [("killed", "regional party leader Tomas Vidal", 1)],
            ),
            ("ANA SOTO, 52, WAS KILLED BY A BOMB.", [("killed", "ANA SOTO", 1)]),
            ("LUIS REY, A TAXI DRIVER PASSING BY, WAS KILLED.", [("killed", "A TAXI DRIVER", 1)]),
            ("Officials reported that one person has died.", [("killed", "one", 1)]),
        ],
    )
    def test_one_death(self, sentence: str, expected: list[tuple[str, str, int]]) -> None:
        """A title, a definite singular person or a pronoun with a death verb is killed 1."""
        assert [(r[0], r[1], r[4]) for r in _rows(sentence)] == expected

    @pytest.mark.parametrize(
        "sentence",
        [
            "No one was killed in the blast.",
            "Not a single villager was killed.",
            "Rebels threatened to kill the judge.",
            "The bill was killed in committee.",
            "The mayor was arrested after the attack.",
            "By all accounts, the town has been destroyed.",
            "Rebels burned the farm after killing the herder family.",
        ],
    )
    def test_no_death(self, sentence: str) -> None:
        """Negation, threats, non-persons and non-death verbs give no death."""
        assert [r for r in _rows(sentence) if r[0] == "killed"] == []

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The district judge was wounded by shrapnel.", [("injured", "The district judge", 1)]),
            (
                "Gunmen injured a guard and the cashier.",
                [("injured", "a guard", 1), ("injured", "the cashier", 1)],
            ),
            ("The mayor was killed or wounded.", []),
            ("THE TOWN CLERK WAS SERIOUSLY INJURED.", [("injured", "THE TOWN CLERK", 1)]),
            ("A sniper chose to kill 2 and wound 9 others.", [("killed", "2", 2), ("injured", "9", 9)]),
        ],
    )
    def test_one_injury(self, sentence: str, expected: list[tuple[str, str, int]]) -> None:
        """One person wounded counts injured 1; 'killed or wounded' is never read for one person."""
        assert [(r[0], r[1], r[4]) for r in _rows(sentence)] == expected

    def test_subset_and_apposition_not_repeated(self) -> None:
        """A person after 'including' and an apposition after a victim are not counted again."""
        s = "Six guards, including a captain, were hurt after the killing of a judge, a Mr Bello, who ruled."
        found = extract_quantities(s, (0, len(s)))
        assert [(q.kind, q.text, q.best) for q in found] == [("injured", "Six", 6), ("killed", "a judge", 1)]

    def test_low_confidence(self) -> None:
        """A title-only victim carries confidence 0.6, a pronoun 0.5."""
        s = "The judge was killed. She was shot dead."
        assert [q.confidence for q in extract_quantities(s, (0, len(s)))] == [0.6, 0.5]


class TestPersonSpans:
    """Recognised person names (spaCy PERSON spans) make a bare named victim one death."""

    def _found(self, sentence: str, names: list[str]) -> list[tuple[str, str, int, float]]:
        spans = [(sentence.index(n), sentence.index(n) + len(n)) for n in names]
        found = extract_quantities(sentence, (0, len(sentence)), person_spans=spans)
        return [(q.kind, q.text, q.best, q.confidence) for q in found]

    def test_bare_name_passive(self) -> None:
        """'Omar Diallo was shot dead' with Omar Diallo a PERSON span is killed 1."""
        assert self._found("Omar Diallo was shot dead outside his shop.", ["Omar Diallo"]) == [
            ("killed", "Omar Diallo", 1, 0.55),
        ]

    def test_bare_name_relative_clause_and_object(self) -> None:
        """A name before ', who was killed' and a name after 'killed' each count one."""
        s = "Gunmen killed Lena Berg and her driver; Rui Sousa, who was stabbed to death, was buried."
        assert self._found(s, ["Lena Berg", "Rui Sousa"]) == [
            ("killed", "Lena Berg", 1, 0.55),
            ("killed", "her driver", 1, 0.6),
            ("killed", "Rui Sousa", 1, 0.55),
        ]

    def test_name_without_span_or_as_speaker(self) -> None:
        """Without a span a bare name is no count; a named speaker is never a victim."""
        assert (
            self._found("Omar Diallo was shot dead.", []),
            self._found("Omar Diallo said two guards were killed.", ["Omar Diallo"]),
        ) == ([], [("killed", "two", 2, 0.85)])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels ambushed a patrol near Kidal, killing four soldiers, a regional official told AFP.", [4]),
        ("Bandits shot dead a herder, a village head said on Tuesday.", [1]),
        ("Three residents said gunmen killed two guards at the depot.", [2]),
        ("The storm left nine fishermen reported dead along the coast.", [9]),
    ],
)
def test_who_speaks_is_no_victim(sentence: str, expected: list[int]) -> None:
    """A counted phrase that runs into a reporting verb ("a regional official told") is the speaker."""
    killed = [q.best for q in extract_quantities(sentence, (0, len(sentence))) if q.kind == "killed"]
    assert killed == expected
