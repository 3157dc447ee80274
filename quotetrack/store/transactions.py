"""Write transactions that hold several whole articles.

Ingest stores articles in groups: one write transaction takes articles until it holds
``max_articles`` of them or has been open ``max_seconds``, whichever comes first, and is then
committed. Each article is written inside a savepoint of its own, so an article the database
refuses is rolled back alone and the others of the transaction stay. What the database holds
is always whole articles: a crash loses at most the open transaction, whose articles the next
run of the same command stores (their hashes are not stored yet), without duplicates.

Results are handed back only once their transaction is committed, so counts and callbacks
never report an article that a later failure rolled back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from quotetrack.errors import DatabaseError, QuotetrackError
from quotetrack.store import write
from quotetrack.store.db import begin_write, reason, session_scope

if TYPE_CHECKING:
    from quotetrack.extract.statement import Extraction
    from quotetrack.inputs.article import Article

MAX_ARTICLES = 200  # articles in one write transaction, at most
MAX_SECONDS = 0.5  # how long one write transaction stays open, at most


@dataclass(frozen=True, slots=True)
class Written:
    """An article whose transaction was committed (``result``), or that was not stored (``error``)."""

    article: Article
    result: write.SaveResult | None
    error: str | None = None


class ArticleWriter:
    """The open write transaction of a run; ``add`` writes an article, ``commit`` ends it."""

    def __init__(
        self,
        engine: Engine,
        *,
        extractor_version: str,
        names: write.NameCache | None = None,
        max_articles: int | None = None,
        max_seconds: float | None = None,
    ) -> None:
        self.engine = engine
        self.extractor_version = extractor_version
        self.names = names
        # An in-memory SQLite database has one connection for every session: a second session's
        # commit would end this one's transaction, so each article gets a transaction of its own.
        most = MAX_ARTICLES if max_articles is None else max(1, max_articles)
        self.max_articles = 1 if isinstance(engine.pool, StaticPool) else most
        self.max_seconds = MAX_SECONDS if max_seconds is None else max_seconds
        self._session: Session | None = None
        self._opened = 0.0
        self._pending: list[tuple[Article, write.SaveResult]] = []
        self.seconds = 0.0  # spent writing and committing

    # --- the transaction ---------------------------------------------------------------------------

    def _begin(self) -> Session:
        if self._session is None:
            session = Session(self.engine)
            try:
                begin_write(session)
            except sa.exc.DBAPIError as exc:
                session.close()
                raise DatabaseError(f"database error: {reason(exc)}") from exc
            if self.names is not None:
                session.info[write.NAME_CACHE] = self.names
            self._session = session
            self._opened = time.monotonic()
        return self._session

    @property
    def due(self) -> bool:
        """Whether the open transaction should be committed now."""
        return self._session is not None and (
            len(self._pending) >= self.max_articles or time.monotonic() - self._opened >= self.max_seconds
        )

    def add(self, article: Article, extraction: Extraction) -> Written | None:
        """Writes ``article`` into the open transaction, opening one if needed. An article the
        database refuses is returned with the reason; the others wait for ``commit``."""
        started = time.perf_counter()
        try:
            return self._add(article, extraction)
        finally:
            self.seconds += time.perf_counter() - started

    def _add(self, article: Article, extraction: Extraction) -> Written | None:
        try:
            session = self._begin()
        except DatabaseError as exc:
            return Written(article, None, str(exc))
        resolvers = session.info.setdefault(write.RESOLVERS, [])
        kept = len(resolvers)
        try:
            with session.begin_nested():
                result = write.save_article(
                    session, article=article, extraction=extraction, extractor_version=self.extractor_version
                )
        except sa.exc.DBAPIError as exc:
            del resolvers[kept:]  # their rows were rolled back with the savepoint
            known = self._stored_copy(session, article) if isinstance(exc, sa.exc.IntegrityError) else None
            if known is None:
                return Written(article, None, f"database error: {reason(exc)}")
            result = write.SaveResult(known, False, 0, 0, 0)
        except QuotetrackError as exc:
            del resolvers[kept:]
            return Written(article, None, str(exc))
        except BaseException:
            del resolvers[kept:]
            raise
        self._pending.append((article, result))
        return None

    @staticmethod
    def _stored_copy(session: Session, article: Article) -> int | None:
        """The id of the copy of ``article`` that another process stored first, if that is why
        the database refused it."""
        try:
            return write.article_id_by_hash(session, content_hash=article.content_hash)
        except sa.exc.DBAPIError:
            return None

    def commit(self) -> list[Written]:
        """Commits the open transaction; every article in it is returned, stored or with the
        reason it was not."""
        session, pending = self._session, self._pending
        if session is None:
            return []
        self._session, self._pending = None, []
        started = time.perf_counter()
        try:
            session.commit()
        except sa.exc.DBAPIError as exc:
            session.rollback()
            message = f"database error: {reason(exc)}"
            return [Written(article, None, message) for article, _ in pending]
        finally:
            session.close()
            self.seconds += time.perf_counter() - started
        if self.names is not None:
            self.names.merge(session)  # committed: its rows are there for the next transactions
        return [Written(article, result) for article, result in pending]

    def rollback(self) -> None:
        """Drops the open transaction (its articles are stored by the next run)."""
        session, self._session, self._pending = self._session, None, []
        if session is not None:
            try:
                session.rollback()
            finally:
                session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for lookups: the open transaction when there is one (it sees the articles
        written but not yet committed), else a short one of its own."""
        if self._session is not None:
            yield self._session
        else:
            with session_scope(self.engine) as session:
                yield session
