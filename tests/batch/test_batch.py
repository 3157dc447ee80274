"""Batch extraction: the rows the executors make of each input, the command without PySpark,
and a run in Spark local mode whose statements are those of ``quotetrack extract --jsonl``.

Every article here is generated from invented sentences, names and places.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from cli_runner import invoke
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrack.batch import rows
from quotetrack.batch import spark as spark_job
from quotetrack.extract.statement import JSON_FIELDS

GIVEN = ["Mara", "Tobias", "Helen", "Jonas", "Greta", "Paul", "Ines", "Oskar"]
FAMILY = ["Lindqvist", "Brenner", "Achterberg", "Holm", "Kessler", "Wendt", "Rautenberg", "Falk"]
PLACES = ["Gullhaven", "Nordheide", "Lindenhagen", "Möwenwerder"]
ROLES_EN = ["the mayor", "the harbour master", "a council member", "the head of the ferry company"]
ROLES_DE = ["die Bürgermeisterin", "der Hafenmeister", "ein Ratsmitglied", "die Leiterin der Reederei"]
TOPICS_EN = ["the new pier", "the night ferry", "the flood wall", "the bus timetable"]
TOPICS_DE = ["der neue Anleger", "die Nachtfähre", "der Deich", "der Busfahrplan"]


def english(rng: random.Random) -> str:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS_EN)
    a, b = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return (
        f"{topic.capitalize()} in {place} to open in spring\n\n"
        f"Work on {topic} in {place} will end in April, {rng.choice(ROLES_EN)} {a} said on Monday. "
        f"“We are on time and within the budget,” {a.split()[1]} said.\n\n"
        f"Not everyone is pleased. “Nobody asked the people who live next to it,” said {b}, "
        f"who has lived in {place} for thirty years. According to {b.split()[1]}, the town should "
        f"have held a vote.\n\n"
        f"The council will discuss {topic} again in May, {a.split()[1]} added.\n"
    )


def german(rng: random.Random) -> str:
    place, topic = rng.choice(PLACES), rng.choice(TOPICS_DE)
    a, b = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return (
        f"Arbeiten in {place} bald beendet\n\n"
        f"Die Arbeiten in {place} sollen im April enden, sagte {rng.choice(ROLES_DE)} {a} am Montag. "
        f"„Wir liegen im Zeitplan und im Budget“, sagte {a.split()[1]}.\n\n"
        f"Nicht alle sind zufrieden. „Niemand hat die Anwohner gefragt“, sagte {b}, "
        f"die seit dreißig Jahren in {place} lebt. Laut {b.split()[1]} hätte die Stadt abstimmen lassen "
        f"sollen. {topic.capitalize()} sei zu teuer geworden.\n\n"
        f"Der Rat will im Mai erneut beraten, fügte {a.split()[1]} hinzu.\n"
    )


def generated(count: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        lang = "en" if number % 2 == 0 else "de"
        text = english(rng) if lang == "en" else german(rng)
        articles.append({"id": f"gen-{number}", "text": text, "published": "2024-03-14", "lang": lang})
    return articles


def write_inputs(folder: Path, count: int = 6) -> list[dict[str, str]]:
    """The generated articles as two JSON Lines files (and one bad line) in ``folder``."""
    articles = generated(count)
    folder.mkdir(parents=True, exist_ok=True)
    half = len(articles) // 2
    (folder / "first.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in articles[:half]) + "\n"
    )
    (folder / "second.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in articles[half:])
        + '\n{"id": "broken", "text": \n'
    )
    return articles


def expected_quotes(articles: list[dict[str, str]]) -> dict[str, list[dict[str, object]]]:
    """What ``quotetrack extract --jsonl`` prints for the articles, by id."""
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    result = invoke("extract", "--jsonl", input=lines.encode())
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    return {item["id"]: item["quotes"] for item in printed}


def statements_by_article(statement_rows: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = {}
    for row in sorted(statement_rows, key=lambda r: (str(r["article_id"]), str(r["position"]).zfill(6))):
        grouped.setdefault(str(row["article_id"]), []).append({name: row[name] for name in JSON_FIELDS})
    return grouped


# --- the rows of one file, without Spark ---------------------------------------------------------------


def test_file_rows_are_the_extraction_of_each_input(tmp_path):
    articles = write_inputs(tmp_path)
    made = [*rows.file_rows(str(tmp_path / "first.jsonl")), *rows.file_rows(str(tmp_path / "second.jsonl"))]
    kinds = [kind for kind, _values in made]
    assert kinds.count(rows.ARTICLES) == len(articles)
    assert all(len(values) == len(rows.COLUMNS[kind]) for kind, values in made)
    named = [dict(zip((c for c, _t in rows.COLUMNS[kind]), values, strict=True)) for kind, values in made]
    statement_rows = [row for (kind, _v), row in zip(made, named, strict=True) if kind == rows.STATEMENTS]
    expected = expected_quotes(articles)
    assert sum(len(quotes) for quotes in expected.values()) >= 4 * len(articles)
    assert statements_by_article(statement_rows) == expected
    (error,) = [row for (kind, _v), row in zip(made, named, strict=True) if kind == rows.ERRORS]
    assert error["where"] == f"{tmp_path / 'second.jsonl'}:{half_plus_one(articles)}"
    assert "malformed JSON" in str(error["message"])
    article = next(row for (kind, _v), row in zip(made, named, strict=True) if kind == rows.ARTICLES)
    assert article["id"] == "gen-0"
    assert article["published"] == "2024-03-14"
    assert article["statements"] == len(expected_quotes(articles[:1])["gen-0"])


def half_plus_one(articles: list[dict[str, str]]) -> int:
    return len(articles) - len(articles) // 2 + 1


def test_file_rows_of_a_web_archive_and_of_what_cannot_be_read(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    page = (
        "<html lang='en'><head><title>Pier</title></head><body><article><p>"
        + english(random.Random(3)).replace("\n\n", "</p><p>")
        + "</p></article></body></html>"
    )
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://ledger.example/pier",
        "response",
        payload=io.BytesIO(page.encode()),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-03-15T08:00:00Z"},
    )
    writer.write_record(record)
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(buffer.getvalue())
    made = list(rows.file_rows(str(archive)))
    (article,) = [values for kind, values in made if kind == rows.ARTICLES]
    columns = dict(zip((c for c, _t in rows.ARTICLE_COLUMNS), article, strict=True))
    assert columns["url"] == "https://ledger.example/pier"
    assert columns["fetched"] == "2024-03-15T08:00:00Z"
    assert columns["where"] == f"{archive}@0"
    assert columns["statements"] >= 3
    missing = list(rows.file_rows(str(tmp_path / "gone.txt")))
    assert missing == [
        (
            rows.ERRORS,
            (
                str(tmp_path / "gone.txt"),
                str(tmp_path / "gone.txt"),
                f"{tmp_path / 'gone.txt'}: no such file",
            ),
        )
    ]


# --- the command --------------------------------------------------------------------------------------


def test_batch_without_pyspark_says_how_to_install_it(tmp_path, monkeypatch):
    write_inputs(tmp_path / "in")
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark raises ImportError
    result = invoke("batch", "extract", tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "pip install 'quotetrack[spark]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_spark_local_mode_gives_the_statements_of_extract(tmp_path):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    articles = write_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = invoke(
        "batch", "extract", tmp_path / "in", "--out", out, "--master", "local[2]", "--partitions", "2"
    )
    assert result.exit_code == 1, result.output  # the bad line is an error row, not a failed job
    assert f"2 input files: {len(articles)} articles, " in result.stderr
    assert ", 1 error; written to" in result.stderr

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("quotetrack test").getOrCreate()
    try:
        statement_rows = [row.asDict() for row in spark.read.parquet(str(out / "statements")).collect()]
        article_rows = [row.asDict() for row in spark.read.parquet(str(out / "articles")).collect()]
        error_rows = [row.asDict() for row in spark.read.parquet(str(out / "errors")).collect()]
    finally:
        spark.stop()
    assert statements_by_article(statement_rows) == expected_quotes(articles)
    assert sorted(row["id"] for row in article_rows) == sorted(a["id"] for a in articles)
    assert {row["id"]: row["statements"] for row in article_rows} == {
        key: len(quotes) for key, quotes in expected_quotes(articles).items()
    }
    assert [row["where"] for row in error_rows] == [
        f"{tmp_path / 'in' / 'second.jsonl'}:{half_plus_one(articles)}"
    ]

    # run again: every file was done, nothing is written twice
    again = invoke("batch", "extract", tmp_path / "in", "--out", out, "--master", "local[1]")
    assert again.exit_code == 0, again.output
    assert "every one of the 2 input files was done before" in again.stderr

    # a new file, and one whose run was cut short (its rows written, its done/ row not): those
    # two are extracted, the rows of the second replace what was there
    more = generated(8, seed=11)[6:]
    (tmp_path / "in" / "third.jsonl").write_text("".join(json.dumps(a) + "\n" for a in more))
    first = str(tmp_path / "in" / "first.jsonl")
    shutil.rmtree(out / "done" / f"part={spark_job.part_of(first)}")
    resumed = invoke("batch", "extract", tmp_path / "in", "--out", out, "--master", "local[1]")
    assert resumed.exit_code == 0, resumed.output
    assert "2 input files (1 done before, skipped)" in resumed.stderr
    assert "1 input file done before, skipped" in resumed.stderr

    spark = SparkSession.builder.master("local[1]").appName("quotetrack test").getOrCreate()
    try:
        statement_rows = [row.asDict() for row in spark.read.parquet(str(out / "statements")).collect()]
        article_rows = [row.asDict() for row in spark.read.parquet(str(out / "articles")).collect()]
        done = {row["input"] for row in spark.read.parquet(str(out / "done")).collect()}
    finally:
        spark.stop()
    assert sorted(row["id"] for row in article_rows) == sorted(a["id"] for a in articles + more)
    assert statements_by_article(statement_rows) == expected_quotes(articles + more)
    assert done == {first, str(tmp_path / "in" / "second.jsonl"), str(tmp_path / "in" / "third.jsonl")}


def test_an_output_folder_of_another_layout_is_refused(tmp_path):
    (tmp_path / "out" / "articles").mkdir(parents=True)
    write_inputs(tmp_path / "in")
    result = invoke("batch", "extract", tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "already holds articles" in result.stderr
