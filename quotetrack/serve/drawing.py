"""What the pages draw: the provenance tree as SVG, a speaker's statements per month as a bar
chart, a wording's changes word by word, an article's text with its statements marked and a
search hit's snippet. Every text is escaped here; the results are safe markup."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from quotetrack.facts.trace import Node
from quotetrack.store.models import SUGGESTED
from quotetrack.text import fold


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# --- provenance -----------------------------------------------------------------------------------

BOX_W, BOX_H = 210, 48
COLUMN_GAP, ROW_H, PAD = 110, 66, 12
EDGE_WORDS = {"republishes": "republishes", "translates": "translates", "relays": "relays", "cites": "cites"}


@dataclass(slots=True)
class _Placed:
    node: Node
    depth: int
    row: float
    children: list[_Placed] = field(default_factory=list)


def _place(root: Node) -> tuple[_Placed, int]:
    """Depth-first layout: leaves on consecutive rows, a parent between its first and last child."""
    rows = itertools.count()

    def place(node: Node, depth: int) -> _Placed:
        children = [place(child, depth + 1) for child in node.children]
        row = (children[0].row + children[-1].row) / 2 if children else float(next(rows))
        return _Placed(node, depth, row, children)

    placed = place(root, 0)
    return placed, next(rows)


def node_href(node: Node) -> str | None:
    if node.kind == "article":
        return f"/articles/{node.id}"
    if node.kind == "claim":
        return f"/claims/{node.id}"
    return None


def _node_lines(node: Node) -> tuple[str, str]:
    if node.kind == "claim":
        return f"Claim {node.id}", _short(node.label, 30)
    day = node.day.isoformat() if node.day else "no date"
    if node.kind == "outlet":
        return _short(node.label, 28), "outlet (no article stored)"
    return _short(node.label, 28), day


def _node_title(node: Node) -> str:
    parts = [node.label if node.kind != "claim" else f"Claim {node.id}: {node.label}"]
    if node.title:
        parts.append(node.title)
    if node.day:
        parts.append(node.day.isoformat())
    return " — ".join(parts)


def provenance_svg(root: Node, *, caption: str) -> Markup:
    """The tree as an SVG graph, left to right: each text points to where it came from.
    Confirmed edges are solid, machine-suggested ones dashed and marked with "?"."""
    placed, leaves = _place(root)
    depth = max(p.depth for p in _walk(placed))
    width = PAD * 2 + (depth + 1) * BOX_W + depth * COLUMN_GAP
    height = PAD * 2 + max(1, leaves) * ROW_H
    out: list[str] = [
        f'<svg class="provenance" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" aria-labelledby="prov-title prov-desc">',
        f'<title id="prov-title">{escape(caption)}</title>',
        '<desc id="prov-desc">Each box is an article (or an outlet known only by name); an arrow '
        "points from a text to the one it took its words from. Dashed arrows marked ? were "
        "suggested by quotetrack; solid ones were confirmed.</desc>",
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker>'
        "</defs>",
    ]

    def x(p: _Placed) -> float:
        return PAD + p.depth * (BOX_W + COLUMN_GAP)

    def y(p: _Placed) -> float:
        return PAD + p.row * ROW_H + (ROW_H - BOX_H) / 2

    for parent in _walk(placed):
        for child in parent.children:
            x1, y1 = x(parent) + BOX_W, y(parent) + BOX_H / 2
            x2, y2 = x(child), y(child) + BOX_H / 2
            middle = (x1 + x2) / 2
            suggested = child.node.status == SUGGESTED
            kind = child.node.edge or "appears in"
            label = EDGE_WORDS.get(kind, kind) + ("?" if suggested else "")
            dash = ' stroke-dasharray="6 4"' if suggested else ""
            status = "suggested" if suggested else "confirmed"
            out.append(
                f'<g class="edge {status}"><title>{escape(_node_title(parent.node))} {escape(label)} '
                f"{escape(_node_title(child.node))} ({status})</title>"
                f'<path d="M {x1:.0f} {y1:.0f} C {middle:.0f} {y1:.0f}, {middle:.0f} {y2:.0f}, '
                f'{x2 - 2:.0f} {y2:.0f}"{dash} marker-end="url(#arrow)"/>'
                f'<text x="{middle:.0f}" y="{(y1 + y2) / 2 - 5:.0f}" text-anchor="middle">'
                f"{escape(label)}</text></g>"
            )
    for p in _walk(placed):
        first, second = _node_lines(p.node)
        href = node_href(p.node)
        box = (
            f'<g class="node {p.node.kind}"><title>{escape(_node_title(p.node))}</title>'
            f'<rect x="{x(p):.0f}" y="{y(p):.0f}" width="{BOX_W}" height="{BOX_H}" '
            f'rx="{16 if p.node.kind == "outlet" else 4}"/>'
            f'<text x="{x(p) + 10:.0f}" y="{y(p) + 20:.0f}" class="label">{escape(first)}</text>'
            f'<text x="{x(p) + 10:.0f}" y="{y(p) + 38:.0f}" class="detail">{escape(second)}</text></g>'
        )
        out.append(f'<a href="{href}">{box}</a>' if href else box)
    out.append("</svg>")
    return Markup("".join(out))


def _walk(placed: _Placed) -> Iterable[_Placed]:
    yield placed
    for child in placed.children:
        yield from _walk(child)


# --- a speaker's timeline -------------------------------------------------------------------------

CHART_W, CHART_H, CHART_LEFT, CHART_BOTTOM = 720, 200, 40, 34
SERIES = 5  # outlets drawn apart; the rest are "other outlets"
OTHER = "other outlets"


@dataclass(frozen=True, slots=True)
class Timeline:
    """Statements per period, by outlet: what the chart draws and the table beside it says."""

    periods: tuple[str, ...]  # "2024-03" (or "2024" when the span is long)
    outlets: tuple[str, ...]  # the series, most statements first, OTHER last
    counts: dict[tuple[str, str], int]  # (period, outlet) -> statements
    undated: int
    by_year: bool

    def total(self, period: str) -> int:
        return sum(self.counts.get((period, outlet), 0) for outlet in self.outlets)


MIN_MONTHS = 12


def _month_after(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _months(first: dt.date, last: dt.date) -> list[str]:
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def timeline(days: Sequence[tuple[dt.date | None, str | None, int]], *, max_months: int = 120) -> Timeline:
    """Counts by day and outlet (``listings.speaker_days``) gathered by month, or by year when
    they span more than ``max_months`` months."""
    dated = [(day, outlet or "unknown outlet", count) for day, outlet, count in days if day is not None]
    undated = sum(count for day, _outlet, count in days if day is None)
    if not dated:
        return Timeline((), (), {}, undated, False)
    first, last = min(d for d, _o, _c in dated), max(d for d, _o, _c in dated)
    periods = _months(first, last)
    if len(periods) < MIN_MONTHS:  # a few months drawn amid the months around them
        before = (MIN_MONTHS - len(periods)) // 2
        periods = _months(_month_after(first, -before), _month_after(first, MIN_MONTHS - before - 1))
    by_year = len(periods) > max_months
    if by_year:
        periods = [str(year) for year in range(first.year, last.year + 1)]
    per_outlet: Counter[str] = Counter()
    for _day, outlet, count in dated:
        per_outlet[outlet] += count
    top = [outlet for outlet, _count in per_outlet.most_common(SERIES)]
    series = top + ([OTHER] if len(per_outlet) > len(top) else [])
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for day, outlet, count in dated:
        period = str(day.year) if by_year else f"{day.year:04d}-{day.month:02d}"
        counts[(period, outlet if outlet in top else OTHER)] += count
    return Timeline(tuple(periods), tuple(series), dict(counts), undated, by_year)


def timeline_svg(chart: Timeline, *, caption: str) -> Markup:
    """Stacked bars, one a period, a series an outlet; each bar names its counts on hover."""
    if not chart.periods:
        return Markup("")
    peak = max(chart.total(period) for period in chart.periods) or 1
    inner_w, inner_h = CHART_W - CHART_LEFT - 8, CHART_H - CHART_BOTTOM - 8
    slot = inner_w / len(chart.periods)
    bar = max(1.0, min(28.0, slot * 0.8))
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'width="{CHART_W}" height="{CHART_H}" role="img" aria-labelledby="tl-title">'
        f'<title id="tl-title">{escape(caption)}</title>',
        f'<line class="axis" x1="{CHART_LEFT}" y1="{8 + inner_h}" x2="{CHART_W - 8}" y2="{8 + inner_h}"/>',
        f'<text class="tick" x="{CHART_LEFT - 6}" y="{8 + 10}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{CHART_LEFT - 6}" y="{8 + inner_h}" text-anchor="end">0</text>',
    ]
    step = max(1, len(chart.periods) // 8)
    for index, period in enumerate(chart.periods):
        left = CHART_LEFT + index * slot + (slot - bar) / 2
        bottom = 8.0 + inner_h
        parts = [f"{period}: {chart.total(period)} statements"]
        rects = []
        for number, outlet in enumerate(chart.outlets):
            count = chart.counts.get((period, outlet), 0)
            if not count:
                continue
            height = inner_h * count / peak
            bottom -= height
            parts.append(f"{outlet} {count}")
            rects.append(
                f'<rect class="series-{number}" x="{left:.1f}" y="{bottom:.1f}" '
                f'width="{bar:.1f}" height="{height:.1f}"/>'
            )
        if rects:
            out.append(f"<g><title>{escape('; '.join(parts))}</title>{''.join(rects)}</g>")
        if index % step == 0:
            out.append(
                f'<text class="tick" x="{left + bar / 2:.1f}" y="{CHART_H - 14}" text-anchor="middle">'
                f"{escape(period)}</text>"
            )
    out.append("</svg>")
    return Markup("".join(out))


# --- wording --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")


def word_diff(earlier: str, later: str) -> tuple[Markup, int]:
    """``later`` with the words it leaves out of ``earlier`` struck (``<del>``) and the words
    it adds marked (``<ins>``), compared word by word (case, accents and edge punctuation
    ignored); and how many words changed."""
    old, new = _TOKEN.findall(earlier), _TOKEN.findall(later)
    matcher = difflib.SequenceMatcher(None, [fold(w) for w in old], [fold(w) for w in new], autojunk=False)
    out: list[str] = []
    changed = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(str(escape(" ".join(new[b1:b2]))))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
        changed += max(a2 - a1, b2 - b1)
    return Markup(" ".join(out)), changed


# --- an article's text ----------------------------------------------------------------------------


def marked_text(text: str, statements: Sequence[tuple[int, int, int, str, str]]) -> Markup:
    """The text with each statement ``(id, start, end, type, hint)`` in a ``<mark>`` (its hint
    on hover) and followed by its number, which links to its entry below the text. A statement
    inside another is marked inside it; where two overlap, each piece carries both marks."""
    spans = sorted(
        (s for s in statements if 0 <= s[1] < s[2] <= len(text)),
        key=lambda s: (s[1], -s[2]),
    )
    number = statement_numbers([(sid, start, end) for sid, start, end, _kind, _hint in spans])
    bounds = sorted({0, len(text), *(s[1] for s in spans), *(s[2] for s in spans)})
    out: list[str] = []
    for left, right in itertools.pairwise(bounds):
        piece = str(escape(text[left:right]))
        for sid, start, _end, kind, hint in reversed([s for s in spans if s[1] <= left and right <= s[2]]):
            anchor = f' id="mark-{sid}"' if start == left else ""
            piece = f'<mark{anchor} class="{escape(kind)}" title="{escape(hint)}">{piece}</mark>'
        out.append(piece)
        for sid, *_rest in sorted((s for s in spans if s[2] == right), key=lambda s: -s[1]):
            out.append(f'<a class="ref" href="#statement-{sid}">[{number[sid]}]</a>')
    return Markup("".join(out))


def statement_numbers(statements: Sequence[tuple[int, int, int]]) -> dict[int, int]:
    """The number each statement ``(id, start, end)`` is shown with, in text order."""
    ordered = sorted(statements, key=lambda s: (s[1], s[2]))
    return {sid: index for index, (sid, _s, _e) in enumerate(ordered, start=1)}


# --- search hits ----------------------------------------------------------------------------------


def snippet(text: str, spans: Sequence[tuple[int, int]], width: int = 320) -> Markup:
    """``text`` cut to about ``width`` characters around the first span, the spans in ``<mark>``."""
    start, end = 0, len(text)
    if len(text) > width:
        if spans and spans[0][1] > width - 40:
            start = max(0, spans[0][0] - width // 3)
            space = text.rfind(" ", 0, start)
            start = space + 1 if space != -1 and start - space < 20 else start
        end = min(len(text), start + width)
        space = text.rfind(" ", start, end)
        end = space if end < len(text) and space > start + width // 2 else end
    out = ["…" if start else ""]
    position = start
    for left, right in spans:
        left, right = max(left, position), min(right, end)
        if right <= left:
            continue
        out.append(str(escape(text[position:left])))
        out.append(f"<mark>{escape(text[left:right])}</mark>")
        position = right
    out.append(str(escape(text[position:end])))
    out.append("…" if end < len(text) else "")
    return Markup("".join(out))
