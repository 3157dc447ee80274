"""Stage 4: attach content to cues in one sentence unit.

A unit is a sentence whose quotations are kept whole. Each frame below is one way
news attributes words; the first that fits a cue wins:

- tail:    CONTENT, sagte X. / "CONTENT," X said. / CONTENT, so X. / CONTENT, according to X.
- lead:    X sagte: CONTENT / X said (that) CONTENT / Laut X CONTENT / Wie X berichtete, CONTENT
- inner:   … laut X … (the source stays inside the content)
- object:  X sprach von „CONTENT“ / X called it "CONTENT"
"""

from __future__ import annotations

from quotetrack.extract.cues import find_cues
from quotetrack.extract.leads import inner_frame, lead_frame, object_frame
from quotetrack.extract.phrases import named_person, np_after, speaker_like
from quotetrack.extract.segment import Token
from quotetrack.extract.tails import tail_frame
from quotetrack.extract.unit import Draft, Unit, content_range, overlaps, quote_content


def attach(unit: Unit) -> list[Draft]:
    """The statements of one unit, each with its cue and speaker phrase."""
    toks = unit.toks
    if not toks:
        return []
    cues = find_cues(toks, unit.text, unit.lex)
    drafts: list[Draft] = []
    used: set[int] = set()
    # A tail ("…, sagte X.") closes its sentence: it wins over a cue inside the content.
    for frame in (tail_frame, lead_frame, inner_frame, object_frame):
        for cue in cues:
            if not used.isdisjoint(range(cue.first, cue.last + 1)):
                continue
            if drafts and any(d.start <= toks[cue.first].start < d.end for d in drafts):
                continue
            found = frame(unit, cue)
            if found:
                for d in found:
                    if not (drafts and any(overlaps(d, e) for e in drafts)):
                        drafts.append(d)
                used.update(range(cue.first, cue.last + 1))
    drafts.sort(key=lambda d: d.start)
    if not drafts:
        drafts = _headline(unit) or _dash_credit(unit)
    drafts.extend(d for d in _colon_quotes(unit) if not any(overlaps(d, e) for e in drafts))
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
        content = quote_content(unit, q)
        if content is None or len(unit.text[content[0] : content[1]].split()) < 3:
            continue
        named = named_person(unit, unit.clause_start(first - 1), first - 1)
        out.append(
            Draft(content[0], content[1], "direct", None, speaker=named, inherit=not named, confidence=0.55)
        )
    return out


def _dash_credit(unit: Unit) -> list[Draft]:
    """A headline quotation credited after a dash: "'As poor as we've been' - Rowett"."""
    lex, toks = unit.lex, unit.toks
    if not unit.quotes or toks[0].quote != 0:
        return []
    _, last = unit.quote_range(0)
    if last + 2 >= len(toks) or toks[last + 1].text not in "-–—":
        return []
    credit = toks[last + 2 :]
    if not speaker_like(credit, lex):
        return []
    content = quote_content(unit, unit.quotes[0])
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
    if k >= len(toks):
        return None
    particles = lex.separable.get(toks[k].lower, ())
    # "Das teilte die Stadt Lindau am Montag mit.": a separable verb, its particle at the end
    separated = bool(particles) and any(t.lower in particles for t in toks[k + 1 :])
    if toks[k].lower not in lex.verbs and not separated:
        return None
    np, _, _ = np_after(unit, k + 1, len(toks))
    return np or None


def _headline(unit: Unit) -> list[Draft]:
    """ "Faeser: „Wir haben keine Krise“" / "Lufthansa: Verdi überschreitet …": a short speaker
    phrase and a colon open a headline or a labelled statement."""
    lex, toks = unit.lex, unit.toks
    colons = [i for i, t in enumerate(toks[:24]) if t.text == ":" and t.quote < 0]
    if not colons:
        return []
    note = _bracket_before(toks, colons[0])
    if note is not None:
        # "Nils Politt (Bora-Hansgrohe, Etappengewinner): „…“": a note in brackets after the name
        speaker = toks[:note]
        content = content_range(unit, colons[0] + 1, len(toks) - 1)
        if content is None or not speaker_like(speaker, lex) or content[2] != "direct":
            return []
        return [Draft(content[0], content[1], "direct", None, speaker=speaker, confidence=0.55)]
    if colons[0] >= 14:
        return []
    prev = 0
    chosen = -1
    for c in colons:
        phrase = toks[prev:c]
        if not phrase or len(phrase) > 6 or not speaker_like(phrase, lex):
            break
        chosen = c
        nxt = colons[colons.index(c) + 1] if colons.index(c) + 1 < len(colons) else -1
        if nxt < 0 or not speaker_like(toks[c + 1 : nxt], lex):
            break
        prev = c + 1
    if chosen < 0:
        return []
    speaker = toks[prev:chosen]
    content = content_range(unit, chosen + 1, len(toks) - 1)
    if content is None:
        return []
    start, end, kind = content
    if kind != "direct" and sum(1 for t in toks[chosen + 1 :] if t.is_word) < 4:
        return []
    if kind != "direct" and chosen + 1 < len(toks) and toks[chosen + 1].lower in lex.question_words:
        return []  # "Mara Lenz: Warum sie kleine Clubs liebt": a teaser that asks
    # a headline's label is kept only when the article quotes that speaker (see extract); a quotation
    # after a speaker's name in the body ("Dana Whitfield: „…“", an interview's answers) is theirs
    in_body = kind == "direct" and unit.paragraph > 0
    return [
        Draft(
            start,
            end,
            kind,
            None,
            speaker=speaker,
            confidence=0.55 if kind == "direct" else 0.45,
            label=not in_body,
        )
    ]


def _bracket_before(toks: list[Token], colon: int) -> int | None:
    """Where a bracketed note that ends right before the colon opens, if it does."""
    if colon < 3 or toks[colon - 1].text != ")":
        return None
    opening = next((k for k in range(colon - 2, -1, -1) if toks[k].text == "("), -1)
    return opening if opening > 0 else None


# --- content ranges -------------------------------------------------------------------------------


# --- speaker phrases ------------------------------------------------------------------------------


# --- frames ---------------------------------------------------------------------------------------
