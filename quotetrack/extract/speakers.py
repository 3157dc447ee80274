"""Stages 5 and 6: speaker phrases parsed into name, role and organisation, and a
discourse model that resolves pronouns, surnames and descriptions to entities."""

from __future__ import annotations

from dataclasses import dataclass

from quotetrack.extract.segment import NAME_INITIALS, Token
from quotetrack.lexicon import Lexicon, is_acronym, known_outlets
from quotetrack.text import fold

OPEN_PARENS = "(["
CLOSE_PARENS = ")]"
QUOTE_CHARS = "\"'„“”»«‚‘’›‹"


@dataclass(slots=True)
class Mention:
    """A speaker phrase as the article writes it, taken apart."""

    text: str
    start: int
    end: int
    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    kind: str = "unknown"
    gender: str | None = None
    pronoun: bool = False
    definite: bool = False  # opened by a definite article: refers back
    description: str | None = None  # a role or document word standing for someone named elsewhere
    unnamed: bool = False  # a group or an anonymous person: no speaker
    rejected: str | None = None  # capitalised words the name check refused ("Allerdings")
    document: str | None = None  # "a report by the Board": the kind of document its author speaks through


def _is_determiner(tok: Token, lex: Lexicon) -> bool:
    return tok.lower in lex.determiners


def is_title_word(tok: Token, lex: Lexicon) -> bool:
    return lex.is_title(tok.lower)


def parse_mention(toks: list[Token], text: str, lex: Lexicon) -> Mention | None:
    """Take a speaker phrase apart: "die Sprecherin des chinesischen Außenministeriums, Mao Ning"
    gives name Mao Ning, role Sprecherin, organisation chinesischen Außenministeriums."""
    toks = [t for t in toks if t.text not in QUOTE_CHARS]
    while toks and (
        toks[-1].text in ",;:-–—"
        or (toks[-1].lower in lex.stop_words and not (len(toks) == 1 and toks[0].lower in lex.pronouns))
    ):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    mention = Mention(text=text[start:end], start=start, end=end)
    titled = [t for t in toks if not (t.quote < 0 and _is_determiner(t, lex))]
    if len(titled) > 1 and titled[0].quote >= 0 and all(t.quote == titled[0].quote for t in titled):
        # „Welt am Mittag“: a title in quotation marks is one name, its small words too
        mention.name = text[titled[0].start : titled[-1].end]
        mention.kind = "outlet"
        return mention
    first = toks[0]
    if len(toks) == 1 and first.lower in lex.pronouns:
        mention.pronoun = True
        mention.kind = "person"
        if first.lower in lex.pronouns_male:
            mention.gender = "m"
        elif first.lower in lex.pronouns_female:
            mention.gender = "f"
        if first.lower in lex.pronouns_plural and first.lower not in lex.pronouns_female:
            mention.gender = "pl"
        if first.lower in lex.pronouns_neuter:
            mention.gender = "n"
            mention.kind = "organization"
        return mention
    mention.definite = first.lower in lex.determiners and first.lower not in lex.indefinite_articles
    if len(toks) == 1 and first.lower in lex.generic_organisation_heads:
        mention.definite = True  # "laut Unternehmen": a bare head refers back as "das Unternehmen" does

    name_runs: list[list[Token]] = []
    run: list[Token] = []
    complement: list[Token] = []
    in_complement = False
    in_parens = False
    role_toks: list[Token] = []
    org_words: list[Token] = []
    party: list[Token] = []
    kinds: set[str] = set()
    main: list[Token] = []  # the phrase without its complement and brackets
    person_complement = False
    for idx, tok in enumerate(toks):
        low = tok.lower
        if tok.text in OPEN_PARENS:
            in_parens = True
            _close_run(run, name_runs)
            run = []
            continue
        if tok.text in CLOSE_PARENS:
            in_parens = False
            continue
        if in_parens or _party_tag(toks, idx, lex):
            party.append(tok)  # "(SPD)", "Rob Portman, R-Ohio": the party, no name
            continue
        if tok.text == ",":
            _close_run(run, name_runs)
            run = []
            in_complement = False
            continue
        possessed = text[tok.end : tok.end + 1] in ("'", "’")  # "The Workers' Party"
        if low in lex.unnamed and not run and not name_runs and not possessed:
            mention.unnamed = True
        if (
            len([t for t in toks if t.is_word and not _is_determiner(t, lex)]) == 1
            and tok.capitalised
            and _plural_noun(tok, lex)
        ):
            # "Deputies said": a group nobody named, unless the article names someone so ("Jobs")
            mention.rejected = tok.text
            continue
        if (
            lex.nouns_capitalised
            and len([t for t in toks if t.is_word and not _is_determiner(t, lex)]) == 1
            and toks[0].lower in lex.determiners
            and toks[0].lower not in lex.indefinite_articles
            and tok.capitalised
            and tok.quote < 0  # der „Weserbote“: a title in marks
            and not (
                tok.word.given
                or tok.word.surname
                or tok.word.outlet
                or tok.word.organisation
                or tok.word.place
            )
            and tok.word.role is None  # a role finds whom it names by the role ("die Innenministerin")
            and tok.lower.endswith(lex.female_person_endings)  # "Spielführerin"; not "die Sprachschule"
            and lex.is_person_noun(tok.text)
        ):
            # "sagte die Spielführerin": a noun for a person after its article, the one named before
            mention.rejected = tok.text
            continue
        if idx > 0 and _inner_title(toks, idx, lex):
            # "Police Lt. Dana Shore": the title ends the words before it, the name follows
            role_toks.append(tok)
            _close_run(run, name_runs)
            run = []
            continue
        gender = tok.word.role
        if (
            gender is not None
            and in_complement
            and role_toks
            and complement
            and complement[0].lower not in lex.name_conjunctions  # "Chairman and CEO": two roles
            and all(not t.capitalised for t in complement)
            and not run
        ):
            # "die Anwältin des späteren Opfers", "the lawyer for the victim": a person the role
            # is of, nobody named; neither the speaker's role nor an organisation
            complement.append(tok)
            person_complement = True
            continue
        if (
            gender is not None
            and tok.is_word
            and not surname_after_given(toks, idx, idx - len(run))
            # "Premier League", a role word in the name of an organisation
            and not (idx + 1 < len(toks) and toks[idx + 1].capitalised and toks[idx + 1].word.organisation)
        ):
            in_complement = False  # "… Department of Forestry Chief Ken Pimlott": a new head
            role_toks.append(tok)
            if mention.gender is None and gender:
                mention.gender = gender
            _close_run(run, name_runs)
            run = []
            continue
        if tok.word.outlet:
            kinds.add("outlet")
        if tok.word.document:
            kinds.add("document")
        if tok.word.organisation:
            kinds.add("organization")
            org_words.append(tok)
        if in_complement:
            complement.append(tok)
            continue
        org_link = (
            low in lex.phrase_links
            and bool(main)
            and main[-1].word.organisation
            and idx + 1 < len(toks)
            and toks[idx + 1].capitalised
        )
        org_link = org_link or (bool(main) and joins_name(toks, idx, lex))
        if (tok.is_word or org_link) and not _is_determiner(tok, lex):
            main.append(tok)
        if org_link:
            continue
        starts_complement = (low in lex.stop_words and low not in lex.name_particles) or (
            _is_determiner(tok, lex)
            and idx > 0
            and (role_toks or run or name_runs or org_words)
            and not (run and low in lex.name_particles and run[-1].lower in lex.name_particles)
        )
        if starts_complement and idx > 0:
            if main and main[-1] is tok:
                main.pop()
            _close_run(run, name_runs)
            run = []
            in_complement = True
            complement.append(tok)
            continue
        possessive = tok.text.endswith(lex.possessive_endings) and idx + 1 < len(toks)
        if possessive and (tok.word.name_like or tok.word.organisation):
            # "China's foreign ministry spokeswoman": a possessive names an affiliation, not the person
            _close_run(run, name_runs)
            run = []
            complement.append(tok)
            continue
        if (
            tok.word.name_like
            or (
                run
                and low in lex.name_particles
                and idx + 1 < len(toks)
                and all(t.word.given or t.lower in lex.name_particles or not t.is_word for t in run)
            )
            or (not run and _particles_open_name(toks, idx, lex))
            or (run and initial_dot(toks, idx, idx - len(run)))
        ):
            run.append(tok)
        else:
            _close_run(run, name_runs)
            run = []
    _close_run(run, name_runs)
    if main and main[-1].lower in lex.unnamed and not role_toks and not party and not org_words:
        # "Eine mit den Verhandlungen vertraute Person", "a person familiar with the talks"
        mention.unnamed = True
        return mention
    if (
        (len(main) >= 2 or (main and complement))
        and not role_toks
        and not org_words
        and not kinds
        and _plural_noun(main[-1], lex)
        and not any(
            (t.word.given and not t.word.common) or t.text.endswith(lex.possessive_endings) for t in main
        )
        # "Halvorsen Motors", "Acme Foods": a name before a plural noun names a company
        and all(not t.capitalised or t.word.common for t in main[:-1])
    ):
        # "Christian groups say", "Tory MPs who said": a group nobody named
        mention.unnamed = True
        return mention

    if role_toks:
        mention.role = " ".join(t.text for t in role_toks)
    comp_words = [t for t in complement if t.lower not in lex.stop_words and not _is_determiner(t, lex)]
    if party and not (len(party) == 1 and is_acronym(party[0].text) and comp_words):
        mention.organisation = text[party[0].start : party[-1].end]
    elif party and complement[0].lower in lex.place_prepositions:
        mention.organisation = party[0].text  # "a spokesman in Brussels (EU)"
    elif complement and complement[0].lower in lex.place_prepositions:
        pass  # "the top prosecutor in New Jersey": a place, not an organisation
    elif complement and not person_complement:
        place = next(
            (k for k in range(1, len(complement)) if complement[k].lower in lex.place_prepositions),
            len(complement),
        )
        comp = [t for t in complement[:place] if t.lower not in lex.stop_words and not _is_determiner(t, lex)]
        if len(comp) >= 2 and comp[0].word.outlet and comp[0].word.common and not comp[1].word.common:
            comp = comp[1:]  # "des Senders Sky News": the outlet's name after its head noun
        if comp:
            mention.organisation = text[comp[0].start : comp[-1].end]

    parts = [(run, name_part(run, text, lex)) for run in name_runs]
    refused = [run for run, kept in parts if not kept]
    if refused:
        mention.rejected = text[refused[-1][0].start : refused[-1][-1].end]
    name_runs = [kept for _run, kept in parts if kept]
    if not name_runs and role_toks and complement:
        # "Minister for Information Fawad Chaudhry": the portfolio, then the person's name
        found = name_closing(complement, text, lex)
        if found is not None:
            at, name_run = found
            comp = [
                t for t in complement[:at] if t.lower not in lex.stop_words and not _is_determiner(t, lex)
            ]
            mention.organisation = text[comp[0].start : comp[-1].end] if comp else None
            name_runs = [name_run]
    apposed = _apposed_name(toks, name_runs, role_toks)
    if len(name_runs) > 1 or role_toks or (main and not main[-1].capitalised and main[-1].is_word):
        # … and "the Berlin wine merchant": a place before a common noun says where from
        # "the Hamburg baker", "Berlins Bürgermeister Kai Wegner": a place beside other words
        # says where the speaker is from; it is not the speaker's name
        name_runs = [run for run in name_runs if not _place_only(run) or run is apposed]
    name = _best_name(name_runs, text)
    if apposed is not None:
        # "Lord Strathclyde, Tory leader in the Lords", "Peter Hain, Welsh Secretary": the name
        # before the comma; the role after it, with its affiliation, describes the person
        name = text[apposed[0].start : apposed[-1].end]
    elif role_toks and name_runs:
        # "White House Press Secretary Sean Spicer": the name follows the last role word;
        # "the Blue Tigers manager": a name before the head role, with none after it, is
        # the affiliation, not the speaker's name
        head_role = role_toks[-1]
        after = [run for run in name_runs if run[0].start > head_role.start]
        if after:
            # "Die Ortsbürgermeisterin von Lenzenau, Heike Stolzenberg": a person's name before a place
            chosen = next((run for run in after if person_like(run) and run[0].word.given), after[0])
            name = text[chosen[0].start : chosen[-1].end]
        elif head_role is toks[-1] and not mention.organisation:
            mention.organisation = text[name_runs[-1][0].start : name_runs[-1][-1].end]
            name = None
    outlet = known_outlets().get(fold(name)) if name else None
    phrase_key = fold(" ".join([t.text for t in toks if t.lower not in lex.determiners]))
    outlet = outlet or known_outlets().get(phrase_key)
    if outlet is not None:
        mention.kind = "outlet"
        mention.name = name if name and fold(name) == phrase_key else outlet.name
        if name and fold(name) in {fold(f) for f in outlet.forms}:
            mention.name = name
        return mention
    head = main[-1] if main else None
    head_kind = _kind_of(head, lex) if head is not None else None
    if head_kind is None and not name and main:
        head_kind = next((k for k in (_kind_of(t, lex) for t in reversed(main)) if k), None)
    if mention.unnamed and not name:
        return mention
    author = [t for t in complement[1:] if t.is_word and not _is_determiner(t, lex)] if complement else []
    if (
        head_kind == "document"
        and not role_toks
        and author
        and author[0].capitalised
        and (complement[0].lower in lex.author_prepositions or complement[0].lower in lex.genitive_articles)
    ):
        # "a report by the Rail Safety Board said", "ein Gutachten des Bundesamts": its author speaks
        mention.document = main[-1].text
        mention.name = text[author[0].start : author[-1].end]
        organised = any(t.word.organisation for t in author) or not person_like(author)
        mention.kind = "organization" if organised else "person"
        return mention
    if head_kind == "document" and not role_toks:
        mention.kind = "document"
        stripped = _strip_determiners(toks, text, lex)
        if len(main) == 1 and (mention.definite or toks[0] is main[0]):
            mention.description = stripped  # "the report", and a headline's bare "report says"
        else:
            mention.name = stripped
        return mention
    if name and not role_toks and not kinds and _described(name_runs, main, mention, lex):
        # "the Spaniard said", "the Taoiseach said": where only names are capitalised, a
        # capitalised noun after a definite article describes someone named elsewhere
        mention.kind = "person"
        mention.description = name
        return mention
    owner = _possessive_owner(toks, name_runs, name, lex) if name else None
    if name and owner is not None:
        # "Emergency Management Agency's David Brunson": the person, of the organisation before
        mention.name, mention.kind = name, "person"
        mention.organisation = owner
        return mention
    if name:
        mention.name = name
        if role_toks:
            mention.kind = "person"
        elif head_kind == "outlet" or (
            "outlet" in kinds and head is not None and _name_token(head, name_runs)
        ):
            mention.kind = "outlet"
            if head is not None and not _name_token(head, name_runs) and head.start > 0:
                first_name = next(t for run in name_runs for t in run)
                if first_name.start < head.start:
                    mention.name = text[first_name.start : head.end]  # "the Spree Herald"
        elif head_kind == "organization" or "organization" in kinds:
            mention.kind = "organization"
            mention.name = text[main[0].start : main[-1].end]
            if "," in mention.name and not main[0].capitalised:
                mention.name = name  # "the union, Unite": the name set off after the common noun
        else:
            title = _title_of(toks, name, lex)
            mention.kind = "person" if title is not None or _person_name(name_runs, name) else "unknown"
            if title and mention.gender is None:
                mention.gender = title  # "Lord Falconer", "Mrs Hodge"
        return mention
    if role_toks:
        mention.kind = "person"
        mention.description = role_toks[-1].text
        body = [t for t in org_words if t.end <= role_toks[0].start and not t.capitalised]
        if body and not mention.organisation and lex.is_spokesperson(role_toks[-1].text):
            # "a police spokesperson", "a hospital spokeswoman": the body the word before names,
            # with the words of the language before it ("a health service spokeswoman")
            k = toks.index(body[0])
            while (
                k > 0
                and toks[k - 1].is_word
                and not toks[k - 1].capitalised
                and toks[k - 1].quote < 0
                and toks[k - 1].lower not in lex.stop_words
                and not _is_determiner(toks[k - 1], lex)
            ):
                k -= 1
            mention.organisation = text[toks[k].start : body[-1].end]
        return mention
    if head_kind == "outlet":
        mention.kind = "outlet"
        mention.description = _strip_determiners(toks, text, lex)
        return mention
    if head_kind == "organization":
        mention.kind = "organization"
        end = main[-1].end
        if complement and complement[0].lower in lex.genitive_articles and not role_toks:
            end = complement[-1].end  # "Verband der Kinderärzte Unterfranken"
        mention.name = text[main[0].start : end]
        return mention
    if mention.definite and _age_description(toks):
        # "erzählt der 52-Jährige", "the 52-year-old said": someone named before, by age
        mention.kind = "person"
        mention.description = toks[-1].text
    return mention


def _title_of(toks: list[Token], name: str, lex: Lexicon) -> str | None:
    """The gender a title right before the name tells ("m", "f", "" for "Dr"), or None when no
    title stands there."""
    at = next((k for k, t in enumerate(toks) if name.startswith(t.text) and t.word.name_like), -1)
    k = at - 1
    if k >= 0 and toks[k].text == ".":
        k -= 1
    return lex.title_gender(toks[k].lower) if k >= 0 else None


def _apposed_name(toks: list[Token], runs: list[list[Token]], roles: list[Token]) -> list[Token] | None:
    """The name a phrase opens with when a comma sets it off from the role words that describe
    it and no name follows those role words ("Peter Hain, Welsh Secretary")."""
    comma = next((t for t in toks if t.text == ","), None)
    if comma is None or not roles or not runs or roles[0].start < comma.start:
        return None
    after_role = {toks[k + 1].start for k, t in enumerate(toks[:-1]) if any(t is r for r in roles)}
    if any(run[0].start in after_role for run in runs):
        return None  # "…, the ministry's spokeswoman Mao Ning": the name follows the role
    first = runs[0]
    if first[-1].end > comma.start or toks[0].start < first[0].start - 12:
        return None
    return first


def _person_name(runs: list[list[Token]], name: str) -> bool:
    run = next((r for r in runs if name.startswith(r[0].text) and len(r) == len(name.split())), None)
    return person_like(run) if run is not None else len(name.split()) >= 2


def name_closing(toks: list[Token], text: str, lex: Lexicon) -> tuple[int, list[Token]] | None:
    """A person's name of two or more words closing a role's complement, and where its run of
    capitalised words starts."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        if toks[k].is_word and toks[k].capitalised:
            j = k
            while j < len(toks) and toks[j].is_word and toks[j].capitalised:
                j += 1
            runs.append((k, j))
            k = j
        else:
            k += 1
    if not runs:
        return None
    a, b = runs[-1]
    part = name_part(toks[a:b], text, lex)
    if len(part) < 2 or len(part) == b - a or not person_like(part):
        return None
    return a, part


def person_like(run: list[Token]) -> bool:
    """Words that can be a person's name: after the first, none is a word of the language
    unless it is also a family name ("Rocky Mountain Power" is no person's name)."""
    return len(run) >= 2 and all(t.word.surname or not t.word.common for t in run[1:])


def _described(runs: list[list[Token]], main: list[Token], mention: Mention, lex: Lexicon) -> bool:
    """A definite phrase whose one name word, its head, is a common noun of a language that
    capitalises only names: a description ("the Spaniard"), not a name."""
    if lex.nouns_capitalised or not mention.definite or len(runs) != 1 or len(runs[0]) != 1:
        return False
    if not main or runs[0][0] is not main[-1]:
        return False
    word = runs[0][0].word
    return word.common_noun and not (
        word.given or word.surname or word.place or word.organisation or word.outlet or word.document
    )


def _age_description(toks: list[Token]) -> bool:
    """A phrase that describes someone by age: a number, a hyphen, a noun ("52-Jährige",
    "52-year-old")."""
    return any(
        a.text.isdigit() and b.text == "-" and a.end == b.start and b.end == c.start and c.is_word
        for a, b, c in zip(toks, toks[1:], toks[2:], strict=False)
    )


def _kind_of(tok: Token, lex: Lexicon) -> str | None:
    if tok.word.document:
        return "document"
    if tok.word.outlet:
        return "outlet"
    if tok.word.organisation:
        return "organization"
    return None


def _name_token(tok: Token, runs: list[list[Token]]) -> bool:
    return any(tok is t for run in runs for t in run)


def _party_tag(toks: list[Token], idx: int, lex: Lexicon) -> bool:
    """A lawmaker's party and state after the name (and its comma): "R-Ohio", "D-Calif"."""
    letter, _, state = toks[idx].text.partition("-")
    before = toks[idx - 1] if idx > 0 else None
    after_name = before is not None and (before.text == "," or before.capitalised)
    return after_name and letter in lex.party_letters and state[:1].isupper()


def _close_run(run: list[Token], runs: list[list[Token]]) -> None:
    if run:
        runs.append(list(run))


def name_part(run: list[Token], text: str, lex: Lexicon) -> list[Token]:
    """The part of a run of capitalised words that can be a name. A person's name starts at
    the given name when only words of the language stand before it ("Pharmacist Anke Roloff",
    "Mitorganisator Donatus Schmidt"); words of the language that are no names ("Allerdings",
    "Nachfrage", "Three") are not names alone where their capital says nothing: in a language
    that capitalises nouns, or opening a sentence. Organisation, outlet and document words
    ("Bundesanwaltschaft") are left to the phrase's kind."""

    def plain_word(t: Token, *, anywhere: bool = False) -> bool:
        word = t.word
        if word.given or word.surname or word.organisation or word.outlet or word.document:
            return False
        if anywhere:
            return word.common or lex.is_compound_noun(word.lower)
        if lex.nouns_capitalised:
            return word.common
        # opening an English sentence, a noun may be a company's name ("Iridium said"); an
        # adverb, a number or an adjective is not ("Eventually", "Three", "French")
        return word.common and not word.common_noun and opens_sentence(t, text)

    last = run[-1].word
    if (
        lex.nouns_capitalised
        and len(run) >= 2
        and not (last.common or last.place)
        and all(_title_noun(t, lex) for t in run[:-1])
    ):
        return run[-1:]  # "Schafhalter Fröschle", "Bäckermeister Kunz": a noun as title
    if not any(t.word.common for t in run) and not any(t.word.given for t in run[1:-1]):
        return run  # nothing to strip: the common case, decided without looking further
    # a given name with a family name after it
    given = next((k for k, t in enumerate(run[:-1]) if t.word.given and not t.word.common), -1)
    if (
        given > 0
        and all(
            plain_word(t, anywhere=True)
            or compound_title(t)
            # a title the tables lack ("Meteorologist John De Block"); where only names are
            # capitalised, mid-sentence it is a first given name ("says Yunfan Gerry Zhang")
            or (
                _no_name(t)
                and (
                    lex.nouns_capitalised
                    or opens_sentence(t, text)
                    or t.word.organisation
                    or t.text.endswith(lex.possessive_endings)
                    # "Chief Meteorologist Bruce DePrest", "Senior Forecaster Ann Kerr": a noun for
                    # a person, by its ending, before the given name
                    or t.lower.endswith(lex.title_noun_endings)
                )
            )
            for t in run[:given]
        )
    ):
        run = run[given:]
    elif given > 0 and _no_name(run[given - 1]) and run[given - 1].lower.endswith(lex.title_noun_endings):
        run = run[given:]  # "Senior Forecaster Ann Kerr": the title's last word is a noun for a person
    else:
        # "Information Fawad Chaudhry", "Professional Training Shafqat Mehmood": a portfolio or
        # title of words of the language before two or more words that are none
        k = len(run)
        while k > 0 and run[k - 1].is_word and not run[k - 1].word.common:
            k -= 1
        if 0 < k <= len(run) - 2 and all(
            plain_word(t, anywhere=True) or t.word.organisation for t in run[:k]
        ):
            run = run[k:]
    # "Allerdings Merkel …", "Eventually Smith": an adverb or adjective before a name; a noun
    # before one belongs to it ("Stadtwerke Lindau"); a sentence adverb opening the sentence
    # stays one though it is a family name too ("So Helen Dwyer added")
    while len(run) > 1 and (
        (plain_word(run[0]) and not run[0].word.common_noun)
        or (run[0].lower in lex.adverbials and opens_sentence(run[0], text))
    ):
        run = run[1:]
    return [] if all(plain_word(t) for t in run) else run


def _inner_title(toks: list[Token], idx: int, lex: Lexicon) -> bool:
    """An abbreviated title inside a phrase, before two capitalised words: "Police Lt. Dana
    Shore", "State Police Sgt. Gary Pond"."""
    dotted = idx + 1 < len(toks) and toks[idx + 1].text == "."
    after = toks[idx + 2 : idx + 4] if dotted else toks[idx + 1 : idx + 3]
    title = toks[idx].lower + "." if dotted else toks[idx].lower
    return lex.is_title(title) and len(after) == 2 and all(t.capitalised for t in after)


def surname_after_given(toks: list[Token], j: int, run_start: int) -> bool:
    """A family name that looks like a role, an organisation word or a date, right after a given
    name ("Luisa Neubauer", "Anna Richter", "Frauke Heiligenstadt", "Theresa May")."""
    word = toks[j].word
    return (
        j > run_start
        and toks[j].capitalised
        and toks[j - 1].word.given is not None
        and not toks[j - 1].word.common
        and (
            (word.surname and word.role is not None)
            or (word.organisation and not word.common and "-" not in toks[j].text)
            # "Theresa May", "Brian Friday": a family name spelled like a month or a day
            or (word.surname and not word.name_like and word.is_word and not toks[j].text.isupper())
        )
    )


# How many words either side of a conjunction are searched for an organisation's word.
JOIN_REACH = 5


def joins_roles(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """A conjunction between two roles of one person: "Chairman and CEO", "co-founder and CEO"."""
    if not (0 < k < len(toks) - 1) or toks[k].lower not in lex.name_conjunctions:
        return False
    before, after = toks[k - 1], toks[k + 1]
    return (
        before.quote < 0 and after.quote < 0 and before.word.role is not None and after.word.role is not None
    )


def joins_name(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """A conjunction inside an organisation's name: capitalised words on both sides, and an
    organisation word among them ("Food and Drug Administration", "Department of Health and
    Human Services", "Ministerium für Umwelt und Verbraucherschutz"); not two names ("Merkel
    and Macron")."""
    if not (0 < k < len(toks) - 1) or toks[k].lower not in lex.name_conjunctions:
        return False
    before, after = toks[k - 1], toks[k + 1]
    if (
        not (before.capitalised and after.capitalised and after.is_word)
        or before.quote >= 0
        or after.quote >= 0
    ):
        return False
    if after.word.role is not None or after.word.given is not None or lex.function_word(after.lower):
        return False
    # the words after it lead to an organisation's word ("… and Drug Administration") ...
    j = k + 1
    while j < len(toks) and j - k <= JOIN_REACH and toks[j].quote < 0:
        t = toks[j]
        if t.is_word and t.capitalised and t.word.organisation:
            return True
        plural_possessive = t.text in "'’" and toks[j - 1].text.endswith("s")  # "Employers’ Association"
        if not (t.capitalised or t.lower in lex.phrase_links or plural_possessive):
            break
        j += 1
    # ... or it continues the complement of one ("Department of Health and …")
    j = k - 1
    while j > 0 and k - j <= JOIN_REACH and toks[j].capitalised and toks[j].quote < 0:
        j -= 1
    return j > 0 and toks[j].lower in lex.phrase_links and toks[j - 1].word.organisation


def _possessive_owner(toks: list[Token], runs: list[list[Token]], name: str, lex: Lexicon) -> str | None:
    """The owner before a person's name in "X's First Last", as written without "'s"."""
    run = next((r for r in runs if len(r) >= 2 and " ".join(t.text for t in r) == name), None)
    if run is None or not person_like(run):
        return None
    before = [t for t in toks if t.end <= run[0].start]
    if not before or not before[-1].text.endswith(lex.possessive_endings):
        return None
    owner = before[-1].text
    for ending in lex.possessive_endings:
        owner = owner.removesuffix(ending)
    words = [t.text for t in before[:-1] if t.capitalised] + [owner]
    return " ".join(words)


def _plural_noun(tok: Token, lex: Lexicon) -> bool:
    """The plural of a noun of the language, where plurals are marked by an ending the language
    file lists ("Deputies" of "deputy", "Relatives"): a group, not a name."""
    low = tok.lower
    for ending, singular in lex.plural_endings:
        if low.endswith(ending) and len(low) > len(ending) + 2:
            stem = low[: len(low) - len(ending)] + singular
            if stem in lex.common_nouns and not (tok.word.given or tok.word.surname or tok.word.place):
                return True
    return False


def _title_noun(t: Token, lex: Lexicon) -> bool:
    """A singular noun for a person ("Schafhalter", "Bäckermeister"; not the plural
    "Stadtwerke" of "Stadtwerke Lindau")."""
    word = t.word
    if word.given or word.surname or word.place or not word.lower.endswith(lex.title_noun_endings):
        return False
    return (word.common_noun or lex.is_compound_noun(word.lower)) and lex.is_person_noun(word.text)


def _no_name(t: Token) -> bool:
    """A capitalised word no name table knows, before a given name: a title the lexicon lacks
    ("Meteorologist John De Block")."""
    return t.is_word and not (t.word.given or t.word.surname or t.word.place)


def compound_title(t: Token) -> bool:
    """A hyphenated word before a given name: a title or affiliation ("CVP-Ständerat"),
    not part of the name."""
    return "-" in t.text[1:-1] and not (t.word.given or t.word.surname)


def _particles_open_name(toks: list[Token], idx: int, lex: Lexicon) -> bool:
    """ "von der Leyen", "de la Cruz": two or more name particles, then a capitalised name word."""
    k = idx
    while k < len(toks) and toks[k].lower in lex.name_particles and not toks[k].capitalised:
        k += 1
    return k - idx >= 2 and k < len(toks) and toks[k].word.name_like


def _place_only(run: list[Token]) -> bool:
    """A run of capitalised words that is a place ("Hamburg", "New Jersey")."""
    return any(t.word.place for t in run) and all(t.word.place or not t.is_word for t in run)


def opens_sentence(tok: Token, text: str) -> bool:
    """Whether a token stands first in its sentence (after marks that open one)."""
    k = tok.start
    while k > 0 and (text[k - 1].isspace() or text[k - 1] in QUOTE_CHARS or text[k - 1] in "(–—-"):
        k -= 1
    if k == 0 or text[k - 1] in "!?:;…\n":
        return True
    # a full stop, but not the dot of an initial ("Steven P. Jobs")
    return text[k - 1] == "." and not (
        k >= 2 and text[k - 2].isupper() and (k < 3 or not text[k - 3].isalpha())
    )


def _best_name(runs: list[list[Token]], text: str) -> str | None:
    """The longest run of name words: the most specific name in the phrase."""
    if not runs:
        return None
    best = max(runs, key=lambda r: (len(r), r[0].start))
    name = text[best[0].start : best[-1].end]
    for ending in ("’s", "'s"):  # "Obama’s": the name, not its possessive
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name[: -len(ending)]
    return name


def _strip_determiners(toks: list[Token], text: str, lex: Lexicon) -> str:
    i = 0
    while i < len(toks) - 1 and (_is_determiner(toks[i], lex) or toks[i].text in QUOTE_CHARS):
        i += 1
    return text[toks[i].start : toks[-1].end]


def initial_dot(toks: list[Token], j: int, run_start: int) -> bool:
    """The dot of an initial inside a name: "William R. Lunsford"."""
    initial = toks[j - 1].text if j > 0 else ""
    return (
        toks[j].text == "."
        and j > run_start
        and ((len(initial) == 1 and initial.isupper()) or NAME_INITIALS.fullmatch(initial) is not None)
        and j + 1 < len(toks)
        and toks[j + 1].capitalised
        # one space, or one and the mark of a nickname: K.T. "Kip" Marlow
        and 1 <= toks[j + 1].start - toks[j].end <= 2
    )


def speaker_in_brackets(toks: list[Token], lex: Lexicon) -> list[Token] | None:
    """The person a bracketed note names: a name after a role ("Trainer Dieter Hecking"), else
    the first full name ("Ralf Fährmann"), else a lone surname after a description."""
    runs: list[tuple[int, int]] = []
    i = 1
    while i < len(toks) and toks[i].text not in CLOSE_PARENS:
        if toks[i].word.name_like:
            j = i
            while (
                j < len(toks)
                and toks[j].is_word
                and (toks[j].word.name_like or toks[j].lower in lex.name_particles)
            ):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    for a, b in runs:
        if a > 0 and toks[a - 1].word.role is not None:
            return toks[a - 1 : b]
    for a, b in runs:
        if b - a >= 2 and not toks[b - 1].text.endswith(("s", "’s", "'s")):
            return toks[a:b]
    for a, b in runs:
        if a > 1 and toks[a - 1].is_word and toks[a - 1].capitalised:
            return toks[a:b]
    return None


def _head_gender(word: str, lex: Lexicon) -> str | None:
    return next((gender for head, gender in lex.head_genders if word.endswith(head)), None)


def _head_base(word: str, lex: Lexicon) -> tuple[str, str] | None:
    """A head noun without its case ending, and its gender, when the language file knows it."""
    for ending, replacement in lex.genitive_heads:
        if word.lower().endswith(ending):
            candidate = word[: len(word) - len(ending)] + replacement
            gender = _head_gender(candidate.lower(), lex)
            if gender is not None:
                return candidate, gender
    gender = _head_gender(word.lower(), lex)  # no ending to drop: "der Hafenverwaltung"
    return (word, gender) if gender is not None else None


def organisation_base(phrase: str | None, lex: Lexicon) -> str | None:
    """An organisation named in an inflected case in its base form, where the language file
    knows its head: "chinesischen Außenministeriums" -> "chinesisches Außenministerium",
    "Verkehrsverbunds Mittelholstein" -> "Verkehrsverbund Mittelholstein"; otherwise the phrase
    as written. The head is the first word the language file knows as one; words after it
    (a name, "für Küstenschutz") stay as they are."""
    if not phrase or not lex.head_genders:
        return phrase
    words = phrase.split()
    heads = ((i, _head_base(w, lex)) for i, w in enumerate(words) if w[:1].isupper())
    index, found = next(((i, f) for i, f in heads if f is not None), (0, None))
    if found is None:
        return phrase
    base, gender = found
    inflected = lex.genitive_adjective_ending
    nominative = lex.adjective_endings.get(gender, inflected)
    before = [
        w[: len(w) - len(inflected)] + nominative if inflected and w.endswith(inflected) and len(w) > 4 else w
        for w in words[:index]
    ]
    return " ".join([*before, base, *words[index + 1 :]])
