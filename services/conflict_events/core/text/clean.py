"""One way to clean an article's text: HTML becomes plain text, for the stream and ``extract`` alike.

So that the same article gives the same events offline and in the stream, the worker's decoder and the
``extract`` command both call ``clean_text`` / ``clean_article``; plain text passes through unchanged.
"""

from __future__ import annotations

import html
import re

from conflict_events.contracts import Article

_HTML_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|/[A-Za-z][A-Za-z0-9]*\s*>|!--)")
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "pre", "article",
    "section", "header", "footer", "table", "ul", "ol", "figcaption", "title", "main", "aside",
})
_TAG_START = re.compile(r"<(/?)(?:([A-Za-z][A-Za-z0-9]*)|[!?])")
_HSPACE = re.compile(r"[^\S\n]+")


def _strip_tags(text: str) -> list[str]:
    """Text pieces outside tags; blocks become blank lines.  Linear: every search moves forward.

    The stdlib ``html.parser`` is quadratic on unclosed tags and comments (measured: 60 KB of
    ``<a '`` took 160 s), so this scanner never rescans: a tag without a closing ``>`` means no ``>``
    follows at all, and the rest is literal text; an unclosed comment or script runs to the end.
    """
    parts: list[str] = []
    pos, size = 0, len(text)
    while pos < size:
        lt = text.find("<", pos)
        if lt < 0:
            parts.append(text[pos:])
            break
        parts.append(text[pos:lt])
        if text.startswith("<!--", lt):
            end = text.find("-->", lt + 4)
            pos = size if end < 0 else end + 3
            continue
        tag = _TAG_START.match(text, lt)
        if tag is None:
            parts.append("<")
            pos = lt + 1
            continue
        gt = text.find(">", tag.end())
        if gt < 0:
            parts.append(text[lt:])
            break
        name = (tag.group(2) or "").lower()
        pos = gt + 1
        if tag.group(1) == "" and name in _SKIPPED_TAGS:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, pos)
            pos = size if close is None else close.end()
        elif name == "br":
            parts.append("\n")
        elif name in _BLOCK_TAGS:
            parts.append("\n\n")
    return parts


def looks_like_html(text: str) -> bool:
    """True when the text holds at least one tag or comment (a lone '<' in prose does not count)."""
    return _HTML_TAG.search(text) is not None


def strip_html(text: str) -> str:
    """Plain text of an HTML fragment or page: paragraphs separated by one blank line.

    Args:
        text: the HTML body.

    Returns:
        The text content with entities decoded; '' when there is none.
    """
    plain = html.unescape("".join(_strip_tags(text)))
    lines = [_HSPACE.sub(" ", line).strip() for line in plain.split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def clean_text(text: str) -> str:
    """Plain text of an article body: HTML stripped to paragraphs when it holds tags, else unchanged."""
    return strip_html(text) if looks_like_html(text) else text


def clean_article(article: Article) -> Article:
    """The article with its text cleaned (the same object when nothing changes)."""
    text = clean_text(article.text)
    return article if text == article.text else article.model_copy(update={"text": text})
