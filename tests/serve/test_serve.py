"""The web view, in-process through Starlette's test client, on SQLite and PostgreSQL: the
pages show what the command line shows, the API gives the command line's JSON rows, bad input
is a 400 with the command line's message, text is escaped, writes need --allow-writes and the
form's token, and the server itself starts, serves readers while an ingest writes, and stops
on Ctrl-C."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from html import unescape

import httpx2 as httpx
import pytest
from cli_runner import invoke
from serve_db import ORVEL, cli_json, qt, start_server
from starlette.testclient import TestClient

from quotetrack.serve import create_app
from quotetrack.store import db


@pytest.fixture(scope="module")
def client(orvel: str) -> Iterator[TestClient]:
    engine = db.open_database(orvel)
    with TestClient(create_app(engine), follow_redirects=False) as test_client:
        yield test_client
    engine.dispose()


@pytest.fixture
def writer(orvel_sqlite: str) -> Iterator[tuple[TestClient, str]]:
    engine = db.open_database(orvel_sqlite)
    with TestClient(create_app(engine, allow_writes=True), follow_redirects=False) as test_client:
        yield test_client, orvel_sqlite
    engine.dispose()


def ids(url: str) -> dict[str, int]:
    """Speaker, article and claim ids by a name people know them by."""
    speakers = {row["name"]: row["id"] for row in cli_json(url, "speakers")}
    articles = {(row["url"] or "").split("/")[-1]: row["id"] for row in cli_json(url, "articles")}
    claims = {row["text"][:20]: row["id"] for row in cli_json(url, "claims")}
    return {
        "velde": speakers["Jonna Velde"],
        "north-line": articles["north-line"],  # the Orvel Post's, and the Bay Courier's
        "seeblatt": articles["orvel-nordlinie"],
        "claim": claims["The north line will "],
    }


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- pages ----------------------------------------------------------------------------------------


def test_search_lists_statements_with_their_speaker_article_and_claim(client, orvel):
    known = ids(orvel)
    page = client.get("/", params={"search": "north line", "speaker": "velde"})
    assert page.status_code == 200
    html = page.text
    assert html.count('class="statement ') == 3  # the Orvel Post's, Lakeside Wire's, the Bay Courier's
    assert f'href="/speakers/{known["velde"]}"' in html
    assert f'href="/claims/{known["claim"]}"' in html
    assert re.search(r'href="/articles/\d+#mark-\d+"', html)
    assert "<mark>north</mark> <mark>line</mark>" in html
    assert 'value="north line"' in html  # the query stays in the form


def test_the_front_page_without_a_query_shows_the_latest_statements(client):
    html = client.get("/").text
    assert "Latest statements" in html
    days = re.findall(r"<time>(\d{4}-\d\d-\d\d)</time>", html)
    assert days and days == sorted(days, reverse=True)


def test_a_filter_that_matches_nothing_says_so_as_the_command_line_does(client, orvel):
    html = client.get("/", params={"speaker": "Nobody Atall"}).text
    cli = invoke("--db", orvel, "quotes", "--speaker", "Nobody Atall")
    assert "No speaker matches 'Nobody Atall'; nothing to show." in cli.stderr
    assert "No speaker matches &#39;Nobody Atall&#39;; nothing to show." in html


def test_paging_keeps_the_query(client):
    first = client.get("/", params={"search": "line OR boat OR diesel OR crossing"})
    assert first.status_code == 200
    # fewer than a page here: no pager; page 2 is empty but well-formed
    second = client.get("/", params={"search": "line", "page": "2"})
    assert second.status_code == 200 and "No statement matches" in second.text


def test_blank_fields_of_a_form_are_dropped_from_the_address(client):
    response = client.get("/?search=ferry&speaker=&since=&type=")
    assert response.status_code == 303
    assert response.headers["location"] == "/?search=ferry"


def test_htmx_gets_only_the_results(client):
    page = client.get("/", params={"search": "diesel"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    assert page.text.lstrip().startswith('<section id="results"')
    assert "<html" not in page.text and "Diesel" in page.text


def test_speaker_page_shows_roles_timeline_outlets_and_claims(client, orvel):
    known = ids(orvel)
    html = client.get(f"/speakers/{known['velde']}").text
    profile = cli_json(orvel, "speaker", "Jonna Velde")
    assert f"<h1>{profile['name']}</h1>" in html
    for role in profile["roles"]:
        assert role in html
    for row in profile["outlets"]:
        assert f"{row['outlet']}</a>" in html.replace("&lt;", "<").replace("&gt;", ">")
    assert 'class="timeline"' in html
    bars = re.findall(r"<title>(2032-0\d): (\d+) statements", html)
    assert [month for month, _count in bars] == ["2032-01", "2032-02", "2032-03", "2032-04"]
    assert sum(int(count) for _month, count in bars) == profile["statements"]
    assert f'href="/claims/{known["claim"]}"' in html


def test_a_speaker_is_found_by_name_as_the_command_line_finds_them(client, orvel):
    response = client.get("/speakers/velde")
    assert response.status_code == 303
    assert response.headers["location"] == f"/speakers/{ids(orvel)['velde']}"
    assert client.get("/speakers/Nobody Atall").status_code == 404


def test_article_page_marks_each_statement_and_lists_it(client, orvel):
    article_id = ids(orvel)["seeblatt"]
    shown = cli_json(orvel, "show", article_id)
    html = client.get(f"/articles/{article_id}").text
    for number, statement in enumerate(sorted(shown["statements"], key=lambda s: (s["start"], s["end"])), 1):
        assert f'id="mark-{statement["id"]}"' in html
        assert f'href="#statement-{statement["id"]}">[{number}]</a>' in html
        assert f'id="statement-{statement["id"]}"' in html
    assert "Die Nordlinie wird am dreißigsten Juni" in html
    assert "taken from Lakeside Wire" in html  # via
    assert 'class="provenance"' in html and "translates?" in html


def test_claim_page_shows_appearances_in_order_wording_changes_and_the_graph(client, orvel):
    claim_id = ids(orvel)["claim"]
    history = cli_json(orvel, "claim", claim_id)
    html = client.get(f"/claims/{claim_id}").text
    rows = re.findall(r'<tr id="appearance-(\d+)">', html)
    assert [int(r) for r in rows] == [a["statement_id"] for a in history["appearances"]]
    dates = [a["published"] for a in history["appearances"]]
    assert dates == sorted(dates)
    assert "<ins>very</ins>" in html  # Lakeside Wire: "for the very last time"
    assert "earliest in de" in html  # the German translation is compared with no English text
    assert 'class="provenance"' in html
    assert 'stroke-dasharray="6 4"' in html and "relays?" in html  # suggested edges drawn apart
    assert "Seeblatt" in html and "&lt;b&gt;Bay Courier&lt;/b&gt;" in html


def test_lists_show_the_counts_of_the_command_line(client, orvel):
    outlets = text_of(client.get("/outlets").text)
    for row in cli_json(orvel, "outlets"):
        name = " ".join(filter(None, (row["name"], row["domain"])))
        assert f"{name} {row['articles']} {row['statements']} {row['speakers']} {row['relayed']}" in outlets
    speakers = text_of(client.get("/speakers").text)
    for row in cli_json(orvel, "speakers"):
        assert f"{row['name']}" in speakers
    claims = client.get("/claims").text
    for row in cli_json(orvel, "claims"):
        assert f'href="/claims/{row["id"]}"' in claims


def test_text_from_articles_and_names_is_escaped(client, orvel):
    article_id = ids(orvel)["north-line"]
    pages = [
        client.get(f"/articles/{article_id}").text,
        client.get(f"/speakers/{ids(orvel)['velde']}").text,
        client.get("/", params={"search": "commuters"}).text,
        client.get("/outlets").text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<b>Bay" not in html
    assert "&lt;script&gt;alert(&#39;alias&#39;)&lt;/script&gt;" in pages[1]  # the alias, as text
    scripts = re.findall(r"<script[^>]*>", "".join(pages))
    assert set(scripts) == {'<script src="/static/htmx.min.js" defer>'}


def test_bad_parameters_are_400_with_the_command_lines_message(client, orvel):
    cli = invoke("--db", orvel, "quotes", "--since", "2024-13-01")
    assert cli.exit_code == 2 and "'2024-13-01' is not a date; use YYYY-MM-DD" in cli.stderr
    for path in ("/", "/api/quotes"):
        response = client.get(path, params={"since": "2024-13-01"})
        assert response.status_code == 400
        assert (
            "Invalid value for &#39;since&#39;: &#39;2024-13-01&#39; is not a date; use YYYY-MM-DD"
            in (response.text)
            or response.json()["error"]
            == "Invalid value for 'since': '2024-13-01' is not a date; use YYYY-MM-DD"
        )
    cases = {
        "type=quoted": "'quoted' is not one of 'direct', 'indirect', 'mixed'",
        "limit=0": "0 is not in the range x>=1",
        "limit=many": "'many' is not a valid integer",
        'search="unclosed': 'unbalanced quotation mark in the search \'"unclosed\'; close the "phrase"',
        "colour=red": "No such parameter 'colour'",
        "since=2032-01-01&since=2032-02-01": "'since' is given 2 times",
    }
    for query, message in cases.items():
        response = client.get(f"/api/quotes?{query}")
        assert response.status_code == 400, query
        assert message in response.json()["error"], (query, response.json())
        page = client.get(f"/?{query}")
        assert page.status_code == 400 and "Traceback" not in page.text
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/api/claims/999999").json()["error"] == "no claim with id 999999"


def test_safety_headers_and_loopback_host(client):
    response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/static/htmx.min.js").status_code == 200


# --- the JSON API ---------------------------------------------------------------------------------


def test_the_api_gives_the_rows_of_the_command_line(client, orvel):
    known = ids(orvel)
    pairs = [
        (
            "/api/quotes?speaker=velde&since=2032-03-01",
            ("quotes", "--speaker", "velde", "--since", "2032-03-01"),
        ),
        (
            "/api/quotes?search=line&sort=-date&limit=3",
            ("quotes", "--search", "line", "--sort", "-date", "--limit", "3"),
        ),
        ("/api/speakers", ("speakers",)),
        ("/api/outlets", ("outlets",)),
        ("/api/articles?lang=de", ("articles", "--lang", "de")),
        ("/api/claims?min-articles=3", ("claims", "--min-articles", "3")),
        (f"/api/claims/{known['claim']}", ("claim", known["claim"])),
        (f"/api/articles/{known['seeblatt']}", ("show", known["seeblatt"])),
        (f"/api/trace/{known['seeblatt']}", ("trace", known["seeblatt"])),
        (f"/api/trace/claim:{known['claim']}", ("trace", f"claim:{known['claim']}")),
        (f"/api/speakers/{known['velde']}?recent=3", ("speaker", "Jonna Velde", "--recent", "3")),
        ("/api/who?text=north%20line%20last%20time", ("who", "north line last time")),
    ]
    for path, command in pairs:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["content-type"] == "application/json"
        assert response.json() == cli_json(orvel, *command), path
    dot = client.get(f"/api/trace/{known['seeblatt']}?format=dot")
    assert dot.text == qt(orvel, "trace", known["seeblatt"], "--format", "dot").stdout


def test_newest_first_among_many_matches_walks_the_date_index_to_the_same_rows(client, monkeypatch):
    from quotetrack.query import statements

    joined = client.get("/api/quotes?search=line OR the&sort=-date&offset=1").json()
    monkeypatch.setattr(statements, "COMMON_MATCHES", 1)  # every search counts as common
    walked = client.get("/api/quotes?search=line OR the&sort=-date&offset=1").json()
    assert len(joined) > 3 and walked == joined


def test_the_openapi_document_describes_every_endpoint(client, orvel):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert {
        "/api/quotes",
        "/api/speakers",
        "/api/articles/{article_id}",
        "/api/claims",
        "/api/claims/{claim_id}",
        "/api/trace/{target}",
    } <= set(paths)
    quotes = paths["/api/quotes"]["get"]
    names = {param["name"] for param in quotes["parameters"]}
    assert {
        "speaker",
        "role",
        "organization",
        "outlet",
        "source",
        "since",
        "until",
        "type",
        "lang",
        "article",
        "search",
        "sort",
        "limit",
        "offset",
    } == names
    statement = document["components"]["schemas"]["Statement"]["properties"]
    row = client.get("/api/quotes?limit=1").json()[0]
    assert set(statement) == set(row)
    assert statement["said_on"] == {"type": ["string", "null"], "format": "date"}
    for path, item in paths.items():  # every documented address answers
        concrete = (
            path.replace("{article_id}", str(ids(orvel)["seeblatt"]))
            .replace("{claim_id}", str(ids(orvel)["claim"]))
            .replace("{target}", str(ids(orvel)["seeblatt"]))
            .replace("{ref}", str(ids(orvel)["velde"]))
        )
        concrete += "?text=ferry" if path == "/api/who" else ""
        assert client.get(concrete).status_code == 200, path
        assert item["get"]["responses"]["400"]
    assert "/api/quotes" in client.get("/api").text
    assert client.get("/api/who").json()["error"].startswith("Missing parameter 'text'")


# --- writes ---------------------------------------------------------------------------------------


def test_read_only_unless_writes_are_allowed(client, orvel):
    claim_id = ids(orvel)["claim"]
    before = cli_json(orvel, "claim", claim_id)
    response = client.post(f"/claims/{claim_id}/verdicts", data={"rating": "false"})
    assert response.status_code in (404, 405)
    review = client.get("/review")
    assert review.status_code == 403 and "--allow-writes" in review.text
    assert '<form method="post"' not in client.get(f"/claims/{claim_id}").text
    assert cli_json(orvel, "claim", claim_id) == before


def _token(test_client: TestClient, path: str) -> str:
    html = test_client.get(path).text
    match = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert match, "the page has no form token"
    return match.group(1)


def test_a_write_without_the_forms_token_changes_nothing(writer):
    test_client, url = writer
    claim_id = ids(url)["claim"]
    token = _token(test_client, f"/claims/{claim_id}")
    assert test_client.post(f"/claims/{claim_id}/verdicts", data={"rating": "false"}).status_code == 403
    forged = test_client.post(
        f"/claims/{claim_id}/verdicts",
        data={"rating": "false", "csrf": token},
        headers={"origin": "http://attacker.example"},
    )
    assert forged.status_code == 403
    other = TestClient(test_client.app, follow_redirects=False)  # another browser: no cookie
    assert (
        other.post(f"/claims/{claim_id}/verdicts", data={"rating": "false", "csrf": token}).status_code == 403
    )
    assert cli_json(url, "claim", claim_id)["verdicts"] == []


def test_verdicts_are_added_and_removed_through_the_form(writer):
    test_client, url = writer
    claim_id = ids(url)["claim"]
    token = _token(test_client, f"/claims/{claim_id}")
    bad = test_client.post(
        f"/claims/{claim_id}/verdicts", data={"rating": "false", "date": "8 March", "csrf": token}
    )
    assert bad.status_code == 400 and "is not a date; use YYYY-MM-DD" in bad.text
    added = test_client.post(
        f"/claims/{claim_id}/verdicts",
        data={
            "rating": "misleading",
            "by": "Faktenfuchs",
            "date": "2032-03-20",
            "url": "https://check.example/1",
            "csrf": token,
        },
        headers={"referer": f"http://testserver/claims/{claim_id}"},
    )
    assert added.status_code == 303 and added.headers["location"] == f"/claims/{claim_id}"
    (verdict,) = cli_json(url, "verdict", "list", claim_id)
    assert (verdict["rating"], verdict["reviewer"], verdict["date"]) == (
        "misleading",
        "Faktenfuchs",
        "2032-03-20",
    )
    page = test_client.get(f"/claims/{claim_id}").text
    assert f"Verdict {verdict['id']} on claim {claim_id}: misleading." in page  # the flash line
    removed = test_client.post(
        f"/verdicts/{verdict['id']}/remove", data={"csrf": token}, headers={"HX-Request": "true"}
    )
    assert removed.status_code == 200 and f"Removed verdict {verdict['id']}." in removed.text
    assert cli_json(url, "verdict", "list", claim_id) == []


def test_claim_memberships_are_confirmed_and_removed_as_claim_link_and_unlink_do(writer):
    test_client, url = writer
    claim_id = ids(url)["claim"]
    token = _token(test_client, "/review")
    appearances = cli_json(url, "claim", claim_id)["appearances"]
    first, last = appearances[0]["statement_id"], appearances[-1]["statement_id"]
    assert f"/claims/{claim_id}/statements/{first}/confirm" in test_client.get("/review").text
    confirmed = test_client.post(f"/claims/{claim_id}/statements/{first}/confirm", data={"csrf": token})
    assert confirmed.status_code == 303
    unlinked = test_client.post(f"/claims/{claim_id}/statements/{last}/unlink", data={"csrf": token})
    assert unlinked.status_code == 303
    after = {a["statement_id"]: a for a in cli_json(url, "claim", claim_id)["appearances"]}
    assert after[first]["link_status"] == "confirmed"
    assert last not in after
    again = test_client.post(f"/claims/{claim_id}/statements/{last}/unlink", data={"csrf": token})
    assert again.status_code == 409 and f"statement {last} is not part of claim {claim_id}" in again.text


def test_a_duplicate_is_merged_from_review_and_the_merge_undone(writer):
    test_client, url = writer
    before = cli_json(url, "speakers")
    merges_before = cli_json(url, "unmerge", "--list")
    (suggestion,) = cli_json(url, "dedupe", "--no-refresh")
    token = _token(test_client, "/review")
    assert suggestion["subject"] in test_client.get("/review").text
    merged = test_client.post(
        f"/review/suggestions/{suggestion['id']}/accept", data={"csrf": token}, headers={"HX-Request": "true"}
    )
    assert merged.status_code == 200
    merge_id = int(re.search(r"\(merge (\d+)\)", merged.text).group(1))
    assert f'action="/review/merges/{merge_id}/undo"' in merged.text  # undo offered at once
    (merge,) = [row for row in cli_json(url, "unmerge", "--list") if row not in merges_before]
    assert (merge["id"], merge["merged"], merge["kept"]) == (
        merge_id,
        suggestion["subject"],
        suggestion["candidate"],
    )
    undone = test_client.post(f"/review/merges/{merge_id}/undo", data={"csrf": token})
    assert undone.status_code == 303
    assert cli_json(url, "speakers") == before
    assert (
        test_client.post(f"/review/suggestions/{suggestion['id']}/reject", data={"csrf": token}).status_code
        == 303
    )
    assert cli_json(url, "dedupe", "--no-refresh") == []


def test_lists_kept_between_requests_follow_a_merge_made_elsewhere(writer):
    test_client, url = writer
    assert "Piet Anker" in test_client.get("/speakers").text
    assert test_client.get("/api/speakers").json() == cli_json(url, "speakers")
    qt(url, "merge", "Jonna Velde", "Piet Anker")  # another process writes
    assert "Piet Anker" not in test_client.get("/speakers").text
    assert test_client.get("/api/speakers").json() == cli_json(url, "speakers")
    speaker = test_client.get(f"/speakers/{ids(url)['velde']}").text
    assert "Mayor" in speaker  # Piet Anker's role is now Jonna Velde's
    qt(url, "unmerge", "--speaker", "Piet Anker")
    assert "Piet Anker" in test_client.get("/speakers").text
    assert "Mayor" not in test_client.get(f"/speakers/{ids(url)['velde']}").text


# --- the server -----------------------------------------------------------------------------------


def test_other_commands_do_not_load_the_web_packages():
    code = (
        "import sys; from quotetrack.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "web = {'starlette', 'jinja2', 'uvicorn'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & web), 'quotetrack.serve' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[] False"), done.stdout


def test_the_server_prints_its_address_serves_readers_during_an_ingest_and_stops_on_ctrl_c(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    qt(url, "ingest", "-q", ORVEL)
    server = start_server(url)
    try:
        address = server.stdout.readline().strip() if server.stdout else ""
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address), address
        more = tmp_path / "more.jsonl"
        more.write_text(
            "".join(
                json.dumps(
                    {
                        **row,
                        "id": f"{row['id']}-{n}",
                        "url": f"{row['url']}-{n}",
                        "text": row["text"] + f" ({n})",
                    }
                )
                + "\n"
                for n in range(12)
                for row in map(json.loads, ORVEL.read_text(encoding="utf-8").splitlines())
            ),
            encoding="utf-8",
        )
        writer = subprocess.Popen(
            [sys.executable, "-m", "quotetrack", "--db", url, "ingest", "-q", str(more)]
        )
        statuses: list[int] = []

        def read() -> None:
            with httpx.Client(base_url=address, timeout=30) as http:
                while writer.poll() is None and len(statuses) < 400:
                    for path in ("/", "/api/quotes?search=line", "/speakers", "/claims", "/api/speakers"):
                        statuses.append(http.get(path).status_code)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for thread in readers:
            thread.start()
        assert writer.wait(timeout=300) == 0
        for thread in readers:
            thread.join(timeout=60)
        assert statuses and set(statuses) == {200}
        assert len(httpx.get(address + "api/articles?limit=1000").json()) == 8 * 13
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
        assert "Stopped." in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()


def test_a_port_in_use_is_one_clear_error(tmp_path):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        result = invoke("--db", f"sqlite:///{tmp_path / 'x.db'}", "serve", "--port", port)
        assert result.exit_code == 1
        assert f"Error: cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    finally:
        taken.close()
