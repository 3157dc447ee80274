"""Is the engine linear in the length of its input? Times ``extract`` on texts built to be hard
(long runs of quotation marks, apostrophes and dashes; thousands of short quoted sentences in one
paragraph and in many; many distinct speakers) at doubling sizes, and prints each time and the
ratio to the size before: about 2 when the work grows linearly, 4 when it grows quadratically.

    python bench/bench_linearity.py            # sizes 10k, 20k, 40k, 80k
    python bench/bench_linearity.py --sizes 5000 10000 20000
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

from quotetrack.extract import extract_text

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    'run of "': ("en", lambda n: '"' * n),
    "run of ' ": ("en", lambda n: "'" * n),
    "run of —": ("en", lambda n: "—" * n),
    "mixed marks „“»«": ("de", lambda n: '„“"«»' * (n // 5)),
    "quoted sentences, one paragraph": (
        "en",
        lambda n: " ".join(f'"We will win game {i}," coach Anna Berg said.' for i in range(n // 40)),
    ),
    "quoted paragraphs": (
        "en",
        lambda n: "\n\n".join(f'"We won game {i}," he said.' for i in range(n // 25)),
    ),
    "distinct speakers": (
        "de",
        lambda n: " ".join(
            f"„Wir schaffen das {i}“, sagte Trainerin Anna Person{i}." for i in range(n // 50)
        ),
    ),
    "descriptions referring back": (
        "en",
        lambda n: " ".join(
            f"Corvantis cut forecast {i}. The company said sales would fall." for i in range(n // 60)
        ),
    ),
    "unnamed spokespeople": (
        "de",
        lambda n: " ".join(
            f"Die Stadt Lindau räumt auf {i}. Die Lage sei ruhig, sagte ein Sprecher." for i in range(n // 70)
        ),
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 80_000])
    args = parser.parse_args()
    extract_text("Warm-up, sagte sie.", lang="de")
    extract_text("Warm-up, she said.", lang="en")
    print(f"{'input':<34}" + "".join(f"{size:>12,}" for size in args.sizes) + "   growth per doubling")
    for name, (lang, build) in SHAPES.items():
        times = []
        for size in args.sizes:
            text = build(size)
            start = time.perf_counter()
            extract_text(text, lang=lang)
            times.append(time.perf_counter() - start)
        ratios = [b / a for a, b in itertools.pairwise(times) if a > 0]
        print(
            f"{name:<34}"
            + "".join(f"{t:>11.3f}s" for t in times)
            + "   "
            + " ".join(f"{r:.1f}" for r in ratios)
        )


if __name__ == "__main__":
    main()
