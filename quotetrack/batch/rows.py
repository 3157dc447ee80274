"""What the executors of a batch make of one input file: rows of articles, statements and errors.

Each input is read by :func:`~quotetrack.inputs.sources.read_sources`, made ready by
:func:`~quotetrack.inputs.prepare.prepare` and extracted by :func:`~quotetrack.extract.extract`,
as ``quotetrack ingest`` does, and becomes plain tuples (strings, integers, floats) that Spark
stores as they are. Nothing here imports PySpark: a file's rows can be made, and tested, without it.
An input that cannot be read or extracted becomes an error row; nothing a file holds ends the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from quotetrack.errors import InputError, QuotetrackError
from quotetrack.extract import EXTRACTOR_VERSION, extract
from quotetrack.extract.statement import JSON_FIELDS, Extraction
from quotetrack.inputs.article import Article, Overrides
from quotetrack.inputs.prepare import prepare
from quotetrack.inputs.sources import Source, read_sources
from quotetrack.store.write import author_values, meta_json, source_values

ARTICLES, STATEMENTS, ERRORS = "articles", "statements", "errors"
KINDS = (ARTICLES, STATEMENTS, ERRORS)

# Columns and their types ("string", "long", "double", "binary"), in the order of the rows' values.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input", "string"),  # the file named or found in a folder
    ("where", "string"),  # the input within it: file, file:line (JSON Lines), file@offset (WARC)
    ("seq", "long"),  # its place in the file, from 0: the order ingest reads it in
    ("id", "string"),
    ("url", "string"),
    ("title", "string"),
    ("outlet", "string"),
    ("published", "string"),  # ISO date
    ("modified", "string"),
    ("lang", "string"),
    ("via", "string"),  # where the article says it was taken from, as the engine found it
    ("byline", "string"),
    ("fetched", "string"),  # a web archive's WARC-Date, or a "fetched" field
    ("format", "string"),
    ("raw_hash", "string"),
    ("content_hash", "string"),
    ("text", "string"),
    ("statements", "long"),
    # what `batch load` stores as `quotetrack ingest` would (made by the store's own functions)
    ("source_path", "string"),
    ("extraction_lang", "string"),  # the language the engine took, which wins over `lang`
    ("extractor_version", "string"),
    ("meta", "string"),  # the articles.meta column: the input's other fields, as JSON
    ("authors", "string"),  # the article_authors rows as a JSON list, in byline order
    ("encoding", "string"),
    ("source_size", "long"),  # the article_sources row, when the store keeps the original input
    ("source_compression", "string"),
    ("source", "binary"),
)
NUMBERS = {"start": "long", "end": "long", "confidence": "double"}
STATEMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input", "string"),
    ("where", "string"),
    ("article_id", "string"),
    ("position", "long"),  # the statement's place in its article, from 0
    *((name, NUMBERS.get(name, "string")) for name in JSON_FIELDS),
)
ERROR_COLUMNS: tuple[tuple[str, str], ...] = (("input", "string"), ("where", "string"), ("message", "string"))
COLUMNS = {ARTICLES: ARTICLE_COLUMNS, STATEMENTS: STATEMENT_COLUMNS, ERRORS: ERROR_COLUMNS}

Row = tuple[str, tuple[Any, ...]]


def file_rows(path: str, fmt: str = "auto", overrides: Overrides | None = None) -> Iterator[Row]:
    """``(kind, values)`` for every article, statement and error of the input file ``path``."""
    overrides = overrides or Overrides()
    try:
        for seq, item in enumerate(read_sources(path, fmt=fmt)):
            if isinstance(item, InputError):
                yield ERRORS, (path, item.path or path, str(item))
            else:
                yield from source_rows(path, item, overrides, seq)
    except Exception as exc:  # a reader bug must not end the run
        yield ERRORS, (path, path, f"{path}: cannot be read ({type(exc).__name__}: {exc})")


def source_rows(path: str, source: Source, overrides: Overrides, seq: int = 0) -> Iterator[Row]:
    """The rows of one input: its article and statements, or an error."""
    where = source.where
    try:
        article = prepare(source, overrides)
        if isinstance(article, InputError):
            yield ERRORS, (path, where, str(article))
            return
        extraction = extract(article)
    except QuotetrackError as exc:
        yield ERRORS, (path, where, f"{where}: {exc}")
        return
    except Exception as exc:  # an engine bug on one article must not end the run
        yield ERRORS, (path, where, f"{where}: extraction failed ({type(exc).__name__}: {exc})")
        return
    yield ARTICLES, _article_values(path, where, seq, article, extraction)
    for position, statement in enumerate(extraction.statements):
        values = statement.to_json()
        typed = (_typed(values[name], name) for name in JSON_FIELDS)
        yield STATEMENTS, (path, where, article.id, position, *typed)


def _article_values(
    path: str, where: str, seq: int, article: Article, extraction: Extraction
) -> tuple[Any, ...]:
    fetched = article.extra.get("fetched")
    authors = [{k: v for k, v in row.items() if k != "article_id"} for row in author_values(article, 0)]
    source = source_values(article, 0) or {}
    return (
        path,
        where,
        seq,
        article.id,
        article.url,
        article.title,
        article.outlet,
        article.published.isoformat() if article.published else None,
        article.modified.isoformat() if article.modified else None,
        article.lang,
        extraction.via or article.via,
        article.byline,
        fetched if isinstance(fetched, str) else None,
        article.format,
        article.raw_hash,
        article.content_hash,
        article.text,
        len(extraction.statements),
        article.source_path,
        extraction.lang,
        EXTRACTOR_VERSION,
        meta_json(article),
        json.dumps(authors, ensure_ascii=False) if authors else None,
        article.encoding,
        source.get("size"),
        source.get("compression"),
        source.get("raw"),
    )


def _typed(value: Any, name: str) -> Any:
    kind = NUMBERS.get(name, "string")
    if value is None:
        return None
    if kind == "long":
        return int(value)
    if kind == "double":
        return float(value)
    return value if isinstance(value, str) else str(value)
