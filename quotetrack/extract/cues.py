"""Stage 3: cue anchors, the words that report speech, found in a sentence unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrack.extract.segment import Token
from quotetrack.lexicon import Lexicon, is_acronym, known_outlets
from quotetrack.text import fold

CLAUSE_PUNCT = {",", ";", ":", "–", "—"}


@dataclass(slots=True)
class Cue:
    """A reporting word or phrase in a unit's token list (indices are token positions)."""

    kind: str  # verb | source | postposition | compound | as_clause | so | impersonal | quoting
    first: int
    last: int
    head: int  # the verb, preposition or marker token
    text: str
    weak: bool = False  # needs a complement or a quotation to report speech
    object_cue: bool = False  # its quoted object alone can be the statement
    particle: int = -1  # token index of a separable particle
    quote_only: bool = False  # reports only a quoted object: "zeigte sich „überrascht“"


def _source_named_after(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """After determiners (and, where nouns are capitalised, adjectives) from token k: a word that
    names a body, a role, a document or an outlet, a quoted title, or a name: where nouns are
    not capitalised any capitalised word, else one the name tables know or no table knows as a
    word of the language ("gemäß einem Augenzeugen", not "gemäß dem Stufenplan")."""
    adjectives = lex.nouns_capitalised  # "einem glaubwürdigen Augenzeugen"
    while k < len(toks) and (
        toks[k].lower in lex.determiners or (adjectives and toks[k].is_word and not toks[k].capitalised)
    ):
        k += 1
    if k >= len(toks):
        return False
    t = toks[k]
    word = t.word
    if t.quote >= 0 or word.organisation or word.outlet or word.document or word.role is not None:
        return True  # a quoted title ("per the “Daily Echo”"), a body, a role, a document
    if not lex.nouns_capitalised:
        return t.capitalised
    named = bool(word.given) or word.surname or is_acronym(t.text) or fold(t.text) in known_outlets()
    return t.capitalised and named


def find_cues(toks: list[Token], text: str, lex: Lexicon) -> list[Cue]:
    """Every cue anchor outside quotations, in order."""
    cues: list[Cue] = []
    n = len(toks)
    if not n:
        return cues
    marked = [k for k, t in enumerate(toks) if t.word.cue_mark]  # the few words a cue can start at
    candidates = [k for k in marked if toks[k].word.cue_trigger and toks[k].quote < 0]
    start, end = toks[0].start, toks[-1].end
    phrases: list[tuple[str, list[re.Match[str]]]] = []
    if any(toks[k].word.opens_cue_phrase for k in marked):
        # a phrase that gives a cue starts at a token made of the phrase's first word
        for pattern, kind in ((lex.impersonal, "impersonal"), (lex.source_prepositions, "source")):
            matches = list(pattern.finditer(text, start, end)) if pattern is not None else []
            if matches:
                phrases.append((kind, matches))
    if not candidates and not phrases:
        return cues
    taken: set[int] = set()
    if phrases:
        by_start = {t.start: k for k, t in enumerate(toks)}
        by_end = {t.end: k for k, t in enumerate(toks)}
        for kind, matches in phrases:
            for m in matches:
                first, last = by_start.get(m.start(), -1), by_end.get(m.end(), -1)
                span = range(first, last + 1)
                if first < 0 or last < 0 or taken.intersection(span):
                    continue
                if any(t.quote >= 0 for t in toks[first : last + 1]):
                    continue
                if (
                    kind == "source"
                    and toks[first].lower in lex.named_source_prepositions
                    and not _source_named_after(toks, last + 1, lex)
                ):
                    continue  # "per year", "gemäß dem Stufenplan": no source named
                taken.update(span)
                cues.append(Cue(kind, first, last, first, text[toks[first].start : toks[last].end]))

    for i in candidates:
        if i in taken:
            continue
        if i > 0 and toks[i - 1].lower in lex.determiners and toks[i - 1].quote < 0:
            continue  # "an added burden", "die gesagten Worte": a participle used as an adjective
        if (
            0 < i < n - 1
            and toks[i - 1].text.isdigit()
            and toks[i + 1].is_word
            and not toks[i + 1].capitalised
            and toks[i + 1].lower not in lex.stop_words
        ):
            continue  # "the 14 confirmed thefts": a participle between a number and its noun
        low = toks[i].lower
        if lex.nouns_capitalised and i > 0 and toks[i].capitalised and low not in lex.source_postpositions:
            continue  # a capitalised word inside a sentence is a noun here: "nach Angaben"
        if low in lex.source_postpositions:
            cues.append(Cue("postposition", i, i, i, toks[i].text))
        elif (
            lex.source_compound_preposition
            and low == lex.source_compound_preposition
            and i + 1 < n
            and toks[i + 1].quote < 0
            and any(toks[i + 1].lower.endswith(c) for c in lex.source_compounds)
        ):
            cues.append(Cue("compound", i, i + 1, i, text[toks[i].start : toks[i + 1].end]))
            taken.add(i + 1)
        elif low in lex.so_markers and _so_position(toks, i, lex):
            cues.append(Cue("so", i, i, i, toks[i].text))
        elif low in lex.quoting and (closing := _find_phrase(toks, i + 1, lex.quoting[low])) >= 0:
            # "The newspaper quoted an official as saying": kind quoting, particle = the frame's close
            cues.append(
                Cue("quoting", i, closing, i, text[toks[i].start : toks[closing].end], particle=closing)
            )
        elif low in lex.reflexive_quote_cues and i + 1 < n and toks[i + 1].lower in lex.reflexives:
            # "zeigte sich „überrascht“": an attitude in quoted words, never a reported clause
            cues.append(
                Cue(
                    "verb",
                    i,
                    i + 1,
                    i,
                    text[toks[i].start : toks[i + 1].end],
                    object_cue=True,
                    quote_only=True,
                )
            )
        elif low in lex.separable:
            particle = _find_particle(toks, i, lex.separable[low])
            if particle >= 0:
                words = toks[particle].text
                last = particle
                cues.append(Cue("verb", i, last, i, f"{toks[i].text} {words}", weak=False, particle=particle))
                continue
            if low in lex.verbs:
                cues.append(_verb_cue(toks, i, lex))
        elif low in lex.verbs and low not in lex.stance and not _passive_infinitive(toks, i, lex):
            cues.append(_verb_cue(toks, i, lex))
    cues.sort(key=lambda c: c.first)
    _mark_as_clauses(cues, toks, lex)
    return [c for c in cues if c.kind != "aside"]


def _passive_infinitive(toks: list[Token], i: int, lex: Lexicon) -> bool:
    """ "said to be suffering": a passive report about someone, not a cue."""
    return i + 2 < len(toks) and toks[i + 1].lower == "to" and toks[i + 2].lower in lex.auxiliaries


def _verb_cue(toks: list[Token], i: int, lex: Lexicon) -> Cue:
    low = toks[i].lower
    return Cue("verb", i, i, i, toks[i].text, weak=low in lex.weak_verbs, object_cue=low in lex.object_cues)


def _find_particle(toks: list[Token], i: int, particles: tuple[str, ...]) -> int:
    """The separable particle closing the verb's clause: "fügte sie hinzu", "teilte … mit, dass"."""
    for j in range(i + 1, min(len(toks), i + 25)):
        if toks[j].quote >= 0:
            return -1
        t = toks[j]
        if t.text in CLAUSE_PUNCT or t.text in ".!?":
            return -1
        for particle in particles:
            words = particle.split()
            if [x.lower for x in toks[j : j + len(words)]] == words:
                end = j + len(words)
                if (
                    end >= len(toks)
                    or toks[end].text in CLAUSE_PUNCT | {".", "!", "?"}
                    or toks[end].quote >= 0
                ):
                    if len(words) > 1:
                        return j + len(words) - 1
                    return j
    return -1


def _find_phrase(toks: list[Token], i: int, phrases: tuple[str, ...]) -> int:
    """The index of the last token of the first of ``phrases`` found after i in the unit, or -1."""
    for j in range(i, min(len(toks), i + 25)):
        if toks[j].text in ".!?" or toks[j].quote >= 0:
            return -1
        for phrase in phrases:
            words = phrase.split()
            if [t.lower for t in toks[j : j + len(words)]] == words:
                return j + len(words) - 1
    return -1


def _so_position(toks: list[Token], i: int, lex: Lexicon) -> bool:
    """ "…, so Weber." names a speaker: after a comma or a quotation, before a name or role."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev = toks[i - 1]
    if not (prev.text == "," or prev.quote >= 0):
        return False
    nxt = toks[i + 1]
    if not nxt.is_word:
        return False
    if nxt.capitalised and nxt.lower not in lex.stop_words:
        return True
    return nxt.lower in lex.determiners or nxt.lower in lex.pronouns


def _adjective_before_noun(words: list[Token], k: int, lex: Lexicon) -> bool:
    """ "wie die italienische Nachrichtenagentur Ansa", "as the local paper": a word before the
    noun it describes, which is no verb."""
    t = words[k]
    if k + 1 >= len(words) or t.lower in lex.verbs or t.lower in lex.finite_verbs:
        return False
    nxt = words[k + 1]
    return (
        nxt.capitalised or nxt.word.outlet or nxt.word.organisation or lex.role_gender(nxt.text) is not None
    )


def _in_source_phrase(t: Token, lex: Lexicon) -> bool:
    """A word of "wie das „Tageblatt“ am Dienstag", "as the ministry": names, articles, time words."""
    if t.quote >= 0 or not t.is_word or t.capitalised:
        return True
    low = t.lower
    return (
        low in lex.pronouns  # "wie er sagte", "as she said"
        or low in lex.determiners
        or low in lex.stop_words
        or low in lex.auxiliaries
        or low in lex.name_particles
        or lex.role_gender(t.text) is not None
        or t.word.outlet
        or t.word.organisation
        or t.word.document
    )


def apposed_name_before(toks: list[Token], verb: int) -> int | None:
    """The comma that opens ", Name," right before the token ``verb``, when there is such a name
    (one to four capitalised words), else None."""
    if verb < 4 or toks[verb - 1].text != ",":
        return None
    k = verb - 2
    while k >= 0 and verb - 2 - k < 4 and toks[k].is_word and toks[k].capitalised and toks[k].quote < 0:
        k -= 1
    if k < 0 or k == verb - 2 or toks[k].text != ",":
        return None
    return k


def _mark_as_clauses(cues: list[Cue], toks: list[Token], lex: Lexicon) -> None:
    """ "wie X berichtete" / "as X reported": the opener and the verb make one source cue."""
    for cue in cues:
        if cue.kind != "verb":
            continue
        # "wie der Direktor des Amtes, Karl Weber, mitteilte": a name set off by commas before the verb
        apposition = apposed_name_before(toks, cue.first)
        last = apposition - 1 if apposition is not None else cue.first - 1
        for j in range(last, max(-1, last - 10), -1):
            t = toks[j]
            if t.quote < 0 and (t.text in CLAUSE_PUNCT or t.text in ".!?"):
                break
            if t.lower in lex.source_clause_openers and (
                j == 0 or toks[j - 1].text in CLAUSE_PUNCT | {"(", "“", "”"}
            ):
                between = toks[j + 1 : cue.first]
                named = any(b.is_word and b.lower not in lex.auxiliaries for b in between)
                if named and all(
                    _in_source_phrase(b, lex) or _adjective_before_noun(between, k, lex)
                    for k, b in enumerate(between)
                ):
                    cue.kind = "as_clause"
                    cue.first = j
                elif not named:
                    cue.kind = "aside"  # "Wie berichtet, …": the paper's own earlier report, no source
                break
