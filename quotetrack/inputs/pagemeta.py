"""What a news page says about its article, read as its readers see it: the headline, the
publication date, the byline and the outlet.

A page states these several times, and not always alike: in JSON-LD (schema.org ``NewsArticle``),
in ``<meta>`` tags (Open Graph ``article:published_time``, ``author``, ``og:site_name``), in its
``<title>`` with the site's name attached, and in what is visible: the ``<h1>``, the byline, the
date line. Each reader here weighs these sources for one field:

- the **headline** is the page's ``<h1>`` that agrees with its ``<title>``, ``og:title`` or
  JSON-LD headline, else the ``<title>`` without the site's name, section or date;
- the **publication date** is the article's own published marker (JSON-LD ``datePublished``,
  ``article:published_time``, a ``<time>`` marked so), else the visible date line, else
  htmldate's original date, else a date in the URL; a modified date never stands for it;
- the **authors** are the persons of the first source that names persons (JSON-LD, ``<meta>``,
  the visible byline outside teasers and sidebars), else the organisations the page names;
- the **outlet** is the name its readers know it by: the domain's outlet in
  ``lexicon/pages/sites.toml``, else the site's own name that goes with its domain, else the domain.

The markup conventions (byline and date classes, labels, page furniture) live in
``lexicon/pages/markup.toml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from quotetrack.inputs.article import find_day, parse_published
from quotetrack.inputs.bylines import ORGANIZATION, Author, organisation, parse_byline, read_data, squeeze
from quotetrack.text import fold

# A byline or date line is short; an element with more text is a biography or a whole article.
MAX_LINE_CHARS = 160
# An <h1> shares at least this much of its words (Dice coefficient) with the page's title
# metadata to be the headline.
MIN_HEADLINE_AGREEMENT = 0.5
MAX_HEADLINE_CHARS = 400
EARLIEST_YEAR = 1990

INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark"}
    | {"q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
TITLE_SEPARATORS = re.compile(r"\s+[|–—»«•·:]{1,2}\s+|\s+-\s+|\s*\|\s*|\s+::\s+")
ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|LiveBlogPosting)$")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)")
WORDS = re.compile(r"\w+")
# <meta> names (lower case) for the article's publication date, best first; each group is one tier
PUBLISHED_META = (
    ("article:published_time", "og:article:published_time", "dc.date.issued", "dcterms.issued"),
    (
        "datepublished",
        "article:published",
        "og:published_time",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "parsely-pub-date",
        "prism.publicationdate",
        "citation_publication_date",
        "citation_date",
        "dc.date",
        "dcterms.date",
        "date",
    ),
)
MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "revision_date",
    "lastmod",
    "article:modified",
    "sailthru.date",
)
AUTHOR_META = (
    "author",
    "article:author",
    "article:author_name",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "sailthru.author",
    "parsely-author",
    "cse_author",
    "byl",
    "citation_author",
    "analyticsattributes.author",
)
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher")
TITLE_META = ("og:title", "twitter:title", "dc.title", "title")


@dataclass(slots=True)
class Page:
    """A parsed page with what its metadata says, read once: JSON-LD objects, ``<meta>`` values
    by lower-case name, and the host of its address."""

    tree: Any
    ld: list[dict[str, Any]]
    meta: dict[str, list[str]]
    host: str | None
    article_ld: dict[str, Any] = field(default_factory=dict)

    def first_meta(self, names: Iterable[str]) -> str | None:
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None


@dataclass(frozen=True, slots=True)
class Dates:
    published: date | None
    modified: date | None


def read_page(tree: Any, url: str | None) -> Page:
    """The JSON-LD objects and ``<meta>`` values of a page; ``url`` gives its host when the page
    names none (``og:url``, canonical link)."""
    ld = list(_json_ld(tree))
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        name = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if name and content:
            meta.setdefault(name.strip().lower(), []).append(" ".join(content.split()))
    page = Page(tree=tree, ld=ld, meta=meta, host=None)
    page.article_ld = _article_object(ld)
    address = url or page.first_meta(("og:url",)) or _canonical(tree) or page.article_ld.get("url")
    page.host = _host(address) if isinstance(address, str) else None
    return page


# --- JSON-LD --------------------------------------------------------------------------------------


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        text = re.sub(r"^\s*(?://)?\s*<!\[CDATA\[|//\s*\]\]>\s*$|^<!--|-->$", "", text).strip()
        try:
            data = json.loads(text)
        except ValueError:
            continue
        yield from _objects(data)


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), list | dict):
                yield from _objects(data[key])


def _types(obj: dict[str, Any]) -> list[str]:
    kinds = obj.get("@type")
    return [str(k) for k in kinds] if isinstance(kinds, list) else [str(kinds or "")]


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object of the article itself: the first of an article type with a headline
    or a body, else the first of an article type."""
    articles = [o for o in objects if any(ARTICLE_TYPES.search(t) for t in _types(o))]
    for obj in articles:
        if obj.get("headline") or obj.get("articleBody"):
            return obj
    return articles[0] if articles else {}


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict):
        parts = [value.get("givenName"), value.get("familyName")]
        named = " ".join(p for p in parts if isinstance(p, str))
        return _ld_text(value.get("name") or value.get("@value") or named or None)
    if isinstance(value, list) and value:
        return _ld_text(value[0])
    return None


def article_body(page: Page) -> str | None:
    """The article's text as JSON-LD ``articleBody`` gives it, if it does."""
    body = page.article_ld.get("articleBody")
    return body if isinstance(body, str) and body.strip() else None


# --- markup ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Markup:
    byline_classes: tuple[str, ...]
    byline_labels: frozenset[str]
    published_labels: frozenset[str]
    modified_labels: frozenset[str]
    modified_classes: tuple[str, ...]
    furniture_classes: frozenset[str]
    furniture_prefixes: tuple[str, ...]
    furniture_tags: frozenset[str]
    domains: dict[str, str]


@cache
def _markup() -> _Markup:
    data = read_data("markup.toml")
    furniture = [t.lower() for t in data["furniture"]["classes"]]
    return _Markup(
        byline_classes=tuple(t.lower() for t in data["bylines"]["classes"]),
        byline_labels=frozenset(fold(t) for t in data["bylines"]["labels"]),
        published_labels=frozenset(fold(t) for t in data["dates"]["published"]),
        modified_labels=frozenset(fold(t) for t in data["dates"]["modified"]),
        modified_classes=tuple(t.lower() for t in data["dates"]["modified_classes"]),
        furniture_classes=frozenset(furniture),
        furniture_prefixes=tuple(t for t in furniture if len(t) >= 6),
        furniture_tags=frozenset(data["furniture"]["tags"]),
        domains={k.lower(): v for k, v in read_data("sites.toml")["domains"].items()},
    )


def _class_words(element: Any) -> list[str]:
    """The words of an element's class and id: "sz-teaser__author authorPopup" -> sz, teaser,
    author, author, popup."""
    text = " ".join(str(element.get(a) or "") for a in ("class", "id", "itemprop", "data-component"))
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^A-Za-z]+", text.lower()) if w]


def _is_furniture(element: Any) -> bool:
    markup = _markup()
    while element is not None and element.tag not in ("body", "html"):  # their classes describe the page
        if not isinstance(element.tag, str):
            return True
        if element.tag in markup.furniture_tags:
            return True
        for word in _class_words(element):
            if word in markup.furniture_classes or word.rstrip("s") in markup.furniture_classes:
                return True
            if any(word.startswith(prefix) for prefix in markup.furniture_prefixes):
                return True
        element = element.getparent()
    return False


def _line(element: Any) -> str:
    """An element's visible text on one line: inline elements run on, others are set apart."""
    return " ".join(_text(element).split())


def _text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "noscript", "template"):
            inner = _text(child)
            parts.append(inner if child.tag in INLINE_TAGS else f" {inner} ")
        parts.append(child.tail or "")
    return "".join(parts)


def _labelled(element: Any, labels: frozenset[str]) -> str | None:
    """The value of a labelled field ("<strong>Author</strong> Ben Knight", "Datum: 10.06.2013"),
    when the element is one whose label is among ``labels``."""
    own = (element.text or "").strip()
    first = next((c for c in element if isinstance(c.tag, str)), None)
    if not own and first is not None and fold((first.text or "").rstrip(": ")) in labels:
        label = _line(first)
        text = _line(element)
        if fold(label.rstrip(":")) in labels and len(text) <= MAX_LINE_CHARS:
            return text[len(label) :].strip(" :") or None
        return None
    head, colon, _rest = own.partition(":")
    if colon and fold(head) in labels:
        text = _line(element)
        value = text.partition(":")[2].strip()
        return value if value and len(text) <= MAX_LINE_CHARS else None
    return None


# --- dates ----------------------------------------------------------------------------------------


def page_dates(page: Page, *, htmldate_day: date | None = None, url: str | None = None) -> Dates:
    """The publication date and the last-modified date of the article in ``page``.

    ``htmldate_day`` is htmldate's original date of the page, used when the page marks no
    publication date of its own and shows no date line."""
    modified = [d for d in (_day(v) for v in _modified_values(page)) if d]
    published: date | None = None
    for tier in _published_tiers(page):
        days = [d for d in (_day(v) for v in tier) if d]
        if len(days) > 1:  # a date that is also the modified one is the weakest
            days = [d for d in days if d not in modified] or days
        if days:
            published = min(days)
            break
    if published is None:
        published = _visible_date(page)
    if published is None and htmldate_day is not None and (htmldate_day not in modified or not _url_day(url)):
        published = htmldate_day
    if published is None:
        published = _url_day(url)
    latest = max(modified) if modified else None
    if latest is not None and published is not None and latest <= published:
        latest = None
    return Dates(published, latest)


def _published_tiers(page: Page) -> Iterator[list[str]]:
    ld = page.article_ld
    first = [str(ld["datePublished"])] if ld.get("datePublished") else []
    first += [v for name in PUBLISHED_META[0] for v in page.meta.get(name, ())]
    first += _itemprop_dates(page, "datepublished")
    yield first
    yield [v for name in PUBLISHED_META[1] for v in page.meta.get(name, ())]


def _modified_values(page: Page) -> list[str]:
    values = [str(page.article_ld["dateModified"])] if page.article_ld.get("dateModified") else []
    values += [v for name in MODIFIED_META for v in page.meta.get(name, ())]
    values += _itemprop_dates(page, "datemodified")
    values += [element.get("datetime") or _line(element) for element in _modified_times(page)]
    return values


def _modified_times(page: Page) -> list[Any]:
    """The ``<time>`` elements marked as a modified date (``class="updated"``), outside teasers."""
    classes = _markup().modified_classes
    return [
        element
        for element in page.tree.iter("time")
        if any(w.startswith(c) for w in _class_words(element) for c in classes) and not _is_furniture(element)
    ]


def _itemprop_dates(page: Page, itemprop: str) -> list[str]:
    """``<time itemprop="datePublished" datetime="...">`` and the like, outside teasers."""
    values = []
    for element in page.tree.iter():
        if not isinstance(element.tag, str) or element.tag == "meta":
            continue
        if (element.get("itemprop") or "").lower() == itemprop and not _is_furniture(element):
            value = element.get("datetime") or element.get("content") or _line(element)
            if value:
                values.append(value)
    return values


def _day(value: str) -> date | None:
    """A date written in metadata, as written (a date-time's own day, not converted to UTC)."""
    try:
        found: date | None = parse_published(value.strip())
    except ValueError:
        return None
    if found is None or found.year < EARLIEST_YEAR or found > date.today():
        return None
    return found


def _visible_date(page: Page) -> date | None:
    """The date line a reader sees: a labelled date field, else the ``<time>`` nearest the
    headline (inside the headline's ``<article>`` when there is one) that is no modified date."""
    markup = _markup()
    for element in page.tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "meta"):
            continue
        value = _labelled(element, markup.published_labels)
        if value and not _is_furniture(element):
            found = _day(value)
            if found:
                return found
    dated: list[tuple[Any, date]] = []
    for element in page.tree.iter("time"):
        parent = element.getparent()
        if parent is None or _is_furniture(element):
            continue
        words = _class_words(element) + _class_words(parent)
        if any(w.startswith(c) for w in words for c in markup.modified_classes):
            continue
        before = fold(_line(parent).split(_line(element))[0]) if _line(element) else ""
        if any(before.endswith(label) or before.endswith(label + ":") for label in markup.modified_labels):
            continue
        found = _day(element.get("datetime") or _line(element))
        if found:
            dated.append((element, found))
    if not dated:
        return None
    heading = next((h for h in page.tree.iter("h1") if _line(h) and not _is_furniture(h)), None)
    if heading is None:
        return dated[0][1]
    article = next((a for a in heading.iterancestors() if a.tag == "article"), None)
    inside = [(e, d) for e, d in dated if article is not None and article in e.iterancestors()]
    order = {element: index for index, element in enumerate(page.tree.iter())}
    return min(inside or dated, key=lambda pair: abs(order[pair[0]] - order[heading]))[1]


def _url_day(url: str | None) -> date | None:
    try:
        match = URL_DATE.search(urlsplit(url).path) if url else None
    except ValueError:
        return None
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# --- outlet ---------------------------------------------------------------------------------------


def _host(address: str) -> str | None:
    try:
        host = urlsplit(address if "//" in address else "//" + address).hostname
    except ValueError:  # "http://[not an address]/"
        return None
    return host.lower().removeprefix("www.") if host else None


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return str(link.get("href"))
    return None


def _domain_label(host: str) -> str:
    """The name part of a host: "www.sueddeutsche.de" -> "sueddeutsche", "bbc.co.uk" -> "bbc",
    "madame.lefigaro.fr" -> "lefigaro"."""
    parts = host.split(".")
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:  # "co.uk", "com.au"
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else host


def _transliterations(name: str) -> set[str]:
    """A name squeezed, with German umlauts both as plain vowels and as ae/oe/ue."""
    lowered = name.lower()
    spelled = lowered.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return {squeeze(lowered), squeeze(spelled)}


def _goes_with_domain(name: str, host: str) -> bool:
    """Whether a site name belongs to the domain: "Süddeutsche.de" and sueddeutsche.de, "South China
    Morning Post" and scmp.com, "DW" and dw.com; not "U.S." and reuters.com."""
    label = squeeze(_domain_label(host))
    if len(label) < 2:
        return False
    words = [w for w in WORDS.findall(fold(name)) if w]
    initials = "".join(w[0] for w in words)
    initials_no_articles = "".join(w[0] for w in words if w not in ("the", "der", "die", "das", "le", "la"))
    for form in _transliterations(name):
        if len(form) >= 2 and (form in label or (label in form and len(label) >= 3)):
            return True
    if label in (initials, initials_no_articles) and len(label) >= 2:
        return True
    # a word of the name that is most of the domain: "Madame Figaro" and lefigaro.fr
    return any(len(w) >= 4 and 2 * len(w) >= len(label) and squeeze(w) in label for w in words)


def site_names(page: Page) -> list[str]:
    """The names the page gives its site: ``og:site_name``, the JSON-LD publisher, the app names."""
    names: list[str] = []
    for name in SITE_META[:3]:
        names += page.meta.get(name, [])
    publisher = _ld_text(page.article_ld.get("publisher"))
    if publisher:
        names.append(publisher)
    for name in SITE_META[3:]:
        names += [v for v in page.meta.get(name, []) if not v.startswith("http")]
    return [n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n]


def outlet_name(page: Page, fallback: str | None = None) -> str | None:
    """The outlet as its readers name it (see the module's description); ``fallback`` is a site
    name found otherwise (trafilatura's), tried after the page's own."""
    host = page.host
    domains = _markup().domains
    if host:
        parts = host.split(".")
        for start in range(len(parts) - 1):
            known = domains.get(".".join(parts[start:]))
            if known:
                return known
    names = site_names(page)
    if fallback and not (host and squeeze(fallback) in (squeeze(host), squeeze(_domain_label(host)))):
        names.append(fallback)  # trafilatura's site name, unless it only spells the domain
    candidates = [c for c in (_clean_site_name(n, host) for n in names) if c]
    if host:
        for candidate in candidates:
            if _goes_with_domain(candidate, host):
                return candidate
        return host
    return candidates[0] if candidates else None


def _clean_site_name(name: str, host: str | None) -> str | None:
    """A site name without taglines, legal form and top-level domain: "News zu VR, AR und KI |
    MIXED.de" -> "MIXED"; "TAZ Verlags- und Vertriebs GmbH" -> "TAZ"; "DW.COM" -> "DW"."""
    found = organisation(name)
    if found is None:
        return None
    parts = [p.strip() for p in TITLE_SEPARATORS.split(found.name) if p.strip()]
    if host and len(parts) > 1:
        parts = [p for p in parts if _goes_with_domain(p, host)] or parts[:1]
    cleaned = parts[0] if parts else found.name
    if host and re.fullmatch(r"[\w-]+\.[a-z]{2,}", cleaned, re.IGNORECASE):
        label = cleaned.rsplit(".", 1)[0]
        if squeeze(label) == squeeze(_domain_label(host)):
            cleaned = label
    return cleaned or None


def outlet_forms(page: Page, outlet: str | None) -> list[str]:
    """Every name the page uses for its own site, for recognising it in a byline or a title."""
    forms = [outlet or "", *site_names(page)]
    if page.host:
        forms += [page.host, _domain_label(page.host)]
    return [f for f in dict.fromkeys(forms) if f]


# --- headline -------------------------------------------------------------------------------------


def headline(page: Page, outlet: str | None, fallback: str | None = None) -> str | None:
    """The article's headline: the ``<h1>`` that agrees with the title metadata, else the
    ``<title>`` (then ``og:title``, the JSON-LD headline, ``fallback``) without the site's name."""
    forms = outlet_forms(page, outlet)
    references = [
        _title_text(page.tree),
        page.first_meta(TITLE_META[:1]),
        page.first_meta(TITLE_META[1:]),
        _ld_text(page.article_ld.get("headline")),
        fallback,
    ]
    cleaned = [c for c in (strip_site_name(r, forms) for r in references if r) if c]
    headings = [
        text
        for text in (_line(h1) for h1 in page.tree.iter("h1") if not _is_furniture(h1))
        if text and len(text) <= MAX_HEADLINE_CHARS and not _is_site_name(text, forms)
    ]
    if not cleaned:  # the title metadata names only the site: the first heading is the headline
        return headings[0] if headings else None
    best, agreement = None, 0.0
    for text in headings:
        score = max(_agreement(text, ref) for ref in cleaned)
        if score > agreement:
            best, agreement = text, score
    if best is not None and agreement >= MIN_HEADLINE_AGREEMENT:
        return best
    return cleaned[0]


def _title_text(tree: Any) -> str | None:
    for title in tree.iter("title"):
        if not _in_svg(title):
            text = _line(title)
            if text:
                return text
    return None


def _in_svg(element: Any) -> bool:
    while element is not None:
        if isinstance(element.tag, str) and element.tag.endswith("svg"):
            return True
        element = element.getparent()
    return False


def _agreement(a: str, b: str) -> float:
    """How much two titles share: the Dice coefficient of their word sets."""
    wa, wb = set(WORDS.findall(fold(a))), set(WORDS.findall(fold(b)))
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def _is_site_name(text: str, forms: list[str]) -> bool:
    squeezed = squeeze(text)
    return bool(squeezed) and any(squeezed in _transliterations(form) for form in forms)


def _is_furniture_part(part: str, forms: list[str]) -> bool:
    """A part of a title that is the site's name or its domain, or a date."""
    if _is_site_name(part, forms):
        return True
    squeezed = squeeze(part)
    if any(len(squeeze(form)) >= 3 and squeeze(form) in squeezed for form in forms):
        return len(part.split()) <= 4
    return bool(re.fullmatch(r"[\d./\s-]+", part)) or bool(find_day(part) and len(part) <= 20)


def strip_site_name(title: str, forms: list[str]) -> str | None:
    """A ``<title>`` without the site's name and what hangs on it: "Title | Section | Site | date"
    -> "Title", "Site - Title" -> "Title", "Title » Blog" -> "Title"."""
    title = " ".join(title.split())
    pieces = TITLE_SEPARATORS.split(title)
    separators = TITLE_SEPARATORS.findall(title)
    if len(pieces) == 1:
        return None if _is_site_name(title, forms) else title
    site = [i for i, piece in enumerate(pieces) if _is_furniture_part(piece, forms)]
    if not site:
        return title
    if site[0] == 0:  # "Site | Title": the title follows the site's name
        rest = [i for i in range(len(pieces)) if i not in site]
        if not rest:
            return None
        start, end = rest[0], rest[0] + 1
        while end < len(pieces) and end not in site:
            end += 1
    else:
        start, end = 0, site[0]
        # sections and taglines between the title and the site's name go with the site
        while end - start > 1 and separators[end - 1].strip() == separators[0].strip():
            end -= 1
    text = pieces[start]
    for index in range(start + 1, end):
        text += separators[index - 1] + pieces[index]
    return text.strip() or None


# --- authors --------------------------------------------------------------------------------------


def page_authors(page: Page, outlet: str | None) -> tuple[Author, ...]:
    """The article's authors (see the module's description)."""
    forms = outlet_forms(page, outlet)
    organisations: list[Author] = []
    for found in (_ld_authors(page, forms), _meta_authors(page, forms), _visible_authors(page, forms)):
        if any(a.is_person for a in found):
            return tuple(found)
        organisations += found
    return tuple(_unique(organisations))


def _unique(authors: Iterable[Author]) -> list[Author]:
    seen: set[str] = set()
    out = []
    for author in authors:
        if fold(author.name) not in seen:
            seen.add(fold(author.name))
            out.append(author)
    return out


def _ld_authors(page: Page, forms: list[str]) -> list[Author]:
    value = page.article_ld.get("author") or page.article_ld.get("creator")
    entries = value if isinstance(value, list) else [value] if value else []
    authors: list[Author] = []
    for entry in entries:
        name = _ld_text(entry)
        if not name or name.startswith("http"):
            continue
        kinds = _types(entry) if isinstance(entry, dict) else []
        if any("Organization" in k or "Organisation" in k for k in kinds):
            found = organisation(name)
            authors += [found] if found else []
        else:
            authors += parse_byline(name, outlet=forms)
    return _unique(authors)


def _meta_authors(page: Page, forms: list[str]) -> list[Author]:
    authors: list[Author] = []
    for name in AUTHOR_META:
        for value in page.meta.get(name, ()):
            if value.startswith(("http", "@", "/")) or value.isdigit():
                continue
            authors += parse_byline(value, outlet=forms)
    return _unique(authors)


def _visible_authors(page: Page, forms: list[str]) -> list[Author]:
    """The first byline of the page outside its furniture: an element marked as one (class,
    id, ``itemprop="author"``, ``rel="author"``) or a labelled field ("Author Ben Knight")."""
    markup = _markup()
    organisations: list[Author] = []
    for element in page.tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "meta", "title"):
            continue
        text = None
        words = _class_words(element)
        if (element.get("rel") or "").lower() == "author" or any(
            w.startswith(c) for w in words for c in markup.byline_classes
        ):
            text = _line(element)
        else:
            text = _labelled(element, markup.byline_labels)
        if not text or len(text) > MAX_LINE_CHARS or _is_furniture(element):
            continue
        found = parse_byline(text, outlet=forms)
        if any(a.is_person for a in found):
            return list(found)
        organisations += [a for a in found if a.kind == ORGANIZATION]
    return _unique(organisations)
