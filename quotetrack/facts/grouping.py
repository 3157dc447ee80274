"""Claim grouping: statements of different articles that say the same thing, in any language.

A claim is one thing said as it travels: reported by one outlet, relayed by a second, translated
by a third. :func:`group_statements` takes statements (no database; the caller loads and stores)
and returns the groups of statements from different articles that make the same claim, each
membership with a score. :func:`similarity` is the pair score it uses.

How a pair is scored, offline and with no per-language code (the words come from the language
files):

* **Wording** (statements in one language): the overlap of their content words (folded, function
  words of the language file left out, inflection endings stripped) and rapidfuzz's token-set
  ratio over the same stems, damped for statements with only a word or two of content.
* **Anchors** (any languages): numbers (``1.000`` = ``1,000``, ``5,5`` = ``5.5``; in words too,
  by ``lexicon/tables/numbers.toml``: "number one" = "Nr. 1", "zwei Millionen" = "2 million"), names
  (capitalised words; in a language that capitalises every noun only acronyms and the listed
  names count by themselves, other capitalised words only when the other text capitalises them
  too; a compound the tables lack that ends in one of their nouns, "Hafenabend", counts half, as
  a noun may), known outlets, the bilingual equivalents of ``lexicons/equivalents.toml`` (Tokio =
  Tokyo), and quoted fragments. Across languages the anchors are the evidence; in one language
  they add to the wording. A number or name that each text has in place of the other's
  ("Tokyo" here, "Seoul" there) counts against the pair.
* **Nouns** (the word tables' nouns; in a language that capitalises nouns, its capitalised
  words): two texts that differ only in the nouns and names they hold ("a bakery" / "a
  warehouse", "Lager" / "Werk") name different things, and a noun each has in place of the
  other's counts against the pair as a name does (across languages, where a noun may only be
  missing from the bilingual table, at half weight). A verb or a synonym in place of another
  ("defending" / "protect", "Basis" / "Grundlage") is wording. Across languages a noun neither
  text translates counts at half weight whatever else differs.
* **Context** scales real evidence but never makes it: the same speaker, the same source and
  close days raise a pair's score, different speakers lower it, and two people whose names are
  known and clearly differ (not "Zelensky" / "Selenskyj") lower it much: a claim is one
  speaker's. Evidence too weak to stand on its own stays weak, so a spokeswoman's unrelated
  statements are not one claim. A name matches its other transliterations ("Selenskyj" =
  "Zelensky"), and two speakers the store keeps apart whose names are one person's ("Wolodymyr
  Selenskyj", "Zelensky") are the same speaker.

Grouping compares only statements of different articles within ``window_days`` of each other,
found through an inverted index over content stems and anchors (keys too frequent in the window
are passed over, so it never compares all pairs; a key few statements share counts more in
choosing the candidates), and links them greedily, the best pair first:
a claim keeps one statement per article, two existing claims are never merged, and a cluster
joins another only if their members are alike on average (no drift along chains). An article
that gives a claim twice (told in its words, then quoted) has its second statement join the claim
last, when it says the same as a member of another article surely. Two statements of one speaker
in two articles that are each other's best match there join below the threshold
(COUNTERPART_SCORE): a quote retold in other words, when neither names a place, person or number
in place of the other's.

A statement of several sentences is compared whole, but a name or number in a sentence the other
statement says nothing alike of is more said, not something in place of the other's: a long quote
and the short quote it holds are one claim.
"""

from __future__ import annotations

import bisect
import datetime
import gc
import gzip
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import numpy as np
from rapidfuzz import fuzz

from quotetrack.facts.names import family_names_differ, one_person, sounded
from quotetrack.facts.numbers import number_words, read_number
from quotetrack.lexicon import (
    Lexicon,
    available_languages,
    capitalised_equivalents,
    equivalents,
    known_outlets,
    load,
)
from quotetrack.text import fold

DEFAULT_THRESHOLD = 0.45
"""The pair score from which two statements are linked."""

# Context factors: added to 1 and multiplied with the evidence.
SAME_SPEAKER, OTHER_SPEAKER = 0.2, -0.2
# ... and two people known by name whose family names differ in every spelling: a claim is one
# speaker's, so the same words from someone else are another claim
OTHER_PERSON = -0.65
SAME_SOURCE, OTHER_SOURCE = 0.1, -0.05
RELAYED = 0.1  # one article names the other's outlet as its source or channel
CLOSE_DAYS, CLOSE_BONUS, FAR_DAYS, FAR_PENALTY = 2, 0.05, 7, -0.15
FARTHER_DAYS, FARTHER_PENALTY = 21, -0.3
# The most the context can raise a pair's evidence by.
MOST_CONTEXT = 1 + SAME_SPEAKER + SAME_SOURCE + RELAYED + CLOSE_BONUS
# Evidence below this gets no context bonus: context amplifies evidence, it never makes it.
EVIDENCE_FLOOR = 0.2
# How much an anchor that each text has in place of the other's ("Tokyo" / "Seoul") counts against.
SUBSTITUTION = 2.5
# ... and a capitalised word that may be a name or (in German) a noun, in one language.
UNSURE_NAME = 0.5
# ... and, of that, a capitalised word the bilingual tables know (more likely a noun than a name),
# across languages; where two texts differ only in the nouns and names they hold, a noun counts fully.
NOUN = 0.5
# Shared anchor weight at which cross-language evidence is full.
FULL_ANCHORS = 4.0
# Statements with fewer content words than this are damped: "Das ist falsch." says little.
FULL_CONTENT = 4
DAMPING = 1.5  # ... by (content words / FULL_CONTENT) to this power
# Words one statement has in place of another's are compared by their translations when they
# share a word and at most this many pairs are left.
MAX_SYNONYM_PAIRS = 36
# A statement whose content words are found in another's (a quote shortened, words cut) counts
# this much of the share found, once it keeps CONTAINED_FULL content words.
CONTAINED_WEIGHT, CONTAINED_FULL = 0.9, 5
# Across languages, shared anchors add this share of what the translated wording leaves; in one
# language, this share of what the wording leaves.
TRANSLATED_ANCHORS, SAME_ANCHORS = 0.5, 0.3
# Blocking: a key shared by more statements than this within the window is passed over; a
# statement is compared with at most MAX_CANDIDATES later ones of each language, those sharing the
# most keys (at least MIN_SHARED).
MAX_POSTINGS = 500
MAX_CANDIDATES = 6
MIN_SHARED = 2
# Of a statement of several sentences, the sentences with this share of their content words in the
# other text are what the two say alike; the names and numbers of the others are more said, not
# something said in place of the other's.
SENTENCE_ALIKE = 0.5
# A statement whose article is in a claim already joins it too when it says the same as a member of
# another article this surely (an article may give a claim twice: told in its words, then quoted).
REPEAT_SCORE = 0.8
# Two statements of one speaker in two articles that are each other's best match there (a quote
# and its telling in reported speech: "Wir prüfen jede Spur" / "man prüfe alle Spuren") are one
# claim from this score, below the threshold: of what the speaker said in the other article, it is
# the only one alike.
COUNTERPART_SCORE = 0.25
# ... when each says this much at least (content words), and neither has a name or number in place
# of the other's: "Das ist falsch." says too little to be anyone's claim, and "in Rom" / "in Wien"
# are two claims however alike the rest.
COUNTERPART_CONTENT = 3
# Two clusters join only if their members score on average at least this share of the threshold
# (up to LINKAGE_SAMPLE members of each compared).
LINKAGE_SHARE = 0.75
LINKAGE_SAMPLE = 8
# Across languages, words of more than COGNATE letters that begin with the same COGNATE letters
# match ("Aggression", "politisch" / "political"); a compound is split into parts of MIN_PART letters.
COGNATE, MIN_PART = 5, 4
# A capitalised word the tables lack that ends in one of their nouns of MIN_PART letters or more,
# after COMPOUND_HEAD letters at least, is a compound noun ("Hafenabend", "Uferfunknetz").
COMPOUND_HEAD = 3
# Translations of a content word a statement is found by in another language, at the most.
MAX_TRANSLATION_KEYS = 8
# Names of this many letters at least match by how they sound ("Selenskyj" = "Zelensky").
NAME_SOUND = 5
# Words of a phrase (outlet, equivalent) looked for at the most.
MAX_PHRASE = 4

_TOKEN = re.compile(r"(?P<acr>\b(?:[A-Z]\.){2,})|(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+)")
_OPENERS = " \t\n\"'„“”«»‹›‘’‚()[]-–—"
_SEPARATOR = re.compile(r"[.,]")
_QUOTED_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class StatementRecord:
    """A statement as grouping sees it."""

    id: int
    article_id: int
    text: str  # the statement's words
    lang: str | None  # "de", "en", ...
    speaker: str | None  # the speaker's canonical key (entity id as str, or a folded name)
    source: str | None  # folded name of the relaying outlet, None if none
    day: datetime.date | None  # said_on or the article's publication date (or its estimate)
    claim_id: int | None = None  # an existing claim the statement already belongs to
    claim_score: float | None = None  # how sure that membership is; None: confirmed or not known
    estimated: bool = False  # the day is an estimate: the article gives none
    outlet: str | None = None  # folded name of the article's outlet
    carriers: frozenset[str] = frozenset()  # folded outlets the article names as its source or channel
    speaker_named: bool = True  # the speaker is a person known by full name, not a role or a guess
    # the speaker's name as written, where ``speaker`` is an entity id; None: not known (then a
    # ``speaker`` that is not a number is taken for the folded name)
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    statement_id: int
    score: float  # 0..1, how sure the statement belongs to the group
    partner: int | None = None  # the member it is most alike, whose pair gave the score


@dataclass(frozen=True, slots=True)
class Group:
    claim_id: int | None  # the existing claim the group continues, if any of its members had one
    members: tuple[Membership, ...]  # sorted by (day, statement id); two or more articles


@dataclass(frozen=True, slots=True)
class _Anchor:
    forms: frozenset[str]  # the folded forms it matches by (with equivalents and stripped endings)
    weight: float
    reliable: bool  # known to be a name or number in its own text, not just a capitalised noun
    number: bool
    word: bool = False  # a capitalised word the bilingual tables know: more likely a noun than a name
    fragment: bool = False  # quoted words: evidence when shared, no conflict when not
    stems: frozenset[str] = frozenset()  # the content stems of its forms
    # a capitalised word the tables lack that ends in one of their nouns ("Hafenabend"): a compound
    # noun more likely than a name, though a place may end so too ("Rosenheim")
    compound: bool = False


@dataclass(frozen=True, slots=True)
class _Features:
    lang: str | None
    stems: frozenset[str]  # content stems (numbers as "#value")
    stem_text: str  # the stems in order, for rapidfuzz
    anchors: tuple[_Anchor, ...]
    forms: frozenset[str]  # every anchor form
    reliable_forms: frozenset[str]
    nouns: frozenset[str] = frozenset()  # the stems of lower-case nouns (things, not names)
    named: frozenset[str] = frozenset()  # the stems of those nouns and of capitalised words
    # the first COGNATE letters of its longer stems: a pair that shares none finds no cognate
    prefixes: frozenset[str] = frozenset()
    # what each of its stems translates to in each other language (those that translate)
    meanings: tuple[tuple[str, dict[str, tuple[str, ...]]], ...] = ()
    # of a statement of several sentences, each sentence's stems and anchor forms; () for one
    sentences: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    # the forms of its reliable anchors but quoted fragments, each with what it counts against a
    # pair that lacks it (``_conflict_bound``, asked of every candidate pair)
    sure: tuple[tuple[frozenset[str], float], ...] = ()


@dataclass(frozen=True, slots=True)
class _Word:
    """What one word token gives the features, whatever its context."""

    folded: str
    raw: str  # as written, an acronym without its dots
    stem: str | None  # its content stem; None for a function word or a single letter
    phrase: frozenset[str] | None  # the key of the outlet or equivalent it names by itself
    name: frozenset[str] | None  # else the forms it matches by if it may be a name (capitalised)
    sure: bool  # either is reliable wherever the word stands (an equivalent, an acronym)
    noun: bool = False  # a lower-case word the language's word table gives as a noun
    named: bool = False  # a noun or a name: a word the table gives as a noun, or a capitalised word it lacks
    numeric: bool = False  # a number may begin with it: a number word or a marker ("number", "Nr")


@dataclass(frozen=True, slots=True)
class _Language:
    """What one language's files say that grouping needs."""

    function_words: frozenset[str]
    endings: tuple[str, ...]
    genitive_endings: tuple[str, ...]
    nouns_capitalised: bool
    nouns: frozenset[str]  # folded lower-case words the word table gives as nouns (if not capitalised)
    table_nouns: frozenset[str]  # the folded words the word table gives as nouns
    table_words: frozenset[str]  # the folded words the word table knows (that, capitalised, are no names)


def _language_of(lex: Lexicon) -> _Language:
    words = (
        lex.function_words
        | lex.stop_words
        | lex.determiners
        | lex.auxiliaries
        | lex.pronouns
        | lex.subject_pronouns
        | lex.relative_pronouns
        | lex.complementizers
        | lex.coordinators
        | lex.indefinite_articles
        | lex.genitive_articles
    )
    genitive = tuple(fold(e) for e in lex.genitive_endings if fold(e).isalpha())
    return _Language(
        function_words=frozenset(fold(w) for w in words),
        endings=tuple(fold(e) for e in lex.endings),
        genitive_endings=genitive,
        nouns_capitalised=lex.nouns_capitalised,
        # where nouns are capitalised they are the capitalised words, anchors of their own
        nouns=frozenset() if lex.nouns_capitalised else frozenset(fold(w) for w in lex.common_nouns),
        table_nouns=frozenset(fold(w) for w in lex.common_nouns),
        table_words=frozenset(fold(w) for w in lex.common_words),
    )


@cache
def _language(code: str | None) -> _Language:
    """The language's data; for an unknown language (None) what every language file says."""
    if code is not None and code in available_languages():
        return _language_of(load(code))
    parts = [_language_of(load(c)) for c in available_languages()]
    endings = sorted({e for p in parts for e in p.endings}, key=len, reverse=True)
    return _Language(
        function_words=frozenset().union(*(p.function_words for p in parts)),
        endings=tuple(endings),
        genitive_endings=tuple(sorted({e for p in parts for e in p.genitive_endings})),
        nouns_capitalised=True,  # capitals alone prove nothing when the language is unknown
        nouns=frozenset(),
        table_nouns=frozenset().union(*(p.table_nouns for p in parts)),
        table_words=frozenset().union(*(p.table_words for p in parts)),
    )


@cache
def _phrases() -> dict[str, tuple[str, bool]]:
    """Folded phrase -> (its key, whether it is an equivalent rather than an outlet name)."""
    out: dict[str, tuple[str, bool]] = {}
    for form, outlet in known_outlets().items():
        out[form] = (fold(outlet.name), False)
    for form, key in equivalents().items():
        out[form] = (key, True)
    return out


@cache
def _phrase_starts() -> frozenset[str]:
    """The first words of the phrases of several words."""
    return frozenset(phrase.split()[0] for phrase in _phrases() if " " in phrase)


@cache
def _quote_pattern() -> re.Pattern[str]:
    """A quoted fragment in any language's quotation marks (not the apostrophe-like ones)."""
    pairs = {pair for code in available_languages() for pair in load(code).quote_pairs}
    alternatives = [
        re.escape(o) + "([^" + re.escape(c) + re.escape(o) + "]{3,400})" + re.escape(c)
        for o, c in sorted(pairs)
        if o not in "'’‘" and c not in "'’‘"
    ]
    return re.compile("|".join(alternatives))


def _number(raw: str) -> tuple[str, float]:
    """The number's comparison key and anchor weight: 1.000 = 1,000 = 1000; 5,5 = 5.5."""
    if "." not in raw and "," not in raw:
        digits = raw
    else:
        groups = _SEPARATOR.split(raw)
        if "." in raw and "," in raw:  # 1.234,5 or 1,234.5: the last one is the decimal mark
            last = "." if raw.rfind(".") > raw.rfind(",") else ","
            other = "," if last == "." else "."
            whole, _, fraction = raw.replace(other, "").rpartition(last)
            digits = f"{whole}.{fraction}"
        elif all(len(g) == 3 for g in groups[1:]) and groups[0] not in ("", "0") and len(groups[0]) <= 3:
            digits = "".join(groups)  # thousands: 1.000, 1,000, 12.500.000
        elif len(groups) == 2:
            digits = raw.replace(",", ".")  # decimal: 5,5 or 5.5
        else:
            digits = "".join(groups)
    try:
        value = float(digits)
    except ValueError:
        return "#" + raw, 1.0
    return _keyed(value)


def _keyed(value: float) -> tuple[str, float]:
    """A number's comparison key and anchor weight."""
    key = "#" + format(value, ".10g")
    if value.is_integer() and 1900 <= value <= 2100:
        return key, 0.5  # a year: common, weak evidence
    if value.is_integer() and value <= 12:
        return key, 0.4  # small counts, days, months
    return key, 1.0


def numbers(text: str) -> frozenset[str]:
    """The numbers a text holds, as comparison keys: "1.000" and "1,000" are one number."""
    return frozenset(_number(m.group())[0] for m in _TOKEN.finditer(text) if m.lastgroup == "num")


def _stem(word: str, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # planned / planning -> plan
    return word


_SENTENCE_END = re.compile(r"[.!?][\"'“”„«»‹›‘’)]*\s+[\"'“”„«»‹›‘’(]*(?=[^\W\d_])")


def _sentence_starts(text: str) -> list[int]:
    """Where the second and later sentences of a text begin: after a word in lower case, a full
    stop, question or exclamation mark, a space and a capital letter (not "Nr. 1", "U.S. Army",
    "Dr. Oberlin")."""
    return [
        m.end()
        for m in _SENTENCE_END.finditer(text)
        if text[m.end()].isupper()
        and text[max(0, m.start() - 2) : m.start()].isalpha()
        and text[max(0, m.start() - 2) : m.start()].islower()
    ]


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence (or the text), openers before it aside."""
    while start and text[start - 1] in _OPENERS:
        start -= 1
    return not start or text[start - 1] in ".!?:;"


@cache
def _word_phrases(genitive_endings: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    """The phrases a single folded word stands for: every phrase as written, and a phrase of at
    least three letters with a genitive ending (the first ending that leaves a phrase counts)."""
    phrases = _phrases()
    out = dict(phrases)
    for phrase in phrases:
        for ending in genitive_endings:
            word = phrase + ending
            if word in out:
                continue
            found = next(
                (
                    phrases[word[: -len(e)]]
                    for e in genitive_endings
                    if word.endswith(e) and word[: -len(e)] in phrases and len(word) - len(e) >= 3
                ),
                None,
            )
            if found is not None:
                out[word] = found
    return out


@cache
def _months() -> dict[str, int]:
    """Every language's month names (folded) -> the month's number."""
    return {
        fold(name): number for code in available_languages() for name, number in load(code).months.items()
    }


@lru_cache(maxsize=65536)
def _word(token: str, lang: str | None) -> _Word:
    """What a word token (as matched, an acronym with its dots) gives the features."""
    word = _word_alone(token, lang)
    spelled = number_words(lang)
    if spelled is not None and (
        word.folded in _number_triggers(lang)
        or (spelled.compounds and word.stem is not None and spelled.spelled(word.folded) is not None)
    ):
        return replace(word, numeric=True)
    return word


def _word_alone(token: str, lang: str | None) -> _Word:
    """What a word token gives the features, numbers aside."""
    language = _language(lang)
    raw = token.replace(".", "")
    folded = fold(raw)
    capital = raw[:1].isupper()
    function_word = folded in language.function_words
    stem = _stem(folded, language.endings) if not function_word and len(folded) >= 2 else None
    if capital:  # a noun, or a word the table lacks: a name
        named = stem is not None and (folded in language.table_nouns or folded not in language.table_words)
    else:  # where nouns are capitalised, a word in lower case is none
        named = stem is not None and folded in language.nouns
    found = _word_phrases(language.genitive_endings).get(folded)
    if found is not None and not raw.isupper() and folded in capitalised_equivalents():
        found = None  # "who am I", "tell us": no WHO, no United States
    month = _months().get(folded)
    if month is not None and capital:  # "Juni" = "June": the same anchor; "Juni" / "Oktober" differ
        return _Word(folded, raw, stem, frozenset((f"month {month}",)), None, True, named=named)
    # An outlet is named with a capital ("Stern", not "stern"); a word that names none may be a name.
    if found is not None and (found[1] or capital):
        key, is_equivalent = found
        return _Word(folded, raw, stem, frozenset((key,)), None, is_equivalent or raw.isupper(), named=named)
    if not capital or len(folded) < 2 or (function_word and not raw.isupper()):
        noun = stem is not None and not capital and folded in language.nouns
        return _Word(folded, raw, stem, None, None, False, noun, named)
    forms = {folded}
    for ending in language.genitive_endings:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            forms.add(folded[: -len(ending)])
    # a name in another transliteration ("Selenskyj", "Zelensky") is the same name
    forms |= {"~" + sounded(form) for form in forms if len(form) >= NAME_SOUND}
    acronym = raw.isupper() and len(raw) <= 8
    return _Word(folded, raw, stem, None, frozenset(forms), acronym, named=named)


@cache
def _number_triggers(lang: str | None) -> frozenset[str]:
    """The folded words a number may begin with in ``lang`` (compounds aside): number words and
    markers."""
    spelled = number_words(lang)
    if spelled is None:
        return frozenset()
    return frozenset(spelled.numbers) | frozenset(spelled.weak) | spelled.markers


def _joined(text: str, matches: list[re.Match[str]], at: int, loose: bool) -> bool:
    """Whether token ``at`` and the next stand apart by spaces or a hyphen only (``loose``: a dot
    too, after an abbreviation: "Nr. 1")."""
    if at + 1 >= len(matches):
        return False
    return not text[matches[at].end() : matches[at + 1].start()].strip(" \t\n-." if loose else " \t\n-")


def _digits(matches: list[re.Match[str]], tokens: list[_Word | None], at: int) -> float | None:
    """The value of token ``at`` if it is digits."""
    if at >= len(tokens) or tokens[at] is not None:
        return None
    key = _number(matches[at].group())[0]
    try:
        return float(key[1:])
    except ValueError:
        return None


def _tokens(text: str, lang: str | None) -> tuple[list[_Word], list[int], list[tuple[str, float, int]]]:
    """The word tokens of a text and where each starts, and its numbers (key, weight, start), in
    digits or in words ("number one", "zwei Millionen"); a number's markers and scale words are
    part of the number, not words."""
    words: list[_Word] = []
    offsets: list[int] = []
    numbers: list[tuple[str, float, int]] = []
    matches = list(_TOKEN.finditer(text))
    tokens = [None if m.lastgroup == "num" else _word(m.group(), lang) for m in matches]
    spelled = number_words(lang)
    scales = spelled.scales if spelled is not None else {}
    folded: list[str | None] | None = None
    at, count = 0, len(matches)
    while at < count:
        token = tokens[at]
        if token is not None and not token.numeric:
            words.append(token)
            offsets.append(matches[at].start())
            at += 1
            continue
        following = tokens[at + 1] if at + 1 < count else None
        if token is None and (following is None or following.folded not in scales):
            numbers.append((*_number(matches[at].group()), matches[at].start()))  # digits alone
            at += 1
            continue
        if folded is None:
            folded = [None if t is None else t.folded for t in tokens]
        value, taken, _ = read_number(
            spelled,
            folded,
            lambda i: _digits(matches, tokens, i),
            lambda i, loose: _joined(text, matches, i, loose),
            at,
        )
        if taken and value is not None:
            numbers.append((*_keyed(value), matches[at].start()))
            at += taken
        elif token is None:  # digits that read as no value
            numbers.append((*_number(matches[at].group()), matches[at].start()))
            at += 1
        else:
            words.append(token)
            offsets.append(matches[at].start())
            at += 1
    return words, offsets, numbers


@lru_cache(maxsize=4096)
def _features(text: str, lang: str | None) -> _Features:
    """What a statement is compared by."""
    language = _language(lang)
    by_place = not language.nouns_capitalised  # a capitalised word within a sentence is a name
    stems: list[str] = []
    anchors: dict[frozenset[str], _Anchor] = {}
    anchor_of = anchors.get
    # where a statement holds several sentences, what each holds (its stems and anchor forms)
    starts = _sentence_starts(text)
    placed_stems: list[set[str]] = [set() for _ in range(len(starts) + 1 if starts else 0)]
    placed_forms: list[set[str]] = [set() for _ in placed_stems]

    def place(at: int, stem: str | None = None, forms: frozenset[str] | None = None) -> None:
        sentence = bisect.bisect_right(starts, at)
        if stem is not None:
            placed_stems[sentence].add(stem)
        if forms is not None:
            placed_forms[sentence].update(forms)

    def add(
        forms: frozenset[str],
        weight: float,
        reliable: bool,
        number: bool = False,
        fragment: bool = False,
        at: int | None = None,
    ) -> None:
        if starts and at is not None:
            place(at, forms=forms)
        old = anchor_of(forms)
        if old is None or (reliable and not old.reliable):
            form_stems = frozenset(_stem(f, language.endings) for f in forms if not f.startswith("~"))
            unsure = not reliable and language.nouns_capitalised
            word = unsure and any(_known(f, lang) for f in form_stems)
            compound = unsure and not word and any(_compound_noun(f, language) for f in form_stems)
            anchors[forms] = _Anchor(forms, weight, reliable, number, word, fragment, form_stems, compound)

    # Every word token and where it starts; numbers apart, in digits or in words.
    words, offsets, numbers = _tokens(text, lang)
    for key, weight, start in numbers:
        stems.append(key)
        add(frozenset((key,)), weight, True, True, at=start)
        if starts:
            place(start, key)
    # Phrases first (outlets and equivalents, longest first); the words they cover are used up.
    count = len(words)
    used = [False] * count
    phrase_starts = _phrase_starts()
    firsts = [i for i, word in enumerate(words) if word.folded in phrase_starts]
    if firsts:
        phrases = _phrases()
        folded = [word.folded for word in words]
        for size in range(MAX_PHRASE, 1, -1):
            for i in firsts:
                if i + size > count:
                    break
                if any(used[i : i + size]):
                    continue
                found = phrases.get(" ".join(folded[i : i + size]))
                if found is None:
                    continue
                key, is_equivalent = found
                if not is_equivalent and not words[i].raw[:1].isupper():
                    continue  # an outlet is named with a capital ("Stern", not "stern")
                add(frozenset((key,)), 1.0, True, at=offsets[i])
                used[i : i + size] = [True] * size
    # Then the outlets and equivalents of a single word (with a genitive ending too).
    for i, word in enumerate(words):
        if word.phrase is not None and not used[i]:
            sure = word.sure or (by_place and not _sentence_start(text, offsets[i]))
            add(word.phrase, 1.0, sure, at=offsets[i])
            used[i] = True
    # Then the stems, and the names and nouns among the words left.
    nouns: list[str] = []
    named: list[str] = []
    for word, start, is_used in zip(words, offsets, used, strict=True):
        if word.stem is not None:
            stems.append(word.stem)
            if starts:
                place(start, word.stem)
            if word.named:
                named.append(word.stem)
            if word.noun and not is_used:
                nouns.append(word.stem)
        if word.name is not None and not is_used:
            add(word.name, 1.0, word.sure or (by_place and not _sentence_start(text, start)), at=start)
    function_words = language.function_words
    for m in _quote_pattern().finditer(text):
        fragment = next(g for g in m.groups() if g is not None)
        content = [
            form
            for w in _QUOTED_WORD.findall(fragment)
            if (form := fold(w)) not in function_words and len(w) >= 2
        ]
        if len(content) >= 2:
            add(frozenset(('"' + " ".join(content),)), 1.5, True, fragment=True)
    unique = frozenset(stems)
    words_only = [stem for stem in unique if not stem.startswith("#")]
    meanings = tuple(
        (other, {stem: means for stem in words_only if (means := _translated(stem, lang, other))})
        for other in (_other_languages(lang) if lang is not None else ())
    )
    all_anchors = tuple(anchors.values())
    forms = frozenset().union(*anchors)  # the keys are the anchors' forms
    reliable_forms = frozenset(f for a in all_anchors if a.reliable for f in a.forms)
    return _Features(
        lang=lang,
        stems=unique,
        stem_text=" ".join(stems),
        anchors=all_anchors,
        forms=forms,
        reliable_forms=reliable_forms,
        nouns=frozenset(nouns),
        named=frozenset(named),
        meanings=meanings,
        prefixes=frozenset(stem[:COGNATE] for stem in words_only if len(stem) > COGNATE),
        sentences=tuple(
            (frozenset(found), frozenset(forms_in))
            for found, forms_in in zip(placed_stems, placed_forms, strict=True)
            if found or forms_in
        ),
        sure=tuple(
            (a.forms, 1.0 if a.number else a.weight) for a in all_anchors if a.reliable and not a.fragment
        ),
    )


class FeatureCache:
    """What statements are compared by, kept by statement id between calls of
    :func:`group_statements` over overlapping stretches of days; ``forget_before`` drops the
    statements of days no later call will include. Statements of one text (copies of one
    agency report) share one set of features, so memory follows the distinct texts held."""

    def __init__(self) -> None:
        self._features: dict[int, tuple[datetime.date | None, tuple[str, str | None], _Features]] = {}
        self._by_text: dict[tuple[str, str | None], _Features] = {}

    def get(self, record: StatementRecord) -> _Features:
        found = self._features.get(record.id)
        if found is None:
            key = (record.text, record.lang)
            features = self._by_text.get(key)
            if features is None:
                features = self._by_text[key] = _features.__wrapped__(record.text, record.lang)
            found = self._features[record.id] = (record.day, key, features)
        return found[2]

    def forget_before(self, day: datetime.date) -> None:
        self._features = {k: v for k, v in self._features.items() if v[0] is None or v[0] >= day}
        self._by_text = {key: features for _, key, features in self._features.values()}


TABLES = "tables"  # in quotetrack.lexicon: <lang>_<lang>.tsv.gz, one word pair a line


@cache
def _table(first: str, second: str) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """The bilingual table file ``<first>_<second>.tsv.gz`` as it is written, None if there is none."""
    table = resources.files("quotetrack.lexicon").joinpath(TABLES, f"{first}_{second}.tsv.gz")
    if not table.is_file():
        return None
    text = gzip.decompress(table.read_bytes()).decode("utf-8")
    rows = (line.split("\t", 1) for line in text.split("\n") if line and not line.startswith("#"))
    return tuple((word, tuple(words.split(" "))) for word, words in rows)


@cache
def _word_pairs(first: str, second: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The bilingual table of two languages: each folded word of ``first`` with the folded words
    of ``second`` it translates to; empty when there is no table for them. The table of
    ``second`` and ``first`` is read the other way round."""
    found = _table(first, second)
    if found is not None:
        return found
    other = _table(second, first)
    if other is None:
        return ()
    reverse: dict[str, list[str]] = defaultdict(list)
    for word, words in other:
        for translated in words:
            reverse[translated].append(word)
    return tuple((word, tuple(words)) for word, words in reverse.items())


@cache
def _lookup(source: str, target: str) -> dict[str, tuple[str, ...]]:
    """Folded words of ``source`` -> the folded words of ``target`` the bilingual table gives."""
    if source not in available_languages() or target not in available_languages():
        return {}
    return dict(_word_pairs(source, target))


@lru_cache(maxsize=262144)
def _translations_of(stem: str, source: str, target: str) -> tuple[str, ...]:
    """The stems of ``target`` a content stem of ``source`` translates to (shortest first): the
    translations of every word of the table with that stem. Looked up one stem at a time, so
    that only the words statements use are ever stemmed."""
    words = _lookup(source, target)
    if not words:
        return ()
    lang_s, lang_t = _language(source), _language(target)
    found: set[str] = set()
    for form in _forms(stem, lang_s.endings):
        translated = words.get(form)
        if translated is None or form in lang_s.function_words or _stem(form, lang_s.endings) != stem:
            continue
        found.update(_stem(w, lang_t.endings) for w in translated if w not in lang_t.function_words)
    return tuple(sorted(found, key=lambda t: (len(t), t)))


def _forms(stem: str, endings: tuple[str, ...]) -> Iterable[str]:
    """The words that may have ``stem`` as their stem: itself, with an ending, with its last
    consonant doubled (plan: planned)."""
    yield stem
    for ending in endings:
        yield stem + ending
    if stem[-1:].isalpha() and stem[-1] not in "aeiou":
        yield stem + stem[-1]
        for ending in endings:
            yield stem + stem[-1] + ending


def _matched(a: _Features, b: _Features) -> tuple[int, int]:
    """How many of ``a``'s content stems find their like among ``b``'s, and how many of ``b``'s
    are found so: the same stem (a name, a number, a word both languages share) or, in two
    languages, a translation of the bilingual table."""
    covered_a, covered_b = _covered(a, b)
    return len(covered_a), len(covered_b)


def _covered(a: _Features, b: _Features) -> tuple[frozenset[str], frozenset[str]]:
    """The content stems of ``a`` found in ``b`` and those of ``b`` found in ``a``: the same stem
    or, across languages, a translation (of the word, or of the parts of a compound:
    "Staatsoberhaupt" = "head of state") or a word beginning alike (COGNATE letters:
    "Aggression" = "aggression", "politisch" = "political")."""
    shared = a.stems & b.stems
    if a.lang is None or b.lang is None:
        return shared, shared
    if a.lang == b.lang:
        return _synonyms(a, b, shared)
    hits_a: set[str] = set(shared)
    hits_b: set[str] = set(shared)
    # (a stem that translates to none of the other's finds nothing by its translations: no test
    # of whether any does is needed before)
    meanings = _meanings(a, b.lang)
    alike = not a.prefixes.isdisjoint(b.prefixes)
    if meanings or alike:
        cognates: dict[str, list[str]] = defaultdict(list)
        if alike:
            for stem in b.stems - shared:
                if len(stem) > COGNATE and not stem.startswith("#"):
                    cognates[stem[:COGNATE]].append(stem)
        for stem in a.stems - shared:
            means = meanings.get(stem)
            found = set(b.stems.intersection(means)) if means else set()
            if alike and len(stem) > COGNATE:
                found.update(cognates.get(stem[:COGNATE], ()))
            if found:
                hits_a.add(stem)
                hits_b |= found
    # and the other way round: a compound is split in its own language ("Sabotagegruppen": groups)
    meanings = _meanings(b, a.lang)
    if meanings:
        for stem in b.stems - hits_b:
            means = meanings.get(stem)
            back = a.stems.intersection(means) if means else None
            if back:
                hits_b.add(stem)
                hits_a |= back
    return frozenset(hits_a), frozenset(hits_b)


def _meanings(features: _Features, lang: str) -> dict[str, tuple[str, ...]]:
    """What each stem of ``features`` translates to in ``lang``."""
    for other, found in features.meanings:
        if other == lang:
            return found
    return {}


def _synonyms(a: _Features, b: _Features, shared: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """In one language: the shared stems, and the words each has in place of the other's that
    translate alike into another language ("Basis" and "Grundlage": basis)."""
    rest_a, rest_b = a.stems - shared, b.stems - shared
    if (
        not shared
        or not rest_a
        or not rest_b
        or a.lang is None
        or len(rest_a) * len(rest_b) > MAX_SYNONYM_PAIRS
    ):
        return shared, shared
    hits_a, hits_b = set(shared), set(shared)
    for other in _other_languages(a.lang):
        meanings = {stem: set(_translations_of(stem, a.lang, other)) for stem in rest_b}
        for stem in rest_a:
            mine = _translations_of(stem, a.lang, other)
            if not mine:
                continue
            alike = [t for t, theirs in meanings.items() if theirs and theirs.intersection(mine)]
            if alike:
                hits_a.add(stem)
                hits_b.update(alike)
    return frozenset(hits_a), frozenset(hits_b)


@lru_cache(maxsize=65536)
def _translated(stem: str, source: str, target: str) -> tuple[str, ...]:
    """What a content stem of ``source`` translates to in ``target``: by the bilingual table, else,
    for a compound the table lacks, the translations of its last part and of its first
    ("Sabotagegruppen": groups, sabotage; "Hauptziel": target, main)."""
    found = _translations_of(stem, source, target)
    if found or len(stem) < 2 * MIN_PART:
        return found
    for cut in range(MIN_PART, len(stem) - MIN_PART + 1):
        head, tail = stem[:cut], stem[cut:]
        tail_words = _translations_of(tail, source, target)
        if not tail_words:
            continue
        head_words = _translations_of(head, source, target)
        if not head_words and head.endswith("s"):
            head_words = _translations_of(head[:-1], source, target)
        return tuple(dict.fromkeys((*tail_words, *head_words)))
    return ()


def _wording(
    a: _Features,
    b: _Features,
    covered: tuple[frozenset[str], frozenset[str]] | None = None,
) -> float:
    """How alike two statements are worded, 0..1, in one language or (through the bilingual
    table) in two: the share of content words each finds in the other, and, for a quote
    shortened at either end or a copy with words cut, the share of the shorter one found in the
    longer; statements with only a word or two of content are damped."""
    if not a.stems or not b.stems:
        return 0.0
    if covered is None:
        covered = _covered(a, b)
    hits_a, hits_b = len(covered[0]), len(covered[1])
    if not hits_a and not hits_b:
        return 0.0
    size_a, size_b = len(a.stems), len(b.stems)
    dice = (hits_a + hits_b) / (size_a + size_b)
    shorter = min(size_a, size_b)
    contained = max(hits_a / size_a, hits_b / size_b) * min(1.0, shorter / CONTAINED_FULL)
    score = max(dice, CONTAINED_WEIGHT * contained)
    if a.lang is not None and a.lang == b.lang:
        token_set = fuzz.token_set_ratio(a.stem_text, b.stem_text) / 100
        # token_set_ratio is 1 for any subset: trust it only as far as the shared words go
        token_set *= min(1.0, hits_a / 3)
        score = max(score, 0.55 * dice + 0.45 * token_set)
    return score * min(1.0, shorter / FULL_CONTENT) ** DAMPING


def _anchors_bound(a: _Features, b: _Features, *, reliable_only: bool) -> float:
    """A value the anchor evidence of :func:`_anchoring` cannot exceed: the weight of the anchors
    each finds in the other, as if every one of them were known."""
    shared = 0.0
    for x, y in ((a, b), (b, a)):
        other = y.reliable_forms if reliable_only else y.forms
        shared += sum(
            anchor.weight
            for anchor in x.anchors
            if (anchor.reliable or not reliable_only) and not anchor.forms.isdisjoint(other)
        )
    return min(1.0, shared / 2 / FULL_ANCHORS)


def _anchoring(
    a: _Features,
    b: _Features,
    *,
    reliable_only: bool,
    covered: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    things: bool = True,
) -> tuple[float, float]:
    """The anchor evidence of a pair, 0..1, and a factor <= 1 for anchors each has in place of the
    other's. With ``reliable_only`` only anchors known to be names or numbers in their own text
    take part (one language); otherwise a capitalised word counts when the other text has it too,
    and one it lacks counts against the pair unless its translation is there (``covered``: the
    stems of each found in the other) or, at half weight, when the tables know it as a word.
    Without ``things``, the words the tables know as nouns count against the pair only where the
    texts differ in nothing else: the factor is that of names and numbers (and capitalised words
    that may be names), and of the things two texts otherwise alike name."""
    language = (_language(a.lang), _language(b.lang))
    # Texts that differ only in the things they name ("a consulate" / "a depot", "Werk" / "Lager")
    # are about different things: there a noun counts against the pair as a name does.
    swapped = _only_named(a, covered[0]) and _only_named(b, covered[1])
    # across languages a noun may only be missing from the bilingual table ("Fahrt" / "ride")
    noun = (1.0 if reliable_only else NOUN) if swapped else NOUN if things else 0.0
    # in one language, a compound the tables lack ("Hafenabend") counts at a noun's weight across
    # languages, fully where the texts differ in nothing else
    compound = 1.0 if swapped else NOUN if things else 0.0
    matched = [0.0, 0.0]
    known = [0.0, 0.0]
    unmatched_names = [0.0, 0.0]
    unmatched_numbers = [0.0, 0.0]
    unmatched_capitals = [0.0, 0.0]  # capitalised words that may be names or nouns
    for side, (x, y) in enumerate(((a, b), (b, a))):
        other_forms = y.reliable_forms if reliable_only else y.forms
        # of several sentences, one the other text has nothing of says more; nothing in it stands
        # in place of what the other says
        kept = _said_alike(x, covered[side], none_found=None)
        for anchor in x.anchors:
            if kept is not None and anchor.forms.isdisjoint(kept[1]) and anchor.forms.isdisjoint(other_forms):
                continue
            if reliable_only and not anchor.reliable:
                if anchor.forms.isdisjoint(y.forms) and (
                    not anchor.word or (swapped and not _found(anchor, covered[side], language[side]))
                ):
                    unmatched_capitals[side] += anchor.weight * (compound if anchor.compound else 1.0)
                continue
            hit = not anchor.forms.isdisjoint(other_forms)
            if hit:
                matched[side] += anchor.weight
                known[side] += anchor.weight
            elif anchor.fragment:
                continue  # quoted words cut or translated: no conflict
            elif not anchor.reliable:
                if _found(anchor, covered[side], language[side]):
                    continue  # a noun, translated
                unmatched_capitals[side] += anchor.weight * (noun if anchor.word else 1.0)
            elif not reliable_only and not anchor.number and _found(anchor, covered[side], language[side]):
                continue  # a name the bilingual table translates: "God" / "Gott", "Pope" / "Papst"
            else:
                known[side] += anchor.weight
                if anchor.number:
                    unmatched_numbers[side] += 1.0  # any other number is a conflict, small or not
                else:
                    unmatched_names[side] += anchor.weight
        if swapped or (things and not reliable_only):  # a lower-case noun neither found nor translated
            nouns = x.nouns if kept is None else x.nouns & kept[0]
            unmatched_capitals[side] += noun * len(nouns - covered[side])
    # a number or name that each text has in place of one of the other's, of whatever kind: "Rom"
    # (a known name) in one, "Eichtal" (a capitalised word) in the other
    # in one language, words that are all a pair differs in are names or nouns for sure
    unsure = 1.0 if swapped and reliable_only else UNSURE_NAME
    unmatched = [unmatched_numbers[s] + unmatched_names[s] + unsure * unmatched_capitals[s] for s in (0, 1)]
    substituted = min(unmatched)
    conflict = 1 / (1 + SUBSTITUTION * substituted)
    shared = (matched[0] + matched[1]) / 2
    if shared == 0:
        return 0.0, conflict
    cover = min(1.0, shared / max(2.0, (known[0] + known[1]) / 2))
    strength = min(1.0, shared / FULL_ANCHORS)
    return cover * strength, conflict


def _conflict_bound(a: _Features, b: _Features) -> float:
    """A value the conflict factor of :func:`_anchoring` cannot exceed, nor so the evidence: the
    numbers and known names each has that the other has in no form count against the pair
    whatever else the texts share."""
    unmatched = [0.0, 0.0]
    # of the stems each finds in the other, those found for sure
    shared = a.stems & b.stems if a.sentences or b.sentences else frozenset()
    for side, (x, y) in enumerate(((a, b), (b, a))):
        kept = _said_alike(x, shared, none_found=(frozenset(), frozenset())) if x.sentences else None
        other_forms = y.forms
        total = 0.0
        for forms, weight in x.sure:
            if forms.isdisjoint(other_forms) and (kept is None or not forms.isdisjoint(kept[1])):
                total += weight
        if not total:
            return 1.0
        unmatched[side] = total
    return 1 / (1 + SUBSTITUTION * min(unmatched))


def _found_share(stems: frozenset[str], covered: frozenset[str]) -> float:
    return len(stems & covered) / len(stems) if stems else 0.0


def _said_alike(
    x: _Features, covered: frozenset[str], *, none_found: tuple[frozenset[str], frozenset[str]] | None
) -> tuple[frozenset[str], frozenset[str]] | None:
    """Of a statement of several sentences, the stems and anchor forms of the sentences the other
    text says too (SENTENCE_ALIKE of their stems among ``covered``, the stems of ``x`` it finds,
    the same word, a synonym or a translation); None where every
    sentence counts (one sentence, or all of them hold something), ``none_found`` where none does."""
    if not x.sentences:
        return None
    alike = [
        sentence
        for sentence in x.sentences
        if not sentence[0] or _found_share(sentence[0], covered) >= SENTENCE_ALIKE  # no words: it may be
    ]
    if len(alike) == len(x.sentences):
        return None
    if not alike:
        return none_found
    return frozenset().union(*(st for st, _ in alike)), frozenset().union(*(fo for _, fo in alike))


def _only_named(x: _Features, covered: frozenset[str]) -> bool:
    """Whether the content words of ``x`` the other text lacks (``covered``: those it has, or
    their synonyms or translations) are all nouns, names or numbers, and there is one at least."""
    left = x.stems - covered
    return bool(left) and all(stem.startswith("#") for stem in left - x.named)


def _found(anchor: _Anchor, covered: frozenset[str], language: _Language) -> bool:
    """Whether a capitalised word's stem is among the stems the other text covers (the same word,
    a synonym or a translation)."""
    return not anchor.stems.isdisjoint(covered)


def _context(a: StatementRecord, b: StatementRecord) -> float:
    factor = 1.0
    if a.speaker is not None and b.speaker is not None:
        if a.speaker == b.speaker or _one_person(a, b):
            factor += SAME_SPEAKER
        elif a.speaker_named and b.speaker_named:  # "Pontifex" and "Franziskus" may be one
            factor += _other_speaker(a, b)
    if a.source is not None and b.source is not None:
        factor += SAME_SOURCE if a.source == b.source else OTHER_SOURCE
    if _relayed(a, b):
        factor += RELAYED
    days = _days_apart(a, b)
    if days is not None:
        estimated = a.estimated or b.estimated
        if days <= CLOSE_DAYS:
            factor += CLOSE_BONUS / 2 if estimated else CLOSE_BONUS
        elif days > FAR_DAYS and not estimated:
            factor += FARTHER_PENALTY if days > FARTHER_DAYS else FAR_PENALTY
    return factor


def _speaker_name(record: StatementRecord) -> str | None:
    if record.speaker_name is not None:
        return record.speaker_name
    speaker = record.speaker
    return None if speaker is None or speaker.isdigit() else speaker


def _same_speaker(a: StatementRecord, b: StatementRecord) -> bool:
    """Whether two statements are known to be one speaker's: one key, or one person's name."""
    return a.speaker is not None and b.speaker is not None and (a.speaker == b.speaker or _one_person(a, b))


def _one_person(a: StatementRecord, b: StatementRecord) -> bool:
    """Whether two speakers the store told apart (two ids, with their names) are one person by
    name: one known by full name, the other by the same name or its family name, in any
    transliteration ("Volodymyr Zelensky", "Selenskyj")."""
    name_a, name_b = a.speaker_name, b.speaker_name
    if name_a is None or name_b is None or not (a.speaker_named or b.speaker_named):
        return False
    return one_person(name_a, name_b)


def _other_speaker(a: StatementRecord, b: StatementRecord) -> float:
    """What two different speakers known by full name take off a pair's context: much when their
    names are known and clearly of different people, nothing when they may be one person spelt
    two ways ("Zelensky", "Selenskyj"), a little when only their ids are known."""
    name_a, name_b = _speaker_name(a), _speaker_name(b)
    if name_a is None or name_b is None:
        return OTHER_SPEAKER
    return OTHER_PERSON if family_names_differ(name_a, name_b) else 0.0


def _relayed(a: StatementRecord, b: StatementRecord) -> bool:
    """Whether one statement's article names the other's outlet as its source or channel."""
    return (a.outlet is not None and a.outlet in b.carriers) or (
        b.outlet is not None and b.outlet in a.carriers
    )


def _days_apart(a: StatementRecord, b: StatementRecord) -> int | None:
    if a.day is None or b.day is None:
        return None
    return abs((a.day - b.day).days)


def _evidence(fa: _Features, fb: _Features, need: float = 0.0, bound: float | None = None) -> float:
    """The evidence of a pair, 0..1; with ``need``, any value below it (0) as soon as the
    evidence is known to fall short of it (a shortcut for pairs that cannot be linked).
    ``bound``: the pair's ``_conflict_bound`` where it is known."""
    if need and (_conflict_bound(fa, fb) if bound is None else bound) < need:
        return 0.0
    same_language = fa.lang is not None and fa.lang == fb.lang
    covered = _covered(fa, fb)
    if same_language or (fa.lang is None and fb.lang is None):
        text = _wording(fa, fb, covered)
        if need and text + (1 - text) * SAME_ANCHORS * _anchors_bound(fa, fb, reliable_only=True) < need:
            return 0.0
        anchors, conflict = _anchoring(fa, fb, reliable_only=True, covered=covered)
        return (text + (1 - text) * SAME_ANCHORS * anchors) * conflict
    text = _wording(fa, fb, covered)
    if need and text + (1 - text) * TRANSLATED_ANCHORS * _anchors_bound(fa, fb, reliable_only=False) < need:
        return 0.0
    anchors, conflict = _anchoring(fa, fb, reliable_only=False, covered=covered)
    evidence = text + (1 - text) * TRANSLATED_ANCHORS * anchors
    return evidence * conflict


def similarity(a: StatementRecord, b: StatementRecord) -> float:
    """The pair score grouping uses, 0..1 and symmetric: the evidence of wording and anchors,
    scaled by speaker, source, relay and days when there is evidence to scale."""
    return _score(a, b, _features(a.text, a.lang), _features(b.text, b.lang))


def _score(
    a: StatementRecord,
    b: StatementRecord,
    fa: _Features,
    fb: _Features,
    threshold: float = 0.0,
    bound: float | None = None,
) -> float:
    """The pair score; with ``threshold``, 0 for a pair found unable to reach it before it is
    scored in full (``bound``: the pair's ``_conflict_bound`` where it is known)."""
    if not threshold:
        evidence = _evidence(fa, fb)
        if evidence < EVIDENCE_FLOOR:
            return evidence
        return max(0.0, min(1.0, evidence * _context(a, b)))
    return _thresholded(fa, fb, _context(a, b), threshold, bound)


def _thresholded(
    fa: _Features, fb: _Features, context: float, threshold: float, bound: float | None = None
) -> float:
    """The score of two texts in a pair's ``context`` (``_context``), 0 for a pair found unable
    to reach ``threshold`` before it is scored in full."""
    # below the floor the score is the evidence, above it the evidence times the context
    need = threshold if context <= 0 else min(threshold, threshold / context)
    evidence = _evidence(fa, fb, need * (1 - 1e-9), bound)
    if evidence < EVIDENCE_FLOOR:
        return evidence
    return max(0.0, min(1.0, evidence * context))


def explain(a: StatementRecord, b: StatementRecord) -> tuple[str, ...]:
    """Why two statements were found alike, in words: the wording, the anchors they share or
    differ in, and the context that raised or lowered their score."""
    fa, fb = _features(a.text, a.lang), _features(b.text, b.lang)
    reasons: list[str] = []
    hits_a, hits_b = _matched(fa, fb)
    if fa.stems and fb.stems and (hits_a or hits_b):
        how = "translated words" if fa.lang and fb.lang and fa.lang != fb.lang else "words"
        reasons.append(
            f"{how}: {hits_a} of {len(fa.stems)} and {hits_b} of {len(fb.stems)} alike "
            f"(wording {_wording(fa, fb):.2f})"
        )
    shared = sorted(
        min(anchor.forms).lstrip('"#') for anchor in fa.anchors if not anchor.forms.isdisjoint(fb.forms)
    )
    if shared:
        reasons.append("shared: " + ", ".join(shared[:6]))
    _, conflict = _anchoring(fa, fb, reliable_only=fa.lang == fb.lang, covered=_covered(fa, fb))
    if conflict < 1:
        reasons.append("a name or number differs")
    if a.speaker is not None and b.speaker is not None:
        reasons.append("same speaker" if a.speaker == b.speaker or _one_person(a, b) else "other speaker")
    if _relayed(a, b):
        reasons.append("one article names the other's outlet")
    days = _days_apart(a, b)
    if days is not None:
        estimated = " (estimated)" if a.estimated or b.estimated else ""
        reasons.append(f"{days} days apart{estimated}")
    else:
        reasons.append("undated")
    return tuple(reasons)


def _blocking_keys(record: StatementRecord, features: _Features, found_by: frozenset[str]) -> set[str]:
    """What a statement is found by: what its text is found by (``_text_keys``), its article's
    outlet and the outlets the article names as its source or channel, so that an article
    relaying X meets X's articles first."""
    keys = set(found_by)
    if record.outlet is not None:
        keys.add("^" + record.outlet)
    keys.update("^" + outlet for outlet in record.carriers)
    return keys


def _text_keys(features: _Features) -> frozenset[str]:
    """What a text is found by: its content stems (numbers too), in its language and, translated
    by the bilingual tables, in the others, and the first letters of those the tables do not
    translate (a word both languages share); its anchors, a name by how it sounds."""
    lang = features.lang
    content = [stem for stem in features.stems if len(stem) >= 4 or stem.startswith("#")]
    keys = {_own_key(stem, lang) for stem in content}
    translated: set[str] = set()
    for other, meanings in features.meanings:
        for stem in content:
            if stem in meanings:
                translated.add(stem)
                keys.update(_translation_keys(stem, lang, other))
    keys.update(
        _cognate_key(stem)
        for stem in content
        if len(stem) > COGNATE and not stem.startswith("#") and stem not in translated
    )
    for anchor in features.anchors:
        sounds = [form for form in anchor.forms if form.startswith("~")]
        keys.update("@" + form for form in (sounds or anchor.forms))
    return frozenset(keys)


# The keys of _text_keys, kept: texts share their words, and a key made once is hashed once.


@lru_cache(maxsize=65536)
def _own_key(stem: str, lang: str | None) -> str:
    return f"{lang or ''}|{stem}"


@lru_cache(maxsize=65536)
def _translation_keys(stem: str, lang: str | None, other: str) -> tuple[str, ...]:
    """The keys of a stem's translations into ``other`` (as ``_Features.meanings`` gives them)."""
    found = _translated(stem, lang, other) if lang is not None else ()
    return tuple(f"{other}|{t}" for t in found[:MAX_TRANSLATION_KEYS] if len(t) >= 4)


@lru_cache(maxsize=65536)
def _cognate_key(stem: str) -> str:
    return "~" + stem[:COGNATE]


def _known(stem: str, lang: str | None) -> bool:
    """Whether a bilingual table translates the stem: a common word, not a name."""
    return lang is not None and any(_translations_of(stem, lang, other) for other in _other_languages(lang))


def _compound_noun(stem: str, language: _Language) -> bool:
    """Whether a capitalised word ends in a noun of the language's word table after a part of
    COMPOUND_HEAD letters at least: a compound the tables lack ("Hafenabend": Abend), more likely a
    noun than a name."""
    return any(stem[cut:] in language.table_nouns for cut in range(COMPOUND_HEAD, len(stem) - MIN_PART + 1))


@cache
def _other_languages(lang: str) -> tuple[str, ...]:
    """The languages a bilingual table links ``lang`` with."""
    return tuple(other for other in available_languages() if other != lang and _lookup(lang, other))


class _Clusters:
    """Union-find over statement positions that keeps, per cluster, its articles, its existing
    claim and its members."""

    def __init__(self, records: list[StatementRecord]) -> None:
        self.parent = list(range(len(records)))
        self.articles: list[set[int]] = [{r.article_id} for r in records]
        self.claim: list[int | None] = [r.claim_id for r in records]
        self.members: list[list[int]] = [[i] for i in range(len(records))]
        self.size = [1] * len(records)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def can_join(self, ri: int, rj: int) -> bool:
        if not self.articles[ri].isdisjoint(self.articles[rj]):
            return False  # one statement per article
        ci, cj = self.claim[ri], self.claim[rj]
        return ci is None or cj is None or ci == cj  # existing claims stay apart

    def join(self, ri: int, rj: int) -> None:
        if self.size[ri] < self.size[rj]:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.size[ri] += self.size[rj]
        self.articles[ri] |= self.articles[rj]
        self.articles[rj] = set()
        self.members[ri] += self.members[rj]
        self.members[rj] = []
        if self.claim[ri] is None:
            self.claim[ri] = self.claim[rj]


def _sort_key(record: StatementRecord) -> tuple[int, int]:
    return (record.day.toordinal() if record.day is not None else 10**9, record.id)


SOURCES_AT_ONCE = 256  # statements whose postings are gathered in one go
# ... and at most this many (statement, neighbour) counters for them at once (two arrays of 8 bytes
# each): statements whose windows are wide are taken fewer at a time
COUNTERS_AT_ONCE = 1 << 20
SHARE_LEVELS = 64  # the levels a unit of shared keys is cut into, to rank only a statement's best


def _ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every index of the ranges [lo[k], hi[k]), one range after the other, and the ranges'
    lengths."""
    lengths = hi - lo
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), lengths
    offsets = np.cumsum(lengths) - lengths
    return np.repeat(lo - offsets, lengths) + np.arange(total, dtype=np.int64), lengths


def _key_ids(records: list[StatementRecord], features: list[_Features]) -> tuple[list[int], list[int]]:
    """The blocking keys of each statement as numbers, one (key, statement) a row: the keys and
    their statements, in statement order and each statement's keys in the order of their set."""
    key_ids: dict[str, int] = {}
    owners: list[int] = []
    keyed: list[int] = []
    # by the id of the features: texts repeat, and so do the keys of a statement that adds none
    text_keys: dict[int, tuple[frozenset[str], list[int]]] = {}
    for i, (record, feature) in enumerate(zip(records, features, strict=True)):
        known = text_keys.get(id(feature))
        if known is None:
            found_by = _text_keys(feature)
            known = text_keys[id(feature)] = (
                found_by,
                [key_ids.setdefault(key, len(key_ids)) for key in set(found_by)],
            )
        if record.outlet is None and not record.carriers:
            ids = known[1]
        else:
            ids = [key_ids.setdefault(key, len(key_ids)) for key in _blocking_keys(record, feature, known[0])]
        keyed += ids
        owners += [i] * len(ids)
    return keyed, owners


def _candidate_pairs(
    records: list[StatementRecord],
    features: list[_Features],
    window_days: int,
    focus: Collection[int] | None = None,
) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, of statements of different articles within the window that share at
    least MIN_SHARED keys that are not too common in the window; records are sorted by day. With
    ``focus`` (positions), only pairs with a statement of the focus.

    Every (key, statement) is one code in a sorted array, so the postings of a key that fall in
    a statement's window are one range of it, found for all statements at once; the keys a
    statement shares with its neighbours are then counted with numpy, for a batch of statements
    at a time."""
    count = len(records)
    keyed, owners = _key_ids(records, features)
    if not owners:
        return set()
    owner = np.array(owners, dtype=np.int64)
    span = count + 1
    base = np.array(keyed, dtype=np.int64) * span
    by_code = np.argsort(base + owner)
    codes = (base + owner)[by_code]  # the postings, by key and then by position
    positions = codes % span

    def find(values: np.ndarray) -> np.ndarray:
        """Where each (key, statement) row's code ``values`` would stand among the codes: asked in
        the order of the codes, where the values of a key rise with the statement's position,
        searchsorted reads the codes almost in order (and is many times faster)."""
        where = np.empty_like(values)
        where[by_code] = np.searchsorted(codes, values[by_code])
        return where

    ordinals = np.array([r.day.toordinal() for r in records if r.day is not None], dtype=np.int64)
    dated = len(ordinals)
    # each statement's window [start, last): looking ahead, or both ways from the focus
    start = np.arange(1, count + 1, dtype=np.int64) if focus is None else np.zeros(count, dtype=np.int64)
    last = np.full(count, count, dtype=np.int64)
    if dated:
        if focus is not None:
            start[:dated] = np.searchsorted(ordinals, ordinals - window_days, "left")
        last[:dated] = np.searchsorted(ordinals, ordinals + window_days, "right")
    lo = find(base + start[owner])
    hi = find(base + last[owner])
    common = hi - lo > MAX_POSTINGS
    lo[common] = hi[common]  # a key too common in the window is passed over
    if dated < count:  # a dated statement meets every undated one too
        undated = find(base + dated)
        end = find(base + span)
        apart = common | (owner >= dated) | (end - undated > MAX_POSTINGS)
        tail_lo = np.where(apart, end, np.maximum(undated, hi))
        lo = np.stack((lo, tail_lo), axis=1).ravel()
        hi = np.stack((hi, end), axis=1).ravel()
        per_owner = 2
    else:
        per_owner = 1
    first = np.searchsorted(owner, np.arange(count + 1, dtype=np.int64)) * per_owner  # ranges of each
    articles = np.array([r.article_id for r in records], dtype=np.int64)
    language_codes: dict[str | None, int] = {}
    languages = np.array([language_codes.setdefault(r.lang, len(language_codes)) for r in records])
    sources = np.arange(count, dtype=np.int64) if focus is None else np.array(sorted(focus), dtype=np.int64)
    # the positions each statement's postings span, from the first posting of its ranges to the
    # last: a statement's counters, one for each position its neighbours may have
    filled = hi > lo
    lowest = np.where(filled, positions[np.minimum(lo, len(codes) - 1)], count)
    highest = np.where(filled, positions[hi - 1], -1)
    has = np.repeat(owner, per_owner)  # the statement of each range
    low_of = np.full(count, count, dtype=np.int64)
    high_of = np.full(count, -1, dtype=np.int64)
    np.minimum.at(low_of, has, lowest)
    np.maximum.at(high_of, has, highest)
    widths = np.maximum(high_of - low_of + 1, 0)
    reach = np.concatenate(([0], np.cumsum(widths[sources])))
    pairs: set[tuple[int, int]] = set()
    at = 0
    while at < len(sources):
        stop = min(at + SOURCES_AT_ONCE, len(sources))
        stop = max(at + 1, min(stop, int(np.searchsorted(reach, reach[at] + COUNTERS_AT_ONCE, "right")) - 1))
        pairs.update(
            _neighbours(sources[at:stop], first, lo, hi, positions, low_of, widths, articles, languages)
        )
        at = stop
    return pairs


def _neighbours(
    batch: np.ndarray,
    first: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    positions: np.ndarray,
    low_of: np.ndarray,
    widths: np.ndarray,
    articles: np.ndarray,
    languages: np.ndarray,
) -> list[tuple[int, int]]:
    """The candidate pairs of a batch of statements (positions, ascending), each as (i, j), i < j,
    in the order a statement's candidates were always taken: by statement, then, of a statement
    with more than MAX_CANDIDATES, by language and those sharing the most keys first, else by
    position."""
    which, per_source = _ranges(first[batch], first[batch + 1])
    found, lengths = _ranges(lo[which], hi[which])
    # a key few statements share tells more than one many share
    weights = np.repeat(1 / np.log2(2 + lengths), lengths)
    sizes = np.diff(np.concatenate(([0], np.cumsum(lengths)))[np.concatenate(([0], np.cumsum(per_source)))])
    # one counter for each statement and position of its span, one span after the other; bincount
    # adds a counter's weights in the order given, so each sum is the same whatever the batch
    offsets = np.cumsum(widths[batch]) - widths[batch]
    counter = positions[found] + np.repeat(offsets - low_of[batch], sizes)
    total = int(widths[batch].sum())
    hits = np.flatnonzero(np.bincount(counter, minlength=total) >= MIN_SHARED)
    shared = np.bincount(counter, weights, minlength=total)[hits]
    source = np.searchsorted(offsets, hits, "right") - 1
    neighbour = hits - offsets[source] + low_of[batch][source]
    keep = articles[neighbour] != articles[batch[source]]  # the statement itself included
    source, neighbour, shared = source[keep], neighbour[keep], shared[keep]
    # of a statement with more than MAX_CANDIDATES, the best of each language apart (a translation
    # shares fewer keys than a near namesake): those sharing the most keys, then the latest
    language = languages[neighbour]
    group = source * (int(languages.max(initial=0)) + 1) + language
    group_sizes = np.bincount(group)[group]
    # Only those as good as the MAX_CANDIDATES-th best of their group can be chosen: found by how
    # many of the group reach each level of shared keys (in 1/SHARE_LEVELS), then ranked.
    level = (shared * SHARE_LEVELS).astype(np.int64)
    levels = int(level.max(initial=0)) + 1
    groups = int(group.max(initial=-1)) + 1
    counts = np.bincount(group * levels + level, minlength=groups * levels)
    reaching = np.cumsum(counts.reshape(-1, levels)[:, ::-1], axis=1)[:, ::-1]
    cut = (reaching >= MAX_CANDIDATES).sum(axis=1) - 1  # -1: fewer than MAX_CANDIDATES in all
    contenders = np.flatnonzero(level >= cut[group])
    # of the contenders of each group, those sharing the most first, then the latest
    latest_first = contenders[::-1]
    by_shared = latest_first[np.argsort(-shared[latest_first], kind="stable")]
    order = by_shared[np.argsort(group[by_shared], kind="stable")]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = group[order][1:] != group[order][:-1]
    at = np.arange(len(order))
    rank = np.full(len(group), MAX_CANDIDATES, dtype=np.int64)
    rank[order] = at - np.maximum.accumulate(np.where(starts, at, 0))
    crowded = np.bincount(source, minlength=len(batch))[source] > MAX_CANDIDATES
    chosen = np.flatnonzero(~crowded | (rank < MAX_CANDIDATES))
    # in the order they were always taken: by statement, and of a crowded one, by language and,
    # where a language had more than MAX_CANDIDATES, best first
    ranked = crowded[chosen] & (group_sizes[chosen] > MAX_CANDIDATES)
    taken = chosen[
        np.lexsort(
            (
                np.where(ranked, rank[chosen], neighbour[chosen]),
                np.where(crowded[chosen], language[chosen], 0),
                source[chosen],
            )
        )
    ]
    i, j = batch[source[taken]], neighbour[taken]
    return list(zip(np.minimum(i, j).tolist(), np.maximum(i, j).tolist(), strict=True))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector waits while grouping runs. Grouping builds some millions of
    sets and tuples that hold no reference cycles and live until it is done; the collector's passes
    over them, each over all of them, took a tenth of its time and freed nothing."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def group_statements(
    records: Iterable[StatementRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = 30,
    focus: Collection[int] | None = None,
    cache: FeatureCache | None = None,
) -> list[Group]:
    """The claims among ``records``: groups of statements from two or more articles that say the
    same thing, each member with its score (its best pair score within the group; a statement
    that came with the group's claim and was compared with none of it keeps its ``claim_score``,
    1 when that is None).

    Statements of one article are never linked to each other, and a group keeps one statement per
    article (the best-linked), and a second only where it repeats a member surely (REPEAT_SCORE).
    Statements more than ``window_days`` apart are not linked directly. Statements that carry a
    ``claim_id`` stay with their claim; a group continues the claim of its members, and two
    different existing claims are never merged (a new statement joins the one it matches best).
    Groups come sorted by their first member. With ``focus`` (statement ids: the new ones), only
    pairs with a statement of the focus are compared: the others were grouped before. ``cache``
    keeps what statements are compared by between calls over overlapping stretches of days.
    """
    # the grouping's own objects are freed before the collector runs again
    with _collector_paused():
        return _grouped(records, threshold, window_days, focus, cache)


def _grouped(
    records: Iterable[StatementRecord],
    threshold: float,
    window_days: int,
    focus: Collection[int] | None,
    cache: FeatureCache | None,
) -> list[Group]:
    unique: dict[int, StatementRecord] = {}
    for record in records:
        unique.setdefault(record.id, record)
    ordered = sorted(unique.values(), key=_sort_key)
    if cache is None:  # one text is compared by the same features wherever it stands
        alike: dict[tuple[str, str | None], _Features] = {}
        features = []
        for r in ordered:
            found = alike.get((r.text, r.lang))
            if found is None:
                found = alike[r.text, r.lang] = _features.__wrapped__(r.text, r.lang)
            features.append(found)
    else:
        features = [cache.get(r) for r in ordered]

    def score(i: int, j: int) -> float:
        return _score(ordered[i], ordered[j], features[i], features[j])

    clusters = _Clusters(ordered)
    # Statements of one existing claim start together (one per article).
    by_claim: dict[int, int] = {}
    for i, record in enumerate(ordered):
        if record.claim_id is None:
            continue
        first = by_claim.setdefault(record.claim_id, i)
        ri, rj = clusters.find(first), clusters.find(i)
        if ri != rj and clusters.can_join(ri, rj):
            clusters.join(ri, rj)
    scores: dict[tuple[int, int], float] = {}
    positions = None if focus is None else [i for i, r in enumerate(ordered) if r.id in focus]
    # Most candidates differ in a number or name: a conflict that keeps them below the threshold
    # whatever their context adds, found before their context is looked at.
    least_need = threshold / MOST_CONTEXT * (1 - 1e-6)
    # Texts repeat (copies of one report, stock phrases), and so do pairs of them in one context:
    # such a pair is scored once. Each text is numbered, and a pair of texts is one number.
    numbers: dict[int, int] = {}
    text_number = [numbers.setdefault(id(f), len(numbers)) for f in features]
    repeated = (np.bincount(text_number)[text_number] > 1).tolist() if text_number else []
    # ... and a pair of one speaker, that may link as counterparts (COUNTERPART_SCORE)
    least_kin = min(threshold, COUNTERPART_SCORE) / MOST_CONTEXT * (1 - 1e-6)
    bounds: dict[int, float] = {}
    scored: dict[tuple[int, float, bool], float] = {}
    kin: dict[tuple[int, int], float] = {}  # pairs of one speaker that may be counterparts
    for i, j in _candidate_pairs(ordered, features, window_days, positions):
        a, b = ordered[i], ordered[j]
        if a.day is not None and b.day is not None and abs((a.day - b.day).days) > window_days:
            continue
        one_speaker = _same_speaker(a, b)
        fa, fb = features[i], features[j]
        if a.claim_id is not None or b.claim_id is not None:
            scores[i, j] = known = score(i, j)  # a member's best score within its claim, whatever it is
            if one_speaker and COUNTERPART_SCORE <= known < threshold and _counterparts(fa, fb):
                kin[i, j] = known
            continue
        need, floor = (
            (min(threshold, COUNTERPART_SCORE), least_kin) if one_speaker else (threshold, least_need)
        )
        if repeated[i] or repeated[j]:
            texts = text_number[i] * len(numbers) + text_number[j]
            bound = bounds.get(texts)
            if bound is None:
                bound = bounds[texts] = _conflict_bound(fa, fb)
            if bound < floor:
                continue
            context = _context(a, b)
            value = scored.get((texts, context, one_speaker))
            if value is None:
                value = scored[texts, context, one_speaker] = _thresholded(fa, fb, context, need, bound)
        else:
            bound = _conflict_bound(fa, fb)
            if bound < floor:
                continue
            value = _thresholded(fa, fb, _context(a, b), need, bound)
        if value >= threshold:
            scores[i, j] = value  # the others are scored again if a cluster's coherence needs them
        if one_speaker and COUNTERPART_SCORE <= value < threshold and _counterparts(fa, fb):
            kin[i, j] = value
    edges = sorted(((s, i, j) for (i, j), s in scores.items() if s >= threshold), reverse=True)
    for _, i, j in edges:
        ri, rj = clusters.find(i), clusters.find(j)
        if ri == rj or not clusters.can_join(ri, rj):
            continue
        if clusters.size[ri] + clusters.size[rj] > 2 and not _coherent(
            clusters, ri, rj, scores, score, threshold
        ):
            continue
        clusters.join(ri, rj)
    _join_counterparts(clusters, ordered, kin, scores, score, threshold)
    _join_repeats(clusters, edges)
    return _groups(ordered, clusters, scores)


def _join_counterparts(
    clusters: _Clusters,
    ordered: list[StatementRecord],
    kin: dict[tuple[int, int], float],
    scores: dict[tuple[int, int], float],
    score: Callable[[int, int], float],
    threshold: float,
) -> None:
    """Two statements of one speaker in two articles that are each other's best match there, with
    a score from COUNTERPART_SCORE (``kin``: the pairs of one speaker that reach it, not the
    threshold, and may be counterparts by ``_counterparts``), are one claim
    though their score is below the threshold: a quote told again in reported speech ("Wir prüfen
    jede Spur", "man prüfe alle Spuren") shares few words, yet of all the speaker said in the other
    article it is the one alike. A statement with a better match in that article, of any speaker,
    is no counterpart; the clusters they join must be alike as any others (``_coherent``)."""
    best: dict[tuple[int, int], float] = {}  # (position, other article) -> its best score there
    for pairs in (kin, scores):
        for (i, j), value in pairs.items():
            if pairs is scores and value < threshold:
                continue  # a member's score within its claim, whatever it is: counted in kin if alike
            for mine, other in ((i, j), (j, i)):
                key = (mine, ordered[other].article_id)
                if value > best.get(key, 0.0):
                    best[key] = value
    for value, i, j in sorted(((v, i, j) for (i, j), v in kin.items()), reverse=True):
        if value < best[i, ordered[j].article_id] or value < best[j, ordered[i].article_id]:
            continue
        ri, rj = clusters.find(i), clusters.find(j)
        if ri == rj or not clusters.can_join(ri, rj):
            continue
        scores[i, j] = value
        if clusters.size[ri] + clusters.size[rj] > 2 and not _coherent(
            clusters, ri, rj, scores, score, threshold
        ):
            continue
        clusters.join(ri, rj)


def _counterparts(a: _Features, b: _Features) -> bool:
    """Whether two texts may be counterparts (``_join_counterparts``): each says enough
    (COUNTERPART_CONTENT), and neither has a name or number in place of the other's (a noun in place
    of another may be a paraphrase: "Chef" / "head")."""
    if min(len(a.stems), len(b.stems)) < COUNTERPART_CONTENT:
        return False
    same_language = a.lang is not None and a.lang == b.lang
    _, conflict = _anchoring(a, b, reliable_only=same_language, covered=_covered(a, b), things=False)
    return conflict == 1.0


def _join_repeats(clusters: _Clusters, edges: list[tuple[float, int, int]]) -> None:
    """A statement left alone whose article is in a claim already, that says the same as a member
    of another article surely (REPEAT_SCORE), joins that claim too: an article may give a claim
    twice, told in its own words and then quoted."""
    for value, i, j in edges:
        if value < REPEAT_SCORE:
            break
        for alone, other in ((i, j), (j, i)):
            ra, ro = clusters.find(alone), clusters.find(other)
            if clusters.size[ra] != 1 or clusters.size[ro] < 2:
                continue
            claim = clusters.claim[ra]
            if claim is not None and claim != clusters.claim[ro]:
                continue  # a member of a claim of its own stays there
            if not clusters.articles[ra] <= clusters.articles[ro]:
                continue  # not a repeat: it joined by the rules above if it could
            clusters.join(ro, ra)


def _coherent(
    clusters: _Clusters,
    ri: int,
    rj: int,
    scores: dict[tuple[int, int], float],
    score: Callable[[int, int], float],
    threshold: float,
) -> bool:
    """Whether two clusters may join: their members must be alike on average, not only through the
    one pair that links them (no drift along a chain of near neighbours).

    Pairs scored before count first; the others are scored only until the average is settled
    either way (a score lies between 0 and 1)."""
    pairs = [
        (min(i, j), max(i, j))
        for i in clusters.members[ri][:LINKAGE_SAMPLE]
        for j in clusters.members[rj][:LINKAGE_SAMPLE]
    ]
    need = LINKAGE_SHARE * threshold * len(pairs)
    total = 0.0
    unscored = []
    for pair in pairs:
        known = scores.get(pair)
        if known is None:
            unscored.append(pair)
        else:
            total += known
    left = len(unscored)
    for pair in unscored:
        if total >= need or total + left < need:
            break
        scores[pair] = value = score(*pair)
        total += value
        left -= 1
    return total >= need


def _groups(
    ordered: list[StatementRecord], clusters: _Clusters, scores: dict[tuple[int, int], float]
) -> list[Group]:
    roots = [clusters.find(i) for i in range(len(ordered))]
    members: dict[int, list[int]] = {}
    for i, root in enumerate(roots):
        members.setdefault(root, []).append(i)
    best: dict[int, tuple[float, int]] = {}  # position -> (its best score in the group, with whom)
    for (i, j), value in scores.items():
        if roots[i] == roots[j]:
            if value >= best.get(i, (0.0, 0))[0]:
                best[i] = (value, j)
            if value >= best.get(j, (0.0, 0))[0]:
                best[j] = (value, i)
    groups: list[Group] = []
    for root, positions in members.items():  # in the order of their first member
        if len(positions) < 2:
            continue
        memberships = []
        for i in positions:
            found = best.get(i)
            if found is None:  # joined through its existing claim only: that membership stands
                kept = ordered[i].claim_score
                memberships.append(Membership(ordered[i].id, 1.0 if kept is None else kept))
            else:
                memberships.append(Membership(ordered[i].id, round(found[0], 4), ordered[found[1]].id))
        groups.append(Group(claim_id=clusters.claim[root], members=tuple(memberships)))
    return groups


def search_terms(text: str, lang: str | None, limit: int) -> list[str]:
    """The words a statement is looked up by in a full-text index, most telling first: its names
    and numbers as written, its longest content words, and those words' translations into the
    other languages (by the bilingual tables): what a copy, an edit or a translation of it keeps.
    Stems come as prefixes (``munition`` finds "Munitionen")."""
    features = _features(text, lang)
    terms: list[str] = []
    for anchor in features.anchors:
        if not anchor.number and anchor.reliable:
            written = [form for form in anchor.forms if not form.startswith("~")] or list(anchor.forms)
            terms.append(min(written, key=len).lstrip('"').split()[0])
    terms += [stem.lstrip("#") for stem in features.stems if stem.startswith("#")]
    words = sorted(
        (s for s in features.stems if not s.startswith("#") and len(s) >= 5), key=len, reverse=True
    )
    terms += words[: limit // 2]
    if lang is not None:
        for other in available_languages():
            if other == lang:
                continue
            for word in words[:3]:
                translated = sorted(_translations_of(word, lang, other), key=len, reverse=True)
                terms += [t for t in translated if len(t) >= 4][:2]
    unique = [t for t in dict.fromkeys(terms) if t and len(t) >= 2 and t.isalnum()]
    return unique[:limit]
