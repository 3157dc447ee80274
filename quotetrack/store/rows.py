"""The rows the read side returns: statements, speakers, articles, citations and claims, each
able to turn itself into JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, cast


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    if isinstance(value, JsonRow):
        return value.to_json()
    return value


class JsonRow:
    """A row of query results that turns itself into JSON."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON-ready dict, dates in ISO 8601."""
        fields = dataclasses.fields(cast(Any, self))
        return {field.name: json_value(getattr(self, field.name)) for field in fields}


@dataclass(frozen=True, slots=True)
class StatementRow(JsonRow):
    id: int
    text: str
    type: str
    speaker: str | None
    speaker_kind: str
    speaker_mention: str | None
    role: str | None
    affiliation: str | None
    cue: str | None
    source: str | None
    said_on: dt.date | None
    date_text: str | None
    start: int
    end: int
    confidence: float
    article_id: int
    article_title: str | None
    article_url: str | None
    outlet: str | None
    published: dt.date | None
    via: str | None
    lang: str | None


@dataclass(frozen=True, slots=True)
class SpeakerRow(JsonRow):
    """A speaker with their statements; first/last use said_on, else the article's date."""

    id: int
    name: str
    kind: str
    statements: int
    roles: tuple[str, ...]
    first_said_on: dt.date | None
    last_said_on: dt.date | None
    organizations: tuple[str, ...] = ()  # affiliations they were quoted with
    outlets: tuple[str, ...] = ()  # outlets that published their statements
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AuthorRow(JsonRow):
    """One author of an article: a person (``given``, ``particle``, ``family`` when the name
    splits) or an organisation (``kind`` "organization", its ``name`` only)."""

    name: str
    kind: str
    given: str | None = None
    particle: str | None = None
    family: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow(JsonRow):
    id: int
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    lang: str | None
    via: str | None
    statements: int
    ingested_at: dt.datetime
    authors: tuple[AuthorRow, ...] = ()
    modified: dt.date | None = None  # the last-modified date a page gives beside its publication date


@dataclass(frozen=True, slots=True)
class CitedArticle(JsonRow):
    """What a citation needs of an article; ``accessed`` is when it was ingested (UTC)."""

    id: int
    title: str | None
    byline: str | None
    outlet: str | None
    via: str | None
    published: dt.date | None
    url: str | None
    lang: str | None
    accessed: dt.datetime
    authors: tuple[AuthorRow, ...] = ()


@dataclass(frozen=True, slots=True)
class VerdictRow(JsonRow):
    id: int
    rating: str
    reviewer: str | None
    url: str | None
    date: dt.date | None
    note: str | None


@dataclass(frozen=True, slots=True)
class AppearanceRow(JsonRow):
    """One statement of a claim, with its article: where the claim appeared."""

    statement_id: int
    article_id: int
    text: str
    speaker: str | None
    speaker_kind: str
    role: str | None
    said_on: dt.date | None
    article_title: str | None
    article_url: str | None
    outlet: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class ClaimRow(JsonRow):
    """A claim with its verdicts and every statement of it (not only the filtered ones), in the
    order their articles were published."""

    id: int
    text: str
    first_seen: dt.date | None
    status: str
    verdicts: tuple[VerdictRow, ...]
    appearances: tuple[AppearanceRow, ...]


@dataclass(frozen=True, slots=True)
class Citations:
    """Statements matching the filters with what their citations need."""

    statements: tuple[StatementRow, ...]
    articles: dict[int, CitedArticle]  # by article id
    claim_of: dict[int, int]  # statement id -> claim id
    claims: dict[int, ClaimRow]  # by claim id


@dataclass(frozen=True, slots=True)
class OutletRow(JsonRow):
    """An outlet: what it published, whom it quoted, and how often others relayed through it."""

    id: int
    name: str
    domain: str | None
    kind: str | None
    articles: int  # articles it published
    statements: int  # statements in those articles
    speakers: int  # distinct speakers quoted in them
    relayed: int  # statements elsewhere that name it as their source
    via: int  # articles that say they were taken from it
    first_published: dt.date | None
    last_published: dt.date | None


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's text with its statements, in the order they appear."""

    article: ArticleRow
    text: str
    statements: tuple[StatementRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.article.to_json(),
            "text": self.text,
            "statements": [row.to_json() for row in self.statements],
        }
