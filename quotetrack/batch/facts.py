"""``quotetrack batch facts``: the fact tracking of the pending articles, its grouping on Spark.

The database must end as ``quotetrack facts`` leaves it, and that fact tracking is sequential:
it takes the pending articles a chunk at a time (by id), and a chunk's statements a stretch of
days at a time (a slice, with the grouping window on either side), and what one stretch groups
is part of what the next one starts from. So the fact tracking itself runs here as it runs there
(:func:`quotetrack.facts.update.track_facts`: the same transactions, the same writes, each chunk
clearing its articles' pending mark), and only the grouping of each stretch, the pure and costly
part (:func:`quotetrack.facts.grouping.group_statements`), is computed on Spark beforehand:

1. Before a chunk's transaction, the chunk's grouping is run once in a transaction that is
   rolled back (a dry run), with a grouper that collects each stretch it is asked for: its
   statements as grouping sees them, and which of them are new.
2. Spark groups those stretches, one task a stretch of days, in parallel.
3. Dry runs again use the groups Spark computed, so that each stretch starts from what the
   stretches before it wrote; a stretch whose statements then differ from what Spark was given
   (a claim the stretch before it made) goes to Spark again, up to ROUNDS rounds a chunk.
4. The chunk's real transaction uses a group from Spark only where its stretch holds exactly the
   statements Spark grouped (compared whole, with their claims numbered in order of appearance, so
   that claim ids drawn in a dry run do not matter); any other stretch is grouped on the driver.

Grouping is a function of its statements, so the claims, memberships, provenance links and
speaker merges are those of ``quotetrack facts``, whatever Spark computed; Spark only takes the
grouping off the driver where the stretches are what it was given. Speaker and outlet resolution
runs on the driver in the first transaction, as there (it is one pass that merges as it goes).
Interrupted, the chunks committed stay done and the rest stay pending: run again, it ends as one
run would (as ``quotetrack facts`` would, too).
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from quotetrack.batch.session import spark_master, spark_session
from quotetrack.facts import update
from quotetrack.facts.claims import Grouper, update_claims
from quotetrack.facts.grouping import Group, Membership, StatementRecord, group_statements
from quotetrack.facts.update import FactUpdate
from quotetrack.store.db import session_scope
from quotetrack.text import plural

APP_NAME = "quotetrack batch facts"
ROUNDS = 3  # dry runs (and Spark jobs) a chunk at most, before its real transaction
FIELDS = tuple(f.name for f in dataclasses.fields(StatementRecord))
CLAIM = FIELDS.index("claim_id")
CARRIERS = FIELDS.index("carriers")
_values = operator.attrgetter(*FIELDS)

Row = tuple[Any, ...]  # a StatementRecord's values, its claim numbered and its carriers sorted
GroupRow = tuple[int | None, tuple[tuple[int, float, int | None], ...]]  # a Group, its claim numbered


@dataclass(frozen=True, slots=True)
class Stretch:
    """What grouping is asked for one stretch of days, in a form that does not depend on claim ids:
    the statements by id, their claims numbered from 1 in that order."""

    key: str  # a digest of all of it
    rows: tuple[Row, ...]
    focus: tuple[int, ...]
    threshold: float
    window_days: int
    claims: tuple[int, ...]  # the claim ids numbered 1, 2, ...

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(row[0] for row in self.rows)


def stretch(
    records: Sequence[StatementRecord], focus: Iterable[int], threshold: float, window_days: int
) -> Stretch:
    unique: dict[int, StatementRecord] = {}
    for record in records:  # grouping keeps the first of a statement given twice
        unique.setdefault(record.id, record)
    numbers: dict[int, int] = {}
    rows = []
    for record in sorted(unique.values(), key=lambda r: r.id):
        row = list(_values(record))
        if record.claim_id is not None:
            row[CLAIM] = numbers.setdefault(record.claim_id, len(numbers) + 1)
        row[CARRIERS] = tuple(sorted(record.carriers))
        rows.append(tuple(row))
    ordered = tuple(sorted(set(focus)))
    digest = hashlib.sha256(repr((rows, ordered, threshold, window_days)).encode("utf-8", "surrogatepass"))
    return Stretch(digest.hexdigest(), tuple(rows), ordered, threshold, window_days, tuple(numbers))


def group_stretch(
    rows: Sequence[Row], focus: Sequence[int], threshold: float, window_days: int
) -> list[GroupRow]:
    """What :func:`group_statements` makes of a stretch (claims as numbered there): run on Spark."""
    records = [
        StatementRecord(**{**dict(zip(FIELDS, row, strict=True)), "carriers": frozenset(row[CARRIERS])})
        for row in rows
    ]
    groups = group_statements(records, threshold=threshold, window_days=window_days, focus=set(focus))
    return [
        (group.claim_id, tuple((m.statement_id, m.score, m.partner) for m in group.members))
        for group in groups
    ]


def code_digest() -> str:
    """A digest of what grouping is made of (the modules of facts/ and the lexicon's files): Spark's
    groups are taken only from executors that run the driver's code and words."""
    import quotetrack.facts
    import quotetrack.lexicon

    digest = hashlib.sha256()
    for package in (quotetrack.facts, quotetrack.lexicon):
        root = Path(next(iter(package.__path__)))
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
            digest.update(str(path.relative_to(root)).encode("utf-8", "surrogateescape"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _group_partition(
    items: Iterator[tuple[str, tuple[Row, ...], tuple[int, ...], float, int]],
) -> Iterator[Any]:
    code = None
    for key, rows, focus, threshold, window_days in items:
        code = code or code_digest()
        yield key, code, group_stretch(rows, focus, threshold, window_days)


def groups_of(found: Sequence[GroupRow], at: Stretch, ids: frozenset[int] | None = None) -> list[Group]:
    """Groups as Spark gave them, for the stretch ``at``: its claim ids in place of their numbers;
    members outside ``ids`` (when given) leave out their group."""
    groups = []
    for claim, members in found:
        if ids is not None and any(m[0] not in ids for m in members):
            continue
        claim_id = at.claims[claim - 1] if claim is not None and claim <= len(at.claims) else None
        groups.append(Group(claim_id, tuple(Membership(*m) for m in members)))
    return groups


class _Rollback(Exception):
    """Ends a dry run: its transaction is rolled back."""


@dataclass(slots=True)
class BatchFacts:
    """What ``batch facts`` did."""

    facts: FactUpdate | None = None
    on_spark: int = 0  # stretches of days whose groups came from Spark
    on_driver: int = 0  # ... and those grouped on the driver, Spark's guess not being theirs
    computed: int = 0  # stretches Spark grouped, in all rounds
    chunks: int = 0
    master: str = ""
    other_code: int = 0  # stretches whose executor ran other code than the driver: not taken

    def line(self) -> str:
        if self.facts is None:
            return "No article is waiting for fact tracking"
        stretches = plural(self.on_spark + self.on_driver, "stretch of days", "stretches of days")
        line = (
            f"Fact tracking finished: {self.facts.line()}; {stretches} grouped, {self.on_spark} of them on "
            f"Spark ({self.master}), {self.on_driver} on the driver"
        )
        if self.other_code:
            line += f" ({self.other_code} Spark results set aside: the executors run another quotetrack)"
        return line


@dataclass(slots=True)
class Speculation:
    """The groups Spark computed for the stretches dry runs asked for, by digest."""

    engine: Engine
    spark: Any
    partitions: int | None
    summary: BatchFacts
    rounds: int = ROUNDS
    note: Callable[[str], None] | None = None
    found: dict[str, list[GroupRow]] = field(default_factory=dict)
    code: str = field(default_factory=code_digest)

    def grouping(self, chunk: list[int]) -> Grouper:
        """The grouper of a chunk's real transaction, after dry runs and Spark jobs."""
        self.summary.chunks += 1
        latest: dict[int, Stretch] = {}  # the n-th stretch of the chunk, as the last dry run saw it
        for _round in range(self.rounds):
            wanted: dict[str, Stretch] = {}
            self._dry_run(chunk, self._guessing(latest, wanted))
            if not wanted:
                break
            self._compute(list(wanted.values()))
        return self._known

    def _known(self, records: list[StatementRecord], **options: Any) -> list[Group]:
        """The real transaction's grouper (a :class:`Grouper`): Spark's groups for a stretch that
        holds exactly what Spark grouped, else ``group_statements`` here."""
        at = stretch(records, options["focus"], options["threshold"], options["window_days"])
        found = self.found.get(at.key)
        if found is not None:
            self.summary.on_spark += 1
            return groups_of(found, at)
        self.summary.on_driver += 1
        return group_statements(records, **options)

    def _guessing(self, latest: dict[int, Stretch], wanted: dict[str, Stretch]) -> Grouper:
        """A dry run's grouper: Spark's groups where it has them; elsewhere the stretch is wanted,
        and the groups Spark gave for that stretch in the round before stand in for its own, so
        that the stretches after it start from a likely state."""
        calls = iter(range(1 << 62))

        def guess(records: list[StatementRecord], **options: Any) -> list[Group]:
            at = stretch(records, options["focus"], options["threshold"], options["window_days"])
            slot = next(calls)
            before, latest[slot] = latest.get(slot), at
            found = self.found.get(at.key)
            if found is not None:
                return groups_of(found, at)
            wanted[at.key] = at
            stale = self.found.get(before.key) if before is not None else None
            return groups_of(stale, at, at.ids) if stale is not None else []

        return guess

    def _dry_run(self, chunk: list[int], grouper: Grouper) -> None:
        try:
            with session_scope(self.engine, write=True) as session:
                update_claims(session, article_ids=chunk, grouper=grouper)
                raise _Rollback
        except _Rollback:
            pass

    def _compute(self, stretches: list[Stretch]) -> None:
        context = self.spark.sparkContext
        slices = self.partitions or max(1, min(len(stretches), context.defaultParallelism))
        if self.note:
            self.note(
                f"grouping {plural(len(stretches), 'stretch of days', 'stretches of days')} "
                f"({plural(sum(len(s.focus) for s in stretches), 'new statement')}) "
                f"in {plural(slices, 'partition')}"
            )
        largest_first = sorted(stretches, key=lambda s: -len(s.rows))
        items = [(s.key, s.rows, s.focus, s.threshold, s.window_days) for s in largest_first]
        results = context.parallelize(items, slices).mapPartitions(_group_partition).collect()
        for key, code, groups in results:
            if code != self.code:
                self.summary.other_code += 1
                continue
            self.found[str(key)] = [(claim, tuple(tuple(m) for m in members)) for claim, members in groups]
        self.summary.computed += len(stretches)


def run(
    engine: Engine,
    *,
    master: str | None = None,
    partitions: int | None = None,
    rounds: int = ROUNDS,
    note: Callable[[str], None] | None = None,
) -> BatchFacts:
    """The fact tracking of every pending article, as ``quotetrack facts`` does it, with the
    grouping computed on Spark (see the module)."""
    summary = BatchFacts(master=spark_master(master))
    with session_scope(engine) as session:
        pending = update.pending_articles(session)
    if not pending:
        return summary
    if note:
        note(f"{plural(len(pending), 'article')} waiting for fact tracking; Spark on {summary.master}")
    with spark_session(APP_NAME, summary.master) as spark:
        speculation = Speculation(engine, spark, partitions, summary, rounds, note)
        summary.facts = update.track_facts(engine, [], grouping=speculation.grouping)
    return summary
