"""quotetrack: quote attribution and fact tracking for news."""

__version__ = "0.1.0"
