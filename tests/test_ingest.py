"""Ingesting articles: every input format with its metadata, boilerplate, encodings,
idempotency and versions, re-extraction, crash consistency, concurrent writers and bad input.

Database tests run on SQLite and (when configured) PostgreSQL. Every text, page, person,
place and outlet here and under tests/data/ingest/ is invented.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import traceback
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from quotetrack import ingest as pipeline
from quotetrack import progress
from quotetrack.extract import EXTRACTOR_VERSION, extract
from quotetrack.inputs import sources
from quotetrack.inputs.article import Article, Overrides
from quotetrack.inputs.prepare import prepare
from quotetrack.store import db, transactions

DATA = Path(__file__).resolve().parent / "data" / "ingest"
BRIDGE = DATA / "bridge.en.txt"
WINDPARK = DATA / "windpark.de.cp1252.txt"
DEICH = DATA / "deich.de.md"
FAEHRE = DATA / "faehre.de.html"
KLAERWERK = DATA / "klaerwerk.de.cp1252.html"
FRONT_PAGE = DATA / "front-page.en.html"
CRAWL = DATA / "crawl.jsonl"


# --- helpers --------------------------------------------------------------------------------------


def invoke(url: str, *args: object, input: str | bytes | None = None) -> Result:
    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, ["--db", url, *map(str, args)], input=input, prog_name="quotetrack")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        pytest.fail(f"quotetrack {' '.join(map(str, args))} raised:\n{shown}")
    assert "Traceback" not in result.output
    return result


def ingest(url: str, *args: object, input: str | bytes | None = None) -> Result:
    return invoke(url, "ingest", *args, input=input)


def errors_in(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def query(url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    engine = sa.create_engine(db.resolve_url(url), poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(sa.text(sql), params)]
    finally:
        engine.dispose()


ARTICLE_SQL = """
    SELECT a.id, a.title, a.byline, a.published, a.url, a.lang, a.text, a.meta, a.content_hash,
           a.raw_hash, a.previous_version_id, a.extractor_version, a.source_path,
           o.name AS outlet, v.name AS via
    FROM articles a
    LEFT JOIN outlets o ON o.id = a.outlet_id
    LEFT JOIN outlets v ON v.id = a.via_outlet_id
    ORDER BY a.id
"""


def stored(url: str) -> list[dict[str, Any]]:
    rows = query(url, ARTICLE_SQL)
    for row in rows:
        if isinstance(row["published"], str):
            row["published"] = date.fromisoformat(row["published"])
    return rows


def one(url: str) -> dict[str, Any]:
    rows = stored(url)
    assert len(rows) == 1, [r["title"] for r in rows]
    return rows[0]


def speakers(url: str, article_id: int | None = None) -> set[str]:
    sql = "SELECT s.speaker_mention FROM statements s"
    if article_id is not None:
        sql += " WHERE s.article_id = :a"
    return {r["speaker_mention"] for r in query(url, sql, a=article_id) if r["speaker_mention"]}


def source_of(url: str, article_id: int) -> dict[str, Any] | None:
    rows = query(url, "SELECT * FROM article_sources WHERE article_id = :a", a=article_id)
    if not rows:
        return None
    row = rows[0]
    raw = bytes(row["raw"])
    row["bytes"] = zlib.decompress(raw) if row["compression"] == "zlib" else raw
    return row


def count(url: str, table: str) -> int:
    return query(url, f"SELECT count(*) AS n FROM {table}")[0]["n"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- every format, field by field -----------------------------------------------------------------


def test_text_file_with_byline_source_line_and_boilerplate(db_url):
    result = ingest(db_url, BRIDGE)
    assert result.exit_code == 0, result.output
    assert "1 new, 0 already known, 0 failed" in result.stderr
    row = one(db_url)
    assert row["title"] == "Millbrook Bridge to reopen in September after repairs"
    assert row["byline"] == "Tessa Quill"
    assert row["published"] == date(2023, 5, 10)
    assert row["lang"] == "en"
    assert row["via"] == "Harbour Ledger"
    assert row["outlet"] is None and row["url"] is None
    assert row["source_path"] == str(BRIDGE)
    assert json.loads(row["meta"]) == {"id": "bridge.en"}
    # the newsletter call and the share links are left out; the "Source:" line stays
    assert "newsletter" not in row["text"].lower() and "Share this" not in row["text"]
    assert row["text"].rstrip().endswith("Source: Harbour Ledger")
    assert row["content_hash"] == sha256(row["text"].encode("utf-8"))
    raw = BRIDGE.read_bytes()
    assert row["raw_hash"] == sha256(raw)
    source = source_of(db_url, row["id"])  # the text differs from the file: the file is kept
    assert source is not None and source["bytes"] == raw
    assert (source["format"], source["encoding"], source["size"]) == ("text", "utf-8", len(raw))
    assert {"Daniel Ellery", "Priya Netherton"} <= speakers(db_url)


def test_text_file_that_is_its_article_text_keeps_only_the_hash(db_url, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        'Pier reopens\n\nBy Ola Brandt | June 2, 2023\n\n"The pier is safe," Mayor Jana Novak said.\n',
        encoding="utf-8",
    )
    assert ingest(db_url, path).exit_code == 0
    row = one(db_url)
    assert row["text"] == path.read_text(encoding="utf-8")
    assert row["raw_hash"] == sha256(path.read_bytes())
    assert source_of(db_url, row["id"]) is None
    assert (row["byline"], row["published"]) == ("Ola Brandt", date(2023, 6, 2))


def test_windows_1252_text_without_declaration(db_url):
    result = ingest(db_url, WINDPARK)
    assert result.exit_code == 0, result.output
    row = one(db_url)
    assert row["title"] == "Windpark vor Sandauel: Betreiber rechnet mit Verzögerung"
    assert (row["byline"], row["published"], row["lang"]) == ("Malte Overbeck", date(2024, 2, 14), "de")
    assert row["via"] == "Nordpress"
    assert "„Die Lieferketten für die Fundamente sind nach wie vor angespannt“" in row["text"]
    source = source_of(db_url, row["id"])
    assert source is not None
    assert source["encoding"] == "cp1252" and source["bytes"] == WINDPARK.read_bytes()
    assert "Wiebke Stöcklein" in speakers(db_url)


def test_markdown_with_front_matter(db_url):
    result = ingest(db_url, DEICH)
    assert result.exit_code == 0, result.output
    row = one(db_url)
    assert row["title"] == "Deichsanierung bei Haldenstedt: Land sagt Mittel zu"
    assert row["byline"] == "Sören Haberkorn, Nele Griesbach"
    assert row["published"] == date(2024, 8, 19)
    assert row["url"] == "https://moorland-nachrichten.example/deich-haldenstedt"
    assert row["outlet"] == "Moorland Nachrichten"
    assert row["lang"] == "de"
    assert json.loads(row["meta"]) == {
        "id": "deich.de",
        "tags": ["Küstenschutz", "Haldenstedt"],
        "ressort": "Region",
    }
    text = row["text"]
    assert text.startswith("Deichsanierung bei Haldenstedt: Land sagt Mittel zu\n\n")
    for markup in ("---", "**", "](", "# ", "> ", "![", "deich.jpg"):
        assert markup not in text, markup
    assert "den größten Teil der Kosten für die Sanierung des Deichs bei Haldenstedt." in text
    assert "Das teilte das Umweltministerium am Montag mit." in text
    source = source_of(db_url, row["id"])
    assert source is not None and source["format"] == "markdown" and source["bytes"] == DEICH.read_bytes()
    assert {"Tobias Rehberger", "Anja Sielmann"} <= speakers(db_url)


def test_html_page_leaves_out_navigation_cookie_banner_and_comments(db_url):
    result = ingest(db_url, FAEHRE)
    assert result.exit_code == 0, result.output
    row = one(db_url)
    assert row["title"] == "Fähre nach Möwenwerder fährt ab Juni wieder"
    assert row["byline"] == "Lotte Brenner"
    assert row["published"] == date(2024, 3, 5)
    assert row["url"] == "https://nordheider-rundschau.example/lokales/faehre-moewenwerder-juni"
    assert row["outlet"] == "Nordheider Rundschau"
    assert row["lang"] == "de"
    meta = json.loads(row["meta"])
    assert meta["description"] == "Nach dem Sturmschaden am Anleger soll die Fähre im Sommer wieder fahren."
    assert meta["hostname"] == "nordheider-rundschau.example"
    text = row["text"]
    assert "„Wir sind zuversichtlich, dass der neue Anleger rechtzeitig zur Saison fertig wird“" in text
    assert "\n\nKapitän Ole Brandhorst erklärte" in text  # paragraphs are separated by blank lines
    for furniture in (
        "Cookies",
        "Alle akzeptieren",
        "Startseite",
        "Newsletter",
        "Facebook",
        "Kommentar",
        "Inselkind",
        "Helga Prüfer",
        "Zwei Millionen für einen Anleger",
        "Pressekontakt",
        "Impressum",
        "Mehr zum Thema",
    ):
        assert furniture not in text, furniture
    found = speakers(db_url)
    assert {"Jana Wittkamp", "Ole Brandhorst"} <= found
    assert "Helga Prüfer" not in found  # quoted only in a reader's comment
    source = source_of(db_url, row["id"])
    assert source is not None
    assert (source["format"], source["encoding"], source["compression"]) == ("html", "utf-8", "zlib")
    assert source["bytes"] == FAEHRE.read_bytes()
    assert source["raw_hash"] == row["raw_hash"] == sha256(FAEHRE.read_bytes())


def test_windows_1252_html_page(db_url):
    assert ingest(db_url, KLAERWERK).exit_code == 0
    row = one(db_url)
    assert row["title"] == "Klärwerk Lindenhagen: Kosten steigen um vier Millionen Euro"
    assert (row["byline"], row["published"]) == ("Heike Kallweit", date(2023, 11, 21))
    assert (row["outlet"], row["lang"]) == ("Elbmarsch-Kurier", "de")
    assert row["url"] == "https://elbmarsch-kurier.example/region/klaerwerk-kosten"
    assert (
        "„Niemand hat damit gerechnet, dass die Preise für Stahl und Beton so stark steigen“" in row["text"]
    )
    assert "Start | Region" not in row["text"] and "Alle Rechte" not in row["text"]
    source = source_of(db_url, row["id"])
    assert source is not None and source["encoding"] == "cp1252"
    assert {"Sabine Lohmeyer", "Bernd Uhlendorf"} <= speakers(db_url)


def test_json_lines_with_text_html_and_extra_fields(db_url):
    result = ingest(db_url, CRAWL)
    assert result.exit_code == 0, result.output
    assert "3 new" in result.stderr
    rows = {json.loads(r["meta"])["id"]: r for r in stored(db_url)}
    assert set(rows) == {"nd-0412", "kb-0077", "wx-0931"}

    bath = rows["nd-0412"]
    assert bath["title"] == "Hallenbad Eichtal schließt für ein Jahr"
    assert bath["url"] == "https://suedheider-abendblatt.example/eichtal/hallenbad"
    assert (bath["published"], bath["outlet"], bath["lang"]) == (
        date(2023, 9, 12),
        "Südheider Abendblatt",
        "de",
    )
    assert json.loads(bath["meta"]) == {
        "id": "nd-0412",
        "section": "Lokales",
        "crawl": {"fetched": "2023-09-12T10:00:00Z", "status": 200},
    }
    assert bath["source_path"] == f"{CRAWL}:1"
    line = CRAWL.read_bytes().splitlines()[0]
    assert bath["raw_hash"] == sha256(line)
    source = source_of(db_url, bath["id"])
    assert source is not None and source["format"] == "jsonl" and source["bytes"] == line
    assert "Florian Dorfmüller" in speakers(db_url, bath["id"])

    tram = rows["kb-0077"]  # an "html" record: read as a page, its metadata filling the gaps
    assert tram["title"] == "Tram extension delayed until 2026"
    assert (tram["byline"], tram["published"]) == ("Owen Radcliffe", date(2023, 6, 2))
    assert (tram["outlet"], tram["lang"]) == ("Kestrel Bay Post", "en")
    assert tram["url"] == "https://kestrelbay-post.example/news/tram-extension-delayed"
    assert json.loads(tram["meta"])["section"] == "Transport"
    assert "Arthur Pellow" not in tram["text"] and "Follow us" not in tram["text"]
    assert "Fiona Calloway" in speakers(db_url, tram["id"])

    ferry = rows["wx-0931"]  # an RFC 2822 date
    assert (ferry["published"], ferry["outlet"], ferry["lang"]) == (
        date(2023, 11, 6),
        "Wexbury Gazette",
        "en",
    )
    assert ferry["url"] is None and ferry["byline"] is None


def test_stdin_in_every_format(db_url):
    assert ingest(db_url, "-", input=BRIDGE.read_bytes()).exit_code == 0
    assert ingest(db_url, "-", input=DEICH.read_bytes()).exit_code == 0  # front matter: Markdown
    assert ingest(db_url, "-", input=FAEHRE.read_bytes()).exit_code == 0  # <!DOCTYPE html>: a page
    assert ingest(db_url, "--format", "jsonl", "-", input=CRAWL.read_bytes()).exit_code == 0
    rows = stored(db_url)
    assert len(rows) == 6
    by_title = {r["title"]: r for r in rows}
    assert by_title["Deichsanierung bei Haldenstedt: Land sagt Mittel zu"]["outlet"] == "Moorland Nachrichten"
    page = by_title["Fähre nach Möwenwerder fährt ab Juni wieder"]
    assert page["outlet"] == "Nordheider Rundschau" and "Cookies" not in page["text"]
    assert {r["source_path"] for r in rows} >= {"<stdin>", "<stdin>:1"}


def test_options_override_what_the_input_says(db_url):
    result = ingest(
        db_url,
        "--outlet",
        "Varnel Evening Post",
        "--url",
        "https://varnel-post.example/faehre",
        "--published",
        "2024-03-06",
        "--lang",
        "de",
        FAEHRE,
    )
    assert result.exit_code == 0, result.output
    row = one(db_url)
    assert (row["outlet"], row["url"], row["published"], row["lang"]) == (
        "Varnel Evening Post",
        "https://varnel-post.example/faehre",
        date(2024, 3, 6),
        "de",
    )
    assert row["byline"] == "Lotte Brenner"  # not overridden: from the page


def test_language_is_detected_and_the_option_wins(db_url, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text(
        "Schule bleibt zu\n\n„Wir müssen das Dach erst reparieren“, sagte Schulleiterin Ines Vollrath.\n",
        encoding="utf-8",
    )
    assert ingest(db_url, BRIDGE, text).exit_code == 0
    assert {r["title"]: r["lang"] for r in stored(db_url)} == {
        "Millbrook Bridge to reopen in September after repairs": "en",
        "Schule bleibt zu": "de",
    }


def test_folders_recursive_with_glob_and_format_by_content(db_url, tmp_path):
    folder = tmp_path / "saved"
    (folder / "2024" / "03").mkdir(parents=True)
    (folder / "2024" / "03" / "faehre.html").write_bytes(FAEHRE.read_bytes())
    (folder / "2024" / "bridge.txt").write_bytes(BRIDGE.read_bytes())
    (folder / "README.md").write_text("# Saved pages\n\nWhat this folder holds.\n", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "old.txt").write_text("Hidden\n\nNot an article.\n", encoding="utf-8")
    (folder / "page-without-suffix").write_bytes(KLAERWERK.read_bytes())

    only_html = ingest(db_url, "--glob", "*.html", folder)
    assert only_html.exit_code == 0, only_html.output
    assert [r["title"] for r in stored(db_url)] == ["Fähre nach Möwenwerder fährt ab Juni wieder"]

    everything = ingest(db_url, folder)  # known suffixes only; README and hidden files skipped
    assert "1 new, 1 already known" in everything.stderr
    assert len(stored(db_url)) == 2

    by_content = ingest(db_url, folder / "page-without-suffix")  # HTML recognised by its content
    assert by_content.exit_code == 0, by_content.output
    assert stored(db_url)[-1]["outlet"] == "Elbmarsch-Kurier"


# --- idempotency and versions ---------------------------------------------------------------------


def test_same_input_same_text_same_url_are_stored_once(db_url, tmp_path):
    first = ingest(db_url, BRIDGE, FAEHRE, CRAWL)
    assert "5 new, 0 already known" in first.stderr
    before = count(db_url, "statements")

    again = ingest(db_url, BRIDGE, FAEHRE, CRAWL)  # the same bytes: recognised by the input hash
    assert "0 new, 5 already known" in again.stderr

    copy = tmp_path / "copy-of-bridge.txt"  # other bytes (line ends), the same article text
    copy.write_bytes(BRIDGE.read_bytes().replace(b"\n", b"\r\n"))
    restyled = tmp_path / "faehre-new-ads.html"  # other markup, the same text at the same URL
    restyled.write_bytes(FAEHRE.read_bytes().replace(b"<aside", b'<div class="ad">Anzeige</div><aside'))
    similar = ingest(db_url, copy, restyled)
    assert similar.exit_code == 0, similar.output
    assert "0 new, 2 already known" in similar.stderr
    assert len(stored(db_url)) == 5
    assert count(db_url, "statements") == before


def page(version: str) -> bytes:
    paragraph = {
        "1": "„Der Anleger wird im Juni fertig“, sagte Bürgermeisterin Jana Wittkamp am Montag.",
        "2": "„Der Anleger wird erst im Juli fertig“, sagte Bürgermeisterin Jana Wittkamp am Dienstag.",
        "3": "„Der Anleger wird im August fertig“, räumte Bürgermeisterin Jana Wittkamp am Freitag ein.",
    }[version]
    text = FAEHRE.read_text(encoding="utf-8")
    old = "<p>Der Inselrat begrüßte die Entscheidung."
    return text.replace(old, f"<p>{paragraph}</p>\n  {old}").encode("utf-8")


def test_a_changed_page_at_a_known_url_is_a_new_version(db_url, tmp_path):
    paths = []
    for version in "123":
        path = tmp_path / f"faehre-v{version}.html"
        path.write_bytes(page(version))
        paths.append(path)
    assert "1 new, 0 already known" in ingest(db_url, paths[0]).stderr
    second = ingest(db_url, paths[1])
    assert "1 new (1 of them a new version of a known page)" in second.stderr
    assert ingest(db_url, paths[2]).exit_code == 0
    assert "0 new, 3 already known" in ingest(db_url, *paths).stderr  # each version once

    rows = stored(db_url)
    assert len(rows) == 3
    assert len({r["url"] for r in rows}) == 1
    assert [r["previous_version_id"] for r in rows] == [None, rows[0]["id"], rows[1]["id"]]
    assert "erst im Juli" in rows[1]["text"] and "im August" in rows[2]["text"]
    # each version keeps its own statements
    for row, words in zip(rows, ("im Juni", "erst im Juli", "im August"), strict=True):
        texts = [
            r["text"] for r in query(db_url, "SELECT text FROM statements WHERE article_id = :a", a=row["id"])
        ]
        assert any(words in t for t in texts), (words, texts)

    newest = invoke(db_url, "reextract", rows[0]["url"])  # a URL names the newest version
    assert newest.exit_code == 0 and "1 article re-extracted" in newest.stderr


def test_a_unique_hash_race_ends_as_already_known(db_url, monkeypatch):
    """Another process stores the same text between the check and the insert: the unique
    content hash refuses the second copy, and it counts as already known."""
    from quotetrack.store import write

    assert ingest(db_url, BRIDGE).exit_code == 0
    (known,) = [r["id"] for r in stored(db_url)]
    source = next(iter(sources.read_sources(BRIDGE)))
    assert isinstance(source, sources.Source)
    article = prepare(source, Overrides())
    assert isinstance(article, Article)
    article.raw_hash = None  # not recognised by its input either
    real = write.article_id_by_hash
    calls: list[str] = []

    def blind_once(session, *, content_hash):
        calls.append(content_hash)
        return None if len(calls) == 1 else real(session, content_hash=content_hash)

    monkeypatch.setattr(write, "article_id_by_hash", blind_once)
    engine = db.open_database(db_url)
    try:
        writer = transactions.ArticleWriter(engine, extractor_version=EXTRACTOR_VERSION)
        refused = writer.add(article, extract(article))
        assert refused is None  # the refused copy is recognised as the stored one
        (written,) = writer.commit()
    finally:
        engine.dispose()
    result = written.result
    assert result is not None
    assert (result.article_id, result.created) == (known, False)
    assert len(calls) == 2
    assert len(stored(db_url)) == 1


# --- re-extraction ----------------------------------------------------------------------------------


def test_reextract_replaces_statements_and_keeps_articles(db_url):
    assert ingest(db_url, BRIDGE, FAEHRE, CRAWL).exit_code == 0
    before = stored(db_url)
    statements = {
        r["article_id"]: r["n"]
        for r in query(db_url, "SELECT article_id, count(*) AS n FROM statements GROUP BY article_id")
    }
    claim = query(db_url, "SELECT id, article_id, start, text FROM statements ORDER BY id LIMIT 1")[0]
    engine = sa.create_engine(db.resolve_url(db_url), poolclass=sa.NullPool)
    with engine.begin() as connection:  # an older engine's results: fewer statements, old version
        connection.execute(
            sa.text("INSERT INTO claims (text, status, created_at) VALUES ('c', 'open', :t)"),
            {"t": "2024-01-01 00:00:00+00:00"},
        )
        claim_id = connection.execute(sa.text("SELECT max(id) FROM claims")).scalar_one()
        connection.execute(
            sa.text("UPDATE statements SET claim_id = :c WHERE id = :s"), {"c": claim_id, "s": claim["id"]}
        )
        connection.execute(
            sa.text("DELETE FROM statements WHERE article_id = :a AND id <> :s"),
            {"a": before[0]["id"], "s": claim["id"]},
        )
        connection.execute(
            sa.text("UPDATE articles SET extractor_version = '0.0.1' WHERE id IN (:a, :b)"),
            {"a": before[0]["id"], "b": claim["article_id"]},
        )
    engine.dispose()

    outdated = invoke(db_url, "reextract", "--outdated")
    assert outdated.exit_code == 0, outdated.output
    assert f"1 article re-extracted (extractor {EXTRACTOR_VERSION})" in outdated.stderr
    after = stored(db_url)
    assert [r["id"] for r in after] == [r["id"] for r in before]
    assert all(r["extractor_version"] == EXTRACTOR_VERSION for r in after)
    assert [(r["text"], r["title"], r["url"]) for r in after] == [
        (r["text"], r["title"], r["url"]) for r in before
    ]
    assert {
        r["article_id"]: r["n"]
        for r in query(db_url, "SELECT article_id, count(*) AS n FROM statements GROUP BY article_id")
    } == statements
    kept = query(
        db_url,
        "SELECT claim_id FROM statements WHERE article_id = :a AND start = :s",
        a=claim["article_id"],
        s=claim["start"],
    )
    assert [r["claim_id"] for r in kept] == [claim_id]  # the same statement keeps its claim

    by_id = invoke(db_url, "reextract", before[1]["id"])
    assert by_id.exit_code == 0 and "1 article re-extracted" in by_id.stderr
    by_url = invoke(db_url, "reextract", before[1]["url"])
    assert by_url.exit_code == 0 and "1 article re-extracted" in by_url.stderr
    every = invoke(db_url, "reextract", "--all")
    assert every.exit_code == 0 and f"{len(before)} articles re-extracted" in every.stderr
    assert count(db_url, "statements") == sum(statements.values())

    unknown = invoke(db_url, "reextract", "99999")
    assert unknown.exit_code == 1 and "99999" in unknown.stderr
    assert invoke(db_url, "reextract").exit_code == 2
    assert invoke(db_url, "reextract", "--all", "1").exit_code == 2


# --- bad input ------------------------------------------------------------------------------------


def test_each_bad_input_is_reported_with_its_file_and_the_batch_goes_on(db_url, tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    undecodable = tmp_path / "garbled.txt"
    undecodable.write_bytes(bytes(range(0x80, 0x100)) * 8)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    huge = tmp_path / "one-line.txt"
    huge_jsonl = tmp_path / "one-line.jsonl"
    block = b"Lorem ipsum dolor sit amet. " * 37449  # about 1 MB, no line break
    with huge.open("wb") as handle:
        for _ in range(50):
            handle.write(block)
    with huge_jsonl.open("wb") as handle:
        handle.write(b'{"id": "ok-1", "text": "Pier reopens. \\"It is safe,\\" Mayor Jana Novak said."}\n')
        handle.write(b'{"id": "huge", "text": "')
        for _ in range(50):
            handle.write(block)
        handle.write(b'"}\n')
        handle.write(b'{"id": "broken", "text": "unterminated\n')
        handle.write(b'{"id": "ok-2", "text": "Ferry late. \\"We are sorry,\\" skipper Ola Brandt said."}\n')
    result = ingest(db_url, BRIDGE, binary, undecodable, empty, huge, huge_jsonl, FRONT_PAGE, DEICH)

    assert result.exit_code == 1
    errors = errors_in(result)
    expected = {
        str(binary): "binary",
        str(undecodable): "encoding cannot be recognised",
        str(empty): "is empty",
        str(huge): "too large for one article",
        f"{huge_jsonl}:2": "too long for one article",
        f"{huge_jsonl}:3": "malformed JSON",
        str(FRONT_PAGE): "has no article text",
    }
    assert len(errors) == len(expected), result.stderr
    for where, what in expected.items():
        assert any(line.startswith(f"Error: {where}: ") and what in line for line in errors), (
            where,
            result.stderr,
        )
    assert "4 new, 0 already known, 7 failed" in result.stderr
    assert len(stored(db_url)) == 4


def test_only_boilerplate_is_no_article(db_url, tmp_path):
    path = tmp_path / "furniture.txt"
    path.write_text(
        "Wexbury Gazette\n\nSign up for our newsletter.\n\nWe use cookies. Privacy policy.\n",
        encoding="utf-8",
    )
    result = ingest(db_url, path)
    assert result.exit_code == 1
    (error,) = errors_in(result)
    assert error.startswith(f"Error: {path}: has no article text")
    assert count(db_url, "articles") == 0


# --- many articles: parallel extraction, crashes, concurrent writers ------------------------------

PEOPLE_DE = ["Jana Wittkamp", "Ole Brandhorst", "Ines Vollrath", "Malte Overbeck", "Heike Kallweit"]
PEOPLE_EN = ["Tessa Quill", "Daniel Ellery", "Priya Netherton", "Owen Radcliffe", "Fiona Calloway"]
OUTLETS = ["Nordheider Rundschau", "Elbmarsch-Kurier", "Wexbury Gazette", "Kestrel Bay Post"]


def corpus_record(i: int) -> dict[str, Any]:
    """Article ``i`` of an invented corpus: a few quoted paragraphs, German or English."""
    rng = random.Random(i)
    paragraphs = []
    if i % 2:
        title = f"Gemeinderat berät über Projekt Nummer {i}"
        for k in range(6):
            who = rng.choice(PEOPLE_DE)
            paragraphs.append(
                f"„Wir brauchen für Vorhaben {i}-{k} jetzt Planungssicherheit“, sagte {who} am Montag. "
                f"Die Kosten seien seit dem Frühjahr um {rng.randint(3, 40)} Prozent gestiegen, "
                f"erklärte {who}."
            )
        lang = "de"
    else:
        title = f"Council debates project number {i}"
        for k in range(6):
            who = rng.choice(PEOPLE_EN)
            paragraphs.append(
                f'"We need certainty about plan {i}-{k} now," {who} said on Monday. '
                f"Costs had risen by {rng.randint(3, 40)} percent since spring, {who} added."
            )
        lang = "en"
    return {
        "id": f"a{i:05d}",
        "title": title,
        "text": title + "\n\n" + "\n\n".join(paragraphs) + "\n",
        "outlet": OUTLETS[i % len(OUTLETS)],
        "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "lang": lang,
    }


def write_corpus(path: Path, numbers: range) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in numbers:
            handle.write(json.dumps(corpus_record(i), ensure_ascii=False) + "\n")


def quotetrack_process(url: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "--db", url, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_whole_articles(url: str) -> None:
    """Every stored article has exactly the statements the engine finds in it: none is half-written."""
    rows = query(url, "SELECT id, text, lang, published FROM articles")
    found = {
        r["article_id"]: r["n"]
        for r in query(url, "SELECT article_id, count(*) AS n FROM statements GROUP BY article_id")
    }
    for row in rows:
        published = row["published"]
        if isinstance(published, str):
            published = date.fromisoformat(published)
        expected = extract(Article(text=row["text"], lang=row["lang"], published=published))
        assert found.get(row["id"], 0) == len(expected.statements), row["id"]
    assert (
        query(url, "SELECT count(*) AS n FROM statements WHERE article_id NOT IN (SELECT id FROM articles)")[
            0
        ]["n"]
        == 0
    )
    hashes = query(
        url, "SELECT content_hash, count(*) AS n FROM articles GROUP BY content_hash HAVING count(*) > 1"
    )
    assert hashes == []


def test_jobs_give_the_same_result_as_one_process(db_url, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, range(40))
    parallel = ingest(db_url, "--jobs", "2", corpus, BRIDGE, tmp_path / "missing.txt")
    assert parallel.exit_code == 1
    assert [e for e in errors_in(parallel)] == [f"Error: {tmp_path / 'missing.txt'}: no such file"]
    assert "41 new, 0 already known, 1 failed" in parallel.stderr
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    assert ingest(serial_url, corpus, BRIDGE).exit_code == 0

    def snapshot(url: str) -> list[tuple]:
        sql = (
            'SELECT a.content_hash, s.start, s."end", s.speaker_mention, s.type FROM statements s '
            'JOIN articles a ON a.id = s.article_id ORDER BY a.content_hash, s.start, s."end"'
        )
        return [tuple(r.values()) for r in query(url, sql)]

    assert snapshot(db_url) == snapshot(serial_url)
    assert [r["title"] for r in stored(db_url)] == [r["title"] for r in stored(serial_url)]  # input order
    again = ingest(db_url, "--jobs", "2", corpus)
    assert "0 new, 40 already known" in again.stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_summary_says_where_the_time_went(sqlite_url, tmp_path, jobs):

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, range(12))
    engine = db.open_database(sqlite_url)
    try:
        first = pipeline.run([str(corpus)], engine=engine, options=pipeline.Options(jobs=jobs))
        again = pipeline.run([str(corpus)], engine=engine, options=pipeline.Options(jobs=jobs))
    finally:
        engine.dispose()
    assert first.new == 12
    assert first.extract_seconds > 0 and first.write_seconds > 0 and first.facts_seconds
    assert first.write_seconds + first.facts_seconds <= first.seconds
    if jobs == 1:  # the engine ran in this process
        assert first.extract_seconds + first.write_seconds + first.facts_seconds <= first.seconds
    # known inputs are neither extracted nor written again
    assert again.known == 12 and again.extract_seconds == 0 and again.write_seconds == 0


def test_killed_ingest_leaves_whole_articles_and_resumes(db_url, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    total = 400
    write_corpus(corpus, range(total))
    db.open_database(db_url).dispose()  # the schema first, so the count below can be read at once
    process = quotetrack_process(db_url, "ingest", corpus)
    deadline = time.monotonic() + 120
    try:
        while count(db_url, "articles") < 20:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    stored_before = count(db_url, "articles")
    assert 20 <= stored_before < total
    check_whole_articles(db_url)

    resumed = quotetrack_process(db_url, "ingest", corpus)
    _out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert f"{total - stored_before} new, {stored_before} already known, 0 failed" in err
    assert count(db_url, "articles") == total
    check_whole_articles(db_url)


def commits_of_the_writer(monkeypatch) -> list[int]:
    """The number of articles each write transaction of the run committed."""
    sizes: list[int] = []
    real = transactions.ArticleWriter.commit

    def counted(self):
        written = real(self)
        if written:
            sizes.append(len(written))
        return written

    monkeypatch.setattr(transactions.ArticleWriter, "commit", counted)
    return sizes


def test_a_write_transaction_holds_several_whole_articles(db_url, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, range(12))
    sizes = commits_of_the_writer(monkeypatch)
    monkeypatch.setattr(transactions, "MAX_SECONDS", 600.0)
    monkeypatch.setattr(transactions, "MAX_ARTICLES", 5)
    engine = db.open_database(db_url)
    try:
        summary = pipeline.run([str(corpus)], engine=engine)
    finally:
        engine.dispose()
    assert sizes == [5, 5, 2]
    assert (summary.new, summary.failed) == (12, 0)
    assert count(db_url, "articles") == 12
    check_whole_articles(db_url)


def test_a_write_transaction_is_committed_once_it_has_been_open_long_enough(
    sqlite_url, tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, range(4))
    sizes = commits_of_the_writer(monkeypatch)
    monkeypatch.setattr(transactions, "MAX_SECONDS", 0.0)
    engine = db.open_database(sqlite_url)
    try:
        pipeline.run([str(corpus)], engine=engine)
    finally:
        engine.dispose()
    assert sizes == [1, 1, 1, 1]


REFUSE_SQL = {
    "sqlite": [
        "CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN substr(NEW.title, -2) = ' 3' "
        "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
        "IF right(NEW.title, 2) = ' 3' THEN RAISE EXCEPTION 'refused by a trigger'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def test_an_article_the_database_refuses_is_reported_and_the_rest_of_its_transaction_stays(
    db_url, tmp_path, monkeypatch
):
    corpus = tmp_path / "corpus.jsonl"
    numbers = [1, 3, 5, 7]  # titles end in their number
    with corpus.open("w", encoding="utf-8") as handle:
        for i in numbers:
            handle.write(json.dumps(corpus_record(i)) + "\n")
    monkeypatch.setattr(transactions, "MAX_SECONDS", 600.0)
    sizes = commits_of_the_writer(monkeypatch)
    engine = db.open_database(db_url)
    try:
        with engine.begin() as connection:
            for sql in REFUSE_SQL[engine.dialect.name]:
                connection.exec_driver_sql(sql)
        result = ingest(db_url, corpus)
    finally:
        engine.dispose()
    assert result.exit_code == 1
    (error,) = errors_in(result)
    assert error.startswith(f"Error: {corpus}:2: database error:") and "refused by a trigger" in error
    assert "3 new, 0 already known, 1 failed" in result.stderr
    assert sizes == [3]  # one transaction, without the refused article
    assert sorted(r["title"] for r in stored(db_url)) == [corpus_record(i)["title"] for i in (1, 5, 7)]
    check_whole_articles(db_url)


def test_two_writers_at_once_both_finish(db_url, tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_corpus(first, range(0, 90))
    write_corpus(second, range(45, 135))  # half of each is the other's too
    db.open_database(db_url).dispose()
    processes = [quotetrack_process(db_url, "ingest", path) for path in (first, second)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err and "Error" not in err
    news = []
    for _out, err in outputs:
        line = next(x for x in err.splitlines() if "already known" in x)
        news.append(int(line.split(" new")[0]))
    assert sum(news) == 135  # every article stored once, by one of the two
    assert count(db_url, "articles") == 135
    check_whole_articles(db_url)
    for sql in (  # no outlet or speaker created twice
        "SELECT name_folded FROM outlets GROUP BY name_folded HAVING count(*) > 1",
        "SELECT name_folded FROM entities GROUP BY name_folded, kind HAVING count(*) > 1",
    ):
        assert query(db_url, sql) == [], sql


def test_progress_line_text():
    text = progress.ingest_text(
        done=1200, new=1100, known=90, failed=10, bytes_done=50, bytes_total=100, seconds=10.0
    )
    assert text.startswith("[############············]  50%")
    assert "1,200 inputs (1,100 new, 90 known, 10 failed)" in text
    assert "120.0/s" in text and "10s left" in text


def test_no_progress_bar_off_a_terminal(tmp_path):
    url = f"sqlite:///{tmp_path / 'q.db'}"
    result = ingest(url, BRIDGE)
    assert "\r" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_ingest_help_names_the_inputs_and_options(tmp_path):
    result = invoke(f"sqlite:///{tmp_path / 'q.db'}", "ingest", "--help")
    for word in ("--jobs", "--glob", "--quiet", "markdown", "html", "jsonl", "--outlet", "--url"):
        assert word in result.stdout, word
    assert "--outdated" in invoke(f"sqlite:///{tmp_path / 'q.db'}", "reextract", "--help").stdout


def test_sqlite_write_transactions_begin_immediate(sqlite_url):
    engine = db.open_database(sqlite_url)
    try:
        with db.session_scope(engine, write=True) as session:
            connection = session.connection().connection.dbapi_connection
            assert connection is not None and connection.in_transaction  # the write lock is held
            other = sa.create_engine(sqlite_url, connect_args={"timeout": 0.1}, poolclass=sa.NullPool)
            with pytest.raises(sa.exc.OperationalError, match="locked"), other.connect() as c:
                c.exec_driver_sql("BEGIN IMMEDIATE")
            other.dispose()
    finally:
        engine.dispose()
    assert os.path.exists(sqlite_url.removeprefix("sqlite:///"))
