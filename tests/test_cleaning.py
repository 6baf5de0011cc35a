"""One way to clean an article: the stream and the offline `extract` give the same events for HTML."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from conflict_events.contracts import Article
from conflict_events.core.pipeline import extract_many
from conflict_events.core.text.clean import clean_article, clean_text
from conflict_events.resources import Resources
from conflict_events.stream.article_input import read_articles
from conflict_events.stream.decode import decode_article

HTML = (
    "<html><head><title>ignored</title><style>p {color: red}</style></head><body>"
    "<h1>Gunmen kill 7 in attack on market in Maiduguri</h1>"
    "<p>MAIDUGURI, Nigeria &mdash; Gunmen on motorcycles <b>killed seven traders</b> and wounded 12 others"
    " at a market in Maiduguri on Tuesday, police said.</p>"
    "<script>var x = '<p>killed 99</p>';</script>"
    "<p>Protesters later blocked the main road to demand better security.</p></body></html>"
)
INGESTED = datetime(2024, 3, 1, tzinfo=UTC)



def test_plain_text_passes_unchanged() -> None:
    """Text without tags is not touched (and the article object is the same one)."""
    article = Article(id="p", text="Troops < rebels in number; 3 killed.")
    assert clean_text(article.text) == article.text
    assert clean_article(article) is article


def test_html_gives_the_same_events_in_the_stream_and_offline(tmp_path: Path, resources: Resources) -> None:
    """The same HTML article through the worker's decoder and through ``extract``'s reader: equal events."""
    body = {"id": "h1", "text": HTML, "published_at": "2024-02-28T10:00:00Z"}
    streamed = decode_article(json.dumps(body).encode(), max_bytes=1 << 20)
    assert isinstance(streamed, Article)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(body) + "\n", encoding="utf-8")
    [offline] = [clean_article(a) for a in read_articles([str(source)])]
    assert offline.text == streamed.text
    assert "killed 99" not in offline.text and "<" not in offline.text
    stream_events, offline_events = (
        [e.model_dump() for r in extract_many([a], resources, ingested_at=INGESTED) for e in r.events]
        for a in (streamed, offline)
    )
    assert stream_events == offline_events
    assert len(stream_events) >= 1
