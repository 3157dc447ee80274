"""``quotetrack serve``: the web view. Starlette, Jinja2 and uvicorn are imported when it runs,
never when another command starts."""

from __future__ import annotations

import click

from quotetrack.cli.app import cli, open_engine
from quotetrack.errors import QuotetrackError

WEB_PACKAGES = {"starlette", "jinja2", "markupsafe", "uvicorn", "h11", "anyio"}


@cli.command()
@click.option("--db", "db_value", metavar="URL-OR-PATH", help="Database (as quotetrack --db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free one)."
)
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Offer review: merging duplicates, confirming or removing claim statements, verdicts.",
)
@click.pass_context
def serve(ctx: click.Context, db_value: str | None, host: str, port: int, allow_writes: bool) -> None:
    """A local web view of the database: search, speakers, articles, claims with their
    provenance drawn, outlets, and a JSON API under /api/. Prints its address; Ctrl-C stops it.
    Read-only unless --allow-writes."""
    try:
        from quotetrack import serve as web
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in WEB_PACKAGES:
            raise
        raise QuotetrackError(
            f"quotetrack serve needs its web packages ({exc.name} is missing): "
            "pip install 'quotetrack[serve]'"
        ) from None
    if db_value is not None:
        ctx.find_root().obj["db"] = db_value
    engine = open_engine(ctx)

    def note(text: str) -> None:
        click.echo(text, err=True)

    web.run(engine, host=host, port=port, allow_writes=allow_writes, echo=click.echo, note=note)
