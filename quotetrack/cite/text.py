"""Citation lists to read (Markdown) and to sort and filter (CSV).

Markdown layout, grouped by speaker (or outlet, article, claim)::

    # Citations by speaker

    ## Felix Marquardt

    Jana Köhler: [„Nachtzüge: …“](https://…) in *Bahnblick Online*, 2024-03-14, taken from Nordlicht …

    - „Es gibt noch keine Entscheidung über einzelne Linien …“\\
      — Felix Marquardt, Sprecher des Bundesverkehrsministeriums, said 2024-03-13 (am Mittwoch)
    - die Zahlen in dem Bericht seien „aus dem Zusammenhang gerissen“ (reported speech)\\
      — Felix Marquardt, Sprecher des Bundesverkehrsministeriums, said 2024-03-13 (am Mittwoch)

Within a group each article is one reference followed by its statements. A statement the
article has from a source gets a relay line: ``Relay: Outlet, taken from Via, citing Source``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from quotetrack.cite.common import (
    Reference,
    accessed_date,
    author_line,
    enquote,
    one_line,
    quotation,
    relay_chain,
    speaker_details,
    speaker_name,
)
from quotetrack.store.rows import Citations, ClaimRow, StatementRow
from quotetrack.text import fold

GROUPS = ("speaker", "outlet", "article", "claim")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
CSV_COLUMNS = [
    *(field.name for field in dataclasses.fields(StatementRow)),
    "citation_key",
    "byline",
    "accessed",
    "claim_id",
]
# What a spreadsheet runs as a formula when a cell starts with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def md_escape(text: str | None) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def _link(url: str) -> str:
    return (
        url.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


def _autolink(url: str) -> str:
    return "<" + _link(url) + ">"


def md_reference(reference: Reference) -> str:
    """``Byline: [„Title“](URL) in *Outlet*, date, taken from Via``"""
    article = reference.article
    title = enquote(md_escape(article.title), article.lang) if article.title else f"Article {article.id}"
    line = f"[{title}]({_link(article.url)})" if article.url else title
    authors = author_line(reference)
    if authors:
        line = f"{md_escape(authors)}: {line}"
    details = [f"*{md_escape(article.outlet)}*" if article.outlet else None]
    details += [article.published.isoformat() if article.published else None]
    details += [f"taken from {md_escape(article.via)}" if article.via else None]
    shown = [part for part in details if part]
    return f"{line} in {', '.join(shown)}" if shown else line


def md_statement(row: StatementRow, reference: Reference) -> str:
    article = reference.article
    parts = [md_escape(part) for part in speaker_details(row)]
    if row.said_on or row.date_text:
        when = row.said_on.isoformat() if row.said_on else ""
        if row.date_text:
            when = f"{when} ({md_escape(row.date_text)})" if when else md_escape(row.date_text)
        parts.append(f"said {when}")
    lines = [md_escape(quotation(row, article.lang)), "— " + ", ".join(parts)]
    if row.source:
        chain = relay_chain(article, row)
        lines.append(f"Relay: {md_escape(chain)}")
    return "- " + "\\\n  ".join(lines)


def markdown(references: list[Reference], citations: Citations, group_by: str = "speaker") -> str:
    """A citation list grouped by speaker, outlet, article or claim (see the module's docstring)."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPS)}")
    out = [f"# Citations by {group_by}", ""]
    if not references:
        out += ["No statements match.", ""]
        return "\n".join(out)
    for heading, preamble, members in _groups(references, citations, group_by):
        out += [f"## {heading}", ""]
        if preamble:
            out += [*preamble, ""]
        for reference, rows in members:
            if group_by != "article":
                out += [md_reference(reference), ""]
            out += [md_statement(row, reference) for row in rows]
            out.append("")
    return "\n".join(out)


Member = tuple[Reference, list[StatementRow]]


def _groups(
    references: list[Reference], citations: Citations, group_by: str
) -> list[tuple[str, list[str], list[Member]]]:
    if group_by == "article":
        return [
            (
                md_escape(r.article.title) or f"Article {r.article.id}",
                [md_reference(r)],
                [(r, list(r.statements))],
            )
            for r in references
        ]
    key: Callable[[Reference, StatementRow], Any]
    if group_by == "speaker":
        key = lambda r, row: speaker_name(row) if (row.speaker or row.speaker_mention) else None  # noqa: E731
    elif group_by == "outlet":
        key = lambda r, row: r.article.outlet  # noqa: E731
    else:
        key = lambda r, row: citations.claim_of.get(row.id)  # noqa: E731
    grouped: dict[Any, dict[str, Member]] = defaultdict(dict)
    for reference in references:
        for row in reference.statements:
            member = grouped[key(reference, row)].setdefault(reference.key, (reference, []))
            member[1].append(row)
    groups = []
    for value, members in grouped.items():
        if group_by == "claim":
            heading, preamble = _claim_heading(citations.claims.get(value) if value is not None else None)
        else:
            heading, preamble = (md_escape(value) if value else f"Unknown {group_by}"), []
        groups.append((value, heading, preamble, list(members.values())))
    groups.sort(key=lambda g: _group_order(g[0], group_by))
    return [(heading, preamble, members) for _, heading, preamble, members in groups]


def _group_order(value: Any, group_by: str) -> tuple[bool, Any]:
    if value is None:
        return (True, "")
    return (False, value if group_by == "claim" else fold(str(value)))


def _claim_heading(claim: ClaimRow | None) -> tuple[str, list[str]]:
    if claim is None:
        return "Statements without a claim", []
    heading = f"Claim {claim.id}: {md_escape(claim.text)}"
    preamble = []
    for verdict in claim.verdicts:
        details = [
            part for part in (verdict.reviewer, verdict.date.isoformat() if verdict.date else None) if part
        ]
        line = f"- Verdict: **{md_escape(verdict.rating)}**"
        if details:
            line += f" ({md_escape(', '.join(details))})"
        if verdict.url:
            line += " " + _autolink(verdict.url)
        preamble.append(line)
    return heading, preamble


# --- CSV ------------------------------------------------------------------------------------------


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'`` so it stays text."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(references: list[Reference], citations: Citations) -> str:
    """One row per statement, in the query's order: every field of the statement row, then
    ``citation_key``, ``byline``, ``accessed`` and ``claim_id``."""
    by_article = {reference.article.id: reference for reference in references}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in citations.statements:
        reference = by_article.get(row.article_id)
        if reference is None:
            continue
        record = {
            **row.to_json(),
            "citation_key": reference.key,
            "byline": author_line(reference),
            "accessed": accessed_date(reference.article).isoformat(),
            "claim_id": citations.claim_of.get(row.id),
        }
        writer.writerow({k: "" if v is None else neutralise(v) for k, v in record.items()})
    return buffer.getvalue()
