"""A sentence ready for attribution (its tokens, cues and quotations), the drafts the frames make
of it, and the ranges of reported content inside it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from quotetrack.extract.cues import CLAUSE_PUNCT, Cue
from quotetrack.extract.quotes import QuoteSpan
from quotetrack.extract.segment import NAME_INITIALS, Token
from quotetrack.lexicon import Lexicon

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
        """The last token that may be a finite verb (an auxiliary, a finite form the word tables
        know, a word ending in -ed or -s, or one with a contracted auxiliary: "she'll"), or -1."""
        if self.verb_like < -1:
            self.verb_like = -1
            for k in range(len(self.toks) - 1, -1, -1):
                low = self.toks[k].lower
                if (
                    low in self.lex.auxiliaries
                    or low in self.lex.finite_verbs
                    or low.endswith(("ed", "s"))
                    or (self.lex.auxiliary_contractions and low.endswith(self.lex.auxiliary_contractions))
                ):
                    self.verb_like = k
                    break
        return self.verb_like

    def clause_start(self, i: int) -> int:
        """The first token of the clause that token i is in (after a comma, colon or quotation)."""
        starts = self.clause_starts
        if starts is None:
            starts = self.clause_starts = _clause_starts(self.toks, self.lex)
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


BRACKET_REACH = 12  # tokens within which a bracket must close to hold its commas


def _clause_starts(toks: list[Token], lex: Lexicon) -> list[int]:
    """Per token, the first token of its clause; one more entry for the position after the last."""
    starts: list[int] = []
    clause = 0
    last = len(toks) - 1
    closing = -1  # inside brackets that close here: "Glencore (OTCPK:GLCNF, OTCPK:GLNCY) CEO …"
    for k, t in enumerate(toks):
        starts.append(clause)
        if t.text == "(" and k > closing:
            closing = next(
                (j for j in range(k + 1, min(len(toks), k + BRACKET_REACH)) if toks[j].text == ")"), -1
            )
        if k < closing:
            continue
        if (
            t.quote >= 0
            or t.text in CLAUSE_PUNCT
            or (t.text in END_PUNCT and not _abbreviation_dot(toks, k, last, lex))
            or (t.text == "-" and 0 < k < last and toks[k - 1].end < t.start and t.end < toks[k + 1].start)
        ):
            clause = k + 1  # … and a hyphen standing for a dash: "in place - which he said …"
    starts.append(clause)
    return starts


def _abbreviation_dot(toks: list[Token], k: int, last: int, lex: Lexicon) -> bool:
    """The dot of an abbreviation right after its word, inside the sentence: it ends no clause.
    A single letter's dot may end one ("… mit Plan B. Dann"), so an initial is not taken here."""
    return (
        0 < k < last
        and toks[k].text == "."
        and toks[k - 1].end == toks[k].start
        and _abbreviated(toks[k - 1], lex)
    )


def abbreviation_dot(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """Whether token k is the dot of an abbreviation ("Sen.", "Dr.") or of an initial ("U.S.", "R.")."""
    if toks[k].text != "." or k == 0:
        return False
    before = toks[k - 1]
    return _abbreviated(before, lex) or (len(before.text) == 1 and before.text.isupper())


def _abbreviated(word: Token, lex: Lexicon) -> bool:
    """A word the dot after it abbreviates: one the language file knows ("Sen.", also "D-Calif.")
    or initials written as one word ("K.T." of "said K.T. Marlow")."""
    return (
        word.lower.rsplit("-", 1)[-1] + "." in lex.abbreviations
        or NAME_INITIALS.fullmatch(word.text) is not None
    )


def overlaps(a: Draft, b: Draft) -> bool:
    return a.start < b.end and b.start < a.end


def content_range(unit: Unit, first: int, last: int) -> tuple[int, int, str] | None:
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
            return quote_content(unit, q)
    if not has_words(toks, first, last, 2, outside=True) and not subject_of_quote(unit, first, last):
        return None
    start, end = toks[first].start, toks[last].end
    if toks[first].quote < 0 and toks[first].text in OPEN_MARKS and first < last:
        # a quotation mark left open: "said, “The fight is here, according to …"
        return toks[first + 1].start, end, "direct"
    quoted = bool(unit.quotes) and any(t.quote >= 0 and t.is_word for t in toks[first : last + 1])
    return start, end, "mixed" if quoted else "indirect"


def subject_of_quote(unit: Unit, first: int, last: int) -> bool:
    """One word, a pronoun or a name, before quoted words: He "terrorized our community"."""
    toks = unit.toks
    t = toks[first]
    return (
        first < last
        and t.quote < 0
        and (t.lower in unit.lex.subject_pronouns or (t.capitalised and t.word.name_like))
        and toks[first + 1].quote >= 0
        and has_words(toks, first + 1, last, 2)
    )


def has_words(toks: list[Token], first: int, last: int, count: int, *, outside: bool = False) -> bool:
    """Whether tokens first..last hold at least ``count`` words (outside quotations, if asked).
    Counting stops there, so that a long unit is not scanned again for every cue in it."""
    for k in range(first, last + 1):
        t = toks[k]
        if t.is_word and not (outside and t.quote >= 0):
            count -= 1
            if count <= 0:
                break
    return count <= 0


def quote_content(unit: Unit, q: QuoteSpan) -> tuple[int, int, str] | None:
    text = unit.text
    a, b = q.start, q.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    if b - a < 2:
        return None
    return a, b, "direct"


def kind_word(t: Token) -> bool:
    return t.word.outlet or t.word.organisation or t.word.document


def phrase_only(unit: Unit, first: int, last: int, *, nouns: bool = False) -> bool:
    """A noun phrase (names, roles, articles, prepositions), not a clause. ``nouns``: lower-case
    nouns of a language that does not capitalise them may stand in it too ("The director of the
    county office"), where a comma after the phrase shows where it ends."""
    lex, toks = unit.lex, unit.toks
    words = [t for t in toks[first : last + 1] if t.is_word and t.quote < 0]
    if not words or len(words) > 12:
        return False
    for k, t in enumerate(words):
        if t.capitalised or t.lower in lex.determiners or t.lower in lex.stop_words:
            continue
        if t.lower in lex.finite_verbs or t.lower in lex.subjunctive:
            return False  # "Hinzu kämen Urlauber …": a clause with its verb
        if t.lower in lex.name_particles or lex.role_gender(t.text) is not None or kind_word(t):
            continue  # … and "the union", "the company": a noun that names an organisation
        if nouns and t.lower in lex.common_nouns and t.lower not in lex.verbs and not lex.nouns_capitalised:
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if (
            nxt is not None
            and nxt.capitalised
            and (lex.nouns_capitalised or (k + 2 < len(words) and words[k + 2].capitalised))
        ):
            # an adjective before its noun: "des chinesischen Außenministeriums"; a description
            # before a full name: "Passenger advocate Jonas Petermann"
            continue
        if not lex.nouns_capitalised and any(
            lex.role_gender(w.text) is not None or kind_word(w) for w in words[k + 1 : k + 3]
        ):
            continue  # "chief financial officer"
        return False
    return True


def content_start(unit: Unit, i: int) -> int:
    """Where the content that ends before token i starts: the unit start, or after a leading
    frame that belongs to another cue (kept simple: the unit start)."""
    return 0


def content_end(unit: Unit, first: int) -> int:
    """The last token of content opening at ``first``: the unit end, or the token before a comma
    after which a second speaker reports ("Roe said the talks went well, while Smith said …") or
    an outlet relays what came before ("…, CNN reported.", "…, according to the AP, which …")."""
    toks = unit.toks
    for k in range(first + 3, len(toks) - 1):
        if (
            toks[k].text == ","
            and toks[k].quote < 0
            and (_second_report(unit, k + 1) or relay_tail(unit, k + 1))
        ):
            return k - 1
        if (
            toks[k].quote >= 0
            and toks[k - 1].text == ","
            and unit.quote_range(toks[k].quote)[1] == k
            and relay_tail(unit, k + 1)
        ):
            return k  # "… a “prime target,” CNN reported."
    return len(toks) - 1


RELAY_TAIL = 6  # words of an outlet and its verb closing a sentence: ", the news agency reported"


def relay_tail(unit: Unit, i: int) -> bool:
    """The unit closes at token i with who relayed what came before: a source preposition and its
    phrase ("according to the AP", perhaps then a relative clause about it), or a short phrase and
    a reporting verb with nothing after them ("CNN reported", "berichtete die Zeitung"). Only the
    next few tokens are read, so that a unit's commas are tried in linear time."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    if i >= n or toks[i].quote >= 0:
        return False
    if lex.source_prepositions is not None and lex.source_prepositions.match(unit.text, toks[i].start):
        for k in range(i, min(n, i + RELAY_TAIL + 4)):
            t = toks[k]
            if t.quote >= 0:
                return False
            if t.text in CLAUSE_PUNCT:
                # "…, according to the AP, which cited …": a relative clause about the source
                return t.text == "," and k + 1 < n and toks[k + 1].lower in lex.relative_pronouns
            if t.text in END_PUNCT:
                return k == n - 1 or all(x.text in END_PUNCT for x in toks[k:])
        return False
    rest = toks[i:]
    if len(rest) > RELAY_TAIL + 2:
        return False
    rest = [t for t in rest if t.text not in END_PUNCT]
    if not rest or any(
        t.quote >= 0 or t.text in CLAUSE_PUNCT or t.lower in lex.complementizers for t in rest
    ):
        return False
    verbs = [k for k, t in enumerate(rest) if t.lower in lex.verbs and not t.capitalised]
    return len(verbs) == 1 and (verbs[0] == len(rest) - 1 or verbs[0] == 0) and len(rest) >= 2


def report_follows(unit: Unit, i: int) -> bool:
    """After a reporting verb: its words follow from token i, as a comma, colon, complementizer
    or quotation within a few tokens (after an inverted subject: "sagte der Minister, dass"), or
    as a clause with its auxiliary ("said nothing had changed"); not an object ("noted strong
    competition", "added 200,000 jobs") and not the end ("…, Smith said.")."""
    lex = unit.lex
    for t in unit.toks[i : i + 5]:
        if t.quote >= 0 or t.text in ",:" or t.lower in lex.complementizers or t.lower in lex.auxiliaries:
            return True
        if t.text in ".!?;":
            return False
    return False


def _second_report(unit: Unit, i: int) -> bool:
    """A clause of its own report at token i: a conjunction or none, then a name or a pronoun,
    then a reporting verb ("while Smith said", "and she added", "während Weber sagte")."""
    lex, toks = unit.lex, unit.toks
    if i < len(toks) and toks[i].lower in lex.stop_words and not toks[i].capitalised:
        i += 1  # "while", "and", "während"
    if i >= len(toks) or not (toks[i].capitalised or toks[i].lower in lex.subject_pronouns):
        return False
    for k in range(i, min(len(toks), i + 4)):
        t = toks[k]
        if t.quote >= 0 or not t.is_word:
            return False
        if k > i and t.lower in lex.verbs and not t.capitalised:
            return report_follows(unit, k + 1)
        if k > i and not t.capitalised:
            return False
    return False


def relative_clause(unit: Unit, i: int) -> bool:
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


def has_subjunctive(unit: Unit, first: int, last: int) -> bool:
    sub = unit.lex.subjunctive
    return any(t.quote < 0 and t.lower in sub and not t.capitalised for t in unit.toks[first : last + 1])


def has_finite_clause(unit: Unit, first: int, last: int) -> bool:
    lex = unit.lex
    words = [t for t in unit.toks[first : last + 1] if t.quote < 0 and t.is_word]
    if len(words) < 3:
        return False
    return any(t.lower in lex.auxiliaries or t.lower in lex.subjunctive for t in words) or len(words) >= 5


def cue_text(cue: Cue) -> str:
    return cue.text
