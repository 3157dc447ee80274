"""``batch facts``: the fact tracking of pending articles with its grouping on Spark ends as
``quotetrack facts`` does.

One generated corpus (bench/corpus.py's invented articles, their days drawn together so that they
make claims, and a few stories whose speaker one outlet misspells, for speaker merges) is ingested
with its fact tracking deferred into several PostgreSQL schemas; ``quotetrack facts`` runs on one,
``batch facts`` (Spark local mode) on another: the claims (as sets of their statements), the
speakers and merges, the suggestions and the provenance links must be the same. Slices of a few
days and chunks of a few dozen articles make the small corpus take many stretches of days and
several transactions, as a large one does. Skipped without PySpark, Java or PostgreSQL
(``QUOTETRACK_TEST_POSTGRES_URL``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from postgres_schema import postgres_schema

from quotetrack.batch import facts
from quotetrack.facts import claims, update
from quotetrack.facts.grouping import StatementRecord
from quotetrack.store import db

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import corpus

SLICE_DAYS = 6  # days of new statements grouped at a time (the store's default is 90)
FACT_CHUNK = 60  # articles a fact-tracking transaction (the store's default is 2,000)
MISSPELT = [("Mara Lindqvist", "Mara Lindquist"), ("Tobias Achterberg", "Tobias Achterbergh")]


def write_corpus(path: Path, count: int = 160, days: int = 100) -> None:
    articles = []
    for number, article in enumerate(corpus.generate(count, seed=3)):
        article["published"] = (dt.date(2024, 1, 1) + dt.timedelta(days=number * days // count)).isoformat()
        articles.append(article)
    for n, names in enumerate(MISSPELT):
        for m, name in enumerate(names):
            surname = name.split()[1]
            articles.append(
                {
                    "id": f"pier-{n}-{m}",
                    "lang": "en",
                    "outlet": ("Harbour Wire", "Gullhaven Ledger")[m],
                    "published": f"2024-02-1{2 * n + m}",
                    "title": "Pier to open in spring",
                    "text": f"Pier to open in spring\n\nWork on the new pier in Gullhaven will end in April, "
                    f"the harbour master {name} said on Monday. “We are on time and within the budget of "
                    f"{n + 3} million,” {surname} said.\n",
                }
            )
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")


def rows(connection: sa.Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(sa.text(sql))]


def snapshot(url: str) -> dict[str, Any]:
    """What fact tracking writes, by content: claims as the sets of their statements (text,
    article, place), speakers and outlets by name, articles by content hash."""
    engine = db.open_database(url)
    try:
        with engine.connect() as c:
            article = dict(rows(c, "SELECT id, content_hash FROM articles"))
            entity = dict(rows(c, "SELECT id, name FROM entities"))
            outlet = dict(rows(c, "SELECT id, name FROM outlets"))
            names = {"entity": entity, "outlet": outlet}
            statement = {
                i: (text, article[a], start)
                for i, text, a, start in rows(c, "SELECT id, text, article_id, start FROM statements")
            }
            members: dict[int, set[tuple[Any, ...]]] = {}
            for sid, cid, status, score, reasons in rows(
                c,
                "SELECT id, claim_id, claim_status, claim_score, claim_reasons FROM statements "
                "WHERE claim_id IS NOT NULL",
            ):
                members.setdefault(cid, set()).add((*statement[sid], status, score, reasons))
            result = {
                "claims": sorted(
                    (text, str(first), status, tuple(sorted(members.get(i, ()))))
                    for i, text, first, status in rows(c, "SELECT id, text, first_seen, status FROM claims")
                ),
                "speakers": sorted(
                    (name, kind, repr(entity.get(merged)))
                    for name, kind, merged in rows(c, "SELECT name, kind, merged_into_id FROM entities")
                ),
                "outlets": sorted(
                    (name, repr(outlet.get(merged)))
                    for name, merged in rows(c, "SELECT name, merged_into_id FROM outlets")
                ),
                "merges": sorted(
                    (kind, names[kind][kept], names[kind][merged], reason, score)
                    for kind, kept, merged, reason, score in rows(
                        c, "SELECT kind, kept_id, merged_id, reason, score FROM merges"
                    )
                ),
                "suggestions": sorted(
                    (kind, names[kind][subject], names[kind][candidate], score, reason, status)
                    for kind, subject, candidate, score, reason, status in rows(
                        c,
                        "SELECT kind, subject_id, candidate_id, score, reason, status FROM match_suggestions",
                    )
                ),
                "links": sorted(
                    (article[a], repr(article.get(to)), repr(outlet.get(via)), kind, status, score)
                    for a, to, via, kind, status, score in rows(
                        c,
                        "SELECT from_article_id, to_article_id, to_outlet_id, kind, status, score FROM links",
                    )
                ),
                "estimates": sorted(
                    (article[a], str(day), found)
                    for a, day, found in rows(
                        c, "SELECT id, published_estimated, estimated_from FROM articles"
                    )
                ),
                "pending": rows(c, "SELECT count(*) FROM articles WHERE facts_pending")[0][0],
            }
    finally:
        engine.dispose()
    return result


def spark_or_skip() -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The corpus ingested with its fact tracking deferred into four schemas (quotetrack facts,
    batch facts, batch facts interrupted, and one never tracked), with small slices and chunks."""
    spark_or_skip()
    path = tmp_path_factory.mktemp("batch-facts") / "corpus.jsonl"
    write_corpus(path)
    names = ("facts", "batch", "interrupted", "facts_interrupted", "pending")
    with ExitStack() as stack:
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.setattr(claims, "SLICE_DAYS", SLICE_DAYS)
        patch.setattr(update, "FACT_CHUNK", FACT_CHUNK)
        urls = {name: stack.enter_context(postgres_schema()) for name in names}
        with pytest.MonkeyPatch.context() as deferred:
            deferred.setattr(update, "track_facts", lambda *args, **kwargs: None)
            for url in urls.values():
                result = invoke("--db", url, "ingest", "--quiet", path)
                assert result.exit_code == 0, result.output
        assert snapshot(urls["pending"])["pending"] == 164
        done = invoke("--db", urls["facts"], "facts")
        assert done.exit_code == 0, done.output
        yield {"path": path, **urls, "expected": snapshot(urls["facts"])}


def assert_same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    for key in expected:
        if found[key] != expected[key] and isinstance(expected[key], list):
            extra = [x for x in found[key] if x not in expected[key]]
            missing = [x for x in expected[key] if x not in found[key]]
            pytest.fail(f"{key}: {len(extra)} more, {len(missing)} fewer: {extra[:2]} / {missing[:2]}")
        assert found[key] == expected[key], key


@pytest.mark.postgres
@pytest.mark.slow
def test_batch_facts_ends_as_quotetrack_facts(made):
    expected = made["expected"]
    assert expected["pending"] == 0
    assert len(expected["claims"]) >= 100 and len(expected["links"]) >= 100
    assert {m[0] for m in expected["merges"]} == {"entity", "outlet"}  # speakers and outlets merged
    assert any(set(m[1:3]) in [set(names) for names in MISSPELT] for m in expected["merges"]), expected[
        "merges"
    ]

    result = invoke("batch", "facts", "--db", made["batch"], "--master", "local[2]", "--partitions", "3")
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("Fact tracking finished: "), result.stderr
    found = re.search(r"(\d+) stretches of days grouped, (\d+) of them on Spark", line)
    assert found and int(found[1]) > 10 and int(found[2]) > 0, line
    assert_same(snapshot(made["batch"]), expected)

    again = invoke("batch", "facts", "--db", made["batch"], "--master", "local[1]")
    assert again.exit_code == 0, again.output
    assert "No article is waiting for fact tracking" in again.stderr
    assert_same(snapshot(made["batch"]), expected)


def interrupting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fact tracking is interrupted in its second chunk."""
    track = update.track_articles
    calls = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return track(*args, **kwargs)

    monkeypatch.setattr(update, "track_articles", interrupted)


@pytest.mark.postgres
@pytest.mark.slow
def test_an_interrupted_batch_facts_run_again_ends_as_quotetrack_facts_would(made):
    """Interrupted in its second chunk and run again, batch facts ends as quotetrack facts
    interrupted there and run again (which resolves, in its second run, the outlets that the
    first chunk's provenance added: a suggestion one uninterrupted run does not make)."""
    with pytest.MonkeyPatch.context() as patch:
        interrupting(patch)
        cut = invoke("batch", "facts", "--db", made["interrupted"], "--master", "local[1]")
        assert cut.exit_code == 130, cut.output
        assert "run the same command again" in cut.stderr
        assert snapshot(made["interrupted"])["pending"] == 164 - FACT_CHUNK  # the first chunk is done
    with pytest.MonkeyPatch.context() as patch:
        interrupting(patch)
        engine = db.open_database(made["facts_interrupted"])
        try:
            with pytest.raises(KeyboardInterrupt):
                update.track_facts(engine, [])
        finally:
            engine.dispose()
    assert invoke("--db", made["facts_interrupted"], "facts").exit_code == 0
    expected = snapshot(made["facts_interrupted"])
    assert expected["pending"] == 0

    rest = invoke("batch", "facts", "--db", made["interrupted"], "--master", "local[2]")
    assert rest.exit_code == 0, rest.output
    assert_same(snapshot(made["interrupted"]), expected)


# --- without Spark --------------------------------------------------------------------------------------


def record(number: int, claim_id: int | None) -> StatementRecord:
    return StatementRecord(
        number, number, f"The ferry will run every hour from May ({number})", "en", None, None,
        dt.date(2024, 3, number), claim_id=claim_id, carriers=frozenset({"b", "a"}),
    )  # fmt: skip


def test_a_stretch_is_known_by_its_statements_whatever_the_ids_of_their_claims():
    first = facts.stretch([record(1, 7), record(2, 9), record(3, 7)], {3}, 0.45, 30)
    second = facts.stretch([record(3, 4), record(2, 12), record(1, 4)], [3], 0.45, 30)
    assert first.key == second.key and first.rows == second.rows
    assert (first.claims, second.claims) == ((7, 9), (4, 12))
    other = facts.stretch([record(1, 7), record(2, 7), record(3, 7)], {3}, 0.45, 30)
    assert other.key != first.key
    found = [(2, ((2, 0.9, 1), (3, 0.8, 2)))]
    assert [g.claim_id for g in facts.groups_of(found, second)] == [12]
    assert facts.groups_of(found, second, frozenset({1, 2})) == []


def test_batch_facts_without_pyspark_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)
    result = invoke("batch", "facts", "--db", tmp_path / "quotetrack.db")
    assert result.exit_code == 1
    assert "pip install 'quotetrack[spark]'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://postgres@127.0.0.1:1/none", "cannot open database"),
        ("nota://database", "cannot use nota://database"),
    ],
)
def test_a_database_that_cannot_be_opened_is_one_error_line(url, message):
    pytest.importorskip("pyspark")
    result = invoke("batch", "facts", "--db", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_nothing_pending_starts_no_spark(tmp_path):
    pytest.importorskip("pyspark")
    result = invoke("batch", "facts", "--db", tmp_path / "empty.db", "--master", "spark://nowhere:1")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "No article is waiting for fact tracking"
