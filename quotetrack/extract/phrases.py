"""Speaker phrases: the noun phrase that names who spoke, its titles and appositions, and the
outlet a statement was relayed through.
"""

from __future__ import annotations

import re

from quotetrack.extract.cues import CLAUSE_PUNCT, Cue, apposed_name_before
from quotetrack.extract.segment import Token
from quotetrack.extract.speakers import joins_name, joins_roles
from quotetrack.extract.unit import END_PUNCT, OPEN_MARKS, Unit, abbreviation_dot, kind_word, phrase_only
from quotetrack.lexicon import Lexicon, canonical_outlet, first_name_gender, known_outlets
from quotetrack.text import fold

# A broadcaster's call sign: three to five capitals and a channel number ("KTLA", "ABC6").
CALL_SIGN = re.compile(r"[A-Z]{3,5}\d{0,2}")


def named_person(unit: Unit, first: int, stop: int) -> list[Token]:
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


def speaker_like(phrase: list[Token], lex: Lexicon) -> bool:
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


def _name_follows(toks: list[Token], k: int, stop: int) -> bool:
    """A capitalised word at token k, or a nickname in marks before one (K.T. "Kip" Marlow)."""
    if toks[k].capitalised:
        return True
    return toks[k].text in OPEN_MARKS and k + 1 < stop and toks[k + 1].capitalised


def np_after(unit: Unit, i: int, stop: int) -> tuple[list[Token], str | None, int]:
    """The speaker phrase starting at token i (up to ``stop``), any relaying outlet after it,
    and the index where the attribution tail ends."""
    lex, toks = unit.lex, unit.toks
    out: list[Token] = []
    j = i
    while j < stop:
        t = toks[j]
        if t.quote >= 0 and t.text in OPEN_MARKS and t.quote != (toks[j - 1].quote if j > 0 else -2):
            # a quotation right after a determiner may be an outlet title: der „Rheinischen Post“
            title = unit.quote_range(t.quote)[1]
            name_goes_on = title + 1 < stop and toks[title + 1].capitalised  # "Kip" Marlow: a nickname
            if all(o.lower in lex.determiners for o in out) and title - j <= 6 and not name_goes_on:
                out.extend(toks[j : title + 1])  # "berichtete die „Neue Zürcher Zeitung“"
                j = title + 1
            break
        if t.text == "," and out:
            nxt = toks[j + 1] if j + 1 < stop else None
            if nxt is not None and _apposition(unit, j + 1, stop):
                out.append(t)
                j += 1
                continue
            break
        if out and abbreviation_dot(toks, j, lex) and j + 1 < stop and _name_follows(toks, j + 1, stop):
            out.append(t)  # "said Sen. Laura Finch": the dot of a title, not the sentence's end
            j += 1
            continue
        if t.text in CLAUSE_PUNCT or t.text in END_PUNCT:
            break
        if t.text in "()":
            out.append(t)
            j += 1
            continue
        if out and relay_start(unit, j, stop):
            break
        if out and lex.source_prepositions is not None and lex.source_prepositions.match(unit.text, t.start):
            break  # "so der Präsident laut BBC News": the outlet relays, it is not the speaker
        if (
            out
            and t.lower in lex.determiners
            and t.lower not in lex.genitive_articles
            and out[-1].lower not in lex.phrase_links
            and out[-1].text != ","
            and not (len(out) >= 2 and out[-1].lower in lex.author_prepositions and out[-2].word.document)
        ):
            break  # "Kardinal Karl Lehmann den Ruf …": an object follows the subject
        if (
            not out
            and t.lower in lex.adverbials
            and j + 1 < stop
            and toks[j + 1].is_word
            and (toks[j + 1].capitalised or toks[j + 1].lower in lex.determiners)
        ):
            j += 1  # "sagt auch Stenger", "sagte zudem der Minister": an adverb before the subject
            continue
        if t.lower in lex.stop_words and t.lower not in lex.name_particles:
            if t.lower in lex.pronouns and not out:
                out.append(t)
                j += 1
                continue
            if out and (
                (t.lower in lex.phrase_links and _links_phrase(unit, j, stop))
                or joins_name(toks, j, lex)
                or joins_roles(toks, j, lex)
                or (out[-1].word.document and t.lower in lex.author_prepositions)  # "an update from X"
            ):
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
            and not kind_word(t)
            and not noun_follows(unit, j + 1, stop)
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
    if not (lex.role_gender(prev.text) is not None or kind_word(prev) or prev.capitalised):
        return False
    k = j + 1
    while k < stop and toks[k].lower in lex.determiners:
        k += 1
    return k < stop and toks[k].is_word and toks[k].capitalised and toks[k].quote < 0


def noun_follows(unit: Unit, j: int, stop: int) -> bool:
    """Within the next few words, before any boundary: a capitalised word or a role, outlet or
    organisation word ("the business newspaper Bergen Finansavis")."""
    lex, toks = unit.lex, unit.toks
    for k in range(j, min(stop, j + 3)):
        t = toks[k]
        if not t.is_word or t.quote >= 0 or t.lower in lex.stop_words or t.lower in lex.verbs:
            return False
        if t.capitalised or lex.role_gender(t.text) is not None or kind_word(t):
            return True
    return False


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


def relay_start(unit: Unit, j: int, stop: int) -> bool:
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
        if not nxt.is_word or nxt.lower in lex.stop_words or nxt.word.cue_mark:
            return False  # "der Präsident laut BBC News": the outlet is another phrase's
    return False


def relay(unit: Unit, i: int, stop: int, *, told: bool = False) -> str | None:
    """The outlet a statement was given to: "der „Rheinischen Post“", "gegenüber dpa", "told Reuters"."""
    lex, toks, text = unit.lex, unit.toks, unit.text
    j = i
    while j < stop:
        t = toks[j]
        if t.quote < 0 and t.text in END_PUNCT:
            break
        starts_relay = told and j == i
        if not starts_relay and t.lower in lex.relay_articles and relay_start(unit, j, stop):
            starts_relay = True
        place = False  # "im ZDF", "on CNN": only an outlet, never a quoted title, follows
        for pattern, weak in ((lex.relay_prepositions, False), (lex.relay_places, True)):
            if starts_relay or pattern is None or t.quote >= 0:
                continue
            m = pattern.match(text, t.start)
            if m:
                starts_relay, place = True, weak
                while j + 1 < stop and toks[j + 1].end <= m.end():
                    j += 1
        if starts_relay:
            k = j + 1 if not (told and j == i) else j
            while k < stop and toks[k].lower in lex.determiners:
                k += 1
            if k < stop and toks[k].quote >= 0 and toks[k].text in OPEN_MARKS and not place:
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
                if _outlet_like(name, phrase, lex) or (told and j == i and _call_sign(phrase)):
                    return canonical_outlet(_outlet_name(phrase, text, lex))
            if told and j == i:
                return None  # "told reporters": the hearer is no outlet
            j = max(k, j + 1)  # "said on Monday in an interview with …": look further
            continue
        j += 1
    return None


def names_outlet(phrase: list[Token], text: str, lex: Lexicon) -> bool:
    """Whether a phrase names an outlet: "the Associated Press", "the local paper Kurier"."""
    return bool(phrase) and _outlet_like(text[phrase[0].start : phrase[-1].end], phrase, lex)


def relaying_words(unit: Unit, i: int) -> list[Token]:
    """The words of a closing relay from token i to the next comma or end: "the Associated
    Press", "die Deutsche Presse-Agentur" (its reporting verb and quotation marks left out)."""
    lex, toks = unit.lex, unit.toks
    end = i
    while end < len(toks) and toks[end].text not in END_PUNCT and toks[end].text not in CLAUSE_PUNCT:
        end += 1
    return [t for t in toks[i:end] if t.lower not in lex.verbs and t.text not in OPEN_MARKS]


def outlet_name(phrase: list[Token], text: str, lex: Lexicon) -> str | None:
    """The outlet a phrase names, as the relays give it ("the Associated Press" -> "Associated
    Press"), or None when it names none."""
    if not names_outlet(phrase, text, lex):
        return None
    return canonical_outlet(_outlet_name(phrase, text, lex))


def _outlet_like(name: str, phrase: list[Token], lex: Lexicon) -> bool:
    if fold(name) in known_outlets() or fold(_strip_article(name, lex)) in known_outlets():
        return True
    return any(t.word.outlet for t in phrase) and any(t.capitalised for t in phrase)


def _call_sign(phrase: list[Token]) -> bool:
    """A broadcaster's call sign as the one told: "told ABC6", "told KTLA"."""
    return len(phrase) == 1 and CALL_SIGN.fullmatch(phrase[0].text) is not None


def _outlet_name(phrase: list[Token], text: str, lex: Lexicon) -> str:
    """The outlet's name without what describes it: "Columbus station WSYX" -> "WSYX",
    "der ZDF-Sendung" -> "ZDF", "Swiss paper NZZ" -> "NZZ"."""
    outlets = known_outlets()
    for t in phrase:
        head = t.text.split("-")[0]
        if "-" in t.text and fold(head) in outlets and t.word.outlet:
            return head
    for k, t in enumerate(phrase[:-1]):
        # a describing head: in lower case ("station WSYX"), or after words in lower case only
        # ("italienische Nachrichtenagentur Ansa"), not inside a name ("BBC Radio Oxford")
        describing = not t.capitalised or (k > 0 and not any(w.capitalised for w in phrase[:k]))
        if (
            describing
            and t.word.outlet
            and fold(t.text) not in outlets
            and all(n.capitalised for n in phrase[k + 1 :])
        ):
            return text[phrase[k + 1].start : phrase[-1].end]
    return _strip_article(text[phrase[0].start : phrase[-1].end], lex)


def _strip_article(name: str, lex: Lexicon) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in lex.determiners:
        words = words[1:]
    return " ".join(words)


def subject(unit: Unit, cue: Cue, stop: int, *, clause_from: int = -1) -> list[Token]:
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
                return subject(unit, Cue("verb", v, v, v, toks[v].text), v)
        # "Er lobte den Plan und bezeichnete …": else any finite verb of the same clause
        for v in range(cue.first - 2, -1, -1):
            low = toks[v].lower
            if toks[v].quote >= 0 or toks[v].text in CLAUSE_PUNCT:
                break
            if (low in lex.finite_verbs or low in lex.subjunctive) and not toks[v].capitalised:
                return subject(unit, Cue("verb", v, v, v, toks[v].text), v)
    if told_cue(cue, lex) and _passive(unit, cue):
        return []  # "only to be brusquely informed: …": the subject is the one told
    rel = _relative_before(unit, cue)
    if rel >= 0:
        # "a string of MPs who said …", "charities who say …": the relative clause's verb,
        # whose subject is the noun before the pronoun, not the sentence's subject
        return _antecedent(unit, rel)
    start = _title_start(unit, clause_from if clause_from >= 0 else cue.first)
    before = with_titles(unit, start, cue.first)
    while before and (before[0].lower in lex.complementizers or before[0].lower in lex.coordinators):
        before = before[1:]  # "Und der Vorsitzende erklärte": a coordinator stands outside the clause
    if not lex.verb_second:
        rel = next((k for k, t in enumerate(before) if k > 0 and t.lower in lex.relative_pronouns), -1)
        if rel > 0:
            before = before[:rel]  # "A witness who was not hurt said": the noun before the clause
    if lex.verb_second:
        aux = next((k for k, t in enumerate(before) if t.lower in lex.auxiliaries and k > 0), -1)
        if aux > 0:
            front = before[:aux]
            if not _adverbial(front[0], lex):
                return front
            idx = toks.index(before[aux])
            return np_after(unit, idx + 1, cue.first)[0]
    if not lex.verb_second and before and all(t.lower in lex.auxiliaries for t in before):
        before = []  # "Glasenberg, who has run the company, has said …": the subject is set off
    if not before and start >= 2 and toks[start - 1].text == ",":
        found = _apposed_subject(unit, start - 1)
        if not found and not lex.verb_second and toks[cue.head].lower.endswith("ing"):
            # "with its leader, Ismail Haniyeh, saying": the name set off before the participle;
            # "Meteorologist Mike Silverstone shed light on it, stating: …": the sentence's subject
            found = _apposed_name(unit, start - 1) or _main_subject(unit, start - 1)
        return found
    aux_only = all(t.lower in lex.auxiliaries for t in before) if before else True
    adverbial_first = (
        bool(before)
        and lex.verb_second
        and (
            _adverbial(before[0], lex)
            or (len(before) == 1 and _plain_adverb(before[0]))
            # "Laut BBC sagte der Minister …": a source in front, the speaker after the verb
            or (
                lex.source_prepositions is not None
                and lex.source_prepositions.match(unit.text, before[0].start)
            )
            or (not any(_can_name(t, lex) for t in before) and _names_after(unit, cue, stop))
            # "Der Zeitung sagte Anna Thomsen: …": the outlet in front is told, the person after speaks
            or (_outlet_only(before) and _person_after(unit, cue, stop))
        )
    )
    if before and not aux_only and not adverbial_first:
        while before and before[-1].lower in lex.auxiliaries:
            before = before[:-1]
        opener = max(
            (
                k
                for k, t in enumerate(before)
                if t.lower in lex.complementizers or (t.lower in lex.subordinators and not lex.verb_second)
            ),
            default=-1,
        )
        finite = [
            k for k, t in enumerate(before) if t.lower in lex.finite_verbs or t.lower in lex.auxiliaries
        ]
        if finite:
            # "There was frustration in the room and Ramirez said": a coordinator after a clause
            # of its own opens the verb's clause; "Smith and Jones said" has no verb before it
            opener = max(
                [opener] + [k for k, t in enumerate(before) if k > finite[0] and t.lower in lex.coordinators]
            )
        if 0 <= opener < len(before) - 1:
            # "In the words that his aides said …", "Shares fell after the company said …": the
            # subject of the verb's own clause
            before = before[opener + 1 :]
        if not lex.verb_second and len(before) > 1 and before[-1].lower in lex.subject_pronouns:
            return before[-1:]  # "Speaking through an interpreter he added": the pronoun is the subject
        if not lex.verb_second and toks[cue.head].lower.endswith("ing"):
            # "Police released a statement on Wednesday saying …": the subject of the clause's verb
            verb = next((k for k, t in enumerate(before) if k > 0 and _finite_looking(t, lex)), -1)
            if verb > 0:
                return before[:verb]
        if lex.verb_second and len(before) > 1 and before[-1].lower in lex.determiners:
            return []
        return before
    stop_at = cue.particle if cue.particle > 0 else stop
    after = np_after(unit, cue.head + 1, stop_at)[0]
    if not after and len(before) >= 2 and before[0].lower in lex.impersonal_sources:
        return before[1:]  # "Aus der Delegation verlautete, …": no subject, the source speaks
    return after


def _finite_looking(t: Token, lex: Lexicon) -> bool:
    """A word in lower case that reads as a finite verb: one the tables know ("wrote"), a
    reporting verb, an auxiliary, or a regular past ("released")."""
    low = t.lower
    if t.capitalised or not t.is_word or t.quote >= 0:
        return False
    return (
        low in lex.finite_verbs
        or low in lex.verbs
        or low in lex.auxiliaries
        or (low.endswith("ed") and len(low) > 4 and low not in lex.common_nouns)
    )


def _relative_before(unit: Unit, cue: Cue) -> int:
    """The relative pronoun the verb follows ("… who said", "… who have also said"), or -1."""
    lex, toks = unit.lex, unit.toks
    k = cue.first - 1
    while k >= 0 and cue.first - k <= 3 and toks[k].quote < 0:
        t = toks[k]
        if t.lower in lex.relative_pronouns:
            return (
                k
                if k > 0 and toks[k - 1].quote < 0 and (toks[k - 1].is_word or toks[k - 1].text == ",")
                else -1
            )
        if not (t.lower in lex.auxiliaries or t.lower in lex.adverbials):
            return -1
        k -= 1
    return -1


def _antecedent(unit: Unit, rel: int) -> list[Token]:
    """The noun phrase right before a relative pronoun: "Tory MPs" in "a string of Tory MPs who"."""
    lex, toks = unit.lex, unit.toks
    k = rel - 1
    if k >= 0 and toks[k].text == ",":
        k -= 1
    out: list[Token] = []
    while k >= 0 and len(out) < 6:
        t = toks[k]
        if t.quote >= 0 or not t.is_word or t.lower in lex.stop_words or t.lower in lex.verbs:
            break
        if t.lower in lex.auxiliaries or t.lower in lex.relative_pronouns or t.lower in lex.complementizers:
            break
        out.insert(0, t)
        if t.lower in lex.determiners:
            break
        k -= 1
    if (
        out
        and all(t.word.place for t in out)
        and k >= 1
        and (toks[k].lower in lex.place_prepositions or toks[k].lower in lex.phrase_links)
        and toks[k - 1].capitalised
    ):
        # "Sen. Paula Grey of Nevada, who said …": the place tells where the person is from
        return _antecedent_before(unit, k)
    return out


def _antecedent_before(unit: Unit, k: int) -> list[Token]:
    """The capitalised words right before token k: "Paula Grey" in "Paula Grey of Nevada"."""
    toks = unit.toks
    j = k
    while j > 0 and toks[j - 1].capitalised and toks[j - 1].quote < 0 and k - j < 5:
        j -= 1
    return list(toks[j:k])


def _apposed_subject(unit: Unit, comma: int) -> list[Token]:
    """The subject before a run of commas: "The spokesman, Christian Lindmeier, tells …",
    "Chambers, one of the longest-serving executives, said …", "Die Sprecherin …, Mao Ning, sagte: …".

    The comma-separated pieces from the sentence start are joined when they are noun
    phrases; relative clauses and descriptions ("who chairs …", "one of …") are skipped.
    """
    lex, toks = unit.lex, unit.toks
    start = comma
    while (
        start > 0
        and toks[start - 1].quote < 0
        and (toks[start - 1].text not in ".!?:;" or abbreviation_dot(toks, start - 1, lex))
        and comma - start < 40
    ):
        start -= 1  # "Carla Nunez, the U.S. attorney for …,": the dots of "U.S." end nothing
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
        if subject and piece[0].lower in lex.relative_pronouns and not lex.nouns_capitalised:
            break  # "X, which includes A, B and C, said": the pieces after it are the clause's
        if phrase_only(unit, first, last, nouns=True) and any(
            t.capitalised or lex.role_gender(t.text) for t in piece
        ):
            if piece[0].lower in lex.relative_pronouns and not lex.nouns_capitalised:
                continue
            if subject:
                subject.append(toks[first - 1])
            subject.extend(piece)
        elif not subject:
            return []  # the sentence opens with a clause: no subject before the commas
    return subject


def _apposed_name(unit: Unit, comma: int) -> list[Token]:
    """A person's name between the last two commas before ``comma``."""
    toks = unit.toks
    k = comma - 1
    while k >= 0 and toks[k].quote < 0 and toks[k].text not in ",.!?:;":
        k -= 1
    piece = toks[k + 1 : comma]
    if k < 0 or toks[k].text != "," or len(piece) < 2:
        return []
    return piece if all(t.capitalised and t.word.name_like for t in piece) else []


def _main_subject(unit: Unit, comma: int) -> list[Token]:
    """The noun phrase that opens the sentence, up to its verb: a known verb form, a word in
    -ed, or a lower-case word that neither a name nor another lower-case word follows
    ("Deputy chief meteorologist Mike Silverstone shed further light …")."""
    lex, toks = unit.lex, unit.toks
    start = comma
    while start > 0 and toks[start - 1].quote < 0 and toks[start - 1].text not in ".!?:;":
        start -= 1
    while start < comma and (toks[start].lower in lex.coordinators or toks[start].lower in lex.adverbials):
        start += 1  # "But he opposed …, saying": the conjunction is not the subject
    named = False
    for k in range(start, comma):
        t = toks[k]
        low = t.lower
        if t.quote >= 0 or t.text in CLAUSE_PUNCT:
            return []
        if t.capitalised or (k == start and low in lex.subject_pronouns):
            named = named or t.is_word
            continue
        if not t.is_word or low in lex.determiners or lex.role_gender(t.text) is not None:
            continue
        verb = low in lex.finite_verbs or low in lex.auxiliaries or low in lex.verbs or low.endswith("ed")
        nxt = toks[k + 1] if k + 1 < comma else None
        if not verb and nxt is not None and nxt.capitalised:
            continue  # "veteran Jimmy Ward": a description before the name
        return toks[start:k] if named and k > start else []
    return []


def _adverbial(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower
    return low in lex.adverbials or (
        low in lex.stop_words and low not in lex.pronouns and low not in lex.determiners  # not "Ihr Sprecher"
    )


def _can_name(tok: Token, lex: Lexicon) -> bool:
    """A word that can stand in a speaker phrase: a name, a role, an organisation or outlet, a
    pronoun."""
    word = tok.word
    return (
        (word.name_like and not word.common)
        or word.role is not None
        or word.organisation
        or word.outlet
        or tok.lower in lex.pronouns
    )


def _names_after(unit: Unit, cue: Cue, stop: int) -> bool:
    """ "Einige Stunden später bestätigte Minister Volker Wissing": a speaker after the verb."""
    after, _, _ = np_after(unit, cue.head + 1, cue.particle if cue.particle > 0 else stop)
    head = next((t for t in after if t.capitalised or t.word.role is not None), None)
    return head is not None and _can_name(head, unit.lex)  # not "den Vorwurf des Anwalts"


def _outlet_only(phrase: list[Token]) -> bool:
    """A phrase that names an outlet and no person."""
    return any(t.word.outlet for t in phrase) and not any(t.word.given or t.word.role for t in phrase)


def _person_after(unit: Unit, cue: Cue, stop: int) -> bool:
    """A person right after the verb: a given name, a role or two name words open the phrase
    there, and a colon, a quotation or a comma closes it ("sagte Anna Thomsen: …", "sagte der
    Minister, …")."""
    after, _, end = np_after(unit, cue.head + 1, cue.particle if cue.particle > 0 else stop)
    words = [t for t in after if t.is_word and t.lower not in unit.lex.determiners]
    full_name = len(words) >= 2 and all(w.word.name_like and not w.word.common for w in words[:2])
    if not words or not (words[0].word.given or words[0].word.role or full_name):
        return False
    toks = unit.toks
    return end < len(toks) and (toks[end].quote >= 0 or toks[end].text in ",:")


def _plain_adverb(tok: Token) -> bool:
    """A word of the language that is no noun, alone before the verb: "Entsprechend teilt sie
    mit" puts the subject after the verb."""
    return tok.word.common and not tok.word.common_noun and not tok.word.given and not tok.word.surname


def told_cue(cue: Cue, lex: Lexicon) -> bool:
    return cue.text.lower() in lex.hearer_verbs


def _passive(unit: Unit, cue: Cue) -> bool:
    """A passive auxiliary right before the verb, an adverb or two aside ("was told", "to be
    brusquely informed")."""
    lex, toks = unit.lex, unit.toks
    for k in range(cue.first - 1, max(-1, cue.first - 4), -1):
        t = toks[k]
        if t.lower in lex.passive_auxiliaries:
            return True
        if t.quote >= 0 or not t.is_word or t.capitalised or t.lower in lex.stop_words:
            return False
    return False


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


def with_titles(unit: Unit, first: int, stop: int) -> list[Token]:
    """Tokens first..stop with short quoted titles kept: "das „Weserländer Tageblatt“"."""
    out: list[Token] = []
    for t in unit.toks[first:stop]:
        if t.quote >= 0:
            q = unit.quotes[t.quote]
            if len(unit.text[q.start : q.end].split()) > 6:
                continue
        out.append(t)
    return out


def as_clause_speaker(unit: Unit, cue: Cue) -> list[Token]:
    """The speaker phrase of "wie X berichtete" / "as X reported": the words between the opener
    and the verb, up to a small word that starts a complement; whole when a name set off by
    commas ends it ("wie die Mitarbeiterin seines Büros in Hollern, Anna Thomsen, mitteilte")."""
    if apposed_name_before(unit.toks, cue.head) is not None:
        return [t for t in unit.toks[cue.first + 1 : cue.head - 1] if t.quote < 0]
    return trim_phrase(with_titles(unit, cue.first + 1, cue.head), unit.lex)


def trim_phrase(toks: list[Token], lex: Lexicon) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        if t.lower in lex.stop_words and out and t.lower not in lex.name_particles:
            break
        if t.lower in lex.weekdays or t.lower in lex.relative_days:
            break
        out.append(t)
    return out


def parse_source(unit: Unit, first: int, stop: int) -> str | None:
    """An outlet named by the words first..stop ("The newspaper", "Die Zeitung", "Reuters"), or None."""
    phrase = [t for t in unit.toks[first:stop] if t.is_word]
    if not phrase:
        return None
    name = unit.text[phrase[0].start : phrase[-1].end]
    return _strip_article(name, unit.lex) if _outlet_like(name, phrase, unit.lex) else None


def source_owner(word: str, lex: Lexicon) -> str | None:
    """The owner a source compound names: "Polizeiangaben" -> "Polizei", "ADAC-Zahlen" -> "ADAC";
    None for the bare word ("Angaben")."""
    low = word.lower()
    for c in lex.source_compounds:
        if low.endswith(c) and len(low) > len(c) + 2:
            owner = word[: len(word) - len(c)].rstrip("-")
            if owner.lower() in lex.stop_words or owner.lower() in lex.determiners:
                return None  # "Einschätzung" is no estimate of someone called "Ein"
            return owner
    return None


def postposition_np(unit: Unit, stop: int) -> list[Token]:
    """The phrase before "zufolge": back to its article, over nouns, genitives and inflected
    adjectives ("den Angaben der Polizei", "aktuellen ADAC-Zahlen"), never into the verb."""
    lex, toks = unit.lex, unit.toks
    first = stop
    k = stop - 1
    while k >= 0 and stop - k <= 8:
        t = toks[k]
        if t.quote >= 0 or not t.is_word:
            break
        low = t.lower
        if low in lex.genitive_articles and k > 0 and toks[k - 1].capitalised and first < stop:
            first = k  # "Angaben der Polizei": a genitive inside the phrase
        elif low in lex.determiners:
            first = k
            break
        elif t.capitalised or (
            low.endswith(lex.adjective_inflections)
            and low not in lex.auxiliaries
            and low not in lex.verbs
            and low not in lex.stop_words
        ):
            first = k
        else:
            break
        k -= 1
    return [t for t in toks[first:stop] if t.quote < 0]


def source_np(unit: Unit, i: int) -> tuple[list[Token], None, int]:
    """The phrase after "laut"/"according to": up to a comma, or (German) the finite verb."""
    lex, toks = unit.lex, unit.toks
    n = len(toks)
    out: list[Token] = []
    j = i
    while j < n:
        t = toks[j]
        if t.text == ",":
            break
        if (
            t.quote >= 0
            and t.text in OPEN_MARKS
            and out
            and out[-1].lower not in lex.determiners
            and not (out[-1].word.outlet and out[-1].quote < 0)  # "der Zeitung „Kurier“": its title
        ):
            if t.quote != out[-1].quote:
                break
            # "laut einem Bericht der „Süddeutschen Zeitung“": the mark that closes the title, and
            # the phrase ("laut „Reuters“ Warnschüsse …": the clause goes on after it)
            out.append(t)
            j += 1
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
        if out and out[-1].text == ")" and t.lower in lex.determiners:
            break  # "laut Deutschem Wetterdienst (DWD) der Freitag": the clause goes on
        if (
            lex.nouns_capitalised
            and out
            and t.capitalised
            and t.word.common_noun
            and not (t.word.organisation or t.word.place or t.word.role is not None)
            and (out[-1].word.organisation or out[-1].word.place)
        ):
            break  # "laut Polizei Plakate": a noun after the organisation's head starts the clause
        if (
            t.quote < 0
            and t.is_word
            and not t.capitalised
            and t.lower not in lex.determiners
            and not (not out and fold(t.text) in known_outlets())  # "laut dpa", "according to afp"
        ):
            if lex.nouns_capitalised:
                nxt = toks[j + 1] if j + 1 < n else None
                is_adj = nxt is not None and nxt.capitalised and (not out or out[-1].lower in lex.determiners)
                if t.lower not in lex.name_particles and t.lower not in lex.phrase_links and not is_adj:
                    break
            elif len(out) >= 8 or (
                t.lower in lex.stop_words
                and t.lower not in lex.phrase_links
                and not (out and out[-1].word.document and t.lower in lex.author_prepositions)
            ):
                break  # … but "a report by Harbor Watch" goes on to the author
        out.append(t)
        j += 1
    return out, None, j


def document_owner(phrase: list[Token], lex: Lexicon) -> list[Token]:
    """The owner a document or source phrase names in the genitive: "einer Erklärung des
    Präsidenten X vom Freitag" gives "des Präsidenten X", "der Aussage des Angeklagten" gives "des
    Angeklagten"; nothing when the phrase is no document's or names no owner."""
    head = next((k for k, t in enumerate(phrase) if t.is_word and t.capitalised), -1)
    if head < 0 or not (phrase[head].word.document or phrase[head].lower in lex.source_compounds):
        return []
    rest = phrase[head + 1 :]
    if not rest or rest[0].lower not in lex.genitive_articles:
        return []
    owner = [rest[0]]
    for t in rest[1:]:
        if t.text in OPEN_MARKS:
            continue  # the marks around a title: "der „Süddeutschen Zeitung“"
        if t.lower in lex.stop_words or not t.is_word:
            break  # "vom vergangenen Freitag": a time or place after the owner
        owner.append(t)
    return owner if len(owner) >= 2 else []


def _possessive_document_owner(phrase: list[Token], lex: Lexicon) -> list[Token]:
    """ "the ministry’s annual report", "Tesla’s filing": the owner before the possessive ending
    of a phrase that ends in a document; nothing otherwise ("the company’s chief executive")."""
    if len(phrase) < 2 or not phrase[-1].word.document:
        return []
    mark = next((k for k, t in enumerate(phrase[:-1]) if t.lower.endswith(lex.possessive_endings)), -1)
    return phrase[: mark + 1]


def owner_of_source(phrase: list[Token], lex: Lexicon) -> list[Token]:
    """ "laut Angaben der Polizei", "laut dem Bericht des Ministeriums": the owner of a source
    or document word in the genitive; "according to the ministry’s report": its owner before
    the possessive; "according to a report by Harbor Watch": the document's author."""
    titled = next(
        (
            k
            for k in range(1, len(phrase))
            if phrase[k].quote >= 0 and phrase[k - 1].quote < 0 and phrase[k - 1].word.outlet
        ),
        -1,
    )
    if titled > 0:
        # "der Zeitung „Kurier“": the outlet's title in marks
        return [t for t in phrase[titled:] if t.quote == phrase[titled].quote and t.text not in OPEN_MARKS]
    owner = document_owner(phrase, lex) or _possessive_document_owner(phrase, lex)
    if owner:
        return owner[1:] if owner[0].lower in lex.genitive_articles else owner
    by = next(
        (
            k
            for k in range(1, len(phrase) - 1)
            if phrase[k].lower in lex.author_prepositions and phrase[k - 1].word.document
        ),
        -1,
    )
    author = phrase[by + 1 :] if by > 0 else []
    if any(t.word.name_like or t.word.organisation or t.word.outlet for t in author):
        return author
    return phrase
