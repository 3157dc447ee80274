"""``quotetrack db``: schema migrations and where the database is."""

from __future__ import annotations

import click

from quotetrack.cli.app import QuotetrackGroup, cli


@cli.group(cls=QuotetrackGroup)
def db() -> None:
    """Database maintenance: migrations and where the database is."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Target revision.")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Bring the database schema up to date."""
    from quotetrack.store import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    database.upgrade(url, revision)
    click.echo(f"{database.mask_url(url)}: at {database.current_revision(url)}", err=True)


@db.command("current")
@click.pass_context
def db_current(ctx: click.Context) -> None:
    """Print the database's schema revision and the newest one this quotetrack knows."""
    from quotetrack.store import db as database

    url = database.resolve_url(ctx.find_root().obj.get("db"))
    current = database.current_revision(url)
    head = database.head_revision()
    if current is not None and not database.knows_revision(current):
        raise database.newer_database(url, current)
    state = "up to date" if current == head else "empty" if current is None else f"behind {head}"
    click.echo(f"{current or '-'} ({state})")


@db.command("path")
@click.pass_context
def db_path(ctx: click.Context) -> None:
    """Print the database URL in use (password masked)."""
    from quotetrack.store import db as database

    click.echo(database.mask_url(database.resolve_url(ctx.find_root().obj.get("db"))))
