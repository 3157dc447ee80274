"""Bylines read into persons and organisations."""

from __future__ import annotations

import pytest

from quotetrack.inputs.bylines import ORGANIZATION, PERSON, organisation, parse_byline


def _people(byline: str, outlet: str | None = None) -> list[tuple[str, ...]]:
    return [
        (a.kind, a.name)
        if a.kind == ORGANIZATION
        else (a.kind, a.given or "", a.particle or "", a.family or "")
        for a in parse_byline(byline, outlet=outlet)
    ]


def person(given: str, family: str, particle: str = "") -> tuple[str, ...]:
    return (PERSON, given, particle, family)


def org(name: str) -> tuple[str, ...]:
    return (ORGANIZATION, name)


@pytest.mark.parametrize(
    ("byline", "outlet", "expected"),
    [
        ("Jana Köhler", None, [person("Jana", "Köhler")]),
        ("Von Anna Berg und Tom Reed", None, [person("Anna", "Berg"), person("Tom", "Reed")]),
        ("By Anna Berg and Tom Reed", None, [person("Anna", "Berg"), person("Tom", "Reed")]),
        ("Ursula von der Leyen", None, [person("Ursula", "Leyen", "von der")]),
        ("José Ortega y Gasset", None, [person("José", "Ortega y Gasset")]),
        (
            "Dr. Şükrü Çelik, Åsa Ödegård",
            None,
            [person("Şükrü", "Çelik"), person("Åsa", "Ödegård")],
        ),
        ("Eine Analyse von Lasse Brink", None, [person("Lasse", "Brink")]),
        ("Author Lasse Brink", None, [person("Lasse", "Brink")]),
        ("BY LASSE BRINK", None, [person("Lasse", "Brink")]),
        ("Brink, Lasse", None, [person("Lasse", "Brink")]),
        ("Anna und Tom Berg", None, [person("Anna", "Berg"), person("Tom", "Berg")]),
        # organisations: agencies, outlets, companies, desks; places, legal forms, labels dropped
        ("WATTBLICK ONLINE, Hamburg, Germany", None, [org("WATTBLICK ONLINE")]),
        ("Marschland Zeitung GmbH, Munich, Germany", None, [org("Marschland Zeitung")]),
        ("Husumer Bote Ltd, Husum, Germany", None, [org("Husumer Bote")]),
        (
            "Kai Hollmann, Marschland Zeitung GmbH",
            None,
            [person("Kai", "Hollmann"), org("Marschland Zeitung")],
        ),
        ("Deichwelle (www.deichwelle.example)", "Deichwelle", [org("Deichwelle")]),
        ("Lena Ott, Deichblick", "Deichblick", [person("Lena", "Ott"), org("Deichblick")]),
        ("Text: Lena Ott, Foto: dpa", None, [person("Lena", "Ott")]),
        ("Fotos: Tim Stahl | Text: Lena Ott", None, [person("Lena", "Ott")]),
        ("mes/dpa", None, [org("dpa")]),
        (
            "dpa, AFP und Reuters",
            None,
            [org("dpa"), org("AFP"), org("Reuters")],
        ),
        ("Agenturen", None, [org("Agenturen")]),
        ("Redaktion Wattblick", None, [org("Redaktion Wattblick")]),
        ("wattblick.example", None, [org("wattblick.example")]),
        (
            "By Lena Ott, Wattblick News, New York",
            None,
            [person("Lena", "Ott"), org("Wattblick News")],
        ),
        ("", None, []),
        ("Hamburg", None, []),
        # job descriptions end a name; a family name that is a job's stays
        ("Lasse Brink Education editor", None, [person("Lasse", "Brink")]),
        ("By Lasse Brink, Political Editor", None, [person("Lasse", "Brink")]),
        ("Von Lena Ott, Korrespondentin in Paris", None, [person("Lena", "Ott")]),
        ("Ingo Arzt", None, [person("Ingo", "Arzt")]),
        ("Von Lena Ott, Nordheide", None, [person("Lena", "Ott")]),
    ],
)
def test_parse_byline(byline, outlet, expected):
    assert _people(byline, outlet) == expected


def test_a_name_in_a_script_without_spaces_is_one_person():
    (author,) = parse_byline("李明")
    assert (author.kind, author.name, author.family) == (PERSON, "李明", None)


def test_an_organisation_loses_its_legal_form():
    found = organisation("Marschland Verlag GmbH & Co. KG")
    assert found is not None and (found.kind, found.name) == org("Marschland Verlag")
