"""Benchmark of claim grouping: generated German and English statements with planted claims.

Generates the statements of ``--n`` articles (about 15 each, half German, half English) as
``quotetrack.facts.grouping.StatementRecord``s: planted claims that recur in 2 to 6 articles within a
few days, in either language and in different wordings, among background statements built from
the same templates with other names and numbers (hard negatives), generic one-liners ("This is
wrong.") and speakers who say many unrelated things. Then runs ``group_statements`` once and
prints statements, groups, CPU and wall seconds, and pairwise precision and recall against the
planted claims.

    python bench/bench_grouping.py                 # 10,000 articles
    python bench/bench_grouping.py --n 1000 --seed 3

Everything is invented; statement ``i`` of article ``a`` depends only on the seed.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import DE_LAST, DE_TOWNS, EN_LAST

from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, group_statements

FIRST_DAY = datetime.date(2024, 1, 1)
DAYS = 365
STATEMENTS = (10, 20)  # per article
CLAIM_SHARE = 0.12  # of all statements, about, are planted claim occurrences
COPIES = (2, 6)  # articles a planted claim recurs in
SPREAD = 4  # days over which a claim recurs

# Places: (English, German); the first are spelt differently in the two languages.
PLACES = [
    ("Tokyo", "Tokio"),
    ("Beijing", "Peking"),
    ("Moscow", "Moskau"),
    ("Vienna", "Wien"),
    ("Warsaw", "Warschau"),
    ("Prague", "Prag"),
    ("Brussels", "Brüssel"),
    ("Rome", "Rom"),
    ("Munich", "München"),
    ("Cologne", "Köln"),
    ("Athens", "Athen"),
    ("Geneva", "Genf"),
    ("Seoul", "Seoul"),
    ("Manila", "Manila"),
    ("Oslo", "Oslo"),
    ("Madrid", "Madrid"),
] + [(town, town) for town in DE_TOWNS]
ORGS = [
    "NORVEX",
    "KALTEC",
    "Helmbrecht",
    "Sundara",
    "Orbisco",
    "Veltrana",
    "Marikon",
    "Tessaro",
    "Quellwerk",
    "Brightwater",
    "Ostrander",
    "Calloway",
    "Fernhill",
    "Ivarsen",
    "Lumora",
    "Radvik",
    "Zentara",
    "Polvex",
    "Harrowgate",
    "Kestrel",
    "Nordlicht",
    "Sablon",
    "Temperance",
    "Utgard",
    "Wexford",
    "Ylvara",
]
MONTHS = [
    ("January", "Januar"),
    ("February", "Februar"),
    ("March", "März"),
    ("April", "April"),
    ("May", "Mai"),
    ("June", "Juni"),
    ("July", "Juli"),
    ("August", "August"),
    ("September", "September"),
    ("October", "Oktober"),
    ("November", "November"),
    ("December", "Dezember"),
]
THINGS = [
    ("liaison office", "Verbindungsbüro"),
    ("research centre", "Forschungszentrum"),
    ("training centre", "Ausbildungszentrum"),
    ("consulate", "Konsulat"),
    ("depot", "Lager"),
    ("plant", "Werk"),
]
GOODS = [("bread", "Brot"), ("heating oil", "Heizöl"), ("rent", "Mieten"), ("electricity", "Strom")]

# Claim templates: English wordings, German wordings; slots filled per claim.
TEMPLATES: list[tuple[list[str], list[str]]] = [
    (
        [
            "{org} is planning to open a {thing} in {place}, the first of its kind.",
            "{org} plans to set up a new {thing} in {place}, its first such site.",
        ],
        [
            "{org} plane die Eröffnung eines {thing}s in {place}, des ersten seiner Art.",
            "{org} wolle ein neues {thing} in {place} einrichten, das erste dieser Art.",
        ],
    ),
    (
        [
            "{org} expects sales to rise by {pct} percent to {amount} million euros next year.",
            "Next year {org} sees revenue growing {pct} percent to {amount} million euros.",
        ],
        [
            "{org} rechne im kommenden Jahr mit einem Umsatzplus von {pct} Prozent "
            "auf {amount} Millionen Euro.",
            "Der Umsatz von {org} solle im nächsten Jahr um {pct} Prozent "
            "auf {amount} Millionen Euro steigen.",
        ],
    ),
    (
        [
            "{org} will cut {count} jobs at its {thing} in {place}.",
            "At its {thing} in {place}, {org} is to shed {count} jobs.",
        ],
        [
            "{org} werde {count} Stellen in seinem {thing} in {place} streichen.",
            "In {place} wolle {org} {count} Arbeitsplätze im {thing} abbauen.",
        ],
    ),
    (
        [
            "The talks between {org} and {org2} in {place} have failed.",
            "Negotiations of {org} with {org2} in {place} broke down.",
        ],
        [
            "Die Gespräche zwischen {org} und {org2} in {place} seien gescheitert.",
            "Die Verhandlungen von {org} mit {org2} in {place} seien abgebrochen worden.",
        ],
    ),
    (
        [
            "{org} has recalled {count} vehicles made in {place} because of faulty brakes.",
            "Because of defective brakes, {org} is recalling {count} cars built in {place}.",
        ],
        [
            "{org} habe {count} in {place} gebaute Fahrzeuge wegen defekter Bremsen zurückgerufen.",
            "Wegen fehlerhafter Bremsen rufe {org} {count} Autos aus {place} zurück.",
        ],
    ),
    (
        [
            "Prices for {good} in {place} rose by {pct} percent in {month}.",
            "In {month}, {good} in {place} became {pct} percent more expensive.",
        ],
        [
            "Die Preise für {good} in {place} seien im {month} um {pct} Prozent gestiegen.",
            "{good} habe sich in {place} im {month} um {pct} Prozent verteuert.",
        ],
    ),
    (
        [
            "{person} will step down as head of {org} at the end of {month}.",
            "{person} is to leave the top job at {org} when {month} ends.",
        ],
        [
            "{person} werde Ende {month} als Chef von {org} zurücktreten.",
            "{person} gebe die Leitung von {org} zum Ende des {month} ab.",
        ],
    ),
    (
        [
            "{org} will invest {amount} million euros in a new {thing} near {place} by {month}.",
            "By {month}, {org} plans to spend {amount} million euros on a {thing} close to {place}.",
        ],
        [
            "{org} werde bis {month} {amount} Millionen Euro in ein neues {thing} bei {place} investieren.",
            "Bis {month} wolle {org} {amount} Millionen Euro für ein {thing} nahe {place} ausgeben.",
        ],
    ),
]
GENERIC = {
    "en": [
        "This is wrong.",
        "We will look into it.",
        "That is simply not true.",
        "We are confident.",
        "Nobody was hurt.",
        "The decision is final.",
        "We regret the delay.",
        "It was a good day for us.",
    ],
    "de": [
        "Das ist falsch.",
        "Wir prüfen das.",
        "Das stimmt so nicht.",
        "Wir sind zuversichtlich.",
        "Niemand wurde verletzt.",
        "Die Entscheidung ist endgültig.",
        "Wir bedauern die Verzögerung.",
    ],
}
SPEAKERS = [f"speaker-{i}" for i in range(400)]
SOURCES = ["nordpress", "kustenfunk", "harbour times", "radio mittelheide", "the courier", None, None]


def _number(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def _slots(rng: random.Random) -> dict[str, object]:
    orgs = rng.sample(ORGS, 2)
    return {
        "org": orgs[0],
        "org2": orgs[1],
        "place": rng.randrange(len(PLACES)),
        "thing": rng.randrange(len(THINGS)),
        "good": rng.randrange(len(GOODS)),
        "month": rng.randrange(12),
        "pct": rng.randrange(11, 150) / 10,
        "amount": rng.randrange(20, 2000) * 5,
        "count": rng.randrange(30, 4000) * 10,
        "person": f"{rng.choice(DE_LAST + EN_LAST)}",
    }


def _render(template: int, slots: dict[str, object], lang: str, rng: random.Random) -> str:
    side = 0 if lang == "en" else 1
    wording = rng.choice(TEMPLATES[template][side])
    pct = float(slots["pct"])  # type: ignore[arg-type]
    return wording.format(
        org=slots["org"],
        org2=slots["org2"],
        place=PLACES[int(slots["place"])][side],  # type: ignore[call-overload]
        thing=THINGS[int(slots["thing"])][side],  # type: ignore[call-overload]
        good=GOODS[int(slots["good"])][side],  # type: ignore[call-overload]
        month=MONTHS[int(slots["month"])][side],  # type: ignore[call-overload]
        pct=_number(pct, lang, 1),
        amount=_number(int(slots["amount"]), lang),  # type: ignore[call-overload]
        count=_number(int(slots["count"]), lang),  # type: ignore[call-overload]
        person=slots["person"],
    )


def generate(n: int, seed: int = 0) -> tuple[list[StatementRecord], dict[int, int]]:
    """The statements of n articles, and the planted claim of each planted statement."""
    rng = random.Random(seed)
    articles = sorted(
        (FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS)), a, rng.choice(["de", "en"]))
        for a in range(1, n + 1)
    )
    sizes = [rng.randint(*STATEMENTS) for _ in articles]
    slots_free = list(sizes)
    planted: dict[int, list[tuple[int, int]]] = defaultdict(list)  # article index -> (claim, template)
    claims: dict[int, tuple[int, dict[str, object], str, str | None]] = {}
    total = sum(sizes)
    claim = 0
    occurrences = 0
    while occurrences < CLAIM_SHARE * total:
        claim += 1
        start = rng.randrange(len(articles))
        copies = rng.randint(*COPIES)
        window = [
            i
            for i in range(start, min(len(articles), start + 400))
            if (articles[i][0] - articles[start][0]).days <= SPREAD and slots_free[i] > 0
        ]
        chosen = rng.sample(window, min(copies, len(window)))
        if len(chosen) < 2:
            continue
        claims[claim] = (
            rng.randrange(len(TEMPLATES)),
            _slots(rng),
            rng.choice(SPEAKERS),
            rng.choice(SOURCES),
        )
        for i in chosen:
            planted[i].append((claim, claims[claim][0]))
            slots_free[i] -= 1
        occurrences += len(chosen)
    records: list[StatementRecord] = []
    truth: dict[int, int] = {}
    sid = 0
    for i, (day, article_id, lang) in enumerate(articles):
        texts: list[tuple[str, str | None, str | None, int | None]] = []
        for claim_no, template in planted[i]:
            _, slots, speaker, source = claims[claim_no]
            text = _render(template, slots, lang, rng)
            texts.append(
                (
                    text,
                    speaker if rng.random() < 0.8 else None,
                    source if rng.random() < 0.5 else None,
                    claim_no,
                )
            )
        while len(texts) < sizes[i]:
            if rng.random() < 0.25:
                text = rng.choice(GENERIC[lang])
            else:
                text = _render(rng.randrange(len(TEMPLATES)), _slots(rng), lang, rng)
            texts.append(
                (text, rng.choice(SPEAKERS) if rng.random() < 0.8 else None, rng.choice(SOURCES), None)
            )
        rng.shuffle(texts)
        for text, speaker, source, claim_no in texts:
            sid += 1
            said = day - datetime.timedelta(days=rng.choice([0, 0, 0, 1]))
            records.append(StatementRecord(sid, article_id, text, lang, speaker, source, said))
            if claim_no is not None:
                truth[sid] = claim_no
    return records, truth


def _pairs(groups: list[set[int]]) -> set[tuple[int, int]]:
    return {(a, b) for group in groups for a, b in combinations(sorted(group), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--window", type=int, default=30, help="window_days")
    args = parser.parse_args(argv)

    records, truth = generate(args.n, args.seed)
    planted: dict[int, set[int]] = defaultdict(set)
    for sid, claim in truth.items():
        planted[claim].add(sid)
    langs = {r.id: r.lang for r in records}
    cross = sum(1 for g in planted.values() if len({langs[s] for s in g}) > 1)
    print(f"articles        {args.n:>10,}")
    print(f"statements      {len(records):>10,}  ({len(truth):,} in planted claims)")
    print(f"planted claims  {len(planted):>10,}  ({cross:,} in both languages)")

    cpu, wall = time.process_time(), time.perf_counter()
    groups = group_statements(records, threshold=args.threshold, window_days=args.window)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall

    found = [{m.statement_id for m in g.members} for g in groups]
    got, want = _pairs(found), _pairs(list(planted.values()))
    precision = len(got & want) / len(got) if got else 1.0
    recall = len(got & want) / len(want) if want else 1.0
    exact = len({frozenset(g) for g in found} & {frozenset(g) for g in planted.values()})
    print(f"groups          {len(groups):>10,}  ({sum(map(len, found)):,} statements)")
    print(f"seconds         {wall:>10.1f} wall, {cpu:.1f} CPU  (target: under 60 for 10,000 articles)")
    print(f"pair precision  {precision:>10.3f}")
    print(f"pair recall     {recall:>10.3f}")
    print(f"claims exact    {exact / len(planted) if planted else 1.0:>10.3f}  (planted claims found whole)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
