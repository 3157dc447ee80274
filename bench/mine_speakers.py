"""Speakers the engine finds on real news, listed for review.

    python bench/mine_speakers.py                        # the dev sets in ../shared/eval/dev/
    python bench/mine_speakers.py corpus.jsonl --lang de --top 100 --examples 2

Runs ``quotetrack.extract.extract`` over JSON Lines articles (``id``, ``lang``, ``text``) and
prints, per language: how many articles and statements there were and how many statements got
a speaker; the most frequent speakers with their kind; every speaker that fails one of a few
simple checks that do not use the engine's own name tests (listed with the checks it fails);
every phrase the engine's name check refused (``Extraction.rejected_names``); and every outlet
a statement was relayed through (``source``). Each entry shows at most ``--examples`` short
sentences of the article (cut at 160 characters); nothing else of the text is printed.

The checks (each printed with the word that failed it, as ``common:Heute``):

- ``lowercase``: a capitalised word of a person or unknown speaker (of other kinds: the first
  word) is written in lower case mid-sentence elsewhere in the article ("Allerdings", "Heute");
- ``common``: the same words, looked up in the language's common-word table,
  ``quotetrack/lexicon/tables/common_<lang>.*`` (words that, capitalised, are not names);
- ``lowerstart``: the speaker starts with a lower-case word ("großem Selbstbewusstsein");
- ``particle``: the article writes a lower-case name particle before the speaker's first word
  that the speaker lacks ("Leyen" where the text has "von der Leyen");
- ``digits``: the speaker has a digit;
- ``long``: the speaker has more than five words;
- ``place``: the first word of a speaker whose other words are not all common words names a
  place in the same article: it follows "in", "aus", "from" ... there (or its stem does, as
  "Berliner" for "in Berlin"), or it is a dateline in capitals ("BERLIN (dpa) -"). This
  catches "Ukraine Pawlo Klimkin" and "Tamil Nadu", not "Berliner Polizei".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLES = REPO / "quotetrack" / "lexicon" / "tables"
DEFAULT_INPUTS = (
    REPO.parent / "shared" / "eval" / "dev" / "news_de.jsonl",
    REPO.parent / "shared" / "eval" / "dev" / "news_en.jsonl",
)
EXAMPLE_CHARS = 160
MAX_WORDS = 5
NAME_KINDS = ("person", "unknown")
# Words after which a capitalised word names a place ("in Berlin", "aus Kiew", "from London").
PLACE_PREPOSITIONS = {
    "de": ("in", "aus", "nach", "bei", "im", "vor"),
    "en": ("in", "from", "at", "near"),
}
# Endings of place adjectives and their stems' spellings: "Berliner" -> "Berlin",
# "Münchner" -> "München" is left to the prepositions (the stem changes).
PLACE_ADJECTIVE_ENDINGS = {"de": ("er",), "en": ()}

# Particles of family names ("von der Leyen", "van Gaal", "de Maizière"); a bare "von" or "der"
# is left out, as German writes them before any noun ("Angaben von Verdi").
PARTICLES = "von der|von dem|van der|van den|van|de la|de|da|di|du|dos|ten|ter|bin|ibn"
WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SENTENCE_END = re.compile(r"(?<=[.!?…“”\"«»])\s+(?=[„“\"»«‚(]?[A-ZÄÖÜ0-9])|\n+")


@dataclass
class Entry:
    """One speaker, rejected phrase or outlet: how often it was seen, and where."""

    count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    reasons: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """What one language's articles gave."""

    articles: int = 0
    statements: int = 0
    with_speaker: int = 0
    speakers: dict[str, Entry] = field(default_factory=lambda: defaultdict(Entry))
    rejected: dict[str, Entry] = field(default_factory=lambda: defaultdict(Entry))
    sources: dict[str, Entry] = field(default_factory=lambda: defaultdict(Entry))


def read_articles(path: Path, errors: list[str]) -> Iterator[dict]:
    """The articles of a JSON Lines file; a bad line is noted in ``errors`` and skipped."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{path}:{number}: not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                errors.append(f"{path}:{number}: no 'text' string")
                continue
            if not isinstance(record.get("lang"), str):
                errors.append(f"{path}:{number}: no 'lang' string")
                continue
            record.setdefault("id", f"{path.name}:{number}")
            yield record


@dataclass
class Checks:
    """The name-likeness checks of one language, independent of the engine."""

    lang: str
    common: frozenset[str]

    @classmethod
    def load(cls, lang: str) -> Checks:
        words: set[str] = set()
        # common_<lang>.txt, one word a line, or .tsv with the word in the first column
        for table in sorted(TABLES.glob(f"common_{lang}.*")):
            lines = table.read_text(encoding="utf-8").splitlines()
            words.update(line.split("\t", 1)[0].strip().lower() for line in lines)
        return cls(lang, frozenset(words))

    def reasons(self, speaker: str, kind: str, text: str) -> set[str]:
        """The checks ``speaker`` fails, each with the word that failed it ("common:Heute")."""
        words = speaker.split()
        capitalised = [w.strip(".,:;'’\"()") for w in words if w[:1].isupper()]
        found = set()
        if any(ch.isdigit() for ch in speaker):
            found.add("digits")
        if len(words) > MAX_WORDS:
            found.add("long")
        # a kind that is no person keeps its common words ("Defence Ministry"), not a lower-case first
        looked_at = (
            capitalised if kind in NAME_KINDS else capitalised[:1] if words and words[0][:1].isupper() else []
        )
        found |= {f"lowercase:{w}" for w in looked_at if lower_elsewhere(w, text)}
        found |= {f"common:{w}" for w in looked_at if w.lower() in self.common}
        if words and words[0][:1].islower():
            found.add(f"lowerstart:{words[0]}")
        particle = name_particle(words[0], text) if words and kind in NAME_KINDS else None
        if particle:
            found.add(f"particle:{particle}")
        rest = [w for w in capitalised[1:] if possessive(w).lower() not in self.common]
        if capitalised and rest and self.place_like(capitalised[0], text):
            found.add(f"place:{capitalised[0]}")
        return found

    def place_like(self, word: str, text: str) -> bool:
        """Whether ``word`` names a place in ``text``: a dateline in capitals ("BERLIN (dpa)"),
        or it (or its stem, "Berliner") follows one of the language's place prepositions."""
        if len(word) > 2 and word.isupper() and word.isalpha():
            return re.search(rf"(?:^|\n){re.escape(word)}\b[ ,]*[(/–—-]", text) is not None
        stems = {word}
        for ending in PLACE_ADJECTIVE_ENDINGS.get(self.lang, ()):
            if word.endswith(ending) and len(word) > len(ending) + 3:
                stems.add(word[: -len(ending)])
        prepositions = "|".join(PLACE_PREPOSITIONS.get(self.lang, ()))
        if not prepositions:
            return False
        alternatives = "|".join(re.escape(stem) for stem in stems)
        return re.search(rf"\b(?:{prepositions}) (?:{alternatives})\b(?![-\w])", text) is not None


def name_particle(first: str, text: str) -> str | None:
    """The lower-case particle the article writes before ``first`` ("von der" for "Leyen"), or
    None. Only particles the speaker does not carry itself count."""
    if not first[:1].isupper():
        return None
    match = re.search(rf"(?<![\w-])((?i:{PARTICLES})) {re.escape(first)}(?!\w)", text)
    return match.group(1).lower() if match else None


def possessive(word: str) -> str:
    """``word`` without an English possessive ending ("Sheriff’s" -> "Sheriff")."""
    return re.sub(r"['’]s\Z", "", word)


def lower_elsewhere(word: str, text: str) -> bool:
    """Whether ``word`` is written in lower case after a lower-case word in ``text``."""
    if len(word) < 2 or not word[:1].isupper():
        return False
    low = word[:1].lower() + word[1:]
    return re.search(rf"\b[a-zäöüß]+,? {re.escape(low)}\b", text) is not None


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, on one line, cut to ``EXAMPLE_CHARS``."""
    left = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    after = SENTENCE_END.search(text, end)
    right = after.start() if after else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= EXAMPLE_CHARS:
        return sentence
    # keep the part around the span when the sentence is long
    focus = len(" ".join(text[left:start].split()))
    first = max(0, min(focus - EXAMPLE_CHARS // 3, len(sentence) - EXAMPLE_CHARS + 1))
    piece = sentence[first : first + EXAMPLE_CHARS - 1]
    return ("…" if first else "") + piece[1 if first else 0 :] + "…"


def nearest(text: str, phrase: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``phrase`` occurs in ``text`` closest to ``start..end``."""
    best: tuple[int, int] | None = None
    bounded = list(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text))
    for match in bounded or re.finditer(re.escape(phrase), text):
        distance = max(match.start() - end, start - match.end(), 0)
        if best is None or distance < best[0]:
            best = (distance, match.start())
    return None if best is None else (best[1], best[1] + len(phrase))


def add(entry: Entry, kind: str | None, example: str, examples: int) -> None:
    entry.count += 1
    if kind:
        entry.kinds[kind] += 1
    if example and len(entry.examples) < examples and example not in entry.examples:
        entry.examples.append(example)


def tally(articles: Iterable[dict], *, examples: int, only_lang: str | None) -> dict[str, Tally]:
    """Run the engine over ``articles`` and count what it found, per language."""
    from quotetrack.extract import extract
    from quotetrack.inputs.article import Article

    tallies: dict[str, Tally] = defaultdict(Tally)
    checks: dict[str, Checks] = {}
    for record in articles:
        lang, text = record["lang"], record["text"]
        if only_lang and lang != only_lang:
            continue
        result = extract(Article(text=text, lang=lang, id=str(record["id"])))
        counts = tallies[lang]
        check = checks.get(lang) or checks.setdefault(lang, Checks.load(lang))
        counts.articles += 1
        checked: set[tuple[str, str]] = set()
        for stmt in result.statements:
            counts.statements += 1
            if stmt.source:
                source = counts.sources[stmt.source]
                wanted = len(source.examples) < examples
                add(source, None, sentence_at(text, stmt.start, stmt.end) if wanted else "", examples)
            if not stmt.speaker:
                continue
            counts.with_speaker += 1
            entry = counts.speakers[stmt.speaker]
            example = ""
            if len(entry.examples) < examples:  # the search for an example only while one is wanted
                where = nearest(text, stmt.speaker, stmt.start, stmt.end) or (stmt.start, stmt.end)
                example = sentence_at(text, *where)
            add(entry, stmt.speaker_kind, example, examples)
            key = (stmt.speaker, stmt.speaker_kind)
            if key not in checked:  # once per speaker and article
                checked.add(key)
                entry.reasons |= check.reasons(stmt.speaker, stmt.speaker_kind, text)
        for phrase in result.rejected_names:
            refused = counts.rejected[phrase]
            found = nearest(text, phrase, 0, 0) if len(refused.examples) < examples else None
            add(refused, None, sentence_at(text, *found) if found else "", examples)
    return tallies


def ranked(entries: dict[str, Entry]) -> list[tuple[str, Entry]]:
    return sorted(entries.items(), key=lambda item: (-item[1].count, item[0].casefold()))


def kind_of(entry: Entry) -> str:
    return "/".join(kind for kind, _n in entry.kinds.most_common()) or "-"


def report(tallies: dict[str, Tally], *, top: int, out) -> None:
    for lang in sorted(tallies):
        t = tallies[lang]
        without = t.statements - t.with_speaker
        print(f"# {lang}", file=out)
        print(
            f"articles {t.articles}  statements {t.statements}  "
            f"with speaker {t.with_speaker}  without speaker {without}",
            file=out,
        )
        print(f"\n## top speakers ({min(top, len(t.speakers))} of {len(t.speakers)})", file=out)
        for speaker, entry in ranked(t.speakers)[:top]:
            print(f"{entry.count:6}  {kind_of(entry):<13} {speaker}", file=out)
        odd = {name: entry for name, entry in t.speakers.items() if entry.reasons}
        by_reason = Counter(
            check for entry in odd.values() for check in {r.split(":")[0] for r in entry.reasons}
        )
        summary = ", ".join(f"{reason} {n}" for reason, n in sorted(by_reason.items()))
        print(f"\n## not name-like ({len(odd)} speakers; {summary or 'none'})", file=out)
        for speaker, entry in ranked(odd):
            reasons = ",".join(sorted(entry.reasons))
            print(f"{entry.count:6}  {kind_of(entry):<13} {speaker}  [{reasons}]", file=out)
            print_examples(entry, out)
        total = sum(entry.count for entry in t.rejected.values())
        print(f"\n## rejected names ({len(t.rejected)} phrases, {total} times)", file=out)
        for phrase, entry in ranked(t.rejected):
            print(f"{entry.count:6}  {phrase}", file=out)
            print_examples(entry, out)
        total = sum(entry.count for entry in t.sources.values())
        print(f"\n## sources ({len(t.sources)} outlets, {total} statements)", file=out)
        for source, entry in ranked(t.sources):
            print(f"{entry.count:6}  {source}", file=out)
            print_examples(entry, out)
        print(file=out)


def print_examples(entry: Entry, out) -> None:
    for example in entry.examples:
        if example:
            print(f"        e.g. {example}", file=out)


def main(argv: list[str] | None = None, out=None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSON Lines articles (id, lang, text)")
    parser.add_argument("--top", type=int, default=60, help="how many frequent speakers (default 60)")
    parser.add_argument("--examples", type=int, default=1, help="example sentences per entry (default 1)")
    parser.add_argument("--lang", help="only the articles of this language")
    args = parser.parse_args(argv)
    if args.top < 0 or args.examples < 0:
        parser.error("--top and --examples take a number of 0 or more")

    errors: list[str] = []
    paths: list[Path] = []
    for path in args.files or DEFAULT_INPUTS:
        if path.is_file():
            paths.append(path)
        elif args.files:
            errors.append(f"{path}: no such file")
        else:
            print(f"skipping {path}: not found", file=sys.stderr)

    def articles() -> Iterator[dict]:
        for path in paths:
            yield from read_articles(path, errors)

    tallies = tally(articles(), examples=args.examples, only_lang=args.lang)
    report(tallies, top=args.top, out=out)
    for error in errors:
        print(f"Error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
