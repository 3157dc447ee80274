"""Stage 6: the discourse model. The people and organisations an article names, entered as it names
them, and what its pronouns, surnames, acronyms and descriptions refer to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field

from quotetrack.extract.segment import Token
from quotetrack.extract.speakers import (
    Mention,
    compound_title,
    initial_dot,
    is_title_word,
    joins_name,
    name_closing,
    name_part,
    opens_sentence,
    person_like,
    surname_after_given,
)
from quotetrack.lexicon import Lexicon, first_name_gender, is_acronym, known_outlets, place_names
from quotetrack.text import fold


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


# Pronouns, descriptions and bare heads refer to someone mentioned at most this many characters
# before (or, for a description, after); a name finds its entity anywhere in the article.
RECENCY_WINDOW = 6000


# "the company" means an organisation named this many characters before it rather than the one
# that spoke further back: about a sentence.
NAMED_JUST_BEFORE = 160


# An unnamed spokesperson speaks for an organisation that spoke or was named at most this many
# characters before: about a paragraph.
SPOKESPERSON_REACH = 800


# A name opens its sentence when at most this many tokens (titles, roles, an affiliation) stand before it.
OPENING_REACH = 8


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
        self.last_spoke_end = -1  # where the sentence that attributed words to last_speaker ends
        self.last_organisation: Entity | None = None  # the organisation that spoke last
        self.rejected: list[str] = []  # speaker phrases the name check refused, for review
        # every mention in text order: its offset and entity (for what was said near a point)
        self._mention_at: list[int] = []
        self._mention_of: list[Entity] = []
        self.subject_at: set[int] = set()  # where a sentence opens with a person's name: its subject
        # where a sentence opens with "he" or "she", in text order, and the pronoun's gender
        self.pronoun_subject_at: list[int] = []
        self.pronoun_subject_gender: list[str] = []

    def register(
        self, mention: Mention, pos: int, *, subject: bool = False, entity: Entity | None = None
    ) -> Entity | None:
        """Enter a mention: of ``entity`` when it was resolved to one, else of the entity its name
        words find, else of a new one."""
        if not mention.name or mention.pronoun:
            return None
        if subject:
            self.subject_at.add(pos)
        for ending in self.lex.possessive_endings:  # "Bill Cosby’s spokesman": Bill Cosby
            if mention.name.endswith(ending) and len(mention.name) > len(ending) + 1:
                mention.name = mention.name[: -len(ending)]
        keys = frozenset(fold(w) for w in mention.name.split() if w[:1].isupper() or w.isupper())
        if not keys:
            return None
        found = entity or self._expanded(mention.name) or self._by_name(keys, pos, any_position=True)
        if found is not None and entity is None and found.kind == "person" and self._office_of(mention):
            found = None
        if found is None:
            found = Entity(name=mention.name, kind=mention.kind, keys=keys)
            self.entities.append(found)
            self._index(found)
        elif len(keys) > len(found.keys) and found.keys <= keys:
            found.name, found.keys = mention.name, keys
            self._index(found)
        elif keys == found.keys and len(mention.name) > len(found.name) and mention.name.endswith(found.name):
            found.name = mention.name  # "von der Leyen" for "Leyen": the particles belong to the name
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
        if found.gender is None and (found.kind == "person" or (found.kind == "unknown" and len(keys) == 1)):
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

    def note_document(self, name: str, pos: int, author: str | None = None) -> Entity:
        """ "According to the complaint": a document the article names by its kind only, which a
        later "the complaint" refers to; with its author ("a report by the Board"), the author
        speaks when it is referred to."""
        ent = Entity(name=author or name, kind="document", keys=frozenset(fold(w) for w in name.split()))
        self.entities.append(ent)
        ent.positions.append(pos)
        at = bisect_right(self._mention_at, pos)
        self._mention_at.insert(at, pos)
        self._mention_of.insert(at, ent)
        return ent

    def speaking_for(self, name: str, gender: str | None, pos: int) -> Entity | None:
        """ "a spokesperson for the ministry said": the organisation speaks through an unnamed
        voice, whom a later "he" or "she" refers to."""
        keys = frozenset(fold(w) for w in name.split() if w.lower() not in self.lex.determiners)
        if not keys:
            return None
        found = self._by_name(keys, pos, any_position=True)
        if found is None:
            found = Entity(name=name, kind="organization", keys=keys)
            self.entities.append(found)
            self._index(found)
        found.voice = gender or "-"
        insort(found.positions, pos)
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

    def _office_of(self, mention: Mention) -> bool:
        """An organisation named as a person's ("the office of Jay Towne"): a word in lower case
        beside the person's name, which is no particle of it."""
        words = (mention.name or "").split()
        return mention.kind == "organization" and any(
            w[:1].islower() and w not in self.lex.name_particles and w not in self.lex.phrase_links
            for w in words
        )

    def _by_name(self, keys: frozenset[str], pos: int, *, any_position: bool = False) -> Entity | None:
        """The most specific entity whose name has all these words, or whose (two or more)
        name words are all among them."""
        best: Entity | None = None
        best_rank: tuple[int, bool, int] = (0, False, 0)
        candidates = {id(e): e for key in sorted(keys) for e in self.by_key.get(key, ())[-BUCKET_REACH:]}
        for ent in candidates.values():
            matches = keys <= ent.keys or (ent.keys <= keys and len(ent.keys) >= 2)
            if not matches:
                continue
            # the fullest name; between equals, a person's ("Towne said" after "the office of Jay
            # Towne"), then the one named first
            rank = (len(ent.keys), ent.kind == "person", -(ent.positions[0] if ent.positions else pos))
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
            words = mention.name.split()
            if mention.definite and len(words) == 1:
                # "CVP-Ständerat Konrad Graber … sagte der CVP-Ständerat": the title of someone named
                # comes first, before the title taken as a name of its own
                titled = self._titled(fold(words[0]), pos)
                if titled is not None:
                    return titled
            ent = self._expanded(mention.name) or (self._by_name(keys, pos) if keys else None)
            if ent is not None and ent.kind == "person" and self._office_of(mention):
                ent = None  # "the office of Jay Towne" is not Jay Towne
            if (
                ent is not None
                and ent.kind == "unknown"
                and len(words) == 1
                and len(ent.keys) >= 2
                and mention.kind in ("person", "unknown")
                and fold(ent.name.split()[-1]) == fold(words[0])
            ):
                ent.kind = "person"  # "Di Li … says Li": a name the article shortens to its last word
            if (
                ent is None
                and mention.kind == "organization"
                and mention.definite
                and (len(words) == 1 or not keys)
            ):
                head = fold(words[-1])
                ent = self._organisation(head, pos)
                if ent is None and self.generic_head(words[-1].lower()):
                    # "Herbalife … The company said": the organisation named last
                    ent = self.salient_organisation(pos)
                    if ent is not None:
                        ent.kind = "organization"
            if ent is None and mention.kind in ("person", "unknown"):
                ent = self._by_surname(words, pos)
            if ent is None and len(words) == 1 and is_acronym(words[0]):
                ent = self._by_initials(words[0])
            return ent
        if mention.description:
            if not mention.definite and " " not in mention.description:
                # "sagte Neubauer": a family name that is also a role word ("Bauer", "Richter")
                named = self._by_surname([mention.description], pos)
                if named is not None:
                    return named
            spokesperson = self.lex.is_spokesperson(mention.description)
            if spokesperson:
                owner = self._owner(mention, pos)
                if owner is not None:
                    return owner  # "Johnson's spokesman", "his official spokesman": Johnson speaks
            found = self._description(mention, pos)
            if (
                found is not None
                and found.kind != "person"
                and mention.organisation
                and found.name in mention.organisation
            ):
                # "a spokesperson for the Universities and … Association": a word of the
                # organisation's name is not the spokesperson's
                return None
            body = self._bare_head(mention.organisation)
            if found is None and spokesperson and body:
                # "a hospital spokeswoman", "eine Sprecherin der Behörde": the body the article
                # named, which speaks through her
                found = self._organisation(fold(body), pos)
                if found is None and self.generic_head(body):
                    found = self.salient_organisation(pos)
                if found is not None:
                    found.voice = found.voice or mention.gender or "-"
                    return found
            if found is None and mention.kind == "person" and (not mention.definite or spokesperson):
                # "ein Ministeriumssprecher", "der Kreissprecher": the organisation named before
                found = self.organisation_of_role(mention.description, pos)
            if (
                found is None
                and not mention.organisation
                and spokesperson
                and not self.lex.spokesperson_of(mention.description)
            ):
                found = self._spoken_for(pos)  # "ein Sprecher", "der Kreissprecher"
            return found
        return None

    def _titled(self, title: str, pos: int) -> Entity | None:
        """The person most recently named with ``title`` (folded) as role before ``pos``."""
        found = [e for e in self._recent(pos) if e.kind == "person" and e.role and fold(e.role) == title]
        return found[0] if found else None

    def _owner(self, mention: Mention, pos: int) -> Entity | None:
        """The person a possessive before a role names: "Johnson's spokesman", "his spokesman"."""
        first = mention.text.split()[0].lower() if mention.text else ""
        for possessives, gender in ((self.lex.possessives_male, "m"), (self.lex.possessives_female, "f")):
            if first in possessives:
                pronoun = Mention(text=first, start=mention.start, end=mention.start, kind="person")
                pronoun.pronoun, pronoun.gender = True, gender
                at = min(pos, mention.start)
                ent = self._pronoun(pronoun, at)
                if ent is None or ent.kind != "person" or ent.gender != gender:
                    # a person known to be a man or a woman, not a name that may be anything
                    ent = next(
                        (e for e in self._recent(at) if e.kind == "person" and e.gender == gender), None
                    )
                return ent
        owner = mention.organisation or ""
        stripped = next((owner[: -len(e)] for e in self.lex.possessive_endings if owner.endswith(e)), "")
        words = stripped.split()
        if not words or not words[-1][:1].isupper():
            return None
        between = mention.text.split(owner, 1)[-1].split()[:-1]
        if any(w[:1].isupper() or self.lex.organisation_word(w.lower()) for w in between):
            return None  # "China's foreign ministry spokeswoman": the ministry's, not China's
        keys = frozenset(fold(w) for w in words if w[:1].isupper())
        ent = self._by_name(keys, pos) or self._by_surname(words, pos)
        return ent if ent is not None and ent.kind == "person" else None

    def _names_organisation(self, phrase: str) -> bool:
        """Whether an affiliation names an organisation ("des Konzerns", "of the ministry"), not
        a person someone is related to ("des Opfers", "of Lisa Kramer")."""
        words = [w for w in phrase.split() if w.lower() not in self.lex.determiners]
        if not words:
            return False
        if any(
            self.lex.organisation_word(w.lower().rstrip("s")) or self.lex.organisation_word(w.lower())
            for w in words
        ):
            return True
        keys = frozenset(fold(w) for w in words if w[:1].isupper())
        ent = self._by_name(keys, 0) if keys else None
        return ent is not None and ent.kind != "person"

    def _bare_head(self, phrase: str | None) -> str | None:
        """ "police", "der Behörde": an organisation named by one common noun (folded), with
        no name of its own."""
        words = [w for w in (phrase or "").split() if w.lower() not in self.lex.determiners]
        if len(words) != 1:
            return None
        word = words[0]
        if word[:1].isupper() and not self.lex.nouns_capitalised:
            return None  # "a Reuters spokesman": a name
        head = word.lower()
        return head if self.lex.organisation_word(head) else None

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

    def subject_in(self, start: int, end: int) -> Entity | None:
        """The person a sentence between two offsets opens with as its subject, if any."""
        first = bisect_left(self._mention_at, start)
        last = bisect_left(self._mention_at, end)
        return next(
            (
                self._mention_of[k]
                for k in range(first, last)
                if self._mention_of[k].kind == "person" and self._mention_at[k] in self.subject_at
            ),
            None,
        )

    def _latest_person(self, mention: Mention, pos: int) -> Entity | None:
        """The person named last before ``pos`` whose gender fits."""
        return self.latest_person(pos, mention.gender)

    def latest_person(self, pos: int, gender: str | None = None) -> Entity | None:
        """The person named last before ``pos`` whose gender fits."""
        for ent in self._recent(pos):
            if ent.kind != "person":
                continue
            if gender in ("m", "f") and ent.gender and ent.gender != gender:
                continue
            return ent
        return None

    def _pronoun(self, mention: Mention, pos: int) -> Entity | None:
        """He, she, they: whoever spoke last, unless someone fitting was named since."""
        gender = mention.gender
        recent = self._recent(pos)
        if gender == "n":
            # "Halvorsen Motors said … It added": the organisation that spoke last, else the one
            # named last
            talked = self.last_organisation
            if talked is not None and any(e is talked for e in recent):
                return talked
            return next(
                (
                    e
                    for e in recent
                    if e.kind in ("organization", "document")
                    or (e.kind == "unknown" and organisation_like(e))
                ),
                None,
            )
        if gender == "pl":
            # "The Red Cross opened a shelter. They said …": a body, or a name that may be one as
            # a sentence's subject ("… repeal the Clean Water Act. They said" is not the act)
            return next(
                (
                    e
                    for e in recent
                    if e.kind in ("organization", "outlet")
                    or (
                        e.kind == "unknown"
                        and organisation_like(e)
                        and not self.subject_at.isdisjoint(e.positions)
                    )
                ),
                None,
            )
        speaker = self.last_speaker
        if speaker is not None and not self.fits(speaker, gender, is_last=True):
            speaker = None
        if speaker is not None and gender in ("m", "f"):
            # "… Mirko Slomka … erklärte er": a person of that gender named since the last
            # speaker spoke is the likelier antecedent
            # names in the attributing sentence itself ("X, representing Y, said …") do not count
            spoke = max(max((p for p in speaker.positions if p < pos), default=-1), self.last_spoke_end)
            since = [
                ent
                for ent in recent
                if ent is not speaker
                and ent.kind == "person"
                and (
                    ent.gender == gender
                    # "Superintendent Tavessa Grant pushed back …": a person whose given name
                    # tells no gender, as the subject of a sentence since
                    or (
                        ent.gender is None
                        and any(spoke < p < pos and p in self.subject_at for p in ent.positions)
                    )
                )
                and any(spoke < p < pos for p in ent.positions)
            ]
            if since:
                # "Kenny rejected a demand from Martin … he added": the subject of the sentences
                # since, before a person they name as an object; "He rejected …" keeps the
                # speaker the subject
                subject = self._subject_of([speaker, *since], spoke, pos)
                chained = self._pronoun_subject(gender, spoke, min(pos, mention.start))
                if chained > (min(p for p in subject.positions if p > spoke) if subject else spoke):
                    return speaker
                return subject or since[0]
        for ent in recent:
            if ent is speaker:
                return ent
            if ent.voice and gender in ("m", "f") and ent.voice == gender:
                # "Eine Sprecherin des Konzerns wollte … Sie sagte": the unnamed spokeswoman, named since
                return ent
        if speaker is not None:
            return speaker
        fitting = [e for e in recent if self.fits(e, gender, is_last=False)]
        if gender in ("m", "f") and len(fitting) > 1:
            subject = self._subject_of(fitting, pos - SPOKESPERSON_REACH, pos)
            if subject is not None:
                return subject
        return fitting[0] if fitting else None

    def _pronoun_subject(self, gender: str, since: int, pos: int) -> int:
        """Where a sentence between ``since`` and ``pos`` opened with a pronoun of this gender
        last, or -1."""
        k = bisect_left(self.pronoun_subject_at, pos) - 1
        while k >= 0 and self.pronoun_subject_at[k] > since:
            if self.pronoun_subject_gender[k] == gender:
                return self.pronoun_subject_at[k]
            k -= 1
        return -1

    def _subject_of(self, candidates: list[Entity], since: int, pos: int) -> Entity | None:
        """Of the candidates, the one a sentence between ``since`` and ``pos`` opened with last."""
        best: Entity | None = None
        best_at = since
        for ent in candidates:
            k = bisect_left(ent.positions, pos) - 1
            while k >= 0 and ent.positions[k] > best_at:
                if ent.positions[k] in self.subject_at:
                    best, best_at = ent, ent.positions[k]
                    break
                k -= 1
        return best

    def fits(self, ent: Entity, gender: str | None, *, is_last: bool) -> bool:
        if ent.kind == "person" or (ent.kind == "unknown" and is_last):
            return not (gender and ent.gender and ent.gender != gender)
        if is_last and ent.voice and gender in ("m", "f"):
            # "a spokesperson for the ministry said … He added": the organisation's voice
            return ent.voice in ("-", gender)
        # "sie" may be plural: the organisation that spoke last can be meant
        ambiguous = gender is None or bool(self.lex.pronouns_plural & self.lex.pronouns_female)
        return is_last and ambiguous and gender != "m" and ent.kind in ("organization", "outlet")

    def organisation_of_role(self, role: str, pos: int) -> Entity | None:
        """ "ein Ministeriumssprecher": the organisation a compound role names, when the
        article has named it ("Bundesinnenministerium")."""
        word = fold(self.lex.uninflected_role(role))
        for suffix in self.lex.role_suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                head = word[: -len(suffix)].rstrip("-")
                for variant in (head, head[:-1] if head.endswith("s") else head):
                    found = self._organisation(variant, pos)
                    if found is not None:
                        return found
                return None
        return None

    def salient_organisation(self, pos: int) -> Entity | None:
        """ "the company": the organisation that spoke last, else the one the article names
        most often (the latest of those)."""
        candidates = [e for e in self._recent(pos) if organisation_like(e)]
        if not candidates:
            return None
        spoke = self.last_organisation
        # "Rosneft officials were unavailable. But the company said": the organisation the
        # sentence before named, before one that spoke further back
        k = bisect_left(self._mention_at, pos) - 1
        while k >= 0 and self._mention_at[k] >= pos - NAMED_JUST_BEFORE:
            ent = self._mention_of[k]
            if ent is spoke:
                break  # the organisation that spoke is the one just named, too
            if organisation_like(ent) and ent.kind != "outlet" and self._mention_at[k] in self.subject_at:
                return ent  # the subject of the sentence before
            k -= 1
        if spoke is not None and any(e is spoke for e in candidates):
            return spoke
        # mentions before ``pos`` (positions are kept sorted); the first of ties is the latest
        return max(candidates, key=lambda e: bisect_left(e.positions, pos))

    def generic_head(self, head: str) -> bool:
        """ "the company", "der Konzern", and where compounds are one word "der Autoclub"."""
        heads = self.lex.generic_organisation_heads
        if head in heads:
            return True
        return self.lex.nouns_capitalised and any(head.endswith(g) and len(head) > len(g) + 2 for g in heads)

    def outlet_meant(self, phrase: str, pos: int) -> str | None:
        """The outlet a relay names: "der Zeitung", "the paper" alone is the outlet the article
        named last (None when it named none); any other phrase is its own name."""
        words = [w for w in phrase.split() if fold(w) not in self.lex.determiners]
        if len(words) != 1 or fold(words[0]) not in self.lex.outlet_heads:
            return phrase
        named = next((e for e in self._recent(pos) if e.kind == "outlet"), None)
        return named.name if named is not None else None

    def _spoken_for(self, pos: int) -> Entity | None:
        """ "sagte ein Sprecher" with no organisation given: the organisation that spoke last,
        else the one named last."""
        spoke = self.last_organisation
        if spoke is not None and spoke.last >= pos - SPOKESPERSON_REACH:
            return spoke
        return next(
            (e for e in self._recent(pos) if e.kind == "organization" and e.last >= pos - SPOKESPERSON_REACH),
            None,
        )

    def _description(self, mention: Mention, pos: int) -> Entity | None:
        word = fold(mention.description or "")
        if mention.kind == "document":
            # "the complaint", "the report": the document of that kind the article named before
            head = word.split()[-1] if word else ""
            for ent in self._recent(pos):
                if ent.kind == "document" and head and head in ent.keys | {fold(w) for w in ent.name.split()}:
                    return ent
            if mention.definite and head not in self.lex.outlet_documents:
                return None  # "according to the complaint": the complaint itself
        named = [w for w in (mention.description or "").split()[:-1] if w[:1].isupper()]
        if mention.kind == "outlet" and named:
            return None  # "der Süddeutschen Zeitung": a name of its own, not "the newspaper" before
        if mention.kind in ("document", "outlet"):
            for ent in self._recent(pos):
                if ent.kind in ("outlet", "document"):
                    return ent
            # "…, report says" in a headline: the outlet the article names after it
            after = self._named_after(pos, lambda e: e.kind == "outlet")
            if (
                after is None
                and mention.kind == "outlet"
                and self.generic_head(word.split()[-1] if word else "")
            ):
                # "The Coastal Water Authority … The agency said": no news agency named, the body is meant
                return self.salient_organisation(pos)
            return after

        def matches(e: Entity) -> bool:
            return any(_role_matches(word, r) or self.lex.same_role(word, r) for r in e.roles)

        before = next((e for e in self._recent(pos) if matches(e)), None)
        if before is not None:
            return before
        # "…, sagte der Minister. Finanzminister Karl Ott …": named just after
        after = self._named_after(pos, matches)
        if after is not None:
            return after
        related = any(
            w.endswith(self.lex.possessive_endings) and w[:1].islower() for w in mention.text.split()[:-1]
        ) or (mention.organisation is not None and not self._names_organisation(mention.organisation))
        # "the Greenfield Dairy spokesman": a spokesperson of a body named with the role is that
        # body's voice, not whoever was named last
        spokesperson_of_body = mention.organisation is not None and self.lex.is_spokesperson(word)
        if mention.definite and not related and not spokesperson_of_body:
            # "so der Oppositionspolitiker": someone just named, before the description itself
            # ("Der Nati-Coach meinte gegenüber SRF Sport: …" does not mean the station); "the
            # victim's mother" is someone else
            return self._latest_person(mention, min(pos, mention.start))
        return None

    def _named_after(self, pos: int, wanted: Callable[[Entity], bool]) -> Entity | None:
        """The first entity mentioned in the window after ``pos`` that is wanted."""
        first = bisect_right(self._mention_at, pos)
        last = bisect_right(self._mention_at, pos + RECENCY_WINDOW)
        return next((e for e in self._mention_of[first:last] if wanted(e)), None)

    def _expanded(self, name: str) -> Entity | None:
        """ "LCSO said", "the WHO said": the organisation the article names in full whose
        initials the acronym is, not the acronym as a name of its own."""
        if not is_acronym(name):
            return None
        ent = self.by_initials.get(name.upper())
        return ent if ent is not None and ent.kind != "person" and ent.name != name else None

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


def organisation_like(ent: Entity) -> bool:
    """An organisation, or a name the article never showed to be a person's: no role, and no
    given name that tells a gender ("Ridgeway Outfitters")."""
    if ent.kind == "organization":
        return True
    places = place_names()
    return (
        ent.kind in ("person", "unknown")
        and not ent.roles
        and ent.gender is None
        and not all(w in places for w in ent.name.lower().split())
    )


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
    # "spokes-person"/"spokes-man", "minister"/"ministerin"; not two compounds that merely open
    # alike ("Bundes-kanzler"/"Bundes-tagsabgeordnete")
    return common >= 6 and common >= min(len(mention_role), len(entity_role)) - 5


def introduce_names(toks: list[Token], text: str, lex: Lexicon, discourse: Discourse) -> None:
    """Enter the people and organisations a sentence names into the discourse model, so that
    later pronouns, surnames and descriptions can find them: "Richter Karl Münzer",
    "Judge Anna Manasco", "The spokesman, Christian Lindmeier", "Ministry of Health"."""
    n = len(toks)
    if not n:
        return
    opener = next((t for t in toks if t.is_word), None)
    if opener is not None and opener.quote < 0 and opener.lower in lex.subject_pronouns:
        # "He rejected …": the sentence's subject is whom the pronoun means
        for pronouns, said in ((lex.pronouns_male, "m"), (lex.pronouns_female, "f")):
            if opener.lower in pronouns:
                discourse.pronoun_subject_at.append(opener.start)
                discourse.pronoun_subject_gender.append(said)
                break
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
        if compound_title(t) and i + 1 < n and toks[i + 1].word.given:
            continue  # "CVP-Ständerat Konrad Graber": a title of the person, though it ends like a body
        if t.word.organisation:
            j = i + 1
            while (
                j < n
                and toks[j].quote < 0
                and (
                    (toks[j].word.name_like and not _clause_noun(toks, j, lex))
                    or surname_after_given(toks, j, i)
                    or (
                        toks[j].lower in lex.phrase_links
                        and j + 1 < n
                        and toks[j + 1].capitalised
                        # "the office of Jay Towne": a person's name after the link is no part of it
                        and not (toks[j + 1].word.given and not toks[j + 1].word.common)
                    )
                    or joins_name(toks, j, lex)
                )
            ):
                j += 1
            closing = name_closing(toks[i:j], text, lex)
            if closing is not None:
                # "Police Joseph Boinnet": the organisation ends where a person's name starts
                j = next(x for x in range(i, j) if toks[x] is closing[1][0])
            k = i
            reach = 1 if lex.nouns_capitalised else 3  # "Berliner Polizei"; "Cisco Systems Inc"
            while k > 0 and toks[k - 1].quote < 0:
                if k >= 2 and joins_name(toks, k - 1, lex):
                    k -= 1  # "Food and Drug Administration"
                    reach += 1
                    continue
                if (
                    k >= 2
                    and toks[k - 1].text in "'’"
                    and toks[k - 2].capitalised
                    and toks[k - 2].text.endswith("s")
                ):
                    k -= 1  # "Employers’ Association": a plural possessive inside the name
                    reach += 1
                    continue
                if not (
                    i - k < reach
                    and toks[k - 1].capitalised
                    and toks[k - 1].word.name_like
                    and not toks[k - 1].word.cue_mark  # "Laut Polizei": the cue is not the name
                ):
                    break
                k -= 1
            if k > 0 and toks[k - 1].text in ("'s", "’s"):
                k = max(0, k - 2)
            name = text[toks[k].start : toks[j - 1].end]
            if t.word.outlet and j > i + 1:
                # "die Nachrichtenagentur Ansa": the outlet is named after its head
                outlet = text[toks[i + 1].start : toks[j - 1].end]
                discourse.register(
                    Mention(
                        text=outlet, start=toks[i + 1].start, end=toks[j - 1].end, name=outlet, kind="outlet"
                    ),
                    toks[i + 1].start,
                )
            elif k < i or j > i + 1 or t.lower not in lex.organisation_heads:
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
                        or surname_after_given(toks, j, i)
                        or joins_name(toks, j, lex)
                        or (
                            toks[j].lower in lex.name_particles
                            and j > i
                            and _particle_may_follow(toks[i:j], lex)
                            and j + 1 < n
                            and toks[j + 1].capitalised
                        )
                    )
                )
                or initial_dot(toks, j, i)
            )
        ):
            j += 1
        owner = next((k for k in range(i, j - 1) if toks[k].text.endswith(lex.possessive_endings)), -1)
        if owner >= 0:
            j = owner + 1  # "AFL Media’s Damian Barrett": the owner, then the name after it
        run = name_part(toks[i:j], text, lex)
        if not run:
            i = j
            continue
        at = bisect_right(roles, i - 7)
        role_near = at < len(roles) and roles[at] <= j + 4
        # "Lord Falconer", "Frau Albrecht": a title before one name makes it a person's
        titled = lex.title_gender(toks[i - 1].lower) if i > 0 else None
        if i > 1 and toks[i - 1].text == ".":
            titled = lex.title_gender(toks[i - 2].lower)
        after_article = i > 0 and toks[i - 1].lower in lex.determiners
        if len(run) == 1 and titled is None and t.word.common_noun and after_article:
            i = j  # "der Streit", "die Wiese": a noun after its article, though a family name too
            continue
        if (
            not role_near
            and titled is None
            and len(run) == 1
            and lex.nouns_capitalised
            and not (t.word.given and not t.word.common and not t.word.place)
        ):
            # a capitalised noun with no role near it names someone only as a known outlet (a
            # given name no table knows as a word, "Franziskus", names a person)
            if (i > 0 and toks[i - 1].word.outlet) or fold(t.text) in known_outlets():
                discourse.register(
                    Mention(text=t.text, start=t.start, end=t.end, name=t.text, kind="outlet"), t.start
                )
            i = j
            continue
        role = _role_before(toks, i, lex) if role_near else None
        if role is None and role_near and j + 2 < n and toks[j].text == "," and len(run) >= 2:
            role = _role_at(toks, j + 1, lex)
        if role is None and run[0] is not t and len(run) >= 2:
            # "Taoiseach Enda Kenny", "Pharmacist Anke Roloff": a noun the name check left
            # before a given name is the person's title, which "the Taoiseach" later refers to
            role = _title_before(toks, j - len(run), lex)
        if role is None and i > 0 and compound_title(toks[i - 1]) and t.word.given:
            role = toks[i - 1]  # "CVP-Ständerat Konrad Graber": the title "der CVP-Ständerat" refers to
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
        # "in New York", "von Rio de Janeiro": a place of several words, unless a role or title
        # makes it a person's name
        named_place = len(run) >= 2 and role is None and titled is None and _place(run, text)
        # "Moritz", "Greta": a given name alone, which no table knows as a word or a place
        lone_given = len(run) == 1 and bool(t.word.given) and not t.word.common and not t.word.place
        if lone_given:
            given = True
        person = (
            (len(run) >= 2 or role is not None or titled is not None or lone_given)
            and not named_place
            and len(run) <= 4
            and not (acronym_after and role is None)
            and not after_article
            and not (after_place and not given)
            and (
                role is not None
                or given
                or titled is not None
                or (not lex.nouns_capitalised and person_like(run))
            )
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
            gender = role.word.role if role is not None else titled
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
                subject=_opens_clause(toks, i, lex),
            )
        elif _other_name(run, text, lex, after_article) and not after_place:
            # "Herbalife cut its forecast": a name that is neither a person's nor a place's,
            # which "the company" can refer to later
            discourse.register(
                Mention(text=name, start=run[0].start, end=run[-1].end, name=name, kind="unknown"),
                run[0].start,
                subject=_opens_clause(toks, i, lex),
            )
        i = max(j, i + 1)


def _place(run: list[Token], text: str) -> bool:
    """Whether the words are a place's name as the place table has it ("New York")."""
    return fold(text[run[0].start : run[-1].end]) in place_names()


def _opens_clause(toks: list[Token], i: int, lex: Lexicon) -> bool:
    """A name that opens its sentence, after nothing but titles, roles, articles and the
    capitalised words of an affiliation ("Fianna Fáil leader Micheál Martin said"): the
    sentence's subject, whom a following "he" or "she" most likely means; or one that opens a
    clause after a coordinator ("…, and coach Ben Harlow was delighted")."""
    start = _coordinated_clause_start(toks, i, lex)
    if i - start > OPENING_REACH:
        return False
    for t in toks[start:i]:
        if t.quote >= 0:
            return False
        if t.is_word and not (t.capitalised or t.lower in lex.determiners or t.word.role is not None):
            return False
    return True


def _coordinated_clause_start(toks: list[Token], i: int, lex: Lexicon) -> int:
    """Where the clause of token i starts after a coordinator that follows a clause of its own
    (a comma before it, or a finite verb since the sentence began), else 0."""
    for k in range(i - 1, max(0, i - OPENING_REACH - 1), -1):  # a subject further back opens nothing
        if toks[k].lower in lex.coordinators and toks[k].quote < 0:
            if toks[k - 1].text == ",":
                return k + 1
            verb = any(
                t.lower in lex.finite_verbs or t.lower in lex.auxiliaries for t in toks[max(0, k - 30) : k]
            )
            return k + 1 if verb else 0
    return 0


def _clause_noun(toks: list[Token], j: int, lex: Lexicon) -> bool:
    """A common noun right after an organisation's head, where nouns are capitalised, starts
    the clause again ("laut Polizei Plakate …"); after a linking word it is part of the name
    ("Bundesamt für Migration")."""
    word = toks[j].word
    return (
        lex.nouns_capitalised
        and word.common_noun
        and "-" not in toks[j].text  # "Gewerkschaft Nahrung-Genuss-Gaststätten"
        and not (word.organisation or word.place)
        and toks[j - 1].word.organisation
    )


def _other_name(run: list[Token], text: str, lex: Lexicon, after_article: bool) -> bool:
    """Where only names are capitalised, a name that is no person's and no place's, which "the
    company" can refer to later: several words that cannot be a person's name ("Rocky Mountain
    Power", "the Red Cross"), one word no table knows ("Herbalife"), or a word of the language
    capitalised inside a sentence and not after an article ("… according to Iridium")."""
    if lex.nouns_capitalised:
        return False
    if len(run) > 1:
        # after an article, words that could be a person's name are a body's ("the Red Cross")
        return (after_article or not person_like(run)) and not all(t.word.place for t in run)
    word = run[0].word
    if word.given or word.place or word.outlet:
        return False
    if not word.common:
        return not (word.surname or word.document)
    return not after_article and not opens_sentence(run[0], text)


def _title_before(toks: list[Token], k: int, lex: Lexicon) -> Token | None:
    """The common noun just before a name's first word, when the language marks it as one."""
    if k == 0:
        return None
    t = toks[k - 1]
    return t if t.is_word and (t.word.common_noun or compound_title(t)) and not t.word.place else None


def _particle_may_follow(run: list[Token], lex: Lexicon) -> bool:
    """A name particle joins a name after given names only ("Ursula von der Leyen", "Kris de
    Vries"); after a family name it is a preposition ("Meier zu Schulz")."""
    return all(t.word.given or t.lower in lex.name_particles or not t.is_word for t in run)


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
    while (
        j < n
        and toks[j].quote < 0
        and ((toks[j].is_word and toks[j].capitalised) or joins_name(toks, j, lex))
    ):
        j += 1
    if j == k or (j < n and toks[j].text == "," and j + 1 < n and toks[j + 1].word.name_like):
        return  # no organisation, or a name follows ("…, Mao Ning")
    if name_closing(toks[k:j], text, lex) is not None:
        return  # "Minister for Information Fawad Chaudhry": the role is a named person's
    if r >= 2 and toks[r - 1].text == "," and toks[r - 2].word.name_like:
        return  # "Thomas Heinreichsberger, Sprecher der …": the spokesman is named
    gender = toks[r].word.role
    name = text[toks[k].start : toks[j - 1].end]
    head = discourse._bare_head(name)
    if head is not None and (head in lex.organisation_heads or discourse.generic_head(head)):
        return  # "eine Sprecherin der Behörde": the organisation named before, found when she speaks
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


def _role_before(toks: list[Token], i: int, lex: Lexicon) -> Token | None:
    """A role word shortly before a name, in the same phrase: "Sprecherin des … Ministeriums, Mao Ning",
    "Government Spokesman Mr. Konstantinos Letympiotis"."""
    for k in range(i - 1, max(-1, i - 7), -1):
        t = toks[k]
        if t.quote >= 0:
            return None
        if t.text == "." and k > 0 and is_title_word(toks[k - 1], lex):
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
        if is_title_word(t, lex) or t.lower in lex.determiners or not t.capitalised:
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
