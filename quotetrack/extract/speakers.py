"""Stages 5 and 6: speaker phrases parsed into name, role and organisation, and a
discourse model that resolves pronouns, surnames and descriptions to entities."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from quotetrack.extract.segment import Token
from quotetrack.lexicon import Lexicon, first_name_gender, is_acronym, known_outlets
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


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    keys: frozenset[str]
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # folded role words, for matching descriptions
    role: str | None = None  # the first role the article gives, as written
    voice: str | None = None  # gender of an unnamed spokesperson speaking for this organisation
    organisation: str | None = None
    positions: list[int] = field(default_factory=list)

    @property
    def last(self) -> int:
        return self.positions[-1] if self.positions else -1


def _is_determiner(tok: Token, lex: Lexicon) -> bool:
    return tok.lower in lex.determiners


def _is_title(tok: Token, lex: Lexicon) -> bool:
    return lex.is_title(tok.lower)


def parse_mention(toks: list[Token], text: str, lex: Lexicon) -> Mention | None:
    """Take a speaker phrase apart: "die Sprecherin des chinesischen Außenministeriums, Mao Ning"
    gives name Mao Ning, role Sprecherin, organisation chinesischen Außenministeriums."""
    toks = [t for t in toks if t.text not in QUOTE_CHARS]
    while toks and (toks[-1].text in ",;:-–—" or toks[-1].lower in lex.stop_words):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    mention = Mention(text=text[start:end], start=start, end=end)
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
        return mention
    mention.definite = first.lower in lex.determiners and first.lower not in lex.indefinite_articles

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
        if in_parens:
            party.append(tok)
            continue
        if tok.text == ",":
            _close_run(run, name_runs)
            run = []
            in_complement = False
            continue
        if low in lex.unnamed and not run and not name_runs:
            mention.unnamed = True
        gender = tok.word.role
        if gender is not None and tok.is_word:
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
            and main
            and main[-1].word.organisation
            and idx + 1 < len(toks)
            and toks[idx + 1].capitalised
        )
        if tok.is_word and not _is_determiner(tok, lex):
            main.append(tok)
        if org_link:
            continue
        starts_complement = (low in lex.stop_words and low not in lex.name_particles) or (
            _is_determiner(tok, lex) and idx > 0 and (role_toks or run or name_runs or org_words)
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
        if possessive and tok.word.name_like:
            # "China's foreign ministry spokeswoman": a possessive names an affiliation, not the person
            _close_run(run, name_runs)
            run = []
            complement.append(tok)
            continue
        if (
            tok.word.name_like
            or (run and low in lex.name_particles and idx + 1 < len(toks))
            or (run and _initial_dot(toks, idx, idx - len(run)))
        ):
            run.append(tok)
        else:
            _close_run(run, name_runs)
            run = []
    _close_run(run, name_runs)

    if role_toks:
        mention.role = " ".join(t.text for t in role_toks)
    if party:
        mention.organisation = text[party[0].start : party[-1].end]
    elif complement and complement[0].lower in lex.place_prepositions:
        pass  # "the top prosecutor in New Jersey": a place, not an organisation
    elif complement:
        comp = [t for t in complement if t.lower not in lex.stop_words and not _is_determiner(t, lex)]
        if comp:
            mention.organisation = text[comp[0].start : comp[-1].end]

    name_runs = [kept for kept in (_name_part(run, text, lex) for run in name_runs) if kept]
    if len(name_runs) > 1 or role_toks:
        # "the Hamburg baker", "Berlins Bürgermeister Kai Wegner": a place beside other words
        # says where the speaker is from; it is not the speaker's name
        name_runs = [run for run in name_runs if not _place_only(run)]
    name = _best_name(name_runs, text)
    if role_toks and name_runs:
        # "White House Press Secretary Sean Spicer": the name follows the last role word;
        # "the Blue Tigers manager": a name before the head role, with none after it, is
        # the affiliation, not the speaker's name
        head_role = role_toks[-1]
        after = [run for run in name_runs if run[0].start > head_role.start]
        if after:
            name = text[after[0][0].start : after[0][-1].end]
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
    if head_kind == "document" and not role_toks:
        mention.kind = "document"
        stripped = _strip_determiners(toks, text, lex)
        if mention.definite and len(main) == 1:
            mention.description = stripped
        else:
            mention.name = stripped
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
        else:
            mention.kind = "person" if len(name.split()) >= 2 else "unknown"
        return mention
    if role_toks:
        mention.kind = "person"
        mention.description = role_toks[-1].text
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
    return mention


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


def _close_run(run: list[Token], runs: list[list[Token]]) -> None:
    if run:
        runs.append(list(run))


def _name_part(run: list[Token], text: str, lex: Lexicon) -> list[Token]:
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
        return word.common and not word.common_noun and _opens_sentence(t, text)

    # a given name with a family name after it
    given = next((k for k, t in enumerate(run[:-1]) if t.word.given and not t.word.common), -1)
    if given > 0 and all(plain_word(t, anywhere=True) for t in run[:given]):
        run = run[given:]
    # "Allerdings Merkel …", "Eventually Smith": an adverb or adjective before a name; a noun
    # before one belongs to it ("Stadtwerke Lindau")
    while len(run) > 1 and plain_word(run[0]) and not run[0].word.common_noun:
        run = run[1:]
    return [] if all(plain_word(t) for t in run) else run


def _place_only(run: list[Token]) -> bool:
    """A run of capitalised words that is a place ("Hamburg", "New Jersey")."""
    return any(t.word.place for t in run) and all(t.word.place or not t.is_word for t in run)


def _opens_sentence(tok: Token, text: str) -> bool:
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
    return text[best[0].start : best[-1].end]


def _strip_determiners(toks: list[Token], text: str, lex: Lexicon) -> str:
    i = 0
    while i < len(toks) - 1 and (_is_determiner(toks[i], lex) or toks[i].text in QUOTE_CHARS):
        i += 1
    return text[toks[i].start : toks[-1].end]


# Pronouns, descriptions and bare heads refer to someone mentioned at most this many characters
# before (or, for a description, after); a name finds its entity anywhere in the article.
RECENCY_WINDOW = 6000
# A name word shared by more entities than this is looked up among the latest of them only, so
# that a text with thousands of speakers costs linear time.
BUCKET_REACH = 200


class Discourse:
    """The entities an article mentions, and what its pronouns and descriptions refer to."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.entities: list[Entity] = []
        self.by_key: dict[str, list[Entity]] = {}  # folded name word -> entities whose name has it
        self.by_initials: dict[str, Entity] = {}  # "WHO" -> World Health Organization
        self.last_speaker: Entity | None = None
        # every mention in text order: its offset and entity (for what was said near a point)
        self._mention_at: list[int] = []
        self._mention_of: list[Entity] = []

    def register(self, mention: Mention, pos: int) -> Entity | None:
        if not mention.name or mention.pronoun:
            return None
        keys = frozenset(fold(w) for w in mention.name.split() if w[:1].isupper() or w.isupper())
        if not keys:
            return None
        found = self._by_name(keys, pos, any_position=True)
        if found is None:
            found = Entity(name=mention.name, kind=mention.kind, keys=keys)
            self.entities.append(found)
            self._index(found)
        elif len(keys) > len(found.keys) and found.keys <= keys:
            found.name, found.keys = mention.name, keys
            self._index(found)
        if mention.kind != "unknown" and (
            found.kind == "unknown"
            or (
                mention.kind == "organization"
                and len(keys) > 1
                and found.kind == "person"
                and not found.roles
            )
        ):
            found.kind = mention.kind
        if mention.role:
            found.roles.add(fold(mention.role.split()[-1]))
            found.role = found.role or mention.role
        if mention.gender in ("m", "f") and found.gender is None:
            found.gender = mention.gender
        if found.gender is None and found.kind in ("person", "unknown"):
            found.gender = first_name_gender(mention.name.split()[0])
        if found.kind == "organization" and mention.gender in ("m", "f"):
            found.voice = mention.gender
        if mention.organisation and not found.organisation:
            found.organisation = mention.organisation
        insort(found.positions, pos)  # kept in order; no sort of a long list per mention
        at = bisect_right(self._mention_at, pos)
        self._mention_at.insert(at, pos)
        self._mention_of.insert(at, found)
        return found

    def _index(self, ent: Entity) -> None:
        for key in ent.keys:
            bucket = self.by_key.setdefault(key, [])
            if ent not in bucket[-BUCKET_REACH:]:
                bucket.append(ent)
        words = [w for w in ent.name.replace("-", " ").split() if w[:1].isupper()]
        if len(words) >= 2:
            self.by_initials.setdefault("".join(w[0] for w in words).upper(), ent)

    def _by_name(self, keys: frozenset[str], pos: int, *, any_position: bool = False) -> Entity | None:
        """The most specific entity whose name has all these words, or whose (two or more)
        name words are all among them."""
        best: Entity | None = None
        best_rank = (0, 0)
        candidates = {id(e): e for key in sorted(keys) for e in self.by_key.get(key, ())[-BUCKET_REACH:]}
        for ent in candidates.values():
            matches = keys <= ent.keys or (ent.keys <= keys and len(ent.keys) >= 2)
            if not matches:
                continue
            # the fullest name; between equals, the one named first
            rank = (len(ent.keys), -(ent.positions[0] if ent.positions else pos))
            if best is None or rank > best_rank:
                best, best_rank = ent, rank
        return best

    def resolve(self, mention: Mention, pos: int) -> Entity | None:
        """The entity a mention refers to, or None when the article does not say."""
        if mention.unnamed:
            return None
        if mention.pronoun:
            return self._pronoun(mention, pos)
        if mention.name:
            keys = frozenset(fold(w) for w in mention.name.split() if w[:1].isupper() or w.isupper())
            ent = self._by_name(keys, pos) if keys else None
            words = mention.name.split()
            if ent is None and mention.kind == "organization" and mention.definite and len(words) == 1:
                ent = self._organisation(fold(words[0]), pos)
            if ent is None and mention.kind in ("person", "unknown"):
                ent = self._by_surname(words, pos)
            if ent is None and len(words) == 1 and is_acronym(words[0]):
                ent = self._by_initials(words[0])
            return ent
        if mention.description:
            found = self._description(mention, pos)
            if found is None and mention.kind == "person" and not mention.definite:
                found = self.organisation_of_role(mention.description, pos)
            return found
        return None

    def names(self, name: str | None, *, elsewhere: int) -> bool:
        """Whether the article names this speaker again after ``elsewhere`` (a headline label)."""
        if not name:
            return False
        keys = frozenset(fold(w) for w in name.split() if w[:1].isupper())
        ent = self._by_name(keys, elsewhere) if keys else None
        again = ent is not None and any(p > elsewhere for p in ent.positions)
        return again and ent is not None and ent.kind in ("person", "organization")

    def person_in(self, start: int, end: int) -> Entity | None:
        """The first person named between two offsets."""
        first = bisect_left(self._mention_at, start)
        last = bisect_left(self._mention_at, end)
        return next((e for e in self._mention_of[first:last] if e.kind == "person"), None)

    def _latest_person(self, mention: Mention, pos: int) -> Entity | None:
        """The person named last before ``pos`` whose gender fits."""
        for ent in self._recent(pos):
            if ent.kind != "person":
                continue
            if mention.gender in ("m", "f") and ent.gender and ent.gender != mention.gender:
                continue
            return ent
        return None

    def _pronoun(self, mention: Mention, pos: int) -> Entity | None:
        """He, she, they: whoever spoke last, unless someone fitting was named since."""
        gender = mention.gender
        recent = self._recent(pos)
        if gender == "pl":
            return next((e for e in recent if e.kind in ("organization", "outlet")), None)
        speaker = self.last_speaker
        if speaker is not None and not self._fits(speaker, gender, is_last=True):
            speaker = None
        if speaker is not None and gender in ("m", "f"):
            # "… Mirko Slomka … erklärte er": a person of that gender named since the last
            # speaker spoke is the likelier antecedent
            spoke = max((p for p in speaker.positions if p < pos), default=-1)
            for ent in recent:
                if ent is speaker or not any(spoke < p < pos for p in ent.positions):
                    continue
                if ent.kind == "person" and ent.gender == gender:
                    return ent
        for ent in recent:
            if ent is speaker:
                return ent
            if ent.voice and gender in ("m", "f") and ent.voice == gender:
                # "Eine Sprecherin des Konzerns wollte … Sie sagte": the unnamed spokeswoman, named since
                return ent
        if speaker is not None:
            return speaker
        return next((e for e in recent if self._fits(e, gender, is_last=False)), None)

    def _fits(self, ent: Entity, gender: str | None, *, is_last: bool) -> bool:
        if ent.kind == "person" or (ent.kind == "unknown" and is_last):
            return not (gender and ent.gender and ent.gender != gender)
        # "sie" may be plural: the organisation that spoke last can be meant
        ambiguous = gender is None or bool(self.lex.pronouns_plural & self.lex.pronouns_female)
        return is_last and ambiguous and gender != "m" and ent.kind in ("organization", "outlet")

    def organisation_of_role(self, role: str, pos: int) -> Entity | None:
        """ "ein Ministeriumssprecher": the organisation a compound role names, when the
        article has named it ("Bundesinnenministerium")."""
        word = fold(role)
        for suffix in self.lex.role_suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                head = word[: -len(suffix)].rstrip("-")
                for variant in (head, head[:-1] if head.endswith("s") else head):
                    found = self._organisation(variant, pos)
                    if found is not None:
                        return found
                return None
        return None

    def _description(self, mention: Mention, pos: int) -> Entity | None:
        word = fold(mention.description or "")
        if mention.kind in ("document", "outlet"):
            for ent in self._recent(pos):
                if ent.kind in ("outlet", "document"):
                    return ent
            return None

        def matches(e: Entity) -> bool:
            return any(_role_matches(word, r) for r in e.roles)

        before = next((e for e in self._recent(pos) if matches(e)), None)
        if before is not None:
            return before
        # "…, sagte der Minister. Finanzminister Karl Ott …": named just after
        first, last = (
            bisect_right(self._mention_at, pos),
            bisect_right(self._mention_at, pos + RECENCY_WINDOW),
        )
        after = next((e for e in self._mention_of[first:last] if matches(e)), None)
        if after is not None:
            return after
        if mention.definite:
            return self._latest_person(mention, pos)  # "so der Oppositionspolitiker": someone just named
        return None

    def _by_initials(self, acronym: str) -> Entity | None:
        """ "WHO" for the World Health Organization, "LCSO" for the Lake County Sheriff's Office."""
        return self.by_initials.get(acronym.upper())

    def _by_surname(self, words: list[str], pos: int) -> Entity | None:
        """ "FCA-Neuzugang Gregoritsch", "Selenskyjs": the person whose surname ends the mention,
        also in the genitive."""
        if not words:
            return None
        last = fold(words[-1])
        stems = [last[: -len(g)] for g in self.lex.genitive_endings if last.endswith(g) and len(last) > 3]
        forms = [last, *stems]
        for form in forms:
            bucket = self.by_key.get(form, ())[-BUCKET_REACH:]
            people = [e for e in bucket if e.kind == "person" and len(e.keys) >= 2]
            if len(people) == 1:
                return people[0]
        return None

    def _organisation(self, head: str, pos: int) -> Entity | None:
        """ "das Ministerium" / "the ministry": the latest organisation with that head."""
        for ent in self._recent(pos):
            if ent.kind == "organization" and any(k.endswith(head) for k in ent.keys):
                return ent
        return None

    def _recent(self, pos: int) -> list[Entity]:
        """The entities mentioned in the window before ``pos``, the latest mentioned first."""
        out: list[Entity] = []
        seen: set[int] = set()
        k = bisect_right(self._mention_at, pos) - 1
        while k >= 0 and self._mention_at[k] >= pos - RECENCY_WINDOW:
            ent = self._mention_of[k]
            if id(ent) not in seen:
                seen.add(id(ent))
                out.append(ent)
            k -= 1
        return out


def _role_matches(mention_role: str, entity_role: str) -> bool:
    """ "Ministerin" matches "Verteidigungsministerin"; "spokesperson" matches "spokesman"."""
    if (
        mention_role == entity_role
        or entity_role.endswith(mention_role)
        or mention_role.endswith(entity_role)
    ):
        return True
    common = 0
    for a, b in zip(mention_role, entity_role, strict=False):
        if a != b:
            break
        common += 1
    return common >= 6


def introduce_names(toks: list[Token], text: str, lex: Lexicon, discourse: Discourse) -> None:
    """Enter the people and organisations a sentence names into the discourse model, so that
    later pronouns, surnames and descriptions can find them: "Richter Karl Münzer",
    "Judge Anna Manasco", "The spokesman, Christian Lindmeier", "Ministry of Health"."""
    n = len(toks)
    if not n:
        return
    marked = [k for k, tok in enumerate(toks) if tok.word.name_mark]
    roles = [k for k in marked if toks[k].word.role_word]
    for r in roles:
        _introduce_voice(toks, r, text, lex, discourse)
    i = 0
    # a name or organisation starts at a capitalised word outside quotations
    for start in [k for k in marked if toks[k].capitalised and toks[k].is_word and toks[k].quote < 0]:
        if start < i:
            continue  # inside the name or organisation before
        i = start
        t = toks[i]
        if t.word.organisation:
            j = i + 1
            while (
                j < n
                and toks[j].quote < 0
                and (
                    toks[j].word.name_like
                    or (toks[j].lower in lex.phrase_links and j + 1 < n and toks[j + 1].capitalised)
                )
            ):
                j += 1
            k = i
            reach = 1 if lex.nouns_capitalised else 3  # "Berliner Polizei"; "Cisco Systems Inc"
            while (
                k > 0
                and i - k < reach
                and toks[k - 1].quote < 0
                and toks[k - 1].capitalised
                and toks[k - 1].word.name_like
            ):
                k -= 1
            if k > 0 and toks[k - 1].text in ("'s", "’s"):
                k = max(0, k - 2)
            name = text[toks[k].start : toks[j - 1].end]
            if k < i or j > i + 1 or t.lower not in lex.organisation_heads:
                # a bare head ("das Ministerium") refers back; it names no new organisation
                discourse.register(
                    Mention(
                        text=name, start=toks[k].start, end=toks[j - 1].end, name=name, kind="organization"
                    ),
                    toks[k].start,
                )
            i = j
            continue
        if not t.word.name_like:
            i += 1
            continue
        j = i
        while (
            j < n
            and toks[j].quote < 0
            and (
                (
                    toks[j].is_word
                    and (
                        toks[j].word.name_like
                        or (
                            toks[j].lower in lex.name_particles
                            and j > i
                            and j + 1 < n
                            and toks[j + 1].capitalised
                        )
                    )
                )
                or _initial_dot(toks, j, i)
            )
        ):
            j += 1
        run = _name_part(toks[i:j], text, lex)
        if not run:
            i = j
            continue
        at = bisect_right(roles, i - 7)
        role_near = at < len(roles) and roles[at] <= j + 4
        if not role_near and len(run) == 1 and lex.nouns_capitalised:
            # a capitalised noun with no role near it names someone only as a known outlet
            if (i > 0 and toks[i - 1].word.outlet) or fold(t.text) in known_outlets():
                discourse.register(
                    Mention(text=t.text, start=t.start, end=t.end, name=t.text, kind="outlet"), t.start
                )
            i = j
            continue
        role = _role_before(toks, i, lex) if role_near else None
        if role is None and role_near and j + 2 < n and toks[j].text == "," and len(run) >= 2:
            role = _role_at(toks, j + 1, lex)
        after_article = i > 0 and toks[i - 1].lower in lex.determiners and role is None
        after_place = i > 0 and toks[i - 1].lower in lex.place_prepositions and role is None
        acronym_after = j + 1 < n and toks[j].text == "(" and toks[j + 1].text.isupper()
        if j < n and toks[j].capitalised and toks[j].word.organisation:
            i = j  # "Cisco Systems Inc": the organisation branch takes it
            continue
        # a given name and a family name, or a known family name after an unknown given one
        given = (
            len(run) >= 2
            and (run[0].word.given is not None or run[-1].word.surname)
            and not run[0].word.common
        )
        person = (
            (len(run) >= 2 or role is not None)
            and len(run) <= 4
            and not (acronym_after and role is None)
            and not after_article
            and not (after_place and not given)
            and (role is not None or given or not lex.nouns_capitalised)
        )
        outlet_before = i > 0 and toks[i - 1].word.outlet
        if j < n and toks[j].capitalised and toks[j].quote < 0 and toks[j].word.outlet:
            run = toks[i : j + 1]  # "Bergen Finansavis", "Spree Herald": the head ends the name
            j += 1
            outlet_before = True
        name = text[run[0].start : run[-1].end]
        if outlet_before or fold(name) in known_outlets():
            discourse.register(
                Mention(text=name, start=run[0].start, end=run[-1].end, name=name, kind="outlet"),
                run[0].start,
            )
        elif person:
            gender = role.word.role if role is not None else None
            discourse.register(
                Mention(
                    text=name,
                    start=run[0].start,
                    end=run[-1].end,
                    name=name,
                    kind="person",
                    role=role.text if role is not None else None,
                    gender=gender or None,
                ),
                run[0].start,
            )
        i = max(j, i + 1)


def _introduce_voice(toks: list[Token], r: int, text: str, lex: Lexicon, discourse: Discourse) -> None:
    """ "Eine Sprecherin des Axel Springer-Konzerns": a role with no name, speaking for an
    organisation, which a later "sie"/"she" can refer to."""
    n = len(toks)
    k = r + 1
    if (
        k >= n
        or toks[k].quote >= 0
        or not (toks[k].lower in lex.genitive_articles or toks[k].lower in lex.phrase_links)
    ):
        return
    k += 1
    while k < n and toks[k].lower in lex.determiners:
        k += 1
    j = k
    while j < n and toks[j].quote < 0 and toks[j].is_word and toks[j].capitalised:
        j += 1
    if j == k or (j < n and toks[j].text == "," and j + 1 < n and toks[j + 1].word.name_like):
        return  # no organisation, or a name follows ("…, Mao Ning")
    if r >= 2 and toks[r - 1].text == "," and toks[r - 2].word.name_like:
        return  # "Thomas Heinreichsberger, Sprecher der …": the spokesman is named
    gender = toks[r].word.role
    name = text[toks[k].start : toks[j - 1].end]
    discourse.register(
        Mention(
            text=name,
            start=toks[k].start,
            end=toks[j - 1].end,
            name=name,
            kind="organization",
            gender=gender or None,
        ),
        toks[r].start,
    )


def _initial_dot(toks: list[Token], j: int, run_start: int) -> bool:
    """The dot of an initial inside a name: "William R. Lunsford"."""
    return (
        toks[j].text == "."
        and j > run_start
        and len(toks[j - 1].text) == 1
        and toks[j - 1].text.isupper()
        and j + 1 < len(toks)
        and toks[j + 1].capitalised
        and toks[j + 1].start == toks[j].end + 1
    )


def _role_before(toks: list[Token], i: int, lex: Lexicon) -> Token | None:
    """A role word shortly before a name, in the same phrase: "Sprecherin des … Ministeriums, Mao Ning",
    "Government Spokesman Mr. Konstantinos Letympiotis"."""
    for k in range(i - 1, max(-1, i - 7), -1):
        t = toks[k]
        if t.quote >= 0:
            return None
        if t.text == "." and k > 0 and _is_title(toks[k - 1], lex):
            continue
        if t.text == "," and k == i - 1:
            continue
        if not t.is_word:
            return None
        if t.word.role is not None:
            return t
        if (
            t.lower in lex.stop_words
            and t.lower not in lex.phrase_links
            and t.lower not in lex.genitive_articles
        ):
            return None  # "… sagte ein Sprecher am Freitagabend": the role is not this name's
        if t.lower in lex.verbs or t.lower in lex.auxiliaries:
            return None
        if _is_title(t, lex) or t.lower in lex.determiners or not t.capitalised:
            continue
        if t.word.organisation or t.word.outlet:
            continue
        return None
    return None


def _role_at(toks: list[Token], k: int, lex: Lexicon) -> Token | None:
    """ "Mao Ning, die Sprecherin …" / "Jane Roe, a spokeswoman for …"."""
    for j in range(k, min(len(toks), k + 4)):
        t = toks[j]
        if t.is_word and t.word.role is not None:
            return t
        if not (t.lower in lex.determiners or (t.is_word and not t.capitalised)):
            return None
    return None


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
