"""The engine never raises and keeps its invariants, whatever text it is given.

Invariants of every statement: ``article[start:end] == text``, ``0 <= start <= end <=
len(article)``, a known type, a confidence in [0, 1].
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotetrack.extract import extract, extract_text
from quotetrack.inputs.article import Article

TYPES = {"direct", "indirect", "mixed"}
MARKS = "„“”\"'‘’‚»«›‹"
PUBLISHED = date(2023, 5, 10)


def check(text: str, lang: str | None = None, published: date | None = None):
    result = extract_text(text, lang=lang, published=published)
    for s in result.statements:
        assert 0 <= s.start <= s.end <= len(text), s
        assert text[s.start : s.end] == s.text, s
        assert s.type in TYPES, s
        assert 0.0 <= s.confidence <= 1.0, s
    return result


# --- generated text ---------------------------------------------------------------------------

SPECIAL = st.sampled_from([*MARKS, *"\n\r\t .,:;!?…–—-()[]", "\u2028", "\u2029", "\x85", "\ufeff", "\u200b"])
C0 = st.characters(min_codepoint=0, max_codepoint=0x1F)
CONTROL = C0 | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
COMBINING = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)
ANY_CHAR = st.characters(exclude_categories=("Cs",))
ALPHABET = st.one_of(SPECIAL, CONTROL, CJK, COMBINING, ANY_CHAR, st.sampled_from("aeinrstAEINRSTäöüß"))
LANGS = st.sampled_from([None, "de", "en"])
PUBLISHED_DATES = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))

# Pieces of news text, so that generated articles reach the cue, speaker and date stages.
WORDS = (
    "sagte|sagt|fügte|hinzu|teilte|mit|gab|an|laut|zufolge|nach Angaben von|wie|berichtete|so|dass|sei|"
    "seien|habe|hieß es|nannte|sprach von|Das sagte|der|die|dem|des|Sprecherin|Ministerin|"
    "Innenministerium|Zeitung|Bericht|sie|er|am Mittwoch|gestern|am 3. Mai|(dpa)|Quelle:|Berlin (dpa) -|"
    "said|told|added|according to|reported|that|in a statement|called|the|spokeswoman|Ministry|report|"
    "she|he|on Friday|on May 3|Source:|BERLIN (AP) —|Reuters|Rheinischen Post|Newsletter|abonnieren|"
    "(CDU)|Jana|Roth|Paul|Anders|Mao|Ning|Dana|Whitfield|Jr.|Dr.|U.S.|Wir|liegen|im|Plan|We|are|on|"
    "schedule|Lage|ernst|3.|10.05.2023"
)
PIECES = [*MARKS, *",.:;?!()—-", "\n", "\n\n", " ", *WORDS.split("|")]
NEWSLIKE = st.lists(st.sampled_from(PIECES), max_size=120).map(" ".join) | st.lists(
    st.sampled_from(PIECES), max_size=120
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=600), LANGS, PUBLISHED_DATES)
@example("", None, None)
@example("„", "de", None)
@example('"”„', "en", None)
def test_any_text_never_raises_and_keeps_invariants(text, lang, published):
    check(text, lang, published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSLIKE, LANGS, PUBLISHED_DATES)
def test_newslike_text_never_raises_and_keeps_invariants(text, lang, published):
    check(text, lang, published)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NEWSLIKE | st.text(alphabet=ALPHABET, max_size=80), max_size=6).map("\n\n".join), LANGS)
def test_paragraphs_of_mixed_text(text, lang):
    check(text, lang, PUBLISHED)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300), LANGS, PUBLISHED_DATES, st.text(max_size=20) | st.none())
def test_extract_article_with_metadata(text, lang, published, via):
    result = extract(Article(text=text, lang=lang, published=published, via=via))
    for s in result.statements:
        assert text[s.start : s.end] == s.text


# --- explicit cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", [None, "de", "en"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" ", id="space"),
        pytest.param(" \n\n\t\r\n \u00a0\u2003\u3000 ", id="only-whitespace"),
        pytest.param("\n" * 500, id="only-newlines"),
    ],
)
def test_empty_and_whitespace_give_nothing(text, lang):
    result = check(text, lang)
    assert result.statements == []


@pytest.mark.parametrize("lang", [None, "de", "en"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("„", id="lone-opening"),
        pytest.param("“", id="lone-closing"),
        pytest.param("„Wir liegen im Plan, sagte Roth.", id="opening-never-closed"),
        pytest.param(
            "„Wir liegen im Plan, sagte Roth.\n\nDie Brücke ist gesperrt.", id="open-then-paragraph"
        ),
        pytest.param('"”„' * 50, id="mark-soup"),
        pytest.param("„“" * 200 + "sagte Roth", id="empty-pairs"),
        pytest.param("„„„„„Wir“, sagte Roth.", id="many-openers"),
        pytest.param("Wir“ liegen“ im“ Plan“, sagte Roth.", id="many-closers"),
        pytest.param("'''''' said Roth '''", id="apostrophes"),
        pytest.param("»«»«»« «»«» »»» «««", id="guillemet-soup"),
        pytest.param("‚„‘“‚„‘“", id="crossed-nesting"),
        pytest.param('"' + "x" * 20000, id="open-long-run"),
        pytest.param(("„Wir " + "sehr " * 2000 + "\n\n") * 3, id="open-over-paragraphs"),
    ],
)
def test_unbalanced_marks(text, lang):
    check(text, lang, PUBLISHED)


@pytest.mark.parametrize("lang", [None, "de", "en"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("„Wir\x00liegen im Plan“, sagte\x07 Roth.\x1b[31m", id="c0-controls"),
        pytest.param('"We are\x85on schedule,"\x9b said Roth.', id="c1-controls"),
        pytest.param("Roth sagte,\u2028die Lage sei\u2029ernst.", id="unicode-line-separators"),
        pytest.param(
            "\ufeff„Wir liegen im Plan“, sagte Roth.\r\n\r\nEr sagte, es sei ernst.", id="bom-and-crlf"
        ),
        pytest.param("Ro\u200bth sa\u200dgte, die La\u00adge sei ernst.", id="zero-width-and-soft-hyphen"),
    ],
)
def test_control_characters(text, lang):
    check(text, lang, PUBLISHED)


@pytest.mark.parametrize("lang", [None, "de", "en"])
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("„这是一个测试“, sagte Li Wei. 他说：“我们按计划进行。”", id="german-chinese"),
        pytest.param('«Мы идём по плану», — сказал Иванов. "We agree," said Roth.', id="cyrillic-english"),
        pytest.param(
            '„Wir liegen im Plan“, sagte Ro\u0308th. "Cafe\u0301s close," said Jose\u0301.', id="combining"
        ),
        pytest.param('"نحن على المسار الصحيح", said Roth. ‏„שלום“, sagte Roth.', id="right-to-left"),
        pytest.param("„👍🏽 Wir liegen im Plan 🚆“, sagte 🧑‍💼 Roth.", id="emoji"),
        pytest.param("ＲＯＴＨ ＳＡＧＴＥ，　„ｗｉｒ“。", id="fullwidth"),
        pytest.param("„𝔚𝔦𝔯 𝔩𝔦𝔢𝔤𝔢𝔫“, sagte 𝔕𝔬𝔱𝔥.", id="astral-letters"),
    ],
)
def test_mixed_scripts(text, lang):
    check(text, lang, PUBLISHED)


# --- a 5 MB article without punctuation -------------------------------------------------------

BIG_TIMEOUT = 300  # seconds: generous, for a loaded machine; this is no timing test

CHILD = textwrap.dedent(
    """
    import json, random, sys, time
    from datetime import date
    from quotetrack.extract import extract_text
    kind, lang = sys.argv[1], (sys.argv[2] or None)
    size = 5_000_000
    if kind == "one-word":
        text = "a" * size
    else:
        words = {
            "plain-words": "haus baum wald laufen gehen und der die lorem ipsum".split(),
            "news-words": "Roth sagte Ministerin die Lage sei ernst laut said Jana".split(),
        }[kind]
        rng = random.Random(7)
        parts, length = [], -1  # length: of " ".join(parts)
        while length < size:
            w = rng.choice(words)
            parts.append(w)
            length += len(w) + 1
        text = " ".join(parts)[:size]
    assert len(text) == size, len(text)
    started = time.monotonic()
    result = extract_text(text, lang=lang, published=date(2023, 5, 10))
    elapsed = time.monotonic() - started
    for s in result.statements:
        assert text[s.start:s.end] == s.text
    print(json.dumps({"chars": len(text), "seconds": elapsed, "statements": len(result.statements)}))
    """
)


def _run_big(kind: str, lang: str | None) -> dict:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, kind, lang or ""],
            capture_output=True,
            text=True,
            timeout=BIG_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        done = None
    if done is None:
        pytest.fail(f"5 MB {kind} article (lang={lang}) did not finish within {BIG_TIMEOUT} s", pytrace=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


# Seconds in extract_text measured here: one-word under 1, plain-words about 2, news-words (cue
# verbs and names, no punctuation) about 7 (de) and 4 (en); the process as a whole takes a few
# seconds more. The word lists are marked slow (deselect with -m "not slow").
@pytest.mark.parametrize(
    ("kind", "lang"),
    [
        ("one-word", None),
        ("one-word", "de"),
        pytest.param("plain-words", "en", marks=pytest.mark.slow),
        pytest.param("plain-words", "de", marks=pytest.mark.slow),
        pytest.param("news-words", "de", marks=pytest.mark.slow),
        pytest.param("news-words", "en", marks=pytest.mark.slow),
    ],
)
def test_five_megabytes_without_punctuation_finishes(kind, lang):
    report = _run_big(kind, lang)
    assert report["chars"] == 5_000_000
