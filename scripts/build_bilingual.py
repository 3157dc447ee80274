"""Build the German-English word table claim grouping compares translated statements by.

    apt-get install trans-de-en                    # Debian's package of the Ding dictionary
    python scripts/build_bilingual.py              # writes quotetrack/lexicon/tables/de_en.tsv.gz

The source is the Ding German-English dictionary (Frank Richter, TU Chemnitz; GPL-2+; about
200,000 entries), as Debian ships it in ``trans-de-en`` (``/usr/share/trans/de-en``). Each
entry is ``German :: English``, with ``|`` between parallel forms (the headword, then its
inflected forms and phrases) and ``;`` between synonyms. Every pair of one German word and one
English word that stand in the same place of an entry is kept, folded as quotetrack compares
words (no accents, casefolded): "gestohlen" "stolen", "Munition" "ammunition", "Kiew" "kyiv".
Grammar marks (``{f}``, ``[mil.]``, ``(für etw.)``), placeholders (``jdm.``, ``etw.``, ``sb.``,
``sth.``) and the ``to`` of English infinitives are dropped first; phrases of several words are
left out, and so are pairs the dictionary gives more than MAX_SENSES English words for (the
commonest function words, whose translations say nothing).

The output is sorted, one German word a line with its English words (``german<TAB>english
english ...``), gzip-compressed with a fixed timestamp, so that a rebuild from the same
dictionary gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

SOURCE = Path("/usr/share/trans/de-en")
OUT = Path(__file__).resolve().parents[1] / "quotetrack" / "lexicon" / "tables" / "de_en.tsv.gz"
MAX_SENSES = 40  # a German word with more English words than this is a function word
_MARKS = re.compile(r"/[^/]*/|\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
_PLACEHOLDERS = {
    "jdm.",
    "jdn.",
    "jds.",
    "jd.",
    "etw.",
    "sich",
    "sb.",
    "sth.",
    "sb.'s",
    "sb.’s",
    "sth.'s",
    "to",
    "sb",
    "sth",
    "etw",
    "jdn",
    "jdm",
}
# Personal pronouns before the inflected forms of a verb ("er/sie sucht" :: "he/she seeks").
_PRONOUNS = {"ich", "du", "er", "sie", "es", "wir", "ihr", "i", "you", "he", "she", "it", "we", "they"}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*\Z")


def fold(word: str) -> str:
    """As ``quotetrack.text.fold`` folds one word: no accents, casefolded, ß as ss."""
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("ß", "ss")


def _placeholder(token: str) -> bool:
    """A word that stands for an object or a person, not for itself: "etw.", "sb./sth.",
    and the pronouns before a verb's inflected forms ("er/sie", "he/she/it")."""
    parts = token.casefold().split("/")
    return all(p in _PLACEHOLDERS or p in _PRONOUNS for p in parts) and (
        len(parts) > 1 or parts[0] in _PLACEHOLDERS
    )


def _words(side: str) -> list[list[str]]:
    """The synonyms of each ``|`` part of one side, as single folded words (None for a phrase)."""
    parts = []
    for part in side.split(" | "):
        synonyms = []
        for synonym in _MARKS.sub(" ", part).split(";"):
            tokens = [t for t in synonym.split() if not _placeholder(t)]
            if len(tokens) == 1 and _WORD.match(tokens[0]) and len(tokens[0]) >= 2:
                synonyms.append(fold(tokens[0]))
        parts.append(synonyms)
    return parts


def pairs(lines: list[str]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if line.startswith("#") or " :: " not in line:
            continue
        german, english = line.rstrip("\n").split(" :: ", 1)
        de_parts, en_parts = _words(german), _words(english)
        if len(de_parts) != len(en_parts):
            de_parts, en_parts = de_parts[:1], en_parts[:1]
        for de_words, en_words in zip(de_parts, en_parts, strict=True):
            for de in de_words:
                found[de].update(en_words)
    table = {de: sorted(ens - {de}) for de, ens in found.items() if len(ens) <= MAX_SENSES}
    return {de: ens for de, ens in table.items() if ens}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.source.exists():
        print(f"{args.source} not found: apt-get install trans-de-en", file=sys.stderr)
        return 1
    lines = args.source.read_text(encoding="utf-8").splitlines()
    version = next((line for line in lines[:5] if "Version" in line), "").lstrip("# ").strip()
    table = pairs(lines)
    header = (
        "# German-English word pairs from the Ding dictionary (Frank Richter, TU Chemnitz),\n"
        f"# {version}; GPL-2+. Built by scripts/build_bilingual.py from Debian's trans-de-en.\n"
    )
    body = header + "".join(f"{de}\t{' '.join(table[de])}\n" for de in sorted(table))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(body.encode("utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(buffer.getvalue())
    count = sum(map(len, table.values()))
    print(f"{len(table):,} words, {count:,} pairs, {len(buffer.getvalue()):,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
