"""Attribution on the halves of the dev sets: the tuning half and the checking half apart.

    python bench/dev_splits.py [--eval ../shared/eval] [--cmd "quotetrack extract --jsonl"] [--show cB]

The dev articles of ``news_de.jsonl`` and ``news_en.jsonl`` fall into three parts: ``ab``, the
earlier batches; and batch c (news-de-57 and news-en-41 onwards), split by its article order into
``cA`` (the 1st, 3rd, 5th … article) and ``cB`` (the others). Tune on ab and cA, check on cB: a
rule that only fits the sentences tuned on raises those and leaves cB where it was.

Each part is scored with the evaluation's own scorer (``score.py``: its matching, speaker test and
tally), per language. ``--show cB`` also lists the speakers of that part the engine got wrong (gold
against predicted, no sentence). Without the evaluation folder (a clone has none) it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
# where batch c starts, per language (its first article's number)
BATCH_C = {"de": 57, "en": 41}


def number(article: dict) -> int:
    found = re.search(r"(\d+)$", str(article["id"]))
    return int(found.group(1)) if found else -1


def parts(articles: list[dict]) -> dict[str, str]:
    """Article id -> "ab", "cA" or "cB"."""
    out: dict[str, str] = {}
    for lang, first in BATCH_C.items():
        mine = sorted((a for a in articles if a.get("lang") == lang), key=number)
        batch_c = [a for a in mine if number(a) >= first]
        for a in mine:
            out[a["id"]] = "ab" if number(a) < first else ("cA" if batch_c.index(a) % 2 == 0 else "cB")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--eval", default=str(HERE.parent.parent / "shared" / "eval"), help="evaluation folder"
    )
    parser.add_argument("--cmd", default="quotetrack extract --jsonl", help="the command scored")
    parser.add_argument("--show", choices=("ab", "cA", "cB"), help="list the wrong speakers of this part")
    args = parser.parse_args(argv)
    folder = Path(args.eval)
    files = [folder / "dev" / "news_de.jsonl", folder / "dev" / "news_en.jsonl"]
    if not all(f.is_file() for f in files) or not (folder / "score.py").is_file():
        print(f"no dev sets under {folder}: nothing to score")
        return 0
    sys.path.insert(0, str(folder))
    import score  # the evaluation's scorer, standard library only

    articles = [
        json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line
    ]
    part_of = parts(articles)
    predictions, _ = score.run_command(args.cmd, articles)
    tallies: dict[str, score.Tally] = defaultdict(score.Tally)
    for article in articles:
        part = part_of[article["id"]]
        types = score.scored_types(article)
        gold = [q for q in article["quotes"] if q["type"] in types]
        found = predictions.get(str(article["id"]), {}).get("quotes", [])
        pred = [q for q in found if q.get("type") in types]
        pairs = score.match(gold, pred)
        right = [score.speaker_ok(gold[i].get("speaker"), pred[j].get("speaker")) for i, j in pairs]
        for key in (
            part,
            f"{part} {article['lang']}",
            "batch c " + article["lang"] if part != "ab" else None,
        ):
            if key:
                tallies[key].add(len(gold), len(pred), len(pairs), sum(right))
        if args.show == part:
            for (i, j), ok in zip(pairs, right, strict=True):
                if not ok:
                    print(f"{article['id']}: gold {gold[i].get('speaker')!r}, got {pred[j].get('speaker')!r}")
    print(f"{'part':12} {'gold':>5} {'F1':>6} {'who':>6} {'e2e':>6}")
    for key in sorted(tallies):
        row = tallies[key].row()
        print(
            f"{key:12} {row['gold']:5d} {row['f1']:6.3f} {row['attribution_acc']:6.3f} {row['e2e_f1']:6.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
