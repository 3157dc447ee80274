"""Throughput and memory of the attribution engine, ``quotetrack.extract.extract``.

    python bench/bench_extract.py                   # 10,000 synthetic articles (bench/corpus.py)
    python bench/bench_extract.py --n 1000 --seed 3
    python bench/bench_extract.py --input my.jsonl  # your own JSON Lines articles

Everything runs in one process pinned to one CPU (where the OS allows it). Four parts:

1. speed: the corpus is streamed from a JSON Lines file, one line at a time (never held
   in a list), each line parsed as the CLI does and passed to ``extract``. Prints
   articles/s and MB/s (UTF-8 bytes of article text per second, MB = 10^6 bytes; the
   timer covers only the ``extract`` calls), the statements found, and the peak RSS
   (``ru_maxrss``) after 1/4, 1/2 and all of the corpus, so growth would show.
2. memory: the same stream again under ``tracemalloc``, in a fresh process so that caches
   start empty (tracing slows Python down several times, so no speed is reported): traced
   memory at the same points, the peak, and the source lines whose memory grew.
3. command line: ``quotetrack extract --jsonl < corpus.jsonl > /dev/null`` as a
   subprocess, timed as a whole (start-up, JSON in and out included).
4. the target, next to each speed: 1 MB of article text per second on one core.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from array import array
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py, next to this file)

from quotetrack.errors import InputError  # noqa: E402
from quotetrack.extract import EXTRACTOR_VERSION, extract  # noqa: E402
from quotetrack.inputs.article import Article  # noqa: E402
from quotetrack.inputs.readers import parse_jsonl_record  # noqa: E402

FINGERPRINTED = ("__init__.py", "articles.py", "cli.py", "errors.py", "lexicon.py", "names.py")
TOP_GROWTH = 5  # source lines listed where traced memory grew
TARGET_MB_S = 1.0  # MB of article text per second on one core
MB = 1_000_000
MIB = 1024 * 1024


# --- measuring ------------------------------------------------------------------------------------


def maxrss_bytes() -> int:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss_bytes() -> int | None:
    """Resident set size now (Linux only; None elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[0]})
    return f"pinned to CPU {cpus[0]} (of {len(cpus)} available); the subprocess inherits it"


def stream_articles(path: Path, limit: int | None) -> Iterator[Article | InputError]:
    """A JSON Lines file's articles, one line at a time, parsed as ``quotetrack extract --jsonl`` does."""
    with path.open(encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            yield parse_jsonl_record(line, str(path), number)


def count_articles(path: Path, limit: int | None) -> int:
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                count += 1
                if limit is not None and count >= limit:
                    break
    return count


def checkpoints(total: int) -> dict[int, str]:
    """Article counts after which memory is read: 1/4, 1/2 and all of the corpus."""
    return {max(1, total // 4): "1/4", max(1, total // 2): "1/2", total: "all"}


@dataclass
class LangStats:
    articles: int = 0
    bytes: int = 0
    seconds: float = 0.0
    statements: int = 0


@dataclass
class SpeedRun:
    articles: int = 0
    errors: int = 0
    bytes: int = 0
    statements: int = 0
    extract_seconds: float = 0.0
    extract_cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    cpu_seconds: float = 0.0
    rss_before: int = 0
    rss_points: list[dict[str, Any]] = field(default_factory=list)
    by_lang: dict[str, LangStats] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)


def run_speed(path: Path, limit: int | None, total: int) -> SpeedRun:
    run = SpeedRun(rss_before=maxrss_bytes())
    marks = checkpoints(total)
    times = array("d")  # one float per article, 8 bytes each: for the latency percentiles
    clock, cpu_clock = time.perf_counter, time.process_time
    wall, cpu = clock(), cpu_clock()
    for item in stream_articles(path, limit):
        if isinstance(item, InputError):
            run.errors += 1
            continue
        size = len(item.text.encode("utf-8"))
        start, cpu_start = clock(), cpu_clock()
        result = extract(item)
        spent = clock() - start
        run.extract_cpu_seconds += cpu_clock() - cpu_start
        times.append(spent)
        found = len(result.statements)
        run.articles += 1
        run.bytes += size
        run.statements += found
        run.extract_seconds += spent
        lang = result.lang or "?"
        stats = run.by_lang.setdefault(lang, LangStats())
        stats.articles += 1
        stats.bytes += size
        stats.seconds += spent
        stats.statements += found
        done = run.articles + run.errors
        if done in marks:
            run.rss_points.append(
                {"point": marks[done], "articles": done, "maxrss": maxrss_bytes(), "rss": current_rss_bytes()}
            )
        del item, result
    run.wall_seconds = clock() - wall
    run.cpu_seconds = cpu_clock() - cpu
    ordered = sorted(times)
    if ordered:
        for name, q in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99)):
            run.latency_ms[name] = 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]
        run.latency_ms["max"] = 1000 * ordered[-1]
    return run


@dataclass
class TraceRun:
    articles: int = 0
    seconds: float = 0.0
    peak: int = 0
    points: list[dict[str, Any]] = field(default_factory=list)
    growth: list[dict[str, Any]] = field(default_factory=list)  # where traced memory grew, 1/4 -> all


def run_traced(path: Path, limit: int | None, total: int) -> TraceRun:
    """The extraction loop under tracemalloc: traced memory at 1/4, 1/2, all, the peak, and the
    source lines whose allocations grew from 1/4 to the end (caches, leaks)."""
    run = TraceRun()
    marks = checkpoints(total)
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    first: tracemalloc.Snapshot | None = None
    start = time.perf_counter()
    for done, item in enumerate(stream_articles(path, limit), start=1):
        if not isinstance(item, InputError):
            extract(item)
            run.articles += 1
        del item
        if done in marks:
            current, peak = tracemalloc.get_traced_memory()
            run.points.append({"point": marks[done], "articles": done, "current": current, "peak": peak})
            if first is None and done < total:
                first = tracemalloc.take_snapshot()
    run.seconds = time.perf_counter() - start
    run.peak = tracemalloc.get_traced_memory()[1]
    if first is not None:
        last = tracemalloc.take_snapshot()
        root = str(HERE.parent) + os.sep
        for stat in last.compare_to(first, "lineno")[:TOP_GROWTH]:
            if stat.size_diff <= 0:
                break
            frame = stat.traceback[0]
            where = f"{frame.filename.removeprefix(root)}:{frame.lineno}"
            run.growth.append({"where": where, "size": stat.size_diff, "count": stat.count_diff})
    tracemalloc.stop()
    return run


def run_traced_in_child(path: Path, limit: int) -> TraceRun:
    """``run_traced`` in a fresh Python, so that caches the speed pass filled do not hide growth."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--trace-child",
        str(path),
        "--trace-n",
        str(limit),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"bench_extract: the tracemalloc pass failed:\n{proc.stderr[-3000:]}")
    return TraceRun(**json.loads(proc.stdout))


@dataclass
class CliRun:
    command: str
    articles: int
    bytes: int
    seconds: float
    cpu_seconds: float
    maxrss: int
    returncode: int


def quotetrack_command() -> list[str]:
    """The installed ``quotetrack`` script of this Python, else the one on PATH, else ``python -m``."""
    beside = Path(sys.executable).with_name("quotetrack")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("quotetrack")
    return [found] if found else [sys.executable, "-m", "quotetrack"]


def run_cli(path: Path, articles: int, size: int) -> CliRun:
    command = [*quotetrack_command(), "extract", "--jsonl"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with path.open("rb") as stdin:
        proc = subprocess.run(
            command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = after.ru_maxrss if sys.platform == "darwin" else after.ru_maxrss * 1024
    shown = " ".join(command) + f" < {path} > /dev/null"
    return CliRun(shown, articles, size, seconds, cpu, peak, proc.returncode)


# --- reporting ------------------------------------------------------------------------------------


def mb(n: float) -> str:
    return f"{n / MB:.2f} MB"


def mib(n: int | None) -> str:
    return "n/a" if n is None else f"{n / MIB:.1f} MiB"


def versus_target(mb_s: float) -> str:
    share = 100 * mb_s / TARGET_MB_S
    return f"{mb_s:.3f} MB/s   (target {TARGET_MB_S:.1f} MB/s on one core: {share:.0f}% of it)"


def contention(cpu: float, wall: float) -> str:
    """CPU time well below wall time: the process waited, for I/O or for the CPU it is pinned to."""
    share = 100 * cpu / wall if wall else 0.0
    note = "" if share >= 85 else "; waiting for I/O or for other processes on this CPU"
    return f"{share:.0f}% of wall time{note}"


def row(label: str, value: str) -> None:
    print(f"  {label:<28}{value}")


def git_state() -> str:
    repo = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--", "quotetrack"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{head}" + (" + uncommitted changes in quotetrack/" if dirty else "")


def source_fingerprint() -> str:
    """A hash of the quotetrack files these passes run (the engine, lexicons, input parsing and
    the command line): if it changes between the passes, they measured different code."""
    import hashlib

    import quotetrack

    digest = hashlib.sha256()
    package = Path(quotetrack.__file__).resolve().parent
    files = [*package.glob("extract/*.py"), *package.glob("lexicon/*.toml")]
    files += [package / name for name in FINGERPRINTED]
    for file in sorted(f for f in files if f.is_file()):
        digest.update(str(file.relative_to(package)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def timed(label: str, func: Callable[[], Any]) -> Any:
    print(f"{label} ...", file=sys.stderr, flush=True)
    return func()


# --- main -----------------------------------------------------------------------------------------


def prepare_corpus(args: argparse.Namespace) -> tuple[Path, int | None, str]:
    if args.input:
        path = Path(args.input)
        if not path.is_file():
            sys.exit(f"bench_extract: no such file: {path}")
        return path, args.n, f"{path} (read as given)"
    n = args.n if args.n is not None else 10_000
    folder = Path(args.workdir) / f"corpus-n{n}-s{args.seed}"
    start = time.perf_counter()
    path = corpus.write_corpus(n, folder, seed=args.seed, text_files=False)
    seconds = time.perf_counter() - start
    return path, None, f"{path} (generated: {n} articles, seed {args.seed}, in {seconds:.1f} s)"


def warm_up() -> float:
    """Import-time and first-call costs (lexicon loading, regex compilation) kept out of the timing."""
    start = time.perf_counter()
    for index in range(8):
        item = corpus.article(index, seed=987_654)
        extract(Article(text=item["text"], lang=item["lang"]))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Throughput and memory of quotetrack.extract.extract.")
    parser.add_argument(
        "--n", type=int, help="articles to generate (default 10000); with --input, read at most N"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--input", help="a JSON Lines file of articles to use instead of a generated corpus")
    parser.add_argument(
        "--workdir",
        default=str(HERE / "out"),
        help="where the generated corpus is written (default bench/out)",
    )
    parser.add_argument(
        "--trace-n", type=int, help="articles for the tracemalloc pass (default: all; 0 skips the pass)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip timing the quotetrack command")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--trace-child", help=argparse.SUPPRESS)  # internal: the tracemalloc pass
    args = parser.parse_args(argv)
    if args.trace_child:
        path = Path(args.trace_child)
        warm_up()
        traced = run_traced(path, args.trace_n, count_articles(path, args.trace_n))
        print(json.dumps(asdict(traced)))
        return 0

    pinned = pin_to_one_cpu()
    path, limit, origin = timed("preparing the corpus", lambda: prepare_corpus(args))
    total = count_articles(path, limit)
    if total == 0:
        sys.exit(f"bench_extract: no articles in {path}")
    warm = warm_up()

    print("quotetrack extraction benchmark")
    row("python", f"{platform.python_implementation()} {platform.python_version()} on {platform.system()}")
    row("cpu", f"{cpu_model()}; {pinned}")
    sources = {"speed pass": source_fingerprint()}
    row("quotetrack", f"extractor {EXTRACTOR_VERSION}, git {git_state()}, sources {sources['speed pass']}")
    row("corpus", origin)
    row("warm-up", f"{warm:.2f} s for 8 articles (lexicons loaded; not counted below)")
    print()

    speed = timed(f"1/3 extracting {total} articles", lambda: run_speed(path, limit, total))
    mb_s = speed.bytes / MB / speed.extract_seconds if speed.extract_seconds else 0.0
    print("1. extraction speed (streamed from JSON Lines, timer around extract() only)")
    row(
        "articles",
        f"{speed.articles}" + (f" ({speed.errors} unreadable lines skipped)" if speed.errors else ""),
    )
    row(
        "article text",
        f"{mb(speed.bytes)} UTF-8, {speed.bytes / max(1, speed.articles):,.0f} bytes per article",
    )
    row(
        "time in extract()",
        f"{speed.extract_seconds:.2f} s  (loop with JSON parsing: {speed.wall_seconds:.2f} s)",
    )
    cpu_share = contention(speed.extract_cpu_seconds, speed.extract_seconds)
    row("CPU time in extract()", f"{speed.extract_cpu_seconds:.2f} s  ({cpu_share})")
    row("articles/s", f"{speed.articles / speed.extract_seconds:.1f}")
    row("MB/s", versus_target(mb_s))
    if speed.extract_cpu_seconds:
        row("MB/s by CPU time", f"{speed.bytes / MB / speed.extract_cpu_seconds:.3f} MB/s")
    row(
        "statements found",
        f"{speed.statements} ({speed.statements / max(1, speed.articles):.1f} per article)",
    )
    lat = speed.latency_ms
    if lat:
        row(
            "ms per article",
            f"p50 {lat['p50']:.1f}, p95 {lat['p95']:.1f}, p99 {lat['p99']:.1f}, max {lat['max']:.1f}",
        )
    for lang, stats in sorted(speed.by_lang.items()):
        rate = stats.bytes / MB / stats.seconds if stats.seconds else 0.0
        row(
            f"  {lang}",
            f"{stats.articles} articles, {rate:.3f} MB/s, {stats.articles / stats.seconds:.1f} articles/s, "
            f"{stats.statements / max(1, stats.articles):.1f} statements per article",
        )
    print("  peak RSS while streaming (ru_maxrss; current RSS in brackets):")
    row("    before the loop", f"{mib(speed.rss_before)}")
    for point in speed.rss_points:
        label = f"    after {point['point']} ({point['articles']})"
        row(label, f"{mib(point['maxrss'])}   [{mib(point['rss'])}]")
    if speed.rss_points:
        growth = speed.rss_points[-1]["maxrss"] - speed.rss_points[0]["maxrss"]
        row("    growth 1/4 -> all", f"{growth / MIB:+.1f} MiB")
    print()

    trace: TraceRun | None = None
    trace_n = total if args.trace_n is None else min(args.trace_n, total)
    if trace_n > 0:
        sources["tracemalloc pass"] = source_fingerprint()
        trace = timed(
            f"2/3 tracemalloc pass over {trace_n} articles", lambda: run_traced_in_child(path, trace_n)
        )
        print(f"2. memory of the extraction loop (tracemalloc over {trace.articles} articles, fresh process)")
        row("traced run time", f"{trace.seconds:.0f} s (tracing slows Python down; not a speed figure)")
        for point in trace.points:
            label = f"after {point['point']} ({point['articles']})"
            row(label, f"traced now {mib(point['current'])}, peak so far {mib(point['peak'])}")
        row("tracemalloc peak", mib(trace.peak))
        if trace.growth:
            print(f"  where traced memory grew from 1/4 to all (top {TOP_GROWTH} source lines):")
            for grew in trace.growth:
                row(f"    {grew['size'] / MIB:+.2f} MiB", f"{grew['count']:+d} blocks  {grew['where']}")
    else:
        print("2. memory of the extraction loop: skipped (--trace-n 0)")
    print()

    cli: CliRun | None = None
    if args.no_cli:
        print("3. quotetrack extract --jsonl: skipped (--no-cli)")
    else:
        cli_path = path
        if limit is not None and limit < count_articles(path, None):
            cli_path = Path(args.workdir) / "cli-input.jsonl"
            cli_path.parent.mkdir(parents=True, exist_ok=True)
            with path.open(encoding="utf-8") as src, cli_path.open("w", encoding="utf-8") as dst:
                kept = 0
                for line in src:
                    if line.strip():
                        if kept >= limit:
                            break
                        kept += 1
                    dst.write(line)
        sources["command"] = source_fingerprint()
        cli = timed(
            "3/3 timing the quotetrack command", lambda: run_cli(cli_path, speed.articles, speed.bytes)
        )
        cli_mb_s = cli.bytes / MB / cli.seconds
        print("3. the command line, whole process (start-up, JSON in and out)")
        row("command", cli.command)
        row(
            "exit code",
            str(cli.returncode) + ("" if cli.returncode == 0 else "  (FAILED: figures not valid)"),
        )
        row("wall time", f"{cli.seconds:.2f} s")
        row("CPU time", f"{cli.cpu_seconds:.2f} s  ({contention(cli.cpu_seconds, cli.seconds)})")
        row("articles/s", f"{cli.articles / cli.seconds:.1f}")
        row("MB/s", versus_target(cli_mb_s))
        if cli.cpu_seconds:
            row("MB/s by CPU time", f"{cli.bytes / MB / cli.cpu_seconds:.3f} MB/s")
        row("peak RSS", mib(cli.maxrss))

    if len(set(sources.values())) > 1:
        print()
        print("NOTE: quotetrack's source files changed during this run; the passes measured different code:")
        for name, value in sources.items():
            row(f"  {name}", value)

    if args.json:
        figures = {
            "sources": sources,
            "corpus": origin,
            "pinned": pinned,
            "git": git_state(),
            "target_mb_s": TARGET_MB_S,
            "speed": asdict(speed) | {"mb_s": mb_s},
            "trace": asdict(trace) if trace else None,
            "cli": asdict(cli) if cli else None,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if cli is None or cli.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
