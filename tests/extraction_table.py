"""The harness of the per-language attribution tables (test_extract_de.py, test_extract_en.py).

A row lists the statements a careful annotator marks: the engine must find each one (same
type, exactly that text) with that speaker (and, where given, source, cue, role, affiliation,
speaker kind). A row without statements must give none; ``only=True`` means nothing beyond
the listed statements may be found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from quotetrack.extract import extract_text

UNSET = object()  # "not checked" (None means "must be None")
ARTICLES = ("der", "die", "das", "dem", "den", "des", "the")
QUOTE_MARKS = "\"'„“”»«‚‘’›‹"


@dataclass(frozen=True)
class Exp:
    type: str
    text: str
    speaker: str | None
    source: object = UNSET
    cue: object = UNSET
    role: object = UNSET
    affiliation: object = UNSET
    kind: object = UNSET


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    expected: tuple[Exp, ...] = ()
    only: bool = False
    via: object = UNSET


def S(type_: str, text: str, speaker: str | None, **checks: object) -> Exp:
    return Exp(type_, text, speaker, **checks)


def R(id_: str, text: str, *expected: Exp, only: bool = False, via: object = UNSET) -> Row:
    return Row(id_, text, tuple(expected), only=only, via=via)


def _name(value: str | None) -> str | None:
    """A name for comparison: quotation marks and a leading article dropped, spaces collapsed."""
    if value is None:
        return None
    words = "".join(ch for ch in value if ch not in QUOTE_MARKS).split()
    if len(words) > 1 and words[0].lower() in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _cue(value: str | None) -> str | None:
    return None if value is None else " ".join(value.lower().split())


def _show(stmts) -> str:
    if not stmts:
        return "nothing"
    return "; ".join(
        f"{s.type} {s.text!r} <- {s.speaker!r} (source {s.source!r}, cue {s.cue!r})" for s in stmts
    )


def check_row(row: Row, lang: str, published: date | None) -> None:
    result = extract_text(row.text, lang=lang, published=published)
    got = result.statements
    problems: list[str] = []
    for exp in row.expected:
        same = [s for s in got if s.text == exp.text]
        match = [s for s in same if s.type == exp.type]
        if not match:
            if same:
                problems.append(f"{exp.type} {exp.text!r}: found as {same[0].type}")
            else:
                problems.append(f"{exp.type} {exp.text!r}: not found")
            continue
        s = match[0]
        if _name(s.speaker) != _name(exp.speaker):
            problems.append(f"{exp.text!r}: speaker {s.speaker!r}, expected {exp.speaker!r}")
        if exp.source is not UNSET and _name(s.source) != _name(exp.source):  # type: ignore[arg-type]
            problems.append(f"{exp.text!r}: source {s.source!r}, expected {exp.source!r}")
        if exp.cue is not UNSET and _cue(s.cue) != _cue(exp.cue):  # type: ignore[arg-type]
            problems.append(f"{exp.text!r}: cue {s.cue!r}, expected {exp.cue!r}")
        if exp.role is not UNSET and _name(s.role) != _name(exp.role):  # type: ignore[arg-type]
            problems.append(f"{exp.text!r}: role {s.role!r}, expected {exp.role!r}")
        if exp.affiliation is not UNSET and _name(s.affiliation) != _name(exp.affiliation):  # type: ignore[arg-type]
            problems.append(f"{exp.text!r}: affiliation {s.affiliation!r}, expected {exp.affiliation!r}")
        if exp.kind is not UNSET and s.speaker_kind != exp.kind:
            problems.append(f"{exp.text!r}: speaker_kind {s.speaker_kind!r}, expected {exp.kind!r}")
    if not row.expected and got:
        problems.append("expected no statement")
    if row.only:
        wanted = {(e.type, e.text) for e in row.expected}
        extra = [s for s in got if (s.type, s.text) not in wanted]
        if extra:
            problems.append(f"unexpected: {_show(extra)}")
    if row.via is not UNSET and result.via != row.via:
        problems.append(f"via {result.via!r}, expected {row.via!r}")
    assert not problems, f"{row.text!r}\n  " + "\n  ".join(problems) + f"\n  got: {_show(got)}"


def check_offsets(row: Row, lang: str, published: date | None) -> None:
    for s in extract_text(row.text, lang=lang, published=published).statements:
        assert 0 <= s.start <= s.end <= len(row.text), s
        assert row.text[s.start : s.end] == s.text, s
