"""Claims across articles and languages, provenance edges and traces, verdicts; on SQLite and
PostgreSQL, through the command line.

tests/data/facts/relay.jsonl is an invented three-step relay: the Harbour Ledger reports that
Veldhaven's port will close its northern terminal; Coastwatch relays the report ("according to
the Harbour Ledger"); Küstenblick translates Coastwatch's article into German ("Quelle:
Coastwatch").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_runner import invoke
from click.testing import Result

DATA = Path(__file__).resolve().parents[1] / "data" / "facts"
RELAY = DATA / "relay.jsonl"
ARTICLES = [json.loads(line) for line in RELAY.read_text(encoding="utf-8").splitlines()]


def qt(url: str, *args: object, input: str | None = None) -> Result:
    return invoke("--db", url, *args, input=input)


def ok(url: str, *args: object, input: str | None = None) -> Result:
    result = qt(url, *args, input=input)
    assert result.exit_code == 0, result.output
    return result


def fails(url: str, *args: object, message: str) -> None:
    result = qt(url, *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def ingest(url: str, articles: list[dict[str, Any]]) -> None:
    ok(url, "ingest", "-q", "-", input="".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))


def article_ids(url: str) -> dict[str, int]:
    """Outlet name -> article id."""
    rows = json.loads(ok(url, "articles", "--format", "json").stdout)
    return {row["outlet"]: row["id"] for row in rows}


def claims(url: str, *args: object) -> list[dict[str, Any]]:
    return json.loads(ok(url, "claims", "--format", "json", *args).stdout)


def history(url: str, claim_id: int) -> dict[str, Any]:
    return json.loads(ok(url, "claim", claim_id, "--format", "json").stdout)


def claim_with(url: str, words: str) -> dict[str, Any]:
    """The claim one of whose appearances holds ``words``."""
    for row in claims(url):
        found = history(url, row["id"])
        if any(words in a["text"] for a in found["appearances"]):
            return found
    raise AssertionError(f"no claim holds {words!r}: {claims(url)}")


@pytest.fixture
def relay(db_url: str) -> str:
    ingest(db_url, ARTICLES)
    return db_url


# --- claims ---------------------------------------------------------------------------------------


def test_the_same_quote_in_two_articles_is_one_claim(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    outlets = {a["outlet"] for a in found["appearances"]}
    assert {"Harbour Ledger", "Coastwatch"} <= outlets
    assert found["first_seen"] == "2031-03-04"
    assert found["appearances"][0]["outlet"] == "Harbour Ledger"  # the first appearance first
    assert {a["speaker"] for a in found["appearances"]} == {"Ilse Marten"}


def test_a_translation_joins_the_claim_of_its_source(relay: str) -> None:
    found = claim_with(relay, "Pachtvertrag")
    texts = " ".join(a["text"] for a in found["appearances"])
    assert "We will not extend the lease" in texts
    listed = next(row for row in claims(relay) if row["id"] == found["id"])
    assert set(listed["languages"]) == {"de", "en"}
    assert "Küstenblick" in listed["outlets"]


def test_the_relayed_report_with_its_number_is_one_claim_across_languages(relay: str) -> None:
    found = claim_with(relay, "140 Arbeitsplätze")
    assert any("140 jobs" in a["text"] for a in found["appearances"])


def test_unrelated_statements_are_no_claim(relay: str) -> None:
    for row in claims(relay):
        assert "heard nothing" not in " ".join(a["text"] for a in history(relay, row["id"])["appearances"])


def test_memberships_are_suggested_with_a_score(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    for appearance in found["appearances"]:
        assert appearance["link_status"] == "suggested"
        assert 0 < appearance["link_score"] <= 1


def test_unlinked_statements_stay_out_when_grouping_runs_again(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    claim_id = found["id"]
    removed = next(a["statement_id"] for a in found["appearances"] if a["outlet"] == "Coastwatch")
    ok(relay, "claim", "unlink", claim_id, removed)
    assert removed not in {a["statement_id"] for a in history(relay, claim_id)["appearances"]}
    ok(relay, "claims", "--regroup")
    assert removed not in {a["statement_id"] for a in history(relay, claim_id)["appearances"]}
    ok(relay, "claim", "link", claim_id, removed)
    back = {a["statement_id"]: a for a in history(relay, claim_id)["appearances"]}
    assert back[removed]["link_status"] == "confirmed"


def test_a_person_can_start_a_claim(relay: str) -> None:
    statements = json.loads(ok(relay, "quotes", "--format", "json", "--search", "heard").stdout)
    assert len(statements) == 1
    out = ok(relay, "claim", "link", "new", statements[0]["id"]).stdout
    claim_id = int(out.split("claim ")[1].split()[0])
    shown = history(relay, claim_id)
    assert [a["statement_id"] for a in shown["appearances"]] == [statements[0]["id"]]
    assert shown["appearances"][0]["link_status"] == "confirmed"


LITERAL_CLAIMS = [
    "Fares rise by 50% next year",
    "Fares rise by 500 cents next year",
    "The form is at C:\\ferry\\tickets now",
    "The form is at C:/ferry/tickets now",
    "The timetable is called ferry_plan today",
    "The timetable is called ferryXplan today",
]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("50%", [0]),
        ("%", [0]),
        ("y_p", [4]),
        ("_", [4]),
        ("C:\\ferry", [2]),
        ("\\", [2]),
        ("C:/ferry", [3]),
        ("/", [3]),
        ("%_\\", []),
        ("FARES RISE", [0, 1]),
    ],
)
def test_claims_search_matches_wildcards_literally(db_url: str, search: str, expected: list[int]) -> None:
    """``claims --search`` finds the text as written: % and _ are no LIKE wildcards, and a
    backslash (LIKE's escape on PostgreSQL) is a backslash, on both databases."""
    ingest(
        db_url,
        [
            {
                "id": f"literal-{n}",
                "lang": "en",
                "outlet": "Ferry Gazette",
                "text": f'Ferry news {n}\n\n"{text}," harbour master Ida Brenner said.',
            }
            for n, text in enumerate(LITERAL_CLAIMS)
        ],
    )
    statements = json.loads(ok(db_url, "quotes", "--format", "json").stdout)
    for text in LITERAL_CLAIMS:
        (statement,) = [s for s in statements if s["text"] == text]
        ok(db_url, "claim", "link", "new", statement["id"])
    found = claims(db_url, "--search", search, "--min-articles", "1")
    assert sorted(row["text"] for row in found) == sorted(LITERAL_CLAIMS[n] for n in expected)


def test_claim_shows_as_text(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    text = ok(relay, "claim", found["id"], "--format", "table").stdout
    assert text.startswith(f"Claim {found['id']}: ")
    assert "first seen: 2031-03-04" in text
    assert "Harbour Ledger" in text and "Coastwatch" in text


def test_claim_errors_are_one_line(db_url: str) -> None:
    fails(db_url, "claim", "999", message="no claim with id 999")
    fails(db_url, "claim", "link", "999", "1", message="no claim with id 999")
    unknown = qt(db_url, "claim", "abc")
    assert unknown.exit_code == 2 and "'abc' is no claim number and no command" in unknown.stderr
    wrong = qt(db_url, "claim", "link", "someclaim", "1")
    assert wrong.exit_code == 2 and "claim number or 'new'" in wrong.stderr


# --- provenance -----------------------------------------------------------------------------------


def test_trace_follows_the_chain_to_the_origin(relay: str) -> None:
    ids = article_ids(relay)
    text = ok(relay, "trace", ids["Küstenblick"]).stdout
    assert text.splitlines()[0] == "Küstenblick ← Coastwatch ← Harbour Ledger"
    tree = json.loads(ok(relay, "trace", ids["Küstenblick"], "--format", "json").stdout)
    assert tree["label"] == "Küstenblick" and tree["date"] == "2031-03-06"
    (coastwatch,) = tree["sources"]
    assert coastwatch["edge"] == "translates"
    assert coastwatch["kind"] == "article" and coastwatch["id"] == ids["Coastwatch"]
    (ledger,) = coastwatch["sources"]
    assert ledger["edge"] == "relays"
    assert ledger["kind"] == "article" and ledger["id"] == ids["Harbour Ledger"]
    assert ledger["date"] == "2031-03-04"


def test_trace_is_the_same_when_the_sources_come_later(db_url: str) -> None:
    ingest(db_url, ARTICLES[2:])
    ingest(db_url, ARTICLES[:2])
    ids = article_ids(db_url)
    text = ok(db_url, "trace", ids["Küstenblick"]).stdout
    assert text.splitlines()[0] == "Küstenblick ← Coastwatch ← Harbour Ledger"
    tree = json.loads(ok(db_url, "trace", ids["Küstenblick"], "--format", "json").stdout)
    assert tree["sources"][0]["id"] == ids["Coastwatch"]


def test_without_the_sources_the_chain_goes_through_outlets(db_url: str) -> None:
    ingest(db_url, ARTICLES[2:])
    (article_id,) = article_ids(db_url).values()
    tree = json.loads(ok(db_url, "trace", article_id, "--format", "json").stdout)
    (coastwatch,) = tree["sources"]
    assert (coastwatch["kind"], coastwatch["label"], coastwatch["edge"]) == (
        "outlet",
        "Coastwatch",
        "republishes",
    )
    (ledger,) = coastwatch["sources"]
    assert [ledger[k] for k in ("kind", "label", "edge")] == ["outlet", "Harbour Ledger", "relays"]


def test_trace_of_a_claim_reaches_every_appearance_once(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    tree = json.loads(ok(relay, "trace", f"claim:{found['id']}", "--format", "json").stdout)
    assert tree["kind"] == "claim"

    def articles(node: dict[str, Any]) -> list[int]:
        own = [node["id"]] if node["kind"] == "article" else []
        return own + [a for child in node["sources"] for a in articles(child)]

    reached = articles(tree)
    assert len(reached) == len(set(reached))
    assert set(reached) >= {a["article_id"] for a in found["appearances"]}


def test_trace_as_graphviz(relay: str) -> None:
    ids = article_ids(relay)
    dot = ok(relay, "trace", ids["Küstenblick"], "--format", "dot").stdout
    assert dot.startswith("digraph provenance {") and dot.rstrip().endswith("}")
    assert f'a{ids["Küstenblick"]} -> a{ids["Coastwatch"]} [label="translates"' in dot
    assert f'a{ids["Coastwatch"]} -> a{ids["Harbour Ledger"]} [label="relays"' in dot
    assert dot.count("->") == 2


def test_trace_errors_are_one_line(db_url: str) -> None:
    fails(db_url, "trace", "999", message="no article")
    fails(db_url, "trace", "claim:999", message="no claim with id 999")


# --- verdicts -------------------------------------------------------------------------------------


def test_verdict_round_trip(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    claim_id = found["id"]
    ok(
        relay,
        "verdict",
        "add",
        claim_id,
        "--rating",
        "misleading",
        "--by",
        "Faktenfuchs",
        "--url",
        "https://faktenfuchs.example/veldhaven",
        "--date",
        "2031-03-08",
    )
    (verdict,) = history(relay, claim_id)["verdicts"]
    assert (verdict["rating"], verdict["reviewer"], verdict["date"]) == (
        "misleading",
        "Faktenfuchs",
        "2031-03-08",
    )
    listed = json.loads(ok(relay, "verdict", "list", claim_id, "--format", "json").stdout)
    assert [v["url"] for v in listed] == ["https://faktenfuchs.example/veldhaven"]
    assert next(r for r in claims(relay) if r["id"] == claim_id)["rating"] == "misleading"
    reviews = json.loads(ok(relay, "export", "--format", "claimreview", "--speaker", "Ilse Marten").stdout)
    reviews = reviews if isinstance(reviews, list) else [reviews]
    (review,) = [r for r in reviews if r.get("url") == "https://faktenfuchs.example/veldhaven"]
    assert review["reviewRating"]["alternateName"] == "misleading"
    assert review["author"]["name"] == "Faktenfuchs"
    assert review["datePublished"] == "2031-03-08"
    assert "We will not extend the lease" in json.dumps(review, ensure_ascii=False)
    ok(relay, "verdict", "remove", verdict["id"])
    assert history(relay, claim_id)["verdicts"] == []


def test_verdict_errors_are_one_line(db_url: str) -> None:
    fails(db_url, "verdict", "add", "999", "--rating", "false", message="no claim with id 999")
    bad_date = qt(db_url, "verdict", "add", "1", "--rating", "false", "--date", "2031-13-01")
    assert bad_date.exit_code == 2 and "--date: '2031-13-01' is not a date" in bad_date.stderr
    fails(db_url, "verdict", "remove", "999", message="no verdict with id 999")


def test_reextraction_keeps_claims_and_decisions(relay: str) -> None:
    found = claim_with(relay, "We will not extend the lease")
    first = found["appearances"][0]
    ok(relay, "claim", "link", found["id"], first["statement_id"])  # a person confirms it
    ok(relay, "reextract", "--all", "-q")
    again = history(relay, found["id"])
    assert {(a["article_id"], a["text"]) for a in again["appearances"]} == {
        (a["article_id"], a["text"]) for a in found["appearances"]
    }
    statuses = {a["article_id"]: a["link_status"] for a in again["appearances"]}
    assert statuses[first["article_id"]] == "confirmed"
    assert sorted(statuses.values()).count("suggested") == len(statuses) - 1


# --- memory ---------------------------------------------------------------------------------------


def test_grouping_holds_a_bounded_number_of_statements(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many statements are stored, grouping is handed at most CONTEXT_STATEMENTS at a time
    (a slice of days and the window around it, narrowed where days are crowded): its memory is
    flat in the size of the store. Statements of one day still meet."""
    from quotetrack.facts import claims as claims_module

    monkeypatch.setattr(claims_module, "CONTEXT_STATEMENTS", 12)
    monkeypatch.setattr(claims_module, "SLICE_CONTEXT", 8)
    seen: list[int] = []
    grouping = claims_module.group_statements

    def counting(records: Any, **options: Any) -> Any:
        records = list(records)
        seen.append(len(records))
        return grouping(records, **options)

    monkeypatch.setattr(claims_module, "group_statements", counting)
    articles = [
        {
            "id": f"crowded-{i}",
            "lang": "en",
            "outlet": f"Crowd Post {i % 2}",
            "published": f"2031-05-{i // 4 + 1:02d}",
            "text": f'Pier {i}\n\n"The pier number {i // 2 + 700} in Port Varnel reopens after the '
            f'repairs," harbour master Ida Brenner said.',
        }
        for i in range(40)
    ]
    ingest(db_url, articles)
    assert seen and max(seen) <= 12, seen
    assert len(claims(db_url, "--min-articles", "2")) == 20
