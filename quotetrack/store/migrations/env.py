"""Alembic environment: migrates ``SQLModel.metadata`` as defined in ``quotetrack.store.models``.

``quotetrack.store.db`` runs this programmatically and passes an open connection in
``config.attributes["connection"]``. Run from the command line (``alembic`` with the
repository's ``alembic.ini``), it connects to ``sqlalchemy.url`` if set, otherwise to
the database quotetrack itself would use (``QUOTETRACK_DATABASE_URL`` or the default file).
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import quotetrack.store.models  # noqa: F401  (registers the tables)
from quotetrack.store import db
from quotetrack.store.fulltext import include_name, include_object

config = context.config
target_metadata = SQLModel.metadata

if config.config_file_name is not None and not config.attributes.get("connection"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,  # the full-text objects are hand-written (0002_fulltext)
        include_object=include_object,
    )


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or db.resolve_url(None)
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
        compare_type=True,
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = db.resolve_url(config.get_main_option("sqlalchemy.url") or None)
    engine = db.create_migration_engine(url)
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
