"""What the listing commands say: authors of articles, empty results, plurals, table widths."""

from __future__ import annotations

import json

import pytest
from cli_runner import invoke

from quotetrack.cli.output import table_text

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Fähre nach Möwenwerder fährt ab Juni wieder | Nordheider Rundschau</title>
<meta property="og:site_name" content="Nordheider Rundschau">
<link rel="canonical" href="https://nordheider-rundschau.example/lokales/faehre">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Fähre nach Möwenwerder fährt ab Juni wieder", "datePublished": "2024-03-05T09:00:00+01:00",
"dateModified": "2024-03-07T10:00:00+01:00",
"author": [{"@type": "Person", "name": "Lotte Brenner"}, {"@type": "Organization", "name": "Nordpress"}]}
</script></head><body><article><h1>Fähre nach Möwenwerder fährt ab Juni wieder</h1>
<p>Die Fähre nach Möwenwerder soll nach dem Sturmschaden am Anleger ab Juni wieder fahren.</p>
<p>„Wir sind zuversichtlich, dass der neue Anleger rechtzeitig zur Saison fertig wird“, sagte
Reedereichefin Jana Wittkamp am Dienstag.</p>
<p>Bis dahin fahren Busse über den Damm, wie die Gemeinde mitteilte. Kapitän Ole Brandhorst erklärte,
die Mannschaft sei bereit für die ersten Fahrten im Sommer.</p></article></body></html>
"""
TEASER = """<!DOCTYPE html><html lang="de"><head><title>Kurz notiert</title></head><body><article>
<h1>Kurz notiert</h1><p>Die Fähre nach Möwenwerder fährt wieder, teilte die Reederei am Dienstag mit.
Weitere Einzelheiten nannte sie nicht. Die Busse fahren bis dahin über den Damm.</p></article></body></html>
"""


def qt(url: str, *args: object) -> object:
    return invoke("--db", url, *args)


@pytest.fixture
def page_db(db_url, tmp_path) -> str:
    path = tmp_path / "faehre.html"
    path.write_text(PAGE, encoding="utf-8")
    result = qt(db_url, "ingest", path)
    assert result.exit_code == 0, result.output
    return db_url


def test_articles_and_show_list_the_authors(page_db):
    (row,) = json.loads(qt(page_db, "articles", "--format", "json").stdout)
    assert (row["published"], row["modified"]) == ("2024-03-05", "2024-03-07")
    assert [(a["name"], a["kind"]) for a in row["authors"]] == [
        ("Lotte Brenner", "person"),
        ("Nordpress", "organization"),
    ]
    table = qt(page_db, "articles", "--format", "table").stdout
    assert "Lotte Brenner, Nordpress" in table
    shown = qt(page_db, "show", str(row["id"])).stdout
    assert shown.splitlines()[1].startswith("Lotte Brenner, Nordpress · Nordheider Rundschau · 2024-03-05")


def test_export_cites_an_organisation_by_its_name(page_db):
    (row,) = json.loads(qt(page_db, "articles", "--format", "json").stdout)
    (item,) = json.loads(qt(page_db, "export", "--format", "csl-json", "--article", row["id"]).stdout)
    assert item["author"] == [{"family": "Brenner", "given": "Lotte"}, {"literal": "Nordpress"}]


def test_a_short_text_is_stored_with_a_warning_and_counted(db_url, tmp_path):
    path = tmp_path / "kurz.html"
    path.write_text(TEASER, encoding="utf-8")
    result = qt(db_url, "ingest", path)
    assert result.exit_code == 0, result.output
    assert f"Warning: {path}: only" in result.stderr and "characters of article text" in result.stderr
    assert "1 new (1 with a short text)" in result.stderr
    assert "1 statement," in result.stderr or "0 statements," in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("quotes",), "No statements yet: `quotetrack ingest PATH` stores articles with their statements."),
        (("quotes", "--type", "direct"), "No statements match these filters."),
        (("articles",), "No articles yet"),
        (("articles", "--lang", "fr"), "No articles match these filters."),
        (("speakers",), "No speakers yet"),
        (("outlets",), "No outlets yet"),
        (("claims",), "No claims yet: claims appear when two articles say the same thing."),
        (("claims", "--search", "Fähre"), "No claims match these filters."),
        (("verdict", "list"), "No verdicts yet."),
        (("dedupe",), "No possible duplicates to review."),
        (("unmerge", "--list"), "No merges to undo."),
        (("export", "--format", "bibtex"), "No statements yet"),
    ],
)
def test_an_empty_result_says_so_on_stderr(db_url, args, message):
    result = qt(db_url, *args)
    assert result.exit_code == 0, result.output
    assert message in result.stderr
    assert "No" not in result.stdout


def test_a_filter_that_matches_nothing_is_said_once(db_url):
    result = qt(db_url, "quotes", "--speaker", "Niemand Bekanntes")
    assert result.stderr.count("\n") == 1 and "No speaker matches" in result.stderr


def test_tables_give_columns_their_width_and_shorten_the_widest_first(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    rows = [
        {
            "speaker": "Wolodymyr Selenskyj",
            "role": None,
            "outlet": "Nordheider Rundschau",
            "text": "Die Fähre nach Möwenwerder soll nach dem Sturmschaden am Anleger ab Juni wieder fahren. "
            * 3,
        }
    ]
    lines = table_text(rows, ("speaker", "role", "outlet", "text")).splitlines()
    assert lines[0].split() == ["speaker", "outlet", "text"]  # the empty column is left out
    assert lines[2].startswith("Wolodymyr Selenskyj  Nordheider Rundschau  Die Fähre")  # whole names
    assert max(len(line) for line in lines) == 100 and lines[2].endswith("…")
    narrow = [{"a": "x" * 60, "b": "y" * 30, "c": "z"}]
    monkeypatch.setenv("COLUMNS", "60")
    _header, _rule, row = table_text(narrow, ("a", "b", "c")).splitlines()
    widths = [len(cell) for cell in row.split("  ")]
    assert widths == [28, 27, 1]  # the widest gave way down to the next widest, then both
