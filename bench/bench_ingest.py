"""End-to-end ingest speed: files and JSON Lines into a fresh SQLite database, extraction included.

    python bench/bench_ingest.py                      # 10,000 articles (bench/corpus.py), 300 HTML pages
    python bench/bench_ingest.py --n 2000 --html 100  # quicker
    python bench/bench_ingest.py --jobs 2             # also with two worker processes (default: 2)
    python bench/bench_ingest.py --input real.jsonl   # your own articles instead, as JSON Lines

The corpus is bench/corpus.py's (invented German and English articles of about 3,000
characters), written once as ``articles.jsonl`` and as one text file per article; the HTML
pages wrap the first articles in an invented news-site template (navigation, cookie banner,
byline, share links, comments, footer). Each run is ``quotetrack.ingest.run`` (read, detect
language, drop boilerplate, extract, save; whole articles in groups of up to 200 a write
transaction) into a new SQLite file,
in a child process of its own so that its memory is its own:

1. text files, one process pinned to one CPU;
2. JSON Lines, one process pinned to one CPU;
3. HTML pages, one process pinned to one CPU;
4. text files and JSON Lines again with ``--jobs N`` worker processes (not pinned).

Each prints articles/s, MB/s of article text, CPU time, statements stored, and the peak RSS
(``ru_maxrss``) after 1/4, 1/2 and all of the inputs and at the end, after the run's fact
tracking (workers' peak separately). The target is
200 articles/s for text and JSON Lines on one core; the engine alone (``bench_extract.py``)
bounds what ingest can do on one core.

``--memory 10000,40000`` ingests the JSON Lines corpus of each size into a fresh database and
prints the peak RSS of each run, fact tracking included, and how much the larger differs from
the smaller: memory should stay flat in the number of articles (target: less than 25%).
``--mix realistic`` runs it on the realistic corpus (4 to 8 statements an article) instead of
the quote-dense one.

``--ratios`` measures what the ingest targets are written as, in one run on the same stream of
articles, with the command-line tool as a user runs it: ``quotetrack extract --jsonl`` and
``quotetrack ingest --quiet`` (into a fresh SQLite file, fact tracking included) each pinned to
one CPU, then ``quotetrack ingest --quiet --jobs 2`` unpinned; on the quote-dense corpus (about
24 statements an article) and on a realistic one (about 3,000 characters and 4 to 8 statements
an article). It prints articles/s of each and the two ratios: ingest over extract (target at
least 60%) and two jobs over one (target at least 1.6).

With ``--input``, the articles of those JSON Lines files (real news, say) are ingested instead,
pinned to one CPU; besides articles/s it prints the rate scaled to articles of 3,000 bytes, so
that a set of short articles can be compared with the target.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py, next to this file)

TARGET = 200.0  # articles/s on one core, text and JSON Lines
MIB = 1024 * 1024


# --- the corpus -------------------------------------------------------------------------------------


def prepare_corpus(workdir: Path, n: int, seed: int, pages: int, mix: str = "dense") -> Path:
    """DIR/articles.jsonl, DIR/text/<id>.txt and DIR/html/<id>.html, written once."""
    folder = workdir / f"ingest-n{n}-s{seed}" if mix == "dense" else workdir / f"ingest-{mix}-n{n}-s{seed}"
    text_dir, html_dir = folder / "text", folder / "html"
    done = folder / ".complete"
    if not done.exists() or done.read_text() != f"{n} {seed} {pages}":
        started = time.monotonic()
        corpus.write_corpus(n, folder, seed=seed, text_files=True, mix=mix)
        html_dir.mkdir(exist_ok=True)
        for old in html_dir.glob("*.html"):
            old.unlink()
        for index, item in enumerate(corpus.generate(pages, seed=seed)):
            (html_dir / f"{item['id']}.html").write_text(page(item, index), encoding="utf-8")
        done.write_text(f"{n} {seed} {pages}")
        print(f"  corpus written to {folder} in {time.monotonic() - started:.1f} s", flush=True)
    assert len(list(text_dir.iterdir())) == n
    return folder


NAV = ["Home", "Region", "Politics", "Business", "Sport", "Culture", "Weather", "Subscribe"]


def page(item: dict[str, Any], index: int) -> str:
    """An invented news-site page around one corpus article."""
    rng = random.Random(index)
    lines = [line for line in item["text"].split("\n") if line.strip()]
    title, byline, paragraphs = lines[0], lines[1], lines[2:]
    author = byline.split("|")[0].replace("von ", "").replace("By ", "").strip()
    outlet = item["outlet"]
    slug = item["id"].lower()
    esc = html.escape
    nav = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    comments = "\n".join(
        f'<div class="comment"><p class="author">reader{rng.randint(1, 999)}</p>'
        f"<p>{esc(rng.choice(['Finally!', 'Who pays for this?', 'Typical.', 'Great reporting.']))}</p></div>"
        for _ in range(rng.randint(2, 6))
    )
    return f"""<!DOCTYPE html>
<html lang="{item["lang"]}">
<head>
<meta charset="utf-8">
<title>{esc(title)} | {esc(outlet)}</title>
<meta property="og:site_name" content="{esc(outlet)}">
<meta property="og:title" content="{esc(title)}">
<meta name="author" content="{esc(author)}">
<meta property="article:published_time" content="{item["published"]}T08:00:00+01:00">
<link rel="canonical" href="https://news-{index % 9}.example/{slug}">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.</p>
<button>Accept all</button><button>Settings</button></div>
<header><a class="logo" href="/">{esc(outlet)}</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
<h1>{esc(title)}</h1>
<p class="byline">{esc(byline)}</p>
{body}
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">E-mail</a></div>
</article>
<section id="comments"><h2>Comments</h2>
{comments}
<form><textarea></textarea><button>Post comment</button></form></section>
</main>
<aside><h3>Most read</h3><ul><li><a href="/a">Other story one</a></li>
<li><a href="/b">Other story two</a></li></ul></aside>
<footer><p>Newsletter: sign up for our morning briefing.</p>
<p>&copy; {esc(outlet)}. All rights reserved.</p></footer>
</body>
</html>
"""


# --- one run, in a child process --------------------------------------------------------------------


def rss_now() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def maxrss(who: int = resource.RUSAGE_SELF) -> int:
    peak = resource.getrusage(who).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def remove_database(path: Path) -> None:
    """An SQLite file with its write-ahead log and shared-memory file."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def child(args: argparse.Namespace) -> None:
    """One ingest run; prints its figures as one JSON line."""
    if args.pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    started_imports = time.monotonic()
    from quotetrack import ingest
    from quotetrack.store import db

    imports = time.monotonic() - started_imports
    database = Path(args.db)
    remove_database(database)
    engine = db.open_database(f"sqlite:///{database}")
    total = args.total
    marks = {max(1, total // 4): "1/4", max(1, total // 2): "1/2", total: "all"}
    memory: dict[str, list[int | None]] = {}

    def on_progress(progress: ingest.Progress) -> None:
        if progress.done in marks:
            memory[marks[progress.done]] = [maxrss(), rss_now()]

    options = ingest.Options(jobs=args.jobs_child)
    cpu = time.process_time()
    started = time.monotonic()
    summary = ingest.run(args.paths, engine=engine, options=options, on_progress=on_progress)
    seconds = time.monotonic() - started
    memory["end"] = [maxrss(), rss_now()]  # after the run's fact tracking too
    cpu = time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    engine.dispose()
    floor = sqlite_floor(database) if args.floor else None
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "children_cpu": children.ru_utime + children.ru_stime,
                "imports": imports,
                "new": summary.new,
                "known": summary.known,
                "failed": summary.failed,
                "statements": summary.statements,
                "memory": memory,
                "facts_seconds": summary.facts_seconds,
                "extract_seconds": summary.extract_seconds,
                "write_seconds": summary.write_seconds,
                "floor": floor,
                "children_maxrss": maxrss(resource.RUSAGE_CHILDREN),
                "db_bytes": database.stat().st_size + Path(str(database) + "-wal").stat().st_size
                if Path(str(database) + "-wal").exists()
                else database.stat().st_size,
                "errors": summary.errors[:5],
            }
        ),
        flush=True,
    )


def sqlite_floor(database: Path) -> dict[str, float]:
    """What SQLite alone takes to store what the run stored: the same article and statement rows
    (their full-text entries included, through the schema's triggers) inserted with ``sqlite3``
    into a fresh database of the same schema, one transaction per article. What the run spent
    on its writes beyond this is quotetrack's own (speakers, outlets, SQLAlchemy)."""
    import sqlite3

    from quotetrack.store import db

    scratch = database.with_name(database.stem + "-floor.db")
    remove_database(scratch)
    db.open_database(f"sqlite:///{scratch}").dispose()
    source = sqlite3.connect(database)
    target = sqlite3.connect(scratch, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
        target.execute(f"PRAGMA {pragma}")

    def insert(table: str) -> tuple[str, list[str]]:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        names = ", ".join(f'"{c}"' for c in columns)
        return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", columns

    for table in ("outlets", "entities"):  # what the rows refer to, not timed
        sql, _ = insert(table)
        target.execute("BEGIN")
        target.executemany(sql, source.execute(f"SELECT * FROM {table}"))
        target.execute("COMMIT")
    article_sql, article_columns = insert("articles")
    key = article_columns.index("id")
    statement_sql, columns = insert("statements")
    claim, article_id = columns.index("claim_id"), columns.index("article_id")
    statements: dict[int, list[tuple]] = {}
    for row in source.execute("SELECT * FROM statements ORDER BY id"):
        # no claims in the scratch database
        statements.setdefault(row[article_id], []).append((*row[:claim], None, *row[claim + 1 :]))
    articles = source.execute("SELECT * FROM articles ORDER BY id").fetchall()
    cpu, wall = time.process_time(), time.perf_counter()
    for article in articles:
        target.execute("BEGIN")
        target.execute(article_sql, article)
        target.executemany(statement_sql, statements.get(article[key], []))
        target.execute("COMMIT")
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    source.close()
    target.close()
    return {"articles": len(articles), "cpu": cpu, "wall": wall}


def run(
    label: str,
    paths: list[Path],
    total: int,
    text_bytes: int,
    *,
    jobs: int,
    pin: bool,
    work: Path,
    floor: bool = False,
) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--db",
        str(work / f"bench-{label.replace(' ', '-')}.db"),
        "--total",
        str(total),
        "--jobs-child",
        str(jobs),
        *(["--pin"] if pin else []),
        *(["--floor"] if floor else []),
        *map(str, paths),
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(f"{label}: the run failed")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures.update(
        label=label, jobs=jobs, pinned=pin, process_wall=wall, articles=total, text_bytes=text_bytes
    )
    show(figures)
    return figures


def show(f: dict) -> None:
    rate = f["articles"] / f["seconds"]
    cpu = f["cpu"] + f["children_cpu"]
    how = "one process pinned to one CPU" if f["pinned"] else f"{f['jobs']} worker processes"
    print(f"\n{f['label']}  ({how})")
    print(f"  articles                  {f['articles']:,} ({f['new']:,} new, {f['failed']} failed)")
    print(f"  time in ingest.run        {f['seconds']:.1f} s   (whole process {f['process_wall']:.1f} s)")
    print(f"  CPU time                  {cpu:.1f} s   ({cpu / f['seconds'] * 100:.0f}% of wall time)")
    target = f"   (target {TARGET:.0f}/s: {rate / TARGET * 100:.0f}%)" if f["label"] != "HTML pages" else ""
    print(f"  articles/s                {rate:.1f}{target}")
    print(f"  articles/s by CPU time    {f['articles'] / cpu:.1f}")
    print(f"  MB/s of article text      {f['text_bytes'] / 1e6 / f['seconds']:.3f}")
    per = f["statements"] / max(1, f["new"])
    print(f"  statements                {f['statements']:,} ({per:.1f} per article)")
    print(f"  database                  {f['db_bytes'] / MIB:.1f} MiB")
    print("  peak RSS (ru_maxrss; current in brackets)")
    for mark in ("1/4", "1/2", "all", "end"):
        peak, now = f["memory"].get(mark, [None, None])
        if peak is not None:
            label = "at the end (claims, links)" if mark == "end" else f"after {mark}"
            print(f"    {label:<26}{peak / MIB:.1f} MiB   [{(now or 0) / MIB:.1f} MiB]")
    if f.get("facts_seconds") is not None:
        tracked = f["facts_seconds"]
        print(f"  of which fact tracking    {tracked:.1f} s (speakers resolved, claims grouped, links)")
    if f["jobs"] > 1:
        print(f"    worker processes        {f['children_maxrss'] / MIB:.1f} MiB (largest)")
    if f["new"]:
        stages(f)
    if f["errors"]:
        print(f"  first errors              {f['errors']}")


def stages(f: dict) -> None:
    """Where the run's time went, in milliseconds per new article."""
    per = 1000 / f["new"]
    facts = f.get("facts_seconds") or 0.0
    extraction, writes = f["extract_seconds"], f["write_seconds"]
    print("  ms per new article")
    if f["jobs"] > 1:
        print(f"    extraction (workers)    {extraction * per:.2f}  (summed over the worker processes)")
        rest = f["seconds"] - writes - facts
        print(f"    waiting for workers     {rest * per:.2f}  (and reading, in the main process)")
    else:
        rest = f["seconds"] - extraction - writes - facts
        print(f"    reading, preparing      {rest * per:.2f}  (decoding, metadata, language, boilerplate)")
        print(f"    extraction              {extraction * per:.2f}")
    print(f"    writes                  {writes * per:.2f}  (up to 200 articles a transaction)")
    print(f"    fact tracking           {facts * per:.2f}  (once, at the end of the run)")
    floor = f.get("floor")
    if floor and floor["articles"]:
        print(
            f"    SQLite alone            {floor['cpu'] * 1000 / floor['articles']:.2f} CPU, "
            f"{floor['wall'] * 1000 / floor['articles']:.2f} wall  "
            "(the same article and statement rows through sqlite3)"
        )


ARTICLE_FIELDS = ("id", "text", "html", "title", "url", "published", "outlet", "lang")


def own_articles(inputs: list[Path], workdir: Path) -> dict:
    """Ingests the articles of ``inputs`` (JSON Lines), one process pinned to one CPU. Only the
    article fields are kept: annotations such as an evaluation set's gold statements would
    otherwise be stored as the articles' extra metadata."""
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / "own-articles.jsonl"
    total = text_bytes = 0
    with target.open("w", encoding="utf-8") as out:
        for path in inputs:
            for line in path.open(encoding="utf-8"):
                if not line.strip():
                    continue
                item = json.loads(line)
                kept = {k: item[k] for k in ARTICLE_FIELDS if item.get(k) is not None}
                out.write(json.dumps(kept, ensure_ascii=False) + "\n")
                total += 1
                text_bytes += len(str(item.get("text") or item.get("html") or "").encode("utf-8"))
    print(f"  input                     {total:,} articles, {text_bytes / 1e6:.2f} MB of text")
    figures = run("your articles", [target], total, text_bytes, jobs=1, pin=True, work=workdir, floor=True)
    per_3000 = text_bytes / 3000 / figures["seconds"]
    print(f"  at 3,000 bytes an article {per_3000:.1f}/s (the rate for articles of typical length)")
    figures["per_3000_bytes"] = per_3000
    return figures


# --- the targets as ratios -------------------------------------------------------------------------

INGEST_OVER_EXTRACT = 0.60  # ingest --quiet on one core over extract --jsonl on one core, at least
TWO_JOBS_OVER_ONE = 1.6  # ingest --jobs 2 over ingest on one core, at least


def timed_command(command: list[str], *, stdin: Path | None = None, pin: bool) -> float:
    """Wall seconds of ``command`` (the installed ``quotetrack``), pinned to one CPU if asked."""

    def one_cpu() -> None:
        if pin and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    started = time.monotonic()
    with open(stdin or os.devnull, "rb") as source:
        done = subprocess.run(
            command,
            stdin=source,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=one_cpu,
            check=False,
        )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        print(done.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
        raise SystemExit(f"{' '.join(command)}: failed")
    return seconds


def ratios(n: int, seed: int, workdir: Path) -> list[dict]:
    """Articles/s of extract, ingest and ingest --jobs 2 on each corpus, and the target ratios."""
    tool = [sys.executable, "-m", "quotetrack"]
    results = []
    for mix in ("dense", "realistic"):
        folder = prepare_corpus(workdir, n, seed, 0, mix)
        jsonl = folder / "articles.jsonl"
        runs: dict[str, float] = {}
        runs["extract"] = timed_command([*tool, "extract", "--jsonl"], stdin=jsonl, pin=True)
        for label, jobs in (("ingest", 1), ("ingest --jobs 2", 2)):
            database = folder / f"ratio-{jobs}.db"
            for old in folder.glob(f"ratio-{jobs}.db*"):
                old.unlink()
            command = [*tool, "--db", f"sqlite:///{database}", "ingest", "--quiet", str(jsonl)]
            runs[label] = timed_command(command + (["--jobs", "2"] if jobs > 1 else []), pin=jobs == 1)
        rates = {label: n / seconds for label, seconds in runs.items()}
        over_extract = rates["ingest"] / rates["extract"]
        two_over_one = rates["ingest --jobs 2"] / rates["ingest"]
        print(f"\n{mix} corpus  ({n:,} articles, {jsonl})")
        for label, rate in rates.items():
            pinned = "one CPU" if label != "ingest --jobs 2" else "two worker processes"
            print(f"  {label:<24}{rate:8.1f} articles/s   ({runs[label]:.1f} s, {pinned})")
        met = over_extract >= INGEST_OVER_EXTRACT
        print(
            f"  ingest / extract        {over_extract:8.0%}      "
            f"(target at least {INGEST_OVER_EXTRACT:.0%}: {'met' if met else 'missed'})"
        )
        met = two_over_one >= TWO_JOBS_OVER_ONE
        print(
            f"  --jobs 2 / one core     {two_over_one:8.2f}x     "
            f"(target at least {TWO_JOBS_OVER_ONE:.1f}x: {'met' if met else 'missed'})"
        )
        results.append(
            {
                "mix": mix,
                "articles": n,
                "seconds": runs,
                "rates": rates,
                "ingest_over_extract": over_extract,
                "two_jobs_over_one": two_over_one,
            }
        )
    return results


# --- main -------------------------------------------------------------------------------------------


MEMORY_TARGET = 0.25  # the largest run's peak RSS over the smallest's, less one, at most


def memory_scaling(sizes: list[int], seed: int, workdir: Path, mix: str = "dense") -> list[dict]:
    """Peak RSS of the JSON Lines ingest of each corpus size (fact tracking included)."""
    results = []
    for n in sizes:
        folder = prepare_corpus(workdir, n, seed, 0, mix=mix)
        jsonl = folder / "articles.jsonl"
        with jsonl.open(encoding="utf-8") as lines:
            text_bytes = sum(len(json.loads(line)["text"].encode("utf-8")) for line in lines)
        results.append(run(f"JSON Lines n{n}", [jsonl], n, text_bytes, jobs=1, pin=True, work=folder))
    peaks = [f["memory"]["end"][0] for f in results]
    print("  peak RSS by corpus size (fact tracking included)")
    for n, peak in zip(sizes, peaks, strict=True):
        print(f"    {n:>9,} articles        {peak / MIB:.1f} MiB")
    growth = max(peaks) / min(peaks) - 1
    verdict = "flat" if growth < MEMORY_TARGET else "grows"
    print(f"    difference              {growth:.0%} ({verdict}; target under {MEMORY_TARGET:.0%})")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10_000, help="articles in the corpus (default 10000)")
    parser.add_argument("--html", type=int, default=300, help="HTML pages (default 300)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs", type=int, default=2, help="worker processes for the parallel runs (0: none)"
    )
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--only", choices=("text", "jsonl", "html", "jobs"), action="append")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--input",
        type=Path,
        action="append",
        help="JSON Lines of your own articles to ingest instead of the corpus (repeatable)",
    )
    parser.add_argument(
        "--memory",
        metavar="N,N",
        help="peak RSS of JSON Lines runs of these corpus sizes (e.g. 10000,40000), and their difference",
    )
    parser.add_argument(
        "--mix",
        choices=("dense", "realistic"),
        default="dense",
        help="the corpus of --memory: quote-dense (default) or realistic articles",
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="the target ratios only: ingest over extract on one core, and --jobs 2 over one job",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--total", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--jobs-child", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--pin", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args)
        return 0

    only = set(args.only or ("text", "jsonl", "html", "jobs"))
    print("quotetrack ingest benchmark")
    print(f"  python                    {platform.python_implementation()} {platform.python_version()}")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"  cpus                      {cpus}")
    print(f"  load average              {os.getloadavg()[0]:.2f} (other processes share the CPUs)")
    if args.ratios:
        results = ratios(args.n, args.seed, args.workdir)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    if args.memory:
        sizes = [int(n) for n in args.memory.split(",")]
        results = memory_scaling(sizes, args.seed, args.workdir, mix=args.mix)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    if args.input:
        results = [own_articles(args.input, args.workdir)]
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        return 0
    folder = prepare_corpus(args.workdir, args.n, args.seed, args.html)
    jsonl = folder / "articles.jsonl"
    text_bytes = sum(len(json.loads(line)["text"].encode("utf-8")) for line in jsonl.open(encoding="utf-8"))
    html_text = sum(len(item["text"].encode("utf-8")) for item in corpus.generate(args.html, seed=args.seed))
    print(f"  corpus                    {folder} ({args.n:,} articles, {text_bytes / 1e6:.1f} MB of text)")
    results = []
    if "text" in only:
        results.append(
            run("text files", [folder / "text"], args.n, text_bytes, jobs=1, pin=True, work=folder)
        )
    if "jsonl" in only:
        results.append(
            run("JSON Lines", [jsonl], args.n, text_bytes, jobs=1, pin=True, work=folder, floor=True)
        )
    if "html" in only and args.html:
        results.append(
            run("HTML pages", [folder / "html"], args.html, html_text, jobs=1, pin=True, work=folder)
        )
    if "jobs" in only and args.jobs > 1:
        for label, paths in (("text files", [folder / "text"]), ("JSON Lines", [jsonl])):
            results.append(
                run(
                    f"{label}, --jobs {args.jobs}",
                    paths,
                    args.n,
                    text_bytes,
                    jobs=args.jobs,
                    pin=False,
                    work=folder,
                )
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
