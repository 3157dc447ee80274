"""Bylines read into authors: persons with family and given names, and organisations.

A byline as pages write it mixes people with agencies, outlets, companies, editorial desks,
places, legal forms and labels: "Von Anna Berg und Tom Reed", "SPIEGEL ONLINE, Hamburg,
Germany", "Frankfurter Allgemeine Zeitung GmbH", "Text: Anna Berg, Foto: dpa", "mes/dpa".
:func:`parse_byline` keeps the persons and the organisations, in byline order, and drops
the rest. The words it needs besides names live in ``lexicon/pages/bylines.toml``; name
particles and titles come from the language files, countries from ``institutions.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from quotetrack import lexicon
from quotetrack.text import fold

PERSON, ORGANIZATION = "person", "organization"
# More words than this are a sentence or a job description, not a name.
MAX_NAME_WORDS = 5
# A compound ending in one of the data's organisation words of this length or more names an
# organisation too ("Nachrichtenredaktion", "SZ-Redaktion").
COMPOUND_HEAD_CHARS = 6
# Editors' initials ("mes/dpa", "(dsw)"): lower-case letters, at most this many.
INITIALS_CHARS = 4

_SEPARATORS = re.compile(r"\s*(?:[;|/•·+]|,|\s[-–—]\s)\s*")
# "Deichwelle (www.deichwelle.example)": a name with its site's address names an organisation
_NAME_WITH_SITE = re.compile(
    r"([^,;|/()]+?)\s*\(\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\s*\)", re.IGNORECASE
)
_URL = re.compile(r"(?:https?://|www\.)[^\s()\[\]]+|[^\s()\[\]]+@[^\s()\[\]]+\.\w+", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
_INITIAL = re.compile(r"^(?:\w\.)+(?:-\w\.)?$")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w'’.-]*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ORGANISATION_MARK = "\u0001"  # left where a legal form was taken out of the text


@dataclass(frozen=True, slots=True)
class Author:
    """One author: a person (``given``, ``particle``, ``family`` when the name splits) or an
    organisation (``name`` only)."""

    name: str
    kind: str = PERSON
    given: str | None = None
    particle: str | None = None
    family: str | None = None

    @property
    def is_person(self) -> bool:
        return self.kind == PERSON


_PLACE = Author("", "place")  # what a place in a byline is classified as, before it is dropped
_WORD = "word"  # the kind of a byline part of one word that nothing marks as a name or an agency


@dataclass(frozen=True, slots=True)
class _Words:
    labels: re.Pattern[str]
    credits: re.Pattern[str]
    conjunctions: frozenset[str]
    legal_forms: re.Pattern[str]
    organisation_words: frozenset[str]
    organisation_heads: tuple[str, ...]
    places: frozenset[str]
    known: frozenset[str]  # agencies and outlets known by name (lexicon/outlets.toml), folded
    roles: frozenset[str]  # words of a job description, folded
    particles: frozenset[str]
    titles: frozenset[str]


def read_data(name: str) -> dict[str, Any]:
    """A data file of ``lexicon/pages/`` (what pages write around an article's text)."""
    path = resources.files("quotetrack.lexicon") / "pages" / name
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _alternatives(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@cache
def _words() -> _Words:
    data = read_data("bylines.toml")
    short = [form for form in data["legal_forms"] if len(form) <= 3]
    long = [form for form in data["legal_forms"] if len(form) > 3]
    legal = rf"(?<![\w.])(?:{_alternatives(long)}|(?-i:{_alternatives(short)}))(?![\w])"
    places = {fold(p) for p in data["places"]}
    for row in lexicon.read_shared("institutions.toml").get("countries", []):
        places.update(fold(p) for p in row[1:])
    particles: set[str] = set()
    titles: set[str] = set()
    roles = {fold(w) for w in data["roles"]}
    for code in lexicon.available_languages():
        lex = lexicon.load(code)
        particles |= lex.name_particles
        titles |= lex.titles
    organisation_words = {fold(w) for w in data["organisation_words"]}
    organisation_words |= {fold(w) for w in lexicon.outlet_heads()}  # "Rundschau", "Herald"
    return _Words(
        labels=re.compile(rf"^(?:(?:{_alternatives(data['labels'])})\b\s*:?\s*)+", re.IGNORECASE),
        credits=re.compile(rf"^(?:{_alternatives(data['credits'])})\b\s*:", re.IGNORECASE),
        conjunctions=frozenset(w.casefold() for w in data["conjunctions"]) | {"&"},
        legal_forms=re.compile(legal, re.IGNORECASE),
        organisation_words=frozenset(organisation_words),
        organisation_heads=tuple(w for w in organisation_words if len(w) >= COMPOUND_HEAD_CHARS),
        places=frozenset(places),
        known=frozenset(fold(form) for form in lexicon.known_outlets()),
        roles=frozenset(roles),
        particles=frozenset(particles),
        titles=frozenset(titles),
    )


def parse_byline(byline: str | None, *, outlet: str | Iterable[str] | None = None) -> tuple[Author, ...]:
    """The persons and organisations of a byline, in order, each once.

    ``outlet`` names the publishing outlet (one name or several: its name, the site name,
    the domain); a byline part that names it is an organisation.
    """
    text = " ".join((byline or "").split())
    if not text:
        return ()
    words = _words()
    outlets = _outlet_forms(outlet)
    text = _NAME_WITH_SITE.sub(lambda m: m.group(1) + _ORGANISATION_MARK, text)
    text = _URL.sub(" ", text)
    text = _PARENTHESES.sub(lambda m: ", " + (m.group(1) or m.group(2) or "") + ", ", text)
    text = words.legal_forms.sub(_ORGANISATION_MARK, text)
    found = [_classify(chunk, words, outlets) for chunk in _chunks(text, words)]
    authors: list[Author] = []
    seen: set[tuple[str, str]] = set()
    for index, author in enumerate(found):
        if author is None or author is _PLACE:
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        preceding = found[index - 1] if index else None
        if author.kind == _WORD:
            if following is _PLACE or (preceding is not None and preceding.kind == PERSON):
                continue  # a place: a town before its country ("Husum, Germany"), after a name
            author = Author(author.name, ORGANIZATION)
        found[index] = author
        if (author.kind, fold(author.name)) not in seen:
            seen.add((author.kind, fold(author.name)))
            authors.append(author)
    return tuple(_inverted(authors, text))


def organisation(name: str) -> Author | None:
    """An author known to be an organisation (a JSON-LD ``Organization``), its legal form dropped."""
    words = _words()
    cleaned = " ".join(words.legal_forms.sub(" ", _URL.sub(" ", name)).split()).strip(" ,;-")
    return Author(cleaned, ORGANIZATION) if cleaned else None


def _outlet_forms(outlet: str | Iterable[str] | None) -> frozenset[str]:
    names = [outlet] if isinstance(outlet, str) else list(outlet or ())
    forms: set[str] = set()
    for name in names:
        if name:
            forms.add(squeeze(name))
            forms.add(squeeze(name.split(".")[0]))
    for key in lexicon.known_outlets():
        forms.add(squeeze(key))
    forms.discard("")
    return frozenset(forms)


def squeeze(name: str) -> str:
    """A name without spaces, punctuation and accents: "SPIEGEL ONLINE" ~ "Spiegel-Online"."""
    return re.sub(r"[\W_]+", "", fold(name))


def _chunks(text: str, words: _Words) -> Iterable[list[str]]:
    """The name candidates of a byline, each a list of words: parts between separators, without
    labels and picture credits, cut at conjunctions."""
    crediting = False
    for part in _SEPARATORS.split(text):
        part = part.strip(" .:-–—\"'“”„«»")
        if not part:
            continue
        if words.credits.match(part):
            crediting = True
            continue
        labelled = words.labels.match(part)
        if labelled:
            crediting = False
            part = part[labelled.end() :]
        elif crediting:
            continue
        yield from _split_conjunctions(part.split(), words)


def _split_conjunctions(tokens: list[str], words: _Words) -> Iterable[list[str]]:
    """ "Anna Berg und Tom Reed" -> two names; "José Ortega y Gasset" stays one (a one-letter
    conjunction before a single word joins a double family name)."""
    parts: list[tuple[str, list[str]]] = [("", [])]
    for token in tokens:
        if token.casefold() in words.conjunctions and parts[-1][1]:
            parts.append((token, []))
        else:
            parts[-1][1].append(token)
    merged: list[list[str]] = [parts[0][1]]
    for conjunction, part in parts[1:]:
        if len(conjunction) == 1 and len(part) == 1 and len(merged[-1]) >= 2:
            # "José Ortega y Gasset": a one-word family name joined by "y" or "e"
            merged[-1] = [*merged[-1], conjunction, *part]
        else:
            merged.append(part)
    for index, part in enumerate(merged[:-1]):
        following = merged[index + 1]
        # "Anna und Tom Berg": a given name alone shares the next person's family name
        if len(part) == 1 and len(following) >= 2 and lexicon.first_name_gender(part[0]):
            merged[index] = [part[0], following[-1]]
    return [part for part in merged if part]


def _classify(tokens: list[str], words: _Words, outlets: frozenset[str]) -> Author | None:
    """A person, an organisation, ``_PLACE``, or None for a label, initials or no name at all."""
    marked = any(_ORGANISATION_MARK in t for t in tokens)
    tokens = [t.replace(_ORGANISATION_MARK, "").strip(",;:") for t in tokens]
    tokens = [t for t in tokens if t and fold(t) not in words.titles and t.lower() not in words.titles]
    if not tokens:
        return None
    name = " ".join(tokens)
    folded = fold(name)
    if not folded or not any(c.isalpha() for c in name):
        return None
    if marked or squeeze(name) in outlets:
        return Author(name, ORGANIZATION)
    if folded in words.places:
        return _PLACE
    if len(tokens) == 1 and _is_initials(tokens[0]):
        return None
    if _CJK.search(name) and len(tokens) == 1:
        return Author(name, PERSON)
    if any(_is_organisation_word(fold(t), words) for t in tokens) or _DOMAIN.match(name):
        return Author(name, ORGANIZATION)
    # a job description: "Political Editor" is none, "Richard Adams Education editor" ends a name
    # ("Ingo Arzt" stays whole: a family name may be a job's)
    role = next((i for i, t in enumerate(tokens) if fold(t) in words.roles and i != 1), None)
    if role is not None:
        tokens = tokens[:role]
        if len(tokens) < 2:
            return None
        name = " ".join(tokens)
    if len(tokens) == 1:  # an agency ("dpa"), or a place ("Nordheide"): parse_byline decides
        return Author(name, ORGANIZATION if folded in words.known else _WORD)
    if len(tokens) > MAX_NAME_WORDS or not all(_name_word(t, words) for t in tokens):
        return None
    return _person(tokens, words)


def _is_initials(token: str) -> bool:
    return token.isalpha() and token.islower() and len(token) <= INITIALS_CHARS


def _is_organisation_word(word: str, words: _Words) -> bool:
    if word in words.organisation_words:
        return True
    return any(word.endswith(head) and word != head for head in words.organisation_heads)


def _name_word(token: str, words: _Words) -> bool:
    if token in words.particles or token in words.conjunctions:
        return True
    if _INITIAL.match(token):
        return True
    return bool(_NAME_CHARS.match(token)) and token[0].isupper()


def _person(tokens: list[str], words: _Words) -> Author:
    if all(t.isupper() for t in tokens if len(t) > 2):  # "JILL SERJEANT"
        tokens = [t if _INITIAL.match(t) else t.capitalize() for t in tokens]
    name = " ".join(tokens)
    joined = next((i for i, t in enumerate(tokens[2:-1], start=2) if t in words.conjunctions), None)
    if joined is not None:  # "José Ortega y Gasset"
        return Author(
            name, PERSON, given=" ".join(tokens[: joined - 1]), family=" ".join(tokens[joined - 1 :])
        )
    first_particle = next((i for i, t in enumerate(tokens[1:-1], start=1) if t in words.particles), None)
    if first_particle is not None:
        end = first_particle
        while end < len(tokens) - 1 and tokens[end] in words.particles:
            end += 1
        return Author(
            name,
            PERSON,
            given=" ".join(tokens[:first_particle]),
            particle=" ".join(tokens[first_particle:end]),
            family=" ".join(tokens[end:]),
        )
    return Author(name, PERSON, given=" ".join(tokens[:-1]), family=tokens[-1])


def _inverted(authors: list[Author], text: str) -> list[Author]:
    """ "Berg, Anna" (family name first) is one person, not two organisations."""
    if len(authors) != 2 or text.count(",") != 1 or not all(a.kind == ORGANIZATION for a in authors):
        return authors
    family, given = authors
    if " " in family.name or " " in given.name or not lexicon.first_name_gender(given.name):
        return authors
    if lexicon.first_name_gender(family.name) or not family.name[:1].isupper():
        return authors
    name = f"{given.name} {family.name}"
    return [Author(name, PERSON, given=given.name, family=family.name)]
