"""Inputs: raw bytes from files, folders, stdin or JSON Lines become
:class:`~quotetrack.inputs.article.Article` records, with their metadata, their language and
without page furniture.
"""
