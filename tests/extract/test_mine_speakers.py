"""bench/mine_speakers.py: the speaker review printed for JSON Lines articles."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

from quotetrack.extract import extract
from quotetrack.inputs.article import Article

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "mine_speakers.py"
_spec = importlib.util.spec_from_file_location("mine_speakers", SCRIPT)
assert _spec and _spec.loader
mine = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = mine  # dataclasses look their module up
_spec.loader.exec_module(mine)

# Invented articles: the people, places and words are made up for this test.
LONG = "Die Schleuse am Südkai wird bis zum Herbst erneuert, und der Umbau kostet mehr als geplant " * 3
ARTICLES = [
    {
        "id": "de-1",
        "lang": "de",
        "text": (
            "Neue Fähre für Grevenhagen\n\n"
            "„Wir liegen gut im Plan“, sagte Hafenmeisterin Jana Roth am Mittwoch in Grevenhagen.\n\n"
            f"„{LONG}“, sagte Jana Roth.\n\n"
            "Die Reederei teilte mit, die Fähre werde im Mai ausgeliefert."
        ),
    },
    {
        "id": "en-1",
        "lang": "en",
        "text": (
            "Harbour bridge delayed\n\n"
            '"We are behind schedule," said Tom Whitfield, the harbour engineer, on Friday.\n\n'
            '"The steel arrived late," Whitfield told the Harbour Ledger.'
        ),
    },
]


def run(tmp_path: Path, *args: str, lines: list[str] | None = None) -> tuple[int, str]:
    path = tmp_path / "articles.jsonl"
    rows = lines if lines is not None else [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    code = mine.main([str(path), *args], out=out)
    return code, out.getvalue()


def section(output: str, lang: str) -> str:
    return output.split(f"# {lang}\n", 1)[1].split("\n# ", 1)[0]


def test_prints_each_language_with_its_counts_and_sections(tmp_path):
    code, output = run(tmp_path)
    assert code == 0
    for article in ARTICLES:
        lang = article["lang"]
        found = extract(Article(text=article["text"], lang=lang, id=article["id"])).statements
        with_speaker = sum(1 for s in found if s.speaker)
        part = section(output, lang)
        assert part.startswith(
            f"articles 1  statements {len(found)}  "
            f"with speaker {with_speaker}  without speaker {len(found) - with_speaker}\n"
        )
        for heading in ("## top speakers", "## not name-like", "## rejected names", "## sources"):
            assert heading in part
    assert re.search(r"^\s+2  person\s+Jana Roth$", section(output, "de"), re.M)


def test_prints_short_examples_and_no_more_of_the_text(tmp_path):
    _code, output = run(tmp_path)
    examples = [line.split("e.g. ", 1)[1] for line in output.splitlines() if "e.g. " in line]
    assert all(len(example) <= mine.EXAMPLE_CHARS for example in examples)
    assert LONG.strip() not in output
    assert "Neue Fähre für Grevenhagen" not in output


def test_top_and_lang_options(tmp_path):
    _code, output = run(tmp_path, "--top", "0", "--lang", "en")
    assert "# de" not in output
    assert "## top speakers (0 of " in output
    assert not re.search(r"^\s+\d+  person\s+Tom Whitfield$", output, re.M)


def test_a_bad_line_is_reported_and_the_rest_goes_on(tmp_path, capsys):
    good = json.dumps(ARTICLES[1])
    code, output = run(tmp_path, lines=["{not json", good, json.dumps({"id": "x", "text": "Hallo."})])
    assert code == 1
    assert "articles 1  " in section(output, "en")
    err = capsys.readouterr().err
    assert re.search(r"^Error: .*articles\.jsonl:1: not JSON", err, re.M)
    assert re.search(r"^Error: .*articles\.jsonl:3: no 'lang' string", err, re.M)


def test_a_missing_file_named_on_the_command_line_is_an_error(tmp_path, capsys):
    assert mine.main([str(tmp_path / "absent.jsonl")], out=io.StringIO()) == 1
    assert "absent.jsonl: no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "speaker", "kind", "text", "expected"),
    [
        (
            "de",
            "Allerdings",
            "person",
            "Das ist allerdings teuer.",
            {"lowercase:Allerdings", "common:Allerdings"},
        ),
        ("de", "Schnurps", "person", "Das ist schnurps teuer.", {"lowercase:Schnurps"}),
        ("de", "Laut Polizei", "organization", "Er sprach laut.", {"lowercase:Laut", "common:Laut"}),
        ("de", "Haselried", "unknown", "Sagte Anna von der Haselried.", {"particle:von der"}),
        ("de", "Anna von der Haselried", "person", "Sagte Anna von der Haselried.", set()),
        ("de", "Haselried", "unknown", "Von der Haselried kam nichts.", {"particle:von der"}),
        ("de", "Werftbund", "unknown", "Nach Angaben von Werftbund.", set()),
        ("de", "großem Zuspruch", "organization", "Nichts.", {"lowerstart:großem"}),
        ("de", "Heute", "unknown", "Niemand kam.", {"common:Heute"}),
        ("de", "Jana Roth", "person", "Sie kam aus Grevenhagen, sagte sie heute.", set()),
        ("de", "Grevenhagener Jana Roth", "person", "Sie wohnt in Grevenhagen.", {"place:Grevenhagener"}),
        ("de", "Grevenhagener Polizei", "organization", "Sie wohnt in Grevenhagen.", set()),
        ("en", "BRIDGEPORT Tom Whitfield", "person", "BRIDGEPORT (AP) — The bridge.", {"place:BRIDGEPORT"}),
        ("en", "Unit 7", "organization", "Nothing.", {"digits", "common:Unit"}),
        ("en", "the head of the harbour office", "person", "Nothing.", {"long", "lowerstart:the"}),
    ],
)
def test_name_checks(lang, speaker, kind, text, expected):
    assert mine.Checks.load(lang).reasons(speaker, kind, text) == expected
