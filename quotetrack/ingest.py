"""The batch pipeline: read → extract → save, one transaction per article.

A bad input is reported with its file (and line) and the batch goes on; an article
is stored whole with its statements or not at all, so an interrupted run can simply
be repeated: what is already stored is recognised by its content hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy.engine import Engine

from quotetrack import store
from quotetrack.articles import Article, Overrides, expand_paths, read_source
from quotetrack.db import session_scope
from quotetrack.errors import InputError, QuotetrackError
from quotetrack.extract import EXTRACTOR_VERSION, extract


@dataclass(slots=True)
class Summary:
    """What an ingest run did."""

    new: int = 0
    known: int = 0
    failed: int = 0
    statements: int = 0
    new_speakers: int = 0
    new_outlets: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        return (
            f"{self.new} new, {self.known} already known, {self.failed} failed; "
            f"{self.statements} statements, {self.new_speakers} new speakers, {self.new_outlets} new outlets"
        )


@dataclass(frozen=True, slots=True)
class Options:
    fmt: str = "auto"
    glob: str | None = None
    overrides: Overrides = field(default_factory=Overrides)


def articles(
    paths: Iterable[str], options: Options, *, stdin: TextIO | None = None
) -> Iterable[Article | InputError]:
    for source in expand_paths(paths, glob=options.glob):
        for item in read_source(source, fmt=options.fmt, stdin=stdin):
            yield item if isinstance(item, InputError) else options.overrides.apply(item)


def run(
    paths: Iterable[str],
    *,
    engine: Engine,
    options: Options | None = None,
    stdin: TextIO | None = None,
    on_error: Callable[[str], None] | None = None,
    on_article: Callable[[Article, store.SaveResult], None] | None = None,
) -> Summary:
    """Ingest every article found at ``paths`` into the database behind ``engine``."""
    summary = Summary()
    options = options or Options()

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)

    for item in articles(paths, options, stdin=stdin):
        if isinstance(item, InputError):
            fail(str(item))
            continue
        try:
            result = save(item, engine=engine)
        except QuotetrackError as exc:
            fail(f"{item.source_path}: {exc}")
            continue
        if result.created:
            summary.new += 1
            summary.statements += result.statements
            summary.new_speakers += result.new_speakers
            summary.new_outlets += result.new_outlets
        else:
            summary.known += 1
        if on_article:
            on_article(item, result)
    return summary


def save(article: Article, *, engine: Engine) -> store.SaveResult:
    """Extract and store one article in its own transaction."""
    with session_scope(engine) as session:
        known = store.article_id_by_hash(session, content_hash=article.content_hash)
        if known is not None:
            return store.SaveResult(known, False, 0, 0, 0)
    extraction = extract(article)
    with session_scope(engine) as session:
        return store.save_article(
            session, article=article, extraction=extraction, extractor_version=EXTRACTOR_VERSION
        )
