"""What the engine knows of names: the word tables (common words, given names, family names,
places) decide which capitalised words can be a speaker's name. Every sentence is invented."""

from __future__ import annotations

from datetime import date

import pytest
from extraction_table import R, S, check_row

from quotetrack.errors import LexiconError
from quotetrack.extract import extract_text
from quotetrack.lexicon import _table_lines, given_name, load

PUBLISHED = date(2024, 3, 14)

EN = [
    R(
        "role-word-before-a-given-name-is-not-the-name",
        "“The queues at the counter are getting longer,” pharmacist Anke Roloff said.",
        S("direct", "The queues at the counter are getting longer", "Anke Roloff"),
    ),
    R(
        "the-name-follows-the-last-role-word",
        "“The minister has nothing to add,” Harbour Authority Press Secretary Lionel Marsh said.",
        S("direct", "The minister has nothing to add", "Lionel Marsh"),
    ),
    R(
        "a-name-before-the-head-role-is-the-affiliation",
        "Manuel Ortega took over in March.\n\n“We were lucky today,” the Blue Herons manager said.",
        S("direct", "We were lucky today", "Manuel Ortega"),
    ),
    R(
        "a-place-beside-a-name-is-not-the-name",
        "“The flour price doubled in a year,” Hamburg baker Tobias Wendt said.",
        S("direct", "The flour price doubled in a year", "Tobias Wendt"),
    ),
    R(
        "an-initial-inside-a-name",
        "The chief executive, Steven P. Jobs, said the company had sold more computers than ever before.",
        S("indirect", "the company had sold more computers than ever before", "Steven P. Jobs"),
    ),
    R(
        "a-name-particle-after-given-names",
        "“The tests were clean,” said researcher Kris de Vries.",
        S("direct", "The tests were clean", "Kris de Vries"),
    ),
    R(
        "a-role-abbreviation-is-no-name",
        "“Our margins will recover,” the CEO said.",
        S("direct", "Our margins will recover", None),
    ),
    R(
        "a-role-word-opening-a-sentence-is-not-the-name-and-genders-decide",
        "Mayor Tom Ruiz defended the plan. Critic Ann Bell disagreed. “It is a waste,” she said. "
        "“We will fight for it,” he said.",
        S("direct", "It is a waste", "Ann Bell"),
        S("direct", "We will fight for it", "Tom Ruiz"),
    ),
    R(
        "he-after-an-unnamed-spokesperson-is-the-spokesperson",
        "“We are reviewing the case,” a spokesperson for the ministry said. "
        "He added that no decision had been made yet.",
        S("direct", "We are reviewing the case", "ministry"),
        S("indirect", "no decision had been made yet", "ministry"),
    ),
    R(
        "a-participle-after-an-article-is-no-cue",
        "The new tax is an added burden for the small shops in the old town.",
    ),
    R(
        "a-participle-after-the-tail-starts-a-second-statement",
        "“We will appeal,” Tom Grey said, adding that the ruling ignored the evidence.",
        S("direct", "We will appeal", "Tom Grey"),
        S("indirect", "the ruling ignored the evidence", "Tom Grey"),
    ),
    R(
        "a-participle-inside-reported-speech-starts-a-second-statement",
        "Mayor Dana Holt said the bridge would reopen in June, "
        "adding that the repairs had cost more than planned.",
        S("indirect", "the bridge would reopen in June", "Dana Holt"),
        S("indirect", "the repairs had cost more than planned", "Dana Holt"),
    ),
    R(
        "a-time-or-a-frame-between-the-verb-and-its-clause",
        "Fire chief Dan Oakes said on Sunday crews had contained the blaze near the town. "
        "The ministry said in a statement the talks would continue next week in Geneva.",
        S("indirect", "crews had contained the blaze near the town", "Dan Oakes"),
        S("indirect", "the talks would continue next week in Geneva", "ministry"),
    ),
    R(
        "an-age-describes-someone-named-before",
        "Tom Reed was arrested in May. “I did nothing wrong,” the 52-year-old told the court.",
        S("direct", "I did nothing wrong", "Tom Reed"),
    ),
    R(
        "a-question-put-by-a-reporter-is-no-statement",
        "“Will the pier reopen before the summer?” a reporter asked. "
        "“It will reopen in May,” harbour master Ruth Keane said.",
        S("direct", "It will reopen in May", "Ruth Keane"),
    ),
]

DE = [
    R(
        "a-sentence-adverb-is-no-speaker",
        "Allerdings sagte sie, der Plan sei gut.",
        S("indirect", "der Plan sei gut", None),
    ),
    R(
        "a-descriptor-before-a-given-name-is-not-the-name",
        "„Wir haben alles vorbereitet“, sagte Mitorganisator Donatus Kellermann.",
        S("direct", "Wir haben alles vorbereitet", "Donatus Kellermann"),
    ),
    R(
        "a-low-opening-mark-closed-by-a-high-one",
        "„Das Ergebnis war knapp”, sagte Trainerin Jana Voss.",
        S("direct", "Das Ergebnis war knapp", "Jana Voss"),
    ),
    R(
        "a-pronoun-goes-to-the-person-named-since-the-last-speaker",
        "„Wir bauen die Halle neu“, sagte Bürgermeisterin Lena Brandt. "
        "Ihr Gegenüber Mirko Halbach widersprach. „Das ist zu teuer“, erklärte er.",
        S("direct", "Wir bauen die Halle neu", "Lena Brandt"),
        S("direct", "Das ist zu teuer", "Mirko Halbach"),
    ),
    R(
        "a-particle-after-a-family-name-is-a-preposition",
        "Nach der Sitzung geht Ressortchef Tim Meier zu Schulz. „Das war gut“, sagte Meier.",
        S("direct", "Das war gut", "Tim Meier"),
    ),
    R(
        "a-particle-inside-a-name",
        "„Wir brauchen Geduld“, sagte Bundespräsident Alexander Van der Bellen.",
        S("direct", "Wir brauchen Geduld", "Alexander Van der Bellen"),
    ),
    R(
        "the-outlet-after-a-name-is-not-part-of-it",
        "„Wir bauen neu“, sagte Bürgermeisterin Lena Berg der Zeitung.",
        S("direct", "Wir bauen neu", "Lena Berg"),
    ),
    R(
        "a-cue-word-is-not-part-of-an-organisation",
        "Die Sprecherin der Stadt, Eva Klein, bestätigte den Unfall. Laut Polizei wurde niemand verletzt.",
        S("indirect", "wurde niemand verletzt", "Polizei"),
    ),
    R(
        "a-quoted-title-in-a-compound-is-no-quotation",
        "«Bild»-Reporter Paul Ronzheimer berichtete am Abend aus Kiew über die Lage.",
    ),
    R(
        "und-fuegte-hinzu-starts-a-second-statement",
        "Ministerin Eva Roth sagte, die Brücke werde im Juni eröffnet, und fügte hinzu, "
        "die Reparatur sei teurer gewesen.",
        S("indirect", "die Brücke werde im Juni eröffnet", "Eva Roth"),
        S("indirect", "die Reparatur sei teurer gewesen", "Eva Roth"),
    ),
    R(
        "a-quotation-paragraph-after-a-paragraph-naming-someone",
        "Trainer Tom Kurz war nach dem Spiel enttäuscht.\n\n„Wir waren heute einfach zu langsam.“",
        S("direct", "Wir waren heute einfach zu langsam.", "Tom Kurz"),
    ),
    R(
        "an-age-describes-someone-named-before",
        "Der Spieler Jan Ott wurde 1971 geboren. „Ich bin stolz“, erzählt der 52-Jährige.",
        S("direct", "Ich bin stolz", "Jan Ott"),
    ),
    R(
        "a-family-name-that-is-a-word-of-the-language-after-the-full-name",
        "Richter Karlheinz Münzer eröffnete die Sitzung. „Er wusste ja nicht, wie es ausgeht“, sagte Münzer.",
        S("direct", "Er wusste ja nicht, wie es ausgeht", "Karlheinz Münzer"),
    ),
    R(
        "name-particles-open-a-name",
        "„Wir helfen“, sagte Ursula von der Leyen. „Jetzt erst recht“, sagte von der Leyen am Abend.",
        S("direct", "Wir helfen", "Ursula von der Leyen"),
        S("direct", "Jetzt erst recht", "Ursula von der Leyen"),
    ),
    R(
        "a-company-of-common-nouns-keeps-its-name",
        "Die Stadtwerke Lindau teilten am Dienstag mit, "
        "dass die Strompreise im kommenden Jahr stabil bleiben.",
        S("indirect", "die Strompreise im kommenden Jahr stabil bleiben", "Stadtwerke Lindau"),
    ),
]


@pytest.mark.parametrize("row", EN, ids=lambda r: r.id)
def test_english(row):
    check_row(row, "en", PUBLISHED)


@pytest.mark.parametrize("row", DE, ids=lambda r: r.id)
def test_german(row):
    check_row(row, "de", PUBLISHED)


def test_the_tables_classify_words():
    de, en = load("de"), load("en")
    assert de.words["Nachfrage"].common and de.words["Nachfrage"].common_noun
    assert de.words["Allerdings"].common and not de.words["Allerdings"].common_noun
    assert en.words["Eventually"].common and not en.words["Eventually"].common_noun
    assert not en.words["Koch"].common and en.words["Koch"].surname
    assert en.words["Hamburg"].place and not en.words["Hamburg"].given
    assert given_name("Anke") == "f" and given_name("Mirko") == "m"
    assert de.is_compound_noun("mitorganisator") and not en.is_compound_noun("mitorganisator")


def test_refused_speaker_phrases_are_kept_for_review():
    result = extract_text("„Wir kommen morgen wieder“, sagte Nachfrage.", lang="de", published=PUBLISHED)
    assert result.rejected_names == ["Nachfrage"]
    assert all(s.speaker is None for s in result.statements)


def test_a_missing_table_is_a_clear_error():
    with pytest.raises(LexiconError, match=r"word table tables/nowhere\.txt is missing"):
        _table_lines("tables/nowhere.txt", "de.toml")


def test_confidence_follows_how_the_speaker_was_found():
    result = extract_text(
        "„Wir bauen die Halle neu“, sagte Bürgermeisterin Lena Brandt. „Sie wird größer“, fügte sie hinzu. "
        "„Das dauert“, hieß es.",
        lang="de",
        published=PUBLISHED,
    )
    by_text = {s.text: s for s in result.statements}
    named, pronoun = by_text["Wir bauen die Halle neu"], by_text["Sie wird größer"]
    assert (named.evidence, pronoun.evidence) == ("full name", "pronoun")
    assert named.confidence > pronoun.confidence
    assert all(s.confidence < named.confidence for s in result.statements if s.speaker is None)


def test_the_verb_tables_load_with_the_language():
    de, en = load("de"), load("en")
    assert {"lief", "sagte", "gestalte"} <= de.finite_verbs and {"ran", "went", "says"} <= en.finite_verbs
    assert {"gestalte", "bleibe", "käme"} <= de.subjunctive
    assert not {"hatte", "sagte", "konnte"} & de.subjunctive  # past forms report nothing
    assert not en.subjunctive
