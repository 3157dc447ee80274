"""Hostile input for fact tracking: dates outside the calendar the store supports (``dates``), a
process killed at each step of fact tracking (``kills``), and many small articles whose fact
tracking runs in chunks (``memory``; the memory figure itself is bench/bench_ingest.py
--memory's).

Each generator yields named :class:`Case`s; a case builds its files in a temporary folder and
says how quotetrack must answer (:class:`Call`), and ``test_fact_tracking.py`` runs it: no
traceback, exactly the ``Error:`` lines expected, the exit code, and the case's own check.
Every article is invented here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli_runner import invoke


@dataclass
class Call:
    """A command line (with its own ``--db``) and what must come of it."""

    args: list[Any]
    exit_code: int = 0
    errors: int = 0  # lines starting with "Error:" on stderr
    check: Callable[[Any, Path], None] | None = None  # (outcome, folder) -> asserts
    wrapper: list[str] | None = None  # runs quotetrack as a process inside this command
    timeout: float = 300.0


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    build: Callable[[Path], Call]

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


def article_text(tag: str) -> str:
    """A short plain-text article with one attributed quotation; ``tag`` makes it unique."""
    return (
        f"Harbour plan for Port Varnel ({tag})\n\n"
        f'Port Varnel. "The pier is safe for {tag}," Mayor Jana Novak said on Monday.\n'
    )


# --- dates -----------------------------------------------------------------------------------------

# (case name, how the input gives its date, the date it reads as, if any)
JSON_DATES = [
    ("year 1", "0001-01-01", "0001-01-01"),
    ("year 9999", "9999-12-31", "9999-12-31"),
    ("a minus sign", "-5000-01-01", "5000-01-01"),
    ("year 10000", "10000-01-01", None),
    ("an RFC 2822 year 9999", "Fri, 31 Dec 9999 23:59:59 GMT", "9999-12-31"),
]


def _jsonl(folder: Path, tag: str, bad: dict[str, Any]) -> Path:
    """A good article, the bad one, another good article, as JSON Lines."""
    lines = [
        {"id": f"{tag}-before", "text": article_text(f"{tag} before"), "lang": "en"},
        {"id": tag, "text": article_text(tag), "lang": "en", **bad},
        {"id": f"{tag}-after", "text": article_text(f"{tag} after"), "lang": "en"},
    ]
    path = folder / f"{tag}.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _dated(url: str, stored: int, warned: str | None, stderr: str) -> None:
    """The database holds ``stored`` articles, none with a date out of range, nothing pending, and
    the date read out of range was named in a warning."""
    rows = json.loads(invoke("--db", url, "articles", "--format", "json").stdout)
    assert len(rows) == stored, rows
    for row in rows:
        published = row["published"]
        assert published is None or "1000-01-01" <= published <= "2999-12-31", row
    if warned is not None:
        assert f"published date {warned} is out of range; left out" in stderr, stderr
    regrouped = invoke("--db", url, "claims", "--regroup", "--format", "json")
    assert regrouped.exit_code == 0 and "Traceback" not in regrouped.output, regrouped.output
    assert "No article is waiting" in invoke("--db", url, "facts").stderr


def dates() -> Iterator[Case]:
    for name, given, read_as in JSON_DATES:

        def build(folder: Path, given: str = given, read_as: str | None = read_as, name: str = name) -> Call:
            path = _jsonl(folder, "date-" + name.replace(" ", "-"), {"published": given})
            url = f"sqlite:///{folder / 'dates.db'}"
            # a date no reader understands is the input's error; one it reads is dropped with a warning
            stored = 3 if read_as else 2
            return Call(
                ["--db", url, "ingest", path],
                exit_code=0 if read_as else 1,
                errors=0 if read_as else 1,
                check=lambda o, _f: _dated(url, stored, read_as, o.stderr),
            )

        yield Case("dates", name, build)

    def dateline(folder: Path) -> Call:
        path = folder / "dateline-9999.txt"
        path.write_text(
            "Pier reopens in Port Varnel (dateline 9999)\n\nPublished 31 December 9999\n\n"
            '"The pier is safe again," Mayor Jana Novak said on Monday.\n',
            encoding="utf-8",
        )
        before = folder / "dateline-before.txt"
        before.write_text(article_text("dateline before"), encoding="utf-8")
        url = f"sqlite:///{folder / 'dates.db'}"
        return Call(
            ["--db", url, "ingest", before, path],
            exit_code=0,
            errors=0,
            check=lambda o, _f: _dated(url, 2, None, o.stderr),
        )

    yield Case("dates", "a dateline in year 9999", dateline)

    def front_matter(folder: Path) -> Call:
        path = folder / "front-matter-year-1.md"
        path.write_text(
            "---\ntitle: Pier in year one\ndate: 0001-01-01\nlang: en\n---\n\n"
            + article_text("front matter 1"),
            encoding="utf-8",
        )
        url = f"sqlite:///{folder / 'dates.db'}"
        return Call(
            ["--db", url, "ingest", path],
            exit_code=0,
            errors=0,
            check=lambda o, _f: _dated(url, 1, "0001-01-01", o.stderr),
        )

    yield Case("dates", "front matter in year 1", front_matter)


# --- kills -----------------------------------------------------------------------------------------

KILLER = Path(__file__).resolve().parent / "kill_inside.py"

# (case name, the function inside which the process is killed, and on which call)
KILL_POINTS = [
    ("resolving names", "quotetrack.facts.update:resolve_names", 1),
    ("grouping, first chunk", "quotetrack.facts.claims:update_claims", 1),
    ("links, first chunk", "quotetrack.facts.provenance:update_links", 1),
    ("grouping, second chunk", "quotetrack.facts.claims:update_claims", 2),
    ("estimating days, last chunk", "quotetrack.facts.estimates:estimate_from_related", 3),
]

STORY = [
    {
        "id": "kill-ledger",
        "url": "https://harbour-ledger.example/2024/05/06/pier",
        "outlet": "Harbour Ledger",
        "lang": "en",
        "published": "2024-05-06",
        "text": 'Pier closes\n\n"We will close the old pier in Port Varnel for repairs until the spring," '
        'harbour master Ida Brenner said on Monday.\n\n"Nobody will lose a job because of the repairs," '
        "Brenner added.",
    },
    {
        "id": "kill-coastwatch",
        "url": "https://coastwatch.example/pier",
        "outlet": "Coastwatch",
        "lang": "en",
        "text": 'Port Varnel pier to close\n\n"We will close the old pier in Port Varnel for repairs," '
        "harbour master Ida Brenner told the Harbour Ledger.\n\nBrenner said nobody would lose a job "
        "because of the repairs.",
    },
    {
        "id": "kill-kuestenblick",
        "url": "https://kuestenblick.example/pier",
        "outlet": "Küstenblick",
        "lang": "de",
        "text": "Port Varnel schließt alten Pier\n\n„Wir werden den alten Pier in Port Varnel bis zum "
        "Frühjahr für Reparaturen schließen“, sagte Hafenmeisterin Ida Brenner dem Harbour Ledger."
        "\n\nNiemand werde wegen der Reparaturen seine Arbeit verlieren, sagte Brenner.",
    },
    {
        "id": "kill-courier",
        "url": "https://courier.example/2024/05/07/ferry",
        "outlet": "Varnel Courier",
        "lang": "en",
        "text": 'Ferry stays\n\n"The ferry timetable stays as it is," Ida Brenner said in an interview with '
        "station KVRN.\n\nThe pier in Port Varnel closes for repairs, the Harbour Ledger reported.",
    },
    {
        "id": "kill-tribune",
        "url": "https://tribune.example/2024/05/08/pier",
        "outlet": "Varnel Tribune",
        "lang": "en",
        "published": "2024-05-08",
        "text": "Pier repairs\n\nHarbour master Ida Brenner said the old pier in Port Varnel would close for "
        'repairs until the spring. "Nobody will lose a job," she said, according to Coastwatch.',
    },
]


def facts_of(url: str) -> tuple[set[frozenset[str]], set[tuple[str, str, str]]]:
    """A database's claims (the outlets and texts of their appearances) and provenance edges."""
    claims = set()
    listed = invoke("--db", url, "claims", "--min-articles", "1", "--format", "json")
    for row in json.loads(listed.stdout):
        history = json.loads(invoke("--db", url, "claim", row["id"], "--format", "json").stdout)
        claims.add(frozenset(f"{a['outlet']}: {a['text']}" for a in history["appearances"]))
    edges = set()
    for row in json.loads(invoke("--db", url, "articles", "--format", "json").stdout):
        trace = json.loads(invoke("--db", url, "trace", row["id"], "--format", "json").stdout)
        for node in trace["sources"]:
            edges.add((row["outlet"], node["edge"], node["label"]))
    return claims, edges


def _finished_like_a_clean_run(folder: Path, corpus: Path, url: str) -> None:
    again = invoke("--db", url, "ingest", corpus)
    assert again.exit_code == 0 and "Traceback" not in again.output, again.output
    clean = f"sqlite:///{folder / 'clean.db'}"
    assert invoke("--db", clean, "ingest", "-q", corpus).exit_code == 0
    assert facts_of(url) == facts_of(clean)
    assert "No article is waiting" in invoke("--db", url, "facts").stderr


def kills() -> Iterator[Case]:
    for name, where, call in KILL_POINTS:

        def build(folder: Path, where: str = where, call: int = call) -> Call:
            corpus = folder / "story.jsonl"
            corpus.write_text(
                "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in STORY), encoding="utf-8"
            )
            url = f"sqlite:///{folder / 'killed.db'}"
            return Call(
                ["--db", url, "ingest", "-q", corpus],
                exit_code=-9,
                errors=0,
                wrapper=[sys.executable, str(KILLER), where, str(call), "2"],
                check=lambda _o, f: _finished_like_a_clean_run(f, corpus, url),
                timeout=300,
            )

        yield Case("kills", name, build)


# --- memory ----------------------------------------------------------------------------------------

MANY = 400


def memory() -> Iterator[Case]:
    def build(folder: Path) -> Call:
        path = folder / "many.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(MANY):
                # pairs of articles carry the same quote: 200 claims to find across 8 chunks
                quote = f"The pier number {i // 2 + 1000} in Port Varnel reopens after the repairs"
                record = {
                    "id": f"many-{i}",
                    "url": f"https://many.example/{i}",
                    "outlet": f"Outlet {i % 2}",
                    "lang": "en",
                    "text": f'Pier {i}\n\n"{quote}," harbour master Ida Brenner said.',
                }
                out.write(json.dumps(record) + "\n")
        url = f"sqlite:///{folder / 'many.db'}"

        def check(_outcome: Any, _folder: Path) -> None:
            claims = json.loads(invoke("--db", url, "claims", "--format", "json").stdout)
            assert len(claims) == MANY // 2, len(claims)
            assert "No article is waiting" in invoke("--db", url, "facts").stderr

        return Call(
            ["--db", url, "ingest", "-q", path],
            exit_code=0,
            errors=0,
            wrapper=[sys.executable, str(KILLER), "-", "0", "50"],
            check=check,
            timeout=600,
        )

    yield Case("memory", f"{MANY} articles, fact tracking 50 at a time", build)


KINDS = {"dates": dates, "kills": kills, "memory": memory}


def all_cases() -> list[Case]:
    return [case for generate in KINDS.values() for case in generate()]
