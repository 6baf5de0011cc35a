"""The article as text: cleaning and segmentation, language check, and trigger words of candidate sentences.

Public face of the text stage family: ``document`` (paragraphs, stories, sentences, the parse copy),
``language`` (is it English?) and ``triggers`` (lexicon trigger words that make a sentence a candidate).
Stages also import ``vocabulary`` (shared word lists) and ``syntax`` (shared parse-tree helpers) directly.
"""

from conflict_events.core.text.document import Document, Sentence, segment
from conflict_events.core.text.language import check_language
from conflict_events.core.text.triggers import TriggerHit, find_triggers, is_candidate

__all__ = ["Document", "Sentence", "TriggerHit", "check_language", "find_triggers", "is_candidate", "segment"]
