"""Consistency checks for the sample articles in samples/ and their gold annotations in
tests/data/samples/gold.jsonl (kept apart, so that ``quotetrack ingest samples/`` reads articles only)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLD_FILE = Path(__file__).resolve().parent / "data" / "samples" / "gold.jsonl"
STATEMENT_TYPES = {"direct", "indirect", "mixed"}
SPEAKER_KINDS = {"person", "organization", "outlet", "document", "unknown"}
ARTICLE_FIELDS = {"id", "lang", "published", "outlet", "url", "via", "annotates", "text", "quotes"}
QUOTE_FIELDS = {"text", "speaker", "speaker_kind", "type", "cue", "source", "said_on", "date_text"}


def _read_jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


GOLD = _read_jsonl(GOLD_FILE)
ARTICLES = _read_jsonl(SAMPLES / "articles.jsonl")


def _file_text(article_id: str) -> str:
    return (SAMPLES / f"{article_id}.txt").read_text(encoding="utf-8")


def test_gold_parses_and_has_the_format_fields():
    assert len(GOLD) == 6
    ids = [a["id"] for a in GOLD]
    assert len(set(ids)) == len(ids)
    for article in GOLD:
        assert isinstance(article, dict)
        assert article.keys() >= ARTICLE_FIELDS, article["id"]
        assert article["annotates"] == ["direct", "indirect"]
        assert article["lang"] in {"de", "en"}
        assert article["quotes"], article["id"]
        for quote in article["quotes"]:
            assert quote.keys() >= QUOTE_FIELDS, (article["id"], quote["text"])


def test_every_txt_file_is_annotated():
    assert {p.name.removesuffix(".txt") for p in SAMPLES.glob("*.txt")} == {a["id"] for a in GOLD}


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["id"])
def test_gold_text_equals_file(article):
    assert article["text"] == _file_text(article["id"])


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["id"])
def test_quote_texts_are_exact_substrings(article):
    file_text = _file_text(article["id"])
    for quote in article["quotes"]:
        assert quote["text"], article["id"]
        assert quote["text"] == quote["text"].strip(), quote["text"]
        assert quote["text"] in article["text"], quote["text"]
        assert quote["text"] in file_text, quote["text"]


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["id"])
def test_types_and_kinds_are_allowed(article):
    for quote in article["quotes"]:
        assert quote["type"] in STATEMENT_TYPES, quote
        assert quote["speaker_kind"] in SPEAKER_KINDS, quote
        if quote["speaker"] is None:
            assert quote["speaker_kind"] == "unknown", quote


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["id"])
def test_said_on_is_a_date_not_after_published(article):
    published = date.fromisoformat(article["published"])
    for quote in article["quotes"]:
        if quote["said_on"] is None:
            assert quote["date_text"] is None, quote
            continue
        said_on = date.fromisoformat(quote["said_on"])
        assert said_on <= published, quote
        assert quote["date_text"] and quote["date_text"] in article["text"], quote


def test_articles_and_gold_have_the_same_ids():
    assert [a["id"] for a in ARTICLES] == [a["id"] for a in GOLD]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["id"])
def test_ingest_record_carries_the_file_text_and_its_metadata(article):
    # The same text as the .txt file, so ingesting samples/ stores each article once.
    assert set(article) == {"id", "title", "text", "url", "published", "outlet", "lang"}
    title, byline, _body = _file_text(article["id"]).split("\n\n", 2)
    assert article["title"] == title
    assert article["text"] == _file_text(article["id"])
    assert byline.startswith(("von ", "By "))
    gold = next(a for a in GOLD if a["id"] == article["id"])
    for key in ("url", "published", "outlet", "lang"):
        assert article[key] == gold[key], key


def _words(text: str) -> list[str]:
    return [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split()]


def _forms(word: str) -> set[str]:
    """A word with and without a case ending, as the evaluation compares names ("Landesamts")."""
    return {word} | {
        word[: -len(e)] for e in ("es", "en", "s", "n") if word.endswith(e) and len(word) > len(e) + 3
    }


def _names_match(gold: str, found: str) -> bool:
    found_forms = [_forms(w) for w in _words(found)]
    return all(any(_forms(w) & forms for forms in found_forms) for w in _words(gold))


@pytest.mark.parametrize("article", GOLD, ids=lambda a: a["id"])
def test_the_engine_gets_every_sample_statement_and_speaker(article):
    """The bundled samples are entirely right: every annotated statement found (most of its words
    in one statement), with its speaker (every word of the gold name in the speaker found)."""
    from quotetrack.extract import extract_text

    published = date.fromisoformat(article["published"]) if article.get("published") else None
    found = extract_text(article["text"], lang=article["lang"], published=published).statements
    assert len(found) == len(article["quotes"])
    for quote in article["quotes"]:
        gold_words = set(_words(quote["text"]))
        best = max(found, key=lambda s: len(gold_words & set(_words(s.text))))
        assert len(gold_words & set(_words(best.text))) >= len(gold_words) / 2, (
            f"not found: {quote['text']!r}"
        )
        if quote["speaker"] is None:
            assert best.speaker is None, (quote["text"], best.speaker)
        else:
            assert best.speaker is not None, (quote["text"], quote["speaker"])
            assert _names_match(quote["speaker"], best.speaker), (
                quote["text"],
                quote["speaker"],
                best.speaker,
            )
