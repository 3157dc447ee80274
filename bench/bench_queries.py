"""Latency of the read side (``quotetrack.query.statements``) on a generated database of 1,000,000 statements.

    python bench/bench_queries.py                  # 1,000,000 statements: SQLite, and PostgreSQL if set
    python bench/bench_queries.py --statements 200000 --runs 5
    QUOTETRACK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        python bench/bench_queries.py --large [--statements 10000000] [--explain plans.txt] [--drop]
    QUOTETRACK_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        python bench/bench_queries.py

The database is generated, not ingested: ~100,000 speakers (some with aliases), ~50,000
articles from 400 outlets, and statements of 6 to 30 words drawn from a Zipf-distributed
vocabulary of common German and English words and made-up words, so the full-text index
has frequent and rare terms. Speakers are Zipf-distributed too (a few are quoted thousands
of times, most a handful). Rows go in through SQLAlchemy Core ``executemany`` in large
batches on SQLite (through the migrations' FTS5 triggers) and ``COPY`` on PostgreSQL
(filling the generated tsvector column and its GIN index).

Each query type runs on several inputs, each input ``--runs`` times after one warm-up
run, inside one open session; the figures are the median and 95th percentile in ms of
the query itself (``statements.search_statements`` / ``statements.who`` returning rows, 100 rows
a page), not process start-up. The target is under 100 ms for each on SQLite.

The longest inputs the command line accepts (``--search``, ``who`` and names of at most
``fulltext.MAX_SEARCH_CHARS`` = 1,000 characters, searches of at most
``fulltext.MAX_SEARCH_TERMS`` = 16 different terms of 32 words) are timed too, written to
cost most: a thousand characters of the most frequent words, of two-letter prefixes, of ``OR``, of
exclusions, of words spelt with ss (each searched with ß as well), one long phrase, and a
long misspelt name. The target for those is under a second on both databases.

``--large`` runs PostgreSQL alone at scale (10,000,000 statements unless ``--statements`` says
otherwise, 1,000,000 speakers, 500,000 articles): the statements are generated one at a time and
streamed into a database of their own (``--database``, default ``quotetrack_bench_large``, kept
for the next run unless ``--drop``) with COPY, their indexes built after; the figures are held to
the target at the 95th percentile, and ``--explain FILE`` writes the plans (EXPLAIN ANALYZE) of
the queries over it.

SQLite runs in a temporary folder that is deleted afterwards. PostgreSQL runs when
``QUOTETRACK_BENCH_POSTGRES_URL`` (or ``QUOTETRACK_TEST_POSTGRES_URL``) names a server,
in a schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from quotetrack.query import statements
from quotetrack.store import db, models
from quotetrack.text import fold

TARGET_MS = 100.0
LONGEST_TARGET_MS = 1000.0
PAGE = 100
BATCH = 50_000

# Common words (function words and news vocabulary) in both languages; the rest is made up.
COMMON = """
der die das und in zu den von mit sich des auf für ist im dem nicht ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war
haben nur oder aber vor zur bis mehr durch man sein wurde sei prozent jahr jahren regierung
ministerium minister ministerin sprecher sprecherin bund land länder stadt gemeinde bürger
kosten millionen milliarden euro haushalt förderung entscheidung gesetz entwurf plan pläne
straße straßen brücke bahn züge nachtzug energie strom wind preise steuer schule kinder
gesundheit apotheken klinik ärzte wasser deich hochwasser polizei gericht urteil wahl partei
the of and to a in that is was for on with as by at from it be this are have has not but
said says would will could should government minister ministry spokesperson spokesman
spokeswoman council city state federal country people year years percent million billion
budget cost costs plan plans decision law bill draft report reports talks agreement deal
energy power wind prices tax schools children health pharmacies hospital doctors water flood
police court ruling election party vote trains rail bridge road roads week weeks month
""".split()  # noqa: SIM905
SYLLABLES = """ka ri mo le san ber tin hol weg mar ia zak ha ro va no vak jo nas pe ter mann sch
mid lu ca an na el ise gor vin del fa bro tek ul ost wen dra kel mus tor rin lav sev pol ky""".split()  # noqa: SIM905
FIRST_NAMES = """Anna Jonas Miriam Felix Sabine Tobias Dörte Rasmus Clara Jürgen Olga Mao Lin Jana
Tom Ines Paul Lena Erik Maria Omar Sara Nils Eva Ali Jan Ida Piet Rosa Ugo Vera Kai Mila Leo
Noor Timo Ada Bruno Carla Emil Frida Hugo Iris Karl Lotte Moritz Nora Oskar Pia""".split()  # noqa: SIM905
ROLES = """Sprecher Sprecherin Ministerin Minister Bürgermeister Bürgermeisterin Vorsitzende
spokesperson spokesman spokeswoman minister mayor chair director economist analyst
Staatssekretär Abgeordnete lawmaker senator professor""".split()  # noqa: SIM905
TYPES = ("direct", "direct", "indirect", "indirect", "indirect", "mixed")


# --- generating -----------------------------------------------------------------------------------


def made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def zipf_cumulative(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


class Picker:
    """Draws indexes 0..n-1 with Zipf weights."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        self.cumulative = zipf_cumulative(n, s)
        self.total = self.cumulative[-1]
        self.rng = rng

    def __call__(self) -> int:
        return bisect.bisect_left(self.cumulative, self.rng.random() * self.total)

    def many(self, k: int) -> list[int]:
        total, cumulative, random_ = self.total, self.cumulative, self.rng.random
        return [bisect.bisect_left(cumulative, random_() * total) for _ in range(k)]


@dataclass
class Corpus:
    entities: list[str]
    outlets: list[str]
    vocabulary: list[str]
    article_outlet: list[int]
    article_published: list[dt.date]
    statement_count: int


@dataclass
class Table:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def generate(statements: int, seed: int, *, with_statements: bool = True) -> tuple[Corpus, dict[str, Table]]:
    """The corpus' shape and the rows of each table, in the order they are loaded (without the
    statements' rows unless ``with_statements``: :func:`statement_rows` streams them)."""
    rng = random.Random(seed)
    n_entities = max(1000, statements // 10)
    n_articles = max(500, statements // 20)
    n_outlets = 400
    seen: set[str] = set()
    entities: list[str] = []
    while len(entities) < n_entities:
        surname = made_up_word(rng).capitalize()
        name = f"{rng.choice(FIRST_NAMES)} {surname}"
        if fold(name) not in seen:
            seen.add(fold(name))
            entities.append(name)
    kinds = ["Post", "Zeitung", "Daily", "Kurier", "Wire", "Radio"]
    outlets = [f"{made_up_word(rng).capitalize()} {rng.choice(kinds)} {i}" for i in range(n_outlets)]
    made_up = list(dict.fromkeys(made_up_word(rng) for _ in range(40_000)))
    rng.shuffle(made_up)
    vocabulary = COMMON + made_up
    start = dt.date(2015, 1, 1)
    article_outlet = Picker(n_outlets, 1.0, rng).many(n_articles)
    article_published = [start + dt.timedelta(days=rng.randrange(3650)) for _ in range(n_articles)]
    corpus = Corpus(entities, outlets, vocabulary, article_outlet, article_published, statements)

    tables: dict[str, Table] = {}
    tables["entities"] = Table(
        ("id", "name", "name_folded", "kind"),
        [(i + 1, name, fold(name), "person") for i, name in enumerate(entities)],
    )
    alias_rng = random.Random(seed + 1)
    aliases = []
    for i in alias_rng.sample(range(n_entities), n_entities // 10):
        alias = entities[i].split()[-1] + " " + made_up_word(alias_rng)
        aliases.append((len(aliases) + 1, i + 1, alias, fold(alias)))
    tables["entity_aliases"] = Table(("id", "entity_id", "alias", "alias_folded"), aliases)
    tables["outlets"] = Table(
        ("id", "name", "name_folded"), [(i + 1, name, fold(name)) for i, name in enumerate(outlets)]
    )
    now = dt.datetime.now(dt.UTC)
    tables["articles"] = Table(
        tuple(
            [
                "id",
                "content_hash",
                "url",
                "title",
                "published",
                "lang",
                "outlet_id",
                "via_outlet_id",
                "text",
                "ingested_at",
            ]
        ),
        [
            (
                i + 1,
                hashlib.sha256(f"Generated article {i}.".encode()).hexdigest(),
                f"https://news.example/{i}",
                f"Article {i}",
                article_published[i],
                "de" if i % 2 else "en",
                article_outlet[i] + 1,
                (i % n_outlets) + 1 if i % 10 == 0 else None,
                f"Generated article {i}.",
                now,
            )
            for i in range(n_articles)
        ],
    )
    if with_statements:
        tables["statements"] = Table(STATEMENT_COLUMNS, list(statement_rows(corpus, seed)))
    return corpus, tables


STATEMENT_COLUMNS = (
    "id",
    "article_id",
    "speaker_id",
    "speaker_kind",
    "role",
    "type",
    "text",
    "cue",
    "source_id",
    "said_on",
    "start",
    "end",
    "confidence",
    "said_or_published",
)


def statement_rows(corpus: Corpus, seed: int) -> Iterator[tuple[Any, ...]]:
    """The statements, one row at a time (never all in memory for the large PostgreSQL run)."""
    srng = random.Random(seed + 2)
    n_entities, n_articles, n_outlets = len(corpus.entities), len(corpus.article_outlet), len(corpus.outlets)
    vocabulary, article_published = corpus.vocabulary, corpus.article_published
    speaker = Picker(n_entities, 0.8, srng)
    word = Picker(len(vocabulary), 1.0, srng)
    for i in range(corpus.statement_count):
        article = srng.randrange(n_articles)
        published = article_published[article]
        text = " ".join(vocabulary[w] for w in word.many(srng.randint(6, 30))).capitalize()
        said_on = published - dt.timedelta(days=srng.randrange(3)) if srng.random() < 0.7 else None
        role = srng.choice(ROLES) if srng.random() < 0.6 else None
        source_id = srng.randrange(n_outlets) + 1 if srng.random() < 0.1 else None
        confidence = round(srng.random(), 2)
        row = (i + 1, article + 1, speaker() + 1, "person", role, srng.choice(TYPES), text, "said")
        yield (*row, source_id, said_on, 0, len(text), confidence, said_on or published)


# --- loading --------------------------------------------------------------------------------------


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_sqlite(engine: sa.Engine, tables: dict[str, Table]) -> None:
    """SQLite: the driver's executemany, in one transaction with a large page cache; columns the
    database does not have yet (it is at an older revision) are left out."""
    with engine.begin() as connection:
        raw: Any = connection.connection.driver_connection
        raw.execute("PRAGMA cache_size=-1000000")  # 1 GB for this connection: the indexes grow in memory
        for name, table in tables.items():
            existing = {row[1] for row in raw.execute(f"PRAGMA table_info({name})")}
            keep = [i for i, column in enumerate(table.columns) if column in existing]
            quoted = ", ".join(f'"{table.columns[i]}"' for i in keep)
            sql = f"INSERT INTO {name} ({quoted}) VALUES ({', '.join('?' for _ in keep)})"
            for first in range(0, len(table.rows), BATCH):
                batch = table.rows[first : first + BATCH]
                raw.executemany(sql, [tuple(_sqlite_value(row[i]) for i in keep) for row in batch])


def load_postgres(engine: sa.Engine, tables: dict[str, Table]) -> None:
    """PostgreSQL: COPY ... FROM STDIN into the tables at the newest revision (the generated
    tsvector column and the indexes are filled as rows arrive), then the id sequences are
    moved past the rows."""
    for name, table in tables.items():
        quoted = ", ".join(f'"{c}"' for c in table.columns)
        for first in range(0, len(table.rows), BATCH):
            with engine.begin() as connection:
                raw: Any = connection.connection.driver_connection
                with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                    for row in table.rows[first : first + BATCH]:
                        copy.write_row(row)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
            )


# --- measuring ------------------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    samples: list[float]
    rows: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(name: str, calls: list[Callable[[], list[Any]]], runs: int) -> Figure:
    samples: list[float] = []
    rows = 0
    for call in calls:
        call()  # warm-up: the first run reads pages from disk into the caches
        for _ in range(runs):
            began = time.perf_counter()
            result = call()
            samples.append((time.perf_counter() - began) * 1000)
        rows += len(result)
    return Figure(name, samples, rows // max(1, len(calls)))


def pick_inputs(engine: sa.Engine, corpus: Corpus, seed: int) -> dict[str, list[Any]]:
    """Realistic inputs: speakers people ask about (much and little quoted), words and phrases
    from the statements, and outlets that published a given speaker."""
    rng = random.Random(seed + 3)
    S, A = models.Statement, models.Article
    with engine.connect() as connection:
        counts = connection.execute(
            sa.select(S.speaker_id, sa.func.count())
            .where(S.speaker_id.in_([1, 2, 5, 20, 100, 1000, 5000, 20000]))  # type: ignore[union-attr]
            .group_by(S.speaker_id)
        ).all()
        speaker_ids = [speaker_id for speaker_id, _count in counts]
        combos = []
        for speaker_id in speaker_ids:
            outlet_id = connection.execute(
                sa.select(A.outlet_id)
                .join(S, S.article_id == A.id)  # type: ignore[arg-type]
                .where(S.speaker_id == speaker_id)
                .group_by(A.outlet_id)
                .order_by(sa.func.count().desc())
                .limit(1)
            ).scalar_one()
            combos.append((corpus.entities[speaker_id - 1], corpus.outlets[outlet_id - 1]))
        sentences = list(
            connection.execute(
                sa.select(S.text).where(S.id.in_(rng.sample(range(1, corpus.statement_count + 1), 6)))  # type: ignore[union-attr]
            ).scalars()
        )
    mid = corpus.vocabulary[len(COMMON) + 100 : len(COMMON) + 2000]  # moderately rare made-up words
    searches = [
        f"{rng.choice(mid)} {rng.choice(mid)}",
        f"minister {rng.choice(mid)}",
        f'"{rng.choice(mid)} {rng.choice(COMMON)}"',
        f"{rng.choice(mid)[:5]}*",
        f"regierung {rng.choice(mid)} -{rng.choice(mid)}",
        f"{rng.choice(mid)} OR {rng.choice(mid)}",
    ]
    who_texts = []
    for sentence in sentences:
        words = sentence.split()
        start = rng.randrange(max(1, len(words) - 8))
        fragment = words[start : start + 8]
        if len(fragment) > 3:
            fragment[rng.randrange(len(fragment))] = rng.choice(COMMON)  # said a little differently
        who_texts.append(" ".join(fragment))
    misspelt = []
    for name, _outlet in combos[:6]:
        first, last = name.split(" ", 1)
        i = rng.randrange(1, len(last) - 1)
        misspelt.append(f"{first} {last[:i]}{'x' if last[i] != 'x' else 'y'}{last[i + 1 :]}")
    return {
        "speakers": [name for name, _outlet in combos],
        "surnames": [name.split(" ", 1)[1] for name, _outlet in combos],
        "misspelt": misspelt,
        "combos": combos,
        "searches": searches,
        "who": who_texts,
    }


def longest_inputs(corpus: Corpus) -> dict[str, str]:
    """Inputs of the greatest length the command line takes, made to cost the most."""
    from quotetrack.store.fulltext import MAX_SEARCH_CHARS, MAX_SEARCH_TERMS, MAX_SEARCH_WORDS

    def fill(words: list[str], joint: str = " ", room: int = MAX_SEARCH_CHARS) -> str:
        out = ""
        for word in itertools.cycle(words):
            if len(out) + len(joint) + len(word) > room:
                return out
            out = f"{out}{joint}{word}" if out else word

    common = COMMON[:MAX_SEARCH_TERMS]  # the most frequent words come first
    prefixes = sorted({word[:2] for word in COMMON if len(word) > 1})[:MAX_SEARCH_TERMS]
    return {
        "frequent words": fill(common),
        "two-letter prefixes": fill([f"{p}*" for p in prefixes]),
        "OR of frequent words": fill(common, " OR "),
        "exclusions": "der "
        + fill(
            [f"-{w}" for w in corpus.vocabulary[200 : 200 + MAX_SEARCH_TERMS - 1]], room=MAX_SEARCH_CHARS - 4
        ),
        "ss/ß spellings": fill(["strasse", "grosse", "masse", "strasse*", "gruss"]),
        "one long phrase": '"' + " ".join(COMMON[:MAX_SEARCH_WORDS]) + '"',
        "who text": fill(common),
        "speaker name (fuzzy)": fill(["Hollwek", "Brueckner", "Lindquist", "Weissmuller"]),
    }


def run_longest(engine: sa.Engine, corpus: Corpus, runs: int) -> list[Figure]:
    """The longest inputs, each as --search (by relevance), except the who text and the name."""
    texts = longest_inputs(corpus)
    figures = []
    with db.session_scope(engine) as session:
        for name, text in texts.items():
            if name == "who text":
                call: Callable[[], list[Any]] = lambda text=text: statements.who(session, text, limit=20)  # noqa: E731
            elif name.startswith("speaker"):
                filters = statements.Filters(speaker=text)
                call = lambda filters=filters: statements.search_statements(session, filters, limit=PAGE).rows  # noqa: E731
            else:
                filters = statements.Filters(search=text)
                call = lambda filters=filters: statements.search_statements(session, filters, limit=PAGE).rows  # noqa: E731
            figures.append(measure(f"{name} ({len(text):,} ch)", [call], max(1, runs // 2)))
    return figures


def plan_calls(session: Any, inputs: dict[str, list[Any]]) -> list[tuple[str, Callable[[], list[Any]]]]:
    """The query mix: each query type with its slowest input (each timed once, warm), for EXPLAIN."""
    slowest = []
    for name, calls in query_plan(session, inputs):
        timed = []
        for call in calls:
            call()
            began = time.perf_counter()
            call()
            timed.append((time.perf_counter() - began, call))
        slowest.append((name, max(timed, key=lambda pair: pair[0])[1]))
    return slowest


def query_plan(session: Any, inputs: dict[str, list[Any]]) -> list[tuple[str, list[Callable[[], list[Any]]]]]:
    """The README's query mix: each query type with its calls, one an input."""

    def find(**filters: Any) -> Callable[[], list[Any]]:
        sort = filters.pop("sort", None)
        return lambda: (
            statements.search_statements(session, statements.Filters(**filters), sort=sort, limit=PAGE).rows
        )

    year = (dt.date(2019, 1, 1), dt.date(2020, 12, 31))
    return [
        ("speaker lookup (full name)", [find(speaker=name) for name in inputs["speakers"]]),
        ("speaker lookup (surname)", [find(speaker=name) for name in inputs["surnames"]]),
        ("speaker lookup (misspelt, fuzzy)", [find(speaker=name) for name in inputs["misspelt"]]),
        ("full-text search (by relevance)", [find(search=text) for text in inputs["searches"]]),
        ("full-text search (by date)", [find(search=text, sort="date") for text in inputs["searches"]]),
        (
            "speaker + date range + outlet",
            [
                find(speaker=name, outlet=outlet, since=year[0], until=year[1])
                for name, outlet in inputs["combos"]
            ],
        ),
        ("who", [lambda text=text: statements.who(session, text, limit=20) for text in inputs["who"]]),
    ]


def run_queries(engine: sa.Engine, inputs: dict[str, list[Any]], runs: int) -> list[Figure]:
    with db.session_scope(engine) as session:
        return [measure(name, calls, runs) for name, calls in query_plan(session, inputs)]


# --- PostgreSQL at large scale ----------------------------------------------------------------------

LARGE_DATABASE = "quotetrack_bench_large"
COPY_BATCH = 500_000  # statements copied in one transaction


def database_url(base: str, name: str) -> str:
    return sa.make_url(base).set(database=name).render_as_string(hide_password=False)


def statements_in(url: str) -> int | None:
    """The statements of an existing benchmark database at the newest revision, else None."""
    try:
        engine = db.open_database(url)
    except Exception:
        return None
    try:
        with engine.connect() as connection:
            return int(connection.exec_driver_sql("SELECT count(*) FROM statements").scalar_one())
    except Exception:
        return None
    finally:
        engine.dispose()


def copy_statements(engine: sa.Engine, corpus: Corpus, seed: int) -> tuple[float, float]:
    """The statements streamed into PostgreSQL with COPY, their secondary indexes (the GIN
    full-text index among them) dropped before and built after; foreign keys are not checked
    row by row (session_replication_role = replica: the rows are generated consistent).
    The seconds copying and the seconds building the indexes."""
    with engine.begin() as connection:
        indexes = connection.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'statements' AND indexname <> 'pk_statements'"
        ).all()
        for name, _definition in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
    quoted = ", ".join(f'"{c}"' for c in STATEMENT_COLUMNS)
    rows = statement_rows(corpus, seed)
    began = time.perf_counter()
    done = 0
    while done < corpus.statement_count:
        with engine.begin() as connection:
            raw: Any = connection.connection.driver_connection
            raw.execute("SET LOCAL session_replication_role = replica")
            with raw.cursor() as cursor, cursor.copy(f"COPY statements ({quoted}) FROM STDIN") as copy:
                for row in itertools.islice(rows, COPY_BATCH):
                    copy.write_row(row)
                    done += 1
        elapsed = time.perf_counter() - began
        print(f"  {done:,} statements copied, {done / elapsed:,.0f}/s", flush=True)
    copied = time.perf_counter()
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '1GB'")
        for name, definition in indexes:
            started = time.perf_counter()
            connection.exec_driver_sql(definition)
            print(f"  index {name} built in {time.perf_counter() - started:.0f} s", flush=True)
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('statements', 'id'), (SELECT max(id) FROM statements))"
        )
    return copied - began, time.perf_counter() - copied


def capture_sql(engine: sa.Engine, call: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The SELECT statements (with their parameters) that ``call`` sends."""
    captured: list[tuple[str, Any]] = []

    def before(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            captured.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        call()
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
    return captured


def explain(engine: sa.Engine, name: str, call: Callable[[], Any], out: Path) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of each query one input of ``name`` sends, appended to ``out``."""
    with out.open("a", encoding="utf-8") as file:
        file.write(f"\n=== {name} ===\n")
        for statement, parameters in capture_sql(engine, call):
            with engine.connect() as connection:
                raw: Any = connection.connection.driver_connection
                with raw.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
            file.write(f"--- {statement.strip()[:4000]}\n--- parameters: {parameters!r}\n{plan}\n")


def run_large(base: str, args: argparse.Namespace) -> None:
    """PostgreSQL only: ``--statements`` (default 10,000,000) in a database of its own, loaded
    with COPY unless it is there already (``--database``; dropped afterwards with ``--drop``)."""
    name = args.database or LARGE_DATABASE
    url = database_url(base, name)
    began = time.perf_counter()
    corpus, tables = generate(args.statements, args.seed, with_statements=False)
    print(f"corpus shape generated in {time.perf_counter() - began:.0f} s", flush=True)
    have = statements_in(url)
    admin = sa.create_engine(base, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT")
    try:
        if have != args.statements:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
            db.upgrade(url)
            engine = db.open_database(url)
            started = time.perf_counter()
            load_postgres(engine, tables)
            others = time.perf_counter() - started
            copying, indexing = copy_statements(engine, corpus, args.seed)
            with engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
            engine.dispose()
            print(
                f"PostgreSQL {name}: {args.statements:,} statements copied in {copying:.0f} s "
                f"({args.statements / copying:,.0f} statements/s, generation included), indexes built in "
                f"{indexing:.0f} s; {len(corpus.entities):,} speakers and {len(corpus.article_outlet):,} "
                f"articles in {others:.0f} s",
                flush=True,
            )
        else:
            print(f"PostgreSQL {name}: reusing its {have:,} statements", flush=True)
        engine = db.open_database(url)
        try:
            with engine.connect() as connection:
                size = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
            print(f"  database size {size / 1e9:.1f} GB")
            inputs = pick_inputs(engine, corpus, args.seed)
            figures = run_queries(engine, inputs, args.runs)
            report(
                f"PostgreSQL, {args.statements:,} statements (p95 under {TARGET_MS:.0f} ms)",
                figures,
                True,
                worst=True,
            )
            longest = [] if args.no_longest else run_longest(engine, corpus, args.runs)
            report(
                f"PostgreSQL, longest inputs (p95 under {LONGEST_TARGET_MS:.0f} ms)",
                longest,
                True,
                LONGEST_TARGET_MS,
                worst=True,
            )
            slow = [f.name for f in figures if f.p95 >= TARGET_MS]
            if args.explain and slow:
                out = Path(args.explain)
                out.write_text(f"EXPLAIN (ANALYZE, BUFFERS) at {args.statements:,} statements\n")
                with db.session_scope(engine) as session:
                    for name_, call in plan_calls(session, inputs):
                        if name_ in slow:
                            explain(engine, name_, call, out)
                print(f"  plans of the queries over {TARGET_MS:.0f} ms written to {out}")
        finally:
            engine.dispose()
        if args.drop:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            print(f"  database {name} dropped")
    finally:
        admin.dispose()


def report(
    label: str, figures: list[Figure], target: bool, target_ms: float = TARGET_MS, *, worst: bool = False
) -> None:
    """The figures; with ``target``, whether the median (``worst``: the 95th percentile) meets it."""
    print(f"\n{label}")
    print(f"  {'query':<36} {'median ms':>10} {'p95 ms':>10} {'rows':>6}" + ("  target" if target else ""))
    for figure in figures:
        verdict = ""
        if target:
            value = figure.p95 if worst else figure.median
            verdict = "  ok" if value < target_ms else f"  MISSES {target_ms:.0f} ms"
        print(f"  {figure.name:<36} {figure.median:>10.1f} {figure.p95:>10.1f} {figure.rows:>6}{verdict}")


def bench(url: str, label: str, corpus: Corpus, tables: dict[str, Table], args: argparse.Namespace) -> None:
    """SQLite: the rows go into a database at revision 0001 (no full-text index), which is then
    upgraded: the migrations index and date the rows already there, as for an older database.
    PostgreSQL: the rows are copied into a database at the newest revision."""
    postgres = url.startswith("postgresql")
    began = time.perf_counter()
    if postgres:
        engine = db.open_database(url)
        load_postgres(engine, tables)
        engine.dispose()
    else:
        db.upgrade(url, "0001")
        engine = db.create_db_engine(url)
        load_sqlite(engine, tables)
        engine.dispose()
    loaded = time.perf_counter()
    db.upgrade(url)
    engine = db.open_database(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        indexed = time.perf_counter()
        how = "indexed as loaded" if postgres else f"indexed by the migrations in {indexed - loaded:.0f} s"
        print(
            f"\n{label}: {args.statements:,} statements, {len(corpus.entities):,} speakers, "
            f"{len(corpus.article_outlet):,} articles; loaded in {loaded - began:.0f} s, {how}",
            flush=True,
        )
        inputs = pick_inputs(engine, corpus, args.seed)
        for key in ("speakers", "misspelt", "searches", "who"):
            print(f"  {key}: {inputs[key][:3]} ...")
        report(label, run_queries(engine, inputs, args.runs), target=not postgres)
        longest = run_longest(engine, corpus, args.runs)
        report(
            f"{label}, longest inputs (p95 under {LONGEST_TARGET_MS:.0f} ms)",
            longest,
            True,
            LONGEST_TARGET_MS,
            worst=True,
        )
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--statements", type=int, help="Statements generated (default 1,000,000; 10,000,000 with --large)."
    )
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per input (after one warm-up).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only.")
    parser.add_argument(
        "--large",
        action="store_true",
        help="PostgreSQL only, at large scale: the statements copied into a database of their own, "
        "p95 of each query against the target.",
    )
    parser.add_argument(
        "--database",
        help=f"With --large: the database (default {LARGE_DATABASE}); reused when it holds as many "
        "statements.",
    )
    parser.add_argument("--drop", action="store_true", help="With --large: drop the database afterwards.")
    parser.add_argument(
        "--no-longest", action="store_true", help="With --large: leave out the longest inputs."
    )
    parser.add_argument(
        "--explain",
        metavar="FILE",
        help="With --large: EXPLAIN ANALYZE of the queries over the target, into FILE.",
    )
    args = parser.parse_args()
    args.statements = args.statements or (10_000_000 if args.large else 1_000_000)
    base = os.environ.get("QUOTETRACK_BENCH_POSTGRES_URL") or os.environ.get("QUOTETRACK_TEST_POSTGRES_URL")
    if args.large:
        if not base:
            parser.error("--large needs QUOTETRACK_BENCH_POSTGRES_URL (a PostgreSQL server)")
        run_large(db.resolve_url(base), args)
        return
    print(
        f"Python {sys.version.split()[0]}, SQLite {sa.__version__ and __import__('sqlite3').sqlite_version}"
    )

    began = time.perf_counter()
    corpus, tables = generate(args.statements, args.seed)
    print(f"generated in {time.perf_counter() - began:.0f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="quotetrack-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        bench(url, "SQLite", corpus, tables, args)
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"  database size {size / 1e6:.0f} MB (deleted)")

    if not base or args.no_postgres:
        print("\nPostgreSQL: skipped (set QUOTETRACK_BENCH_POSTGRES_URL)")
        return
    base = db.resolve_url(base)
    schema = f"quotetrack_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, poolclass=sa.NullPool)
    with admin.begin() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        bench(url.render_as_string(hide_password=False), "PostgreSQL", corpus, tables, args)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    main()
