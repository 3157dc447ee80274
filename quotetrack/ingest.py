"""The batch pipeline: read → extract → save, whole articles in each write transaction.

Inputs are streamed: files and JSON lines are read one at a time (``sources``), and every
raw input is first looked up by its hash, so what is already stored is neither parsed nor
extracted again. Each new input is read into an Article (``articles.read``), boilerplate
paragraphs are left out, its language is detected when not given, the engine extracts its
statements, and ``write.save_article`` writes it with its statements. A write transaction
holds up to ``transactions.MAX_ARTICLES`` articles or stays open up to
``transactions.MAX_SECONDS`` (see :mod:`quotetrack.store.transactions`). A bad input is
reported with its file (and line) and the batch goes on; an interrupted run (Ctrl-C, a killed
process) leaves whole articles only, so the same command run again completes the rest
without duplicates.

With ``jobs > 1`` reading and extraction run in a pool of worker processes (spawned, so
safe on every platform), fed in chunks and taken back in input order; the database writes
stay in this process, in the same order as without workers.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from sqlalchemy.engine import Engine

from quotetrack.errors import InputError, QuotetrackError
from quotetrack.extract import EXTRACTOR_VERSION, Extraction, extract
from quotetrack.facts import update
from quotetrack.facts.update import FactUpdate, StoreSummary
from quotetrack.inputs.article import Article, Overrides
from quotetrack.inputs.prepare import prepare
from quotetrack.inputs.sources import Source, expand_paths, read_sources
from quotetrack.store import write
from quotetrack.store.db import session_scope
from quotetrack.store.transactions import ArticleWriter, Written
from quotetrack.text import plural

# Days an article or statement may carry (a date outside them is dropped with a warning).
EARLIEST_DAY, LATEST_DAY = write.EARLIEST_DAY, write.LATEST_DAY
# A web page with less article text than this is stored with a warning: its reader may have found
# only a caption or a teaser.
SHORT_TEXT_CHARS = 300
CHUNK = 8  # inputs a worker takes at a time
CHECK_BATCH = 64  # inputs looked up by hash in one query when reading without workers


@dataclass(slots=True)
class Summary(StoreSummary):
    """What an ingest run did."""

    short: int = 0  # new articles with less than SHORT_TEXT_CHARS of text
    extract_seconds: float = 0.0  # in the engine, summed over the articles (in the workers, with jobs)
    write_seconds: float = 0.0  # in the articles' write transactions

    def line(self) -> str:
        return self.counts_line(short=self.short)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a run is: inputs done, and bytes of input read of the total (when known)."""

    done: int
    new: int
    known: int
    failed: int
    bytes_done: int
    bytes_total: int | None
    seconds: float


@dataclass(frozen=True, slots=True)
class Options:
    fmt: str = "auto"
    glob: str | None = None
    overrides: Overrides = field(default_factory=Overrides)
    jobs: int = 1


@dataclass(slots=True)
class _Outcome:
    """One input's way through the pipeline."""

    size: int
    error: str | None = None
    article: Article | None = None
    extraction: Extraction | None = None
    known_id: int | None = None
    extract_seconds: float = 0.0


# --- reading and preparing ------------------------------------------------------------------------


def _inputs(
    paths: Iterable[str],
    options: Options,
    stdin: BinaryIO | None,
    sizes: list[int] | None,
    on_note: Callable[[str], None] | None = None,
) -> Iterator[Source | InputError]:
    targets: Iterable[Path | str] = expand_paths(paths, glob=options.glob)
    if sizes is not None:
        targets = list(targets)
        sizes.append(sum(_size(t) for t in targets))
    for target in targets:
        yield from read_sources(target, fmt=options.fmt, stdin=stdin, on_note=on_note)


def _size(target: Path | str) -> int:
    if target == "-":
        return 0
    try:
        return Path(target).stat().st_size
    except OSError:
        return 0


def _work(batch: list[tuple[Source, Overrides]]) -> list[_Outcome]:
    """A worker's part: read, prepare and extract each input (no database)."""
    return [_prepare_and_extract(source, overrides, extract) for source, overrides in batch]


def _prepare_and_extract(
    source: Source, overrides: Overrides, extractor: Callable[[Article], Extraction]
) -> _Outcome:
    outcome = _Outcome(size=len(source.data))
    article = _prepared(source, overrides, outcome)
    if article is not None:
        outcome.article = article
        outcome.extraction = _extract(article, extractor, outcome)
    return outcome


def _prepared(source: Source, overrides: Overrides, outcome: _Outcome) -> Article | None:
    """The article of a source, or None with the reason in ``outcome.error``."""
    try:
        item = prepare(source, overrides)
    except Exception as exc:  # a reader bug must not end the batch
        outcome.error = f"{source.where}: cannot be read ({type(exc).__name__}: {exc})"
        return None
    if isinstance(item, InputError):
        outcome.error = str(item)
        return None
    return item


def _extract(
    article: Article, extractor: Callable[[Article], Extraction], outcome: _Outcome
) -> Extraction | None:
    started = time.perf_counter()
    try:
        return extractor(article)
    except QuotetrackError as exc:
        outcome.error = f"{article.source_path}: {exc}"
    except Exception as exc:  # an engine bug on one article must not end the batch
        outcome.error = f"{article.source_path}: extraction failed ({type(exc).__name__}: {exc})"
    finally:
        outcome.extract_seconds = time.perf_counter() - started
    return None


def _init_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by the main process


# --- the run ----------------------------------------------------------------------------------------


def run(
    paths: Iterable[str],
    *,
    engine: Engine,
    options: Options | None = None,
    stdin: TextIO | BinaryIO | None = None,
    on_error: Callable[[str], None] | None = None,
    on_article: Callable[[Article, write.SaveResult], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> Summary:
    """Ingest every article found at ``paths`` into the database behind ``engine``.

    ``on_error`` gets each failure's message (file and line first), ``on_warning`` each
    warning's (a date out of range, dropped), ``on_note`` what a web archive held besides its
    pages (one line an archive), ``on_progress`` a
    :class:`Progress` after each input. Ctrl-C ends the run after the article being written
    and marks the summary ``interrupted``.
    """
    summary = Summary()
    options = options or Options()
    started = time.monotonic()
    binary: BinaryIO | None = None
    if stdin is not None:
        binary = getattr(stdin, "buffer", None) or stdin  # type: ignore[assignment]
    sizes: list[int] | None = [] if on_progress is not None else None
    with session_scope(engine) as session:
        floors = update.max_ids(session)
    inputs = _inputs(paths, options, binary, sizes, on_note)
    done = 0
    bytes_done = 0

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)

    writer = ArticleWriter(engine, extractor_version=EXTRACTOR_VERSION, names=write.NameCache())

    def stored(written: Iterable[Written]) -> None:
        for item in written:
            if item.result is None:
                fail(f"{item.article.source_path}: {item.error}")
                continue
            _count(summary, item.result)
            short = _short_text(item.article) if item.result.created else None
            if short is not None:
                summary.short += 1
                warn(short)
            if on_article:
                on_article(item.article, item.result)

    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning:
            on_warning(message)

    outcomes = (
        _parallel(inputs, writer, options) if options.jobs > 1 else _serial(inputs, writer, options.overrides)
    )
    try:
        for outcome in outcomes:
            done += 1
            bytes_done += outcome.size
            summary.extract_seconds += outcome.extract_seconds
            if outcome.error is not None:
                fail(outcome.error)
            elif outcome.known_id is not None:
                summary.known += 1
            elif outcome.article is not None and outcome.extraction is not None:
                for warning in _dates_in_range(outcome.article, outcome.extraction):
                    warn(warning)
                refused = writer.add(outcome.article, outcome.extraction)
                if refused is not None:
                    stored([refused])
            if writer.due:
                stored(writer.commit())
            if on_progress is not None:
                total = sizes[0] if sizes else None
                on_progress(
                    Progress(
                        done,
                        summary.new,
                        summary.known,
                        summary.failed,
                        bytes_done,
                        total,
                        time.monotonic() - started,
                    )
                )
        stored(writer.commit())
    except KeyboardInterrupt:
        summary.interrupted = True
        stored(writer.commit())  # the whole articles written before Ctrl-C
    finally:
        writer.rollback()  # only after an unexpected error: the open transaction is dropped
        summary.write_seconds = writer.seconds
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()
    summary.track_facts(engine, floors, on_error)
    summary.seconds = time.monotonic() - started
    return summary


def _short_text(article: Article) -> str | None:
    """A warning naming a web page whose article text is shorter than SHORT_TEXT_CHARS (what the
    reader found may be a caption or a teaser; a short text file is what it is)."""
    length = len(article.text.strip())
    if article.format != "html" or length >= SHORT_TEXT_CHARS:
        return None
    where = article.source_path or article.url or "an article"
    return (
        f"{where}: only {plural(length, 'character')} of article text (a caption or a teaser?); "
        "stored, but check the page"
    )


def _dates_in_range(article: Article, extraction: Extraction) -> list[str]:
    """Drops the article's and its statements' dates out of range (in place); a warning for each."""
    return write.drop_dates_out_of_range(article, extraction)


def track_facts(
    engine: Engine, article_ids: list[int], floors: tuple[int, int] | None = None
) -> FactUpdate | None:
    """The run's fact tracking (:func:`quotetrack.facts.update.track_facts`)."""
    return update.track_facts(engine, article_ids, floors)


def _count(summary: Summary, result: write.SaveResult) -> None:
    if result.created:
        summary.new += 1
        summary.article_ids.append(result.article_id)
        summary.statements += result.statements
        summary.new_speakers += result.new_speakers
        summary.new_outlets += result.new_outlets
        summary.versions += result.previous_version_id is not None
    else:
        summary.known += 1


def _known(writer: ArticleWriter, sources: list[Source]) -> dict[str, int]:
    with writer.reading() as session:
        return write.article_ids_by_raw_hash(session, raw_hashes=[s.raw_hash for s in sources])


def _batches(inputs: Iterator[Source | InputError], size: int) -> Iterator[list[Source | InputError]]:
    batch: list[Source | InputError] = []
    for item in inputs:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _serial(
    inputs: Iterator[Source | InputError], writer: ArticleWriter, overrides: Overrides
) -> Iterator[_Outcome]:
    """Outcomes in input order. A batch of inputs is looked up by the hashes of the inputs, then
    by the hashes of their article texts, one query each, and only the unknown are extracted."""
    for batch in _batches(inputs, CHECK_BATCH):
        known = _known(writer, [item for item in batch if isinstance(item, Source)])
        outcomes: list[_Outcome] = []
        for item in batch:
            if isinstance(item, InputError):
                outcomes.append(_Outcome(size=0, error=str(item)))
            elif item.raw_hash in known:
                outcomes.append(_Outcome(size=len(item.data), known_id=known[item.raw_hash]))
            else:
                outcome = _Outcome(size=len(item.data))
                outcome.article = _prepared(item, overrides, outcome)
                outcomes.append(outcome)
        texts = [o.article.content_hash for o in outcomes if o.article is not None]
        with writer.reading() as session:
            stored = write.article_ids_by_content_hash(session, content_hashes=texts) if texts else {}
        for outcome in outcomes:
            article = outcome.article
            if article is not None:
                outcome.known_id = stored.get(article.content_hash)
                if outcome.known_id is None:
                    outcome.extraction = _extract(article, extract, outcome)
                else:
                    outcome.article = None
            yield outcome


def _parallel(
    inputs: Iterator[Source | InputError], writer: ArticleWriter, options: Options
) -> Iterator[_Outcome]:
    """Outcomes in input order, read and extracted by ``options.jobs`` worker processes."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    pool = context.Pool(options.jobs, initializer=_init_worker)
    window: deque[tuple[list[Source | InputError], dict[str, int], Any]] = deque()
    try:
        for batch in _batches(inputs, CHUNK):
            sources = [item for item in batch if isinstance(item, Source)]
            known = _known(writer, sources)
            todo = [(s, options.overrides) for s in sources if s.raw_hash not in known]
            pending = pool.apply_async(_work, (todo,)) if todo else None
            window.append((batch, known, pending))
            if len(window) >= options.jobs * 3:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())
    finally:
        pool.terminate()
        pool.join()


def _collect(batch: list[Source | InputError], known: dict[str, int], pending: Any) -> Iterator[_Outcome]:
    results = iter(pending.get() if pending is not None else [])
    for item in batch:
        if isinstance(item, InputError):
            yield _Outcome(size=0, error=str(item))
        elif item.raw_hash in known:
            yield _Outcome(size=len(item.data), known_id=known[item.raw_hash])
        else:
            yield next(results)


# --- re-extraction ----------------------------------------------------------------------------------


@dataclass(slots=True)
class ReextractSummary:
    articles: int = 0
    statements: int = 0
    before: int = 0  # statements the articles had
    new_speakers: int = 0
    failed: int = 0
    interrupted: bool = False
    errors: list[str] = field(default_factory=list)
    facts: FactUpdate | None = None

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    def line(self) -> str:
        line = (
            f"{plural(self.articles, 'article')} re-extracted (extractor {EXTRACTOR_VERSION}), "
            f"{self.failed} failed; {plural(self.statements, 'statement')} (were {self.before}), "
            f"{plural(self.new_speakers, 'new speaker')}"
        )
        return line + ("; " + self.facts.line() if self.facts is not None else "")


def reextract(
    article_ids: Iterable[int],
    *,
    engine: Engine,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ReextractSummary:
    """Runs the current engine over stored articles, replacing each one's statements in one
    write transaction and recording the extractor version; the article rows stay."""
    summary = ReextractSummary()
    with session_scope(engine) as session:
        floors = update.max_ids(session)
    done: list[int] = []

    def fail(message: str) -> None:
        summary.failed += 1
        summary.errors.append(message)
        if on_error:
            on_error(message)

    try:
        for number, article_id in enumerate(article_ids, start=1):
            with session_scope(engine) as session:
                stored = write.stored_article(session, article_id=article_id)
            if stored is None:
                fail(f"article {article_id}: no longer stored")
                continue
            article = Article(
                text=stored.text,
                lang=stored.lang,
                published=stored.published,
                via=stored.via,
                source_path=f"article {article_id}",
            )
            outcome = _Outcome(size=0)
            extraction = _extract(article, extract, outcome)
            if extraction is None:
                fail(outcome.error or f"article {article_id}: extraction failed")
                continue
            try:
                with session_scope(engine, write=True) as session:
                    before = write.statement_count(session, article_id=article_id)
                    result = write.replace_statements(
                        session,
                        article_id=article_id,
                        extraction=extraction,
                        extractor_version=EXTRACTOR_VERSION,
                    )
            except QuotetrackError as exc:
                fail(f"article {article_id}: {exc}")
                continue
            summary.articles += 1
            done.append(article_id)
            summary.before += before
            summary.statements += result.statements
            summary.new_speakers += result.new_speakers
            if on_progress:
                on_progress(number)
    except KeyboardInterrupt:
        summary.interrupted = True
    if done:
        try:
            summary.facts = track_facts(engine, done, floors)
        except QuotetrackError as exc:
            fail(f"linking the re-extracted articles to what is stored: {exc}")
    return summary
