"""Every write of quotetrack's data: articles with their statements, speakers and outlets.

Functions take an open session and never commit: the caller owns the transaction
(see ``db.session_scope``), one per article when ingesting.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from quotetrack.inputs.article import Article
from quotetrack.inputs.bylines import parse_byline
from quotetrack.store import models
from quotetrack.store.limits import as_row_id
from quotetrack.store.sql import chunks, kept
from quotetrack.text import fold

if TYPE_CHECKING:
    from quotetrack.extract.statement import Extraction, Statement

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class SaveResult:
    article_id: int
    created: bool
    statements: int
    new_speakers: int
    new_outlets: int
    previous_version_id: int | None = None  # set when the article is a new version of a page


# session.info keys: a NameCache shared by the write transactions of one run, and the resolvers
# of the current transaction, whose rows join the cache once it is committed
NAME_CACHE = "quotetrack.name_cache"
RESOLVERS = "quotetrack.resolvers"


class NameCache:
    """Outlet and entity rows found or created by committed transactions of one ingest run, by
    folded name, so that a speaker quoted in many articles is looked up once. Only names that
    were found are taken from it; a name it does not know is looked up in the database."""

    LIMIT = 20_000  # names kept; past it the cache starts again, so memory stays bounded

    def __init__(self) -> None:
        self.outlets: dict[str, list[tuple[int, str]]] = {}
        self.entities: dict[str, list[list[Any]]] = {}

    def merge(self, session: Session) -> None:
        """Takes in the rows of the resolvers of ``session``'s transaction, after its commit."""
        if len(self.entities) + len(self.outlets) > self.LIMIT:
            self.entities.clear()
            self.outlets.clear()
        for resolver in session.info.pop(RESOLVERS, []):
            self.outlets.update({k: v for k, v in resolver._outlet_rows.items() if v})
            self.entities.update({k: v for k, v in resolver._entity_rows.items() if v})


class Resolver:
    """Finds or creates outlets and entities by folded name or alias, counting what it creates.

    ``prefetch`` looks up every name an article needs in two queries per table (none for names
    in the run's NameCache); rows are created with single-row inserts.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.new_outlets = 0
        self._outlets: dict[str, int] = {}
        self._entities: dict[tuple[str, str], int] = {}
        # folded name -> the rows it names, once looked up: entities [id, kind, name_folded],
        # outlets (id, name_folded)
        self._entity_rows: dict[str, list[list[Any]]] = {}
        self._outlet_rows: dict[str, list[tuple[int, str]]] = {}
        self._cache: NameCache | None = session.info.get(NAME_CACHE)
        session.info.setdefault(RESOLVERS, []).append(self)

    def prefetch(self, *, outlets: Sequence[str | None] = (), entities: Sequence[str | None] = ()) -> None:
        self._lookup_outlets({fold(n) for n in outlets if n} - set(self._outlet_rows) - {""})
        self._lookup_entities({fold(n) for n in entities if n} - set(self._entity_rows) - {""})

    def _lookup_outlets(self, names: set[str]) -> None:
        if not names:
            return
        if self._cache is not None:
            cached = {name for name in names if self._cache.outlets.get(name)}
            for name in cached:
                self._outlet_rows[name] = list(self._cache.outlets[name])
            names = names - cached
        for name in names:
            self._outlet_rows[name] = []
        sql, connection = _sql(), self.session.connection()
        for chunk in chunks(sorted(names)):
            for outlet_id, folded in connection.execute(sql.outlets, {"names": list(chunk)}):
                self._outlet_rows[folded].append((cast(int, outlet_id), folded))
            for alias, outlet_id, folded in connection.execute(sql.outlet_aliases, {"names": list(chunk)}):
                if (outlet_id, folded) not in self._outlet_rows[alias]:
                    self._outlet_rows[alias].append((cast(int, outlet_id), folded))

    def _lookup_entities(self, names: set[str]) -> None:
        if not names:
            return
        if self._cache is not None:
            cached = {name for name in names if self._cache.entities.get(name)}
            for name in cached:
                self._entity_rows[name] = [list(row) for row in self._cache.entities[name]]
            names = names - cached
        if not names:
            return
        for name in names:
            self._entity_rows[name] = []
        sql, connection = _sql(), self.session.connection()
        for chunk in chunks(sorted(names)):
            for entity_id, kind, folded in connection.execute(sql.entities, {"names": list(chunk)}):
                self._entity_rows[folded].append([entity_id, kind, folded])
            aliases = connection.execute(sql.entity_aliases, {"names": list(chunk)})
            for alias, entity_id, kind, folded in aliases:
                if all(row[0] != entity_id for row in self._entity_rows[alias]):
                    self._entity_rows[alias].append([entity_id, kind, folded])

    def outlet(self, name: str | None, *, url: str | None = None) -> int | None:
        folded = fold(name or "")
        if not folded or name is None:
            return None
        if folded in self._outlets:
            return self._outlets[folded]
        if folded not in self._outlet_rows:
            self._lookup_outlets({folded})
        rows = self._outlet_rows[folded]
        if rows:
            outlet_id = min(rows, key=lambda row: (row[1] != folded, row[0]))[0]
        else:
            values = {"name": name.strip(), "name_folded": folded, "domain": _domain(url)}
            outlet_id = _insert(self.session, models.Outlet, values)
            rows.append((outlet_id, folded))
            self.new_outlets += 1
        self._outlets[folded] = outlet_id
        return outlet_id

    def entity(self, name: str | None, kind: str) -> tuple[int | None, bool]:
        """The entity's id and whether it was created."""
        folded = fold(name or "")
        if not folded or name is None:
            return None, False
        if (folded, kind) in self._entities:
            return self._entities[folded, kind], False
        if folded not in self._entity_rows:
            self._lookup_entities({folded})
        rows = self._entity_rows[folded]
        matches = [row for row in rows if UNKNOWN in (kind, row[1]) or row[1] == kind]
        created = not matches
        if matches:
            row = min(matches, key=lambda r: (r[1] != kind, r[2] != folded, r[0]))
            if row[1] == UNKNOWN and kind != UNKNOWN:
                self.session.connection().execute(_sql().entity_kind, {"entity_id": row[0], "kind": kind})
                row[1] = kind
            entity_id = row[0]
        else:
            values = {"name": name.strip(), "name_folded": folded, "kind": kind}
            entity_id = _insert(self.session, models.Entity, values)
            rows.append([entity_id, kind, folded])
        self._entities[folded, kind] = entity_id
        return entity_id, created


def _insert(session: Session, model: Any, values: dict[str, Any]) -> int:
    """Inserts one row with a Core statement (no ORM object); its id."""
    result: Any = session.connection().execute(_sql().insert[model], values)
    key = result.inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])


def _domain(url: str | None) -> str | None:
    """The host of an outlet's address, without "www."; None for an address that has none or that
    cannot be read ("http://[::1", "http://[zz]/", a netloc NFKC would change): a malformed URL in
    one article's metadata must not end the batch."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def meta_json(article: Article) -> str | None:
    """The ``meta`` column: the input's other fields and its id, as JSON."""
    meta = dict(article.extra)
    if article.id is not None:
        meta["id"] = article.id
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str) if meta else None


class _Sql:
    """The statements of the write path, built once: building a query costs more than running it
    on an indexed column, and ingest runs these for every article."""

    def __init__(self) -> None:
        A, S, E, EA = models.Article, models.Statement, models.Entity, models.EntityAlias
        Out, OA = models.Outlet, models.OutletAlias
        names: Any = sa.bindparam("names", expanding=True)
        self.count_statements = sa.select(sa.func.count()).where(col(S.article_id) == sa.bindparam("id"))
        self.by_content_hash = sa.select(col(A.content_hash), col(A.id)).where(
            col(A.content_hash).in_(sa.bindparam("hashes", expanding=True))
        )
        self.by_raw_hash = sa.select(col(A.raw_hash), col(A.id)).where(
            col(A.raw_hash).in_(sa.bindparam("hashes", expanding=True))
        )
        self.latest_version = (
            sa.select(col(A.id)).where(col(A.url) == sa.bindparam("url")).order_by(col(A.id).desc()).limit(1)
        )
        self.latest_versions = (
            sa.select(col(A.url), sa.func.max(col(A.id)))
            .where(col(A.url).in_(sa.bindparam("urls", expanding=True)))
            .group_by(col(A.url))
        )
        self.outlets = sa.select(kept(Out), col(Out.name_folded)).where(col(Out.name_folded).in_(names))
        self.outlet_aliases = (
            sa.select(col(OA.alias_folded), kept(Out), col(Out.name_folded))
            .join_from(OA, Out, col(OA.outlet_id) == col(Out.id))
            .where(col(OA.alias_folded).in_(names))
        )
        self.entities = sa.select(kept(E), col(E.kind), col(E.name_folded)).where(
            col(E.name_folded).in_(names)
        )
        self.entity_aliases = (
            sa.select(col(EA.alias_folded), kept(E), col(E.kind), col(E.name_folded))
            .join_from(EA, E, col(EA.entity_id) == col(E.id))
            .where(col(EA.alias_folded).in_(names))
        )
        self.entity_kind = (
            sa.update(E)
            .where(col(E.id) == sa.bindparam("entity_id"), col(E.kind) == UNKNOWN)
            .values(kind=sa.bindparam("kind"))
        )
        self.insert = {
            model: cast(Any, model).__table__.insert()
            for model in (
                models.Article,
                models.ArticleSource,
                models.Statement,
                models.ArticleAuthor,
                models.Entity,
                models.Outlet,
            )
        }


@cache
def _sql() -> _Sql:
    return _Sql()


def _count_statements(session: Session, article_id: int) -> int:
    return int(session.connection().execute(_sql().count_statements, {"id": article_id}).scalar_one())


def statement_count(session: Session, *, article_id: int) -> int:
    """How many statements an article has."""
    return _count_statements(session, article_id)


def article_id_by_hash(session: Session, *, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, None when there is none."""
    return article_ids_by_content_hash(session, content_hashes=[content_hash]).get(content_hash)


def article_ids_by_content_hash(session: Session, *, content_hashes: Sequence[str]) -> dict[str, int]:
    """The stored articles with these texts, by the texts' hashes."""
    return _ids_by_hash(session, _sql().by_content_hash, content_hashes)


def article_ids_by_raw_hash(session: Session, *, raw_hashes: Sequence[str]) -> dict[str, int]:
    """The stored articles read from these original inputs, by the inputs' SHA-256."""
    return _ids_by_hash(session, _sql().by_raw_hash, raw_hashes)


def _ids_by_hash(session: Session, query: Any, hashes: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(sorted(set(hashes))):
        for hash_, article_id in session.connection().execute(query, {"hashes": list(chunk)}):
            if hash_ is not None and article_id is not None:
                found.setdefault(hash_, article_id)
    return found


def latest_version_id(session: Session, *, url: str) -> int | None:
    """The newest stored article at ``url``: the current version of that page."""
    return session.connection().execute(_sql().latest_version, {"url": url}).scalar()


def latest_version_ids(session: Session, *, urls: Sequence[str]) -> dict[str, int]:
    """The newest stored article at each of ``urls`` (as :func:`latest_version_id`), by URL."""
    found: dict[str, int] = {}
    for chunk in chunks(sorted(set(urls))):
        for url, article_id in session.connection().execute(_sql().latest_versions, {"urls": list(chunk)}):
            if url is not None and article_id is not None:
                found[url] = int(article_id)
    return found


# Days an article or statement may carry: outside them a date is a misreading ("Published 31
# December 9999", "-5000-01-01" read as 5000) and is dropped with a warning, never stored.
EARLIEST_DAY, LATEST_DAY = dt.date(1000, 1, 1), dt.date(2999, 12, 31)


def drop_dates_out_of_range(article: Article, extraction: Extraction) -> list[str]:
    """Drops the article's and its statements' dates outside EARLIEST_DAY..LATEST_DAY (in place);
    a warning naming the article for each."""
    import dataclasses

    warnings = []
    where = article.source_path or article.url or "an article"
    for name in ("published", "modified"):
        day = getattr(article, name, None)
        if isinstance(day, dt.date) and not EARLIEST_DAY <= day <= LATEST_DAY:
            warnings.append(f"{where}: {name} date {day.isoformat()} is out of range; left out")
            setattr(article, name, None)
    for i, statement in enumerate(extraction.statements):
        if statement.said_on is not None and not EARLIEST_DAY <= statement.said_on <= LATEST_DAY:
            day = statement.said_on.isoformat()
            warnings.append(f"{where}: the date {day} of statement {i + 1} is out of range; left out")
            extraction.statements[i] = dataclasses.replace(statement, said_on=None, date_text=None)
    return warnings


# Original inputs larger than this are kept zlib-compressed.
COMPRESS_FROM = 512


def source_values(article: Article, article_id: int) -> dict[str, Any] | None:
    """The original input's row, unless the article text is that input byte for byte."""
    raw = article.raw
    if raw is None or article.raw_hash is None or article.format is None:
        return None
    if article.format == "text" and raw == article.text.encode("utf-8"):
        return None
    data, compression = raw, None
    if len(raw) >= COMPRESS_FROM:
        import zlib

        data, compression = zlib.compress(raw, 6), "zlib"
    return {
        "article_id": article_id,
        "format": article.format,
        "encoding": article.encoding,
        "raw_hash": article.raw_hash,
        "size": len(raw),
        "compression": compression,
        "raw": data,
    }


def author_values(article: Article, article_id: int) -> list[dict[str, Any]]:
    """The article's authors as rows: those its reader found, else its byline's."""
    authors = article.authors
    if authors is None:
        authors = parse_byline(article.byline, outlet=article.outlet)
    return [
        {
            "article_id": article_id,
            "position": position,
            "kind": author.kind,
            "name": author.name,
            "given": author.given,
            "particle": author.particle,
            "family": author.family,
        }
        for position, author in enumerate(authors)
    ]


def article_source(session: Session, *, article_id: int) -> bytes | None:
    """The original input of an article as it was read, None when only its hash was kept
    (a text file that is the article text byte for byte: ``articles.text`` is that input)."""
    record = session.get(models.ArticleSource, article_id)
    if record is None:
        return None
    if record.compression == "zlib":
        import zlib

        return zlib.decompress(record.raw)
    return record.raw


def names_of(article: Article, extraction: Extraction) -> dict[str, list[str | None]]:
    """The outlet and entity names an article's rows refer to, for ``Resolver.prefetch``."""
    statements = extraction.statements
    return {
        "outlets": [article.outlet, extraction.via or article.via, *(s.source for s in statements)],
        "entities": [*(s.speaker for s in statements), *(s.affiliation for s in statements)],
    }


def article_values(
    article: Article,
    extraction: Extraction,
    resolve: Resolver,
    *,
    previous_version_id: int | None,
    extractor_version: str | None,
) -> dict[str, Any]:
    """The ``articles`` row of a new article (without its id); its outlets are found or created."""
    return {
        "content_hash": article.content_hash,
        "raw_hash": article.raw_hash,
        "previous_version_id": previous_version_id,
        "url": article.url,
        "title": article.title,
        "byline": article.byline,
        "published": article.published,
        "modified": article.modified,
        "lang": extraction.lang or article.lang,
        "outlet_id": resolve.outlet(article.outlet, url=article.url),
        "via_outlet_id": resolve.outlet(extraction.via or article.via),
        "text": article.text,
        "source_path": article.source_path,
        "extractor_version": extractor_version,
        "ingested_at": models.utcnow(),
        "meta": meta_json(article),
    }


def save_article(
    session: Session, *, article: Article, extraction: Extraction, extractor_version: str
) -> SaveResult:
    """Store an article with its statements; the same text a second time stores nothing.

    Outlets, speakers and affiliations are matched to existing rows by folded name or
    alias and created when unknown. Only flushes: the caller commits or rolls back.
    """
    content_hash = article.content_hash
    existing = article_id_by_hash(session, content_hash=content_hash)
    if existing is None and article.raw_hash is not None:
        existing = article_ids_by_raw_hash(session, raw_hashes=[article.raw_hash]).get(article.raw_hash)
    if existing is not None:
        return SaveResult(existing, False, _count_statements(session, existing), 0, 0)
    previous = latest_version_id(session, url=article.url) if article.url else None

    resolve = Resolver(session)
    statements = extraction.statements
    resolve.prefetch(**names_of(article, extraction))
    values = article_values(
        article, extraction, resolve, previous_version_id=previous, extractor_version=extractor_version
    )
    article_id = _insert(session, models.Article, values)
    source = source_values(article, article_id)
    if source is not None:
        session.connection().execute(_sql().insert[models.ArticleSource], source)
    authors = author_values(article, article_id)
    if authors:
        session.connection().execute(_sql().insert[models.ArticleAuthor], authors)

    new_speakers = _add_statements(session, article_id, statements, resolve, published=article.published)
    return SaveResult(
        article_id=article_id,
        created=True,
        statements=len(statements),
        new_speakers=new_speakers,
        new_outlets=resolve.new_outlets,
        previous_version_id=previous,
    )


def _add_statements(
    session: Session,
    article_id: int,
    statements: Sequence[Statement],
    resolve: Resolver,
    claims: dict[tuple[int, int, str], tuple[int, str | None, float | None]] | None = None,
    *,
    published: dt.date | None,
) -> int:
    """Adds the statements of an article in one multi-row insert; the number of speakers created.
    ``published`` is the article's date, the day of statements that do not say when they were said."""
    rows, new_speakers = statement_rows(statements, article_id, resolve, claims, published=published)
    if rows:
        session.connection().execute(_sql().insert[models.Statement], rows)
    return new_speakers


def statement_rows(
    statements: Sequence[Statement],
    article_id: int,
    resolve: Resolver,
    claims: dict[tuple[int, int, str], tuple[int, str | None, float | None]] | None = None,
    *,
    published: dt.date | None,
) -> tuple[list[dict[str, Any]], int]:
    """The ``statements`` rows of an article (speakers, affiliations and sources found or created,
    in this order for each statement) and the number of speakers created."""
    new_speakers = 0
    rows: list[dict[str, Any]] = []
    for statement in statements:
        speaker_id, created = resolve.entity(statement.speaker, statement.speaker_kind or UNKNOWN)
        new_speakers += created
        row = _statement_values(statement, article_id, speaker_id, resolve)
        row["said_or_published"] = statement.said_on or published
        kept = claims.get((statement.start, statement.end, statement.text)) if claims else None
        row["claim_id"], row["claim_status"], row["claim_score"] = kept or (None, None, None)
        rows.append(row)
    return rows, new_speakers


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What re-extraction needs of a stored article."""

    id: int
    text: str
    lang: str | None
    published: dt.date | None
    via: str | None
    extractor_version: str | None


def articles_to_reextract(
    session: Session, *, refs: Sequence[str] = (), outdated_than: str | None = None
) -> tuple[list[int], list[str]]:
    """The ids of the articles named by id or URL (a URL names its newest version), or of all
    articles (no refs), or of those extracted by another extractor version than
    ``outdated_than``; and the refs that name no article."""
    A = models.Article
    if not refs:
        query = select(A.id).order_by(col(A.id))
        if outdated_than is not None:
            query = query.where(
                sa.or_(col(A.extractor_version).is_(None), col(A.extractor_version) != outdated_than)
            )
        return [i for i in session.exec(query) if i is not None], []
    ids: list[int] = []
    missing: list[str] = []
    for ref in refs:
        found: int | None = None
        number = as_row_id(ref)
        if number is not None:
            found = session.exec(select(A.id).where(A.id == number)).first()
        if found is None:
            found = latest_version_id(session, url=ref)
        if found is None:
            missing.append(ref)
        elif found not in ids:
            ids.append(found)
    return ids, missing


def stored_article(session: Session, *, article_id: int) -> StoredArticle | None:
    via = aliased(models.Outlet)
    A = models.Article
    query: Any = (
        sa.select(
            col(A.id), col(A.text), col(A.lang), col(A.published), col(via.name), col(A.extractor_version)
        )
        .select_from(A)
        .outerjoin(via, col(A.via_outlet_id) == col(via.id))
        .where(col(A.id) == article_id)
    )
    row = session.execute(query).first()
    return StoredArticle(*row) if row is not None else None


def replace_statements(
    session: Session, *, article_id: int, extraction: Extraction, extractor_version: str
) -> SaveResult:
    """Replaces an article's statements with a new extraction and records the extractor version.

    The article row stays (its id, text, metadata); a new statement at the same place with the
    same text keeps the old one's claim, as suggested or confirmed as it was. Only flushes: the
    caller commits or rolls back.
    """
    S = models.Statement
    record = session.get(models.Article, article_id)
    if record is None:
        raise LookupError(article_id)
    old: Any = session.connection().execute(
        sa.select(
            col(S.start), col(S.end), col(S.text), col(S.claim_id), col(S.claim_status), col(S.claim_score)
        ).where(col(S.article_id) == article_id)
    )
    claims = {
        (start, end, text): (claim, status, score) for start, end, text, claim, status, score in old if claim
    }
    session.execute(sa.delete(S).where(col(S.article_id) == article_id))
    resolve = Resolver(session)
    if extraction.via:
        record.via_outlet_id = resolve.outlet(extraction.via)
    if extraction.lang and not record.lang:
        record.lang = extraction.lang
    record.extractor_version = extractor_version
    session.add(record)
    new_speakers = _add_statements(
        session, article_id, extraction.statements, resolve, claims, published=record.published
    )
    session.flush()
    return SaveResult(
        article_id=article_id,
        created=False,
        statements=len(extraction.statements),
        new_speakers=new_speakers,
        new_outlets=resolve.new_outlets,
    )


def _statement_values(
    statement: Statement, article_id: int, speaker_id: int | None, resolve: Resolver
) -> dict[str, Any]:
    affiliation_id, _ = resolve.entity(statement.affiliation, "organization")
    return {
        "article_id": article_id,
        "speaker_id": speaker_id,
        "speaker_mention": statement.speaker,
        "speaker_kind": statement.speaker_kind or UNKNOWN,
        "role": statement.role,
        "affiliation": statement.affiliation,
        "affiliation_id": affiliation_id,
        "type": statement.type,
        "text": statement.text,
        "cue": statement.cue,
        "source": statement.source,
        "source_id": resolve.outlet(statement.source),
        "said_on": statement.said_on,
        "date_text": statement.date_text,
        "start": statement.start,
        "end": statement.end,
        "confidence": statement.confidence,
    }
