"""``quotetrack batch load DIR``: the Parquet datasets of ``batch extract`` into the database.

The rows are read on Spark (statements grouped by their article, articles in the order of their
input files' paths and their place in each file, as ``ingest`` of those files reads them) and
streamed to the driver. They are stored in chunks of whole articles, one write transaction a
chunk: an article already stored (the same text, by the content hash ``ingest`` uses, or the
same original input) is skipped, and the rows of the others are made by the store's own functions
(:func:`quotetrack.store.write.article_values`, ``statement_rows``; outlets and speakers found or
created by name as ``ingest`` does) and written on PostgreSQL with ``COPY``, elsewhere (SQLite)
with ordinary inserts in the same transactions. A load that is interrupted leaves whole chunks:
run again, it skips them and stores the rest. At the end the fact tracking of ``ingest`` runs
over the new articles (:func:`quotetrack.facts.update.track_facts`).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, Unpack, cast

from sqlalchemy.engine import Engine
from sqlmodel import Session

from quotetrack.batch.rows import ARTICLE_COLUMNS, ARTICLES, ERRORS, STATEMENTS
from quotetrack.batch.session import spark_session
from quotetrack.errors import UsageError
from quotetrack.extract.statement import JSON_FIELDS, Extraction, Statement
from quotetrack.facts import update
from quotetrack.facts.update import StoreSummary
from quotetrack.inputs.article import Article
from quotetrack.store import models, write
from quotetrack.store.db import session_scope

CHUNK = 1000  # articles stored in one write transaction
APP_NAME = "quotetrack batch load"
SHOWN_ERRORS = 20  # extraction errors printed one by one; the rest are counted
# The fields of an Article and a Statement that the datasets hold as they are (the rest are converted).
ARTICLE_FIELDS: tuple[str, ...] = ("text", "id", "title", "outlet", "url", "lang", "via", "byline")
ARTICLE_FIELDS += ("source_path", "raw_hash", "format", "encoding")
CONVERTED = {"start", "end", "speaker_kind", "said_on", "confidence"}
STATEMENT_FIELDS = tuple(name for name in JSON_FIELDS if name not in CONVERTED)


@dataclass(slots=True)
class Item:
    """One article of the datasets, ready for the store."""

    article: Article
    extraction: Extraction
    extractor_version: str | None
    meta: str | None
    authors: list[dict[str, Any]]
    source: dict[str, Any] | None  # the article_sources row without article_id


@dataclass(slots=True)
class LoadSummary(StoreSummary):
    """What a load did (``failed``: the inputs the extraction could not read, rows of errors/)."""

    store_seconds: float = 0.0

    def line(self) -> str:
        return self.counts_line(failed="failed in extraction")


# --- reading the datasets ---------------------------------------------------------------------------


def read_items(folder: str, *, master: str | None = None, errors: list[str] | None = None) -> Iterator[Item]:
    """The articles of the datasets under ``folder`` with their statements, in input order;
    ``errors`` gets the messages of the error rows."""
    from pyspark.sql import functions as F

    folder = folder.rstrip("/") or folder
    if "://" not in folder:
        missing = [kind for kind in (ARTICLES, STATEMENTS) if not (Path(folder) / kind).is_dir()]
        if missing:
            raise UsageError(f"{folder} holds no {' or '.join(missing)} dataset: write it with batch extract")
    with spark_session(APP_NAME, master) as spark:
        articles = spark.read.parquet(f"{folder}/{ARTICLES}")
        absent = [name for name, _kind in ARTICLE_COLUMNS if name not in articles.columns]
        if absent:
            raise UsageError(
                f"{folder}/{ARTICLES} lacks the columns {', '.join(absent)}: it was written by an older "
                "quotetrack; run batch extract again"
            )
        statements = spark.read.parquet(f"{folder}/{STATEMENTS}")
        quotes = F.sort_array(F.collect_list(F.struct("position", *JSON_FIELDS)))
        grouped = statements.groupBy("input", "where").agg(quotes.alias("quotes"))
        joined = articles.join(grouped, ["input", "where"], "left").orderBy("input", "seq", "where")
        if errors is not None:
            errors.extend(_error_messages(spark, folder))
        for row in joined.toLocalIterator(prefetchPartitions=True):
            yield item_of(row.asDict(recursive=True))


def _error_messages(spark: Any, folder: str) -> list[str]:
    """The messages of the errors dataset, in input order; none when there is no such dataset."""
    if "://" not in folder and not (Path(folder) / ERRORS).is_dir():
        return []
    failed = spark.read.parquet(f"{folder}/{ERRORS}").orderBy("input", "where")
    return [str(row["message"]) for row in failed.toLocalIterator()]


def _fields(row: dict[str, Any], names: Sequence[str]) -> dict[str, Any]:
    return {name: row[name] for name in names}


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def item_of(row: dict[str, Any]) -> Item:
    """An article row of the datasets (with its statements under ``quotes``) as an Item."""
    article = Article(
        **_fields(row, ARTICLE_FIELDS), published=_day(row["published"]), modified=_day(row["modified"])
    )
    statements = [
        Statement(
            **_fields(quote, STATEMENT_FIELDS),
            start=int(quote["start"]),
            end=int(quote["end"]),
            speaker_kind=quote["speaker_kind"] or write.UNKNOWN,
            said_on=_day(quote["said_on"]),
            confidence=float(quote["confidence"]),
        )
        for quote in row.get("quotes") or ()
    ]
    extraction = Extraction(statements=statements, via=row["via"], lang=row["extraction_lang"])
    source = None
    if row["source"] is not None:
        source = {
            "format": row["format"],
            "encoding": row["encoding"],
            "raw_hash": row["raw_hash"],
            "size": int(row["source_size"]),
            "compression": row["source_compression"],
            "raw": bytes(row["source"]),
        }
    authors = json.loads(row["authors"]) if row["authors"] else []
    return Item(article, extraction, row["extractor_version"], row["meta"], authors, source)


# --- storing ----------------------------------------------------------------------------------------


class StoreOptions(TypedDict, total=False):
    """How :func:`store` stores the articles, and what it tells as it goes."""

    chunk: int
    on_error: Callable[[str], None] | None
    on_warning: Callable[[str], None] | None
    on_progress: Callable[[LoadSummary], None] | None


def run(
    folder: str, *, engine: Engine, master: str | None = None, **options: Unpack[StoreOptions]
) -> LoadSummary:
    """Loads the datasets under ``folder`` (see the module) and runs the fact tracking."""
    errors: list[str] = []
    return store(read_items(folder, master=master, errors=errors), engine=engine, errors=errors, **options)


def store(
    items: Iterable[Item],
    *,
    engine: Engine,
    errors: Sequence[str] = (),
    chunk: int = CHUNK,
    on_error: Callable[[str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_progress: Callable[[LoadSummary], None] | None = None,
) -> LoadSummary:
    """Stores ``items`` in chunks of whole articles, one transaction a chunk, then the fact
    tracking; ``errors`` are the extraction's error messages (counted as failed)."""
    summary = LoadSummary()
    started = time.monotonic()
    with session_scope(engine) as session:
        floors = update.max_ids(session)
    names = write.NameCache()
    iterator = iter(items)
    try:
        while True:
            batch = _take(iterator, chunk)
            if not batch:
                break
            began = time.perf_counter()
            _store_chunk(engine, batch, names, summary, on_warning)
            summary.store_seconds += time.perf_counter() - began
            if on_progress is not None:
                on_progress(summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    for message in errors:  # read first by Spark; reported once the articles are stored
        summary.failed += 1
        if len(summary.errors) < SHOWN_ERRORS:
            summary.errors.append(message)
            if on_error:
                on_error(message)
    if summary.failed > SHOWN_ERRORS and on_error:
        on_error(f"... and {summary.failed - SHOWN_ERRORS} more (see the errors dataset)")
    if summary.interrupted:
        # the stored articles stay pending: the next load (or ingest, or quotetrack facts) tracks
        # them with its own, in the chunks one uninterrupted run would have taken
        summary.seconds = time.monotonic() - started
        return summary
    summary.track_facts(engine, floors, on_error)
    summary.seconds = time.monotonic() - started
    return summary


def _take(iterator: Iterator[Item], count: int) -> list[Item]:
    batch: list[Item] = []
    for item in iterator:
        batch.append(item)
        if len(batch) >= count:
            break
    return batch


@dataclass(slots=True)
class _Rows:
    articles: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    authors: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)


def _store_chunk(
    engine: Engine,
    batch: list[Item],
    names: write.NameCache,
    summary: LoadSummary,
    on_warning: Callable[[str], None] | None,
) -> None:
    """One write transaction: the articles of ``batch`` not stored yet, with their rows."""
    counts = LoadSummary()
    with session_scope(engine, write=True) as session:
        session.info[write.NAME_CACHE] = names
        fresh = _fresh(session, batch, counts)
        for item in fresh:
            for warning in write.drop_dates_out_of_range(item.article, item.extraction):
                counts.warnings.append(warning)
        postgres = session.connection().dialect.name == "postgresql"
        ids = _next_ids(session, len(fresh)) if postgres else None
        urls = [item.article.url for item in fresh if item.article.url]
        latest = write.latest_version_ids(session, urls=urls) if urls else {}
        resolve = write.Resolver(session)
        wanted: dict[str, list[str | None]] = {"outlets": [], "entities": []}
        for item in fresh:
            for key, found in write.names_of(item.article, item.extraction).items():
                wanted[key].extend(found)
        resolve.prefetch(**wanted)
        rows = _Rows()
        for number, item in enumerate(fresh):
            article, extraction = item.article, item.extraction
            previous = latest.get(article.url) if article.url else None
            values = write.article_values(
                article,
                extraction,
                resolve,
                previous_version_id=previous,
                extractor_version=item.extractor_version,
            )
            values["meta"] = item.meta
            if ids is not None:
                values["id"] = article_id = ids[number]
                rows.articles.append(values)
            else:
                article_id = _insert_article(session, values)
            if article.url:
                latest[article.url] = article_id
            if item.source is not None:
                rows.sources.append({"article_id": article_id, **item.source})
            rows.authors.extend({"article_id": article_id, **author} for author in item.authors)
            statement_rows, new_speakers = write.statement_rows(
                extraction.statements, article_id, resolve, published=article.published
            )
            rows.statements.extend(statement_rows)
            counts.new += 1
            counts.article_ids.append(article_id)
            counts.statements += len(statement_rows)
            counts.new_speakers += new_speakers
            counts.versions += previous is not None
        counts.new_outlets = resolve.new_outlets
        _write_rows(session, rows, copy=postgres)
    names.merge(session)  # committed: its names are there for the next chunks
    _add(summary, counts)
    for warning in counts.warnings:
        if on_warning:
            on_warning(warning)


def _fresh(session: Session, batch: list[Item], counts: LoadSummary) -> list[Item]:
    """The items whose article is not stored yet (by text or original input), each text once."""
    hashes = [item.article.content_hash for item in batch]
    raws = [item.article.raw_hash for item in batch if item.article.raw_hash]
    stored = set(write.article_ids_by_content_hash(session, content_hashes=hashes))
    stored |= set(write.article_ids_by_raw_hash(session, raw_hashes=raws)) if raws else set()
    fresh = []
    for item, content_hash in zip(batch, hashes, strict=True):
        raw_hash = item.article.raw_hash
        if content_hash in stored or (raw_hash is not None and raw_hash in stored):
            counts.known += 1
            continue
        stored.add(content_hash)
        if raw_hash is not None:
            stored.add(raw_hash)
        fresh.append(item)
    return fresh


def _next_ids(session: Session, count: int) -> list[int]:
    """``count`` ids from the articles' sequence (PostgreSQL), in ascending order."""
    if not count:
        return []
    query = "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, %(n)s)"
    result = session.connection().exec_driver_sql(query, {"n": count})
    return sorted(int(row[0]) for row in result)


def _insert_article(session: Session, values: dict[str, Any]) -> int:
    table = cast(Any, models.Article).__table__
    key = session.connection().execute(table.insert(), values).inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])


def _write_rows(session: Session, rows: _Rows, *, copy: bool) -> None:
    """The chunk's rows: with COPY on PostgreSQL (articles first, for the foreign keys), with
    multi-row inserts elsewhere (the articles are inserted one by one as they get their ids)."""
    tables = [
        (models.Article, rows.articles),
        (models.ArticleSource, rows.sources),
        (models.ArticleAuthor, rows.authors),
        (models.Statement, rows.statements),
    ]
    connection = session.connection()
    for model, values in tables:
        if not values:
            continue
        table = cast(Any, model).__table__
        if not copy:
            connection.execute(table.insert(), values)
            continue
        columns = list(values[0])
        quoted = ", ".join(f'"{column}"' for column in columns)
        raw: Any = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copier:
            for row in values:
                copier.write_row([row[column] for column in columns])


def _add(summary: LoadSummary, counts: LoadSummary) -> None:
    summary.new += counts.new
    summary.known += counts.known
    summary.statements += counts.statements
    summary.new_speakers += counts.new_speakers
    summary.new_outlets += counts.new_outlets
    summary.versions += counts.versions
    summary.article_ids.extend(counts.article_ids)
    summary.warnings.extend(counts.warnings)
