"""Tests of the geo package: gazetteer look-ups, place matching and location resolution."""

from __future__ import annotations

import pytest

from conflict_events.geo import (
    Gazetteer,
    PlaceMention,
    country_location,
    document_country,
    find_places,
    load_gazetteer,
    resolve_location,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The real gazetteer, loaded once for the module."""
    return load_gazetteer()


def names(text: str, gazetteer: Gazetteer) -> list[tuple[str, str | None, str]]:
    """(matched words, country, feature) for each mention, in text order."""
    return [(m.text, m.country, m.feature) for m in find_places(text, gazetteer)]


class TestTransliterations:
    def test_hama_spellings_resolve_to_one_city(self, gazetteer: Gazetteer) -> None:
        """Hama, Hamah and Ḩamāh all mean the Syrian city with GeoNames id 170017."""
        text = "Shells fell on Hama, then on Hamah, then again on Ḩamāh."
        ids = [m.geonames_id for m in find_places(text, gazetteer)]
        assert ids == [170017, 170017, 170017]

    def test_daraa_spellings_resolve_to_one_city(self, gazetteer: Gazetteer) -> None:
        """Daraa, Deraa and Dar'a all mean the Syrian city Dar‘ā."""
        text = "Troops entered Daraa. Residents of Deraa fled. Police in Dar'a fired."
        found = [(m.text, m.name, m.country) for m in find_places(text, gazetteer)]
        assert found == [("Daraa", "Dar‘ā", "SYR"), ("Deraa", "Dar‘ā", "SYR"), ("Dar'a", "Dar‘ā", "SYR")]

    def test_aleppo_and_homs_arabic_names(self, gazetteer: Gazetteer) -> None:
        """Halab is Aleppo and Hims is Homs."""
        text = "Fighters moved from Halab towards Hims overnight."
        assert [m.name for m in find_places(text, gazetteer)] == ["Aleppo", "Homs"]

    def test_kyiv_and_kiev(self, gazetteer: Gazetteer) -> None:
        """Kyiv and the older spelling Kiev are the same Ukrainian city."""
        text = "Drones struck Kyiv at dawn; a second wave hit Kiev at noon."
        assert [(m.name, m.geonames_id) for m in find_places(text, gazetteer)] == [
            ("Kyiv", 703448),
            ("Kyiv", 703448),
        ]

    def test_raqqa_without_article(self, gazetteer: Gazetteer) -> None:
        """Raqqa matches GeoNames' Ar Raqqah through the transliteration skeleton."""
        found = find_places("Coalition jets bombed Raqqa.", gazetteer)
        assert [(m.name, m.country, m.alternate) for m in found] == [("Ar Raqqah", "SYR", True)]


class TestFeaturesAndRelations:
    def test_idlib_province_is_admin1_precision_3(self, gazetteer: Gazetteer) -> None:
        """'Idlib province' is the governorate, coded at precision 3."""
        text = "Air strikes pounded villages in Idlib province on Sunday."
        location = resolve_location(find_places(text, gazetteer), gazetteer)
        assert location is not None
        assert (location.name, location.feature, location.geo_precision, location.span) == (
            "Idlib",
            "admin1",
            3,
            location.span,
        )
        assert location.span is not None and location.span.text == "Idlib province"

    def test_north_of_syrias_city_of_homs_is_precision_2(self, gazetteer: Gazetteer) -> None:
        """'north of Syria’s city of Homs' is one mention of Homs with relation 'north of', precision 2."""
        text = "Rockets landed north of Syria’s city of Homs, a monitor said."
        mentions = find_places(text, gazetteer)
        assert [(m.text, m.name, m.relation) for m in mentions] == [
            ("Syria’s city of Homs", "Homs", "north of")
        ]
        location = resolve_location(mentions, gazetteer, document_country="SYR")
        assert location is not None
        assert (location.name, location.geo_precision, location.relation, location.country) == (
            "Homs",
            2,
            "north of",
            "SYR",
        )

    def test_town_is_precision_1_with_own_coordinates(self, gazetteer: Gazetteer) -> None:
        """A town named on its own is precision 1 at the town's GeoNames coordinates."""
        location = resolve_location(find_places("A car bomb exploded in Kirkuk.", gazetteer), gazetteer)
        assert location is not None
        assert (location.name, location.geo_precision, location.feature, location.country) == (
            "Kirkuk",
            1,
            "place",
            "IRQ",
        )
        assert (round(location.latitude or 0, 1), round(location.longitude or 0, 1)) == (35.5, 44.4)

    def test_distance_relation(self, gazetteer: Gazetteer) -> None:
        """'15 km from Mosul' keeps the distance as the relation and gives precision 2."""
        mentions = find_places("The convoy was ambushed 15 km from Mosul.", gazetteer)
        location = resolve_location(mentions, gazetteer)
        assert location is not None
        assert (location.relation, location.geo_precision) == ("15 km from", 2)

    def test_outskirts(self, gazetteer: Gazetteer) -> None:
        """'on the outskirts of Aleppo' is precision 2."""
        mentions = find_places("Clashes raged on the outskirts of Aleppo.", gazetteer)
        assert [(m.name, m.relation) for m in mentions] == [("Aleppo", "on the outskirts of")]

    def test_part_of_a_town_is_precision_2(self, gazetteer: Gazetteer) -> None:
        """'in southern Aleppo' is a part of the place: relation kept, precision 2."""
        mentions = find_places("Jets bombed villages in southern Aleppo.", gazetteer)
        location = resolve_location(mentions, gazetteer)
        assert location is not None
        assert (location.name, location.relation, location.geo_precision) == ("Aleppo", "in southern", 2)

    def test_region_file_entry(self, gazetteer: Gazetteer) -> None:
        """Eastern Ghouta comes from the hand-made regions file with its own precision 2."""
        location = resolve_location(find_places("Shelling hit Eastern Ghouta.", gazetteer), gazetteer)
        assert location is not None
        assert (location.name, location.feature, location.geo_precision, location.country) == (
            "Eastern Ghouta",
            "region",
            2,
            "SYR",
        )

    def test_us_state(self, gazetteer: Gazetteer) -> None:
        """A US state name is an admin1 area of USA."""
        assert names("A gunman opened fire at a mall in Texas.", gazetteer) == [("Texas", "USA", "admin1")]

    def test_nigerian_state_with_feature_word(self, gazetteer: Gazetteer) -> None:
        """'Zamfara state' is the Nigerian admin1 area, precision 3."""
        location = resolve_location(
            find_places("Bandits raided a village in Zamfara state.", gazetteer), gazetteer
        )
        assert location is not None
        assert (location.name, location.country, location.feature, location.geo_precision) == (
            "Zamfara",
            "NGA",
            "admin1",
            3,
        )

    def test_admin1_english_spelling(self, gazetteer: Gazetteer) -> None:
        """'Nineveh province' reaches GeoNames' Ninawa through the hand-made admin1 aliases."""
        found = find_places("Raids in Nineveh province.", gazetteer)
        assert [(m.name, m.feature, m.country) for m in found] == [("Ninawa", "admin1", "IRQ")]

    def test_city_name_followed_by_state_becomes_admin1(self, gazetteer: Gazetteer) -> None:
        """'Kano state' is the state, 'Kano' alone the city."""
        found = find_places("Unrest spread from Kano to the rest of Kano state.", gazetteer)
        assert [(m.text, m.feature) for m in found] == [("Kano", "place"), ("Kano state", "admin1")]

    def test_plural_feature_word_applies_to_the_list(self, gazetteer: Gazetteer) -> None:
        """'Kano, Katsina and Kaduna states' makes all three names states."""
        found = find_places("Bandits attacked villages in Kano, Katsina and Kaduna states.", gazetteer)
        assert [(m.name, m.feature) for m in found] == [
            ("Kano", "admin1"),
            ("Katsina", "admin1"),
            ("Kaduna", "admin1"),
        ]

    def test_speaker_name_is_not_a_capital(self, gazetteer: Gazetteer) -> None:
        """A surname before 'said' that is only an alternate of a capital is no place."""
        assert names("Kalin said the delegation would travel.", gazetteer) == []

    def test_country_only_precision_3_at_capital(self, gazetteer: Gazetteer) -> None:
        """A country alone is precision 3, feature country, at its capital's coordinates."""
        location = resolve_location(find_places("Soldiers were killed in Mali.", gazetteer), gazetteer)
        assert location is not None
        assert (location.name, location.feature, location.geo_precision, location.country) == (
            "Mali",
            "country",
            3,
            "MLI",
        )
        assert (round(location.latitude or 0, 1), round(location.longitude or 0, 1)) == (12.6, -8.0)

    def test_most_specific_mention_wins(self, gazetteer: Gazetteer) -> None:
        """A town beats its province and its country in the same sentence."""
        text = "In Syria, rebels shelled Saraqib in Idlib province."
        location = resolve_location(find_places(text, gazetteer), gazetteer)
        assert location is not None
        assert (location.name, location.admin1, location.geo_precision) == ("Saraqib", "Idlib", 1)


class TestDisambiguation:
    def test_damascus_in_syria_context(self, gazetteer: Gazetteer) -> None:
        """Damascus in a Syrian article is the Syrian capital, not Damascus, Maryland."""
        text = "Syria accused Israel of an air raid. Missiles hit Damascus at night."
        mentions = find_places(text, gazetteer)
        country = document_country(mentions)
        location = resolve_location(
            [m for m in mentions if m.name == "Damascus"], gazetteer, document_country=country
        )
        assert (country, location and location.country, location and location.geonames_id) == (
            "SYR",
            "SYR",
            170654,
        )

    def test_country_hint_prefers_comparable_homonym(self, gazetteer: Gazetteer) -> None:
        """A homonym in the hinted country wins unless the foreign one is far (50×) more populous."""
        mentions = find_places("Police said a man was shot in Damascus.", gazetteer, country_hint="USA")
        assert [(m.name, m.country) for m in mentions] == [("Damascus", "SYR")]
        text = "Police said a man was shot in Birmingham."
        assert [m.country for m in find_places(text, gazetteer)] == ["GBR"]
        assert [m.country for m in find_places(text, gazetteer, country_hint="USA")] == ["USA"]

    def test_state_after_comma_qualifies_town(self, gazetteer: Gazetteer) -> None:
        """'Damascus, Maryland' is the American town; 'Tripoli, Lebanon' the Lebanese city."""
        text = "A man was shot in Damascus, Maryland. Clashes shook Tripoli, Lebanon."
        found = find_places(text, gazetteer)
        assert [(m.name, m.country) for m in found] == [
            ("Damascus", "USA"),
            ("Maryland", "USA"),
            ("Tripoli", "LBN"),
            ("Lebanon", "LBN"),
        ]

    def test_small_namesake_does_not_hide_a_state(self, gazetteer: Gazetteer) -> None:
        """'Maryland' alone is the US state, not the small town Maryland City."""
        assert names("Protests spread to Maryland.", gazetteer) == [("Maryland", "USA", "admin1")]

    def test_document_country_counts_mentions(self, gazetteer: Gazetteer) -> None:
        """The most mentioned country is the document country."""
        text = "Turkey shelled Afrin. Syrian Kurds in Afrin and Manbij said Aleppo was calm."
        assert document_country(find_places(text, gazetteer)) == "SYR"

    def test_demonyms_count_towards_the_country(self, gazetteer: Gazetteer) -> None:
        """With the text, 'Salvadoran' words outweigh one foreign capital."""
        text = "Salvadoran troops and Salvadoran police raided a camp, a source in Managua said."
        mentions = find_places(text, gazetteer)
        assert (document_country(mentions), document_country(mentions, text=text, gazetteer=gazetteer)) == (
            "NIC",
            "SLV",
        )

    def test_origin_country_is_not_the_event_place(self, gazetteer: Gazetteer) -> None:
        """'Troops from Chad … entered northern Mali': the cue 'from' ranks Chad last."""
        mentions = find_places("Troops from Chad and Niger entered northern Mali.", gazetteer)
        location = resolve_location(mentions, gazetteer, document_country=document_country(mentions))
        assert location is not None and (location.name, location.relation) == ("Mali", "northern")

    def test_possessive_capital_before_a_place(self, gazetteer: Gazetteer) -> None:
        """'Nairobi’s Kibera slum' is a place in Nairobi, not the Kenyan government."""
        mentions = find_places("Police fired tear gas in Nairobi’s Kibera slum.", gazetteer)
        location = resolve_location(mentions, gazetteer)
        assert location is not None and location.name == "Nairobi"

    def test_no_mentions_no_country(self) -> None:
        """No mentions give no document country and no location."""
        assert document_country(()) is None


class TestCountryFallback:
    def test_country_location(self, gazetteer: Gazetteer) -> None:
        """The opt-in fallback is the country at its capital, precision 3, no span, low confidence."""
        location = country_location(gazetteer, "SYR")
        assert location is not None
        got = (location.name, location.feature, location.geo_precision, location.span, location.confidence)
        assert got == (
            "Syria",
            "country",
            3,
            None,
            0.3,
        )

    def test_unknown_country(self, gazetteer: Gazetteer) -> None:
        """No country, no fallback."""
        assert (country_location(gazetteer, None), country_location(gazetteer, "XXX")) == (None, None)


class TestUpperCase:
    def test_name_wrapped_across_lines(self, gazetteer: Gazetteer) -> None:
        """Wire copy wraps lines inside names: 'SAN\\nSALVADOR' is San Salvador, not San in Mali."""
        assert names("A TOWER BLEW UP IN THE NORTH OF SAN\nSALVADOR.", gazetteer) == [
            ("SAN\nSALVADOR", "SLV", "place")
        ]

    def test_wire_copy_in_capitals(self, gazetteer: Gazetteer) -> None:
        """Upper-case wire copy still finds towns, provinces and countries."""
        text = "GUERRILLAS DYNAMITED A BRIDGE NEAR SAN MIGUEL IN USULUTAN DEPARTMENT, EL SALVADOR."
        assert names(text, gazetteer) == [
            ("SAN MIGUEL", "SLV", "place"),
            ("USULUTAN DEPARTMENT", "SLV", "admin1"),
            ("EL SALVADOR", "SLV", "country"),
        ]

    def test_feature_words_and_english_particles(self, gazetteer: Gazetteer) -> None:
        """'THE CAPITAL CITY' is no town named Capital; 'AT' does not open a name in capitals."""
        assert names("TROOPS PATROLLED THE CAPITAL CITY AT DAWN.", gazetteer) == []

    def test_department_name_beats_a_foreign_town_of_that_name(self, gazetteer: Gazetteer) -> None:
        """'SAN VICENTE DEPARTMENT' is the Salvadoran department, even across a line break."""
        text = "THE BUS WAS ATTACKED IN SAN\nVICENTE DEPARTMENT, EL SALVADOR."
        assert names(text, gazetteer) == [
            ("SAN\nVICENTE DEPARTMENT", "SLV", "admin1"),
            ("EL SALVADOR", "SLV", "country"),
        ]

    def test_capitals_do_not_turn_words_into_places(self, gazetteer: Gazetteer) -> None:
        """Common words in capitals (SINCE, ALONG, POLICE, GOOD, SOUTH) are not places."""
        text = "POLICE SAID SINCE MONDAY GOOD PROGRESS WAS MADE ALONG THE ROAD IN THE SOUTH."
        assert names(text, gazetteer) == []


class TestCommonWordTraps:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Police said the deal was signed.",
            "Since then, nothing has changed.",
            "Of the dead, four were children.",
            "Along the road, mobile units were deployed.",
            "The Split in the party deepened.",
            "Reading the statement, he wept.",
            "Male and female prisoners were freed.",
            "Wells ran dry and the Temple was shut.",
            "It was a nice gesture, an orange flag.",
            "Bath houses were closed.",
        ],
    )
    def test_no_place_in_ordinary_sentences(self, sentence: str, gazetteer: Gazetteer) -> None:
        """GeoNames towns that are common English words are not matched in ordinary prose."""
        assert names(sentence, gazetteer) == []

    def test_common_word_town_after_preposition(self, gazetteer: Gazetteer) -> None:
        """A town named like a word is accepted after a locative preposition: 'in Nice'."""
        assert names("A truck ploughed into a crowd in Nice.", gazetteer) == [("Nice", "FRA", "place")]

    def test_person_name_is_not_a_country(self, gazetteer: Gazetteer) -> None:
        """'Michael Jordan' is a person, not the country Jordan."""
        assert names("Fans cheered Michael Jordan at the game.", gazetteer) == []

    def test_article_inside_an_organisation_name(self, gazetteer: Gazetteer) -> None:
        """'Hayat Tahrir al-Sham' is a group, not Damascus (GeoNames lists al-Sham as an alternate)."""
        assert names("Hayat Tahrir al-Sham fighters attacked a checkpoint.", gazetteer) == []

    def test_capitalised_preposition_before_name(self, gazetteer: Gazetteer) -> None:
        """'Near Ar Raqqah,' opening a line after a no-break space still finds Ar Raqqah."""
        text = ".\xa0 \xa0Near Ar Raqqah, five strikes hit."
        assert names(text, gazetteer) == [("Ar Raqqah", "SYR", "place")]

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("Chad Johnson was arrested in Georgia.", [("Georgia", "GEO", "country")]),
            ("Paris Hilton flew to Sydney.", [("Sydney", "AUS", "place")]),
            ("Rockets hit Baghdad International Airport.", [("Baghdad", "IRQ", "place")]),
            ("BAGHDAD - Coalition jets struck overnight.", [("BAGHDAD", "IRQ", "place")]),
        ],
    )
    def test_capitalised_word_after_a_name(
        self, sentence: str, expected: list[tuple[str, str, str]], gazetteer: Gazetteer
    ) -> None:
        """A capitalised word after a one-word name makes a person's name, unless it is a facility."""
        assert names(sentence, gazetteer) == expected

    def test_title_before_name(self, gazetteer: Gazetteer) -> None:
        """'President Vladimir Putin' does not contain the town Vladimir."""
        assert names("President Vladimir Putin spoke.", gazetteer) == []


class TestCountryWords:
    @pytest.mark.parametrize(
        ("word", "iso3"),
        [
            ("Turkish", "TUR"),
            ("Türkiye", "TUR"),
            ("Turkey", "TUR"),
            ("Syrian", "SYR"),
            ("Syrians", "SYR"),
            ("Kazakh", "KAZ"),
            ("Iranian-backed", "IRN"),
            ("Moscow", "RUS"),
            ("Ankara", "TUR"),
            ("Washington", "USA"),
            ("Kremlin", "RUS"),
            ("Ivory Coast", "CIV"),
            ("Burma", "MMR"),
            ("Congo-Kinshasa", "COD"),
            ("Syria’s", "SYR"),
        ],
    )
    def test_country_for_word(self, word: str, iso3: str, gazetteer: Gazetteer) -> None:
        """Country names, demonyms, metonyms and hyphenated compounds map to ISO-3."""
        assert gazetteer.country_for_word(word) == iso3

    def test_unknown_word(self, gazetteer: Gazetteer) -> None:
        """An ordinary word is no country."""
        assert gazetteer.country_for_word("table") is None

    def test_hyphenated_compound_is_an_actor(self, gazetteer: Gazetteer) -> None:
        """'Iran-backed' modifies an actor: flagged, and the event place is Yemen."""
        text = "Iran-backed fighters in Yemen fired drones."
        mentions = find_places(text, gazetteer)
        location = resolve_location(mentions, gazetteer)
        assert ([(m.name, m.metonym) for m in mentions], location and location.name) == (
            [("Iran", True), ("Yemen", False)],
            "Yemen",
        )

    def test_state_media_is_not_a_feature_word(self, gazetteer: Gazetteer) -> None:
        """'Kano state TV' is the city's broadcaster, not Kano state."""
        assert names("Kano state TV reported the attack.", gazetteer) == [("Kano", "NGA", "place")]

    def test_capital_as_metonym_is_not_an_event_place(self, gazetteer: Gazetteer) -> None:
        """'Moscow said' is the government: flagged as metonym and skipped as a location."""
        mentions = find_places("Moscow said the strike in Kharkiv hit a depot.", gazetteer)
        assert [(m.name, m.metonym) for m in mentions] == [("Moscow", True), ("Kharkiv", False)]
        location = resolve_location(mentions, gazetteer)
        assert location is not None and location.name == "Kharkiv"


class TestOffsetsAndWindows:
    def test_offsets_are_article_relative(self, gazetteer: Gazetteer) -> None:
        """With a window, offsets still index the whole text."""
        text = "Intro sentence about Baghdad. Then fighting in Basra."
        start = text.index("Then")
        found = find_places(text, gazetteer, start=start)
        assert [(m.start, m.end, text[m.start : m.end]) for m in found] == [(47, 52, "Basra")]

    def test_bad_window_raises(self, gazetteer: Gazetteer) -> None:
        """A window outside the text is a clear error."""
        with pytest.raises(ValueError, match="bad window"):
            find_places("short", gazetteer, start=10)

    def test_empty_text(self, gazetteer: Gazetteer) -> None:
        """Empty text has no places and no location."""
        assert find_places("", gazetteer) == ()
        assert resolve_location((), gazetteer) is None

    @pytest.mark.timeout(20)
    def test_huge_gaps_stay_linear(self, gazetteer: Gazetteer) -> None:
        """A million spaces between words (poison input) is matched in linear time."""
        text = "Shelling near" + " " * 1_000_000 + "Homs -" + " " * 1_000_000 + "x."
        assert [m.name for m in find_places(text, gazetteer)] == ["Homs"]

    def test_mentions_are_frozen(self, gazetteer: Gazetteer) -> None:
        """PlaceMention is immutable."""
        mention: PlaceMention = find_places("Riots in Lagos.", gazetteer)[0]
        with pytest.raises(AttributeError):
            mention.name = "x"  # type: ignore[misc]


class TestUpperCaseCountryContext:
    def test_surname_abroad_is_dropped(self, gazetteer: Gazetteer) -> None:
        """In capitals a cue-less one-word town outside the article's country is a surname, not a place."""
        text = "TROOPS CLASHED WITH REBELS IN SAN MIGUEL, EL SALVADOR. COLONEL ZAMORA SAID TWO DIED."
        assert names(text, gazetteer) == [("SAN MIGUEL", "SLV", "place"), ("EL SALVADOR", "SLV", "country")]

    def test_dateline_is_a_strong_mention(self, gazetteer: Gazetteer) -> None:
        """A wire dateline ('LIMA, 11 JAN') sets the country; a foreign one-word town later is dropped."""
        text = "LIMA, 11 JAN -- POLICE ARRESTED THREE MEN. DIAZ SALVADOR TOLD REPORTERS."
        assert names(text, gazetteer) == [("LIMA", "PER", "place")]


class TestHomonymsReadInTheArticlesCountry:
    def test_ambiguous_town_takes_the_country_its_province_names(self, gazetteer: Gazetteer) -> None:
        """'Bor' is a town in four countries: the state named beside it says which, not the population."""
        text = "Cattle raiders struck villages near Bor. The county lies in Jonglei State, officials said."
        found = find_places(text, gazetteer)
        assert [(m.name, m.country) for m in found] == [("Bor", "SSD"), ("Jonglei", "SSD")]
        assert document_country(found, text=text, gazetteer=gazetteer) == "SSD"

    def test_ambiguous_name_does_not_set_the_country_alone(self, gazetteer: Gazetteer) -> None:
        """A name with homonyms abroad votes for its homonym in a country the rest of the text supports."""
        text = "Fighting was reported in Bor on Sunday. South Sudan's army blamed the rebels."
        found = find_places(text, gazetteer)
        assert document_country(found, text=text, gazetteer=gazetteer) == "SSD"
        assert found[0].country == "SSD"

    def test_unambiguous_town_abroad_keeps_its_country(self, gazetteer: Gazetteer) -> None:
        """Only homonyms move: a town with one entry stays where it is."""
        text = "Shelling hit Homs. Lebanon's Tripoli stayed calm."
        assert next((m.name, m.country) for m in find_places(text, gazetteer)) == ("Homs", "SYR")

    def test_short_country_name_means_the_full_one_named(self, gazetteer: Gazetteer) -> None:
        """'Congo' after 'Democratic Republic of Congo' is that country, not the Republic of the Congo."""
        text = (
            "Militia attacks continue in the Democratic Republic of Congo. Villagers in eastern Congo fled."
        )
        assert {m.country for m in find_places(text, gazetteer)} == {"COD"}

    def test_country_own_name_is_not_moved(self, gazetteer: Gazetteer) -> None:
        """'Sudan' beside 'South Sudan' is Sudan: only a short alternate name is read as the full one."""
        text = "Refugees crossed from Sudan into South Sudan."
        assert [m.country for m in find_places(text, gazetteer)] == ["SDN", "SSD"]


class TestNamesWrittenWithHyphensAndApostrophes:
    def test_hyphenated_particle_inside_a_name(self, gazetteer: Gazetteer) -> None:
        """'Port-au-Prince': a short lower-case word hyphenated on both sides belongs to the name."""
        assert names("Gangs fought near Port-au-Prince on Friday.", gazetteer) == [
            ("Port-au-Prince", "HTI", "place")
        ]

    def test_unknown_hyphenated_name_is_not_its_first_word(self, gazetteer: Gazetteer) -> None:
        """A name going on through '-des-' is a longer name, not the French town that is its first word."""
        assert all(
            m.country != "FRA" for m in find_places("Gangs burned homes in Croix-des-Roses.", gazetteer)
        )

    def test_possessive_s_inside_a_name(self, gazetteer: Gazetteer) -> None:
        """ "Cox's Bazar": the 's is part of the town's name, not a possessive."""
        assert names("A fire swept a camp in Cox's Bazar overnight.", gazetteer) == [
            ("Cox's Bazar", "BGD", "place")
        ]

    def test_country_possessive_still_merges(self, gazetteer: Gazetteer) -> None:
        """'Syria's Idlib' is still one mention read inside the country."""
        assert [(m.text, m.country) for m in find_places("Strikes hit Syria's Idlib.", gazetteer)] == [
            ("Syria's Idlib", "SYR")
        ]


class TestStreetNames:
    """A town's name followed by a street word names the street, not the town."""

    def test_street_named_after_a_town_is_no_mention_of_it(self, gazetteer: Gazetteer) -> None:
        """'Aleppo Road in Beirut': the road is in Beirut; Aleppo is only its name."""
        text = "A car bomb exploded on Aleppo Road in Beirut on Sunday."
        assert [m.name for m in find_places(text, gazetteer)] == ["Beirut"]

    def test_abbreviated_street_word(self, gazetteer: Gazetteer) -> None:
        """'Cairo St' is a street as well."""
        assert [m.name for m in find_places("Gunmen fired on shops in Cairo St on Monday.", gazetteer)] == []

    def test_lower_case_road_keeps_the_town(self, gazetteer: Gazetteer) -> None:
        """'the Kabul road' (not a name) still mentions Kabul."""
        assert "Kabul" in [m.name for m in find_places("Taliban blocked the Kabul road.", gazetteer)]
