"""The language files: same keys everywhere, loadable, well-formed patterns and pairs."""

from __future__ import annotations

import itertools
import re
import tomllib
from importlib import resources
from typing import Any

import pytest

from quotetrack.lexicon import SCHEMA, Lexicon, available_languages, detect_language, known_outlets, load

LANGUAGES = available_languages()


def _raw(code: str) -> dict[str, Any]:
    path = resources.files("quotetrack.lexicon") / f"{code}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _key_tree(value: Any) -> Any:
    """The keys of a TOML document, nested; values other than tables are leaves."""
    if isinstance(value, dict):
        return {key: _key_tree(sub) for key, sub in value.items()}
    return None


def _paths(tree: Any, prefix: str = "") -> set[str]:
    if not isinstance(tree, dict):
        return {prefix}
    out: set[str] = set()
    for key, sub in tree.items():
        out |= _paths(sub, f"{prefix}.{key}" if prefix else key)
    return out


def test_the_expected_languages_are_available():
    assert {"de", "en"} <= set(LANGUAGES)
    assert "outlets" not in LANGUAGES


@pytest.mark.parametrize(
    ("first", "second"), list(itertools.combinations(LANGUAGES, 2)), ids=lambda c: str(c)
)
def test_language_files_have_exactly_the_same_keys(first, second):
    a, b = _paths(_key_tree(_raw(first))), _paths(_key_tree(_raw(second)))
    assert a - b == set(), f"only in {first}.toml"
    assert b - a == set(), f"only in {second}.toml"


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_file_keys_are_the_schema(code):
    paths = _paths(_key_tree(_raw(code)))
    schema = {f"{table}.{key}" for table, keys in SCHEMA.items() for key in keys}
    assert schema - paths == set(), "missing from the file"
    assert paths - schema == set(), "in the file but not read by the loader"


@pytest.mark.parametrize("code", LANGUAGES)
def test_language_file_loads(code):
    lex = load(code)
    assert isinstance(lex, Lexicon)
    assert lex.code == code
    assert lex.name
    assert lex.verbs
    assert len({day for day in lex.weekdays.values()}) == 7
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert lex.date_order in ("dmy", "mdy")


def test_unknown_language_gets_the_default():
    assert load("xx").code == "en"


@pytest.mark.parametrize("code", LANGUAGES)
def test_via_patterns_compile_and_have_a_via_group(code):
    raw = _raw(code)["via"]["patterns"]
    assert raw, f"{code}: no via patterns"
    for source in raw:
        pattern = re.compile(source)
        assert "via" in pattern.groupindex, source
    for pattern in load(code).via_patterns:
        assert "via" in pattern.groupindex, pattern.pattern


@pytest.mark.parametrize("code", LANGUAGES)
def test_quote_pairs_open_with_one_mark_and_close_with_one_or_two(code):
    raw = _raw(code)["quotes"]["pairs"]
    assert raw
    for pair in raw:
        assert isinstance(pair, list) and len(pair) == 2, pair
        opening, closing = pair
        assert isinstance(opening, str) and len(opening) == 1, pair
        # a close may be one mark typed twice ("''" in some wire copy)
        assert isinstance(closing, str) and 1 <= len(closing) <= 2 and len(set(closing)) == 1, pair
        for mark in pair:
            assert not any(c.isalnum() or c.isspace() for c in mark), pair
    assert load(code).quote_pairs == tuple(tuple(p) for p in raw)
    assert len(set(map(tuple, raw))) == len(raw), "a pair is listed twice"


def test_outlets_file_is_well_formed():
    outlets = known_outlets()
    assert outlets
    for outlet in outlets.values():
        assert outlet.name and all(form.strip() == form and form for form in outlet.forms)
    names = {o.name for o in outlets.values()}
    assert {"Reuters", "Rheinische Post"} <= names


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Ministerin sagte am Dienstag, die Brücke bleibe bis Ende Juni gesperrt.", "de"),
        ("„Wir liegen im Plan“, sagte die Bürgermeisterin nach der Sitzung des Stadtrats.", "de"),
        ("Laut Polizei wurde bei dem Unfall auf der Landstraße niemand verletzt.", "de"),
        ("The minister said on Tuesday that the bridge would stay closed until the end of June.", "en"),
        ('"We are on schedule," the mayor told reporters after the council meeting.', "en"),
        ("According to the fire department, nobody was injured in the blaze on Main Street.", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_of_nothing_is_the_default():
    assert detect_language("") == "en"
    assert detect_language("   \n ") == "en"
