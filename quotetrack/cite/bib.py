"""Reference-manager formats: CSL-JSON, BibTeX, BibLaTeX and RIS.

Where the statements go:

- CSL-JSON: ``note`` holds one quotation line per statement (``„…“ — speaker, role,
  said_on``); ``custom`` holds them as data (``custom.statements``) with ``article_id``
  and ``via``.
- BibTeX ``annote`` / BibLaTeX ``annotation``: the quotation lines, one per line.
- RIS: one ``N1`` note per quotation line.
"""

from __future__ import annotations

import json
from typing import Any

from quotetrack.cite.common import (
    Name,
    Reference,
    accessed_date,
    date_parts,
    note_lines,
    one_line,
)

CSL_NEWSPAPER = "article-newspaper"
CSL_WEBPAGE = "webpage"
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# --- CSL-JSON -------------------------------------------------------------------------------------


def csl_name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family or ""}
    if name.given:
        out["given"] = name.given
    if name.particle:
        out["non-dropping-particle"] = name.particle
    return out


def csl_item(reference: Reference, *, annotations: bool = True) -> dict[str, Any]:
    """One CSL-JSON item; without ``annotations`` it has no ``note`` and ``custom`` (for styles)."""
    article = reference.article
    item: dict[str, Any] = {
        "id": reference.key,
        "citation-key": reference.key,
        "type": CSL_NEWSPAPER if article.outlet else CSL_WEBPAGE,
    }
    if article.title:
        item["title"] = one_line(article.title)
    if article.outlet:
        item["container-title"] = one_line(article.outlet)
    if reference.authors:
        item["author"] = [csl_name(name) for name in reference.authors]
    if article.published:
        item["issued"] = date_parts(article.published)
    item["accessed"] = date_parts(accessed_date(article))
    if article.url:
        item["URL"] = article.url
    if article.lang:
        item["language"] = article.lang
    if annotations:
        item["note"] = "\n".join(note_lines(reference))
        item["custom"] = {
            "article_id": article.id,
            "via": article.via,
            "statements": [
                {
                    "id": row.id,
                    "text": row.text,
                    "type": row.type,
                    "speaker": row.speaker or row.speaker_mention,
                    "speaker_kind": row.speaker_kind,
                    "role": row.role,
                    "affiliation": row.affiliation,
                    "cue": row.cue,
                    "source": row.source,
                    "said_on": row.said_on.isoformat() if row.said_on else None,
                    "date_text": row.date_text,
                }
                for row in reference.statements
            ],
        }
    return item


def csl_json(references: list[Reference]) -> str:
    return json.dumps([csl_item(r) for r in references], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX and BibLaTeX --------------------------------------------------------------------------

# LaTeX's special characters, spelled so that braces stay balanced for BibTeX's parser.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    """Text for a BibTeX field: LaTeX specials escaped, everything else (ß, é, 李) kept as UTF-8."""
    return "".join(_LATEX.get(char, char) for char in text)


def _url(url: str) -> str:
    """A URL as a verbatim field: only braces and whitespace need encoding."""
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex_name(name: Name) -> str:
    """``family, given`` (``von der Leyen, Ursula``); a literal name braced so it stays whole."""
    if name.literal:
        return "{" + latex_escape(name.literal) + "}"
    family = latex_escape(" ".join(p for p in (name.particle, name.family) if p))
    return f"{family}, {latex_escape(name.given)}" if name.given else "{" + family + "}"


def _entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"@{kind}{{{key},"]
    for field, value in fields:
        if value is None:
            continue
        lines.append(f"  {field} = {value},")
    lines.append("}")
    return "\n".join(lines)


def _braced(text: str | None) -> str | None:
    return None if not text else "{" + text + "}"


def bibtex(references: list[Reference], *, biblatex: bool = False) -> str:
    """BibTeX (``@article`` with ``journal`` = outlet, ``@misc`` without one) or BibLaTeX
    (``@article`` with ``entrysubtype = {newspaper}``, ``@online`` without an outlet).

    Titles are wrapped in an extra pair of braces for BibTeX, so styles keep their case.
    """
    entries = [_biblatex_entry(r) if biblatex else _bibtex_entry(r) for r in references]
    return "".join(entry + "\n\n" for entry in entries).removesuffix("\n")


def _common(reference: Reference) -> tuple[str | None, str | None, str | None, str | None]:
    article = reference.article
    authors = " and ".join(bibtex_name(name) for name in reference.authors) or None
    title = latex_escape(one_line(article.title)) if article.title else None
    outlet = latex_escape(one_line(article.outlet)) if article.outlet else None
    notes = "\n".join(latex_escape(line) for line in note_lines(reference)) or None
    return authors, title, outlet, notes


def _bibtex_entry(reference: Reference) -> str:
    article = reference.article
    authors, title, outlet, notes = _common(reference)
    published = article.published
    return _entry(
        "article" if outlet else "misc",
        reference.key,
        [
            ("author", _braced(authors)),
            ("title", _braced(_braced(title))),
            ("journal", _braced(outlet)),
            ("year", _braced(str(published.year)) if published else None),
            ("month", MONTHS[published.month - 1] if published else None),
            ("url", _braced(_url(article.url)) if article.url else None),
            ("urldate", _braced(accessed_date(article).isoformat())),
            ("language", _braced(latex_escape(article.lang)) if article.lang else None),
            ("annote", _braced(notes)),
        ],
    )


def _biblatex_entry(reference: Reference) -> str:
    article = reference.article
    authors, title, outlet, notes = _common(reference)
    return _entry(
        "article" if outlet else "online",
        reference.key,
        [
            ("entrysubtype", "{newspaper}" if outlet else None),
            ("author", _braced(authors)),
            ("title", _braced(title)),
            ("journaltitle", _braced(outlet)),
            ("date", _braced(article.published.isoformat()) if article.published else None),
            ("url", _braced(_url(article.url)) if article.url else None),
            ("urldate", _braced(accessed_date(article).isoformat())),
            ("language", _braced(latex_escape(article.lang)) if article.lang else None),
            ("annotation", _braced(notes)),
        ],
    )


# --- RIS ------------------------------------------------------------------------------------------


def ris(references: list[Reference]) -> str:
    """RIS records: ``TY  - NEWS`` (``ELEC`` without an outlet), one ``N1`` per quotation line."""
    records = []
    for reference in references:
        article = reference.article
        tags: list[tuple[str, str | None]] = [
            ("TY", "NEWS" if article.outlet else "ELEC"),
            ("ID", reference.key),
        ]
        tags += [("AU", name.sort_name) for name in reference.authors]
        tags += [
            ("TI", article.title),
            ("T2", article.outlet),
            ("PY", str(article.published.year) if article.published else None),
            ("DA", article.published.strftime("%Y/%m/%d") if article.published else None),
            ("Y2", accessed_date(article).strftime("%Y/%m/%d")),
            ("UR", article.url),
            ("LA", article.lang),
        ]
        tags += [("N1", line) for line in note_lines(reference)]
        lines = [f"{tag}  - {one_line(value)}" for tag, value in tags if value]
        records.append("\n".join([*lines, "ER  - "]) + "\n")
    return "\n".join(records)
