"""Reading a saved web page: its main text and metadata through trafilatura.

trafilatura leaves out navigation, cookie banners, teasers, share links and the comment
section (``include_comments=False``) and finds title, author, publication date, site name
and canonical URL; the page's ``lang`` attribute gives its language. Its text has one
paragraph a line; the article text joins them with blank lines, the form the engine reads.
trafilatura is slow to import, so this module is imported only when a page is read.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from quotetrack.errors import InputError
from quotetrack.inputs.article import Article, normalize_text, parse_published

# Less article text than this is a page without an article (an index, a login wall, a page
# that a script fills in).
MIN_TEXT_CHARS = 100
META_LANGUAGE = re.compile(
    r"""<meta[^>]+(?:http-equiv=["']?content-language["']?|property=["']og:locale["'])"""
    r"""[^>]+content=["']?([A-Za-z_-]{2,})""",
    re.IGNORECASE,
)
EXTRA_FIELDS = ("description", "categories", "tags", "image", "pagetype", "license", "hostname")


def read_html(html: str, name: str, *, url: str | None = None) -> Article:
    """The article in a web page; InputError when the page holds no article text."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InputError("is not an HTML page that can be read", path=name)
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        found = META_LANGUAGE.search(html[:20000])
        lang = found.group(1) if found else None
    document: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    raw_text = getattr(document, "text", None) if document is not None else None
    paragraphs = [line.strip() for line in (raw_text or "").split("\n") if line.strip()]
    text = normalize_text("\n\n".join(paragraphs))
    if len(text) < MIN_TEXT_CHARS:
        raise InputError(
            "has no article text (a page without an article, or one that a script fills in)", path=name
        )
    assert document is not None
    published: date | None = None
    if document.date:
        try:
            published = parse_published(document.date)
        except ValueError:
            published = None
    extra: dict[str, Any] = {}
    for key in EXTRA_FIELDS:
        value = getattr(document, key, None)
        if value not in (None, "", []):
            extra[key] = value
    return Article(
        text=text + "\n",
        title=_clean(document.title),
        byline=_clean(document.author),
        published=published,
        url=_clean(document.url) or url,
        outlet=_clean(document.sitename),
        lang=lang,
        source_path=name,
        extra=extra,
    )


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
