"""How far the engine's confidence can be trusted: for each confidence band, how many matched
statements fall in it and how often their speaker is right, on annotated articles.

    python bench/calibration.py                          # the dev sets in ../shared/eval/dev
    python bench/calibration.py my-gold.jsonl --at 0.8   # your own gold, and the share right at >= 0.8

Statements are matched to the gold and speakers compared by the scorer of the evaluation sets
(``../shared/eval/score.py``: texts overlapping by half, every word of the gold name in the
predicted one); articles that are not in that format are skipped. ``quotes --min-confidence``
and ``export --min-confidence`` filter by the same figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from pathlib import Path

from quotetrack.extract import extract
from quotetrack.inputs.article import Article, parse_date

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
BANDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pairs(files: list[Path], scorer) -> list[tuple[float, bool, str]]:
    """(confidence, speaker right, evidence) for every predicted statement matching a gold one."""
    found: list[tuple[float, bool, str]] = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if "quotes" not in record or "text" not in record:
                continue
            published = parse_date(record.get("published")) if record.get("published") else None
            result = extract(Article(text=record["text"], lang=record.get("lang"), published=published))
            predicted = [s.to_json() for s in result.statements]
            for g, p in scorer.match(record["quotes"], predicted):
                ok = scorer.speaker_ok(record["quotes"][g].get("speaker"), predicted[p].get("speaker"))
                found.append((result.statements[p].confidence, bool(ok), result.statements[p].evidence))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--scorer", type=Path, default=SHARED / "score.py")
    parser.add_argument("--at", type=float, default=0.8, help="report the share right at or above this")
    parser.add_argument(
        "--fit", action="store_true", help="print the share right by evidence class, for confidence.toml"
    )
    args = parser.parse_args(argv)
    files = args.files or [SHARED / "dev" / f"{name}.jsonl" for name in ("news_de", "news_en", "seed")]
    files = [f for f in files if f.exists()]
    if not files or not args.scorer.exists():
        print("no annotated articles or no scorer found (../shared/eval); nothing to measure")
        return 0
    found = pairs(files, load_scorer(args.scorer))
    if args.fit:
        print("[speaker]")
        for evidence in sorted({e for _c, _ok, e in found}):
            right = [ok for _c, ok, e in found if e == evidence]
            print(f'"{evidence}" = {sum(right) / len(right):.2f}  # {len(right)} statements')
        return 0
    print(f"{'confidence':<12} {'statements':>10} {'speaker right':>14}")
    for low, high in itertools.pairwise(BANDS):
        band = [ok for conf, ok, _e in found if low <= conf < high]
        share = f"{sum(band) / len(band):.3f}" if band else "-"
        print(f"{low:.1f}-{min(high, 1.0):.1f}{'':<5} {len(band):>10} {share:>14}")
    kept = [ok for conf, ok, _e in found if conf >= args.at]
    share = f"{sum(kept) / len(kept):.3f}" if kept else "-"
    print(f">= {args.at:<9} {len(kept):>10} {share:>14}   ({len(kept)} of {len(found)} matched statements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
