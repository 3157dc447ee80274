"""Speaker resolution at scale: 100,000 speaker mentions against 50,000 known entities.

Generates (seeded, invented) 50,000 entities: people with given names and surnames, some
with aliases, and organisations named in German and English; then 100,000 mentions of them
as news writes them: the exact name, spelling variants ("Baerbock"/"Bärbock"), typos, a
title in front, the surname alone with a role, an organisation in the other language, and
people nobody knows. Times ``names.NameIndex`` (building the index, then ``match`` over all
mentions in one batch) on one core, and reports how often the decision was right: a link
to the intended entity, a suggestion, or nothing for unknown people.

    python bench/bench_resolution.py                 # 50,000 entities, 100,000 mentions
    python bench/bench_resolution.py --entities 5000 --mentions 10000

Target: under 60 s on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotetrack.facts.names import Candidate, Mention, NameIndex

GIVEN = (  # noqa: SIM905 - a list too long to write as a literal
    "Anna Berta Clara Doris Eva Frieda Greta Hanna Ilse Jana Karla Lena Marta Nora Olga Paula Rita Sara "
    "Tina Ute Vera Wilma Yvonne Zora Adam Bruno Carl David Emil Felix Georg Hugo Igor Jonas Karl Lukas "
    "Max Nils Oskar Paul Rolf Simon Tom Udo Viktor Walter Xaver Yusuf Zeno Amira Chen Dmitri Farid "
    "Hiroshi Ines Joao Kwame Liang Mehmet Noor Priya Rahul Sven Tariq Wei Yuki"
).split()
SYLLABLES = (  # noqa: SIM905
    "ber bach berg dorf feld hau man mer ner sen son ter wald brück hof stein kamp ler rich "
    "lin mar tel ko na ri sa to vi za lo ke du fi ga he jo"
).split()
COUNTRIES = [
    ("Chinese", "chinesische", "China's"),
    ("Russian", "russische", "Russia's"),
    ("German", "deutsche", "Germany's"),
    ("French", "französische", "France's"),
    ("Japanese", "japanische", "Japan's"),
    ("Polish", "polnische", "Poland's"),
]
INSTITUTIONS = [
    ("Foreign Ministry", "Außenministerium"),
    ("Defence Ministry", "Verteidigungsministerium"),
    ("Interior Ministry", "Innenministerium"),
    ("Finance Ministry", "Finanzministerium"),
    ("Health Ministry", "Gesundheitsministerium"),
]
TITLES = ("Dr.", "Prof.", "Mr.", "Ms.", "Frau", "Herr")
ROLES = ("spokeswoman", "spokesman", "minister", "mayor", "director", "Sprecherin", "Bürgermeister")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}


@dataclass(frozen=True, slots=True)
class Planted:
    mention: Mention
    entity_id: int | None  # the entity meant; None for someone unknown
    how: str


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def make_entities(n: int, rng: random.Random) -> tuple[list[Candidate], dict[int, tuple[str, str]]]:
    """People and organisations; for people, (given, surname) by id."""
    candidates: list[Candidate] = []
    people: dict[int, tuple[str, str]] = {}
    names: set[str] = set()
    organisations = [(c, i) for c in COUNTRIES for i in INSTITUTIONS]
    for country, institution in organisations:
        entity_id = len(candidates) + 1
        candidates.append(Candidate(entity_id, f"{country[0]} {institution[0]}", "organization"))
    while len(candidates) < n:
        given, family = rng.choice(GIVEN), surname(rng)
        name = f"{given} {family}"
        if name in names:
            continue
        names.add(name)
        entity_id = len(candidates) + 1
        role = rng.choice(ROLES)
        candidates.append(Candidate(entity_id, name, "person", roles=frozenset({role.casefold()})))
        people[entity_id] = (given, family)
    return candidates, people


def make_mentions(
    n: int, candidates: list[Candidate], people: dict[int, tuple[str, str]], rng: random.Random
) -> list[Planted]:
    ids = list(people)
    by_surname: dict[str, int] = {}
    for _, family in people.values():
        by_surname[family] = by_surname.get(family, 0) + 1
    mentions: list[Planted] = []
    while len(mentions) < n:
        draw = rng.random()
        entity_id = rng.choice(ids)
        given, family = people[entity_id]
        role = next(iter(candidates[entity_id - 1].roles))
        if draw < 0.45:
            mentions.append(Planted(Mention(f"{given} {family}", "person"), entity_id, "exact"))
        elif draw < 0.55:
            spelled = "".join(UMLAUTS.get(c, c) for c in family)
            mentions.append(Planted(Mention(f"{given} {spelled}", "person"), entity_id, "spelling"))
        elif draw < 0.65:
            wrong = typo(rng, family) if len(family) > 5 else family
            mentions.append(Planted(Mention(f"{given} {wrong}", "person"), entity_id, "typo"))
        elif draw < 0.75:
            title = rng.choice(TITLES)
            mentions.append(Planted(Mention(f"{title} {given} {family}", "person"), entity_id, "title"))
        elif draw < 0.85:
            unique = by_surname[family] == 1
            mention = Mention(family, "person", role=role)
            mentions.append(Planted(mention, entity_id if unique else None, "surname+role"))
        elif draw < 0.93:
            index = rng.randrange(len(COUNTRIES) * len(INSTITUTIONS))
            country = COUNTRIES[index // len(INSTITUTIONS)]
            institution = INSTITUTIONS[index % len(INSTITUTIONS)]
            name = rng.choice((f"{country[1]} {institution[1]}", f"{country[2]} {institution[0].lower()}"))
            mentions.append(Planted(Mention(name, "organization"), index + 1, "other language"))
        else:
            stranger = f"{rng.choice(GIVEN)} {surname(rng)}{rng.choice(SYLLABLES)}"
            mentions.append(Planted(Mention(stranger, "person"), None, "unknown"))
    return mentions


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", metavar="FILE", help="Also write the figures as JSON.")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rng = random.Random(args.seed)
    candidates, people = make_entities(args.entities, rng)
    planted = make_mentions(args.mentions, candidates, people, rng)

    cpu, wall = time.process_time(), time.perf_counter()
    index = NameIndex(candidates)
    build_cpu, build_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    results = index.match([p.mention for p in planted])
    match_cpu, match_wall = time.process_time() - cpu, time.perf_counter() - wall

    outcomes: dict[str, dict[str, int]] = {}
    for plant, matches in zip(planted, results, strict=True):
        best = matches[0] if matches else None
        if plant.entity_id is None:
            verdict = "right: no link" if best is None or not best.link else "WRONG link"
        elif best is None:
            verdict = "missed"
        elif best.candidate_id != plant.entity_id:
            verdict = "WRONG link" if best.link else "wrong suggestion"
        else:
            verdict = "right: linked" if best.link else "right: suggested"
        counts = outcomes.setdefault(plant.how, {})
        counts[verdict] = counts.get(verdict, 0) + 1

    total_cpu = build_cpu + match_cpu
    print(f"entities {len(candidates):,}, mentions {len(planted):,} (seed {args.seed}), one core")
    print(f"index built in {build_cpu:.2f} s CPU ({build_wall:.2f} s wall)")
    rate = len(planted) / match_cpu
    print(f"mentions resolved in {match_cpu:.2f} s CPU ({match_wall:.2f} s wall): {rate:,.0f}/s")
    print(f"total {total_cpu:.2f} s CPU; target < 60 s: {'met' if total_cpu < 60 else 'NOT met'}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("decisions by kind of mention:")
    for how, counts in outcomes.items():
        n = sum(counts.values())
        parts = ", ".join(f"{k} {v / n:.1%}" for k, v in sorted(counts.items()))
        print(f"  {how:15} {n:7,}  {parts}")
    if args.json:
        figures = {
            "entities": len(candidates),
            "mentions": len(planted),
            "build_cpu_s": build_cpu,
            "match_cpu_s": match_cpu,
            "outcomes": outcomes,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
