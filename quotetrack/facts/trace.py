"""The trace of an article or a claim back to its origin, as a tree of articles and outlets, drawn
as text or as Graphviz DOT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from quotetrack.errors import NotFoundError
from quotetrack.facts.provenance import CARRIES
from quotetrack.facts.records import claim_record, result_rows
from quotetrack.store import models
from quotetrack.store.models import SUGGESTED
from quotetrack.store.sql import chunks


@dataclass(slots=True)
class Node:
    """One step of a provenance chain: an article, an outlet known only by name, or the claim."""

    kind: str  # "article", "outlet" or "claim"
    id: int
    label: str
    day: dt.date | None = None
    edge: str | None = None  # how the node above took its words from this one
    status: str | None = None  # suggested or confirmed
    title: str | None = None
    children: list[Node] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "label": self.label,
            "date": self.day.isoformat() if self.day else None,
            "edge": self.edge,
            "status": self.status,
            "title": self.title,
            "sources": [child.to_json() for child in self.children],
        }

    def chain(self) -> list[Node]:
        """The first line of descent: the node, its first source, that one's first source ..."""
        nodes = [self]
        while nodes[-1].children:
            nodes.append(nodes[-1].children[0])
        return nodes

    def walk(self) -> Iterable[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _article_nodes(session: Session, article_ids: Iterable[int]) -> dict[int, Node]:
    A, Out = models.Article, models.Outlet
    nodes: dict[int, Node] = {}
    for chunk in chunks(sorted(set(article_ids))):
        query = (
            sa.select(col(A.id), col(Out.name), col(A.title), col(A.published), col(A.url))
            .outerjoin(Out, col(A.outlet_id) == col(Out.id))
            .where(col(A.id).in_(chunk))
        )
        for article_id, outlet, title, published, url in result_rows(session, query):
            label = outlet or url or f"article {article_id}"
            nodes[int(article_id)] = Node("article", int(article_id), label, published, title=title)
    return nodes


def trace_article(session: Session, article_id: int) -> Node:
    """The chain an article's words came through, as a tree rooted at the article."""
    if session.get(models.Article, article_id) is None:
        raise NotFoundError(f"no article with id {article_id}")
    return _trace(session, article_id, set())


def _trace(session: Session, article_id: int, seen: set[int]) -> Node:
    L, Out = models.Link, models.Outlet
    node = _article_nodes(session, [article_id])[article_id]
    seen = seen | {article_id}
    query = (
        sa.select(col(L.kind), col(L.to_article_id), col(L.to_outlet_id), col(L.status), col(Out.name))
        .outerjoin(Out, col(L.to_outlet_id) == col(Out.id))
        .where(col(L.from_article_id) == article_id)
        .order_by(col(L.id))
    )
    edges = sorted(session.connection().execute(query), key=lambda e: (e[0] not in CARRIES, e[0]))
    carrier: Node | None = None
    for kind, to_article, to_outlet, status, outlet_name in edges:
        if to_article is not None and int(to_article) not in seen:
            child = _trace(session, int(to_article), seen)
        else:
            child = Node("outlet", int(to_outlet or 0), outlet_name or "?")
        child.edge, child.status = kind, status
        if kind not in CARRIES and carrier is not None and carrier.kind == "outlet":
            # relayed in a text this article took from an outlet not stored here: that outlet
            # relayed it ("Quelle: Antiwar.com" ... "laut Nikkei")
            carrier.children.append(child)
            continue
        if any(n.kind == child.kind and n.id == child.id for n in node.walk()):
            continue  # reached already through the article it took its text from
        node.children.append(child)
        if kind in CARRIES and carrier is None:
            carrier = child
    _nest_relays(session, node)
    return node


def _nest_relays(session: Session, node: Node) -> None:
    """Outlets an article relays one through the other become a chain: when a stored article of
    outlet X (or one taken from X) relays outlet Y, Y goes below X (Miningmx <- Reuters <- NZZ)."""
    outlets = [c for c in node.children if c.kind == "outlet" and c.edge not in CARRIES]
    outlets += [c for c in node.children if c.kind == "outlet" and c.edge in CARRIES]
    if len(outlets) < 2:
        return
    A, L = models.Article, models.Link
    ids = sorted({c.id for c in outlets})
    query = (
        sa.select(sa.func.coalesce(col(A.via_outlet_id), col(A.outlet_id)), col(L.to_outlet_id))
        .join_from(L, A, col(L.from_article_id) == col(A.id))
        .where(
            col(L.kind) == "relays",
            col(L.to_outlet_id).in_(ids),
            sa.or_(col(A.outlet_id).in_(ids), col(A.via_outlet_id).in_(ids)),
        )
    )
    through = {(int(x), int(y)) for x, y in result_rows(session, query) if x is not None and x != y}
    for child in [c for c in outlets if c.edge not in CARRIES]:
        above = next((x for x in outlets if x is not child and (x.id, child.id) in through), None)
        if above is not None and child in node.children and not any(n is above for n in child.walk()):
            node.children.remove(child)
            above.children.append(child)


def trace_claim(session: Session, claim_id: int) -> Node:
    """A claim's appearances as provenance trees, the articles that carried it last at the top
    and its origin at the bottom; articles reached through another appear once."""
    claim = claim_record(session, claim_id)
    S, A = models.Statement, models.Article
    query = (
        sa.select(col(S.article_id), col(A.published))
        .join_from(S, A, col(S.article_id) == col(A.id))
        .where(col(S.claim_id) == claim_id)
        .distinct()
    )
    articles = sorted(
        ((int(a), p) for a, p in result_rows(session, query)),
        key=lambda r: (r[1] or dt.date.max, r[0]),
        reverse=True,
    )
    root = Node("claim", claim_id, claim.text, claim.first_seen)
    covered: set[int] = set()
    trees = [_trace(session, article_id, set()) for article_id, _ in articles]
    inside = {n.id for tree in trees for n in list(tree.walk())[1:] if n.kind == "article"}
    for tree in trees:
        if tree.id in inside or tree.id in covered:
            continue
        covered |= {n.id for n in tree.walk() if n.kind == "article"}
        root.children.append(tree)
    return root


def trace_dot(root: Node) -> str:
    """The tree as a Graphviz digraph, edges pointing from each text to where it came from."""

    def name(node: Node) -> str:
        return f"{node.kind[0]}{node.id}"

    def quoted(*parts: str) -> str:
        """A DOT string of ``parts`` on separate lines."""
        escaped = (p.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") for p in parts)
        return '"' + "\\n".join(escaped) + '"'

    lines = ["digraph provenance {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    declared: set[str] = set()
    edges: list[str] = []

    def visit(node: Node) -> None:
        if name(node) not in declared:
            declared.add(name(node))
            parts = [node.label if node.kind != "claim" else _short(node.label, 60)]
            if node.day:
                parts.append(node.day.isoformat())
            shape = {"outlet": ", shape=ellipse", "claim": ", shape=note"}.get(node.kind, "")
            lines.append(f"  {name(node)} [label={quoted(*parts)}{shape}];")
        for child in node.children:
            style = ", style=dashed" if child.status == SUGGESTED else ""
            edges.append(
                f"  {name(node)} -> {name(child)} [label={quoted(child.edge or 'appears in')}{style}];"
            )
            visit(child)

    visit(root)
    return "\n".join([*lines, *edges, "}"]) + "\n"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def trace_text(root: Node) -> str:
    """The chain on one line (Legitim ← Antiwar.com ← Nikkei Asia), then the tree with dates."""
    chain = [n for n in root.chain() if n.kind != "claim"]
    lines = [" ← ".join(n.label for n in chain)] if chain else []

    def describe(node: Node) -> str:
        text = _short(node.label, 70) if node.kind == "claim" else node.label
        if node.kind == "claim":
            text = f"claim {node.id}: {text}"
        if node.title:
            text += f": {_short(node.title, 60)}"
        if node.day:
            text += f" ({node.day.isoformat()})"
        if node.edge:
            suffix = "?" if node.status == SUGGESTED else ""
            text = f"{node.edge}{suffix} {text}"
        return text

    def visit(node: Node, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(prefix + branch + describe(node))
        inner = prefix + ("" if top else ("   " if last else "│  "))
        for i, child in enumerate(node.children):
            visit(child, inner, i == len(node.children) - 1, False)

    visit(root, "", True, True)
    return "\n".join(lines) + "\n"
