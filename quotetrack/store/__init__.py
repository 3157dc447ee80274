"""The store: the schema (models and Alembic migrations), engines and sessions, the write path of
an article with its statements, full-text search and the row types the read side returns.
"""
