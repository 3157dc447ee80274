"""quotetrack serve in a real browser: Debian's Chromium, headless, driven by Playwright (the
system browser; Playwright downloads none), through search -> speaker -> article -> claim,
checking what a person sees and saving a screenshot of each page.

The screenshots go to $QUOTETRACK_SCREENSHOTS when set (the README's come from
``QUOTETRACK_SCREENSHOTS=docs/screenshots python -m pytest tests/serve/test_serve_browser.py``),
else to the test's temporary folder. Without Chromium the test is skipped, except in CI
(``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_db import start_server

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def server(orvel_sqlite: str) -> Iterator[str]:
    """``quotetrack serve`` on the Orvel database, read-only; its address."""
    process = start_server(orvel_sqlite)
    try:
        address = (process.stdout.readline() if process.stdout else "").strip()
        assert address.startswith("http://127.0.0.1:"), process.stderr.read() if process.stderr else ""
        yield address.rstrip("/")
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path / "profile"  # a fresh user data folder
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()


def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("QUOTETRACK_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_speaker_article_claim_in_chromium(server: str, browser_page, tmp_path: Path) -> None:
    page = browser_page
    shots = screenshots(tmp_path)
    foreign: list[str] = []
    problems: list[str] = []

    def only_local(route) -> None:  # the pages must fetch nothing from anywhere else
        if route.request.url.startswith(server):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    # search: typed into the labelled box, answered in place by htmx, the query in the address
    page.goto(server + "/")
    assert page.title() == "Search · quotetrack"
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('input, select')]"
        ".filter(e => e.type !== 'hidden' && e.labels.length === 0).map(e => e.name)"
    )
    assert unlabelled == []
    page.evaluate("window.stayed = true")
    box = page.get_by_label("Words said")
    box.fill("north line")
    box.press("Enter")
    page.wait_for_url(re.compile(r"\?search=north(\+|%20)line"))
    results = page.locator("#results li.statement")
    results.first.wait_for()
    assert page.evaluate("window.stayed === true"), "the results should replace part of the page, not all"
    assert results.count() >= 3
    assert page.locator("#results mark", has_text="north").count() >= 3
    first = results.first
    assert "Jonna Velde" in first.inner_text() and "spokeswoman" in first.inner_text()
    page.screenshot(path=str(shots / "search.png"), full_page=True)

    # speaker: followed from the result by keyboard
    link = first.get_by_role("link", name="Jonna Velde")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/speakers/\d+$"))
    assert page.locator("h1").inner_text() == "Jonna Velde"
    assert page.locator("svg.timeline rect").count() >= 4  # January to April
    assert page.get_by_role("cell", name="spokeswoman").count() >= 1
    assert page.locator("section", has_text="Claims").get_by_role("link").count() >= 1
    page.screenshot(path=str(shots / "speaker.png"), full_page=True)

    # article: the German translation, its statements marked in the text and listed below it
    page.locator("a.article", has_text="Seeblatt").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+#mark-\d+$"))
    assert page.locator("h1").inner_text() == "Orvel-Fähre stellt Nordlinie ein"
    marks = page.locator(".article-text mark")
    assert marks.count() >= 3
    assert "Jonna Velde" in (marks.first.get_attribute("title") or "") or marks.count() > 1
    assert page.locator("dd", has_text="taken from Lakeside Wire").count() == 1
    assert page.locator("svg.provenance").is_visible()
    page.screenshot(path=str(shots / "article.png"), full_page=True)

    # claim: appearances in date order, the wording compared, the provenance drawn
    quoted = page.locator(".statement-list li", has=page.locator(".type", has_text=re.compile(r"^direct$")))
    quoted.get_by_role("link", name=re.compile(r"^claim \d+$")).first.click()
    page.wait_for_url(re.compile(r"/claims/\d+$"))
    rows = page.locator("table.appearances tbody tr")
    assert rows.count() == 4
    dates = [rows.nth(i).locator("time").first.inner_text() for i in range(rows.count())]
    assert dates == sorted(dates)
    assert page.locator("table.appearances ins", has_text="very").count() == 1
    graph = page.locator("svg.provenance")
    assert graph.is_visible()
    assert graph.locator("g.node").count() >= 4 and graph.locator("g.edge.suggested").count() >= 1
    assert graph.locator("text", has_text="translates?").count() >= 1
    page.screenshot(path=str(shots / "claim.png"), full_page=True)

    # the keyboard reaches the page: the first Tab lands on the skip link
    page.keyboard.press("Home")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"

    # an article whose title and outlet hold HTML shows them as text
    page.goto(server + "/api/articles?outlet=Bay")
    courier = re.search(r'"id":(\d+)', page.inner_text("body"))
    assert courier
    page.goto(f"{server}/articles/{courier.group(1)}")
    assert page.locator("h1").inner_text() == "<script>alert('title')</script> North line ends"
    assert page.get_by_text("<b>Bay Courier</b>").count() >= 1

    assert foreign == []
    assert problems == []
    for name in ("search", "speaker", "article", "claim"):
        assert (shots / f"{name}.png").stat().st_size > 10_000
    print(f"screenshots in {shots}")
