"""Reading inputs into Article records: plain text, Markdown with front matter, HTML pages and
JSON Lines, from files, folders or stdin.

``read(source)`` turns one raw input (a :class:`~quotetrack.inputs.sources.Source`) into an
:class:`~quotetrack.inputs.article.Article` or an :class:`InputError` naming the file (and
line), so that one bad item never stops a batch. HTML is read in
:mod:`quotetrack.inputs.webpage`; the raw bytes, their encoding and their hash travel with the
article, so that nothing of the input is lost.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from quotetrack.errors import InputError
from quotetrack.inputs.article import (
    JSONL_FIELDS,
    MAX_TEXT_CHARS,
    Article,
    byline,
    normalize_lang,
    normalize_text,
    parse_published,
)
from quotetrack.inputs.sources import READABLE_SUFFIXES, Source, decode
from quotetrack.inputs.webpage import read_html


def read(source: Source) -> Article | InputError:
    """The article in one raw input, or the error that stops it."""
    try:
        if source.fmt == "jsonl":
            article = _jsonl_article(source)
        else:
            text, encoding = decode(source.data, html=source.fmt == "html", charset=source.charset)
            if source.fmt == "html":
                article = read_html(text, source.where, url=source.url)
                if source.offset is not None:
                    _archived(article, source)
            elif source.fmt == "markdown":
                article = read_markdown(text, source.name)
            else:
                article = read_text(text, source.name)
            article.encoding = encoding
    except InputError as exc:
        if exc.path is None:  # raised without a place: add the file and line
            return source.error(str(exc))
        return exc
    if len(article.text) > MAX_TEXT_CHARS:
        return source.error(
            f"is too long for one article ({len(article.text):,} characters of text; "
            f"at most {MAX_TEXT_CHARS:,})"
        )
    if article.id is None and source.fmt != "jsonl":
        article.id = source.url if source.offset is not None else _stem(source.name)
    article.raw = source.data
    article.raw_hash = source.raw_hash
    article.format = source.fmt
    if article.source_path is None:
        article.source_path = source.where
    article.lang = normalize_lang(article.lang)
    return article


def _archived(article: Article, source: Source) -> None:
    """A page from a web archive: its address is the one it was fetched from (the page's own
    canonical address is kept as ``page_url`` when it differs), and ``fetched`` its WARC-Date."""
    if source.url:
        if article.url and article.url != source.url:
            article.extra["page_url"] = article.url
        article.url = source.url
    if source.fetched:
        article.extra["fetched"] = source.fetched


def read_text(text: str, name: str) -> Article:
    """A plain-text article: the first line is the title; a byline ("von X | 10. Mai 2023")
    gives author and date."""
    text = normalize_text(text)
    if not text.strip():
        raise InputError("is empty", path=name)
    head = _head_lines(text)
    title = head[0] if head else None
    author, published = byline(head[1:])
    return Article(
        text=text,
        id=_stem(name),
        title=title[:500] if title else None,
        byline=author,
        published=published,
        source_path=name,
    )


def _head_lines(text: str, count: int = 6) -> list[str]:
    head: list[str] = []
    for line in text[:4000].split("\n"):
        line = line.strip()
        if line:
            head.append(line)
            if len(head) == count:
                break
    return head


def _stem(name: str) -> str | None:
    if name.startswith("<"):
        return None
    stem = Path(name).name
    for suffix in sorted(READABLE_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem


# --- Markdown -----------------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_KEYS = {
    "title": ("title", "headline"),
    "byline": ("author", "authors", "byline", "by"),
    "published": ("published", "date", "pubdate", "publication_date", "published_at", "datepublished"),
    "url": ("url", "canonical_url", "canonical", "link", "source_url", "permalink"),
    "outlet": ("outlet", "site", "site_name", "sitename", "publisher", "publication", "newspaper"),
    "lang": ("lang", "language", "locale"),
    "via": ("via",),
    "id": ("id",),
}
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
MD_REF_DEF = re.compile(r"(?m)^ {0,3}\[[^\]]+\]:\s+\S+.*$")
MD_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$")
MD_SETEXT = re.compile(r"(?m)^(.+)\n[ \t]*(?:=+|-+)[ \t]*$")
MD_RULE = re.compile(r"(?m)^ {0,3}(?:[-*_][ \t]*){3,}$")
MD_QUOTE = re.compile(r"(?m)^ {0,3}>[ \t]?")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
MD_FENCE = re.compile(r"(?m)^ {0,3}(?:```|~~~).*$")
MD_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MD_CODE = re.compile(r"`([^`\n]+)`")


def read_markdown(text: str, name: str) -> Article:
    """A Markdown article: YAML front matter gives the metadata (title, author, date, url,
    outlet, lang, via, id; the rest is kept), the body becomes plain text."""
    text = normalize_text(text)
    meta: dict[str, Any] = {}
    match = FRONT_MATTER.match(text)
    if match:
        meta = _front_matter(match.group("yaml"), name)
        text = text[match.end() :]
    body = markdown_to_text(text)
    if not body.strip():
        raise InputError("has no text after its front matter" if match else "is empty", path=name)
    article = read_text(body, name)
    taken: dict[str, Any] = {}
    lowered = {k.lower(): v for k, v in meta.items()}
    for attribute, keys in FRONT_KEYS.items():
        for key in keys:
            if lowered.get(key) not in (None, "", []):
                taken[attribute] = lowered[key]
                used = key
                meta = {k: v for k, v in meta.items() if k.lower() != used}
                break
    source = lowered.get("source")
    if isinstance(source, str) and "url" not in taken and re.match(r"https?://", source):
        taken["url"] = source
        meta = {k: v for k, v in meta.items() if k.lower() != "source"}
    if "title" in taken:
        article.title = text_value(taken["title"])[:500]
    if "byline" in taken:
        article.byline = text_value(taken["byline"], joined=True)
    if "published" in taken:
        try:
            article.published = parse_published(taken["published"])
        except ValueError as exc:
            raise InputError(f"front matter: {exc}", path=name) from None
    for attribute in ("url", "outlet", "via", "id", "lang"):
        if attribute in taken:
            setattr(article, attribute, text_value(taken[attribute]).strip())
    article.extra = meta
    return article


# Front matter longer than this is not an article's metadata (the YAML reader is pure Python).
MAX_FRONT_MATTER_CHARS = 256_000


def _front_matter(block: str, name: str) -> dict[str, Any]:
    """The front matter as JSON values (string keys; see :func:`_jsonable`), read by
    :func:`_yaml_loader`: an alias is not expanded, so the metadata is never larger than the
    YAML it comes from."""
    import yaml

    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise InputError(
            f"front matter is too long ({len(block):,} characters; at most {MAX_FRONT_MATTER_CHARS:,})",
            path=name,
        )
    try:
        data = _jsonable(yaml.load(block, Loader=_yaml_loader()))  # a safe loader: see _yaml_loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(f"front matter is not valid YAML{where}", path=name) from None
    except RecursionError:
        raise InputError("front matter is nested too deeply", path=name) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a YAML mapping (key: value lines)", path=name)
    return data


@cache
def _yaml_loader() -> type:
    """PyYAML's safe loader, made to read metadata as written, and boundedly.

    An alias (``*name``) is kept as that text instead of being expanded: expanding nested
    aliases makes gigabytes of a few kilobytes. A merge key (``<<``) is an ordinary key,
    timestamps and ``!!binary`` stay the text they are (a date the calendar cannot hold is
    then a value like any other, and nothing is left that JSON cannot carry).
    """
    import yaml

    class MetadataLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.get_event()
                return yaml.ScalarNode(STR_TAG, f"*{event.anchor}", event.start_mark, event.end_mark)
            return super().compose_node(parent, index)

        def flatten_mapping(self, node: Any) -> None:
            for key, _value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    key.tag = STR_TAG

    for tag in ("timestamp", "binary"):
        MetadataLoader.add_constructor(f"tag:yaml.org,2002:{tag}", yaml.SafeLoader.construct_yaml_str)
    return MetadataLoader


STR_TAG = "tag:yaml.org,2002:str"
# Neither is a character: a lone surrogate (from a "\ud800" escape in JSON or YAML) cannot be
# encoded, and PostgreSQL text cannot hold NUL. Each becomes U+FFFD, so offsets stay.
NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def sound_text(value: str) -> str:
    """``value`` with each lone surrogate and NUL replaced by U+FFFD (one character each)."""
    return NOT_TEXT.sub("\ufffd", value)


def _jsonable(value: Any) -> Any:
    """``value`` as JSON can carry it: strings as text (see :func:`sound_text`), dates in ISO form,
    sets as lists, a number JSON has no form for (NaN, infinity) as its text, other mapping keys
    in their JSON form."""
    if isinstance(value, str):
        return sound_text(value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {_json_key(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return sound_text(str(value))


def _json_key(key: Any) -> str:
    return sound_text(key) if isinstance(key, str) else json.dumps(_jsonable(key), ensure_ascii=False)


def text_value(value: Any, *, joined: bool = False) -> str:
    """A metadata value as text: a string as it is, anything else in its JSON form (``["a",
    "b"]``, ``true``, ``42``), not Python's; ``joined`` makes a list of strings one ``a, b``."""
    if isinstance(value, str):
        return sound_text(value)
    value = _jsonable(value)
    if joined and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False)


def markdown_to_text(text: str) -> str:
    """Markdown as the plain text the engine reads: headings, emphasis, links and quote marks
    become their words; images, rules, fences, comments and link definitions go."""
    text = MD_HTML_COMMENT.sub("", text)
    text = MD_FENCE.sub("", text)
    text = MD_REF_DEF.sub("", text)
    text = MD_RULE.sub("", text)
    text = MD_SETEXT.sub(r"\1", text)
    text = MD_HEADING.sub(r"\1", text)
    text = MD_QUOTE.sub("", text)
    text = MD_IMAGE.sub("", text)
    text = MD_LINK.sub(r"\1", text)
    text = MD_REF_LINK.sub(r"\1", text)
    text = MD_STRONG.sub(r"\2", text)
    text = MD_EMPHASIS.sub(r"\1", text)
    text = MD_CODE.sub(r"\1", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# --- JSON Lines -----------------------------------------------------------------------------------


def read_jsonl(raw: str, name: str) -> Iterator[Article | InputError]:
    """One article a line: id, text or html, title, url, published, outlet, lang; other fields kept."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        yield parse_jsonl_record(line, name, number)


def _jsonl_article(source: Source) -> Article:
    try:
        line, encoding = decode(source.data)
    except InputError as exc:
        raise source.error(str(exc)) from None
    item = parse_jsonl_record(line, source.name, source.line or 0)
    if isinstance(item, InputError):
        raise item
    item.encoding = encoding
    return item


def parse_jsonl_record(line: str, name: str, number: int, *, normalize: bool = True) -> Article | InputError:
    """One JSON Lines article. ``normalize=False`` keeps the text exactly as given, so that
    offsets point into the caller's own string (as ``quotetrack extract --jsonl`` promises).
    A record with ``html`` and no ``text`` is read as a web page, its metadata filling what the
    record leaves out."""
    try:
        record = _jsonable(json.loads(line, parse_constant=str, parse_float=_json_float))
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", path=name, line=number)
    except ValueError as exc:  # an integer of more digits than Python converts
        return InputError(f"malformed JSON ({exc})", path=name, line=number)
    except RecursionError:
        return InputError("malformed JSON (nested too deeply)", path=name, line=number)
    if not isinstance(record, dict):
        return InputError("a JSON object is expected", path=name, line=number)
    text = record.get("text")
    page: Article | None = None
    if not (isinstance(text, str) and text.strip()):
        html = record.get("html")
        if not (isinstance(html, str) and html.strip()):
            return InputError('no "text" or "html" field with the article', path=name, line=number)
        try:
            page = read_html(html, name, url=_field(record, "url"))
        except InputError as exc:
            return InputError(str(exc).removeprefix(f"{name}: "), path=name, line=number)
        text = page.text
    try:
        published = parse_published(record.get("published")) if record.get("published") else None
    except ValueError as exc:
        return InputError(f'"published": {exc}', path=name, line=number)
    ident = record.get("id")
    article = Article(
        text=normalize_text(text) if normalize else text,
        id=text_value(ident) if ident is not None else None,
        title=_field(record, "title"),
        url=_field(record, "url"),
        published=published,
        outlet=_field(record, "outlet"),
        lang=_field(record, "lang"),
        via=_field(record, "via"),
        byline=_field(record, "byline", joined=True),
        source_path=f"{name}:{number}",
        extra={k: v for k, v in record.items() if k not in JSONL_FIELDS},
    )
    if page is not None:
        for attribute in ("title", "url", "published", "outlet", "lang", "byline"):
            if getattr(article, attribute) is None:
                setattr(article, attribute, getattr(page, attribute))
        article.extra = {**page.extra, **article.extra}
    return article


def _field(record: dict[str, Any], key: str, *, joined: bool = False) -> str | None:
    value = record.get(key)
    return text_value(value, joined=joined) if value not in (None, "") else None


def _json_float(text: str) -> float | str:
    """A JSON number as a float, or as its text when a float cannot hold it (``1e999``)."""
    value = float(text)
    return value if math.isfinite(value) else text
