"""Citation formats from query rows: pure functions from ``store.rows.Citations`` to text.

| format | what it is | module |
| --- | --- | --- |
| ``csl-json`` | CSL-JSON items (article-newspaper, or webpage without an outlet) | ``bib`` |
| ``bibtex``, ``biblatex`` | entries with stable, unique citation keys | ``bib`` |
| ``ris`` | ``TY  - NEWS`` records | ``bib`` |
| ``apa``, ``chicago``, ``style`` | a reference list in a CSL style, quotations first | ``styled`` |
| ``md`` | a citation list grouped by speaker, outlet, article or claim | ``text`` |
| ``csv`` | one row per statement with every field, formulas neutralised | ``text`` |
| ``claimreview`` | schema.org ClaimReview JSON-LD for claims with a verdict | ``claimreview`` |

No click and no database here: the CLI queries ``query.citations.citations_for`` and calls
:func:`export`.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotetrack.cite.bib import bibtex, csl_item, csl_json, ris
from quotetrack.cite.claimreview import claim_reviews, claimreview_json
from quotetrack.cite.common import (
    Name,
    Reference,
    author_line,
    author_names,
    byline_names,
    quotation_line,
    references,
)
from quotetrack.cite.styled import STYLES, formatted, style_path
from quotetrack.cite.text import GROUPS, csv_text, markdown, neutralise
from quotetrack.store.rows import Citations

FORMATS = ("csl-json", "bibtex", "biblatex", "ris", "apa", "chicago", "md", "csv", "claimreview")
# The name under which a reference list in a style given by --style is asked for.
STYLED = "style"

__all__ = [
    "FORMATS",
    "GROUPS",
    "STYLED",
    "STYLES",
    "Export",
    "Name",
    "Reference",
    "author_line",
    "author_names",
    "bibtex",
    "byline_names",
    "claim_reviews",
    "csl_item",
    "csl_json",
    "export",
    "neutralise",
    "quotation_line",
    "references",
    "ris",
    "style_path",
]


@dataclass(frozen=True, slots=True)
class Export:
    """The exported text, and notes for the user (for stderr)."""

    text: str
    notes: tuple[str, ...] = ()


def export(citations: Citations, fmt: str, *, style: str | None = None, group_by: str = "speaker") -> Export:
    """``citations`` as text in ``fmt``; ``style`` (a CSL style name or .csl file) for ``fmt="style"``."""
    refs = references(citations)
    if fmt == "csl-json":
        return Export(csl_json(refs))
    if fmt in ("bibtex", "biblatex"):
        return Export(bibtex(refs, biblatex=fmt == "biblatex"))
    if fmt == "ris":
        return Export(ris(refs))
    if fmt in STYLES:
        return Export(formatted(refs, STYLES[fmt]))
    if fmt == STYLED:
        if not style:
            raise ValueError("a CSL style is needed")
        return Export(formatted(refs, style))
    if fmt == "md":
        return Export(markdown(refs, citations, group_by))
    if fmt == "csv":
        return Export(csv_text(refs, citations))
    if fmt == "claimreview":
        reviews = claimreview_json(citations)
        if citations.claims and any(claim.verdicts for claim in citations.claims.values()):
            return Export(reviews)
        note = "No claim among these statements has a verdict; nothing to review."
        return Export(reviews, (note,))
    raise ValueError(f"unknown citation format {fmt!r}")
