"""What every citation format shares: references, author names, citation keys, quotation lines.

A *reference* is one article with the statements cited from it, so an article quoted
several times is cited once with several quotations. Words of a language (quotation
marks, name particles, titles, stop words) come from the lexicons.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from quotetrack import lexicon
from quotetrack.inputs.bylines import ORGANIZATION, Author, parse_byline
from quotetrack.store.rows import AuthorRow, Citations, CitedArticle, StatementRow
from quotetrack.text import fold

REPORTED = "reported speech"
UNNAMED = "unnamed speaker"
# Punctuation that belonged to the sentence around a quotation, not to the quotation.
_TRAILING = ",;: \u00a0"


@dataclass(frozen=True, slots=True)
class Name:
    """An author's name as CSL-JSON and BibTeX take it: a person's parts, or ``literal`` for an
    organisation (``organisation``) or a person's name that cannot be split."""

    given: str | None = None
    family: str | None = None
    particle: str | None = None
    literal: str | None = None
    organisation: bool = False

    @property
    def sort_name(self) -> str:
        """``family, given`` (with the particle before the family name), or the literal."""
        if self.literal:
            return self.literal
        family = " ".join(part for part in (self.particle, self.family) if part)
        return f"{family}, {self.given}" if self.given else family

    @property
    def key_part(self) -> str:
        return self.literal or self.family or ""

    @property
    def display(self) -> str:
        """The name as a reader writes it: "Ursula von der Leyen", "Reuters"."""
        return self.literal or " ".join(p for p in (self.given, self.particle, self.family) if p)


@dataclass(frozen=True, slots=True)
class Reference:
    """One article to cite, with its citation key, authors and the statements cited from it."""

    key: str
    article: CitedArticle
    authors: tuple[Name, ...]
    statements: tuple[StatementRow, ...]


@cache
def _lexicon(lang: str | None) -> lexicon.Lexicon:
    code = (lang or "").split("-")[0].lower()
    if code not in lexicon.available_languages():
        code = lexicon.DEFAULT_LANGUAGE
    return lexicon.load(code)


def quote_marks(lang: str | None) -> tuple[str, str]:
    """The opening and closing quotation marks of a language (the lexicon's first pair)."""
    return _lexicon(lang).quote_pairs[0]


def quote_pairs(lang: str | None) -> tuple[tuple[str, str], ...]:
    return _lexicon(lang).quote_pairs


def pair_pattern(left: str, right: str) -> re.Pattern[str]:
    """A quotation in these marks, its content as group 1. A mark that opens and closes
    (``"``, ``'``) opens only after a space or bracket and closes only before one, so an
    apostrophe ("Germany's") is no quotation mark."""
    body = "([^" + re.escape(left + right) + "]*)"
    if left == right:
        mark = re.escape(left)
        return re.compile(r"(?<![\w])" + mark + r"(?=\S)" + body + r"(?<=\S)" + mark + r"(?!\w)")
    return re.compile(re.escape(left) + body + re.escape(right))


def _single(mark: str) -> bool:
    return mark == "'" or "SINGLE" in unicodedata.name(mark[:1], "")


def inner_marks(lang: str | None) -> tuple[str, str]:
    """The marks for a quotation inside a quotation: the language's first pair of single
    marks (‚…‘ in German, ‘…’ in English), else its first pair."""
    pairs = quote_pairs(lang)
    return next((pair for pair in pairs if _single(pair[0])), pairs[0])


def enquote(text: str, lang: str | None) -> str:
    """``text`` in the language's quotation marks; double quotation marks inside it
    become the inner marks („Bürgerinitiative ‚Tram jetzt‘ sammelt …“)."""
    opening, closing = quote_marks(lang)
    inner_open, inner_close = inner_marks(lang)
    for left, right in quote_pairs(lang):
        if _single(left) or (left, right) == (inner_open, inner_close):
            continue
        text = pair_pattern(left, right).sub(lambda m: inner_open + m.group(1) + inner_close, text)
    return f"{opening}{text}{closing}"


def one_line(text: str | None) -> str:
    """Whitespace (line breaks of multi-paragraph quotations too) as single spaces."""
    return " ".join((text or "").split())


def author_names(article: CitedArticle) -> tuple[Name, ...]:
    """The article's authors as citation names: its stored authors, else its byline's."""
    if article.authors:
        return tuple(_name(author) for author in article.authors)
    return byline_names(article.byline)


def byline_names(byline: str | None) -> tuple[Name, ...]:
    """The authors in a byline ("Jana Köhler", "Anna Berg und Tom Reed", "Reuters"), read by
    :func:`quotetrack.inputs.bylines.parse_byline`: persons split into their parts, organisations
    and names in a script without spaces whole (``literal``)."""
    return tuple(_name(author) for author in parse_byline(one_line(byline)))


def author_line(reference: Reference) -> str | None:
    """The reference's authors on one line ("Anna Berg, Tom Reed"), or None without any."""
    return ", ".join(name.display for name in reference.authors) or None


def _name(author: Author | AuthorRow) -> Name:
    if author.kind == ORGANIZATION:
        return Name(literal=author.name, organisation=True)
    if not author.family:
        return Name(literal=author.name)
    return Name(given=author.given or None, family=author.family, particle=author.particle or None)


def _ascii(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text or ""))


def _first_word(text: str | None, lang: str | None) -> str:
    """The first word of ``text`` that is no article or stop word, folded to ASCII."""
    lex = _lexicon(lang)
    skip = lex.stop_words | lex.determiners
    for word in re.split(r"[^\w]+", fold(text or "")):
        if word and word not in skip and _ascii(word):
            return _ascii(word)
    return ""


def _key_word(name: Name, lang: str | None) -> str:
    """A name's part of a citation key: a person's family name, an organisation's first word."""
    if name.organisation:
        return _first_word(name.literal, lang)
    return _ascii(name.key_part)


def base_key(article: CitedArticle, authors: tuple[Name, ...]) -> str:
    """``family + year + first title word``, folded to ASCII: ``kohler2024nachtzuge``.

    An organisation gives its first word (``reuters2020parasite``); without a usable author
    name the outlet's first word stands in, then ``anon``; without a date the year is ``nd``.
    """
    who = next((key for key in (_key_word(name, article.lang) for name in authors) if key), "")
    if not who:
        who = _first_word(article.outlet, article.lang) or "anon"
    year = str(article.published.year) if article.published else "nd"
    return who + year + _first_word(article.title, article.lang)


def _article_order(article: CitedArticle) -> tuple[bool, dt.date, str, str, int]:
    return (
        article.published is None,
        article.published or dt.date.min,
        article.title or "",
        article.url or "",
        article.id,
    )


def references(citations: Citations) -> list[Reference]:
    """One reference per cited article, oldest first, with its statements in reading order.

    Citation keys are unique: articles sharing a key get ``a``, ``b``, ... in the order of
    publication date, title, URL and storage.
    """
    by_article: dict[int, list[StatementRow]] = defaultdict(list)
    for row in citations.statements:
        by_article[row.article_id].append(row)
    articles = sorted(citations.articles.values(), key=_article_order)
    authors = {a.id: author_names(a) for a in articles}
    keys = {a.id: base_key(a, authors[a.id]) for a in articles}
    shared: dict[str, list[int]] = defaultdict(list)
    for article in articles:
        shared[keys[article.id]].append(article.id)
    for key, ids in shared.items():
        if len(ids) > 1:
            for number, article_id in enumerate(ids):
                keys[article_id] = key + _suffix(number)
    return [
        Reference(
            key=keys[a.id],
            article=a,
            authors=authors[a.id],
            statements=tuple(sorted(by_article[a.id], key=lambda r: (r.start, r.id))),
        )
        for a in articles
    ]


def _suffix(number: int) -> str:
    """a, b, ..., z, aa, ab, ..."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def accessed_date(article: CitedArticle) -> dt.date:
    """The day the article was ingested, in UTC."""
    when = article.accessed
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.date()


def date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


def speaker_name(row: StatementRow) -> str:
    return row.speaker or row.speaker_mention or UNNAMED


def quotation(row: StatementRow, lang: str | None) -> str:
    """A direct quotation in the quotation marks of its language; reported speech
    (``indirect``, ``mixed``) as written, marked, since its words are not the speaker's own."""
    text = one_line(row.text)
    if row.type == "direct":
        return enquote(text.rstrip(_TRAILING), lang)
    return f"{text} ({REPORTED})"


def speaker_details(row: StatementRow) -> list[str]:
    """Speaker, role and affiliation (when the role does not already name it)."""
    parts = [speaker_name(row)]
    role = one_line(row.role)
    if role:
        parts.append(role)
    affiliation = one_line(row.affiliation)
    if affiliation and fold(affiliation) not in fold(role):
        parts.append(affiliation)
    return parts


def quotation_line(row: StatementRow, lang: str | None) -> str:
    """``„quotation“ — speaker, role, affiliation, said_on; source: outlet`` on one line."""
    parts = speaker_details(row)
    if row.said_on:
        parts.append(row.said_on.isoformat())
    line = f"{quotation(row, lang)} — {', '.join(parts)}"
    if row.source:
        line += f"; source: {one_line(row.source)}"
    return line


def relay_chain(article: CitedArticle, row: StatementRow | None = None) -> str | None:
    """``Outlet, taken from Via, citing Source``, or None when nothing was relayed."""
    source = row.source if row is not None else None
    if not article.via and not source:
        return None
    parts = [article.outlet or "unknown outlet"]
    if article.via:
        parts.append(f"taken from {article.via}")
    if source:
        parts.append(f"citing {source}")
    return ", ".join(one_line(part) for part in parts)


def note_lines(reference: Reference) -> list[str]:
    """The reference's quotation lines, and where the article was taken from."""
    lines = [quotation_line(row, reference.article.lang) for row in reference.statements]
    if reference.article.via:
        lines.append(f"Taken from {one_line(reference.article.via)}.")
    return lines
