"""Fact tracking over the store: speakers and outlets resolved across articles, statements grouped
into claims, provenance links between articles, traces and verdicts.
"""
