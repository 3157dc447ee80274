"""Claims that follow a story across outlets and languages: undated copies, shortened quotes,
reported speech and translations grouped; channels named in the text as relays; drift and
reasons shown by `claim ID`; fact tracking that a killed run left undone finished by the next.

The articles are invented: the Harbour Ledger reports that Veldhaven's port closes its northern
terminal; Coastwatch (no date) copies it with the quote cut short and one statement in reported
speech; Küstenblick (no date) translates it into German; the Brakholm Courier quotes another
statement of the same speaker that is not the same claim.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_runner import invoke

from quotetrack.facts import channels, estimates, grouping
from quotetrack.facts.drift import _Appearance, compare
from quotetrack.facts.grouping import DEFAULT_THRESHOLD, StatementRecord, similarity

LEDGER = {
    "id": "ledger",
    "url": "https://harbour-ledger.example/news/terminal",
    "outlet": "Harbour Ledger",
    "lang": "en",
    "published": "2024-05-06",
    "text": "Veldhaven port closes its northern terminal\n\nThe port of Veldhaven will close its northern "
    'terminal for repairs. "We will close the northern terminal for repairs until the spring, and the '
    'ferry to Brakholm keeps running," port director Mara Okafor said on Monday.\n\n"Nobody will lose '
    'a job because of the repairs," Okafor added.',
}
COASTWATCH = {
    "id": "coastwatch",
    "url": "https://coastwatch.example/veldhaven-terminal",
    "outlet": "Coastwatch",
    "lang": "en",
    "text": 'Veldhaven terminal to close\n\n"We will close the northern terminal for repairs until the '
    'spring," port director Mara Okafor told the Harbour Ledger.\n\nOkafor said nobody would lose a '
    "job because of the repairs.",
}
KUESTENBLICK = {
    "id": "kuestenblick",
    "url": "https://kuestenblick.example/veldhaven",
    "outlet": "Küstenblick",
    "lang": "de",
    "text": "Veldhaven schließt Nordterminal\n\n„Wir werden das nördliche Terminal bis zum Frühjahr für "
    "Reparaturen schließen“, sagte Hafendirektorin Mara Okafor dem Harbour Ledger.\n\nNiemand werde "
    "wegen der Reparaturen seine Arbeit verlieren, sagte Okafor.",
}
COURIER = {
    "id": "courier",
    "url": "https://brakholm-courier.example/2024/05/07/ferry",
    "outlet": "Brakholm Courier",
    "lang": "en",
    "text": 'Ferry timetable stays\n\n"The ferry timetable for the summer stays as it is," port director '
    "Mara Okafor said in an interview with station KBRK.",
}
STORY = [LEDGER, COASTWATCH, KUESTENBLICK, COURIER]


def qt(url: str, *args: object, input: str | None = None) -> Any:
    result = invoke("--db", url, *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def ingest(url: str, articles: list[dict[str, Any]]) -> Any:
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    return qt(url, "ingest", "-", input=lines)


def claims_by_words(url: str) -> dict[str, dict[str, Any]]:
    rows = json.loads(qt(url, "claims", "--format", "json", "--min-articles", "1").stdout)
    out = {}
    for row in rows:
        history = json.loads(qt(url, "claim", row["id"], "--format", "json").stdout)
        out[row["text"]] = history
    return out


def record(
    sid: int, text: str, lang: str, day: dt.date | None = None, speaker: str | None = "1"
) -> StatementRecord:
    return StatementRecord(sid, sid * 10, text, lang, speaker, None, day)


# --- pair scores --------------------------------------------------------------------------------------


def test_a_translation_without_shared_names_is_the_same_claim():
    english = record(1, "We will close the northern terminal for repairs until the spring", "en")
    german = record(2, "Wir werden das nördliche Terminal bis zum Frühjahr für Reparaturen schließen", "de")
    other = record(3, "Die Fähre nach Brakholm fährt weiter nach dem Sommerfahrplan", "de")
    assert similarity(english, german) >= DEFAULT_THRESHOLD
    assert similarity(english, other) < DEFAULT_THRESHOLD / 2


def test_a_quote_cut_short_is_the_same_claim_and_a_generic_one_is_none():
    full = record(
        1,
        "We will close the northern terminal for repairs until the spring, and the ferry keeps running",
        "en",
    )
    cut = record(2, "We will close the northern terminal for repairs until the spring", "en")
    assert similarity(full, cut) >= DEFAULT_THRESHOLD
    assert similarity(
        record(3, "We regret the delay.", "en"), record(4, "Wir bedauern die Verzögerung.", "de")
    ) < (DEFAULT_THRESHOLD)


def test_a_compound_is_translated_by_its_parts():
    assert "target" in grouping._translated("hauptziel", "de", "en")
    assert "head" in grouping._translated("staatsoberhaupt", "de", "en")


def test_the_reasons_say_what_was_alike():
    english = record(1, "Okafor will close the terminal in Veldhaven for repairs", "en", dt.date(2024, 5, 6))
    german = record(2, "Okafor wird das Terminal in Veldhaven für Reparaturen schließen", "de", None)
    reasons = grouping.explain(english, german)
    assert reasons[0].startswith("translated words:")
    assert any("veldhaven" in r for r in reasons)
    assert "undated" in reasons


# --- channels, estimated days, drift --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("„Das ist eine besondere Lage“, sagte er im ZDF.", ["ZDF"]),
        ("He told ABC6 in Toledo that the talks had failed.", ["ABC6"]),
        ("The talks failed, according to the BBC.", ["BBC"]),
        ("wie die italienische Nachrichtenagentur Ansa meldete", ["Ansa"]),
        ("Speaking to Ohio's WKRX, the mayor said the bridge would open.", ["WKRX"]),
        ("Er fuhr einen Ford Focus, wie die Nachrichtenagentur Ansa meldete.", ["Ansa"]),
        ("The mayor told the US delegation that the bridge would open.", []),
        ("The BDK-Vorsitzende sagte der Zeitung nichts.", []),
    ],
)
def test_channels_named_in_the_text(text, found):
    assert channels.channels(text) == found


def test_a_date_in_the_address_estimates_an_undated_article():
    assert estimates.url_date("https://example.org/2022/02/26/story") == dt.date(2022, 2, 26)
    assert estimates.url_date("https://example.org/news/2013-07/29/papst") == dt.date(2013, 7, 29)
    assert estimates.url_date("https://example.org/a/20190318-grenze") == dt.date(2019, 3, 18)
    assert estimates.url_date("https://example.org/id/29145404") is None
    assert estimates.fetched_date('{"fetched": "2023-04-01T10:00:00Z"}') == dt.date(2023, 4, 1)


def test_drift_shows_words_dropped_and_direct_turned_reported():
    earliest = _Appearance(
        1, "Nobody will lose a job because of the repairs", "direct", "en", dt.date(2024, 5, 6)
    )
    later = _Appearance(2, "nobody would lose a job because of the repairs", "indirect", "en", None)
    drift = compare(earliest, later)
    assert drift.changed == (("will", "would"),)
    assert drift.speech == "direct -> indirect"
    assert drift.drifted
    same = compare(
        earliest, _Appearance(3, "Nobody will lose a job because of the repairs", "direct", "en", None)
    )
    assert not same.drifted and same.line() == "same wording"


# --- through the command line ----------------------------------------------------------------------------


def test_an_undated_copy_and_a_translation_join_the_dated_claim(db_url):
    ingest(db_url, STORY)
    found = claims_by_words(db_url)
    terminal = next(h for text, h in found.items() if "northern terminal" in text)
    assert {a["outlet"] for a in terminal["appearances"]} == {"Harbour Ledger", "Coastwatch", "Küstenblick"}
    jobs = next(h for text, h in found.items() if "lose a job" in text)
    assert {a["outlet"] for a in jobs["appearances"]} == {"Harbour Ledger", "Coastwatch", "Küstenblick"}
    # the Brakholm Courier's statement of the same speaker is another claim
    assert all(
        "Brakholm Courier" not in {a["outlet"] for a in h["appearances"]}
        for h in found.values()
        if len(h["appearances"]) > 1
    )
    # every suggested membership says why, and the reported speech shows as drift
    later = [a for a in jobs["appearances"] if a["drift"]["compared_with"] is not None]
    assert later and all(a["reasons"] for a in jobs["appearances"] if a["link_status"] == "suggested")
    assert any(a["drift"]["speech"] == "direct -> indirect" for a in later)
    assert any(a["drift"]["translated_from"] == "en" for a in later)
    drifted = json.loads(qt(db_url, "claims", "--drifted", "--format", "json").stdout)
    assert jobs["id"] in {row["id"] for row in drifted}
    shown = qt(db_url, "claim", jobs["id"], "--format", "table").stdout
    assert "why: like statement" in shown and "wording:" in shown


def test_channels_become_relays_and_undated_articles_an_estimate(db_url):
    ingest(db_url, STORY)
    ids = {row["outlet"]: row["id"] for row in json.loads(qt(db_url, "articles", "--format", "json").stdout)}
    trace = json.loads(qt(db_url, "trace", ids["Brakholm Courier"], "--format", "json").stdout)
    assert [(s["edge"], s["label"]) for s in trace["sources"]] == [("relays", "KBRK")]
    trace = json.loads(qt(db_url, "trace", ids["Coastwatch"], "--format", "json").stdout)
    assert ("relays", "Harbour Ledger") in {(s["edge"], s["label"]) for s in trace["sources"]}
    from quotetrack.store import db as store

    engine = store.open_database(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT url, published_estimated, estimated_from, facts_pending FROM articles"
            ).all()
    finally:
        engine.dispose()
    by_url = {r[0]: (str(r[1]), r[2]) for r in rows}
    assert by_url[COURIER["url"]] == ("2024-05-07", "url")
    assert by_url[COASTWATCH["url"]] == ("2024-05-06", "related")
    assert not any(r[3] for r in rows)  # nothing left pending


def test_dates_out_of_range_are_dropped_with_a_warning(db_url):
    far = dict(LEDGER, id="far", url="https://example.org/far", published="9999-12-31")
    negative = dict(COURIER, id="neg", url="https://example.org/neg", published="-5000-01-01")
    result = ingest(db_url, [far, negative])
    assert "published date 9999-12-31 is out of range; left out" in result.stderr
    assert "published date 5000-01-01 is out of range; left out" in result.stderr
    rows = json.loads(qt(db_url, "articles", "--format", "json").stdout)
    assert [r["published"] for r in rows] == [None, None]
    qt(db_url, "claims", "--regroup")


# --- fact tracking is durable work -----------------------------------------------------------------------

KILLER = """
import os, signal, sys
from quotetrack.facts import update
update.FACT_CHUNK = 2
done = update.track_articles
calls = []
def killed(session, article_ids):
    result = done(session, article_ids)
    calls.append(1)
    if len(calls) == 2:  # inside the second chunk's transaction, its work done, nothing committed
        os.kill(os.getpid(), signal.SIGKILL)
    return result
update.track_articles = killed
from quotetrack.cli import main
main(sys.argv[1:])
"""


def _facts(url: str) -> tuple[set[frozenset[str]], set[tuple[str, str, str | None]]]:
    """The claims (as sets of statement texts with their outlet) and provenance edges of a database."""
    claims = {
        frozenset(f"{a['outlet']}: {a['text']}" for a in history["appearances"])
        for history in claims_by_words(url).values()
    }
    rows = json.loads(qt(url, "articles", "--format", "json").stdout)
    edges = set()
    for row in rows:
        trace = json.loads(qt(url, "trace", row["id"], "--format", "json").stdout)
        for node in trace["sources"]:
            edges.add((row["outlet"], node["edge"], node["label"]))
    return claims, edges


def test_a_run_killed_inside_fact_tracking_is_finished_by_the_next(db_url, tmp_path):
    corpus = tmp_path / "story.jsonl"
    corpus.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in STORY), encoding="utf-8")
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, "--db", db_url, "ingest", "-q", str(corpus)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    assert killed.returncode == -9, killed.stderr
    rows = json.loads(qt(db_url, "articles", "--format", "json").stdout)
    assert len(rows) == 4  # every article stored, the last two still pending
    again = qt(db_url, "ingest", str(corpus))
    assert "4 already known" in again.stderr and "joined claims" in again.stderr
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    ingest(clean, STORY)
    assert _facts(db_url) == _facts(clean)
    assert "No article is waiting" in qt(db_url, "facts").stderr


def test_the_facts_command_finishes_pending_work(sqlite_url):
    ingest(sqlite_url, STORY[:2])
    from quotetrack.store import db as store

    engine = store.open_database(sqlite_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE statements SET claim_id = NULL, claim_status = NULL")
            connection.exec_driver_sql("DELETE FROM claims")
            connection.exec_driver_sql("DELETE FROM links")
            connection.exec_driver_sql("UPDATE articles SET facts_pending = 1")
    finally:
        engine.dispose()
    assert "Fact tracking finished" in qt(sqlite_url, "facts").stderr
    assert any(len(h["appearances"]) == 2 for h in claims_by_words(sqlite_url).values())


def test_data_files_are_shipped():
    root = Path(grouping.__file__).resolve().parents[1] / "lexicon" / "tables"
    assert (root / "de_en.tsv.gz").is_file() and (root / "channels.toml").is_file()
