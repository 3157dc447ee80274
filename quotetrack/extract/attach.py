"""Stage 4: attach content to cues in one sentence unit.

A unit is a sentence whose quotations are kept whole. Each frame below is one way
news attributes words; the first that fits a cue wins:

- tail:    CONTENT, sagte X. / "CONTENT," X said. / CONTENT, so X. / CONTENT, according to X.
- lead:    X sagte: CONTENT / X said (that) CONTENT / Laut X CONTENT / Wie X berichtete, CONTENT
- inner:   … laut X … (the source stays inside the content)
- object:  X sprach von „CONTENT“ / X called it "CONTENT"
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from quotetrack.extract.cues import CLAUSE_PUNCT, Cue, find_cues
from quotetrack.extract.quotes import QuoteSpan
from quotetrack.extract.segment import Token
from quotetrack.lexicon import Lexicon, canonical_outlet, first_name_gender, known_outlets
from quotetrack.text import fold

OPEN_MARKS = "„“\"»«‚‘'›‹"
END_PUNCT = ".!?…"
MAX_TAIL = 30  # tokens an attribution tail may have after reported speech
MAX_QUOTE_TAIL = 60  # … and after a quotation ("…," she said at her press conference on …)
_token_start = attrgetter("start")
_token_end = attrgetter("end")


@dataclass(slots=True)
class Draft:
    """A statement before its speaker is resolved."""

    start: int
    end: int
    type: str
    cue: str | None
    speaker: list[Token] = field(default_factory=list)
    speaker_text: str | None = None  # a speaker given as a word part ("Polizeiangaben")
    source: str | None = None
    time_from: int = 0
    time_to: int = 0
    confidence: float = 0.5
    inherit: bool = False  # the speaker is whoever spoke last
    label: bool = False  # a headline label ("Faeser: …"): kept only when the article quotes that speaker


@dataclass(slots=True)
class Unit:
    text: str
    start: int
    end: int
    toks: list[Token]
    quotes: list[QuoteSpan]  # outermost quotations overlapping the unit, in order
    lex: Lexicon
    paragraph: int
    quote_spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # quotation -> first, last token
    clause_starts: list[int] | None = None  # per token: the first token of its clause (when first asked)
    verb_like: int = -2  # see last_verb_like(); -2 until first asked

    def quote_range(self, qi: int) -> tuple[int, int]:
        return self.quote_spans[qi]

    def last_verb_like(self) -> int:
        """The last token that may be a finite verb (an auxiliary, or a word ending in -ed or -s), or -1."""
        if self.verb_like < -1:
            self.verb_like = -1
            for k in range(len(self.toks) - 1, -1, -1):
                low = self.toks[k].lower
                if low in self.lex.auxiliaries or low.endswith(("ed", "s")):
                    self.verb_like = k
                    break
        return self.verb_like

    def clause_start(self, i: int) -> int:
        """The first token of the clause that token i is in (after a comma, colon or quotation)."""
        starts = self.clause_starts
        if starts is None:
            starts = self.clause_starts = _clause_starts(self.toks)
        return starts[min(i, len(starts) - 1)]


def make_unit(
    text: str, start: int, end: int, toks: list[Token], quotes: list[QuoteSpan], lex: Lexicon, paragraph: int
) -> Unit:
    inside = [q for q in quotes if q.open < end and q.close >= start]
    spans: dict[int, tuple[int, int]] = {}
    # A token belongs to the first quotation it does not end after, when it starts at or after
    # the opening mark. Tokens are in order, so each quotation's tokens are found by bisection.
    k, n = 0, len(toks)
    for qi, q in enumerate(inside):
        stop = bisect_right(toks, q.close + 1, k, n, key=_token_end)  # tokens k..stop-1 end in time
        first = bisect_left(toks, q.open, k, stop, key=_token_start)  # … and these start in time
        for t in toks[first:stop]:
            t.quote = qi
        if first < stop:
            spans[qi] = (first, stop - 1)
        k = stop
    return Unit(text, start, end, toks, inside, lex, paragraph, spans)


def _clause_starts(toks: list[Token]) -> list[int]:
    """Per token, the first token of its clause; one more entry for the position after the last."""
    starts: list[int] = []
    clause = 0
    for k, t in enumerate(toks):
        starts.append(clause)
        if t.quote >= 0 or t.text in CLAUSE_PUNCT or t.text in END_PUNCT:
            clause = k + 1
    starts.append(clause)
    return starts


def attach(unit: Unit) -> list[Draft]:
    """The statements of one unit, each with its cue and speaker phrase."""
    toks = unit.toks
    if not toks:
        return []
    cues = find_cues(toks, unit.text, unit.lex)
    drafts: list[Draft] = []
    used: set[int] = set()
    # A tail ("…, sagte X.") closes its sentence: it wins over a cue inside the content.
    for frame in (_tail, _lead, _inner, _object):
        for cue in cues:
            if not used.isdisjoint(range(cue.first, cue.last + 1)):
                continue
            if drafts and any(d.start <= toks[cue.first].start < d.end for d in drafts):
                continue
            found = frame(unit, cue)
            if found:
                for d in found:
                    if not (drafts and any(_overlaps(d, e) for e in drafts)):
                        drafts.append(d)
                used.update(range(cue.first, cue.last + 1))
    drafts.sort(key=lambda d: d.start)
    if not drafts:
        drafts = _headline(unit) or _dash_credit(unit)
    drafts.extend(d for d in _colon_quotes(unit) if not any(_overlaps(d, e) for e in drafts))
    drafts.sort(key=lambda d: d.start)
    return drafts


def _colon_quotes(unit: Unit) -> list[Draft]:
    """A quotation closing its sentence after a colon is someone's words even with no cue:
    "…, das im Prozess verlesen wurde: „Wäre das …“". The speaker is a person the clause
    names, else whoever spoke last."""
    toks = unit.toks
    out: list[Draft] = []
    for qi, q in enumerate(unit.quotes):
        first, last = unit.quote_range(qi)
        if first == 0 or toks[first - 1].text != ":" or toks[first - 1].quote >= 0:
            continue
        if any(t.is_word for t in toks[last + 1 :]):
            continue
        content = _quote_content(unit, q)
        if content is None or len(unit.text[content[0] : content[1]].split()) < 3:
            continue
        named = _named_person(unit, unit.clause_start(first - 1), first - 1)
        out.append(
            Draft(content[0], content[1], "direct", None, speaker=named, inherit=not named, confidence=0.55)
        )
    return out


def _named_person(unit: Unit, first: int, stop: int) -> list[Token]:
    """The last full name (given name and surname) in tokens first..stop, or []."""
    toks = unit.toks
    found: list[Token] = []
    k = first
    while k < stop:
        given = toks[k].capitalised and first_name_gender(toks[k].text) is not None
        if given and k + 1 < stop and toks[k + 1].capitalised:
            j = k + 1
            while j < stop and toks[j].capitalised and toks[j].is_word:
                j += 1
            found = toks[k:j]
            k = j
        else:
            k += 1
    return found


def _dash_credit(unit: Unit) -> list[Draft]:
    """A headline quotation credited after a dash: "'As poor as we've been' - Rowett"."""
    lex, toks = unit.lex, unit.toks
    if not unit.quotes or toks[0].quote != 0:
        return []
    _, last = unit.quote_range(0)
    if last + 2 >= len(toks) or toks[last + 1].text not in "-–—":
        return []
    credit = toks[last + 2 :]
    if not _speaker_like(credit, lex):
        return []
    content = _quote_content(unit, unit.quotes[0])
    if content is None:
        return []
    return [Draft(content[0], content[1], "direct", None, speaker=credit, confidence=0.6)]


def cataphoric(unit: Unit) -> list[Token] | None:
    """ "Das sagte Lufthansa-Sprecher Andreas Bartels." names the speaker of the preceding
    sentences: the speaker phrase, or None when the unit is not such a sentence."""
    lex, toks = unit.lex, unit.toks
    if len(toks) < 3 or toks[0].lower not in lex.cataphora or any(t.quote >= 0 for t in toks):
        return None
    k = 1
    while k < len(toks) and toks[k].lower in lex.auxiliaries:
        k += 1
    if k >= len(toks) or toks[k].lower not in lex.verbs:
        return None
    np, _, _ = _np_after(unit, k + 1, len(toks))
    return np or None


def _headline(unit: Unit) -> list[Draft]:
    """ "Faeser: „Wir haben keine Krise“" / "Lufthansa: Verdi überschreitet …": a short speaker
    phrase and a colon open a headline or a labelled statement."""
    lex, toks = unit.lex, unit.toks
    colons = [i for i, t in enumerate(toks[:14]) if t.text == ":" and t.quote < 0]
    if not colons:
        return []
    prev = 0
    chosen = -1
    for c in colons:
        phrase = toks[prev:c]
        if not phrase or len(phrase) > 6 or not _speaker_like(phrase, lex):
            break
        chosen = c
        nxt = colons[colons.index(c) + 1] if colons.index(c) + 1 < len(colons) else -1
        if nxt < 0 or not _speaker_like(toks[c + 1 : nxt], lex):
            break
        prev = c + 1
    if chosen < 0:
        return []
    speaker = toks[prev:chosen]
    content = _content(unit, chosen + 1, len(toks) - 1)
    if content is None:
        return []
    start, end, kind = content
    if kind != "direct" and sum(1 for t in toks[chosen + 1 :] if t.is_word) < 4:
        return []
    return [
        Draft(
            start, end, kind, None, speaker=speaker, confidence=0.55 if kind == "direct" else 0.45, label=True
        )
    ]


def _speaker_like(phrase: list[Token], lex: Lexicon) -> bool:
    """A few words that can name a speaker: capitalised, a role, no verb, not a label."""
    if not phrase or len(phrase) > 6:
        return False
    words = [t for t in phrase if t.is_word]
    if not words or any(t.quote >= 0 for t in phrase):
        return False
    if " ".join(t.lower for t in phrase) in lex.labels or words[0].lower in lex.labels:
        return False
    if any(t.lower in lex.verbs or t.lower in lex.auxiliaries or t.lower in lex.pronouns for t in words):
        return False
    if not words[0].capitalised and lex.role_gender(words[0].text) is None:
        return False
    return all(
        t.capitalised
        or t.lower in lex.determiners
        or t.lower in lex.name_particles
        or lex.role_gender(t.text) is not None
        or t.text in "-–'’."
        for t in phrase
    )


def _overlaps(a: Draft, b: Draft) -> bool:
    return a.start < b.end and b.start < a.end


# --- content ranges -------------------------------------------------------------------------------


def _content(unit: Unit, first: int, last: int) -> tuple[int, int, str] | None:
    """Trim tokens first..last to a content span and type it (direct, mixed or indirect)."""
    toks = unit.toks
    while first <= last and (toks[first].text in CLAUSE_PUNCT or toks[first].text in ".!?"):
        first += 1
    while (
        last >= first
        and toks[last].quote < 0
        and (toks[last].text in CLAUSE_PUNCT or toks[last].text in END_PUNCT)
    ):
        last -= 1
    if first > last:
        return None
    if unit.quotes:  # without quotations every token has quote -1
        qs = {t.quote for t in toks[first : last + 1]}
        if qs and -1 not in qs and len(qs) == 1:
            qi = qs.pop()
            q = unit.quotes[qi]
            return _quote_content(unit, q)
    if not _has_words(toks, first, last, 2, outside=True):
        return None
    start, end = toks[first].start, toks[last].end
    if toks[first].quote >= 0 and toks[first].text in OPEN_MARKS:
        pass
    quoted = bool(unit.quotes) and any(t.quote >= 0 and t.is_word for t in toks[first : last + 1])
    return start, end, "mixed" if quoted else "indirect"


def _has_words(toks: list[Token], first: int, last: int, count: int, *, outside: bool = False) -> bool:
    """Whether tokens first..last hold at least ``count`` words (outside quotations, if asked).
    Counting stops there, so that a long unit is not scanned again for every cue in it."""
    for k in range(first, last + 1):
        t = toks[k]
        if t.is_word and not (outside and t.quote >= 0):
            count -= 1
            if count <= 0:
                break
    return count <= 0


def _quote_content(unit: Unit, q: QuoteSpan) -> tuple[int, int, str] | None:
    text = unit.text
    a, b = q.start, q.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    if b - a < 2:
        return None
    return a, b, "direct"


# --- speaker phrases ------------------------------------------------------------------------------


def _np_after(unit: Unit, i: int, stop: int) -> tuple[list[Token], str | None, int]:
    """The speaker phrase starting at token i (up to ``stop``), any relaying outlet after it,
    and the index where the attribution tail ends."""
    lex, toks = unit.lex, unit.toks
    out: list[Token] = []
    j = i
    while j < stop:
        t = toks[j]
        if t.quote >= 0 and t.text in OPEN_MARKS and t.quote != (toks[j - 1].quote if j > 0 else -2):
            # a quotation right after a determiner may be an outlet title: der „Rheinischen Post“
            break
        if t.text == "," and out:
            nxt = toks[j + 1] if j + 1 < stop else None
            if nxt is not None and _apposition(unit, j + 1, stop):
                out.append(t)
                j += 1
                continue
            break
        if t.text in CLAUSE_PUNCT or t.text in END_PUNCT:
            break
        if t.text in "()":
            out.append(t)
            j += 1
            continue
        if out and _relay_start(unit, j, stop):
            break
        if (
            out
            and t.lower in lex.determiners
            and t.lower not in lex.genitive_articles
            and out[-1].lower not in lex.phrase_links
            and out[-1].text != ","
        ):
            break  # "Kardinal Karl Lehmann den Ruf …": an object follows the subject
        if t.lower in lex.stop_words and t.lower not in lex.name_particles:
            if t.lower in lex.pronouns and not out:
                out.append(t)
                j += 1
                continue
            if t.lower in lex.phrase_links and out and _links_phrase(unit, j, stop):
                out.append(t)
                j += 1
                continue
            break
        if t.lower in lex.weekdays or t.lower in lex.relative_days:
            break
        if (
            out
            and not t.capitalised
            and t.is_word
            and t.lower not in lex.determiners
            and lex.role_gender(t.text) is None
            and not _kind_word(t)
            and not _noun_follows(unit, j + 1, stop)
        ):
            break  # lower case inside a phrase: only an adjective before its noun or a role word
        out.append(t)
        j += 1
    return out, None, j


def _links_phrase(unit: Unit, j: int, stop: int) -> bool:
    """ "Director of Exploration", "spokesman for the ministry": a preposition after a role or
    organisation word that leads to a name."""
    lex, toks = unit.lex, unit.toks
    prev = toks[j - 1]
    if not (lex.role_gender(prev.text) is not None or _kind_word(prev) or prev.capitalised):
        return False
    k = j + 1
    while k < stop and toks[k].lower in lex.determiners:
        k += 1
    return k < stop and toks[k].is_word and toks[k].capitalised and toks[k].quote < 0


def _noun_follows(unit: Unit, j: int, stop: int) -> bool:
    """Within the next few words, before any boundary: a capitalised word or a role, outlet or
    organisation word ("the business newspaper Bergen Finansavis")."""
    lex, toks = unit.lex, unit.toks
    for k in range(j, min(stop, j + 3)):
        t = toks[k]
        if not t.is_word or t.quote >= 0 or t.lower in lex.stop_words or t.lower in lex.verbs:
            return False
        if t.capitalised or lex.role_gender(t.text) is not None or _kind_word(t):
            return True
    return False


def _kind_word(t: Token) -> bool:
    return t.word.outlet or t.word.organisation or t.word.document


def _apposition(unit: Unit, j: int, stop: int) -> bool:
    """After a comma: a name ("…, Mao Ning") or a role phrase ("…, a spokeswoman for …")."""
    lex, toks = unit.lex, unit.toks
    t = toks[j]
    if t.quote >= 0:
        return False
    if t.capitalised and t.is_word and t.lower not in lex.determiners and t.lower not in lex.stop_words:
        if t.lower in lex.pronouns or t.lower in lex.verbs:
            return False
        # a name closing the unit or followed by its verb-less end
        k = j
        while k < stop and toks[k].is_word and (toks[k].capitalised or toks[k].lower in lex.name_particles):
            k += 1
        return k >= stop or toks[k].text in END_PUNCT or toks[k].text == ","
    if t.lower in lex.determiners and j + 1 < stop:
        return lex.role_gender(toks[j + 1].text) is not None and not lex.nouns_capitalised
    return False


def _relay_start(unit: Unit, j: int, stop: int) -> bool:
    """ "der „Rheinischen Post“", "der Deutschen Presse-Agentur", "dem Sender n-tv": an outlet in
    the dative after the speaker."""
    lex, toks = unit.lex, unit.toks
    t = toks[j]
    if t.lower not in lex.relay_articles:
        return False
    for k in range(j + 1, min(stop, j + 4)):
        nxt = toks[k]
        if nxt.quote >= 0 and nxt.text in OPEN_MARKS:
            return k == j + 1
        if nxt.word.outlet or fold(nxt.text) in known_outlets():
            return True
        if not nxt.is_word or nxt.lower in lex.stop_words:
            return False
    return False


def _relay(unit: Unit, i: int, stop: int, *, told: bool = False) -> str | None:
    """The outlet a statement was given to: "der „Rheinischen Post“", "gegenüber dpa", "told Reuters"."""
    lex, toks, text = unit.lex, unit.toks, unit.text
    j = i
    while j < stop:
        t = toks[j]
        if t.quote < 0 and t.text in END_PUNCT:
            break
        starts_relay = told and j == i
        if not starts_relay and t.lower in lex.relay_articles and _relay_start(unit, j, stop):
            starts_relay = True
        if not starts_relay and lex.relay_prepositions is not None and t.quote < 0:
            m = lex.relay_prepositions.match(text, t.start)
            if m:
                starts_relay = True
                while j + 1 < stop and toks[j + 1].end <= m.end():
                    j += 1
        if starts_relay:
            k = j + 1 if not (told and j == i) else j
            while k < stop and toks[k].lower in lex.determiners:
                k += 1
            if k < stop and toks[k].quote >= 0 and toks[k].text in OPEN_MARKS:
                q = unit.quotes[toks[k].quote]
                return canonical_outlet(text[q.start : q.end].strip())
            phrase: list[Token] = []
            while (
                k < stop
                and toks[k].quote < 0
                and toks[k].text not in CLAUSE_PUNCT
                and toks[k].text not in END_PUNCT
            ):
                if toks[k].lower in lex.stop_words and phrase:
                    break
                phrase.append(toks[k])
                k += 1
            if phrase:
                name = text[phrase[0].start : phrase[-1].end]
                if _outlet_like(name, phrase, lex):
                    return canonical_outlet(_strip_article(name, lex))
            return None
        j += 1
    return None


def _outlet_like(name: str, phrase: list[Token], lex: Lexicon) -> bool:
    if fold(name) in known_outlets() or fold(_strip_article(name, lex)) in known_outlets():
        return True
    return any(t.word.outlet for t in phrase) and any(t.capitalised for t in phrase)


def _strip_article(name: str, lex: Lexicon) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in lex.determiners:
        words = words[1:]
    return " ".join(words)


def _subject(unit: Unit, cue: Cue, stop: int, *, clause_from: int = -1) -> list[Token]:
    """The speaker phrase of a verb cue: before the verb, or after it (inverted order).

    In verb-second languages a leading adverbial ("Am Mittwoch sagte Roth") or a
    leading auxiliary clause ("Dann hat Roth … gesagt") puts the subject after the
    finite verb.
    """
    lex, toks = unit.lex, unit.toks
    if cue.first > 0 and toks[cue.first - 1].lower in lex.coordinators:
        # "Flake accused Trump … and said …": the second verb shares the first one's subject
        for v in range(cue.first - 2, -1, -1):
            if toks[v].quote < 0 and toks[v].lower in lex.verbs and not toks[v].capitalised:
                return _subject(unit, Cue("verb", v, v, v, toks[v].text), v)
    start = _title_start(unit, clause_from if clause_from >= 0 else cue.first)
    before = _with_titles(unit, start, cue.first)
    while before and before[0].lower in lex.complementizers:
        before = before[1:]
    if lex.verb_second:
        aux = next((k for k, t in enumerate(before) if t.lower in lex.auxiliaries and k > 0), -1)
        if aux > 0:
            front = before[:aux]
            if not _adverbial(front[0], lex):
                return front
            idx = toks.index(before[aux])
            return _np_after(unit, idx + 1, cue.first)[0]
    if not before and start >= 2 and toks[start - 1].text == ",":
        found = _apposed_subject(unit, start - 1)
        if found:
            return found
        return []
    aux_only = all(t.lower in lex.auxiliaries for t in before) if before else True
    adverbial_first = bool(before) and lex.verb_second and _adverbial(before[0], lex)
    if before and not aux_only and not adverbial_first:
        while before and before[-1].lower in lex.auxiliaries:
            before = before[:-1]
        if lex.verb_second and len(before) > 1 and before[-1].lower in lex.determiners:
            return []
        return before
    stop_at = cue.particle if cue.particle > 0 else stop
    return _np_after(unit, cue.head + 1, stop_at)[0]


def _apposed_subject(unit: Unit, comma: int) -> list[Token]:
    """The subject before a run of commas: "The spokesman, Christian Lindmeier, tells …",
    "Chambers, one of the longest-serving executives, said …", "Die Sprecherin …, Mao Ning, sagte: …".

    The comma-separated pieces from the sentence start are joined when they are noun
    phrases; relative clauses and descriptions ("who chairs …", "one of …") are skipped.
    """
    lex, toks = unit.lex, unit.toks
    start = comma
    while (
        start > 0 and toks[start - 1].quote < 0 and toks[start - 1].text not in ".!?:;" and comma - start < 40
    ):
        start -= 1
    pieces: list[list[Token]] = [[]]
    for t in toks[start:comma]:
        if t.text == ",":
            pieces.append([])
        else:
            pieces[-1].append(t)
    subject: list[Token] = []
    for piece in pieces:
        if not piece:
            continue
        first, last = toks.index(piece[0]), toks.index(piece[-1])
        if _phrase_only(unit, first, last) and any(t.capitalised or lex.role_gender(t.text) for t in piece):
            if piece[0].lower in lex.relative_pronouns and not lex.nouns_capitalised:
                continue
            if subject:
                subject.append(toks[first - 1])
            subject.extend(piece)
        elif not subject:
            return []  # the sentence opens with a clause: no subject before the commas
    return subject


def _adverbial(tok: Token, lex: Lexicon) -> bool:
    return tok.lower in lex.adverbials or (tok.lower in lex.stop_words and tok.lower not in lex.pronouns)


# --- frames ---------------------------------------------------------------------------------------


def _tail(unit: Unit, cue: Cue) -> list[Draft] | None:
    """CONTENT, sagte X. / "CONTENT," X said. / CONTENT, so X. / CONTENT, wie X berichtete."""
    if cue.kind not in ("verb", "so", "as_clause", "source", "impersonal"):
        return None
    lex, toks = unit.lex, unit.toks
    # the boundary before the attribution: a comma, a closing quotation mark, ? or !
    j = cue.first - 1
    while j >= 0 and toks[j].quote < 0 and toks[j].text not in CLAUSE_PUNCT and toks[j].text not in "?!":
        j -= 1
        if cue.first - j > 10:
            return None  # a subject this long is a clause of its own: no attribution tail
    subject = toks[j + 1 : cue.first]
    if j < 0:
        return None
    boundary = j
    if not subject and toks[j].text == "," and cue.kind == "verb" and not lex.verb_second:
        # "“…,” a neighbour, Gary Moran, told …": the subject is set off by commas
        k = j
        pieces: list[Token] = []
        while k >= 0 and toks[k].quote < 0 and toks[k].text not in "?!.:;" and j - k < 14:
            k -= 1
        if k >= 0 and toks[k].quote >= 0 and _phrase_only(unit, k + 1, j - 1):
            pieces = [t for t in toks[k + 1 : j] if t.text != ","]
        if pieces:
            subject, boundary = pieces, k
    if toks[boundary].quote >= 0 and not subject:
        qfirst, _ = unit.quote_range(toks[boundary].quote)
        if qfirst > 0 and toks[qfirst - 1].text not in ":" and toks[boundary].text not in ",?!":
            return None  # "… „mit aller Deutlichkeit“ gesagt": a quotation inside the clause
    if cue.kind != "verb" and subject:
        return None
    if subject and (len(subject) > 8 or any(_subordinating(t, lex) for t in subject)):
        return None  # "…, although he noted …": a subordinate clause, not an attribution
    if (
        subject
        and not lex.verb_second
        and cue.kind == "verb"
        and cue.last + 1 < len(toks)
        and not _told(cue, lex)
        and _clause_begins(unit, cue.last + 1, False)
        and toks[cue.last + 1].lower not in lex.pronouns
    ):
        return None  # "In a statement, X said the strike had cost …": the clause follows the verb
    if (
        subject
        and cue.last + 1 < len(toks)
        and not _tail_word(toks[cue.last + 1], lex)
        and not _told(cue, lex)
    ):
        return None  # "…, he noted strong competition": the verb has an object, so it reports nothing here
    if not subject and not lex.verb_second and cue.kind == "verb" and _object_follows(unit, cue.last + 1):
        return None  # "…, announced the investigation": an object, not an inverted speaker
    if subject and lex.verb_second and cue.kind == "verb" and toks[boundary].quote < 0:
        return None  # "…, Weber sagte" is not German word order for a tail
    # the tail runs to the unit's end or to a quotation that continues the statement
    end = len(toks)
    for k in range(cue.last + 1, min(len(toks), cue.last + MAX_QUOTE_TAIL + 2)):
        t = toks[k]
        opens = t.quote >= 0 and t.text in OPEN_MARKS and (k == 0 or toks[k - 1].quote != t.quote)
        if opens and (toks[k - 1].text in ",:" or toks[k - 1].text in END_PUNCT):
            end = k
            break
        if t.quote < 0 and t.lower in lex.complementizers:
            return None
        if t.quote < 0 and t.text == ":":
            # "…", so X, der … dankte: "…" — the words after the colon are X's too
            end = k + 1 if k + 1 < len(toks) and toks[k + 1].quote >= 0 else k
            break
    if end - cue.last > (MAX_QUOTE_TAIL if toks[boundary].quote >= 0 else MAX_TAIL):
        return None
    # content: from the clause start before the boundary
    if toks[boundary].quote >= 0:
        qi = toks[boundary].quote
        qfirst, _ = unit.quote_range(qi)
        content_first = _content_start(unit, qfirst)
        content_last = boundary
    else:
        content_first = _content_start(unit, boundary)
        content_last = boundary - 1
    content = _content(unit, content_first, content_last)
    if content is None:
        return None
    start, stop, kind = content
    weak = kind != "direct" and cue.kind == "verb" and cue.weak
    if weak and not _has_subjunctive(unit, content_first, content_last):
        return None  # "…, befand X" reports only what is in the subjunctive
    if kind != "direct" and _reports_inside(unit, content_first, content_last):
        return None  # "X hat Y gesagt, dass …, wie Y verrät": the inner report is the statement
    short = sum(1 for t in toks[content_first : content_last + 1] if t.is_word) <= 4
    phrase = _phrase_only(unit, content_first, content_last)
    rest = _parenthetical_rest(unit, cue.last + 1) if kind != "direct" and (phrase or short) else -1
    if rest >= 0:
        # "Many customers, she said, had not …": the attribution interrupts the content
        whole = _content(unit, content_first, len(toks) - 1)
        if whole is None:
            return None
        start, stop, kind = whole
    elif kind != "direct" and phrase:
        return None  # "Die Sprecherin …, Miriam Hollweg, sagte: …": a subject, not content
    if cue.kind == "so" or cue.kind == "source":
        speaker, _, tail_end = _np_after(unit, cue.last + 1, end)
    elif cue.kind == "as_clause":
        speaker = _trim_phrase(_with_titles(unit, cue.first + 1, cue.head), lex)
        tail_end = end
    elif cue.kind == "impersonal":
        speaker = []
        tail_end = end
    else:
        speaker = subject or _np_after(unit, cue.head + 1, cue.particle if cue.particle > 0 else end)[0]
        tail_end = end
    told = cue.kind == "verb" and _told(cue, lex)
    relay_from = cue.head + 1 if told else (speaker[-1].end if False else cue.head + 1)
    source = _relay(unit, relay_from, end, told=told)
    drafts = [
        Draft(
            start,
            stop,
            kind,
            _cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[boundary].end,
            time_to=toks[min(tail_end, len(toks)) - 1].end,
            confidence=0.9 if kind == "direct" else 0.75,
            inherit=cue.kind == "impersonal",
        )
    ]
    if end < len(toks) and toks[end].quote >= 0:
        # a split quotation: „A“, sagte sie, „B“
        qi = toks[end].quote
        q = unit.quotes[qi]
        more = _quote_content(unit, q)
        if more:
            drafts.append(
                Draft(
                    more[0],
                    more[1],
                    "direct",
                    None,
                    speaker=speaker,
                    source=source,
                    time_from=drafts[0].time_from,
                    time_to=drafts[0].time_to,
                    confidence=0.85,
                )
            )
    return drafts


def _reports_inside(unit: Unit, first: int, last: int) -> bool:
    """A reporting verb opening a complement clause inside the range ("gesagt, dass")."""
    lex, toks = unit.lex, unit.toks
    for k in range(first, last + 1):
        t = toks[k]
        if t.quote < 0 and t.lower in lex.verbs and t.lower not in lex.weak_verbs:
            for j in range(k + 1, min(last + 1, k + 12)):
                if toks[j].lower in lex.complementizers or toks[j].text == ":":
                    return True
                if toks[j].text in CLAUSE_PUNCT:
                    break
    return False


def _parenthetical_rest(unit: Unit, i: int) -> int:
    """After "…, she said": the index where the interrupted content resumes, or -1."""
    lex, toks = unit.lex, unit.toks
    for k in range(i, min(len(toks), i + 8)):
        t = toks[k]
        if t.quote >= 0 or t.text in END_PUNCT or t.text == ":":
            return -1
        if t.text == "," and k + 1 < len(toks):
            nxt = toks[k + 1]
            words = [w for w in toks[k + 1 :] if w.is_word]
            if len(words) >= 3 and not nxt.capitalised and nxt.lower not in lex.determiners and nxt.quote < 0:
                return k + 1
            return -1
    return -1


def _clause_begins(unit: Unit, k: int, in_phrase: bool) -> bool:
    """After an English reporting verb: does the reported clause start at token k?
    ("said conditions were …", "said on Tuesday it would …", "says Oregon is …")."""
    lex, toks = unit.lex, unit.toks
    t = toks[k]
    if not t.is_word:
        return False
    low = t.lower
    if low in lex.pronouns or low in lex.subject_pronouns:
        return k > 0 and toks[k - 1].lower not in lex.stop_words
    if low in lex.stop_words or low in lex.adverbials or low in lex.auxiliaries:
        return False
    if low in lex.weekdays or low in lex.relative_days or low in lex.months:
        return False
    if in_phrase:
        return False
    if low in lex.determiners:
        return k + 1 < len(toks) and toks[k + 1].lower not in lex.noun_frame_words
    return not low.endswith("ly")


def _subordinating(t: Token, lex: Lexicon) -> bool:
    return t.lower in lex.complementizers or (
        t.lower in lex.stop_words
        and t.lower not in lex.pronouns
        and t.lower not in lex.determiners
        and t.lower not in lex.name_particles
        and t.lower not in lex.phrase_links
    )


def _tail_word(t: Token, lex: Lexicon) -> bool:
    """What may follow the verb of a tail: the end, a preposition, a time word, a name."""
    if not t.is_word or t.quote >= 0:
        return True
    low = t.lower
    return (
        low in lex.stop_words
        or low in lex.adverbials
        or low in lex.determiners
        or low in lex.pronouns
        or low in lex.weekdays
        or low in lex.relative_days
        or t.capitalised
        or low in lex.auxiliaries
        or lex.role_gender(t.text) is not None
    )


def _object_follows(unit: Unit, k: int) -> bool:
    """An article and a common noun right after the verb: "announced the investigation"."""
    lex, toks = unit.lex, unit.toks
    if k + 1 >= len(toks) or toks[k].lower not in lex.determiners:
        return False
    nxt = toks[k + 1]
    return (
        nxt.is_word
        and not nxt.capitalised
        and lex.role_gender(nxt.text) is None
        and not _kind_word(nxt)
        and not _noun_follows(unit, k + 1, len(toks))
    )


def _told(cue: Cue, lex: Lexicon) -> bool:
    return cue.text.lower() in lex.hearer_verbs


def _phrase_only(unit: Unit, first: int, last: int) -> bool:
    """A noun phrase (names, roles, articles, prepositions), not a clause."""
    lex, toks = unit.lex, unit.toks
    words = [t for t in toks[first : last + 1] if t.is_word and t.quote < 0]
    if not words or len(words) > 12:
        return False
    for k, t in enumerate(words):
        if t.capitalised or t.lower in lex.determiners or t.lower in lex.stop_words:
            continue
        if t.lower in lex.name_particles or lex.role_gender(t.text) is not None:
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is not None and nxt.capitalised and lex.nouns_capitalised:
            continue  # an adjective before its noun: "des chinesischen Außenministeriums"
        if not lex.nouns_capitalised and any(
            lex.role_gender(w.text) is not None or _kind_word(w) for w in words[k + 1 : k + 3]
        ):
            continue  # "chief financial officer"
        return False
    return True


def _content_start(unit: Unit, i: int) -> int:
    """Where the content that ends before token i starts: the unit start, or after a leading
    frame that belongs to another cue (kept simple: the unit start)."""
    return 0


def _title_start(unit: Unit, i: int) -> int:
    """The clause start before token i, reaching over a short quoted title right after an
    article ("Der „Weserbote“ berichtete")."""
    toks = unit.toks
    start = unit.clause_start(i)
    if start > 0 and toks[start - 1].quote >= 0:
        qfirst, qlast = unit.quote_range(toks[start - 1].quote)
        q = unit.quotes[toks[start - 1].quote]
        short = len(unit.text[q.start : q.end].split()) <= 4
        if short and qlast == start - 1 and qfirst > 0 and toks[qfirst - 1].lower in unit.lex.determiners:
            return unit.clause_start(qfirst)
    return start


def _with_titles(unit: Unit, first: int, stop: int) -> list[Token]:
    """Tokens first..stop with short quoted titles kept: "das „Weserländer Tageblatt“"."""
    out: list[Token] = []
    for t in unit.toks[first:stop]:
        if t.quote >= 0:
            q = unit.quotes[t.quote]
            if len(unit.text[q.start : q.end].split()) > 6:
                continue
        out.append(t)
    return out


def _trim_phrase(toks: list[Token], lex: Lexicon) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        if t.lower in lex.stop_words and out and t.lower not in lex.name_particles:
            break
        if t.lower in lex.weekdays or t.lower in lex.relative_days:
            break
        out.append(t)
    return out


def _lead(unit: Unit, cue: Cue) -> list[Draft] | None:
    """X sagte: CONTENT / X said that CONTENT / Laut X CONTENT / Wie X berichtete, CONTENT."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    if cue.kind in ("source", "postposition", "compound", "as_clause"):
        return _lead_source(unit, cue)
    if cue.kind == "quoting":
        return _lead_quoting(unit, cue)
    if cue.kind != "verb":
        return None
    start = unit.clause_start(cue.first)
    if start > 0 and toks[start - 1].text == ":" and toks[start - 1].quote < 0:
        return None
    # find where the content opens: a colon, a complementizer, a comma, or a quotation
    k = (cue.particle if cue.particle > 0 else cue.last) + 1
    opener = -1
    how = ""
    skipped = 0
    in_phrase = False  # inside a prepositional phrase: "said in a statement that"
    while k < n and skipped < 18:
        t = toks[k]
        if (
            not lex.verb_second
            and t.quote < 0
            and not _told(cue, lex)
            and not cue.weak
            and _clause_begins(unit, k, in_phrase)
        ):
            return _lead_bare(unit, cue, k)  # "said conditions were mixed, …": the clause has begun
        if t.quote >= 0 and k > 0 and toks[k - 1].quote < 0 and _relay_start(unit, k - 1, n):
            k = unit.quote_range(t.quote)[1] + 1  # "sagte der „Elbtal-Zeitung“: …": a title, not the content
            skipped += 1
            continue
        if t.quote < 0 and t.lower in lex.stop_words and t.lower not in lex.pronouns:
            in_phrase = True
        if t.quote >= 0:
            opener, how = k, "quote"
            break
        if t.text == ":":
            opener, how = k, "colon"
            break
        if t.lower in lex.complementizers:
            opener, how = k, "that"
            break
        if t.text == ",":
            opener, how = k, "comma"
            break
        if t.text in "!?;" or (t.text in END_PUNCT and k == n - 1):
            break  # a dot inside the unit is an ordinal or abbreviation: "am 3. Mai"
        k += 1
        skipped += 1
    if opener < 0:
        if not lex.verb_second and not cue.weak:
            return _lead_bare(unit, cue)
        return None
    if (
        how == "quote"
        and opener > (cue.particle if cue.particle > 0 else cue.last) + 1
        and not cue.object_cue
    ):
        return None
    if how == "quote" and cue.object_cue and toks[opener].quote >= 0:
        return None  # sprach von „…“: the object frame
    first = opener + 1 if how != "quote" else opener
    if how == "comma":
        nxt = toks[first] if first < n else None
        if nxt is None:
            return None
        if nxt.quote < 0 and _relative_clause(unit, first):
            return None
        if nxt.quote < 0 and nxt.lower in lex.complementizers:
            first += 1
    if how == "that" and first < n and toks[first].text == ",":
        first += 1
    last = _content_end(unit, first)
    content = _content(unit, first, last)
    if content is None:
        return None
    start_c, end_c, kind = content
    if (
        cue.weak
        and how not in ("colon", "that")
        and kind != "direct"
        and not _has_subjunctive(unit, first, last)
    ):
        return None
    if (
        how == "comma"
        and kind == "indirect"
        and lex.verb_second
        and not _has_subjunctive(unit, first, last)
        and not _has_finite_clause(unit, first, last)
    ):
        return None
    speaker = _subject(unit, cue, opener)
    told = _told(cue, lex)
    source = _relay(unit, cue.head + 1, opener, told=told)
    conf = {"colon": 0.85, "that": 0.8, "comma": 0.7, "quote": 0.8}[how]
    return [
        Draft(
            start_c,
            end_c,
            kind,
            _cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[start].start,
            time_to=toks[opener].start,
            confidence=conf,
        )
    ]


def _lead_quoting(unit: Unit, cue: Cue) -> list[Draft] | None:
    """ "The newspaper quoted an official as saying that …" / "Die Zeitung zitierte X mit den Worten, …":
    the quoted person is the speaker; the quoting outlet is the source."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    first = cue.last + 1
    while (
        first < n
        and toks[first].quote < 0
        and (toks[first].text in ",:" or toks[first].lower in lex.complementizers)
    ):
        first += 1
    content = _content(unit, first, n - 1)
    if content is None:
        return None
    quoted = [t for t in toks[cue.head + 1 : cue.particle] if t.quote < 0]
    if quoted and "," in {t.text for t in quoted}:
        quoted = quoted[
            : [t.text for t in quoted].index(",")
        ]  # "einen Beamten, der …": drop the relative clause
    relay = parse_source(unit, unit.clause_start(cue.first), cue.first)
    return [
        Draft(
            content[0],
            content[1],
            content[2],
            _cue_text(cue),
            speaker=quoted,
            source=relay,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[min(first, n - 1)].start,
            confidence=0.7,
        )
    ]


def parse_source(unit: Unit, first: int, stop: int) -> str | None:
    """An outlet named by the words first..stop ("The newspaper", "Die Zeitung", "Reuters"), or None."""
    phrase = [t for t in unit.toks[first:stop] if t.is_word]
    if not phrase:
        return None
    name = unit.text[phrase[0].start : phrase[-1].end]
    return _strip_article(name, unit.lex) if _outlet_like(name, phrase, unit.lex) else None


def _lead_bare(unit: Unit, cue: Cue, first: int = -1) -> list[Draft] | None:
    """English "X says she has …": the clause follows the verb (from ``first``) with no "that"."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    told = _told(cue, lex)
    if first < 0:
        first = cue.head + 1
        if told:
            # told reporters / told the newspaper: skip the hearer
            k = first
            while k < n and toks[k].quote < 0 and toks[k].text not in CLAUSE_PUNCT and k - first < 5:
                if toks[k].lower in lex.pronouns and k > first:
                    break
                k += 1
            first = k
    if first >= n:
        return None
    nxt = toks[first]
    if not nxt.is_word or nxt.lower in lex.auxiliaries or nxt.lower in lex.object_prepositions:
        return None
    if (
        nxt.lower in lex.stop_words
        and nxt.lower not in lex.pronouns
        and nxt.lower not in lex.subject_pronouns
    ):
        return None
    last = _content_end(unit, first)
    content = _content(unit, first, last)
    if content is None or not _has_words(toks, first, last, 4):
        return None
    if unit.last_verb_like() <= first:  # ``last`` is the unit's last token
        return None
    speaker = _subject(unit, cue, first)
    if not speaker:
        return None
    source = _relay(unit, cue.head + 1, first, told=told)
    return [
        Draft(
            content[0],
            content[1],
            content[2],
            _cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[first].start,
            confidence=0.6,
        )
    ]


def _lead_source(unit: Unit, cue: Cue) -> list[Draft] | None:
    """Laut X …, X zufolge …, nach Polizeiangaben …, Wie X berichtete, …, According to X, …"""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    start = unit.clause_start(cue.first)
    if start != 0 and cue.kind != "as_clause":
        return None
    if cue.first != start and cue.kind != "postposition":
        return None
    speaker: list[Token] = []
    speaker_text = None
    if cue.kind == "source":
        speaker, _, after = _source_np(unit, cue.last + 1)
    elif cue.kind == "postposition":
        speaker = [t for t in toks[start : cue.first] if t.quote < 0]
        after = cue.last + 1
    elif cue.kind == "compound":
        word = toks[cue.last].text
        low = word.lower()
        for c in lex.source_compounds:
            if low.endswith(c) and len(low) > len(c) + 2:
                speaker_text = word[: len(word) - len(c)].rstrip("-")
                break
        after = cue.last + 1
    else:  # as_clause: "Wie X berichtete, CONTENT"
        speaker = _trim_phrase(_with_titles(unit, cue.first + 1, cue.head), lex)
        after = cue.last + 1
        while after < n and toks[after].text != "," and after - cue.last < 12:
            after += 1
        if after >= n:
            return None
    while after < n and toks[after].text in ",:":
        after += 1
    last = _content_end(unit, after)
    content = _content(unit, after, last)
    if content is None:
        return None
    return [
        Draft(
            content[0],
            content[1],
            content[2],
            _cue_text(cue),
            speaker=speaker,
            speaker_text=speaker_text,
            time_from=toks[cue.first].start,
            time_to=toks[min(after, n - 1)].start,
            confidence=0.75,
        )
    ]


def _source_np(unit: Unit, i: int) -> tuple[list[Token], None, int]:
    """The phrase after "laut"/"according to": up to a comma, or (German) the finite verb."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    out: list[Token] = []
    j = i
    while j < n:
        t = toks[j]
        if t.text == ",":
            break
        if t.quote >= 0 and t.text in OPEN_MARKS and out and out[-1].lower not in lex.determiners:
            break
        if t.text in END_PUNCT:
            break
        if (
            out
            and t.lower in lex.determiners
            and t.lower not in lex.genitive_articles
            and lex.nouns_capitalised
            and out[-1].lower not in lex.phrase_links
        ):
            break  # "… Dmytro Kuleba keine Fortschritte": the clause goes on
        if t.quote < 0 and t.is_word and not t.capitalised and t.lower not in lex.determiners:
            if lex.nouns_capitalised:
                nxt = toks[j + 1] if j + 1 < n else None
                is_adj = nxt is not None and nxt.capitalised and (not out or out[-1].lower in lex.determiners)
                if t.lower not in lex.name_particles and t.lower not in lex.phrase_links and not is_adj:
                    break
            elif len(out) >= 8 or (t.lower in lex.stop_words and t.lower not in lex.phrase_links):
                break
        out.append(t)
        j += 1
    return out, None, j


def _inner(unit: Unit, cue: Cue) -> list[Draft] | None:
    """… plant laut Nikkei, … : a source inside the clause; the whole unit is the content."""
    if cue.kind not in ("source", "postposition", "compound"):
        return None
    lex, toks = unit.lex, unit.toks
    if cue.first == 0:
        return None
    speaker: list[Token] = []
    speaker_text = None
    last = len(toks) - 1
    if cue.kind == "source":
        speaker, _, after = _source_np(unit, cue.last + 1)
        if after >= len(toks) or toks[after].text in END_PUNCT:
            last = cue.first - 1  # "… a “legitimate decision” according to attorneys.": the source closes it
    elif cue.kind == "postposition":
        k = cue.first - 1
        while k >= 0 and toks[k].quote < 0 and toks[k].text not in CLAUSE_PUNCT and cue.first - k <= 6:
            k -= 1
        speaker = [t for t in toks[k + 1 : cue.first] if t.quote < 0]
    else:
        word = toks[cue.last].text
        for c in lex.source_compounds:
            if word.lower().endswith(c) and len(word) > len(c) + 2:
                speaker_text = word[: len(word) - len(c)].rstrip("-")
    if not speaker and not speaker_text:
        return None
    content = _content(unit, 0, last)
    if content is None:
        return None
    return [
        Draft(
            content[0],
            content[1],
            content[2],
            _cue_text(cue),
            speaker=speaker,
            speaker_text=speaker_text,
            time_from=toks[cue.first].start,
            time_to=toks[cue.last].end,
            confidence=0.6,
        )
    ]


def _object(unit: Unit, cue: Cue) -> list[Draft] | None:
    """X sprach von „…“ / nannte es „…“ / called it "…": the quoted object is the statement."""
    if cue.kind != "verb" or not cue.object_cue:
        return None
    toks = unit.toks
    n = len(toks)
    k = (cue.particle if cue.particle > 0 else cue.last) + 1
    limit = min(n, k + 12)
    qi = -1
    clause_from = -1
    for j in range(cue.head + 1, limit):
        t = toks[j]
        if t.quote >= 0:
            qi = t.quote
            break
        if t.text in CLAUSE_PUNCT or t.text in END_PUNCT:
            break
    if qi < 0:
        # the quotation before the verb: "… als „systemische Herausforderung“ bezeichnet"
        for j in range(cue.first - 1, max(-1, cue.first - 4), -1):
            if toks[j].quote >= 0:
                qi = toks[j].quote
                clause_from = unit.quote_range(qi)[0]
                break
            if toks[j].text in CLAUSE_PUNCT:
                break
    if qi < 0:
        return _prepositional_object(unit, cue)
    content = _quote_content(unit, unit.quotes[qi])
    if content is None:
        return None
    speaker = _subject(unit, cue, limit, clause_from=clause_from)
    kind = "mixed" if toks[cue.head].lower in unit.lex.naming_cues else "direct"
    return [
        Draft(
            content[0],
            content[1],
            kind,
            _cue_text(cue),
            speaker=speaker,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[min(limit, n - 1)].end,
            confidence=0.6,
        )
    ]


def _prepositional_object(unit: Unit, cue: Cue) -> list[Draft] | None:
    """ "warnte China vor den Plänen der NATO, nach Asien zu expandieren": a warning's object,
    when it runs on into a clause, is what was said."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    k = cue.head + 1
    while k < n and toks[k].quote < 0 and toks[k].lower not in lex.object_prepositions and k - cue.head < 6:
        if toks[k].text in CLAUSE_PUNCT or toks[k].text in END_PUNCT:
            return None
        k += 1
    if k >= n or toks[k].lower not in lex.object_prepositions:
        return None
    words = [t for t in toks[k:] if t.is_word]
    if len(words) < 6 or not any(t.text == "," for t in toks[k:]):
        return None
    content = _content(unit, k, n - 1)
    if content is None:
        return None
    speaker = _subject(unit, cue, k)
    return [
        Draft(
            content[0],
            content[1],
            content[2],
            _cue_text(cue),
            speaker=speaker,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[k].start,
            confidence=0.5,
        )
    ]


def _content_end(unit: Unit, first: int) -> int:
    """The last token of content opening at ``first``: the unit end, before a trailing attribution."""
    return len(unit.toks) - 1


def _relative_clause(unit: Unit, i: int) -> bool:
    """ "…, der seit 2010 …": a relative pronoun, not the start of reported speech
    ("…, die alte Brücke sei marode" is an article, adjective and noun)."""
    lex, toks = unit.lex, unit.toks
    t = toks[i]
    if t.lower not in lex.relative_pronouns or i + 1 >= len(toks):
        return False
    if t.lower not in lex.determiners:
        return True
    nxt = toks[i + 1]
    if nxt.capitalised or nxt.lower in lex.determiners:
        return False
    after = toks[i + 2] if i + 2 < len(toks) else None
    return not (after is not None and after.capitalised and lex.nouns_capitalised)


def _has_subjunctive(unit: Unit, first: int, last: int) -> bool:
    sub = unit.lex.subjunctive
    return any(t.quote < 0 and t.lower in sub and not t.capitalised for t in unit.toks[first : last + 1])


def _has_finite_clause(unit: Unit, first: int, last: int) -> bool:
    lex = unit.lex
    words = [t for t in unit.toks[first : last + 1] if t.quote < 0 and t.is_word]
    if len(words) < 3:
        return False
    return any(t.lower in lex.auxiliaries or t.lower in lex.subjunctive for t in words) or len(words) >= 5


def _cue_text(cue: Cue) -> str:
    return cue.text
