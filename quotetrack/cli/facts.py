"""Commands over speakers, outlets, claims and verdicts: ``merge``, ``unmerge``, ``alias``,
``dedupe``, ``claims``, ``claim``, ``trace``, ``verdict``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, cast

import click

from quotetrack.cli.app import (
    Count,
    QuotetrackGroup,
    RowId,
    bounded_text,
    cli,
    date_value,
    format_option,
    kind_options,
    open_engine,
    row_id,
)
from quotetrack.cli.output import emit
from quotetrack.errors import NotFoundError, UsageError
from quotetrack.text import plural


def _merge_line(row: Any, verb: str) -> str:
    label = "outlet" if row.kind == "outlet" else "speaker"
    return (
        f"{verb} {label} #{row.merged_id} {row.merged} {'into' if verb == 'Merged' else 'from'} "
        f"#{row.kept_id} {row.kept}: {row.moved} references (merge {row.id})"
    )


@cli.command()
@click.argument("kept", type=RowId(or_text=True))
@click.argument("merged", type=RowId(or_text=True))
@kind_options
@click.pass_context
def merge(ctx: click.Context, kept: int | str, merged: int | str, kind: str) -> None:
    """Merge MERGED into KEPT (ids, names or aliases): one speaker (or outlet) from now on.
    Its statements, organisations and names become KEPT's; `quotetrack unmerge` undoes it."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        row = resolution.merge(
            session, kind, resolution.find(session, kind, kept), resolution.find(session, kind, merged)
        )
        click.echo(_merge_line(row, "Merged"))
        click.echo(f"Undo with: quotetrack unmerge {row.id}", err=True)


@cli.command()
@click.argument("merge_id", required=False, type=RowId())
@click.option(
    "--speaker", type=RowId(or_text=True), metavar="NAME-OR-ID", help="Undo the last merge of this speaker."
)
@click.option(
    "--outlet", type=RowId(or_text=True), metavar="NAME-OR-ID", help="Undo the last merge of this outlet."
)
@click.option("--list", "listing", is_flag=True, help="List the merges that can be undone.")
@format_option(("table", "json", "jsonl", "csv"))
@click.pass_context
def unmerge(
    ctx: click.Context,
    merge_id: int | None,
    speaker: int | str | None,
    outlet: int | str | None,
    listing: bool,
    fmt: str | None,
) -> None:
    """Undo a merge (by its number, or the last one of a speaker or outlet), restoring every
    statement, article and name to where it was before it."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    given = [v for v in (merge_id, speaker, outlet) if v is not None]
    if listing:
        with session_scope(open_engine(ctx)) as session:
            rows = resolution.merges(session)
        columns = ("id", "kind", "kept_id", "kept", "merged_id", "merged", "moved", "reason", "created_at")
        emit([r.to_json() for r in rows], fmt, columns, empty="No merges to undo.")
        return
    if len(given) != 1:
        raise UsageError("give one merge number, --speaker or --outlet (or --list)")
    with session_scope(open_engine(ctx), write=True) as session:
        if merge_id is not None:
            row = resolution.unmerge(session, merge_id)
        else:
            kind = resolution.ENTITY if speaker is not None else resolution.OUTLET
            target = resolution.find(session, kind, cast(int | str, speaker or outlet), follow=False)
            row = resolution.unmerge(session, kind=kind, row_id=target)
        click.echo(_merge_line(row, "Separated"))


@cli.group(cls=QuotetrackGroup)
def alias() -> None:
    """Other names of a speaker or outlet: translations, transliterations, short forms."""


@alias.command("add")
@click.argument("target", type=RowId(or_text=True), metavar="SPEAKER-OR-OUTLET")
@click.argument("names", nargs=-1, required=True, callback=bounded_text, metavar="ALIAS...")
@kind_options
@click.pass_context
def alias_add(ctx: click.Context, target: int | str, names: tuple[str, ...], kind: str) -> None:
    """Give a speaker (or with --outlets an outlet) other names: later articles that use them
    are matched to it ("Chinese Foreign Ministry" = "chinesisches Außenministerium")."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        row_id = resolution.find(session, kind, target)
        for name in names:
            added = resolution.add_alias(session, kind, row_id, name)
            click.echo(f"{'Added' if added else 'Already known:'} {name!r} for #{row_id}")


@alias.command("list")
@click.argument("target", type=RowId(or_text=True), metavar="SPEAKER-OR-OUTLET")
@kind_options
@click.pass_context
def alias_list(ctx: click.Context, target: int | str, kind: str) -> None:
    """The other names of a speaker or outlet."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx)) as session:
        row_id = resolution.find(session, kind, target)
        for name in resolution.aliases(session, kind, row_id):
            click.echo(name)


SUGGESTION_COLUMNS = ("id", "score", "subject_id", "subject", "candidate_id", "candidate", "reason")


@cli.command()
@kind_options
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=75.0,
    show_default=True,
    help="Lowest match score (0-100) to compute and show.",
)
@click.option(
    "--refresh/--no-refresh", default=True, show_default=True, help="Compare all names again first."
)
@click.option("--accept", "accepted", multiple=True, type=RowId(), metavar="ID", help="Merge as suggested.")
@click.option("--reject", "rejected", multiple=True, type=RowId(), metavar="ID", help="Never suggest again.")
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def dedupe(
    ctx: click.Context,
    kind: str,
    threshold: float,
    refresh: bool,
    accepted: tuple[int, ...],
    rejected: tuple[int, ...],
    fmt: str | None,
) -> None:
    """Review speakers (or outlets) that may be one: spelling variants, titles, short forms.
    Lists the open suggestions, best first; --accept ID merges, --reject ID dismisses for good.
    Nothing is merged without --accept."""
    from quotetrack.facts import resolution
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        if accepted or rejected:
            for suggestion_id in accepted:
                row = resolution.decide(session, suggestion_id, accept=True)
                if row is not None:
                    click.echo(_merge_line(row, "Merged"), err=True)
            for suggestion_id in rejected:
                resolution.decide(session, suggestion_id, accept=False)
                click.echo(f"Rejected suggestion {suggestion_id}", err=True)
            return
        if refresh:
            found = resolution.resolve(session, kind, suggest_at=threshold, link=False)
            suggested = plural(found.suggested, "new suggestion")
            click.echo(f"Compared {plural(found.compared, 'name')}; {suggested}", err=True)
        rows = resolution.suggestions(session, kind, threshold=threshold)
    emit([r.to_json() for r in rows], fmt, SUGGESTION_COLUMNS, empty="No possible duplicates to review.")


CLAIM_COLUMNS = ("id", "first_seen", "articles", "outlets", "languages", "rating", "text")
CLAIM_MIN_ARTICLES = 2  # claims carried by fewer articles are not listed unless --min-articles says so
NO_CLAIMS = "No claims yet: claims appear when two articles say the same thing."


@cli.command("claims")
@click.option("--search", metavar="TEXT", callback=bounded_text, help="Only claims whose text holds TEXT.")
@click.option("--since", callback=date_value, help="First seen on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_value, help="First seen on or before this date (YYYY-MM-DD).")
@click.option("--min-articles", type=Count(), default=2, show_default=True, help="Carried by this many.")
@click.option("--limit", type=Count(), help="At most this many claims.")
@click.option("--regroup", is_flag=True, help="Group every stored statement again first (keeps decisions).")
@click.option("--drifted", is_flag=True, help="Only claims whose wording changed beyond small edits.")
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def claims_command(
    ctx: click.Context,
    search: str | None,
    since: date | None,
    until: date | None,
    min_articles: int,
    limit: int | None,
    regroup: bool,
    drifted: bool,
    fmt: str | None,
) -> None:
    """Claims: what several articles say alike, also across languages, newest first, with the
    outlets that carried them and the latest verdict. --drifted keeps the claims an outlet
    quoted with words dropped, added or changed, or turned from direct into reported speech."""
    from quotetrack.facts import drift, history, update
    from quotetrack.store.db import session_scope

    engine = open_engine(ctx)
    if regroup:
        with session_scope(engine, write=True) as session:
            done = update.regroup(session)
        click.echo(
            f"Grouped {plural(done.claims.compared, 'statement')}: {done.claims.joined} joined claims; "
            f"{plural(done.links, 'provenance link')}",
            err=True,
        )
    with session_scope(engine) as session:
        rows = history.list_claims(
            session,
            search=search,
            since=since,
            until=until,
            min_articles=min_articles,
            limit=None if drifted else limit,
        )
        if drifted:
            changed = drift.drifted(session, [r.id for r in rows])
            rows = [r for r in rows if r.id in changed][:limit]
    filtered = search or since or until or drifted or min_articles != CLAIM_MIN_ARTICLES
    empty = "No claims match these filters." if filtered else NO_CLAIMS
    emit([r.to_json() for r in rows], fmt, CLAIM_COLUMNS, empty=empty)


@cli.command("facts")
@click.pass_context
def facts_command(ctx: click.Context) -> None:
    """Finish the fact tracking that a run left undone (killed or failed): claims and provenance
    of every article still pending. `ingest` does the same at the end of each run."""
    from quotetrack.ingest import track_facts

    done = track_facts(open_engine(ctx), [])
    if done is None:
        click.echo("No article is waiting for fact tracking", err=True)
        return
    click.echo(f"Fact tracking finished: {done.line()}", err=True)


class ClaimGroup(QuotetrackGroup):
    """`quotetrack claim ID` shows a claim; `quotetrack claim link|unlink ...` changes one."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0].isdigit():
            args = ["show", *args]
        elif args and not args[0].startswith("-") and args[0] not in self.commands:
            raise click.UsageError(
                f"{args[0]!r} is no claim number and no command ({', '.join(self.commands)})"
            )
        return super().resolve_command(ctx, args)


@cli.group(cls=ClaimGroup, invoke_without_command=False)
def claim() -> None:
    """A claim's history (claim ID), or a person's decision on what belongs to it (link, unlink)."""


@claim.command("show")
@click.argument("claim_id", type=RowId(), metavar="CLAIM")
@format_option(("table", "json"))
@click.pass_context
def claim_show(ctx: click.Context, claim_id: int, fmt: str | None) -> None:
    """Where a claim appeared, in order: first appearance, every outlet, whom each attributed it
    to, how sure the grouping is, the verdicts and the provenance chain."""
    from quotetrack.facts import trace
    from quotetrack.facts.history import claim_history
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx)) as session:
        history = claim_history(session, claim_id)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(history.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(_claim_text(history, trace.trace_text), nl=False)


def _claim_text(history: Any, trace_text: Callable[[Any], str]) -> str:
    row = history.claim
    lines = [f"Claim {row.id}: {row.text}", f"first seen: {row.first_seen or '-'}"]
    if history.outlets:
        lines.append("outlets: " + ", ".join(history.outlets))
    lines.append(f"appearances ({len(row.appearances)}):")
    for a in row.appearances:
        status, score = history.memberships.get(a.statement_id, (None, None))
        how = "confirmed" if status == "confirmed" else f"suggested {score:.2f}" if score is not None else "-"
        source = history.sources.get(a.statement_id)
        who = a.speaker or "unknown speaker"
        through = f", through {source}" if source else ""
        lines.append(
            f"  {a.published or '-'}  {a.outlet or '-'}  article {a.article_id}  statement {a.statement_id}"
            f"  [{how}]  {who}{through}: {a.text}"
        )
        drift = history.drift.get(a.statement_id)
        if drift is not None and drift.compared_with is not None:
            lines.append(f"      wording: {drift.line()}")
        reasons = history.reasons.get(a.statement_id)
        if reasons:
            lines.append("      why: " + "; ".join(reasons))
    if row.verdicts:
        lines.append("verdicts:")
        for v in row.verdicts:
            by = f" by {v.reviewer}" if v.reviewer else ""
            lines.append(f"  {v.date or '-'}  {v.rating}{by}  {v.url or ''}".rstrip())
    if history.trace is not None and history.trace.children:
        lines.append("trace:")
        lines += ["  " + line for line in trace_text(history.trace).splitlines()]
    return "\n".join(lines) + "\n"


@claim.command("link")
@click.argument("claim_id", metavar="CLAIM|new")
@click.argument("statement_ids", nargs=-1, required=True, type=RowId(), metavar="STATEMENT...")
@click.pass_context
def claim_link(ctx: click.Context, claim_id: str, statement_ids: tuple[int, ...]) -> None:
    """Confirm that statements belong to a claim (`new` starts a claim with the first one)."""
    from quotetrack.facts import claims, history, provenance
    from quotetrack.store.db import session_scope

    target = None if claim_id == "new" else row_id(claim_id, "a claim number or 'new'")
    with session_scope(open_engine(ctx), write=True) as session:
        for statement_id in statement_ids:
            target = claims.link(session, target, statement_id)
            click.echo(f"Statement {statement_id} is part of claim {target} (confirmed)")
        provenance.update_links(session, history.article_ids_of_claim(session, cast(int, target)))


@claim.command("unlink")
@click.argument("claim_id", type=RowId(), metavar="CLAIM")
@click.argument("statement_ids", nargs=-1, required=True, type=RowId(), metavar="STATEMENT...")
@click.pass_context
def claim_unlink(ctx: click.Context, claim_id: int, statement_ids: tuple[int, ...]) -> None:
    """Take statements out of a claim; grouping will not suggest them for it again."""
    from quotetrack.facts import claims, history, provenance
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        articles = history.article_ids_of_claim(session, claim_id)
        for statement_id in statement_ids:
            claims.unlink(session, claim_id, statement_id)
            click.echo(f"Statement {statement_id} is no longer part of claim {claim_id}")
        provenance.update_links(session, articles)


@cli.command()
@click.argument("target", metavar="ARTICLE|claim:ID")
@click.option("--claim", "is_claim", is_flag=True, help="TARGET is a claim number.")
@format_option(("text", "json", "dot"), default="text")
@click.pass_context
def trace(ctx: click.Context, target: str, is_claim: bool, fmt: str) -> None:
    """Where an article's words (or a claim) came from: the chain of outlets and articles it
    went through, with dates, as a tree, JSON or Graphviz DOT (pipe into `dot -Tsvg`)."""
    from quotetrack.facts import trace
    from quotetrack.query import lookup
    from quotetrack.store.db import session_scope

    if target.startswith("claim:"):
        is_claim, target = True, target.removeprefix("claim:")
    reference = row_id(target, "a claim number" if is_claim else "an article id or URL", or_text=not is_claim)
    with session_scope(open_engine(ctx)) as session:
        if is_claim:
            root = trace.trace_claim(session, cast(int, reference))
        else:
            found = lookup.article_ids(session, reference)
            if not found:
                raise NotFoundError(f"no article {target!r} (give its id or URL)")
            root = trace.trace_article(session, found[0])
    if fmt == "json":
        click.echo(json.dumps(root.to_json(), ensure_ascii=False, indent=2))
    elif fmt == "dot":
        click.echo(trace.trace_dot(root), nl=False)
    else:
        click.echo(trace.trace_text(root), nl=False)


@cli.group(cls=QuotetrackGroup)
def verdict() -> None:
    """Fact-check verdicts on claims: shown with the claim, exported as ClaimReview."""


@verdict.command("add")
@click.argument("claim_id", type=RowId(), metavar="CLAIM")
@click.option(
    "--rating", required=True, help='The rating, as the fact-checker words it ("false", "misleading").'
)
@click.option("--by", "reviewer", help="Who checked it (organisation or person).")
@click.option("--url", help="Where the fact-check is published.")
@click.option("--date", "when", callback=date_value, help="When it was published (YYYY-MM-DD).")
@click.option("--note", help="A remark kept with the verdict.")
@click.pass_context
def verdict_add(
    ctx: click.Context,
    claim_id: int,
    rating: str,
    reviewer: str | None,
    url: str | None,
    when: date | None,
    note: str | None,
) -> None:
    """Record a fact-checker's verdict on a claim."""
    from quotetrack.facts import verdicts
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        row = verdicts.add_verdict(
            session, claim_id, rating=rating, reviewer=reviewer, url=url, date=when, note=note
        )
    click.echo(f"Verdict {row.id} on claim {claim_id}: {row.rating}")


@verdict.command("list")
@click.argument("claim_id", type=RowId(), metavar="CLAIM", required=False)
@format_option(("table", "json", "jsonl", "csv", "md"))
@click.pass_context
def verdict_list(ctx: click.Context, claim_id: int | None, fmt: str | None) -> None:
    """Verdicts, of one claim or of all, oldest first."""
    from quotetrack.facts import verdicts
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx)) as session:
        rows = verdicts.list_verdicts(session, claim_id)
    empty = f"No verdicts on claim {claim_id}." if claim_id is not None else "No verdicts yet."
    emit(rows, fmt, ("id", "claim_id", "rating", "reviewer", "date", "url"), empty=empty)


@verdict.command("remove")
@click.argument("verdict_id", type=RowId(), metavar="VERDICT")
@click.pass_context
def verdict_remove(ctx: click.Context, verdict_id: int) -> None:
    """Delete a verdict recorded by mistake."""
    from quotetrack.facts import verdicts
    from quotetrack.store.db import session_scope

    with session_scope(open_engine(ctx), write=True) as session:
        verdicts.remove_verdict(session, verdict_id)
    click.echo(f"Removed verdict {verdict_id}")
