"""The command line through click's CliRunner, on SQLite and (when configured) PostgreSQL.

The samples are the repository's invented articles; the extra articles under
tests/data/cli/ and the broken inputs written here are invented too.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from click.testing import Result
from postgres_schema import postgres_schema

from quotetrack import __version__
from quotetrack.errors import DatabaseError, LexiconError
from quotetrack.inputs.article import content_hash
from quotetrack.store import db, models, write
from quotetrack.text import fold

TESTS = Path(__file__).resolve().parents[1]
SAMPLES = TESTS.parent / "samples"
DATA = TESTS / "data" / "cli"
HARBOUR = DATA / "harbour.en.txt"
BAECKEREI = DATA / "baeckerei.de.txt"

FORMAT_ARTICLE_KEYS = {"id", "quotes"}
FORMAT_QUOTE_KEYS = {"text", "speaker", "speaker_kind", "type", "cue", "source"}
STATEMENT_TYPES = {"direct", "indirect", "mixed"}
SPEAKER_KINDS = {"person", "organization", "outlet", "document", "country", "unknown"}


# --- helpers --------------------------------------------------------------------------------------


def qt(url: str, *args: object, input: str | bytes | None = None) -> Result:
    return invoke("--db", url, *args, input=input)


def json_rows(url: str, command: str, *args: object) -> list[dict]:
    result = qt(url, command, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def ingest(url: str, *args: object, input: str | bytes | None = None) -> Result:
    return qt(url, "ingest", *args, input=input)


def counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(db.resolve_url(url), poolclass=sa.NullPool)
    tables = {
        "articles": models.Article,
        "statements": models.Statement,
        "entities": models.Entity,
        "outlets": models.Outlet,
    }
    try:
        with engine.connect() as connection:
            return {
                name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }
    finally:
        engine.dispose()


def gold() -> list[dict]:
    with open(TESTS / "data" / "samples" / "gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sample_texts() -> list[dict]:
    with open(SAMPLES / "articles.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def when(row: dict) -> date:
    """The date the --since/--until filters apply to: said_on, else the article's date."""
    value = row["said_on"] or row["published"]
    assert value, row
    return date.fromisoformat(value)


def errors_in(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def samples_db(request, tmp_path_factory) -> Iterator[str]:
    """A database holding the samples, shared by the tests that only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'quotetrack.db'}"
        assert ingest(url, SAMPLES, BAECKEREI).exit_code == 0
        yield url
        return
    with postgres_schema() as url:
        assert ingest(url, SAMPLES, BAECKEREI).exit_code == 0
        yield url


# --- ingest ---------------------------------------------------------------------------------------


def test_ingest_samples_is_idempotent(db_url):
    first = ingest(db_url, SAMPLES)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert "6 new" in first.stderr
    assert " 0 failed" in first.stderr
    after_first = counts(db_url)
    assert after_first["articles"] == 6
    assert after_first["statements"] > 0

    second = ingest(db_url, SAMPLES)
    assert second.exit_code == 0, second.output
    assert "0 new" in second.stderr
    assert "already known" in second.stderr
    assert "0 statements" in second.stderr
    assert counts(db_url) == after_first

    titles = {row["title"] for row in json_rows(db_url, "articles")}
    assert titles == {record["title"] for record in sample_texts()}


def test_ingest_quiet_prints_nothing(db_url):
    result = ingest(db_url, "--quiet", HARBOUR)
    assert result.exit_code == 0
    assert result.output == ""
    assert counts(db_url)["articles"] == 1


def test_ingest_stdin(db_url):
    result = ingest(db_url, "-", input=HARBOUR.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stderr
    rows = json_rows(db_url, "articles")
    assert [row["title"] for row in rows] == ["Harbour ferry to run again from June"]
    assert rows[0]["statements"] >= 1
    speakers = {row["speaker"] for row in json_rows(db_url, "quotes")}
    assert "Jana Novak" in speakers


def test_ingest_stdin_jsonl(db_url):
    lines = [json.dumps(record, ensure_ascii=False) for record in sample_texts()[:2]]
    result = ingest(db_url, "--format", "jsonl", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stderr
    assert {row["outlet"] for row in json_rows(db_url, "articles")} == {
        record["outlet"] for record in sample_texts()[:2]
    }


def test_ingest_overrides(db_url):
    result = ingest(
        db_url,
        "--outlet",
        "Varnel Evening Post",
        "--lang",
        "de",
        "--published",
        "2030-01-02",
        "--url",
        "https://varnel-post.example/news",
        HARBOUR,
        BAECKEREI,
    )
    assert result.exit_code == 0, result.output
    rows = json_rows(db_url, "articles")
    assert len(rows) == 2
    for row in rows:
        assert row["outlet"] == "Varnel Evening Post"
        assert row["lang"] == "de"  # for the English article too: the option wins over detection
        assert row["published"] == "2030-01-02"  # and over the bylines' dates
        assert row["url"] == "https://varnel-post.example/news"
    quotes = json_rows(db_url, "quotes", "--speaker", "weißmüller")
    assert quotes
    assert {(q["outlet"], q["published"], q["article_url"]) for q in quotes} == {
        ("Varnel Evening Post", "2030-01-02", "https://varnel-post.example/news")
    }


def test_ingest_without_overrides_uses_byline_and_detection(db_url):
    assert ingest(db_url, HARBOUR).exit_code == 0
    (row,) = json_rows(db_url, "articles")
    assert row["outlet"] is None
    assert row["lang"] == "en"
    assert row["published"] == "2031-03-04"
    assert row["url"] is None


def test_ingest_bad_published_override_is_usage_error(tmp_path):
    result = invoke("--db", tmp_path / "q.db", "ingest", "--published", "04.03.2031", HARBOUR)
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert not (tmp_path / "q.db").exists()  # refused before any database was opened


# --- bad input to ingest --------------------------------------------------------------------------


def write_jsonl_with_bad_lines(path: Path) -> None:
    good = [
        {"id": "g1", "title": "Pier", "text": 'Port Varnel. "The pier is safe," Mayor Jana Novak said.'},
        {"id": "g3", "title": "Bakery", "text": "Kleinwalden. „Wir backen wieder“, sagte Jürgen Weißmüller."},
        {"id": "g5", "title": "Ferry", "text": 'Gull Island. "The ferry is late," skipper Ola Brandt said.'},
    ]
    lines = [
        json.dumps(good[0], ensure_ascii=False),
        '{"id": "g2", "text": "unterminated',
        json.dumps(good[1], ensure_ascii=False),
        json.dumps({"id": "g4", "title": "No text"}),
        json.dumps(good[2], ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ingest_bad_inputs_are_reported_and_the_rest_is_stored(db_url, tmp_path):
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n \n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"  # not UTF-8, but its encoding is recognised: it is read
    latin1.write_bytes("Grüße aus Kleinwalden, sagte der Bäcker.".encode("latin-1"))
    garbled = tmp_path / "garbled.txt"  # no encoding makes text of it
    garbled.write_bytes(bytes(range(0x80, 0x100)) * 8)
    batch = tmp_path / "batch.jsonl"
    write_jsonl_with_bad_lines(batch)

    result = ingest(db_url, HARBOUR, missing, binary, empty, blank, latin1, garbled, batch, BAECKEREI)

    assert result.exit_code != 0
    errors = errors_in(result)
    assert len(errors) == 7, result.stderr
    for path in (missing, binary, empty, blank, garbled):
        assert any(str(path) in line for line in errors), (path, result.stderr)
    assert any(f"{batch}:2:" in line for line in errors), result.stderr
    assert any(f"{batch}:4:" in line for line in errors), result.stderr
    assert not any(f"{batch}:{n}:" in result.stderr for n in (1, 3, 5))
    assert "7 failed" in result.stderr
    assert "6 new" in result.stderr
    titles = {row["title"] for row in json_rows(db_url, "articles")}
    assert titles == {
        "Harbour ferry to run again from June",
        "Bäckerei am Marktplatz bleibt bis Herbst geschlossen",
        "Grüße aus Kleinwalden, sagte der Bäcker.",
        "Pier",
        "Bakery",
        "Ferry",
    }


def test_ingest_missing_file_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    result = ingest(url, tmp_path / "nowhere.txt")
    assert result.exit_code == 1
    assert errors_in(result) == [f"Error: {tmp_path / 'nowhere.txt'}: no such file"]
    assert "1 failed" in result.stderr
    assert result.stdout == ""


@pytest.fixture
def unreadable(tmp_path) -> Iterator[Path]:
    path = tmp_path / "locked.txt"
    path.write_text("Locked\n\n„Geheim“, sagte Anna Schloss.\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that can read a chmod 000 file")
        yield path
    finally:
        path.chmod(0o644)


def test_ingest_unreadable_file(db_url, unreadable):
    result = ingest(db_url, unreadable, HARBOUR)
    assert result.exit_code == 1
    assert errors_in(result) == [f"Error: {unreadable}: cannot be read (permission denied)"]
    assert [row["title"] for row in json_rows(db_url, "articles")] == ["Harbour ferry to run again from June"]


def test_ingest_permission_denied_is_reported(db_url, tmp_path, monkeypatch):
    """The same as above even as root: reading the file raises PermissionError."""
    locked = tmp_path / "locked.txt"
    locked.write_text("Locked\n", encoding="utf-8")
    real = os.open

    def open_(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    result = ingest(db_url, locked, HARBOUR)
    assert result.exit_code == 1
    assert errors_in(result) == [f"Error: {locked}: cannot be read (permission denied)"]
    assert counts(db_url)["articles"] == 1


def test_ingest_folder_skips_other_files_and_reports_bad_lines(db_url, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4\x00")  # skipped: not a readable suffix
    write_jsonl_with_bad_lines(folder / "more.jsonl")
    result = ingest(db_url, folder)
    assert result.exit_code == 1
    assert len(errors_in(result)) == 2
    assert all(str(folder / "more.jsonl") in line for line in errors_in(result))
    assert counts(db_url)["articles"] == 4


def test_ingest_invalid_utf8_on_stdin(db_url):
    result = ingest(db_url, "-", HARBOUR, input=bytes(range(0x80, 0x100)) * 8)
    assert result.exit_code == 1
    (error,) = errors_in(result)
    assert "<stdin>" in error
    assert "UTF-8" in error
    assert counts(db_url)["articles"] == 1


# --- nothing half-written -------------------------------------------------------------------------


def test_failed_save_leaves_no_trace_and_the_batch_goes_on(db_url, monkeypatch):
    """save_article has flushed the article and its statements when it fails: all of it is rolled back."""
    victim = sample_texts()[2]
    real_save = write.save_article
    flushed: list[int] = []  # the id the victim had before the rollback

    def save_article(session, *, article, extraction, extractor_version):
        result = real_save(
            session, article=article, extraction=extraction, extractor_version=extractor_version
        )
        if article.id == victim["id"]:
            assert result.statements > 0  # there was something to roll back
            flushed.append(result.article_id)
            raise DatabaseError("disk full (simulated)")
        return result

    monkeypatch.setattr(write, "save_article", save_article)
    result = ingest(db_url, SAMPLES / "articles.jsonl")
    assert result.exit_code == 1
    (error,) = errors_in(result)
    assert f"{SAMPLES / 'articles.jsonl'}:3" in error
    assert "disk full (simulated)" in error
    assert "5 new" in result.stderr and "1 failed" in result.stderr
    assert flushed

    engine = sa.create_engine(db.resolve_url(db_url), poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            hashes = set(connection.execute(sa.select(models.Article.content_hash)).scalars())
            placed = connection.execute(
                sa.select(
                    models.Statement.text, models.Statement.start, models.Statement.end, models.Article.text
                ).join(models.Article, models.Statement.article_id == models.Article.id)
            ).all()
            statements = connection.execute(
                sa.select(sa.func.count()).select_from(models.Statement)
            ).scalar_one()
    finally:
        engine.dispose()
    assert content_hash(victim["text"]) not in hashes
    assert len(hashes) == 5
    # every statement row belongs to a stored article and sits in its text: none is left from the victim
    assert len(placed) == statements
    assert all(text[start:end] == quoted for quoted, start, end, text in placed)
    stored = json_rows(db_url, "articles")
    assert victim["title"] not in {row["title"] for row in stored}
    assert statements == sum(row["statements"] for row in stored)

    monkeypatch.setattr(write, "save_article", real_save)
    again = ingest(db_url, SAMPLES / "articles.jsonl")
    assert again.exit_code == 0, again.output
    assert "1 new, 5 already known" in again.stderr
    assert counts(db_url)["articles"] == 6


def test_failing_extraction_of_one_article(db_url, tmp_path, monkeypatch):
    import quotetrack.ingest as pipeline

    real_extract = pipeline.extract

    def extract(article):
        if article.id == "g3":
            raise LexiconError("lexicon for 'xx' is broken (simulated)")
        return real_extract(article)

    monkeypatch.setattr(pipeline, "extract", extract)
    path = tmp_path / "batch.jsonl"
    write_jsonl_with_bad_lines(path)
    result = ingest(db_url, path)
    assert result.exit_code == 1
    messages = errors_in(result)
    assert any(f"{path}:3" in m and "simulated" in m for m in messages), result.stderr
    titles = {row["title"] for row in json_rows(db_url, "articles")}
    assert titles == {"Pier", "Ferry"}


# --- quotes ---------------------------------------------------------------------------------------


def gold_speakers() -> set[str]:
    return {q["speaker"] for record in gold() for q in record["quotes"] if q["speaker"]}


def test_quotes_speaker_partial_case_insensitive(samples_db):
    assert "Miriam Hollweg" in gold_speakers()
    every = json_rows(samples_db, "quotes")
    for value in ("HOLLWEG", "miriam holl", "hollweg"):
        rows = json_rows(samples_db, "quotes", "--speaker", value)
        assert rows, value
        assert all("hollweg" in fold(row["speaker"] or "") for row in rows)
        assert len(rows) < len(every)
    # in both articles that quote her (one German, one English)
    articles = {row["article_id"] for row in json_rows(samples_db, "quotes", "--speaker", "hollweg")}
    assert len(articles) == 2


def test_quotes_speaker_accent_insensitive(samples_db):
    for value in ("weissmuller", "WEISSMÜLLER", "Jürgen Weiß"):
        rows = json_rows(samples_db, "quotes", "--speaker", value)
        assert [row["speaker"] for row in rows] == ["Jürgen Weißmüller"], value


def test_quotes_outlet_filter(samples_db):
    outlets = {record["outlet"] for record in gold()}
    assert "Europe Health Watch" in outlets
    rows = json_rows(samples_db, "quotes", "--outlet", "europe HEALTH")
    assert rows
    assert {row["outlet"] for row in rows} == {"Europe Health Watch"}
    assert {row["article_title"] for row in rows} == {
        record["title"] for record in sample_texts() if record["outlet"] == "Europe Health Watch"
    }


def test_quotes_since_until(samples_db):
    published = sorted(date.fromisoformat(record["published"]) for record in gold())
    assert date(2024, 5, 22) in published and date(2024, 6, 7) in published
    since, until = date(2024, 5, 1), date(2024, 6, 30)
    every = json_rows(samples_db, "quotes")
    rows = json_rows(samples_db, "quotes", "--since", since, "--until", until)
    assert rows
    assert all(since <= when(row) <= until for row in rows)
    assert [r["id"] for r in rows] == [r["id"] for r in every if since <= when(r) <= until]

    later = json_rows(samples_db, "quotes", "--since", "2024-08-01")
    assert later and all(when(row) >= date(2024, 8, 1) for row in later)
    earlier = json_rows(samples_db, "quotes", "--until", "2024-03-31")
    assert earlier and all(when(row) <= date(2024, 3, 31) for row in earlier)
    assert {r["id"] for r in later}.isdisjoint(r["id"] for r in earlier)


def test_quotes_date_bounds_are_inclusive(samples_db):
    first = json_rows(samples_db, "quotes")[0]
    day = when(first).isoformat()
    rows = json_rows(samples_db, "quotes", "--since", day, "--until", day)
    assert first["id"] in {row["id"] for row in rows}
    assert all(when(row).isoformat() == day for row in rows)


def test_quotes_filters_combine(samples_db):
    rows = json_rows(
        samples_db, "quotes", "--speaker", "hollweg", "--outlet", "gesundheit", "--until", "2024-05-31"
    )
    assert rows
    for row in rows:
        assert "hollweg" in fold(row["speaker"])
        assert row["outlet"] == "Gesundheit Kompakt"
        assert when(row) <= date(2024, 5, 31)
    limited = json_rows(samples_db, "quotes", "--limit", "2")
    assert len(limited) == 2


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "14.03.2024"])
def test_quotes_invalid_date_is_usage_error(tmp_path, option, value):
    result = invoke("--db", tmp_path / "q.db", "quotes", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert option in result.stderr
    assert value in result.stderr
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize("fmt", [None, "table", "json", "jsonl", "csv"])
def test_quotes_unknown_speaker(samples_db, fmt):
    args = ["--format", fmt] if fmt else []
    result = qt(samples_db, "quotes", "--speaker", "Zacharias Nobody", *args)
    assert result.exit_code == 0
    if fmt == "json":
        assert json.loads(result.stdout) == []
    else:
        assert result.stdout == ""
    assert "Zacharias Nobody" in result.stderr
    assert "Error" not in result.stderr


def test_quotes_default_format_off_a_terminal_is_jsonl(samples_db):
    result = qt(samples_db, "quotes", "--limit", "3")
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        row["id"] for row in json_rows(samples_db, "quotes", "--limit", "3")
    ]


# --- output formats -------------------------------------------------------------------------------

LISTINGS = {
    "quotes": ("speaker", "role", "said_on", "type", "text", "outlet", "article_title", "article_url"),
    "speakers": ("name", "kind", "statements", "roles", "organizations", "first_said_on", "last_said_on"),
    "articles": ("id", "published", "outlet", "authors", "via", "statements", "title"),
    "outlets": (
        "name",
        "articles",
        "statements",
        "speakers",
        "relayed",
        "via",
        "first_published",
        "last_published",
    ),
}
OPTIONAL_COLUMNS = ("article_title", "article_url")  # left out on a narrow terminal, to leave the text room


@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_listing_formats(samples_db, command):
    rows = json_rows(samples_db, command)
    assert rows and all(isinstance(row, dict) for row in rows)
    if command == "articles":
        assert len(rows) == 7

    jsonl = qt(samples_db, command, "--format", "jsonl")
    assert jsonl.exit_code == 0
    lines = jsonl.stdout.splitlines()
    assert len(lines) == len(rows)
    assert [json.loads(line) for line in lines] == rows

    table = qt(samples_db, command, "--format", "table")
    assert table.exit_code == 0
    header, rule, *body = table.stdout.splitlines()
    shown = header.split()
    assert shown == [c for c in LISTINGS[command] if c in shown]
    empty = {c for c in LISTINGS[command] if not any(row.get(c) not in (None, "", []) for row in rows)}
    assert set(LISTINGS[command]) - set(shown) <= set(OPTIONAL_COLUMNS) | empty  # empty columns are left out
    assert set(rule) <= {"-", " "}
    assert len(body) == len(rows)

    result = qt(samples_db, command, "--format", "csv")
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == list(rows[0])
    records = list(reader)
    assert len(records) == len(rows)
    assert [r[reader.fieldnames[0]] for r in records] == [str(row[reader.fieldnames[0]]) for row in rows]


@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_listing_limit_and_format_case(samples_db, command):
    rows = json_rows(samples_db, command, "--limit", "1")
    assert len(rows) == 1
    upper = qt(samples_db, command, "--format", "JSON", "--limit", "1")
    assert upper.exit_code == 0
    assert json.loads(upper.stdout) == rows
    bad = qt(samples_db, command, "--format", "xml")
    assert bad.exit_code == 2
    assert "--format" in bad.stderr


def test_speakers_counts_match_quotes(samples_db):
    quotes = json_rows(samples_db, "quotes")
    for row in json_rows(samples_db, "speakers"):
        assert row["statements"] == sum(1 for q in quotes if q["speaker"] == row["name"]), row


def test_listings_on_empty_database(db_url):
    for command in LISTINGS:
        assert json_rows(db_url, command) == []
        for fmt in ("table", "jsonl"):
            result = qt(db_url, command, "--format", fmt)
            assert result.exit_code == 0
            assert result.stdout == ""


# --- export ---------------------------------------------------------------------------------------


def parse(fmt: str, text: str) -> list[dict]:
    if fmt == "json":
        rows = json.loads(text)
        assert isinstance(rows, list)
        return rows
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_stdout_and_file(samples_db, tmp_path, fmt):
    quotes = json_rows(samples_db, "quotes", "--speaker", "hollweg")
    shown = qt(samples_db, "export", "--format", fmt, "--speaker", "hollweg")
    assert shown.exit_code == 0, shown.output
    rows = parse(fmt, shown.stdout)
    assert len(rows) == len(quotes) > 0
    if fmt == "csv":
        extra = ["citation_key", "byline", "accessed", "claim_id"]  # what citing needs besides
        assert shown.stdout.splitlines()[0].split(",") == [*quotes[0], *extra]
        assert [row["text"] for row in rows] == [q["text"] for q in quotes]
    else:
        assert rows == quotes

    target = tmp_path / f"export.{fmt}"
    written = qt(samples_db, "export", "--format", fmt, "--speaker", "hollweg", "-o", target)
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_export_default_is_json_with_every_field(samples_db):
    result = qt(samples_db, "export")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows == json_rows(samples_db, "quotes")
    assert {"speaker", "text", "cue", "source", "said_on", "start", "end", "outlet", "via"} <= set(rows[0])


def test_export_overwrites_existing_file(samples_db, tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    result = qt(samples_db, "export", "--format", "jsonl", "--limit", "1", "--output", target)
    assert result.exit_code == 0
    (line,) = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["id"] == json_rows(samples_db, "quotes", "--limit", "1")[0]["id"]


def test_export_to_missing_folder_is_a_clean_error(samples_db, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "out.json"
    result = qt(samples_db, "export", "-o", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error:") and str(target) in line
    assert not target.parent.exists()


# --- extract --------------------------------------------------------------------------------------


def test_extract_file(tmp_path):
    result = invoke("extract", BAECKEREI)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = json.loads(result.stdout)
    assert isinstance(out, dict)
    assert set(out) >= FORMAT_ARTICLE_KEYS
    assert out["id"] == "baeckerei.de"
    assert out["lang"] == "de"
    text = BAECKEREI.read_text(encoding="utf-8")
    assert out["quotes"]
    for quote in out["quotes"]:
        assert set(quote) >= FORMAT_QUOTE_KEYS
        assert text[quote["start"] : quote["end"]] == quote["text"]
    assert any(q["speaker"] == "Jürgen Weißmüller" for q in out["quotes"])
    assert not list(tmp_path.iterdir())  # no database was created anywhere here


def test_extract_stdin_text_with_options():
    text = HARBOUR.read_text(encoding="utf-8")
    result = invoke("extract", "--lang", "en", "--published", "2031-03-04", input=text)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["lang"] == "en"
    dated = [q for q in out["quotes"] if q["date_text"] == "on Monday"]
    assert dated and all(q["said_on"] == "2031-03-03" for q in dated)


def test_extract_missing_file():
    result = invoke("extract", "no-such-article.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no-such-article.txt" in result.stderr


def test_extract_jsonl_stdin_in_order_with_offsets():
    records = sample_texts()
    result = invoke(
        "extract", "--jsonl", input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == [r["id"] for r in records]
    for record, out in zip(records, outputs, strict=True):
        assert set(out) >= FORMAT_ARTICLE_KEYS
        assert isinstance(out["quotes"], list) and out["quotes"], record["id"]
        for quote in out["quotes"]:
            assert set(quote) >= FORMAT_QUOTE_KEYS
            assert quote["type"] in STATEMENT_TYPES
            assert quote["speaker_kind"] in SPEAKER_KINDS
            assert record["text"][quote["start"] : quote["end"]] == quote["text"]


def test_extract_jsonl_malformed_line_in_the_middle():
    records = sample_texts()[:3]
    lines = [
        json.dumps(records[0], ensure_ascii=False),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps(records[1], ensure_ascii=False),
        json.dumps({"id": "notext", "title": "nothing"}),
        json.dumps({"title": records[2]["title"], "text": records[2]["text"]}, ensure_ascii=False),
    ]
    result = invoke("extract", "--jsonl", input="\n".join(lines) + "\n")
    assert result.exit_code != 0
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 5
    assert outputs[0]["id"] == records[0]["id"] and outputs[0]["quotes"]
    assert outputs[1]["id"] == 2
    assert "error" in outputs[1] and "quotes" not in outputs[1]
    assert outputs[2]["id"] == records[1]["id"] and outputs[2]["quotes"]
    assert outputs[3]["id"] == "notext" and "error" in outputs[3]
    assert str(outputs[4]["id"]) == "5" and outputs[4]["quotes"]
    errors = errors_in(result)
    assert len(errors) == 2
    assert "<stdin>:2:" in errors[0] and "malformed JSON" in errors[0]
    assert "<stdin>:4:" in errors[1] and '"text"' in errors[1]


def test_extract_jsonl_skips_blank_lines_and_reads_a_file(tmp_path):
    path = tmp_path / "in.jsonl"
    record = {"id": "a1", "text": 'Port Varnel. "The pier is safe," Mayor Jana Novak said.', "lang": "en"}
    path.write_text("\n" + json.dumps(record) + "\n\n", encoding="utf-8")
    result = invoke("extract", "--jsonl", path)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    out = json.loads(line)
    assert out["id"] == "a1"
    assert [q["speaker"] for q in out["quotes"]] == ["Jana Novak"]


def test_extract_jsonl_missing_file(tmp_path):
    result = invoke("extract", "--jsonl", tmp_path / "absent.jsonl")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert str(tmp_path / "absent.jsonl") in result.stderr


def test_extract_jsonl_invalid_utf8_line_is_reported_and_the_rest_goes_on():
    good = json.dumps({"id": "ok", "text": 'Port Varnel. "The pier is safe," Mayor Jana Novak said.'})
    bad = '{"id": "latin", "text": "Grüße"}'.encode("latin-1")
    result = invoke("extract", "--jsonl", input=bad + b"\n" + good.encode() + b"\n")
    assert result.exit_code != 0
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == ["latin", "ok"]
    assert "error" in outputs[0]
    assert "<stdin>:1:" in result.stderr


# --- db -------------------------------------------------------------------------------------------


def test_db_current_upgrade_path(db_url):
    head = db.head_revision()
    fresh = qt(db_url, "db", "current")
    assert fresh.exit_code == 0, fresh.output
    assert fresh.stdout.strip() == "- (empty)"

    upgraded = qt(db_url, "db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert head in upgraded.stderr
    assert upgraded.stdout == ""

    now = qt(db_url, "db", "current")
    assert now.stdout.strip() == f"{head} (up to date)"

    again = qt(db_url, "db", "upgrade")
    assert again.exit_code == 0
    assert qt(db_url, "db", "current").stdout.strip() == f"{head} (up to date)"

    path = qt(db_url, "db", "path")
    assert path.exit_code == 0
    assert path.stdout.strip() == db.mask_url(db.resolve_url(db_url))


def test_db_current_does_not_create_the_file(tmp_path):
    target = tmp_path / "new.db"
    result = invoke("--db", target, "db", "current")
    assert result.exit_code == 0
    assert result.stdout.strip() == "- (empty)"
    assert not target.exists()


def test_db_path_for_a_file_and_a_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("--db", "rel.db", "db", "path")
    assert result.stdout.strip() == f"sqlite:///{tmp_path.resolve() / 'rel.db'}"
    masked = invoke("--db", "postgres://reader:s3cret@db.example:5432/news", "db", "path")
    assert masked.exit_code == 0
    assert masked.stdout.strip() == "postgresql+psycopg://reader:***@db.example:5432/news"


def test_commands_open_a_new_database_at_head(tmp_path):
    target = tmp_path / "fresh.db"
    assert invoke("--db", target, "articles", "--format", "json").stdout.strip() == "[]"
    assert target.exists()
    assert invoke("--db", target, "db", "current").stdout.strip() == f"{db.head_revision()} (up to date)"


@pytest.mark.parametrize(
    "command", [["articles"], ["ingest", str(HARBOUR)], ["db", "upgrade"], ["quotes", "--speaker", "x"]]
)
@pytest.mark.parametrize("where", ["missing-parent", "under-a-file", "a-folder"])
def test_db_in_a_place_that_cannot_hold_a_file(tmp_path, command, where):
    regular = tmp_path / "plain.txt"
    regular.write_text("not a folder", encoding="utf-8")
    target = {
        "missing-parent": tmp_path / "no" / "such" / "q.db",
        "under-a-file": regular / "q.db",
        "a-folder": tmp_path,
    }[where]
    result = invoke("--db", target, *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:")
    assert str(target) in lines[0]
    assert not (tmp_path / "no").exists()


def test_not_a_quotetrack_database(tmp_path):
    target = tmp_path / "other.db"
    engine = sa.create_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
    engine.dispose()
    result = invoke("--db", target, "articles")
    assert result.exit_code == 1
    assert "not a quotetrack database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_database_url_from_environment(tmp_path, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv(db.ENV_VAR, f"sqlite:///{target}")
    assert invoke("db", "path").stdout.strip() == f"sqlite:///{target}"
    result = invoke("ingest", HARBOUR)
    assert result.exit_code == 0, result.output
    assert target.exists()
    assert counts(f"sqlite:///{target}")["articles"] == 1
    (row,) = json.loads(invoke("articles", "--format", "json").stdout)
    assert row["title"] == "Harbour ferry to run again from June"

    other = tmp_path / "explicit.db"
    assert invoke("--db", other, "ingest", BAECKEREI).exit_code == 0  # --db wins over the variable
    assert other.exists()
    assert counts(f"sqlite:///{target}")["articles"] == 1
    assert counts(f"sqlite:///{other}")["articles"] == 1


# --- help and version -----------------------------------------------------------------------------


def all_commands() -> list[list[str]]:
    from quotetrack.cli import cli

    names: list[list[str]] = []
    for name, command in sorted(cli.commands.items()):
        names.append([name])
        for sub in sorted(getattr(command, "commands", {})):
            names.append([name, sub])
    return names


def test_help():
    result = invoke("--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: quotetrack")
    for name in ("ingest", "extract", "quotes", "speakers", "articles", "export", "db"):
        assert f"  {name} " in result.stdout
    assert "--db" in result.stdout and "--version" in result.stdout
    assert invoke("-h").stdout == result.stdout


@pytest.mark.parametrize("command", all_commands(), ids=" ".join)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_of_each_command(command, flag, tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_VAR, f"sqlite:///{tmp_path / 'untouched.db'}")
    result = invoke(*command, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: quotetrack {' '.join(command)}")
    assert "-h, --help" in result.stdout
    assert not (tmp_path / "untouched.db").exists()


def test_help_mentions_the_options():
    assert "--format [table|json|jsonl|csv|md]" in invoke("quotes", "-h").stdout
    for option in ("--speaker", "--outlet", "--since", "--until", "--limit"):
        assert option in invoke("quotes", "-h").stdout
        assert option in invoke("export", "-h").stdout
    ingest_help = invoke("ingest", "-h").stdout
    for option in ("--outlet", "--lang", "--published", "--url", "--glob", "--quiet"):
        assert option in ingest_help
    assert "-o, --output" in invoke("export", "-h").stdout
    assert "--jsonl" in invoke("extract", "-h").stdout


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"quotetrack, version {__version__}"


def test_unknown_command_is_usage_error():
    result = invoke("quote")
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_python_dash_m(tmp_path):
    env = {**os.environ, db.ENV_VAR: f"sqlite:///{tmp_path / 'q.db'}"}
    result = subprocess.run(
        [sys.executable, "-m", "quotetrack", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: quotetrack")
    assert "ingest" in result.stdout

    failed = subprocess.run(
        [sys.executable, "-m", "quotetrack", "ingest", str(tmp_path / "absent.txt"), str(HARBOUR)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert f"Error: {tmp_path / 'absent.txt'}: no such file" in failed.stderr
    assert "1 new" in failed.stderr


def test_csv_listings_keep_formulas_as_text():
    from quotetrack.cli.output import render

    rows = [{"text": '=HYPERLINK("http://example.invalid")', "speaker": "-Olga", "statements": 3}]
    (parsed,) = csv.DictReader(io.StringIO(render(rows, "csv", columns=None)))
    assert parsed["text"] == '\'=HYPERLINK("http://example.invalid")'
    assert (parsed["speaker"], parsed["statements"]) == ("'-Olga", "3")
