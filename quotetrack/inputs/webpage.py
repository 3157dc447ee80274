"""Reading a saved web page: its main text through trafilatura, its metadata as readers see it.

trafilatura leaves out navigation, cookie banners, teasers, share links and the comment
section (``include_comments=False``). Its main text keeps the page's paragraphs: a line break
inside a paragraph (``<br>``) joins the lines with a space, unless it follows the end of a
sentence: then, as two in a row, it starts a new paragraph.
When the page's JSON-LD ``articleBody`` is much longer than that text (a page that a script
fills in, a body trafilatura took for furniture), the article text is the ``articleBody``.

Headline, publication and modified dates, authors and outlet are read by
:mod:`quotetrack.inputs.pagemeta`; the page's ``lang`` attribute gives its language.
trafilatura is slow to import, so this module imports it only when a page is read.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

from quotetrack.errors import InputError
from quotetrack.inputs import pagemeta
from quotetrack.inputs.article import Article, normalize_text, parse_published
from quotetrack.inputs.bylines import read_data

# Less article text than this is a page without an article (an index, a login wall, a page
# that a script fills in).
MIN_TEXT_CHARS = 100
# JSON-LD articleBody replaces the extracted text when the extracted text is shorter than this
# share of it.
BODY_SHARE = 0.5
META_LANGUAGE = re.compile(
    r"""<meta[^>]+(?:http-equiv=["']?content-language["']?|property=["']og:locale["'])"""
    r"""[^>]+content=["']?([A-Za-z_-]{2,})""",
    re.IGNORECASE,
)
EXTRA_FIELDS = ("description", "categories", "tags", "image", "pagetype", "license", "hostname")
# trafilatura's elements that are paragraphs of the text
BLOCKS = frozenset({"p", "head", "item", "quote", "cell", "code", "list", "table", "row"})
# A paragraph of at most LINK_PARAGRAPH_CHARS that is mostly (LINK_SHARE) the text of links
# points to other articles ("Read more: ..."); so does a list whose items mostly are.
LINK_SHARE = 0.5
# the end of a sentence, with the quotation marks and brackets that may close it
SENTENCE_END = re.compile(r"[.!?…][\"'“”»«‘’)\]]*$")
LINK_PARAGRAPH_CHARS = 200


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
        include_links=True,  # for telling lists of links to other articles from the text
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    page = pagemeta.read_page(tree, url or _clean(getattr(document, "url", None)))
    text = _main_text(document)
    body = pagemeta.article_body(page)
    if body is not None:
        from_ld = _ld_body_text(body)
        if len(text) < BODY_SHARE * len(from_ld):
            text = from_ld
    if len(text) < MIN_TEXT_CHARS:
        raise InputError(
            "has no article text (a page without an article, or one that a script fills in)", path=name
        )
    assert document is not None
    outlet = pagemeta.outlet_name(page, _clean(document.sitename))
    authors = pagemeta.page_authors(page, outlet)
    dates = pagemeta.page_dates(page, htmldate_day=_date(document.date), url=_clean(document.url) or url)
    extra: dict[str, Any] = {}
    for key in EXTRA_FIELDS:
        value = getattr(document, key, None)
        if value not in (None, "", []):
            extra[key] = value
    return Article(
        text=text + "\n",
        title=pagemeta.headline(page, outlet, _clean(document.title)),
        byline=", ".join(author.name for author in authors) or None,
        authors=authors,
        published=dates.published,
        modified=dates.modified,
        url=_clean(document.url) or url,
        outlet=outlet,
        lang=lang,
        source_path=name,
        extra=extra,
    )


def _main_text(document: Any) -> str:
    """trafilatura's main text, one paragraph a block; a single line break inside a paragraph
    is a space, two start a new paragraph. Lists of links to other articles and the headings
    of embedded galleries and videos are left out."""
    body = getattr(document, "body", None) if document is not None else None
    if body is None:
        raw = getattr(document, "text", None) if document is not None else None
        return normalize_text("\n\n".join(line.strip() for line in (raw or "").split("\n") if line.strip()))
    paragraphs: list[str] = []
    for block in body:
        paragraphs += _paragraphs(block)
    return normalize_text("\n\n".join(p for p in paragraphs if p))


def _paragraphs(block: Any) -> list[str]:
    """The paragraphs of one of trafilatura's elements: a paragraph, or a container (a list, a
    ``<div>`` it kept) whose blocks are paragraphs of their own."""
    if not isinstance(block.tag, str) or _points_elsewhere(block):
        return []
    if block.tag in ("p", "head", "item", "cell", "code") and not _holds_blocks(block):
        return _split_soft_breaks(_inline(block))
    out: list[str] = []
    run = [block.text or ""]  # text between the container's blocks
    for child in block:
        if isinstance(child.tag, str) and (child.tag in BLOCKS or _holds_blocks(child)):
            out += _split_soft_breaks("".join(run))
            run = []
            out += _paragraphs(child)
            if not _points_elsewhere(child):  # a gallery's heading takes its caption along
                run.append(child.tail or "")
        else:
            run.append("\n" if child.tag == "lb" else _inline(child) if isinstance(child.tag, str) else "")
            run.append(child.tail or "")
    return out + _split_soft_breaks("".join(run))


def _holds_blocks(element: Any) -> bool:
    return any(inner is not element for inner in element.iter(*BLOCKS))


def _points_elsewhere(block: Any) -> bool:
    """A block that is page furniture inside the text: a short paragraph or a list made of links,
    or the heading of an embedded gallery or video."""
    if block.tag == "head":
        heading = " ".join(_inline(block).split()).casefold()
        return any(phrase in heading for phrase in _media_headings())
    if block.tag == "list":
        items = [item for item in block if item.tag == "item"]
        linked = [item for item in items if _link_share(item) >= LINK_SHARE]
        return bool(items) and len(linked) * 3 >= len(items) * 2
    if block.tag in ("p", "item"):
        text = " ".join(_inline(block).split())
        return len(text) <= LINK_PARAGRAPH_CHARS and _link_share(block) > LINK_SHARE
    return False


def _link_share(element: Any) -> float:
    text = "".join(_inline(element).split())
    linked = "".join("".join(_inline(ref).split()) for ref in element.iter("ref"))
    return len(linked) / len(text) if text else 0.0


@cache
def _media_headings() -> tuple[str, ...]:
    return tuple(p.casefold() for p in read_data("markup.toml")["furniture"]["media_headings"])


def _inline(element: Any) -> str:
    """An element's text with ``<lb/>`` as a line break and nested blocks as paragraph breaks."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            pieces.append("\n")
        elif isinstance(child.tag, str):
            inner = _inline(child)
            pieces.append(f"\n\n{inner}\n\n" if child.tag in BLOCKS else inner)
        pieces.append(child.tail or "")
    return "".join(pieces)


def _split_soft_breaks(text: str) -> list[str]:
    """Paragraphs of a block: two line breaks in a row part them; one (a ``<br>``, or several,
    which trafilatura gives as one) parts them only after the end of a sentence, before a
    capital: inside a sentence it is a space."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        current = ""
        for line in (line for line in lines if line):
            if current and SENTENCE_END.search(current) and line[:1].isupper():
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}" if current else line
        if current:
            paragraphs.append(current)
    return paragraphs


def _ld_body_text(body: str) -> str:
    """JSON-LD ``articleBody`` as article text: its markup, if any, taken out, one paragraph a
    line or a blank line."""
    if "<" in body and ">" in body:
        from lxml import html as lxml_html

        fragment = lxml_html.fragment_fromstring(body, create_parent="div")
        for br in fragment.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for element in fragment.iter("p", "div", "li", "h2", "h3", "h4", "blockquote"):
            element.tail = "\n\n" + (element.tail or "")
        body = fragment.text_content()
    parts = re.split(r"\n\s*\n" if "\n\n" in body.replace("\r", "") else r"\n", body.replace("\r", ""))
    return normalize_text("\n\n".join(" ".join(p.split()) for p in parts if p.strip()))


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
