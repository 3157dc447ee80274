"""The readers one function at a time: bylines, publication dates, Markdown, encodings, formats."""

from __future__ import annotations

from datetime import date

import pytest

from quotetrack.inputs import readers, sources
from quotetrack.inputs.article import byline, parse_published


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["von Anna Berg | 14. März 2024"], ("Anna Berg", date(2024, 3, 14))),
        (["By Tom Reed | March 14, 2024"], ("Tom Reed", date(2024, 3, 14))),
        (["By Tom Reed", "Published 14 March 2024, 08:00 GMT"], ("Tom Reed", date(2024, 3, 14))),
        (["Von Anna Berg", "14.03.2024, 16:05 Uhr"], ("Anna Berg", date(2024, 3, 14))),
        (["Stand: 2024-03-14T10:00:00+01:00"], (None, date(2024, 3, 14))),
        (["Aktualisiert am 3. Okt. 2023"], (None, date(2023, 10, 3))),
        (["by Tom Reed"], ("Tom Reed", None)),
        (
            ["Die Fähre fährt ab Juni wieder, sagte die Bürgermeisterin am Montag vor dem Rat. " * 2],
            (None, None),
        ),
    ],
)
def test_byline(lines, expected):
    assert byline(lines) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-10", date(2023, 5, 10)),
        ("2023-05-10T23:30:00-05:00", date(2023, 5, 10)),
        ("Wed, 10 May 2023 08:00:00 GMT", date(2023, 5, 10)),
        ("10. Mai 2023", date(2023, 5, 10)),
        ("May 10th, 2023", date(2023, 5, 10)),
        ("2023/05/10 08:00", date(2023, 5, 10)),  # read by dateparser
        ("2023", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_parse_published_refuses_what_is_not_a_date():
    with pytest.raises(ValueError, match="not a date"):
        parse_published("sometime soon")


def test_markdown_to_text():
    source = (
        "Title\n=====\n\n## A **bold** claim\n\nSee [the report](https://x.example/r (draft)) and "
        "*this*.\n\n> „Zitat“, sagte sie.\n\n```\ncode\n```\n\n---\n\n![alt](p.png)\n[ref]: https://x.example\n"
    )
    assert readers.markdown_to_text(source) == (
        "Title\n\nA bold claim\n\nSee the report and this.\n\n„Zitat“, sagte sie.\n\ncode\n"
    )


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("„Grüße“ – sagte er.".encode(), "utf-8"),
        ("„Grüße“ – sagte er.".encode("cp1252"), "cp1252"),
        (b"\xef\xbb\xbf" + "Grüße".encode(), "utf-8-sig"),
        ("„Grüße“, sagte er.".encode("utf-16"), "utf-16"),
    ],
)
def test_decode(data, encoding):
    text, found = sources.decode(data)
    assert found == encoding
    assert "Grüße" in text


def test_a_page_declared_latin_1_is_read_as_windows_1252():
    data = '<html><head><meta charset="ISO-8859-1"></head><p>„Grüße“, sagte sie.</p></html>'.encode("cp1252")
    text, encoding = sources.decode(data, html=True)
    assert encoding == "cp1252" and "„Grüße“" in text


def test_format_by_suffix_and_content():
    assert sources.format_of("a.HTM", b"") == "html"
    assert sources.format_of("a.markdown", b"") == "markdown"
    assert sources.format_of("a.ndjson", b"") == "jsonl"
    assert sources.format_of("a", b'{"text": "x"}\n') == "jsonl"
    assert sources.format_of("a", b"<!-- saved -->\n<!DOCTYPE html><html>") == "html"
    assert sources.format_of("a", b"---\ntitle: x\n---\n") == "markdown"
    assert sources.format_of("-", b"Title\n\nText") == "text"
