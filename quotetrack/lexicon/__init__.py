"""Language data: the lexicon files, loaded once and checked, and language detection.

Words live in ``lexicons/<lang>.toml``; every file has the same keys. The engine
asks a :class:`Lexicon` questions ("is this a reporting verb?") and never branches
on a language code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, cast

from quotetrack.errors import LexiconError
from quotetrack.text import fold

# The keys every language file must have, by table.
SCHEMA: dict[str, tuple[str, ...]] = {
    "language": ("code", "name"),
    "flags": ("verb_second", "nouns_capitalised", "ordinal_dot"),
    "tables": ("common_words", "finite_verbs", "subjunctive_forms"),
    "quotes": ("pairs",),
    "cues": (
        "verbs",
        "separable",
        "reflexive_quote_cues",
        "reflexives",
        "auxiliaries",
        "object_cues",
        "object_prepositions",
        "naming_cues",
        "quoting",
        "weak_verbs",
        "source_prepositions",
        "source_compounds",
        "source_compound_preposition",
        "source_postpositions",
        "source_clause_openers",
        "so_markers",
        "impersonal",
        "impersonal_sources",
        "complementizers",
        "question_complementizers",
        "question_words",
        "negations",
        "negation_endings",
        "auxiliary_contractions",
        "adverb_endings",
        "noun_frames",
        "relay_prepositions",
        "relay_places",
        "relay_articles",
        "subjunctive",
        "stance",
        "cataphora",
        "labels",
        "hearer_verbs",
        "infinitive_markers",
        "passive_auxiliaries",
        "subordinators",
        "named_source_prepositions",
        "question_cues",
        "continuation_cues",
    ),
    "speakers": (
        "determiners",
        "indefinite_articles",
        "pronouns_male",
        "pronouns_female",
        "pronouns_plural",
        "pronouns_neuter",
        "possessives_male",
        "possessives_female",
        "possessive_determiners",
        "subject_articles_male",
        "subject_articles_female",
        "genitive_endings",
        "possessive_endings",
        "relative_pronouns",
        "subject_pronouns",
        "name_particles",
        "party_letters",
        "role_synonyms",
        "titles",
        "titles_male",
        "titles_female",
        "roles_male",
        "roles_female",
        "roles_neutral",
        "role_endings",
        "compound_roles",
        "organisation_heads",
        "generic_organisation_heads",
        "spokesperson_roles",
        "person_noun_endings",
        "female_person_endings",
        "title_noun_endings",
        "plural_endings",
        "documents",
        "outlet_heads",
        "outlet_documents",
        "unnamed",
    ),
    "boundaries": (
        "coordinators",
        "place_prepositions",
        "phrase_links",
        "name_conjunctions",
        "author_prepositions",
        "genitive_articles",
        "adjective_inflections",
        "own_words",
        "stop_words",
        "adverbials",
        "abbreviations",
    ),
    "time": ("weekdays", "weekday_prefixes", "months", "relative_days", "day_parts", "date_order"),
    "via": ("patterns",),
    "boilerplate": ("markers", "labels", "label_max_chars", "max_chars"),
    "claims": ("function_words", "endings"),
    "organisations": ("genitive_heads", "head_genders", "adjective_endings", "genitive_adjective_ending"),
}

DEFAULT_LANGUAGE = "en"
# Words whose classification a lexicon remembers, per table.
MEMO_LIMIT = 100_000


class WordTable(dict[str, Any]):
    """Word classifications, each computed the first time a word is looked up (``table[word]``).

    Words are asked about again and again; a full table is emptied, so that memory stays flat
    over any stream of articles."""

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> Any:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        value = self[word] = self._compute(word)
        return value


class Word:
    """One spelling of a token ("Sprecherin", "sagte", ",") and what the lexicon says about it.

    Worked out once per spelling (``lexicon.words[text]``) and shared by every token spelled
    so, so that the stages read a word's classes instead of asking the lexicon again."""

    __slots__ = (
        "capitalised",
        "common",
        "common_noun",
        "cue_mark",
        "cue_trigger",
        "document",
        "given",
        "is_word",
        "lower",
        "name_like",
        "name_mark",
        "opens_cue_phrase",
        "organisation",
        "outlet",
        "place",
        "role",
        "role_word",
        "surname",
        "text",
    )

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        low = self.lower = text.lower()
        first = text[:1]
        self.is_word = first.isalpha()
        self.capitalised = first.isupper()
        self.cue_trigger = low in lex.cue_triggers  # a word that can start a cue
        self.opens_cue_phrase = self.is_word and lex.opens_cue_phrase(text)
        self.cue_mark = self.cue_trigger or self.opens_cue_phrase  # either
        spelled_like_small_word = lex.function_word(low) and low not in lex.determiners
        if is_acronym(text) and not self.cue_trigger and spelled_like_small_word:
            # "the WHO said", "the US said": an acronym spelled like a pronoun or a preposition
            # is a name, and no stage may read it as the small word; an article in capitals
            # ("THE MINISTER for Health") stays an article
            low = self.lower = text
        # the gender of the role it names, by its last part ("Innen-Staatssekretär"), or None
        self.role: str | None = lex._role_gender(text.split("-")[-1].lower())
        # a role word as the search for unnamed spokespeople finds one: by its last three letters
        self.role_word = self.is_word and low[-3:] in lex.role_tails and self.role is not None
        stem = next(
            (low[: -len(e)] for e in lex.possessive_endings if low.endswith(e) and len(low) > len(e)), low
        )
        self.organisation = lex._organisation_word(stem)  # "Co's" as "Co"
        self.outlet = lex.is_outlet_word(text)
        self.document = (
            low in lex.documents
            or ("-" in low and low.rsplit("-", 1)[1] in lex.documents)
            # "Medienmitteilung", "Polizeibericht": a compound of a document word
            or (lex.nouns_capitalised and lex.noun_compound(low, lex.document_suffix_re))
        )
        # what the word tables say of it capitalised: a word of the language that is no name
        # ("Nachfrage", "Allerdings", "Three"), a given name and its gender ("m", "f", "-"),
        # a family name; a word can be several ("Berg")
        self.common = (
            self.capitalised
            and (
                low in lex.common_words
                # "Hausmeisters", "Vereins": a noun in the genitive, where nouns are capitalised
                or (
                    lex.nouns_capitalised and len(low) > 5 and low[-1] == "s" and low[:-1] in lex.common_nouns
                )
            )
        )
        self.common_noun = self.common and low in lex.common_nouns
        self.given = given_name(text) if self.capitalised else None
        self.surname = self.capitalised and low in family_names()
        self.place = self.capitalised and low in place_names()
        if self.organisation and (self.given or self.surname) and stem not in lex.organisation_heads:
            # "Wieland" ends like "Land", "Ostermann" like "Mann": a name the tables know is no
            # organisation by its ending alone
            self.organisation = False
        if (
            self.capitalised
            and not self.common
            and "-" in low
            and not (self.given or self.surname or self.place)
        ):
            # "CVP-Ständerat", "Under-fire": a compound's last part is its head, when its first
            # part is a word or an acronym ("Mainfranken-Echo" is a name)
            first_part, head = low.split("-", 1)[0], low.rsplit("-", 1)[1]
            modifier = first_part in lex.common_words or is_acronym(text.split("-", 1)[0])
            self.common = self.common_noun = modifier and len(head) >= 3 and head in lex.common_nouns
            tail = text.rsplit("-", 1)[1]
            if len(tail) >= 3 and tail.isalpha() and tail.islower():
                # "Denver-based", "SPD-geführte": a compound adjective, though its first part is a name
                self.common, self.common_noun = True, False
        # capitalised, and no role, title, article or cue: it can be part of a name
        self.name_like = self.capitalised and self.is_word and lex.is_name_word(self)
        # a name or a role word can start here
        self.name_mark = self.role_word or (self.capitalised and self.is_word)


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _lower_set(values: list[str]) -> frozenset[str]:
    return frozenset(v.lower() for v in values)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any phrase as whole words, longest first."""
    if not phrases:
        return None
    alternatives = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _first_words_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """Matches (with ``fullmatch``) a word that opens one of ``phrases``, compared as
    ``_phrase_regex`` compares: a quick test before a phrase pattern runs over a sentence."""
    if not phrases:
        return None
    alternatives = sorted({re.escape(p.split()[0]) for p in phrases if p.split()}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """One language's data, ready for the engine."""

    code: str
    name: str
    verb_second: bool
    nouns_capitalised: bool
    ordinal_dot: bool
    common_words: frozenset[str]  # lower-case words that, capitalised, are not names
    common_nouns: frozenset[str]  # … those of them that are nouns
    quote_pairs: tuple[tuple[str, str], ...]
    verbs: frozenset[str]
    separable: dict[str, tuple[str, ...]]
    reflexive_quote_cues: frozenset[str]  # "zeigte sich „…“": only a quoted object is said
    reflexives: frozenset[str]
    auxiliaries: frozenset[str]
    object_cues: frozenset[str]
    object_prepositions: frozenset[str]
    naming_cues: frozenset[str]
    quoting: dict[str, tuple[str, ...]]  # verb -> the phrases that close its frame
    weak_verbs: frozenset[str]
    question_cues: frozenset[str]  # cues that ask: a question after them is no statement
    # ", adding that …", ", und fügte hinzu, …": a second statement of the same speaker
    continuation_cues: re.Pattern[str] | None
    source_prepositions: re.Pattern[str] | None
    source_compounds: frozenset[str]
    source_compound_preposition: str
    source_postpositions: frozenset[str]
    source_clause_openers: frozenset[str]
    so_markers: frozenset[str]
    impersonal: re.Pattern[str] | None
    impersonal_sources: frozenset[str]  # "Aus dem Ministerium hieß es": who the phrase names
    cue_phrase_openers: re.Pattern[str] | None  # the first words of source_prepositions and impersonal
    complementizers: frozenset[str]
    question_complementizers: frozenset[str]  # "whether", "ob": what follows is asked, not said
    question_words: frozenset[str]  # "why", "warum": a headline that asks reports nothing
    negations: frozenset[str]  # "nicht", "never": by the cue, it says nothing was said
    negation_endings: tuple[str, ...]  # "didn't", "won’t"
    auxiliary_contractions: tuple[str, ...]  # "she'll": a pronoun and its auxiliary in one word
    adverb_endings: tuple[str, ...]  # "recently", "publicly": an adverb between speaker and verb
    noun_frames: re.Pattern[str] | None
    relay_prepositions: re.Pattern[str] | None
    relay_places: re.Pattern[str] | None  # "im ZDF", "on CNN": an outlet must follow
    relay_articles: frozenset[str]
    subjunctive: frozenset[str]
    finite_verbs: frozenset[str]  # finite verb forms ("ran", "lief"), from the word tables
    stance: frozenset[str]
    cataphora: frozenset[str]
    hearer_verbs: frozenset[str]
    infinitive_markers: frozenset[str]  # "to", "zu": "told to leave" asks, it reports nothing
    passive_auxiliaries: frozenset[str]  # "was", "wurde": "was informed" makes the hearer the subject
    subordinators: frozenset[str]  # "after", "nachdem": they open a clause of their own
    named_source_prepositions: frozenset[str]  # "per", "gemäß": a source only before someone named
    relative_pronouns: frozenset[str]
    subject_pronouns: frozenset[str]
    labels: frozenset[str]
    determiners: frozenset[str]
    indefinite_articles: frozenset[str]
    pronouns_male: frozenset[str]
    pronouns_female: frozenset[str]
    pronouns_plural: frozenset[str]
    pronouns_neuter: frozenset[str]  # "it said": an organisation
    possessives_male: frozenset[str]  # "his spokesman": whose
    possessives_female: frozenset[str]
    possessive_determiners: frozenset[str]  # "its results": an object, not a clause, follows
    subject_articles_male: frozenset[str]  # "sagte der Niederländer": a man
    subject_articles_female: frozenset[str]
    genitive_endings: tuple[str, ...]
    possessive_endings: tuple[str, ...]
    name_particles: frozenset[str]
    party_letters: frozenset[str]  # "R-Ohio", "D-Calif.": a lawmaker's party and state after the name
    role_groups: dict[str, frozenset[int]]  # folded role word -> the synonym groups it is in
    titles: frozenset[str]
    titles_male: frozenset[str]
    titles_female: frozenset[str]
    roles: dict[str, str]  # role word -> "m" | "f" | "" (either)
    role_suffixes: tuple[str, ...]
    role_endings: tuple[str, ...]  # inflection endings a role word may carry: "Sprechers"
    compound_roles: bool  # a word ending in a role word is a role ("Polizeisprecher")
    organisation_heads: frozenset[str]
    generic_organisation_heads: frozenset[str]  # heads that stand for any organisation ("the company")
    spokesperson_roles: frozenset[str]  # roles that speak for an organisation ("ein Sprecher")
    person_noun_endings: tuple[str, ...]  # endings of nouns for people ("Kanadier", "Tscheche")
    female_person_endings: tuple[str, ...]  # endings that make a noun a woman's ("Spielführerin")
    title_noun_endings: tuple[str, ...]  # … of those that stand as a title before a name, singular
    plural_endings: tuple[tuple[str, str], ...]  # ("ies", "y"): a plural's ending and its singular's
    documents: frozenset[str]
    outlet_heads: frozenset[str]
    outlet_documents: frozenset[
        str
    ]  # "the report", "dem Bericht": an outlet's words, when no such document was named
    unnamed: frozenset[str]
    coordinators: frozenset[str]
    place_prepositions: frozenset[str]
    phrase_links: frozenset[str]
    name_conjunctions: frozenset[str]
    author_prepositions: frozenset[str]  # "a report by X": who wrote a document
    genitive_articles: frozenset[str]
    adjective_inflections: tuple[str, ...]  # endings of inflected adjectives ("aktuellen")
    own_words: frozenset[str]  # "eigenen Angaben zufolge": by the subject's own account
    stop_words: frozenset[str]
    adverbials: frozenset[str]
    abbreviations: frozenset[str]
    weekdays: dict[str, int]
    weekday_prefixes: frozenset[str]
    months: dict[str, int]
    relative_days: dict[str, int]
    day_parts: frozenset[str]  # "Thursday evening": the part of a day after its name
    date_order: str
    via_patterns: tuple[re.Pattern[str], ...]
    boilerplate: tuple[str, ...]
    boilerplate_labels: tuple[str, ...]
    boilerplate_re: re.Pattern[str]  # any marker, starting at a word's start
    boilerplate_label_re: re.Pattern[str]  # any label, as a whole word
    boilerplate_label_max_chars: int
    boilerplate_max_chars: int
    genitive_heads: tuple[tuple[str, str], ...]  # (genitive ending, base ending), longest first
    head_genders: tuple[tuple[str, str], ...]  # (organisation head, gender)
    adjective_endings: dict[str, str]  # gender -> the adjective's ending before such a head
    genitive_adjective_ending: str
    function_words: frozenset[str]  # no content for comparing statements
    endings: tuple[str, ...]  # inflection endings stripped to compare stems, longest first
    role_suffix_re: re.Pattern[str]
    role_tails: frozenset[str]  # the last three letters of every role word and inflected form
    organisation_tails: frozenset[str]
    organisation_suffix_re: re.Pattern[str]
    document_suffix_re: re.Pattern[str]
    short_organisation_suffix_re: re.Pattern[str]
    outlet_suffix_re: re.Pattern[str]
    memo: dict[str, dict[str, Any]] = field(default_factory=dict)
    words: dict[str, Word] = field(init=False)  # spelling -> Word, each built when first looked up
    # Derived word sets, computed once when the lexicon is built:
    cue_triggers: frozenset[str] = field(init=False)  # every word that can start a cue
    pronouns: frozenset[str] = field(init=False)
    noun_frame_words: frozenset[str] = field(init=False)  # "statement" in "in a statement"
    long_weekdays: tuple[str, ...] = field(init=False)  # weekday names of five letters or more

    def __post_init__(self) -> None:
        self.memo.update(
            role=WordTable(self._role_gender),
            word=WordTable(lambda text: Word(text, self)),
        )
        object.__setattr__(self, "words", self.memo["word"])  # the dataclass is frozen
        triggers = set(self.verbs) | set(self.separable) | set(self.quoting) | set(self.source_postpositions)
        triggers |= self.reflexive_quote_cues
        triggers |= set(self.so_markers)
        if self.source_compound_preposition:
            triggers.add(self.source_compound_preposition)
        frame_words = re.findall(r"[^\W\d_]+", self.noun_frames.pattern) if self.noun_frames else []
        derived = {
            "cue_triggers": frozenset(triggers),
            "pronouns": self.pronouns_male
            | self.pronouns_female
            | self.pronouns_plural
            | self.pronouns_neuter,
            "noun_frame_words": frozenset(w.lower() for w in frame_words if len(w) > 3),
            "long_weekdays": tuple(day for day in self.weekdays if len(day) > 4),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # the dataclass is frozen

    def role_gender(self, word: str) -> str | None:
        """The gender a role word marks ("" when either), or None when it is no role word.

        Compounds count by their last part ("Regierungssprecherin" is a feminine role), and
        inflected forms by their stem ("des Sprechers").
        """
        return cast(str | None, self.memo["role"][word.lower()])

    def _role_gender(self, w: str) -> str | None:
        if w in self.roles:
            return self.roles[w]
        if w[-3:] not in self.role_tails:
            return None  # no role word, inflected or not, ends like this
        if len(w) > 5 and self.compound_roles:
            m = self.role_suffix_re.search(w)
            if m and m.start() >= 3:
                return self.roles[m.group()]
        for ending in self.role_endings:
            if ending and w.endswith(ending) and len(w) - len(ending) >= 4:
                found = self._role_gender(w[: -len(ending)])
                if found is not None:
                    return found
        return None

    def organisation_word(self, w: str) -> bool:
        """Whether a lower-case word names an organisation ("ministry", "Behörde", "Polizei")."""
        return self._organisation_word(w)

    def _organisation_word(self, w: str) -> bool:
        if w in self.organisation_heads:
            return True
        if not self.nouns_capitalised or len(w) <= 6 or w[-3:] not in self.organisation_tails:
            return False
        if self.organisation_suffix_re.search(w) is not None:
            return True
        # "Betriebsrat", "Finanzamt": a compound of a short head, unless it names a person's office
        # ("Stadtrat", "Landrat")
        return self.noun_compound(w, self.short_organisation_suffix_re) and self.role_gender(w) is None

    def same_role(self, a: str, b: str) -> bool:
        """Whether two folded role words name one office ("Stadtoberhaupt", "Bürgermeister")."""
        groups = self.role_groups.get(a)
        return groups is not None and not groups.isdisjoint(self.role_groups.get(b, ()))

    def noun_compound(self, w: str, heads: re.Pattern[str]) -> bool:
        """Whether a lower-case word is a noun of the language joined to one of ``heads``
        ("medien|mitteilung", "betriebs|rat"; not "Kandi|daten", "Demok|rat", "insges|amt")."""
        m = heads.search(w)
        if m is None:
            return False
        part = w[: m.start()]
        return part in self.common_nouns or (part.endswith("s") and part[:-1] in self.common_nouns)

    def is_outlet_word(self, word: str) -> bool:
        w = word.lower()
        if w in self.outlet_heads or (word[:1].isupper() and w in outlet_heads()):
            return True
        return self._outlet_word(w)

    def _outlet_word(self, w: str) -> bool:
        if not self.nouns_capitalised or len(w) <= 6:
            return False
        return self.outlet_suffix_re.search(w) is not None

    def opens_cue_phrase(self, word: str) -> bool:
        """Whether a source or impersonal cue phrase ("laut", "according to", "hieß es") can
        begin with this word."""
        return self.cue_phrase_openers is not None and self.cue_phrase_openers.fullmatch(word) is not None

    def is_title(self, low: str) -> bool:
        """Whether a lower-case word is a title ("dr", "prof", "mr"), with or without its dot."""
        return low in self.titles or low + "." in self.titles

    def title_gender(self, low: str) -> str | None:
        """ "m" or "f" for a title that tells ("Mr", "Lady", "Frau"), "" for one that does not
        ("Dr"), None for a word that is no title."""
        if not self.is_title(low):
            return None
        bare = low.rstrip(".")
        if bare in self.titles_male or bare + "." in self.titles_male:
            return "m"
        if bare in self.titles_female or bare + "." in self.titles_female:
            return "f"
        return ""

    def spokesperson_of(self, word: str) -> str | None:
        """The organisation word a spokesperson compound starts with ("Polizeisprecher" ->
        "Polizei", "Ministeriumssprecher" -> "Ministerium"), or None."""
        word = self.uninflected_role(word)
        low = word.lower()
        for role in self.spokesperson_roles:
            if low.endswith(role) and len(low) - len(role) >= 3:
                head = word[: len(word) - len(role)].rstrip("-")
                for form in (head, head[:-1] if head.endswith("s") else head):
                    if self._organisation_word(form.lower()):
                        return form
        return None

    def is_spokesperson(self, word: str) -> bool:
        """A role that speaks for an organisation, alone or in a compound ("Kreissprecher"),
        also in the genitive ("eines Polizeisprechers")."""
        low = self.uninflected_role(word).lower()
        return any(low.endswith(role) for role in self.spokesperson_roles)

    def uninflected_role(self, word: str) -> str:
        """A role word without a genitive ending that is not its own ("Polizeisprechers")."""
        low = word.lower()
        if any(low.endswith(role) for role in self.spokesperson_roles):
            return word
        for ending in self.genitive_endings:
            if low.endswith(ending) and any(low[: -len(ending)].endswith(r) for r in self.spokesperson_roles):
                return word[: -len(ending)]
        return word

    def is_person_noun(self, word: str) -> bool:
        """A noun that, after "sagte der", describes a person ("Kanadier", "Tscheche",
        "Auszubildende"), by its ending."""
        low = word.lower()
        return (
            " " not in low
            and len(low) >= 5
            and low.endswith(self.person_noun_endings)
            and not (self._organisation_word(low) or low in self.documents)
        )

    def is_compound_noun(self, low: str) -> bool:
        """A compound whose last part is a word of the language ("mitorganisator": "organisator"),
        in a language that writes compounds as one word."""
        if not self.nouns_capitalised:
            return False
        return any(low[k:] in self.common_words for k in range(3, len(low) - 4))

    def function_word(self, low: str) -> bool:
        """An article, pronoun or preposition: a word that never names anyone."""
        return low in self.stop_words or low in self.pronouns or low in self.determiners

    def is_name_word(self, word: Word) -> bool:
        """Whether a word can be part of a name (when capitalised): no article, pronoun, day,
        month, verb, role, title, organisation, outlet or document word."""
        low = word.lower
        if is_acronym(word.text) and low in self.stop_words and low not in self.determiners:
            return True  # "WHO" is an organisation, "who" a pronoun
        if low in self.determiners or low in self.stop_words or low in self.pronouns or low in self.unnamed:
            return False
        if low in self.weekdays or low in self.months or low in self.verbs or low in self.auxiliaries:
            return False
        if self.nouns_capitalised and low.startswith(self.long_weekdays):
            return False  # "Freitagabend", "Montagmorgen"
        if word.role is not None or self.is_title(low):
            return False
        if TICKER.fullmatch(word.text):
            return False  # "ADSGn.DE", "UAA.N": a stock's ticker symbol beside its company
        return not (word.organisation or word.outlet or word.document)


TICKER = re.compile(r"[A-Z][A-Za-z0-9]{1,6}\.[A-Z]{1,3}")  # a ticker symbol with its exchange: "UAA.N"


def _marker_regex(markers: list[str], *, whole: bool) -> re.Pattern[str]:
    """Lower-case markers found where a word starts (and, ``whole``, where one ends)."""
    body = "|".join(re.escape(m.lower()) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})" + (r"(?!\w)" if whole else ""))


def _continuation_regex(phrases: list[str]) -> re.Pattern[str] | None:
    """ ", adding that", ", und fügte hinzu," : a comma, the phrase, then the second statement."""
    if not phrases:
        return None
    words = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf",\s+(?P<cue>{words})\b[,:]?\s+", re.IGNORECASE)


def _suffix_regex(words: Iterable[str], *, min_len: int) -> re.Pattern[str]:
    """Matches a word ending in one of ``words`` (those of at least min_len letters)."""
    chosen = sorted({w for w in words if len(w) >= min_len}, key=len, reverse=True)
    if not chosen:
        return re.compile(r"(?!)")
    return re.compile("(?:" + "|".join(re.escape(w) for w in chosen) + r")\Z")


def _groups(rows: list[list[str]]) -> dict[str, frozenset[int]]:
    """Each folded word of the synonym groups -> the numbers of the groups it is in."""
    out: dict[str, set[int]] = {}
    for number, row in enumerate(rows):
        for word in row:
            out.setdefault(fold(word), set()).add(number)
    return {word: frozenset(numbers) for word, numbers in out.items()}


def _pairs(rows: list[list[str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for first, second in rows:
        out.setdefault(first.lower(), []).append(second.lower())
    return {k: tuple(v) for k, v in out.items()}


def _build(data: dict[str, Any], source: str) -> Lexicon:
    for table, keys in SCHEMA.items():
        if table not in data:
            raise LexiconError(f"{source}: table [{table}] is missing")
        for key in keys:
            if key not in data[table]:
                raise LexiconError(f"{source}: key {key!r} is missing from [{table}]")
    cues, spk, bnd, tim = data["cues"], data["speakers"], data["boundaries"], data["time"]
    common = read_classes(data["tables"]["common_words"], source)
    roles: dict[str, str] = {}
    for word in spk["roles_male"]:
        roles[word.lower()] = "m"
    for word in spk["roles_female"]:
        w = word.lower()
        roles[w] = "" if roles.get(w) == "m" else "f"
    for word in spk["roles_neutral"]:
        roles[word.lower()] = ""
    for group in spk["role_synonyms"]:  # "Stadtoberhaupt": a role word as the others of its group
        for word in group:
            if " " not in word:
                roles.setdefault(word.lower(), "")
    weekdays = {name: i for i, names in enumerate(tim["weekdays"]) for name in names}
    months = {name: i + 1 for i, names in enumerate(tim["months"]) for name in names}
    try:
        via = tuple(re.compile(p) for p in data["via"]["patterns"])
    except re.error as exc:
        raise LexiconError(f"{source}: a [via] pattern does not compile: {exc}") from exc
    return Lexicon(
        code=data["language"]["code"],
        name=data["language"]["name"],
        verb_second=bool(data["flags"]["verb_second"]),
        nouns_capitalised=bool(data["flags"]["nouns_capitalised"]),
        ordinal_dot=bool(data["flags"]["ordinal_dot"]),
        common_words=frozenset(common),
        common_nouns=frozenset(word for word, cls in common.items() if cls == "N"),
        quote_pairs=tuple((a, b) for a, b in data["quotes"]["pairs"]),
        verbs=_lower_set(cues["verbs"]),
        separable=_pairs(cues["separable"]),
        reflexive_quote_cues=_lower_set(cues["reflexive_quote_cues"]),
        reflexives=_lower_set(cues["reflexives"]),
        auxiliaries=_lower_set(cues["auxiliaries"]),
        object_cues=_lower_set(cues["object_cues"]),
        object_prepositions=_lower_set(cues["object_prepositions"]),
        naming_cues=_lower_set(cues["naming_cues"]),
        quoting=_pairs(cues["quoting"]),
        weak_verbs=_lower_set(cues["weak_verbs"]),
        question_cues=_lower_set(cues["question_cues"]),
        continuation_cues=_continuation_regex(cues["continuation_cues"]),
        source_prepositions=_phrase_regex(cues["source_prepositions"]),
        source_compounds=_lower_set(cues["source_compounds"]),
        source_compound_preposition=cues["source_compound_preposition"].lower(),
        source_postpositions=_lower_set(cues["source_postpositions"]),
        source_clause_openers=_lower_set(cues["source_clause_openers"]),
        so_markers=_lower_set(cues["so_markers"]),
        impersonal=_phrase_regex(cues["impersonal"]),
        impersonal_sources=_lower_set(cues["impersonal_sources"]),
        cue_phrase_openers=_first_words_regex(cues["source_prepositions"] + cues["impersonal"]),
        complementizers=_lower_set(cues["complementizers"]),
        question_complementizers=_lower_set(cues["question_complementizers"]),
        question_words=_lower_set(cues["question_words"]),
        negations=_lower_set(cues["negations"]),
        negation_endings=tuple(cues["negation_endings"]),
        auxiliary_contractions=tuple(cues["auxiliary_contractions"]),
        adverb_endings=tuple(cues["adverb_endings"]),
        noun_frames=_phrase_regex(cues["noun_frames"]),
        relay_prepositions=_phrase_regex(cues["relay_prepositions"]),
        relay_places=_phrase_regex(cues["relay_places"]),
        relay_articles=_lower_set(cues["relay_articles"]),
        subjunctive=_lower_set(cues["subjunctive"])
        | _optional_table(data["tables"]["subjunctive_forms"], source),
        finite_verbs=_optional_table(data["tables"]["finite_verbs"], source),
        stance=_lower_set(cues["stance"]),
        cataphora=_lower_set(cues["cataphora"]),
        hearer_verbs=_lower_set(cues["hearer_verbs"]),
        infinitive_markers=_lower_set(cues["infinitive_markers"]),
        passive_auxiliaries=_lower_set(cues["passive_auxiliaries"]),
        subordinators=_lower_set(cues["subordinators"]),
        named_source_prepositions=_lower_set(cues["named_source_prepositions"]),
        relative_pronouns=_lower_set(spk["relative_pronouns"]),
        subject_pronouns=_lower_set(spk["subject_pronouns"]),
        labels=_lower_set(cues["labels"]),
        determiners=_lower_set(spk["determiners"]),
        indefinite_articles=_lower_set(spk["indefinite_articles"]),
        pronouns_male=_lower_set(spk["pronouns_male"]),
        pronouns_female=_lower_set(spk["pronouns_female"]),
        pronouns_plural=_lower_set(spk["pronouns_plural"]),
        pronouns_neuter=_lower_set(spk["pronouns_neuter"]),
        possessives_male=_lower_set(spk["possessives_male"]),
        possessives_female=_lower_set(spk["possessives_female"]),
        possessive_determiners=_lower_set(spk["possessive_determiners"]),
        subject_articles_male=_lower_set(spk["subject_articles_male"]),
        subject_articles_female=_lower_set(spk["subject_articles_female"]),
        genitive_endings=tuple(spk["genitive_endings"]),
        possessive_endings=tuple(spk["possessive_endings"]),
        name_particles=_lower_set(spk["name_particles"]),
        party_letters=frozenset(spk["party_letters"]),
        role_groups=_groups(spk["role_synonyms"]),
        titles=_lower_set(spk["titles"]),
        titles_male=_lower_set(spk["titles_male"]),
        titles_female=_lower_set(spk["titles_female"]),
        roles=roles,
        role_suffixes=tuple(sorted((r for r in roles if len(r) >= 4), key=len, reverse=True)),
        role_endings=tuple(spk["role_endings"]),
        compound_roles=bool(spk["compound_roles"]),
        organisation_heads=(
            _lower_set(spk["organisation_heads"]) | _lower_set(spk["generic_organisation_heads"])
        ),
        generic_organisation_heads=_lower_set(spk["generic_organisation_heads"]),
        spokesperson_roles=_lower_set(spk["spokesperson_roles"]),
        person_noun_endings=tuple(spk["person_noun_endings"]),
        female_person_endings=tuple(spk["female_person_endings"]),
        title_noun_endings=tuple(spk["title_noun_endings"]),
        plural_endings=tuple((str(a), str(b)) for a, b in spk["plural_endings"]),
        documents=_lower_set(spk["documents"]),
        outlet_heads=_lower_set(spk["outlet_heads"]),
        outlet_documents=_lower_set(spk["outlet_documents"]),
        unnamed=_lower_set(spk["unnamed"]),
        coordinators=_lower_set(bnd["coordinators"]),
        place_prepositions=_lower_set(bnd["place_prepositions"]),
        phrase_links=_lower_set(bnd["phrase_links"]),
        name_conjunctions=_lower_set(bnd["name_conjunctions"]),
        author_prepositions=_lower_set(bnd["author_prepositions"]),
        genitive_articles=_lower_set(bnd["genitive_articles"]),
        adjective_inflections=tuple(data["boundaries"]["adjective_inflections"]),
        own_words=_lower_set(data["boundaries"]["own_words"]),
        stop_words=_lower_set(bnd["stop_words"]),
        adverbials=_lower_set(bnd["adverbials"]),
        # a title with its dot ("Det.", "Supt.") ends no sentence, as any abbreviation
        abbreviations=_lower_set(bnd["abbreviations"])
        | {t for t in _lower_set(spk["titles"]) if t.endswith(".")},
        weekdays=weekdays,
        weekday_prefixes=_lower_set(tim["weekday_prefixes"]),
        months=months,
        relative_days={str(k).lower(): int(v) for k, v in tim["relative_days"]},
        day_parts=_lower_set(tim["day_parts"]),
        date_order=str(tim["date_order"]),
        via_patterns=via,
        boilerplate=tuple(m.lower() for m in data["boilerplate"]["markers"]),
        boilerplate_labels=tuple(m.lower() for m in data["boilerplate"]["labels"]),
        boilerplate_re=_marker_regex(data["boilerplate"]["markers"], whole=False),
        boilerplate_label_re=_marker_regex(data["boilerplate"]["labels"], whole=True),
        boilerplate_label_max_chars=int(data["boilerplate"]["label_max_chars"]),
        boilerplate_max_chars=int(data["boilerplate"]["max_chars"]),
        genitive_heads=tuple((e, b) for e, b in data["organisations"]["genitive_heads"]),
        head_genders=tuple((h, g) for h, g in data["organisations"]["head_genders"]),
        adjective_endings=dict(data["organisations"]["adjective_endings"]),
        genitive_adjective_ending=data["organisations"]["genitive_adjective_ending"],
        function_words=_lower_set(data["claims"]["function_words"]),
        endings=tuple(sorted({e.lower() for e in data["claims"]["endings"]}, key=len, reverse=True)),
        role_suffix_re=_suffix_regex(roles, min_len=4),
        role_tails=frozenset((r + e)[-3:] for r in roles for e in ("", *spk["role_endings"])),
        organisation_tails=frozenset(h.lower()[-3:] for h in spk["organisation_heads"]),
        organisation_suffix_re=_suffix_regex(spk["organisation_heads"], min_len=4),
        document_suffix_re=_suffix_regex(spk["documents"], min_len=5),
        short_organisation_suffix_re=_suffix_regex(
            [h for h in spk["organisation_heads"] if len(h) == 3], min_len=3
        ),
        outlet_suffix_re=_suffix_regex(spk["outlet_heads"], min_len=5),
    )


def _read_toml(name: str) -> dict[str, Any]:
    path = resources.files("quotetrack.lexicon") / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LexiconError(f"no language file {name}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name} is not valid TOML: {exc}") from exc


# Files in lexicons/ that every language shares; the others are language files.
SHARED_FILES = (
    "outlets.toml",
    "first_names.toml",
    "equivalents.toml",
    "institutions.toml",
    "confidence.toml",
)


@cache
def read_shared(name: str) -> dict[str, Any]:
    """A data file that every language shares."""
    return _read_toml(name)


@cache
def available_languages() -> tuple[str, ...]:
    folder = resources.files("quotetrack.lexicon")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    return tuple(n.removesuffix(".toml") for n in names if n not in SHARED_FILES)


def _table_lines(name: str, source: str) -> list[str]:
    """The lines of a word table in ``tables/`` (built by ``scripts/build_word_tables.py``:
    lower case, one entry a line, a tab before its class)."""
    path = resources.files("quotetrack.lexicon") / name
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise LexiconError(f"{source}: the word table {name} is missing; reinstall quotetrack") from exc
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{source}: the word table {name} is not UTF-8 text") from exc
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    if not lines:
        raise LexiconError(f"{source}: the word table {name} is empty")
    return lines


def _optional_table(name: str, source: str) -> frozenset[str]:
    """A word table the language file names, or none when it names none ("")."""
    return read_table(name, source) if name else frozenset()


def read_classes(name: str, source: str) -> dict[str, str]:
    """A table of words with a class each ("word<TAB>class")."""
    return dict(line.split("\t", 1) for line in _table_lines(name, source))


def read_table(name: str, source: str) -> frozenset[str]:
    """A table of words, one a line."""
    return frozenset(_table_lines(name, source))


@cache
def _first_names() -> dict[str, str]:
    """Given names (lower case) and their gender: "m", "f", or "-" where the name is given to
    both. The curated ``first_names.toml`` wins over the table built from names-dataset."""
    genders = read_classes("tables/given_names.tsv", "first_names.toml")
    data = _read_toml("first_names.toml")
    genders.update({name.lower(): "f" for name in data.get("female", [])})
    genders.update({name.lower(): "m" for name in data.get("male", [])})
    genders.update({name.lower(): "-" for name in data.get("both", [])})
    return genders


@cache
def family_names() -> frozenset[str]:
    """Common family names of every country (lower case)."""
    return read_table("tables/surnames.txt", "first_names.toml")


@cache
def _speaker_priors() -> dict[str, float]:
    data = _read_toml("confidence.toml").get("speaker", {})
    try:
        priors = {str(k): float(v) for k, v in data.items()}
    except (TypeError, ValueError) as exc:
        raise LexiconError(f"confidence.toml: [speaker] holds a value that is not a number: {exc}") from exc
    if "none" not in priors:
        raise LexiconError("confidence.toml: [speaker] needs a value for 'none'")
    return priors


def calibrated(evidence: str, frame: float, kind: str) -> float:
    """A statement's confidence: how often a speaker found this way is right on annotated news
    (``confidence.toml``), a little lower where the frame that found the statement is weak."""
    priors = _speaker_priors()
    prior = priors.get(evidence, priors["none"])
    weak_frame = max(0.0, 0.6 - frame) * 0.5  # frames below 0.6: runs on, labels, lone quotes
    return round(max(0.05, min(0.99, prior - weak_frame)), 2)


@cache
def place_names() -> frozenset[str]:
    """Countries, states and cities (lower case, also as other languages write them)."""
    return read_table("tables/places.txt", "first_names.toml")


def given_name(word: str) -> str | None:
    """ "m", "f" or "-" (either) for a given name, else None."""
    return _first_names().get(word.lower())


def first_name_gender(word: str) -> str | None:
    """ "f" or "m" for a given name whose gender is clear ("Anna", "Olaf"), else None."""
    gender = _first_names().get(word.lower())
    return gender if gender in ("m", "f") else None


@cache
def load(code: str) -> Lexicon:
    """The lexicon of a language; unknown languages get the default one."""
    if code not in available_languages():
        code = DEFAULT_LANGUAGE
    return _build(_read_toml(f"{code}.toml"), f"lexicons/{code}.toml")


@dataclass(frozen=True, slots=True)
class KnownOutlet:
    name: str
    forms: tuple[str, ...]


@cache
def known_outlets() -> dict[str, KnownOutlet]:
    """Every known outlet form (folded) mapped to the outlet."""
    data = _read_toml("outlets.toml")
    out: dict[str, KnownOutlet] = {}
    for forms in data.get("outlets", []):
        outlet = KnownOutlet(name=forms[0], forms=tuple(forms))
        for form in forms:
            out[fold(form)] = outlet
    return out


def canonical_outlet(name: str) -> str:
    """The outlet's own name when ``name`` is a known outlet, also inflected
    ("der Rheinischen Post" -> "Rheinische Post"); else ``name`` unchanged."""
    from rapidfuzz import fuzz, process

    known = known_outlets()
    key = fold(name)
    if key in known:
        return name if len(known[key].forms) > 1 and key != fold(known[key].name) else known[key].name
    best = process.extractOne(key, list(known), scorer=fuzz.ratio, score_cutoff=90)
    return known[best[0]].name if best else name


@cache
def equivalents() -> dict[str, str]:
    """Every form of ``equivalents.toml`` (folded) mapped to its group's key (the first form, folded):
    names and news terms that differ between languages ("tokio" -> "tokyo")."""
    out: dict[str, str] = {}
    for forms in _read_toml("equivalents.toml").get("groups", []):
        key = fold(forms[0])
        for form in forms:
            out.setdefault(fold(form), key)
    return out


@cache
def capitalised_equivalents() -> frozenset[str]:
    """The forms of ``equivalents.toml`` written in capitals ("US", "WHO", "UN"), folded: they
    stand for their group only when a text writes them so, not as "us", "who" or "un"."""
    return frozenset(
        fold(form)
        for forms in _read_toml("equivalents.toml").get("groups", [])
        for form in forms
        if form.replace(".", "").isupper()
    )


@cache
def outlet_heads() -> frozenset[str]:
    """Outlet name heads shared by every language ("Tageblatt", "Herald")."""
    return _lower_set(_read_toml("outlets.toml").get("heads", []))


def detect_language(text: str) -> str:
    """The most likely language of ``text`` among those quotetrack has a lexicon for."""
    import py3langid

    supported = available_languages()
    sample = text[:4000]
    if not sample.strip():
        return DEFAULT_LANGUAGE
    for lang, _score in py3langid.rank(sample):
        if lang in supported:
            return str(lang)
    return DEFAULT_LANGUAGE
