"""Tests for stream/decode.py: every reason, HTML stripping, bounded time on hostile input."""

from __future__ import annotations

import time

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_events.contracts import Article
from conflict_events.core.text.clean import looks_like_html, strip_html
from conflict_events.stream.decode import (
    DEAD_LETTER_REASONS,
    SKIP_REASONS,
    Rejection,
    decode_article,
)

LIMIT = 1 << 20
INT64 = st.integers(-(2**63), 2**63 - 1)


def _body(**fields: object) -> bytes:
    return orjson.dumps(fields)


def _reason(value: bytes | None, max_bytes: int = LIMIT) -> tuple[str, str]:
    result = decode_article(value, max_bytes=max_bytes)
    assert isinstance(result, Rejection), result
    return result.status, result.reason


class TestAccepted:
    def test_plain_article(self) -> None:
        """A well-formed article comes back as an Article with its fields."""
        result = decode_article(
            _body(id="a1", text="Rebels attacked a convoy.", title="T", published_at="2024-03-01"),
            max_bytes=LIMIT,
        )
        assert isinstance(result, Article)
        published = result.published_at.isoformat() if result.published_at else None
        assert (result.id, result.text, result.title, published) == (
            "a1", "Rebels attacked a convoy.", "T", "2024-03-01T00:00:00",
        )

    def test_unknown_fields_ignored(self) -> None:
        """Extra fields, even nested ones, are ignored (tolerant reader)."""
        value = _body(id="a", text="Police fired tear gas.", extra={"x": [1, [2]]})
        result = decode_article(value, max_bytes=LIMIT)
        assert isinstance(result, Article)
        assert result.text == "Police fired tear gas."

    def test_utf8_bom_tolerated(self) -> None:
        """A leading UTF-8 byte-order mark does not make the JSON invalid."""
        result = decode_article(b"\xef\xbb\xbf" + _body(id="b", text="Strikers marched."), max_bytes=LIMIT)
        assert isinstance(result, Article)
        assert result.id == "b"

    def test_html_body_stripped(self) -> None:
        """HTML becomes text: scripts and styles dropped, blocks become paragraphs, entities decoded."""
        html = (
            "<html><head><title>Site</title><style>p{color:red}</style></head><body>"
            "<h1>Clashes &amp; arrests</h1><p>Soldiers   detained<br>twelve men.</p>"
            "<SCRIPT>var x = '<p>';</script ><!-- ad --><p>Markets stayed shut.</p></body></html>"
        )
        result = decode_article(_body(id="h", text=html), max_bytes=LIMIT)
        assert isinstance(result, Article)
        assert result.text == "Clashes & arrests\n\nSoldiers detained twelve men.\n\nMarkets stayed shut."

    def test_less_than_in_prose_is_not_html(self) -> None:
        """A comparison sign in plain prose leaves the text untouched."""
        text = "Fewer than 5 <10 were hurt & 3 > 2."
        result = decode_article(_body(id="p", text=text), max_bytes=LIMIT)
        assert isinstance(result, Article)
        assert result.text == text
        assert looks_like_html(text) is False


class TestDeadLettered:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (None, ("dead_lettered", "invalid_json")),
            (b"", ("dead_lettered", "invalid_json")),
            (b"{not json", ("dead_lettered", "invalid_json")),
            (b'{"id": "a", "text": "x"} trailing', ("dead_lettered", "invalid_json")),
            (b"\xff\xfe\x00garbage", ("dead_lettered", "invalid_utf8")),
            (b'{"id": "a", "text": "caf\xe9"}', ("dead_lettered", "invalid_utf8")),
            (b"[1, 2, 3]", ("dead_lettered", "wrong_shape")),
            (b'"just a string"', ("dead_lettered", "wrong_shape")),
            (b"null", ("dead_lettered", "wrong_shape")),
            (b"[" * 5000 + b"]" * 5000, ("dead_lettered", "wrong_shape")),
            (b'{"text": "Troops advanced."}', ("dead_lettered", "missing_field")),
            (b'{"id": null, "text": "Troops advanced."}', ("dead_lettered", "missing_field")),
            (b'{"id": "   ", "text": "Troops advanced."}', ("dead_lettered", "missing_field")),
            (b'{"id": "a"}', ("dead_lettered", "missing_field")),
            (b'{"id": 17, "text": "Troops advanced."}', ("dead_lettered", "wrong_type")),
            (b'{"id": "a", "text": ["Troops"]}', ("dead_lettered", "wrong_type")),
            (b'{"id": "a", "text": "Troops advanced.", "title": 5}', ("dead_lettered", "wrong_type")),
            (b'{"id": "a", "text": "Go on.", "published_at": "soon"}', ("dead_lettered", "wrong_type")),
            (b'{"id": "a", "text": "Go on.", "published_at": {}}', ("dead_lettered", "wrong_type")),
        ],
    )
    def test_reason(self, value: bytes | None, expected: tuple[str, str]) -> None:
        """Each kind of broken message gets its precise dead-letter reason."""
        assert _reason(value) == expected

    def test_too_large_checked_before_parsing(self) -> None:
        """A body over the limit is too_large even when it is not JSON, and the check is instant."""
        value = b"\xff" * (10 * 1024 * 1024)
        started = time.perf_counter()
        result = decode_article(value, max_bytes=LIMIT)
        assert time.perf_counter() - started < 0.05
        assert isinstance(result, Rejection)
        assert (result.status, result.reason, result.error) == (
            "dead_lettered", "too_large", "message is 10485760 bytes, limit 1048576",
        )

    def test_exactly_at_limit_accepted(self) -> None:
        """A body of exactly max_bytes is accepted; one byte more is too_large."""
        value = _body(id="a", text="Guards fired shots.")
        assert isinstance(decode_article(value, max_bytes=len(value)), Article)
        assert _reason(value, max_bytes=len(value) - 1) == ("dead_lettered", "too_large")

    def test_id_too_long(self) -> None:
        """An id longer than 512 characters is a wrong_type dead letter, not a crash."""
        assert _reason(_body(id="x" * 513, text="Troops advanced.")) == ("dead_lettered", "wrong_type")

    def test_rejection_keeps_readable_id(self) -> None:
        """When the id could be read, the rejection carries it for the outcome."""
        result = decode_article(b'{"id": "k9", "text": 3}', max_bytes=LIMIT)
        assert isinstance(result, Rejection)
        assert (result.article_id, result.stage, result.error) == (
            "k9", "decode", "field 'text' must be a string, got int",
        )


class TestSkipped:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("", ("skipped", "empty_text")),
            ("   \n\t ", ("skipped", "empty_text")),
            ("<p></p><br/><div> </div>", ("skipped", "no_text_content")),
            ("<!-- only a comment -->", ("skipped", "no_text_content")),
            ("!!! ??? ... 123 456 --- ***", ("skipped", "no_text_content")),
            ("\x00\x01\x02\x03\x04\x05\x06\x07 ab \x0e\x0f\x10\x11\x12", ("skipped", "no_text_content")),
            ("\ufffd\ufffd\ufffd abc \ufffd\ufffd\ufffd", ("skipped", "no_text_content")),
        ],
    )
    def test_reason(self, text: str, expected: tuple[str, str]) -> None:
        """Text with nothing readable is skipped with its precise reason."""
        assert _reason(_body(id="s", text=text)) == expected

    def test_reasons_are_the_documented_labels(self) -> None:
        """The exported reason tuples match the stable labels of docs/ARCHITECTURE.md."""
        assert DEAD_LETTER_REASONS == (
            "too_large", "invalid_utf8", "invalid_json", "wrong_shape", "missing_field", "wrong_type",
        )
        assert SKIP_REASONS == ("empty_text", "no_text_content")


class TestBoundedTime:
    @pytest.mark.parametrize(
        "text",
        [
            "<" * 1_000_000,
            "<!--" * 250_000,
            "<a '" * 250_000,
            "<a>" * 300_000,
            "</" * 500_000,
            "&amp" * 250_000,
            "!?.,;:" * 160_000,
            "1234567890" * 100_000,
            ("A" * 40 + " ") * 24_000,
        ],
        ids=["lt", "open-comments", "open-tags", "tags", "close", "entities", "punct", "digits", "caps"],
    )
    def test_hostile_text_decodes_quickly(self, text: str) -> None:
        """About 1 MB of pathological markup or punctuation decodes in under 5 s (linear, no backtracking)."""
        value = _body(id="t", text=text)
        started = time.perf_counter()
        decode_article(value, max_bytes=2 * LIMIT)
        assert time.perf_counter() - started < 5.0

    def test_strip_html_unclosed_tag_is_literal(self) -> None:
        """A '<tag' that is never closed by '>' stays as literal text (no rescanning)."""
        assert strip_html("<b>Shots</b> fired <a near the border") == "Shots fired <a near the border"


class TestDecodeProperties:
    @settings(max_examples=400, deadline=None, database=None)
    @given(value=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
    def test_any_bytes_give_article_or_known_rejection(self, value: bytes) -> None:
        """Arbitrary bytes never raise: the result is an Article or a Rejection with a documented reason."""
        result = decode_article(value, max_bytes=LIMIT)
        if isinstance(result, Rejection):
            known = DEAD_LETTER_REASONS if result.status == "dead_lettered" else SKIP_REASONS
            assert (result.reason in known, result.stage) == (True, "decode")
        else:
            assert result.text.strip() != ""

    @settings(max_examples=300, deadline=None, database=None)
    @given(
        fields=st.dictionaries(
            st.sampled_from(["id", "text", "title", "url", "published_at", "language", "extra"]),
            st.one_of(
                st.none(), st.booleans(), INT64, st.floats(allow_nan=False), st.text(max_size=80),
                st.lists(INT64, max_size=3), st.dictionaries(st.text(max_size=5), INT64, max_size=2),
            ),
        )
    )
    def test_any_json_object_gives_article_or_known_rejection(self, fields: dict[str, object]) -> None:
        """Any JSON object gives an Article carrying the given id and text, or a known rejection."""
        result = decode_article(orjson.dumps(fields), max_bytes=LIMIT)
        if isinstance(result, Rejection):
            assert result.reason in DEAD_LETTER_REASONS + SKIP_REASONS
        else:
            assert (result.id, isinstance(fields["text"], str)) == (fields["id"], True)
