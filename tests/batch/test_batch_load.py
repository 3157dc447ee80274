"""``batch load``: the datasets of ``batch extract`` stored as ``ingest`` stores the same inputs.

One generated corpus goes in both ways: ``batch extract`` (Spark local mode) and ``batch load``
into PostgreSQL, and ``quotetrack ingest`` into another PostgreSQL schema and into SQLite; the
articles, their authors and sources, statements, speakers, outlets, claims and links must be the
same (compared by content, not by row id). Loading twice, loading a part and then the whole, and
a load interrupted and run again must all end as one clean run. Skipped without PySpark, Java or
PostgreSQL (``QUOTETRACK_TEST_POSTGRES_URL``).

Every article here is generated from invented sentences, names, places and outlets.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from postgres_schema import postgres_schema

from quotetrack.batch import load
from quotetrack.store import db

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

GIVEN = ["Mara", "Tobias", "Helen", "Jonas", "Greta", "Oskar"]
FAMILY = ["Lindqvist", "Brenner", "Achterberg", "Holm", "Kessler", "Rautenberg"]
PLACES = ["Gullhaven", "Nordheide", "Lindenhagen", "Möwenwerder"]
ROLES = ["the mayor", "the harbour master", "a council member", "the head of the ferry company"]
TOPICS = ["the new pier", "the night ferry", "the flood wall", "the bus timetable"]
QUOTES = [
    "We are on time and within the budget",
    "Nobody asked the people who live next to it",
    "The ferry will run every hour from May",
    "The wall will hold a flood twice as high as the last one",
]
WIRE, LEDGER, COAST = "Harbour Wire", "Gullhaven Ledger", "Coastwatch"


def event(rng: random.Random, number: int) -> dict[str, str]:
    return {
        "speaker": f"{GIVEN[number % len(GIVEN)]} {FAMILY[(number * 5) % len(FAMILY)]}",
        "other": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "role": ROLES[number % len(ROLES)],
        "place": PLACES[number % len(PLACES)],
        "topic": TOPICS[number % len(TOPICS)],
        "quote": QUOTES[number % len(QUOTES)],
    }


def story(e: dict[str, str], *, relayed: str | None = None) -> str:
    surname, other = e["speaker"].split()[1], e["other"]
    through = f", according to the {relayed}" if relayed else ""
    return (
        f"{e['topic'].capitalize()} in {e['place']} to open in spring\n\n"
        f"Work on {e['topic']} in {e['place']} will end in April, {e['role']} {e['speaker']} said on "
        f"Monday{through}. “{e['quote']},” {surname} said.\n\n"
        f"Not everyone is pleased. “The town should have held a vote first,” said {other}, who has "
        f"lived in {e['place']} for thirty years.\n\n"
        f"The council will discuss {e['topic']} again in May, {surname} added.\n"
    )


def write_corpus(folder: Path) -> None:
    """Four files, in the order ingest reads a folder: a wire's stories, a page quoting one of
    them, relays of the stories (one a new version of a page, one the same text again, one with
    a date out of range) and a text file that names its source."""
    rng = random.Random(11)
    events = [event(rng, number) for number in range(4)]
    folder.mkdir(parents=True)
    wire = [
        {
            "id": f"wire-{n}",
            "text": story(e),
            "outlet": WIRE,
            "url": f"https://wire.example/{n}",
            "published": f"2024-03-1{n}",
            "byline": f"By {rng.choice(GIVEN)} {rng.choice(FAMILY)}",
            "lang": "en",
            "desk": "coast",
        }
        for n, e in enumerate(events)
    ]
    (folder / "a-wire.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in wire))
    paragraphs = "".join(f"<p>{p}</p>" for p in story(events[1], relayed=WIRE).split("\n\n"))
    (folder / "b-page.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Pier</title>"
        "<meta name='author' content='Greta Holm'>"
        f"<meta property='og:site_name' content='{COAST}'>"
        "<link rel='canonical' href='https://coastwatch.example/pier'>"
        "<meta property='article:published_time' content='2024-03-15'></head>"
        f"<body><article><h1>Pier to open in spring</h1>{paragraphs}</article></body></html>"
    )
    relays = [
        {
            "id": f"relay-{n}",
            "text": story(e, relayed=WIRE),
            "outlet": LEDGER,
            "published": f"2024-03-1{n + 1}",
        }
        for n, e in enumerate(events)
    ]
    relays[0]["url"] = "https://wire.example/0"  # the wire's page, changed: a new version
    relays[1]["published"] = "9999-12-31"  # out of range: left out with a warning
    relays.append({**relays[2], "id": "relay-again"})  # the same text again: already known
    (folder / "c-relays.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in relays) + '{"id": "broken", "text": \n'
    )
    (folder / "d-note.txt").write_text(
        "Flood wall finished\n\n" + story(events[3]).split("\n\n", 1)[1] + f"\nSource: {WIRE}\n"
    )


# --- what a database holds, by content -----------------------------------------------------------------


def rows(connection: sa.Connection, sql: str) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(sa.text(sql))]


def snapshot(url: str) -> dict[str, Any]:
    """Everything ingest stores, keyed by content (articles by content hash, statements by their
    article and place, speakers and outlets by name) so that row ids do not matter."""
    engine = db.open_database(url)
    try:
        with engine.connect() as c:
            article = {r["id"]: r["content_hash"] for r in rows(c, "SELECT id, content_hash FROM articles")}
            entity = {r["id"]: (r["name"], r["kind"]) for r in rows(c, "SELECT id, name, kind FROM entities")}
            outlet = {r["id"]: r["name"] for r in rows(c, "SELECT id, name FROM outlets")}
            statement = {
                r["id"]: (article[r["article_id"]], r["start"], r["end"])
                for r in rows(c, 'SELECT id, article_id, start, "end" FROM statements')
            }
            articles = {
                r.pop("content_hash"): {
                    **r,
                    "outlet_id": outlet.get(r["outlet_id"]),
                    "via_outlet_id": outlet.get(r["via_outlet_id"]),
                    "previous_version_id": article.get(r["previous_version_id"]),
                    "published": str(r["published"]),
                    "modified": str(r["modified"]),
                    "published_estimated": str(r["published_estimated"]),
                }
                for r in rows(
                    c,
                    "SELECT content_hash, raw_hash, previous_version_id, url, title, byline, published, "
                    "modified, lang, outlet_id, via_outlet_id, text, source_path, extractor_version, meta, "
                    "published_estimated, estimated_from, facts_pending FROM articles",
                )
            }
            statements = []
            for r in rows(c, "SELECT * FROM statements"):
                r.pop("text_search", None)  # PostgreSQL's generated full-text column
                key = statement[r.pop("id")]
                r.update(
                    article_id=article[r["article_id"]],
                    speaker_id=entity.get(r["speaker_id"]),
                    affiliation_id=entity.get(r["affiliation_id"]),
                    source_id=outlet.get(r["source_id"]),
                    said_on=str(r["said_on"]),
                    said_or_published=str(r["said_or_published"]),
                    claim_score=round(r["claim_score"] or 0, 6),
                    claim_id=r["claim_id"] is not None,
                )
                statements.append((key, tuple(sorted(r.items()))))
            statements.sort()
            members: dict[int, list[Any]] = {}
            for r in rows(c, "SELECT id, claim_id FROM statements WHERE claim_id IS NOT NULL"):
                members.setdefault(r["claim_id"], []).append(statement[r["id"]])
            claims = sorted(
                (r["text"], str(r["first_seen"]), r["status"], tuple(sorted(members.get(r["id"], []))))
                for r in rows(c, "SELECT id, text, first_seen, status FROM claims")
            )
            links = sorted(
                (
                    article[r["from_article_id"]],
                    article.get(r["to_article_id"]),
                    outlet.get(r["to_outlet_id"]),
                    r["kind"],
                    r["status"],
                    round(r["score"] or 0, 6),
                )
                for r in rows(c, "SELECT * FROM links")
            )
            authors = sorted(
                (article[r.pop("article_id")], tuple(r.items()))
                for r in rows(
                    c, "SELECT article_id, position, kind, name, family, given, particle FROM article_authors"
                )
            )
            sources = sorted(
                (
                    article[r.pop("article_id")],
                    tuple((k, bytes(v) if k == "raw" else v) for k, v in r.items()),
                )
                for r in rows(
                    c,
                    "SELECT article_id, format, encoding, raw_hash, size, compression, raw "
                    "FROM article_sources",
                )
            )
            speakers = sorted(
                (name, kind, entity[merged][0] if merged else None)
                for name, kind, merged in c.execute(
                    sa.text("SELECT name, kind, merged_into_id FROM entities")
                )
            )
            outlets = sorted(
                tuple(r.values()) for r in rows(c, "SELECT name, name_folded, domain, kind FROM outlets")
            )
            aliases = sorted(
                (entity[r["entity_id"]], r["alias"])
                for r in rows(c, "SELECT entity_id, alias FROM entity_aliases")
            )
    finally:
        engine.dispose()
    return {
        "articles": articles,
        "authors": authors,
        "sources": sources,
        "statements": statements,
        "speakers": speakers,
        "outlets": outlets,
        "aliases": aliases,
        "claims": claims,
        "links": links,
    }


def assert_same(loaded: dict[str, Any], ingested: dict[str, Any]) -> None:
    for key in ingested:
        assert loaded[key] == ingested[key], key


# --- the corpus both ways -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The corpus, its datasets (whole, and of the first file alone), and the corpus ingested
    into PostgreSQL and SQLite at once, and into PostgreSQL first file first."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    folder = tmp_path_factory.mktemp("batch-load")
    corpus = folder / "corpus"
    write_corpus(corpus)
    names = ("loaded", "ingested", "parts", "ingested_parts", "partly")
    with ExitStack() as stack:
        urls = {name: stack.enter_context(postgres_schema()) for name in names}
        whole = invoke("batch", "extract", corpus, "--out", folder / "whole", "--master", "local[2]")
        assert whole.exit_code == 1, whole.output  # the broken line is an error row
        first = invoke(
            "batch", "extract", corpus / "a-wire.jsonl", "--out", folder / "first", "--master", "local[1]"
        )
        assert first.exit_code == 0, first.output
        ingested = invoke("--db", urls["ingested"], "ingest", corpus)
        assert ingested.exit_code == 1, ingested.output  # the broken line
        assert (
            "10 new (1 of them a new version of a known page), 1 already known, 1 failed" in ingested.stderr
        )
        sqlite_url = f"sqlite:///{folder / 'ingested.db'}"
        assert invoke("--db", sqlite_url, "ingest", corpus).exit_code == 1
        assert invoke("--db", urls["ingested_parts"], "ingest", corpus / "a-wire.jsonl").exit_code == 0
        assert invoke("--db", urls["ingested_parts"], "ingest", corpus).exit_code == 1
        yield {"folder": folder, "corpus": corpus, "sqlite": sqlite_url, **urls}


def test_batch_load_stores_what_ingest_stores(made):
    """batch load into PostgreSQL, ingest into PostgreSQL and into SQLite: the same rows; loaded
    again, nothing changes."""
    whole = made["folder"] / "whole"
    loaded = invoke("batch", "load", whole, "--db", made["loaded"], "--master", "local[1]")
    assert loaded.exit_code == 1, loaded.output  # the extraction's error is reported ...
    assert "malformed JSON" in loaded.stderr
    assert "10 new (1 of them a new version of a known page), 1 already known, 1 failed in extraction" in (
        loaded.stderr
    ), loaded.stderr  # ... as ingest's
    assert "date 9999-12-31 is out of range; left out" in loaded.stderr

    expected = snapshot(made["ingested"])
    assert len(expected["statements"]) >= 20
    assert expected["claims"] and expected["links"] and expected["authors"] and expected["sources"]
    assert any(a["previous_version_id"] for a in expected["articles"].values())
    assert_same(snapshot(made["loaded"]), expected)
    assert_same(snapshot(made["sqlite"]), expected)

    again = invoke("batch", "load", whole, "--db", made["loaded"], "--master", "local[1]")
    assert "0 new, 11 already known, 1 failed in extraction" in again.stderr, again.stderr
    assert_same(snapshot(made["loaded"]), expected)


def test_batch_load_on_sqlite_uses_the_same_transactions_without_copy(made, tmp_path):
    url = f"sqlite:///{tmp_path / 'loaded.db'}"
    engine = db.open_database(url)
    try:
        summary = load.store(load.read_items(str(made["folder"] / "whole")), engine=engine, chunk=3)
    finally:
        engine.dispose()
    assert (summary.new, summary.known) == (10, 1)
    assert_same(snapshot(url), snapshot(made["sqlite"]))


def test_a_part_then_the_whole_and_an_interrupted_load_end_as_ingest_does(made):
    first = list(load.read_items(str(made["folder"] / "first")))
    whole = list(load.read_items(str(made["folder"] / "whole")))
    assert [i.article.id for i in first] == [f"wire-{n}" for n in range(4)]

    # the first file, then the whole corpus: as ingest of the first file, then of the corpus
    engine = db.open_database(made["parts"])
    try:
        assert load.store(first, engine=engine).new == 4
        assert load.store(whole, engine=engine, chunk=3).new == 6
    finally:
        engine.dispose()
    assert_same(snapshot(made["parts"]), snapshot(made["ingested_parts"]))

    # interrupted in the second chunk: whole chunks are stored, their fact tracking left pending,
    # and the load run again ends as one clean run
    def interrupted() -> Iterator[load.Item]:
        yield from whole[:3]
        raise KeyboardInterrupt

    engine = db.open_database(made["partly"])
    try:
        cut = load.store(interrupted(), engine=engine, chunk=2)
        assert cut.interrupted and cut.new == 2 and cut.facts is None
        with engine.connect() as c:
            assert c.execute(sa.text("SELECT count(*) FROM articles WHERE facts_pending")).scalar() == 2
            assert c.execute(sa.text("SELECT count(*) FROM statements")).scalar() == sum(
                len(i.extraction.statements) for i in whole[:2]
            )
        rest = load.store(whole, engine=engine, chunk=2)
        assert (rest.new, rest.known) == (8, 3)
    finally:
        engine.dispose()
    assert_same(snapshot(made["partly"]), snapshot(made["ingested"]))
