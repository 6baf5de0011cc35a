"""Proper names inside a phrase: spaCy's PERSON/ORG entities when the NER ran, else the longest run of
proper-noun tags.

The NER component costs about half of the parse time, and the events need only "is there a name here and
where", so the default pipeline runs without it (see ``resources.EXCLUDED_COMPONENTS``) and this fallback
reads names from the tagger: "Igor Konashenkov said" -> "Igor Konashenkov".
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

PROPER_TAGS = frozenset({"NNP", "NNPS"})
TEXT_KEY = "text"


def doc_text(doc: Doc) -> str:
    """The doc's text without rebuilding it token by token (``Doc.text`` does; it showed in profiles).

    ``pipeline`` stores each sentence's parse text in ``doc.user_data``; other docs fall back to ``doc.text``.
    """
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


def proper_name(
    span: Span,
    labels: tuple[str, ...] = ("PERSON", "ORG"),
    *,
    not_a_name: Callable[[str], object] | None = None,
) -> Span | None:
    """The first entity of ``labels`` inside ``span`` (NER present), else its longest proper-noun run.

    ``not_a_name`` rejects a run whose every word it accepts (a country lookup: "Russia said" is no person).
    """
    doc = span.doc
    if doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if ent.label_ in labels and ent.start >= span.start and ent.end <= span.end:
                return ent
        return None
    best: tuple[int, int] | None = None
    start: int | None = None
    for token in [*span, None]:
        proper = token is not None and (
            (token.tag_ in PROPER_TAGS and token.text[:1].isalpha())
            or (  # "Al-Shabaab": a hyphen between two proper nouns stays inside the name
                token.text == "-"
                and start is not None
                and token.i + 1 < span.end
                and doc[token.i + 1].tag_ in PROPER_TAGS
            )
        )
        if proper and start is None and token is not None:
            start = token.i
        elif not proper and start is not None:
            end = token.i if token is not None else span.end
            # "Turkey's spokesperson": a possessor names someone else than the phrase's head
            possessor = doc[end - 1].dep_ == "poss" or (end < len(doc) and doc[end].tag_ == "POS")
            rejected = not_a_name is not None and all(not_a_name(t.text) for t in doc[start:end])
            if not possessor and not rejected and (best is None or end - start > best[1] - best[0]):
                best = (start, end)
            start = None
    return doc[best[0] : best[1]] if best is not None else None
