"""Lead frames: the attribution before the content ("Sie sagte, dass …", "Laut X …", "according to
X"), content inside the attribution, and cues whose object is the content.
"""

from __future__ import annotations

from quotetrack.extract.cues import CLAUSE_PUNCT, Cue
from quotetrack.extract.phrases import (
    as_clause_speaker,
    document_owner,
    named_person,
    outlet_name,
    owner_of_source,
    parse_source,
    postposition_np,
    relay,
    relay_start,
    relaying_words,
    source_np,
    source_owner,
    subject,
    told_cue,
)
from quotetrack.extract.segment import Token
from quotetrack.extract.tails import clause_begins
from quotetrack.extract.unit import (
    END_PUNCT,
    Draft,
    Unit,
    content_end,
    content_range,
    cue_text,
    has_finite_clause,
    has_subjunctive,
    has_words,
    quote_content,
    relative_clause,
    relay_tail,
    report_follows,
)
from quotetrack.lexicon import Lexicon


def _adjunct_end(unit: Unit, k: int) -> int:
    """Where a time ("on Sunday", "yesterday", "on March 3") or a frame ("in a statement")
    that starts at token ``k`` ends; ``k`` itself when none starts there."""
    lex, toks = unit.lex, unit.toks
    t = toks[k]
    if t.quote >= 0:
        return k
    if lex.noun_frames is not None:
        found = lex.noun_frames.match(unit.text, t.start)
        if found is not None:
            j = k
            while j < len(toks) and toks[j].start < found.end():
                j += 1
            return j
    j = k + 1 if t.lower in lex.stop_words and k + 1 < len(toks) else k
    if toks[j].lower in lex.weekdays or toks[j].lower in lex.relative_days:
        if j + 1 < len(toks) and toks[j + 1].lower in lex.day_parts:
            return j + 2  # "said Thursday evening that …"
        return j + 1
    if toks[j].lower in lex.months:
        j += 1
        while j < len(toks) and (toks[j].text.isdigit() or toks[j].text == ","):
            j += 1
        return j
    return k


def _colon_quotation(unit: Unit, k: int) -> bool:
    """A colon and a quotation from token k on, after at most one word ("äußerte sich deutlich:")."""
    toks = unit.toks
    if k < len(toks) and toks[k].is_word and toks[k].quote < 0:
        k += 1
    return k + 1 < len(toks) and toks[k].text == ":" and toks[k + 1].quote >= 0


def lead_frame(unit: Unit, cue: Cue) -> list[Draft] | None:
    """X sagte: CONTENT / X said that CONTENT / Laut X CONTENT / Wie X berichtete, CONTENT."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    if cue.quote_only and not _colon_quotation(unit, cue.last + 1):
        return None  # "zeigte sich „überrascht“", but "äußerte sich: „…“" quotes
    if cue.kind in ("source", "postposition", "compound", "as_clause"):
        return _lead_source(unit, cue)
    if cue.kind == "quoting":
        return _lead_quoting(unit, cue)
    if cue.kind == "impersonal":
        return _lead_impersonal(unit, cue)
    if cue.kind != "verb":
        return None
    start = unit.clause_start(cue.first)
    if start > 0 and toks[start - 1].text == ":" and toks[start - 1].quote < 0:
        return None
    if _closes_subordinate(unit, cue):
        return None
    if told_cue(cue, lex) and cue.last + 1 < n and toks[cue.last + 1].lower in lex.infinitive_markers:
        return None  # "has been told to stay at home": a request, not a report
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
            and not told_cue(cue, lex)
            and not cue.weak
            and clause_begins(unit, k, in_phrase)
        ):
            return _lead_bare(unit, cue, k)  # "said conditions were mixed, …": the clause has begun
        if t.quote >= 0 and k > 0 and toks[k - 1].quote < 0 and relay_start(unit, k - 1, n):
            k = unit.quote_range(t.quote)[1] + 1  # "sagte der „Elbtal-Zeitung“: …": a title, not the content
            skipped += 1
            continue
        adjunct = _adjunct_end(unit, k) if not lex.verb_second and not in_phrase else k
        if adjunct > k:
            # "said on Sunday crews had …", "said in a statement the talks …": a time or a
            # frame between the verb and its clause
            k = adjunct
            skipped += 1
            continue
        if t.quote < 0 and t.lower in lex.stop_words and t.lower not in lex.pronouns:
            in_phrase = True
        if t.quote >= 0:
            opener, how = k, "quote"
            break
        if t.text == ":" or (t.text == ";" and k + 1 < n and toks[k + 1].quote >= 0):
            opener, how = k, "colon"  # "he added; “It is true …”": a semicolon for a colon
            break
        if t.lower in lex.complementizers:
            if t.lower in lex.question_complementizers:
                return None  # "declined to say whether …", "wollte nicht sagen, ob …": a question
            if _object_before_that(unit, cue, k):
                return None  # "after reporting revenue that fell short": a relative clause
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
        if told_cue(cue, lex) and not lex.verb_second:
            # "told NBC News the final number … “looks more like 60,000”": a clause after the hearer
            return _lead_bare(unit, cue)
        return None
    if how == "quote" and cue.object_cue and toks[opener].quote >= 0:
        return None  # sprach von „…“: the object frame
    first = opener + 1 if how != "quote" else opener
    if how == "comma":
        nxt = toks[first] if first < n else None
        if nxt is None:
            return None
        if nxt.quote < 0 and relative_clause(unit, first):
            return None
        if nxt.quote < 0 and nxt.lower in lex.complementizers:
            first += 1
    if how == "that" and first < n and toks[first].text == ",":
        first += 1
    last = content_end(unit, first)
    content = content_range(unit, first, last)
    if content is None:
        return None
    start_c, end_c, kind = content
    if (
        cue.weak
        and how not in ("colon", "that")
        and kind != "direct"
        and not has_subjunctive(unit, first, last)
        and not (kind == "mixed" and how == "quote" and _verb_after_quote(unit, first, last))
    ):
        return None
    if how == "comma" and kind == "indirect" and not lex.verb_second:
        # English reports after "said" with "that", a colon or a quotation, or with none at all;
        # after a comma comes another clause ("…quarter reported Thursday, and profit fell",
        # "who tweeted about it, declined to comment")
        return None
    if (
        how == "comma"
        and kind == "indirect"
        and lex.verb_second
        and not has_subjunctive(unit, first, last)
        and not has_finite_clause(unit, first, last)
    ):
        return None
    speaker = subject(unit, cue, opener)
    told = told_cue(cue, lex)
    source = _relay_around(unit, cue, opener, told, last)
    conf = {"colon": 0.85, "that": 0.8, "comma": 0.7, "quote": 0.8}[how]
    return [
        Draft(
            start_c,
            end_c,
            kind,
            cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[start].start,
            time_to=toks[opener].start,
            confidence=conf,
        )
    ]


def _closes_subordinate(unit: Unit, cue: Cue) -> bool:
    """Where verbs go last in subordinate clauses: the verb ends a relative or complement clause
    ("…, deren Methoden die Geschichte beschrieb, …", "…, dass er es erklärte, …"), so what
    follows it is not its content. The clause opens with a relative pronoun that is no article
    ("deren", "welche") or a complementizer, after a comma, and no other verb stands between."""
    lex, toks = unit.lex, unit.toks
    if not lex.verb_second:
        return False
    for k in range(cue.first - 1, -1, -1):
        t = toks[k]
        if t.quote >= 0 or t.text in ".!?:;" or t.lower in lex.verbs or t.lower in lex.finite_verbs:
            return False
        opener = t.lower in lex.complementizers or (
            t.lower in lex.relative_pronouns and t.lower not in lex.determiners
        )
        if opener and k > 0 and toks[k - 1].text == "," and not t.capitalised:
            return True
    return False


def _lead_impersonal(unit: Unit, cue: Cue) -> list[Draft] | None:
    """ "Aus dem Ministerium hieß es, …": the words after the phrase, from whom the preposition
    before it names; "In Berlin hieß es, …" names nobody; "Weiter hieß es, …" goes on with the
    source before."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    start = unit.clause_start(cue.first)
    first = cue.last + 1
    if first >= n or toks[first].quote >= 0 or toks[first].text not in ",:":
        return None
    first += 1
    if first < n and toks[first].lower in lex.complementizers:
        first += 1
    last = content_end(unit, first)
    content = content_range(unit, first, last)
    if content is None or not has_words(toks, first, last, 3):
        return None
    if (
        content[2] == "indirect"
        and not has_subjunctive(unit, first, last)
        and not has_finite_clause(unit, first, last)
    ):
        return None
    before = [t for t in toks[start : cue.first] if t.quote < 0]
    speaker: list[Token] = []
    # "Weiter hieß es, …" goes on with the source before; "Wie es heißt, …" names nobody
    inherit = bool(before) and all(t.lower in lex.adverbials or not t.is_word for t in before)
    if before and before[0].lower in lex.impersonal_sources:
        speaker = before[1:]
        inherit = False
    elif len(before) >= 2 and before[0].lower in lex.place_prepositions and before[-1].word.document:
        speaker = before[1:]  # "In der Urteilsbegründung heißt es, …": the document says it
        inherit = False
    elif len(before) >= 2 and before[0].lower in lex.place_prepositions:
        owned = document_owner(before[1:], lex)
        if owned:
            speaker = owned  # "In einer Erklärung des Präsidenten X vom Freitag heißt es, …": X says it
            inherit = False
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=speaker,
            time_from=toks[start].start,
            time_to=toks[first - 1].end,
            confidence=0.6,
            inherit=inherit,
        )
    ]


def _object_before_that(unit: Unit, cue: Cue, k: int) -> bool:
    """Whether the words between a verb that tells no one and its "that" are a noun object,
    which the "that" relates to ("reported revenue that fell", "announced a plan that …")."""
    lex, toks = unit.lex, unit.toks
    between = toks[(cue.particle if cue.particle > 0 else cue.last) + 1 : k]
    if lex.verb_second or told_cue(cue, lex):
        return False  # "said in a statement that" is no object: a preposition is no common word
    return _noun_phrase(between, lex)


def _noun_phrase(words: list[Token], lex: Lexicon) -> bool:
    """A short phrase of words of the language ending in a common noun: "revenue", "a plan"."""
    return (
        0 < len(words) <= 3
        and words[-1].lower in lex.common_nouns
        and all(
            t.is_word and t.quote < 0 and not t.capitalised and t.lower not in lex.stop_words for t in words
        )
        and all(t.lower in lex.determiners or t.lower in lex.common_words for t in words[:-1])
    )


def _relay_around(unit: Unit, cue: Cue, stop: int, told: bool, last: int) -> str | None:
    """The outlet a lead names after its verb ("told Reuters", "sagte der Zeitung"), else in a
    frame before its subject ("In an interview with station WSYX, X said …"), else after its
    content ("X said …, according to the AP")."""
    source = relay(unit, cue.head + 1, stop, told=told)
    start = unit.clause_start(cue.first)
    if source is None and start > 0:
        source = relay(unit, 0, start)
    if source is None:
        source = _relay_after(unit, last + 1)
    return source


def _relay_after(unit: Unit, i: int) -> str | None:
    """ "…, according to the Associated Press.": the outlet a source phrase after the content names."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    while i < n and toks[i].text == ",":
        i += 1
    if i >= n:
        return None
    m = lex.source_prepositions.match(unit.text, toks[i].start) if lex.source_prepositions else None
    if m is not None and relay_tail(unit, i):
        k = i
        while k < n and toks[k].end <= m.end():
            k += 1
    elif toks[i].lower in lex.source_clause_openers:
        k = i + 1  # "…, as the AP reported", "…, wie die dpa berichtete"
    else:
        return None
    return outlet_name(relaying_words(unit, k), unit.text, lex)


def _verb_after_quote(unit: Unit, first: int, last: int) -> bool:
    """ "estimated “between 100,000 and 200,000” could die": the quoted words open a clause
    whose finite verb follows them."""
    toks = unit.toks
    _, closing = unit.quote_range(toks[first].quote)
    return any(t.lower in unit.lex.finite_verbs for t in toks[closing + 1 : last + 1] if t.quote < 0)


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
    content = content_range(unit, first, n - 1)
    if content is None:
        return None
    quoted = [t for t in toks[cue.head + 1 : cue.particle] if t.quote < 0]
    if quoted and "," in {t.text for t in quoted}:
        quoted = quoted[
            : [t.text for t in quoted].index(",")
        ]  # "einen Beamten, der …": drop the relative clause
    relay = parse_source(unit, unit.clause_start(cue.first), cue.first)
    named = any(t.is_word and t.lower not in lex.stop_words for t in quoted)  # not the frame's "as"
    if not named and cue.head > 0 and toks[cue.head - 1].lower in lex.auxiliaries:
        # "Hanna Berg was quoted as saying": the passive's subject is the one quoted
        quoted = [t for t in toks[unit.clause_start(cue.first) : cue.head - 1] if t.quote < 0]
        relay = None
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=quoted,
            source=relay,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[min(first, n - 1)].start,
            confidence=0.7,
        )
    ]


def _lead_bare(unit: Unit, cue: Cue, first: int = -1) -> list[Draft] | None:
    """English "X says she has …": the clause follows the verb (from ``first``) with no "that"."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    told = told_cue(cue, lex)
    if first < 0:
        first = cue.head + 1
        if told:
            # told reporters / told the newspaper / told NBC News' Today show: skip the hearer
            first = _after_hearer(unit, first)
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
    last = content_end(unit, first)
    content = content_range(unit, first, last)
    if content is None or not has_words(toks, first, last, 3):
        return None
    # three words are a clause only with their verb: "demand had doubled", not "the plans yesterday"
    verbs = sum(t.lower in lex.auxiliaries or t.lower in lex.finite_verbs for t in toks[first + 1 : last + 1])
    verb = verbs > 0
    rel = next(
        (
            k
            for k in range(first + 1, min(last, first + 4))
            if toks[k].lower in lex.relative_pronouns or toks[k].lower in lex.complementizers
        ),
        -1,
    )
    if verbs <= 1 and rel > 0 and _noun_phrase(toks[first:rel], lex):
        return None  # "reported profits that beat forecasts": an object and its relative clause
    participle = toks[cue.head].lower.endswith("ing")  # "saying goodbye to the fans": no clause
    # "announced its results for the quarter": a possessive opens an object, not a clause
    possessive = toks[first].lower in lex.possessive_determiners
    if not verb and (participle or possessive or not has_words(toks, first, last, 4)):
        return None
    verb_at = unit.last_verb_like()  # the unit's last verb-like token
    contracted = bool(lex.auxiliary_contractions) and toks[first].lower.endswith(lex.auxiliary_contractions)
    if verb_at < first or (verb_at == first and not contracted):  # "says she'll run": its own verb
        return None
    speaker = subject(unit, cue, first)
    if not speaker:
        return None
    source = _relay_around(unit, cue, first, told, last)
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=speaker,
            source=source,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[first].start,
            confidence=0.6,
        )
    ]


def _after_hearer(unit: Unit, first: int) -> int:
    """Where the clause after "told X" starts: after a pronoun ("told him"), a run of capitalised
    words ("told NBC News' Today show"), or an article and a noun ("told the committee")."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    k = first
    if k >= n or toks[k].quote >= 0:
        return k
    if toks[k].lower in lex.pronouns:
        return k + 1
    if toks[k].lower in lex.determiners and k + 1 < n and toks[k + 1].capitalised:
        k += 1  # "told the Associated Press the …": the article of a name
    if toks[k].capitalised:
        while k < n and toks[k].quote < 0 and (toks[k].capitalised or toks[k].text in ("'s", "’s", "'", "’")):
            k += 1
        # "… Today show": a common noun that ends the programme's name
        if k < n and toks[k].is_word and not toks[k].capitalised and toks[k].word.outlet:
            k += 1
        return k
    if toks[k].lower in lex.determiners:
        k += 1
    # "the local newspaper", "the committee": up to the noun that names the hearer, else one word
    for j in range(k, min(n, k + 3)):
        t = toks[j]
        if (
            not t.is_word
            or t.quote >= 0
            or t.capitalised
            or t.lower in lex.pronouns
            or t.lower in lex.determiners
        ):
            break
        if t.word.outlet or t.word.organisation or lex.role_gender(t.text) is not None:
            return j + 1
    return k + 1  # "told reporters", "told the court"


def _lead_source(unit: Unit, cue: Cue) -> list[Draft] | None:
    """Laut X …, X zufolge …, nach Polizeiangaben …, Wie X berichtete, …, According to X, …"""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    start = unit.clause_start(cue.first)
    if start != 0 and cue.kind != "as_clause":
        return None
    if cue.first != start and cue.kind != "postposition":
        return None
    if cue.kind == "postposition" and not _opens_clause(unit, postposition_np(unit, cue.first), start):
        return None  # "… waren den Angaben zufolge unklar": the source stands inside the clause
    speaker: list[Token] = []
    speaker_text = None
    if cue.kind == "source":
        speaker, _, after = source_np(unit, cue.last + 1)
        speaker = owner_of_source(speaker, lex)
    elif cue.kind == "postposition":
        speaker, speaker_text = _postposition_source(unit, cue)
        after = cue.last + 1
    elif cue.kind == "compound":
        speaker_text = source_owner(toks[cue.last].text, lex)
        after = cue.last + 1
        if speaker_text is None and after < n and toks[after].lower in lex.genitive_articles:
            # "Nach Einschätzung des Vorstandschefs Thomas Enders": the owner in the genitive
            speaker, _, after = source_np(unit, after)
    else:  # as_clause: "Wie X berichtete, CONTENT"
        speaker = as_clause_speaker(unit, cue)
        after = cue.last + 1
        while after < n and toks[after].text != "," and after - cue.last < 12:
            after += 1
        if after >= n:
            return None
    while after < n and toks[after].text in ",:":
        after += 1
    if cue.kind == "source" and _reported_inside(unit, after):
        return None  # "Laut BBC sagte der Minister, dass …": the minister speaks, the BBC relays
    last = content_end(unit, after)
    content = content_range(unit, after, last)
    if content is None:
        return None
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=speaker,
            speaker_text=speaker_text,
            time_from=toks[cue.first].start,
            time_to=toks[min(after, n - 1)].start,
            confidence=0.75,
            inherit=not speaker and not speaker_text and _refers_back(unit, cue),
        )
    ]


def _reported_inside(unit: Unit, first: int) -> bool:
    """Whether the clause after a source ("laut X", "according to X") opens with its own report:
    a reporting verb among its first words, before any comma or quotation ("sagte der Minister,
    dass …", "the minister said that …")."""
    lex, toks = unit.lex, unit.toks
    for k in range(first, min(len(toks), first + 6)):
        t = toks[k]
        if t.quote >= 0 or t.text in CLAUSE_PUNCT or t.text in ".!?":
            return False
        if t.lower in lex.verbs and not t.capitalised:
            return report_follows(unit, k + 1)
    return False


def _opens_clause(unit: Unit, phrase: list[Token], start: int) -> bool:
    return bool(phrase) and phrase[0] is unit.toks[start]


def _postposition_source(unit: Unit, cue: Cue) -> tuple[list[Token], str | None]:
    """ "X zufolge": the phrase before it, or the owner its source word names ("den
    Polizeiangaben zufolge" -> Polizei); nobody for the bare word ("den Angaben zufolge")."""
    lex = unit.lex
    phrase = postposition_np(unit, cue.first)
    if any(t.lower in lex.own_words for t in phrase):
        # "X hat eigenen Angaben zufolge …": by the subject's own account
        return named_person(unit, unit.clause_start(cue.first), cue.first), None
    words = [t for t in phrase if t.is_word and t.capitalised and t.lower not in lex.determiners]
    if words and (words[0].lower in lex.source_compounds or source_owner(words[0].text, lex)):
        if len(words) > 1:
            return words[1:], None  # "den Angaben der Polizei": the owner in the genitive
        return [], source_owner(words[0].text, lex)  # "Polizeiangaben", or nobody named ("Angaben")
    return phrase, None


def _refers_back(unit: Unit, cue: Cue) -> bool:
    """ "den Angaben zufolge": a source word alone after a definite article, the statements of
    whoever the article gave as the source just before."""
    if cue.kind != "postposition":
        return False
    lex = unit.lex
    phrase = [t for t in postposition_np(unit, cue.first) if t.is_word]
    return (
        len(phrase) == 2
        and phrase[0].lower in lex.determiners
        and phrase[0].lower not in lex.indefinite_articles
        and source_owner(phrase[1].text, lex) is None
        and phrase[1].lower in lex.source_compounds
    )


def inner_frame(unit: Unit, cue: Cue) -> list[Draft] | None:
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
        speaker, _, after = source_np(unit, cue.last + 1)
        speaker = owner_of_source(speaker, lex)
        if after >= len(toks) or toks[after].text in END_PUNCT:
            last = cue.first - 1  # "… a “legitimate decision” according to attorneys.": the source closes it
    elif cue.kind == "postposition":
        speaker, speaker_text = _postposition_source(unit, cue)
        if not speaker and not speaker_text:
            speaker_text = None
    else:
        speaker_text = source_owner(toks[cue.last].text, lex)
    if not speaker and not speaker_text and cue.kind != "postposition":
        return None
    content = content_range(unit, 0, last)
    if content is None:
        return None
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=speaker,
            speaker_text=speaker_text,
            time_from=toks[cue.first].start,
            time_to=toks[cue.last].end,
            confidence=0.6,
            inherit=not speaker and not speaker_text and _refers_back(unit, cue),
        )
    ]


def object_frame(unit: Unit, cue: Cue) -> list[Draft] | None:
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
    content = quote_content(unit, unit.quotes[qi])
    if content is None:
        return None
    speaker = subject(unit, cue, limit, clause_from=clause_from)
    kind = "mixed" if toks[cue.head].lower in unit.lex.naming_cues else "direct"
    return [
        Draft(
            content[0],
            content[1],
            kind,
            cue_text(cue),
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
    content = content_range(unit, k, n - 1)
    if content is None:
        return None
    speaker = subject(unit, cue, k)
    return [
        Draft(
            *content,
            cue_text(cue),
            speaker=speaker,
            time_from=toks[unit.clause_start(cue.first)].start,
            time_to=toks[k].start,
            confidence=0.5,
        )
    ]
