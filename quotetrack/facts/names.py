"""Name normalisation for matching speakers and outlets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import cast

from rapidfuzz import fuzz, process

from quotetrack.lexicon import available_languages, first_name_gender, load, read_shared
from quotetrack.text import fold

# --- resolution: which known speaker or outlet a name stands for ---------------------------------

LINK_AT = 90.0  # a match this sure links the name to the known entity
SUGGEST_AT = 75.0  # a match this sure, but not sure enough to link, is offered for review
EVIDENCE_BONUS = 8.0  # the same role or organisation on both sides
EVIDENCE_CONFLICT = 12.0  # organisations on both sides that are known to differ
AMBIGUITY_MARGIN = 4.0  # two candidates this close: neither is linked
BLOCK_PREFIX = 4  # names are compared within blocks that share this many letters of a key word
PERSON = "person"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known entity or outlet: its names and what statements say about it."""

    id: int
    name: str
    kind: str = UNKNOWN
    aliases: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()  # folded roles seen with it
    affiliations: frozenset[str] = frozenset()  # folded affiliations seen with it


@dataclass(frozen=True, slots=True)
class Mention:
    """A name to resolve, with the role and organisation written beside it."""

    name: str
    kind: str = UNKNOWN
    role: str | None = None
    affiliation: str | None = None
    exclude: int | None = None  # a candidate never to match (the mention's own row)


@dataclass(frozen=True, slots=True)
class Match:
    candidate_id: int
    score: float  # 0..100
    link: bool  # sure enough to link without asking
    reason: str


@dataclass(frozen=True, slots=True)
class _Key:
    """A name prepared for comparison."""

    tokens: tuple[str, ...]  # folded, spelled, without titles and role words
    text: str  # " ".join(tokens)
    institution: str | None  # "cn/foreign-ministry", "cn", or None
    person: bool


@cache
def _institution_patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    data = read_shared("institutions.toml")
    endings = "|".join(re.escape(e) for e in sorted(data.get("endings", []), key=len, reverse=True))

    def table(rows: list[list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
        forms = {fold(form): row[0] for row in rows for form in row[1:]}
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])({alternation})(?:{endings})?(?![\w-])"), forms

    countries, country_forms = table(data.get("countries", []))
    institutions, institution_forms = table(data.get("institutions", []))
    return countries, country_forms, institutions, institution_forms


def institution_key(name: str) -> str | None:
    """The language-independent key of a country or of a country's institution named in any
    language: "chinesisches Außenministerium" and "China's foreign ministry" both give
    "cn/foreign-ministry", "Chinas" gives "cn"; None for other names, and for an institution
    whose country is not named."""
    folded = fold(name)
    countries, country_forms, institutions, institution_forms = _institution_patterns()
    country = countries.search(folded)
    if country is None:
        return None
    if country.start() == 0 and country.end() == len(folded):
        return country_forms[country.group(1)]
    institution = institutions.search(folded)
    if institution is None:
        return None
    return f"{country_forms[country.group(1)]}/{institution_forms[institution.group(1)]}"


@cache
def _name_noise() -> frozenset[str]:
    """Words that are part of how a name is written but not of the name: titles and role words
    of every language."""
    words: set[str] = set()
    for code in available_languages():
        lexicon = load(code)
        words.update(fold(t).rstrip(".") for t in lexicon.titles)
        words.update(fold(r) for r in lexicon.roles)
    return frozenset(words)


# Name pairs whose comparison is kept (``family_names_differ``, ``one_person``). Grouping asks for
# the speakers of every candidate pair, some thousands of new pairs a stretch of days, and a pair
# kept holds both names: a bound of this size keeps what one stretch asks again, not every pair a
# long run has seen.
PAIRS_KEPT = 4096

# spellings of one sound: "Baerbock" and "Bärbock" (folded "barbock") compare equal
_SPELLINGS = (("ae", "a"), ("oe", "o"), ("ue", "u"), ("ph", "f"), ("th", "t"))


@lru_cache(maxsize=65536)
def spelled(token: str) -> str:
    for written, said in _SPELLINGS:
        token = token.replace(written, said)
    return token


# spellings of one sound across transliterations: "Selenskyj" and "Zelensky", "Tschaikowski" and
# "Tchaikovsky", "Chodorkowski" and "Khodorkovsky" (after ``spelled``; doubled letters count once)
_SOUNDS = (("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("kh", "ch"), ("ck", "k"), ("z", "s"))
_SOUND_LETTERS = str.maketrans({"w": "v", "j": "i", "y": "i"})


@lru_cache(maxsize=65536)
def sounded(token: str) -> str:
    """A folded word as it sounds across transliterations: "selenskyj" and "zelensky" are both
    "selenski"."""
    token = spelled(token)
    for written, said in _SOUNDS:
        token = token.replace(written, said)
    token = token.translate(_SOUND_LETTERS)
    return "".join(c for i, c in enumerate(token) if not i or c != token[i - 1])


def family_names_differ(first: str, second: str) -> bool:
    """Whether two person names are clearly of different people: their last words (titles and role
    words left out) sound different in every transliteration ("Volodymyr Zelensky" and
    "Wolodymyr Selenskyj" do not differ, nor "Price" and "Ned Price").

    Kept by name, not by pair: grouping asks this of most candidate pairs, far more pairs than
    PAIRS_KEPT, among a few names."""
    last_a, last_b = _family_sound(first), _family_sound(second)
    if last_a is None or last_b is None:
        return False
    return last_a != last_b and fuzz.ratio(last_a, last_b) < 85


@lru_cache(maxsize=65536)
def _family_sound(name: str) -> str | None:
    """A person name's last word (titles and role words left out) as it sounds; None if none."""
    tokens = _key(name, PERSON).tokens
    return sounded(tokens[-1]) if tokens else None


@lru_cache(maxsize=PAIRS_KEPT)
def one_person(first: str, second: str) -> bool:
    """Whether two names may well be one person's: the same family name in every transliteration
    and, where both give one, given names alike or an initial ("Volodymyr Zelensky", "Zelensky"
    and "Wolodymyr Selenskyj"; not "Anna Feldkamp" and "Jonas Feldkamp")."""
    a, b = _key(first, PERSON).tokens, _key(second, PERSON).tokens
    if not a or not b or sounded(a[-1]) != sounded(b[-1]):
        return False
    if len(a) < 2 or len(b) < 2:
        return True
    given_a, given_b = sounded(a[0]), sounded(b[0])
    return given_a == given_b or (given_a[:1] == given_b[:1] and min(len(a[0]), len(b[0])) == 1)


@lru_cache(maxsize=65536)
def _key(name: str, kind: str) -> _Key:
    person = kind == PERSON
    noise = _name_noise()
    words = [w.rstrip(".,") for w in fold(name).replace("-", " - ").split()]
    tokens = tuple(spelled(w) for w in words if w and w != "-" and (not person or w not in noise))
    if not tokens:  # a name that is nothing but a title or role keeps its words
        tokens = tuple(spelled(w) for w in words if w and w != "-")
    return _Key(tokens, " ".join(tokens), institution_key(name), person)


def _blocks(key: _Key, *, known: bool = False) -> set[str]:
    """The blocks a name is compared in: a person by surname, where a known person's first word
    counts too (family names first: "Mao Ning"); other names by each word."""
    if not key.tokens:
        return set()
    if key.person:
        # by the start and by the end of the surname, so that a slip in either is still compared
        words = (key.tokens[0], key.tokens[-1]) if known else key.tokens[-1:]
        return {w[:BLOCK_PREFIX] for w in words} | {"~" + key.tokens[-1][-BLOCK_PREFIX:]}
    blocks = {t[:BLOCK_PREFIX] for t in key.tokens if len(t) > 2}
    if key.institution:
        blocks.add("@" + key.institution)
    return blocks or {key.tokens[0][:BLOCK_PREFIX]}


def blocks_of(candidates: Iterable[Candidate], *, known: bool = False) -> set[str]:
    """The blocks the names and aliases of ``candidates`` are compared in (as known rows, or as
    names to resolve)."""
    found: set[str] = set()
    for candidate in candidates:
        for name in (candidate.name, *candidate.aliases):
            key = _key(name, candidate.kind)
            found |= _blocks(key, known=known) | ({"=" + key.text} if key.text else set())
            if key.institution:
                found.add("=" + key.institution)
    return found


def _compatible_kinds(a: str, b: str) -> bool:
    return a == b or UNKNOWN in (a, b)


def _given_names_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The given names of two full names could be one person's: equal, an initial, or close."""
    first_a, first_b = a[0], b[0]
    if first_a == first_b:
        return True
    if min(len(first_a), len(first_b)) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= 80


def _person_score(mention: _Key, known: _Key, ratio: float) -> tuple[float, str]:
    m, k = mention.tokens, known.tokens
    if len(m) == 1 or len(k) == 1:
        # a surname alone may be anyone of that name: below a suggestion without role or
        # organisation, and linked only to the one person of that name with them (_decide). A family
        # name may come first ("Mao Ning"), when the first word is no known given name.
        short, full = (m, k) if len(m) == 1 else (k, m)
        surnames = {full[-1]} | ({full[0]} if first_name_gender(full[0]) is None else set())
        return (70.0, "same surname") if short[0] in surnames else (0.0, "")
    surname = fuzz.ratio(m[-1], k[-1])
    if surname < 85:
        return 0.0, ""
    if not _given_names_agree(m[:-1], k[:-1]):
        return 0.0, ""  # namesakes: another given name is another person
    if min(len(m[0]), len(k[0])) == 1:
        return (min(ratio + 10, 85.0), "initial") if m[-1] == k[-1] else (0.0, "")
    if surname < 90:
        return min(ratio, LINK_AT - 1), "similar surname"  # a slip, or a relative: ask
    return ratio, "spelling"


def _differ_inside(a: str, b: str) -> bool:
    """Whether two names that start and end alike differ in what stands between: one compound
    for another ("Bank of England" / "Bank of Japan"), not a slip or an inflection."""
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    inner_a, inner_b = a[start : len(a) - end], b[start : len(b) - end]
    return min(len(inner_a), len(inner_b)) >= 3 and fuzz.ratio(inner_a, inner_b) < 50


def _evidence(mention: Mention, key: _Key, candidate: Candidate, candidate_key: _Key) -> float:
    score = 0.0
    if mention.role and fold(mention.role) in candidate.roles:
        score += EVIDENCE_BONUS
    if mention.affiliation:
        affiliation = fold(mention.affiliation)
        institution = institution_key(mention.affiliation)
        known = {institution_key(a) for a in candidate.affiliations} - {None}
        if affiliation in candidate.affiliations or (institution and institution in known):
            score += EVIDENCE_BONUS
        elif candidate.affiliations and institution and known and institution not in known:
            score -= EVIDENCE_CONFLICT
    return score


class NameIndex:
    """Known entities (or outlets), ready to resolve many names at once.

    Exact matches (folded and spelled name or alias, or the same institution key) link at once.
    The rest are compared within blocks of names that share the start of a key word, a block
    at a time with ``rapidfuzz.process.cdist``, then checked by the rules of names: a surname
    alone is only a suggestion unless role or organisation agree, another given name is another
    person, an institution of another country is another institution.
    """

    def __init__(
        self, candidates: Iterable[Candidate], *, link_at: float = LINK_AT, suggest_at: float = SUGGEST_AT
    ) -> None:
        self.link_at = link_at
        self.suggest_at = suggest_at
        self.candidates: list[Candidate] = []
        self._exact: dict[str, list[int]] = {}  # key text -> candidate positions
        self._block_entries: dict[str, list[tuple[int, _Key]]] = {}
        for candidate in candidates:
            position = len(self.candidates)
            self.candidates.append(candidate)
            for name in {candidate.name, *candidate.aliases}:
                key = _key(name, candidate.kind)
                for exact in {key.text, key.institution} - {None, ""}:
                    self._exact.setdefault(cast(str, exact), []).append(position)
                for block in _blocks(key, known=True):
                    self._block_entries.setdefault(block, []).append((position, key))

    def __len__(self) -> int:
        return len(self.candidates)

    def match(self, mentions: Sequence[Mention], *, limit: int = 3) -> list[list[Match]]:
        """For each mention, its best matches (at most ``limit``, best first), empty when none
        reaches ``suggest_at``. At most the first is a link."""
        scores: list[dict[int, tuple[float, str]]] = [{} for _ in mentions]
        keys = [_key(m.name, m.kind) for m in mentions]
        by_block: dict[str, list[int]] = {}
        for i, (mention, key) in enumerate(zip(mentions, keys, strict=True)):
            if not key.tokens:
                continue
            for exact in {key.text, key.institution} - {None, ""}:
                for position in self._exact.get(cast(str, exact), []):
                    candidate = self.candidates[position]
                    if candidate.id != mention.exclude and _compatible_kinds(mention.kind, candidate.kind):
                        how = "same institution" if exact == key.institution else "same name"
                        scores[i][position] = (100.0, how)
            if not scores[i]:
                for block in _blocks(key):
                    by_block.setdefault(block, []).append(i)
        for block, rows in by_block.items():
            entries = self._block_entries.get(block)
            if entries:
                self._score_block(mentions, keys, rows, entries, scores)
        return [self._decide(mentions[i], keys[i], scores[i], limit) for i in range(len(mentions))]

    def _score_block(
        self,
        mentions: Sequence[Mention],
        keys: list[_Key],
        rows: list[int],
        entries: list[tuple[int, _Key]],
        scores: list[dict[int, tuple[float, str]]],
    ) -> None:
        import numpy as np  # only resolution needs it, not the engine that folds names

        cutoff = self.suggest_at - EVIDENCE_BONUS * 2 - 10
        matrix = process.cdist(
            [keys[i].text for i in rows],
            [key.text for _, key in entries],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=cutoff,
            dtype=np.uint8,
        )
        for row, column in zip(*np.nonzero(matrix), strict=True):
            i = rows[int(row)]
            position, known = entries[int(column)]
            mention = mentions[i]
            candidate = self.candidates[position]
            if not _compatible_kinds(mention.kind, candidate.kind):
                continue
            ratio = float(matrix[row, column])
            key = keys[i]
            if key.person or known.person:
                score, how = _person_score(key, known, ratio)
            else:
                if key.institution and known.institution and key.institution != known.institution:
                    continue  # another country's ministry, however alike the words
                if _differ_inside(key.text, known.text):
                    continue  # "Bundesgesundheitsministerium", "Bundesverkehrsministerium"
                score, how = ratio, "similar name"
            if score <= 0:
                continue
            if scores[i].get(position, (0.0, ""))[0] < score:
                scores[i][position] = (score, how)

    def _decide(
        self, mention: Mention, key: _Key, found: dict[int, tuple[float, str]], limit: int
    ) -> list[Match]:
        ranked: list[tuple[float, int, str]] = []
        for position, (score, how) in found.items():
            candidate = self.candidates[position]
            if candidate.id == mention.exclude:
                continue
            evidence = _evidence(mention, key, candidate, _key(candidate.name, candidate.kind))
            total = max(0.0, min(100.0, score + evidence))
            if evidence > 0:
                how += ", same role or organisation"
            elif evidence < 0:
                how += ", other organisation"
            if total >= self.suggest_at:
                ranked.append((total, candidate.id, how))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        namesakes = sum(1 for _, how in found.values() if how == "same surname")
        if namesakes == 1 and ranked and ranked[0][2] == "same surname, same role or organisation":
            # the only person of that surname, in the same role or organisation: "Sprecherin Mao"
            ranked[0] = (max(ranked[0][0], self.link_at), *ranked[0][1:])
        matches: list[Match] = []
        for n, (score, candidate_id, how) in enumerate(ranked[:limit]):
            rival = ranked[1][0] if len(ranked) > 1 else 0.0
            sure = n == 0 and score >= self.link_at and score - rival > AMBIGUITY_MARGIN
            matches.append(Match(candidate_id, round(score, 1), sure, how))
        return matches
