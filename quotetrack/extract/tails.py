"""The tail frame: reported content first, the attribution after it ("…, sagte sie", "…, police
said").
"""

from __future__ import annotations

from quotetrack.extract.cues import CLAUSE_PUNCT, Cue
from quotetrack.extract.phrases import (
    as_clause_speaker,
    names_outlet,
    noun_follows,
    np_after,
    owner_of_source,
    relay,
    relaying_words,
    told_cue,
    trim_phrase,
)
from quotetrack.extract.segment import Token
from quotetrack.extract.speakers import joins_name, joins_roles
from quotetrack.extract.unit import (
    END_PUNCT,
    MAX_QUOTE_TAIL,
    MAX_TAIL,
    OPEN_MARKS,
    Draft,
    Unit,
    abbreviation_dot,
    content_range,
    content_start,
    cue_text,
    has_subjunctive,
    kind_word,
    phrase_only,
    quote_content,
    subject_of_quote,
)
from quotetrack.lexicon import Lexicon


def tail_frame(unit: Unit, cue: Cue) -> list[Draft] | None:
    """CONTENT, sagte X. / "CONTENT," X said. / CONTENT, so X. / CONTENT, wie X berichtete."""
    if cue.kind == "quoting":
        return _tail_quoting(unit, cue)
    if cue.quote_only:
        return None
    if cue.kind not in ("verb", "so", "as_clause", "source", "impersonal"):
        return None
    lex, toks = unit.lex, unit.toks
    if _after_continuation_comma(unit, cue):
        return None  # "He called it unprovoked, adding: …": what follows the participle is the statement
    # the boundary before the attribution: a comma, a closing quotation mark, ? or !
    j = cue.first - 1
    while j >= 0 and toks[j].quote < 0 and toks[j].text not in CLAUSE_PUNCT and toks[j].text not in "?!":
        j -= 1
        if cue.first - j > 10:
            return None  # a subject this long is a clause of its own: no attribution tail
    subject = toks[j + 1 : cue.first]
    if j < 0:
        return None
    if not lex.verb_second:
        while subject and (
            subject[-1].lower in lex.auxiliaries
            # "…," Ron Vale later said / recently told …: an adverb before the verb
            or (
                not subject[-1].capitalised
                and (subject[-1].lower in lex.adverbials or subject[-1].lower.endswith(lex.adverb_endings))
            )
        ):
            subject = subject[:-1]  # "…, she has said": the auxiliary is the verb's
    boundary = j
    inverted = lex.verb_second and len(subject) >= 2 and subject[0].lower in lex.auxiliaries
    if inverted:
        # "„…“, wurde Vorstandschef X zitiert" / "…, hat X gesagt": the finite auxiliary comes
        # first, the speaker between it and the participle
        subject = trim_phrase(subject[1:], lex)
    if not subject and toks[j].text == "," and cue.kind == "verb" and not lex.verb_second:
        # "“…,” a neighbour, Gary Moran, told …": the subject is set off by commas
        k = j
        pieces: list[Token] = []
        while (
            k >= 0
            and toks[k].quote < 0
            and (toks[k].text not in "?!.:;" or abbreviation_dot(toks, k, lex))  # "Sen. Rob Portman, …"
            and j - k < 14
        ):
            k -= 1
        if k >= 0 and toks[k].quote >= 0 and phrase_only(unit, k + 1, j - 1):
            pieces = [t for t in toks[k + 1 : j] if t.text != ","]
        elif k >= 0 and toks[k].quote >= 0:
            # "“…,” Bragg, whose office prosecuted the case, told reporters": a relative clause
            # after the subject
            comma = next((c for c in range(k + 1, j) if toks[c].text == ","), -1)
            if (
                comma > k + 1
                and toks[comma + 1].lower in lex.relative_pronouns
                and phrase_only(unit, k + 1, comma - 1)
            ):
                pieces = toks[k + 1 : comma]
        if pieces:
            subject, boundary = pieces, k
    if toks[boundary].quote >= 0 and not subject:
        qfirst, _ = unit.quote_range(toks[boundary].quote)
        if qfirst > 0 and toks[qfirst - 1].text not in ":" and toks[boundary].text not in ",?!":
            return None  # "… „mit aller Deutlichkeit“ gesagt": a quotation inside the clause
    if cue.kind != "verb" and subject:
        return None
    first_subject = toks.index(subject[0]) if subject else 0
    if subject and (
        len(subject) > 8
        or any(
            _subordinating(t, lex)
            and not joins_name(toks, first_subject + k, lex)
            and not joins_roles(toks, first_subject + k, lex)
            for k, t in enumerate(subject)
        )
    ):
        return None  # "…, although he noted …": a subordinate clause, not an attribution
    if (
        subject
        and not lex.verb_second
        and cue.kind == "verb"
        and cue.last + 1 < len(toks)
        and not told_cue(cue, lex)
        and (
            clause_begins(unit, cue.last + 1, False)
            or (
                toks[boundary].quote < 0  # "In the quarter to June, X said it earned …"
                and toks[cue.last + 1].lower in lex.subject_pronouns
                and cue.last + 2 < len(toks)
                and toks[cue.last + 2].is_word
                and not toks[cue.last + 2].capitalised
            )
        )
    ):
        return None  # "In a statement, X said the strike had cost …": the clause follows the verb
    if (
        subject
        and cue.last + 1 < len(toks)
        and not _tail_word(toks[cue.last + 1], lex)
        and not told_cue(cue, lex)
    ):
        return None  # "…, he noted strong competition": the verb has an object, so it reports nothing here
    if not subject and cue.kind == "verb" and told_cue(cue, lex):
        return None  # "X, a key member of …, told NBC News …": the one told follows, never the speaker
    if not subject and not lex.verb_second and cue.kind == "verb" and _object_follows(unit, cue.last + 1):
        return None  # "…, announced the investigation": an object, not an inverted speaker
    if not subject and not lex.verb_second and cue.kind == "verb" and _clause_follows(unit, cue.last + 1):
        return None  # "X, representing Y, said he was …": the words after the verb are reported
    if subject and lex.verb_second and cue.kind == "verb" and toks[boundary].quote < 0 and not inverted:
        return None  # "…, Weber sagte" is not German word order for a tail
    # the tail runs to the unit's end or to a quotation that continues the statement
    end = len(toks)
    relative = -1  # where a relative clause describing the speaker starts
    for k in range(cue.last + 1, min(len(toks), cue.last + MAX_QUOTE_TAIL + 2)):
        t = toks[k]
        opens = t.quote >= 0 and t.text in OPEN_MARKS and (k == 0 or toks[k - 1].quote != t.quote)
        if opens and (toks[k - 1].text in ",:" or toks[k - 1].text in END_PUNCT):
            end = k
            break
        if (
            t.quote < 0
            and t.text == ","
            and lex.continuation_cues
            and lex.continuation_cues.match(unit.text, t.start)
        ):
            end = k  # "…,” X said, adding that …": a second statement follows the tail
            break
        if t.quote < 0 and t.text == "," and k + 1 < len(toks) and toks[k + 1].lower in lex.relative_pronouns:
            relative = k if relative < 0 else relative  # "…, says X, a radioastronomer …, who wants to …"
        if t.quote < 0 and t.lower in lex.complementizers and relative < 0:
            return None
        if t.quote < 0 and t.text == ":":
            # "…", so X, der … dankte: "…" — the words after the colon are X's too
            end = k + 1 if k + 1 < len(toks) and toks[k + 1].quote >= 0 else k
            break
    else:
        if relative >= 0:
            end = relative  # the relative clause describes the speaker; the tail ends before it
    if end - cue.last > (MAX_QUOTE_TAIL if toks[boundary].quote >= 0 else MAX_TAIL):
        return None
    # content: from the clause start before the boundary
    if toks[boundary].quote >= 0:
        qi = toks[boundary].quote
        qfirst, _ = unit.quote_range(qi)
        content_first = content_start(unit, qfirst)
        content_last = boundary
    else:
        content_first = content_start(unit, boundary)
        content_last = boundary - 1
    closing = toks[content_last] if content_last >= 0 else None
    if closing is not None and closing.quote >= 0:
        qfirst, qlast = unit.quote_range(closing.quote)
        if qlast == content_last and qfirst > content_first and toks[qfirst - 1].text == ":":
            content_first = qfirst  # "X nahm Stellung: „…“, sagte er": the quotation alone
    content = content_range(unit, content_first, content_last)
    if content is None:
        return None
    start, stop, kind = content
    # "Auf die Frage, ob er zurücktrete, sagte X: „…“": the question is no statement, the answer is
    asked = kind != "direct" and _question_frame(unit, content_first, content_last)
    weak = kind != "direct" and cue.kind == "verb" and cue.weak
    if weak and not has_subjunctive(unit, content_first, content_last):
        return None  # "…, befand X" reports only what is in the subjunctive
    # "…, according to the AP" / "…, wie die Nachrichtenagentur dpa berichtete": an outlet relays
    relayed = (
        kind != "direct"
        and cue.kind in ("source", "as_clause")
        and names_outlet(
            relaying_words(unit, cue.first + 1 if cue.kind == "as_clause" else cue.last + 1), unit.text, lex
        )
    )
    if kind != "direct" and _reports_inside(unit, content_first, content_last, opening=relayed):
        # "X hat Y gesagt, dass …, wie Y verrät" / "X said, “…”, CNN reported": the inner report
        # is the statement
        return None
    short = sum(1 for t in toks[content_first : content_last + 1] if t.is_word) <= 4
    # He "terrorized our community," X said: the quotation is the predicate of a one-word subject
    phrase = phrase_only(unit, content_first, content_last) and not (
        kind == "mixed" and subject_of_quote(unit, content_first, content_last)
    )
    rest = (
        _parenthetical_rest(unit, cue.last + 1, bool(subject))
        if kind != "direct" and (phrase or short)
        else -1
    )
    if rest >= 0:
        # "Many customers, she said, had not …": the attribution interrupts the content
        whole = content_range(unit, content_first, len(toks) - 1)
        if whole is None:
            return None
        start, stop, kind = whole
    elif kind != "direct" and phrase:
        return None  # "Die Sprecherin …, Miriam Hollweg, sagte: …": a subject, not content
    if kind == "indirect" and not lex.verb_second and end < len(toks) and toks[end].quote >= 0:
        return None  # "In one video, Zelenskyy said, “…”": a lead after an adverbial, not a tail
    impersonal_place = False
    if cue.kind == "so" or cue.kind == "source":
        speaker, _, tail_end = np_after(unit, cue.last + 1, end)
        if cue.kind == "source":
            speaker = owner_of_source(speaker, lex)  # "…, according to an update from the Weather Office"
    elif cue.kind == "as_clause":
        speaker = as_clause_speaker(unit, cue)
        tail_end = end
    elif cue.kind == "impersonal":
        speaker = []
        tail_end = end
        after = cue.last + 1
        if after < end and toks[after].lower in lex.impersonal_sources:
            # "…, hieß es aus dem Ministerium", not the time and place after it
            speaker = np_after(unit, after + 1, end)[0]
        elif after < end and toks[after].lower in lex.place_prepositions:
            words = [t for t in toks[after + 1 : end] if t.is_word]
            if words and words[-1].word.document:
                speaker = words  # "…, heißt es in dem Bericht"
            else:
                impersonal_place = True  # "…, hieß es in Kiew": nobody named
    else:
        speaker = subject or np_after(unit, cue.head + 1, cue.particle if cue.particle > 0 else end)[0]
        tail_end = end
    told = cue.kind == "verb" and told_cue(cue, lex)
    relay_from = cue.head + 1 if told else (speaker[-1].end if False else cue.head + 1)
    source = relay(unit, relay_from, end, told=told)
    drafts = [
        Draft(
            start,
            stop,
            kind,
            cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[boundary].end,
            time_to=toks[min(tail_end, len(toks)) - 1].end,
            confidence=0.9 if kind == "direct" else 0.75,
            inherit=cue.kind == "impersonal" and not speaker and not impersonal_place,
        )
    ]
    if end < len(toks) and toks[end].quote >= 0:
        # a split quotation: „A“, sagte sie, „B“
        qi = toks[end].quote
        q = unit.quotes[qi]
        more = quote_content(unit, q)
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
    if asked:
        return drafts[1:] or None
    return drafts


def _tail_quoting(unit: Unit, cue: Cue) -> list[Draft] | None:
    """ "“CONTENT,” the agency quoted X as saying.": X speaks, the quoting outlet relays."""
    lex, toks = unit.lex, unit.toks
    if any(t.is_word for t in toks[cue.particle + 1 :]):
        return None
    j = cue.first - 1
    while j >= 0 and toks[j].quote < 0 and toks[j].text not in CLAUSE_PUNCT:
        j -= 1
    if j < 0 or cue.first - j > 7 or toks[j].quote < 0:
        return None  # the quotation must close right before the quoting outlet
    qfirst, _ = unit.quote_range(toks[j].quote)
    content = content_range(unit, content_start(unit, qfirst), j)
    quoted = [t for t in toks[cue.head + 1 : cue.particle] if t.quote < 0]
    if content is None or not quoted:
        return None
    start, stop, kind = content
    outlet = [t for t in toks[j + 1 : cue.first] if t.is_word]
    while outlet and outlet[0].lower in lex.determiners:
        outlet = outlet[1:]
    source = unit.text[outlet[0].start : outlet[-1].end] if outlet else None
    return [Draft(start, stop, kind, cue_text(cue), speaker=quoted, source=source, confidence=0.85)]


def _after_continuation_comma(unit: Unit, cue: Cue) -> bool:
    """A cue that is a participle after a comma (", adding", ", und fügte hinzu")."""
    pattern = unit.lex.continuation_cues
    comma = unit.toks[cue.first - 1] if cue.first > 0 else None
    return bool(pattern and comma is not None and comma.text == "," and pattern.match(unit.text, comma.start))


def _reports_inside(unit: Unit, first: int, last: int, opening: bool = False) -> bool:
    """A reporting verb opening a complement clause or a quotation inside the range ("gesagt,
    dass", "saying that", "said, “…"), or, with ``opening``, one that opens the range after its
    subject ("The mayor said the bridge would reopen, according to the AP"): the words are that
    verb's, and the tail only relays them."""
    lex, toks = unit.lex, unit.toks
    ahead = first + 6 if opening and toks[first].lower not in lex.subordinators else first
    for k in range(first + 1, min(last + 1, ahead)):
        t = toks[k]
        if t.quote >= 0 or t.text in CLAUSE_PUNCT:
            break
        if t.lower in lex.verbs and not t.capitalised:
            if _clause_after(unit, k + 1) and toks[k - 1].lower not in lex.auxiliaries:
                return True  # not "was reportedly asked to …": a passive reports nothing
            break
    for k in range(first, last + 1):
        t = toks[k]
        if t.quote < 0 and t.lower in lex.verbs:
            for j in range(k + 1, min(last + 1, k + 12)):
                if toks[j].lower in lex.complementizers or toks[j].text == ":":
                    return True
                if toks[j].text in OPEN_MARKS and (j == k + 1 or toks[j - 1].text in ",:"):
                    return True  # "said, “…" (a quotation left open too)
                if toks[j].text in CLAUSE_PUNCT:
                    if j + 1 <= last and toks[j + 1].text in OPEN_MARKS:
                        continue
                    break
    return False


def _clause_after(unit: Unit, i: int) -> bool:
    """A reported clause right after a verb: "that …", a colon, a comma where the language sets
    one before it, or a clause with its auxiliary or finite verb before any comma ("said the
    bridge would reopen"); not an infinitive or an object."""
    lex, toks = unit.lex, unit.toks
    if i < len(toks) and (toks[i].text == ":" or (toks[i].text == "," and lex.verb_second)):
        return True  # "sagte, die Straße werde …", "said: …"
    for t in toks[i : i + 6]:
        if t.quote >= 0 or t.text in CLAUSE_PUNCT or t.text in END_PUNCT or t.lower in lex.infinitive_markers:
            return False
        if t.lower in lex.complementizers or t.lower in lex.auxiliaries or t.lower in lex.finite_verbs:
            return True
    return False


def _question_frame(unit: Unit, first: int, last: int) -> bool:
    """A range that opens with a phrase without a verb and then asks ("Auf die Frage, ob …",
    "Asked whether …"): it frames a question."""
    lex, toks = unit.lex, unit.toks
    for k in range(first, min(last + 1, first + 8)):
        t = toks[k]
        if t.quote >= 0:
            return False
        if t.lower in lex.question_complementizers and k > first:
            return not any(
                (w.lower in lex.finite_verbs or w.lower in lex.auxiliaries or w.lower in lex.subjunctive)
                and not w.capitalised  # "Auf die Frage": a noun, though "frage" is a verb too
                for w in toks[first:k]
            )
    return False


def _parenthetical_rest(unit: Unit, i: int, named_before: bool) -> int:
    """After "…, she said" or "…, sagte sie": the index where the interrupted content resumes, or
    -1. A speaker stands before the verb (``named_before``) or between it and the comma: in "Die
    Sprecherin, Anna Thomsen, sagte, er sei …" nobody does, and the words before are the subject."""
    lex, toks = unit.lex, unit.toks
    for k in range(i, min(len(toks), i + 8)):
        t = toks[k]
        if t.quote >= 0 or t.text in END_PUNCT or t.text == ":":
            return -1
        if t.text == "," and k == i and not named_before:
            return -1
        if t.text == "," and k + 1 < len(toks):
            nxt = toks[k + 1]
            words = [w for w in toks[k + 1 :] if w.is_word]
            if len(words) >= 3 and not nxt.capitalised and nxt.lower not in lex.determiners and nxt.quote < 0:
                return k + 1
            return -1
    return -1


def _clause_follows(unit: Unit, k: int) -> bool:
    """A reported clause right after the verb: "said that …", "said he was …" (not the inverted
    speaker of "…,” said he.")."""
    lex, toks = unit.lex, unit.toks
    if k >= len(toks) or toks[k].quote >= 0:
        return False
    low = toks[k].lower
    if low in lex.complementizers:
        return True
    if (low in lex.subject_pronouns or low in lex.pronouns) and k + 1 < len(toks) and toks[k + 1].is_word:
        return True
    # "said the government was considering …": an auxiliary before the next mark ends the subject
    for t in toks[k + 1 : k + 8]:
        if not t.is_word or t.quote >= 0:
            return False
        if t.lower in lex.auxiliaries:
            return True
    return False


def clause_begins(unit: Unit, k: int, in_phrase: bool) -> bool:
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
        and not kind_word(nxt)
        and not noun_follows(unit, k + 1, len(toks))
    )
