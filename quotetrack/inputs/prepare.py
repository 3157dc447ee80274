"""One input made ready for the engine: read, the command line's metadata applied, its language
known, its page furniture left out."""

from __future__ import annotations

from quotetrack.errors import InputError
from quotetrack.inputs.article import LANGUAGE_SAMPLE, Article, Overrides, normalize_lang
from quotetrack.inputs.boilerplate import drop_boilerplate
from quotetrack.inputs.readers import read
from quotetrack.inputs.sources import Source
from quotetrack.lexicon import detect_language


def prepare(source: Source, overrides: Overrides) -> Article | InputError:
    """The article in one input, with the command line's metadata, its language, and its text
    without boilerplate paragraphs."""
    item = read(source)
    if isinstance(item, InputError):
        return item
    article = overrides.apply(item)
    if article.url:
        article.url = article.url.strip().split("#", 1)[0] or None
    lang = normalize_lang(article.lang)
    if lang is None:
        lang = detect_language(article.text[:LANGUAGE_SAMPLE])
    article.lang = lang
    text = drop_boilerplate(article.text, lang)
    if text != article.text and "\n\n" not in text.strip():
        return source.error("has no article text, only a title and page furniture (newsletter, cookies)")
    article.text = text
    return article
