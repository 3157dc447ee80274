"""The attribution engine: ``extract(article)`` finds every attributed statement.

Pure: no I/O, no database. The stages (see docs/architecture.md) run in order: segment,
quotation spans, cue anchors, attach, speaker phrases, discourse resolution,
relays and provenance, time, confidence.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from quotetrack.extract.attach import attach, cataphoric
from quotetrack.extract.cues import CLAUSE_PUNCT, find_cues
from quotetrack.extract.dates import find_times
from quotetrack.extract.discourse import Discourse, Entity, introduce_names, organisation_like
from quotetrack.extract.phrases import speaker_like, subject
from quotetrack.extract.quotes import QuoteSpan, find_quotes
from quotetrack.extract.segment import Token, paragraphs, sentence_ends, tokens
from quotetrack.extract.speakers import Mention, organisation_base, parse_mention, speaker_in_brackets
from quotetrack.extract.statement import Extraction, Statement
from quotetrack.extract.unit import END_PUNCT, Draft, Unit, make_unit
from quotetrack.extract.via import find_via
from quotetrack.inputs.article import Article
from quotetrack.lexicon import Lexicon, calibrated, detect_language, family_names, is_acronym, load
from quotetrack.text import fold

__all__ = ["EXTRACTOR_VERSION", "Extraction", "Statement", "extract", "extract_text"]

EXTRACTOR_VERSION = "0.1.0"
# The longest sentence unit in characters; a longer run of text is cut at white space.
MAX_UNIT = 4000
# Statements whose speaker comes from an earlier one reach back at most this many units.
CONTINUATION_REACH = 3
# A word more statements share than this does not find a pull quote's source.
REPEAT_POSTINGS = 50


@dataclass(slots=True)
class _Spoken:
    """The last statement made, for continuations: who, when, and where."""

    entity: Entity | None
    speaker: str | None
    kind: str
    unit: int
    said_on: date | None
    date_text: str | None
    source: str | None


def extract_text(text: str, *, lang: str | None = None, published: date | None = None) -> Extraction:
    return extract(Article(text=text, lang=lang, published=published))


def extract(article: Article) -> Extraction:
    """Every attributed statement of an article, with speaker, cue, source and time."""
    text = article.text or ""
    lang = article.lang or detect_language(text)
    lex = load(lang)
    result = Extraction(via=find_via(text, lex) or article.via, lang=lex.code)
    if not text.strip():
        return result
    units = list(_units(text, lex))
    discourse = Discourse(lex)
    _register_names(units, discourse, text, lex)
    last: _Spoken | None = None
    pending: list[tuple[int, Draft]] = []  # subjunctive sentences waiting for "Das sagte X."
    labelled: list[Statement] = []  # headline statements waiting for their speaker to be quoted
    for index, unit in enumerate(units):
        if pending and units[pending[0][0]].paragraph != unit.paragraph:
            _flush(pending, result, units, discourse, text, lex, article.published)
        credit = _credit_line(units, index)
        if credit:
            _credit_quotes(credit, units, index, result, discourse, text, lex, article.published)
            continue
        # a cue its clause denies reports nothing; what the sentence reports may go on without it
        drafts = [d for d in attach(unit) if not _denied(d, unit, lex)]
        speaker = cataphoric(unit) if not drafts else None
        if speaker:
            for _i, draft in pending:
                draft.speaker = speaker
                draft.inherit = False
            drafts = [d for _i, d in pending]
            pending.clear()
            prev = result.statements[-1] if result.statements and not drafts and index else None
            if (
                prev is not None
                and prev.cue is None  # a quotation with no cue of its own, whoever it was given to
                and prev.type == "direct"
                and (
                    units[index - 1].paragraph == unit.paragraph
                    # "„…“ ⏎ Das teilte X mit.": it opens the paragraph after the quotation
                    or units[index - 1].paragraph == unit.paragraph - 1
                )
                and units[index - 1].start <= prev.start < units[index - 1].end
            ):
                # "„Wir müssen handeln.“ Das sagte Ministerin X.": the quotation before is hers
                claimed = Draft(prev.start, prev.end, prev.type, prev.cue, speaker=speaker, confidence=0.8)
                stmt, spoken = _resolve(
                    claimed, units, index - 1, discourse, last, text, lex, article.published
                )
                if stmt is not None:
                    result.statements[-1] = stmt
                    last = spoken
        elif not drafts:
            drafts = _continuation(units, index, last)
            if drafts and drafts[0].inherit and drafts[0].type != "direct" and not _recent(last, index):
                prev = units[index - 1] if index else None
                named = prev is not None and (
                    (prev.paragraph == unit.paragraph and discourse.person_in(prev.start, prev.end))
                    or _lead_subject(units, index, last, discourse) is not None
                )
                if not named:
                    pending.append((index, drafts[0]))  # wait for "Das sagte X."
                    drafts = []
        drafts = [part for draft in drafts for part in _continued(draft, unit, text, lex)]
        for draft in drafts:
            stmt, spoken = _resolve(draft, units, index, discourse, last, text, lex, article.published)
            if stmt is None or _asked(stmt, lex):
                continue
            if draft.label:
                labelled.append(stmt)
                continue
            result.statements.append(stmt)
            last = spoken
    _flush(pending, result, units, discourse, text, lex, article.published)
    result.statements.extend(
        s
        for s in labelled
        if _quoted_elsewhere(s, result.statements) or discourse.names(s.speaker, elsewhere=s.end)
    )
    _speakers_of_repeated_quotes(result.statements)
    result.rejected_names = discourse.rejected
    result.statements.sort(key=lambda s: s.start)
    return result


def _credit_line(units: list[Unit], index: int) -> list[Token] | None:
    """A paragraph that only credits the quotation before it: "—Joe Maddon, on the play"."""
    unit = units[index]
    if index == 0 or units[index - 1].paragraph == unit.paragraph or len(unit.toks) < 3:
        return None
    if unit.toks[0].text not in "—–-" or any(t.quote >= 0 for t in unit.toks):
        return None
    phrase = list(itertools.takewhile(lambda t: t.text not in ",.;:(", unit.toks[1:]))
    return phrase if speaker_like(phrase, unit.lex) else None


def _credit_quotes(
    credit: list[Token],
    units: list[Unit],
    index: int,
    result: Extraction,
    discourse: Discourse,
    text: str,
    lex: Lexicon,
    published: date | None,
) -> None:
    """Give the credited speaker to the quotations of the paragraph before that have none."""
    before = units[index - 1]
    first = next(k for k in range(index - 1, -1, -1) if k == 0 or units[k - 1].paragraph != before.paragraph)
    start = units[first].start
    for k, stmt in enumerate(result.statements):
        if stmt.start >= start and stmt.end <= before.end and not stmt.speaker and stmt.type == "direct":
            draft = Draft(stmt.start, stmt.end, "direct", None, speaker=credit, confidence=0.6)
            credited, _spoken = _resolve(draft, units, index - 1, discourse, None, text, lex, published)
            if credited is not None:
                result.statements[k] = credited


def _flush(
    pending: list[tuple[int, Draft]],
    result: Extraction,
    units: list[Unit],
    discourse: Discourse,
    text: str,
    lex: Lexicon,
    published: date | None,
) -> None:
    """Reported speech in the subjunctive that no "Das sagte X." claimed: a statement whose
    speaker the article does not name ("Es seien Orkanböen möglich.")."""
    for index, draft in pending:
        if not _main_clause_subjunctive(units[index], lex):
            continue  # "zeigte sich zuversichtlich, dass sie gewinne": a stance, no report
        draft.inherit = False
        stmt, _spoken = _resolve(draft, units, index, discourse, None, text, lex, published)
        if stmt is not None and not _asked(stmt, lex):
            result.statements.append(stmt)
    pending.clear()


def _main_clause_subjunctive(unit: Unit, lex: Lexicon) -> bool:
    """A subjunctive before the sentence's first comma or complementizer: the main clause
    reports."""
    for t in unit.toks:
        if t.quote >= 0:
            continue
        if t.text in ",;:" or t.lower in lex.complementizers:
            return False
        if t.lower in lex.subjunctive and not t.capitalised:
            return True
    return False


def _speakers_of_repeated_quotes(statements: list[Statement]) -> None:
    """A pull quote or subheading repeats words quoted in the body: it has their speaker.

    Candidates are found through the words they share, skipping words that too many
    statements have (they cannot tell statements apart), so that the work stays linear in
    the number of statements."""
    if not any(not s.speaker and s.type == "direct" for s in statements):
        return  # no pull quote to find a speaker for
    postings: dict[str, list[int]] = {}
    words_of: list[set[str]] = []
    for index, stmt in enumerate(statements):
        words = set(fold(stmt.text).split())
        words_of.append(words)
        if stmt.speaker:
            for word in words:
                postings.setdefault(word, []).append(index)
    for index, stmt in enumerate(statements):
        words = words_of[index]
        if stmt.speaker or stmt.type != "direct" or len(words) < 4:
            continue
        candidates = sorted(
            {
                other
                for word in words
                if len(postings.get(word, ())) <= REPEAT_POSTINGS
                for other in postings.get(word, ())
            }
        )
        for other_index in candidates:
            other = statements[other_index]
            if other_index == index:
                continue
            shared = len(words & words_of[other_index])
            if shared >= 0.7 * len(words):
                stmt.speaker, stmt.speaker_kind, stmt.role = other.speaker, other.speaker_kind, other.role
                stmt.confidence = round(max(0.05, stmt.confidence - 0.1), 2)
                break


def _continued(draft: Draft, unit: Unit, text: str, lex: Lexicon) -> list[Draft]:
    """ "…, the minister said, adding that the repairs cost more": reported content with a
    second statement of the same speaker after a participle, as two drafts."""
    pattern = lex.continuation_cues
    if pattern is None or draft.label:
        return [draft]
    if not draft.speaker and not draft.speaker_text and draft.cue and pattern.match(f", {draft.cue} "):
        # "…, adding that …" found on its own: the speaker is whoever spoke in the clause before
        return [replace(draft, inherit=True)]
    if draft.type == "direct":
        return [draft]
    found = pattern.search(text, max(unit.start, draft.start - 2), draft.end)  # the comma may precede
    if found is None or any(q.open < found.start() < q.close for q in unit.quotes):
        return [draft]
    parts: list[Draft] = []
    end = found.start()
    while end > draft.start and text[end - 1].isspace():
        end -= 1
    if end - draft.start >= 12:
        parts.append(replace(draft, end=end))
    start = found.end()
    if draft.end - start >= 12:
        inside = [q for q in unit.quotes if q.open <= start and draft.end <= q.close + 1]
        kind = (
            "direct"
            if inside
            else ("mixed" if any(start <= q.open < draft.end for q in unit.quotes) else "indirect")
        )
        if inside:
            start, stop = inside[0].start, inside[0].end
        else:
            stop = draft.end
        parts.append(replace(draft, start=start, end=stop, type=kind, cue=found.group("cue")))
    return parts or [draft]


# How far from its cue verb a word that denies it stands: right before it ("would not say",
# "didn't say"), or up to this many words after it, closing the clause ("sagte die Stadt nicht").
DENIAL_BEFORE, DENIAL_AFTER = 1, 6


def _denied(draft: Draft, unit: Unit, lex: Lexicon) -> bool:
    """A cue its clause denies ("Wo …, teilte Staatsanwalt X nicht mit", "X would not say how
    …"): nothing was said. The cue is its verb nearest the content; a "nicht" of another clause
    ("…, sagte Müller und lachte nicht", "who was not hurt said") denies nothing."""
    if not draft.cue:
        return False
    words = draft.cue.lower().split()
    toks = unit.toks

    def stops(t: Token) -> bool:
        inside = draft.start <= t.start < draft.end
        return (
            t.text in CLAUSE_PUNCT
            or t.text in END_PUNCT
            or t.quote >= 0
            or inside
            or t.lower in lex.coordinators
        )

    def denies(t: Token) -> bool:
        return t.lower in lex.negations or t.lower.endswith(lex.negation_endings)

    def distance(k: int) -> int:
        t = toks[k]
        return draft.start - t.end if t.end <= draft.start else t.start - draft.end

    verbs = [k for k, t in enumerate(toks) if t.lower == words[0] and not stops(t)]
    if not verbs:
        return False
    k = min(verbs, key=distance)
    if k > 0 and k - DENIAL_BEFORE >= 0 and denies(toks[k - DENIAL_BEFORE]) and not stops(toks[k - 1]):
        return True  # "would not say", "didn't say", "never said"
    for j in range(k + 1, min(len(toks), k + 1 + DENIAL_AFTER)):  # "teilte X nicht mit", "sagte nicht,"
        if stops(toks[j]) or (len(words) > 1 and toks[j].lower == words[-1]):
            break
        closing = j + 1 == len(toks) or stops(toks[j + 1]) or toks[j + 1].lower == words[-1]
        if denies(toks[j]) and closing:  # not "clarified about not signing … and said"
            return True
    return False


def _asked(stmt: Statement, lex: Lexicon) -> bool:
    """A question put by someone ("“Did he record it?” Mason asked"): no statement."""
    if not stmt.cue or stmt.cue.lower() not in lex.question_cues:
        return False
    return stmt.text.rstrip(" \"'“”»«’‘").endswith("?")


def _quoted_elsewhere(stmt: Statement, others: list[Statement]) -> bool:
    """A headline label is a speaker when the article quotes that speaker again
    ("Lufthansa: …" over an article quoting "Lufthansa-Sprecher Andreas Bartels")."""
    if not stmt.speaker:
        return False
    keys = set(fold(stmt.speaker).split())
    for other in others:
        words = " ".join(filter(None, (other.speaker, other.role, other.affiliation)))
        folded = fold(words).replace("-", " ").split()
        if keys and all(any(w.startswith(k) for w in folded) for k in keys):
            return True
    return False


def _units(text: str, lex: Lexicon):
    for para in paragraphs(text, lex):
        if para.boilerplate:
            continue
        spans = find_quotes(text, para.start, para.end, lex)
        outer = [s for s in spans if s.depth == 0]
        opens = [s.open for s in outer]
        protected = [(s.open, s.close) for s in outer]
        pos = para.start
        for end in sentence_ends(text, para.start, para.end, lex, protected):
            start = pos
            pos = end
            for a, b in _bounded(text, start, end):
                toks = tokens(text, a, b, lex)
                yield make_unit(text, a, b, toks, _clip(outer, opens, a, b), lex, para.index)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence as one or more spans of at most MAX_UNIT characters, cut at white space:
    text without sentence ends (a run-on page, a table) must not make the engine slow."""
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return
        stop = end
        if stop - start > MAX_UNIT:
            cut = text.rfind(" ", start + MAX_UNIT // 2, start + MAX_UNIT)
            stop = cut if cut > start else start + MAX_UNIT
        yield start, stop
        start = stop


def _clip(spans: list[QuoteSpan], opens: list[int], start: int, end: int) -> list[QuoteSpan]:
    """The spans (sorted by ``opens``) that open inside [start, end)."""
    return spans[bisect_left(opens, start) : bisect_left(opens, end)]


def _recent(last: _Spoken | None, index: int) -> bool:
    return last is not None and index - last.unit <= CONTINUATION_REACH


def _continuation(units: list[Unit], index: int, last: _Spoken | None) -> list[Draft]:
    """A unit with no cue: a quotation standing alone, or reported speech running on in the
    subjunctive, belongs to whoever spoke last (or to a heading naming the speaker)."""
    unit = units[index]
    toks = unit.toks
    lex = unit.lex
    recent = _recent(last, index)
    outside_words = [t for t in toks if t.quote < 0 and t.is_word]
    if unit.quotes and not outside_words:
        q = unit.quotes[0]
        if len(unit.quotes) == 1:
            a, b = q.start, q.end
            while a < b and unit.text[a].isspace():
                a += 1
            while b > a and (unit.text[b - 1].isspace() or unit.text[b - 1] in ",;"):
                b -= 1
            words = len(unit.text[a:b].split())
            if words >= 3:
                heading = (
                    _heading_speaker(units, index)
                    or _bracketed_speaker(units, index)
                    or _announced_speaker(units, index)
                )
                if heading:
                    return [Draft(a, b, "direct", None, speaker=heading, confidence=0.6)]
                return [Draft(a, b, "direct", None, inherit=True, confidence=0.6 if recent else 0.4)]
        return []
    if lex.subjunctive and any(t.lower in lex.subjunctive and not t.capitalised for t in outside_words):
        first = 0
        last_tok = len(toks) - 1
        while last_tok >= 0 and toks[last_tok].quote < 0 and toks[last_tok].text in ".!?…,;:":
            last_tok -= 1
        if last_tok < 2 or toks[0].text in "?":
            return []
        if toks[-1].text == "?":
            return []
        kind = "mixed" if any(t.quote >= 0 and t.is_word for t in toks) else "indirect"
        return [Draft(toks[first].start, toks[last_tok].end, kind, None, inherit=True, confidence=0.55)]
    return []


def _described_person(mention: Mention, draft: Draft, lex: Lexicon) -> bool:
    """ "sagte der Kanadier", "erzählte der Deutsche": a definite noun for a person as the
    subject of a reporting verb."""
    rejected = mention.rejected or ""
    verb = (draft.cue or "").split()[0].lower() if draft.cue else ""
    reporting = verb in lex.verbs or verb in lex.so_markers  # "sagte der Kanadier", "so der Gewerkschafter"
    return mention.definite and reporting and lex.is_person_noun(rejected)


def _bare_generic(mention: Mention, discourse: Discourse) -> bool:
    """ "the company", "das Unternehmen", "der Autoclub": a head that stands for whichever
    organisation the article named, alone."""
    return (
        mention.definite
        and (mention.kind == "organization" or not mention.name)
        and _generic_word(mention.name or mention.organisation or "", discourse)
    )


def _generic_word(name: str, discourse: Discourse) -> bool:
    words = name.split()
    return len(words) == 1 and discourse.generic_head(words[0].lower())


def _article_gender(phrase: str, lex: Lexicon) -> str | None:
    """The gender the article of a person noun gives it as a subject: "der Niederländer" a man."""
    first = phrase.split(maxsplit=1)[0].lower() if phrase.strip() else ""
    if first in lex.subject_articles_male:
        return "m"
    if first in lex.subject_articles_female:
        return "f"
    return None


def _announced_speaker(units: list[Unit], index: int) -> list[Token] | None:
    """A paragraph ending "…, erklärt die Sprecherin Frauke Heiligenstadt:" announces the
    quotation of the next one: its speaker is the cue's subject."""
    if index == 0:
        return None
    prev = units[index - 1]
    if prev.paragraph == units[index].paragraph or not prev.toks or prev.toks[-1].text != ":":
        return None
    colon = len(prev.toks) - 1
    cue = next((c for c in reversed(find_cues(prev.toks, prev.text, prev.lex)) if c.kind == "verb"), None)
    if cue is None:
        return None
    return subject(prev, cue, colon) or None


def _bracketed_speaker(units: list[Unit], index: int) -> list[Token] | None:
    """A quotation followed by a bracket naming its speaker, as in quote roundups:
    «…» (Trainer Dieter Hecking nach dem 2:0 gegen …), in the same paragraph or as a paragraph
    of its own right after the quotation's."""
    if index + 1 >= len(units):
        return None
    unit, nxt = units[index], units[index + 1]
    if not nxt.toks or nxt.toks[0].text != "(":
        return None
    own_paragraph = nxt.paragraph == unit.paragraph + 1 and nxt.toks[-1].text == ")"
    if nxt.paragraph != unit.paragraph and not own_paragraph:
        return None
    return speaker_in_brackets(nxt.toks, nxt.lex)


def _heading_speaker(units: list[Unit], index: int) -> list[Token] | None:
    """A quotation paragraph under a line that only names someone ("Sportchef Frank Baumann")."""
    if index == 0:
        return None
    prev, unit = units[index - 1], units[index]
    toks = prev.toks
    if toks and toks[-1].text == ")" and "(" in {t.text for t in toks}:
        # "Rory McIlroy (a fourth major win)": a note in brackets after the name
        toks = toks[: max(k for k, t in enumerate(toks) if t.text == "(")]
    if prev.paragraph == unit.paragraph or not toks or len(toks) > 6 or prev.quotes:
        return None
    if toks[-1].text in ".!?:;,":
        return None
    mention = parse_mention(toks, prev.text, prev.lex)
    if mention is None or not mention.name or mention.kind not in ("person", "unknown"):
        return None
    return toks


def _register_names(units: list[Unit], discourse: Discourse, text: str, lex: Lexicon) -> None:
    for unit in units:
        introduce_names(unit.toks, text, lex, discourse)


def _resolve(
    draft: Draft,
    units: list[Unit],
    index: int,
    discourse: Discourse,
    last: _Spoken | None,
    text: str,
    lex: Lexicon,
    published: date | None,
) -> tuple[Statement | None, _Spoken]:
    unit = units[index]
    speaker: str | None = None
    kind = "unknown"
    entity: Entity | None = None
    mention: Mention | None = None
    role = affiliation = None
    confidence = draft.confidence
    evidence = "none"  # how the speaker was found (see SPEAKER_EVIDENCE)
    if draft.speaker:
        mention = parse_mention(draft.speaker, text, lex)
        cue_end = draft.cue.split()[-1].lower() if draft.cue else ""
        if mention is not None and cue_end in lex.determiners and cue_end not in lex.indefinite_articles:
            mention.definite = True  # "Nach Angaben des Unternehmens": the cue took the article
    elif draft.speaker_text and draft.speaker_text.lower() not in lex.unnamed:
        # "nach Polizeiangaben": the organisation the word names, as the article names it
        # ("nach Brancheninformationen": a group nobody named)
        mention = Mention(
            text=draft.speaker_text,
            start=draft.start,
            end=draft.start,
            name=draft.speaker_text,
            kind="organization",
            definite=True,
        )
    if mention is not None:
        role, affiliation = mention.role, mention.organisation
        # a pronoun before its content refers to someone named before it, not to a name the
        # content opens with ("he said Everton were penalised")
        at = min(mention.start, draft.start) if mention.pronoun else draft.start
        entity = discourse.resolve(mention, at)
        if entity is None and mention.rejected and not mention.name:
            # "Münzer sagte": a word of the language that the article uses as a name it gave in full
            named = Mention(
                text=mention.rejected, start=mention.start, end=mention.end, name=mention.rejected
            )
            entity = discourse.resolve(named, draft.start)
            if entity is None and _described_person(mention, draft, lex):
                # "sagte der Kanadier": the person named last, a man where the article says so
                entity = discourse.latest_person(draft.start, _article_gender(mention.text, lex))
            if entity is None:
                discourse.rejected.append(mention.rejected)
            elif entity.name != mention.rejected:
                mention = Mention(
                    text=mention.text, start=mention.start, end=mention.end, description=mention.rejected
                )
            else:
                mention = named
        if entity is None and mention.name and not mention.pronoun and not _bare_generic(mention, discourse):
            entity = discourse.register(mention, draft.start)
        elif entity is not None and mention.name and _names_entity(mention, entity):
            discourse.register(mention, draft.start, entity=entity)
        if mention.document and entity is not None:
            # "The report also said": the author's document, found again by its kind
            discourse.note_document(mention.document, draft.start, author=entity.name)
        evidence = _evidence_of(mention, entity)
        if entity is not None:
            speaker, kind = entity.name, entity.kind
            if mention.pronoun or mention.description:
                confidence -= 0.05
        elif (mention.name or mention.organisation) and _bare_generic(mention, discourse):
            speaker = None  # "das Unternehmen teilte mit" with no company named: nobody the reader can find
        elif mention.name:
            speaker, kind = mention.name, mention.kind
        elif mention.kind in ("organization",) and mention.text and not mention.pronoun:
            speaker, kind = mention.text, mention.kind
        elif mention.description and (body := lex.spokesperson_of(mention.description)):
            # "wie ein Polizeisprecher sagte", no police named before: the body speaks
            speaker, kind = body, "organization"
            entity = discourse.speaking_for(speaker, mention.gender, draft.start)
            evidence = "organisation"
        elif mention.organisation and not mention.unnamed:
            speaker, kind = mention.organisation, "organization"
            if _generic_word(speaker, discourse):
                # "ein Sprecher des Unternehmens": the company the article named, else nobody
                company = discourse.salient_organisation(draft.start)
                speaker = company.name if company is not None else None
            if speaker and mention.role and mention.kind == "person":
                # an unnamed spokesperson: the organisation speaks, and a later "he"/"she" is its voice
                entity = discourse.speaking_for(speaker, mention.gender, draft.start)
                evidence = "organisation"
        elif mention.description and mention.kind == "document":
            # "a new report says", "according to the complaint": the document speaks
            speaker, kind = mention.description, "document"
            if mention.definite:
                entity = discourse.note_document(speaker, draft.start)
        elif mention.description and mention.kind == "outlet" and len(mention.description.split()) >= 2:
            speaker, kind = mention.description, "outlet"  # "das russische Staatsfernsehen"
            if any(w[:1].isupper() for w in speaker.split()[:-1]):
                # "die Westdeutsche Zeitung": a name, which a later "der Zeitung" refers to
                named = Mention(text=mention.text, start=mention.start, end=mention.end, name=speaker)
                named.kind = "outlet"
                entity = discourse.register(named, draft.start)
                evidence = "organisation"
    elif (
        draft.inherit
        and last is not None
        and last.speaker
        and _continues(draft, last, units, index, discourse)
    ):
        speaker, kind, entity = last.speaker, last.kind, last.entity
        confidence -= 0.05
        evidence = "continued"
    elif draft.inherit and index > 0 and not _sourced(draft, lex):
        # reported speech after a sentence about someone: "X solidarisierte sich … Die Natur könne …"
        entity = _sentence_subject(units[index - 1], discourse, lex)
        # a quotation paragraph after a paragraph that ends naming someone ("Trainer Tom Kurz
        # war enttäuscht. / „Wir waren zu langsam.“") is theirs too
        near = units[index - 1].paragraph == unit.paragraph or (
            draft.type == "direct" and units[index - 1].paragraph == unit.paragraph - 1
        )
        if not near:
            # ... and so is the reported speech of the paragraph after the lead, before anyone spoke,
            # of the person the lead is about ("Innensenator X sieht keinen Anlass, … / Die Polizei habe …")
            entity = _lead_subject(units, index, last, discourse)
            near = entity is not None
        if entity is not None and near:
            speaker, kind = entity.name, entity.kind
            confidence -= 0.15
            evidence = "nearby"
    if kind == "organization" and speaker:
        speaker = organisation_base(speaker, lex)  # "laut des Verkehrsverbunds X": Verkehrsverbund X
    if kind == "unknown" and speaker and entity is None:
        kind = "person" if len(speaker.split()) >= 2 else "unknown"
    if entity is not None and (
        (kind in ("person", "unknown") and entity.kind == "person")
        # "Reyes said …": a family name alone, no given name to tell the gender, speaks as a person
        or (kind == "unknown" and entity.kind == "unknown" and entity.name.lower() in family_names())
        or (entity.voice and speaker)
    ):
        discourse.last_speaker = entity
        discourse.last_spoke_end = unit.end
    if entity is not None and speaker and (entity.kind == "organization" or organisation_like(entity)):
        discourse.last_organisation = entity  # … or "Halvorsen Motors said", a name never a person's
    if speaker is None:
        confidence -= 0.2
        evidence = "none"
    said_on, date_text = _when(draft, text, lex, published)
    if (
        said_on is None
        and date_text is None
        and draft.inherit
        and last is not None
        and last.speaker == speaker
    ):
        said_on, date_text = last.said_on, last.date_text
    stmt = Statement(
        text=text[draft.start : draft.end],
        start=draft.start,
        end=draft.end,
        type=draft.type,
        speaker=speaker,
        speaker_kind=kind if speaker else "unknown",
        cue=draft.cue,
        source=(draft.source and discourse.outlet_meant(draft.source, draft.start))
        or (last.source if draft.inherit and last and last.speaker == speaker else None),
        role=role or (entity.role if entity is not None else None),
        affiliation=organisation_base(affiliation or (entity.organisation if entity else None), lex),
        said_on=said_on,
        date_text=date_text,
        confidence=calibrated(evidence, confidence, draft.type),
        evidence=evidence,
    )
    spoken = _Spoken(entity, speaker, stmt.speaker_kind, index, said_on, date_text, stmt.source)
    return stmt, spoken


def _continues(draft: Draft, last: _Spoken, units: list[Unit], index: int, discourse: Discourse) -> bool:
    """Whether a statement with no speaker of its own continues the last speaker: within
    CONTINUATION_REACH sentences; "…, hieß es" only where the sentences since are about them
    ("Zur Identität machte sie keine Angaben. Die Identifikation sei im Gange, hieß es"), not
    after a sentence of the article's own."""
    if index - last.unit > CONTINUATION_REACH:
        return False
    if not _impersonal(draft, units[index].lex):
        return True
    entity = last.entity
    return entity is not None and all(_about(u, entity, discourse) for u in units[last.unit + 1 : index])


def _lead_subject(units: list[Unit], index: int, last: _Spoken | None, discourse: Discourse) -> Entity | None:
    """The person the article's lead paragraph opens its last sentence with as its subject, for
    reported speech (a main clause in the subjunctive) in the paragraph right after it, when
    nobody has spoken yet: a press release's "Innensenator X sieht keinen Anlass, … / Die Polizei
    habe sich …"; not "Es gab Zweifel, ob …", nor a victim named as an object."""
    if last is not None or index == 0:
        return None
    unit, before = units[index], units[index - 1]
    if before.paragraph != 0 or unit.paragraph != 1 or not _main_clause_subjunctive(unit, unit.lex):
        return None
    return discourse.subject_in(before.start, before.end)


def _sourced(draft: Draft, lex: Lexicon) -> bool:
    """A statement whose cue gives its source as words of its own ("…, hieß es", "den Angaben
    zufolge"): the source before it, or nobody; never a person the sentence before names."""
    return _impersonal(draft, lex) or (
        draft.cue is not None and draft.cue.lower().split()[-1] in lex.source_postpositions
    )


def _impersonal(draft: Draft, lex: Lexicon) -> bool:
    """A statement cued as "…, hieß es", "it was reported"."""
    return (
        draft.cue is not None and lex.impersonal is not None and lex.impersonal.match(draft.cue) is not None
    )


def _about(unit: Unit, entity: Entity, discourse: Discourse) -> bool:
    """Whether a sentence is about an entity: it is its subject, or its first "sie" / "he" may be it."""
    lex = unit.lex
    if _sentence_subject(unit, discourse, lex) is entity:
        return True
    for t in unit.toks:
        gender = _pronoun_gender(t, lex) if t.quote < 0 and t.lower in lex.subject_pronouns else None
        if gender is not None:  # not "es gab …"
            return discourse.fits(entity, gender, is_last=True)
    return False


def _sentence_subject(unit: Unit, discourse: Discourse, lex: Lexicon) -> Entity | None:
    """Whom a sentence is about: the person it names first, or the person a "he" or "she" before
    that name refers to ("In einem Interview kritisierte sie vor allem Minister X.")."""
    for t in unit.toks:
        if t.quote >= 0 or t.lower not in lex.subject_pronouns:
            continue
        gender = _pronoun_gender(t, lex)
        if gender is None or discourse.person_in(unit.start, t.start) is not None:
            break
        pronoun = Mention(text=t.text, start=t.start, end=t.end, kind="person", gender=gender, pronoun=True)
        return discourse.resolve(pronoun, t.start)
    return discourse.person_in(unit.start, unit.end)


def _pronoun_gender(t: Token, lex: Lexicon) -> str | None:
    """ "m" for "he", "er"; "f" for "she", "sie"; None for any other word."""
    return "m" if t.lower in lex.pronouns_male else "f" if t.lower in lex.pronouns_female else None


def _names_entity(mention: Mention, entity: Entity) -> bool:
    """Whether the mention gives the entity by (a form of) its name, a word of it or its initials,
    and so is a mention of that name to find again; "das Unternehmen" or "der CVP-Ständerat"
    referred back to someone named before and is no name of theirs."""
    name = mention.name or ""
    return is_acronym(name) or not entity.keys.isdisjoint(fold(w) for w in name.split())


def _evidence_of(mention: Mention, entity: Entity | None) -> str:
    """How a speaker phrase found its speaker: a class of ``confidence.toml``."""
    if mention.unnamed:
        return "none"
    if mention.pronoun:
        return "pronoun" if entity is not None else "none"
    if mention.description and not mention.name:
        return "description" if entity is not None else "none"
    if not mention.name:
        return "organisation" if mention.kind == "organization" or mention.organisation else "none"
    words = mention.name.split()
    if mention.kind in ("organization", "outlet", "document"):
        return "organisation"
    if len(words) >= 2:
        return "full name"
    return "known surname" if entity is not None and len(entity.name.split()) >= 2 else "single word"


def _when(draft: Draft, text: str, lex: Lexicon, published: date | None) -> tuple[date | None, str | None]:
    if draft.time_to <= draft.time_from:
        return None, None
    for t in find_times(text, draft.time_from, draft.time_to, lex, published):
        if draft.start <= t.start < draft.end:
            continue
        return t.day, t.text
    return None, None
