"""Web pages read as their readers see them: headline, dates, authors, outlet and text."""

from __future__ import annotations

import json
from datetime import date
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrack.errors import InputError
from quotetrack.inputs.bylines import ORGANIZATION, PERSON
from quotetrack.inputs.webpage import read_html

LD_KEYS = ("@type", "@graph", "headline", "datePublished", "dateModified", "author", "publisher", "name")
LD_KEYS += ("articleBody", "url", "mainEntity", "givenName", "familyName")
META_NAMES = ("author", "article:published_time", "article:modified_time", "og:site_name", "og:title", "date")
META_NAMES += ("og:url", "dc.creator", "last-modified")
BODY = (
    "<p>Die Fähre nach Möwenwerder soll nach dem Sturmschaden am Anleger ab Juni wieder fahren. "
    "Das kündigte die Reederei am Dienstag in Nordheide an.</p>"
    "<p>„Wir sind zuversichtlich, dass der neue Anleger rechtzeitig zur Saison fertig wird“, sagte "
    "Reedereichefin Jana Wittkamp. Die Bauarbeiten hätten sich wegen des Wetters verzögert.</p>"
    "<p>Kapitän Ole Brandhorst erklärte, die Mannschaft sei bereit. Bis dahin fahren Busse über den "
    "Damm, wie die Gemeinde mitteilte.</p>"
)


def page(*, head: str = "", body: str = BODY, before: str = "", after: str = "", lang: str = "de") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        f"<header><nav><a href='/'>Startseite</a></nav></header>"
        f"<main><article>{before}<div class='article-body'>{body}</div>{after}</article></main>"
        "<footer><p>© Nordheider Rundschau</p></footer></body></html>"
    )


def ld(**fields: object) -> str:
    data = json.dumps({"@context": "https://schema.org", **fields})
    return f'<script type="application/ld+json">{data}</script>'


def authors(article) -> list[tuple[str, str]]:
    return [(a.kind, a.name) for a in article.authors]


def test_json_ld_gives_persons_dates_and_headline_without_the_site_name():
    html = page(
        head=(
            "<title>Fähre fährt ab Juni wieder | Lokales | Nordheider Rundschau</title>"
            '<meta property="og:site_name" content="Nordheider Rundschau">'
            '<meta name="author" content="Nordheider Rundschau GmbH, Nordheide, Germany">'
            '<link rel="canonical" href="https://www.nordheider-rundschau.example/lokales/faehre">'
            + ld(
                **{"@type": "NewsArticle"},
                headline="Fähre fährt ab Juni wieder",
                datePublished="2024-03-05T23:30:00+01:00",
                dateModified="2024-03-07T08:00:00+01:00",
                author=[
                    {"@type": "Person", "name": "Lotte Brenner"},
                    {"@type": "Person", "name": "Ole Sievers"},
                ],
                publisher={"@type": "Organization", "name": "Nordheider Rundschau"},
            )
        ),
        before="<h1>Fähre fährt ab Juni wieder</h1>",
    )
    article = read_html(html, "faehre.html")
    assert article.title == "Fähre fährt ab Juni wieder"
    assert (article.published, article.modified) == (date(2024, 3, 5), date(2024, 3, 7))  # as written
    assert authors(article) == [(PERSON, "Lotte Brenner"), (PERSON, "Ole Sievers")]
    assert article.byline == "Lotte Brenner, Ole Sievers"
    assert article.outlet == "Nordheider Rundschau"


def test_an_organisation_in_the_metadata_gives_way_to_the_visible_byline_not_to_a_teaser():
    html = page(
        head=(
            "<title>Fähre fährt ab Juni wieder - Nordheider Rundschau</title>"
            '<meta name="author" content="NORDHEIDER RUNDSCHAU ONLINE, Nordheide, Germany">'
            + ld(
                **{"@type": "NewsArticle"},
                headline="Fähre fährt ab Juni wieder",
                author={"@type": "Organization", "name": "NORDHEIDER RUNDSCHAU ONLINE"},
            )
        ),
        before=(
            "<aside class='sidebar'><div class='teaser'><h3>Neue Brücke</h3>"
            "<div class='author-name'>Von Tim Stahl</div></div></aside>"
            "<h1>Fähre fährt ab Juni wieder</h1>"
        ),
        after="<div class='article-authors'>Von Lena Ott, Nordheide</div>",
    )
    article = read_html(html, "faehre.html", url="https://nordheider-rundschau.example/a/1")
    assert authors(article) == [(PERSON, "Lena Ott")]


def test_an_agency_byline_is_an_organisation_and_no_person():
    html = page(
        head=ld(
            **{"@type": "NewsArticle"},
            headline="Fähre fährt ab Juni wieder",
            author={"@type": "Organization", "name": "dpa"},
        ),
        before="<h1>Fähre fährt ab Juni wieder</h1>"
        "<div class='teaser'><span class='author'>Von Tim Stahl</span></div>",
    )
    article = read_html(html, "faehre.html", url="https://nordheider-rundschau.example/a/1")
    assert authors(article) == [(ORGANIZATION, "dpa")]


def test_labelled_fields_give_the_author_and_the_date_and_a_modified_date_never_wins():
    html = page(
        head=(
            "<title>Fähre fährt ab Juni wieder | Lokales | NR | 05.03.2013</title>"
            '<meta property="og:site_name" content="NR.EXAMPLE">'
            '<meta name="author" content="Nordheider Rundschau (www.nr.example)">'
            '<meta property="article:modified_time" content="2019-08-01T10:00:00Z">'
        ),
        before="<h1>Fähre fährt ab Juni wieder</h1>",
        after=(
            "<ul class='smallList'><li><strong>Date</strong> 05.03.2013</li>"
            "<li><strong>Author</strong> Ben Kraft</li></ul>"
            "<div class='more'><h2>Sommerfahrplan <span class='date'>01.08.2019</span></h2></div>"
        ),
    )
    article = read_html(html, "faehre.html", url="https://www.nr.example/a-16863843")
    assert article.published == date(2013, 3, 5)
    assert article.modified == date(2019, 8, 1)
    assert authors(article) == [(PERSON, "Ben Kraft")]
    assert article.title == "Fähre fährt ab Juni wieder"
    assert article.outlet == "NR"


def test_the_published_date_is_the_earliest_of_the_article_markers_not_the_update():
    html = page(
        head=(
            '<meta property="article:published_time" content="2017-04-12T18:33:59+02:00">'
            '<meta property="article:modified_time" content="2020-02-19T15:24:33+01:00">'
            '<meta itemprop="datePublished" content="2020-02-19">'
        ),
        before="<h1>Fähre fährt ab Juni wieder</h1><p class='date'>Le 19 février 2020</p>",
    )
    article = read_html(html, "faehre.html", url="https://nr.example/a")
    assert (article.published, article.modified) == (date(2017, 4, 12), date(2020, 2, 19))


def test_a_time_element_is_the_date_line_when_no_marker_says_when():
    html = page(
        head='<meta name="last-modified" content="2019-05-17T13:38:23+02:00">',
        before=(
            "<h1>Fähre fährt ab Juni wieder</h1>"
            "<time datetime='2019-05-15 05:28:29' class='timeformat'>15. Mai 2019, 05:28 Uhr</time>"
        ),
    )
    article = read_html(html, "faehre.html", url="https://nr.example/a")
    assert article.published == date(2019, 5, 15)


def test_the_headline_is_the_h1_when_the_title_is_only_the_site_name():
    html = page(
        head='<title>NRX</title><meta property="og:site_name" content="NRX">',
        before="<h1>NRX</h1><h1>Fähre nach Möwenwerder fährt ab Juni wieder</h1>",
    )
    article = read_html(html, "faehre.html", url="https://nrx.example/a")
    assert article.title == "Fähre nach Möwenwerder fährt ab Juni wieder"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Fähre fährt wieder » Inselblog", "Fähre fährt wieder"),
        ("Inselblog | Fähre fährt wieder", "Fähre fährt wieder"),
        ("Fähre fährt wieder - Lokales - Inselblog", "Fähre fährt wieder"),
        (
            "Fähre fährt wieder: Was Pendler wissen müssen | Inselblog",
            "Fähre fährt wieder: Was Pendler wissen müssen",
        ),
    ],
)
def test_site_names_come_off_the_title(title, expected):
    html = page(head=f"<title>{title}</title><meta property='og:site_name' content='Inselblog'>")
    article = read_html(html, "faehre.html", url="https://inselblog.example/faehre")
    assert article.title == expected


@pytest.mark.parametrize(
    ("url", "head", "outlet"),
    [
        ("https://www.dw.com/en/a-1", '<meta property="og:site_name" content="DW.COM">', "DW"),
        (
            "https://www.wattblick.example/a",
            '<meta property="og:site_name" content="News zu Watt | WATTBLICK.example">',
            "WATTBLICK",
        ),
        (
            "https://www.wattblick.example/a",
            '<meta property="og:site_name" content="U.S.">'
            + ld(
                **{"@type": "NewsArticle"},
                headline="x",
                publisher={"@type": "Organization", "name": "Wattblick"},
            ),
            "Wattblick",
        ),
        (
            "https://wattblick.example/a",
            '<meta property="og:site_name" content="Wattblick Verlags- und Vertriebs GmbH">',
            "Wattblick",
        ),
        ("https://wattblick.example/a", "", "wattblick.example"),
    ],
)
def test_the_outlet_is_named_as_readers_name_it(url, head, outlet):
    article = read_html(page(head=head), "faehre.html", url=url)
    assert article.outlet == outlet


def test_json_ld_article_body_stands_in_for_a_text_that_is_only_a_caption():
    body_text = " ".join(
        f"Absatz {n}: Die Fähre nach Möwenwerder fährt ab Juni wieder, sagte Jana Wittkamp."
        for n in range(12)
    )
    html = page(
        head=ld(**{"@type": "OpinionNewsArticle"}, headline="Fähre", articleBody=body_text),
        body="<figure><figcaption>Die Fähre im Hafen von Nordheide, aufgenommen im Winter."
        "</figcaption></figure><p>Die Fähre im Hafen von Nordheide. Foto: Archiv der Reederei "
        "Wittkamp und Söhne, Nordheide.</p>",
    )
    article = read_html(html, "faehre.html", url="https://nr.example/a")
    assert "Absatz 11: Die Fähre" in article.text


def test_a_line_break_inside_a_paragraph_is_a_space_and_two_start_a_new_paragraph():
    body = (
        "<p>„Wir sind zuversichtlich, dass der neue Anleger<br>rechtzeitig fertig wird“, sagte Jana "
        "Wittkamp am Dienstag in Nordheide vor Journalisten.<br><br>Kapitän Ole Brandhorst erklärte, "
        "die Mannschaft sei bereit für die Saison und die ersten Fahrten.</p>" + BODY
    )
    article = read_html(page(body=body), "faehre.html", url="https://nr.example/a")
    assert "„Wir sind zuversichtlich, dass der neue Anleger rechtzeitig fertig wird“" in article.text
    assert "vor Journalisten.\n\nKapitän Ole Brandhorst" in article.text


def test_lists_of_links_and_gallery_headings_are_left_out_of_the_text():
    body = BODY + (
        "<ul><li>KURZ ERKLÄRT: <a href='/a'>Wie die Fähre fährt</a></li>"
        "<li>KARTE: <a href='/b'>Alle Anleger im Überblick</a></li>"
        "<li>VIDEO: <a href='/c'>Die Fähre im Sturm</a></li></ul>"
        "<div class='gallery'><h2>Nordheide in Bildern</h2>Alle 50 zeigen</div>"
        "<p>Die Gemeinde will die Busse bis zum Ende der Bauarbeiten weiter fahren lassen, hieß es.</p>"
    )
    article = read_html(page(body=body), "faehre.html", url="https://nr.example/a")
    for furniture in ("Wie die Fähre fährt", "Alle Anleger", "in Bildern"):
        assert furniture not in article.text, furniture
    assert "hieß es." in article.text


def test_the_date_line_is_the_time_nearest_the_headline_in_its_article():
    html = page(
        before=(
            "<div class='ticker'><time datetime='2024-06-01'>1. Juni</time></div>"
            "<h1>Fähre fährt ab Juni wieder</h1><time datetime='2024-03-05T09:00'>5. März 2024</time>"
        ),
        after="<section><time datetime='2024-02-01'>Archiv</time></section>",
    )
    article = read_html(html, "faehre.html", url="https://nr.example/a")
    assert article.published == date(2024, 3, 5)


BLOG = """<!DOCTYPE html><html lang="de-DE"><head><meta charset="utf-8">
<title>Die Fähre fährt wieder &raquo; Inselblog</title>
<meta property="og:site_name" content="Inselblog">
<link rel="canonical" href="https://www.inselblog.example/2019/03/faehre/"></head>
<body class="single no-sidebar"><header id="masthead"><p class="site-title"><a href="/">Inselblog</a></p>
<nav class="main-navigation"><a href="/">Start</a></nav></header>
<main id="main"><article class="post"><header class="entry-header">
<h1 class="entry-title">Die Fähre fährt wieder</h1>
<div class="entry-meta"><span class="posted-on">Veröffentlicht am <a href="/x">
<time class="entry-date published" datetime="2019-03-01T10:00:00+00:00">1. März 2019</time>
<time class="updated" datetime="2019-03-05T09:00:00+00:00">5. März 2019</time></a></span>
<span class="byline"> von <span class="author vcard"><a href="/author/mm/">Lasse Brink</a></span></span></div>
</header><div class="entry-content">{body}</div></article>
<div id="comments" class="comments-area"><ol class="comment-list"><li class="comment">
<div class="comment-author"><b>Erika Muster</b> sagt:</div>
<time datetime="2019-03-02T08:00:00+00:00">2. März 2019</time><p>Toll!</p></li></ol></div>
</main><aside class="widget-area"><h2>Neueste Beiträge</h2><ul><li><a href="/y">Der Deich</a>
<time datetime="2019-02-01">1. Februar 2019</time></li></ul></aside></body></html>"""


def test_a_blog_post_gives_its_headline_dates_author_and_name():
    article = read_html(BLOG.format(body=BODY), "blog.html")
    assert article.title == "Die Fähre fährt wieder"
    assert (article.published, article.modified) == (date(2019, 3, 1), date(2019, 3, 5))
    assert authors(article) == [(PERSON, "Lasse Brink")]
    assert article.outlet == "Inselblog"
    assert "Toll!" not in article.text and "Der Deich" not in article.text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(LD_KEYS), inner, max_size=4),
    max_leaves=8,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ld_object=st.dictionaries(st.sampled_from(LD_KEYS), JSON_VALUES, max_size=8),
    metas=st.lists(st.tuples(st.sampled_from(META_NAMES), st.text(max_size=40)), max_size=6),
    title=st.text(max_size=40),
    url=st.none() | st.sampled_from(["https://nr.example/2020/01/02/a", "http://[x]/", "javascript:0", "nr"]),
)
def test_any_metadata_gives_an_article_or_an_input_error(ld_object, metas, title, url):
    head = "".join(f'<meta property="{name}" content="{escape(value)}">' for name, value in metas)
    head += f"<title>{escape(title)}</title>"
    head += f'<script type="application/ld+json">{escape(json.dumps(ld_object), quote=False)}</script>'
    try:
        article = read_html(page(head=head, before=f"<h1>{escape(title)}</h1>"), "any.html", url=url)
    except InputError:
        return
    assert article.text.strip()
