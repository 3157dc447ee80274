"""Web archives: the HTML pages of .warc and .warc.gz files, read as saved pages are; every other
record counted and skipped; damaged members and records reported with their offset while the
rest of the archive is read.

The archives are built here with warcio's writer; their pages are the invented pages of
tests/data/ingest/ and invented pages written below.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrack.errors import InputError
from quotetrack.inputs import sources, warc
from quotetrack.inputs.article import Overrides
from quotetrack.inputs.prepare import prepare
from quotetrack.inputs.sources import Source, read_sources

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
FAEHRE = DATA / "faehre.de.html"  # UTF-8, published 2024-03-05
KLAERWERK = DATA / "klaerwerk.de.cp1252.html"  # Windows-1252, published 2023-11-21
FAEHRE_URL = "https://nordheider-rundschau.example/lokales/faehre-moewenwerder-juni?ref=feed"
KLAERWERK_URL = "https://elbmarsch-kurier.example/region/klaerwerk-kosten"
FETCHED = "2024-03-06T09:15:00Z"

# An invented page with no charset of its own: only its HTTP header says how it is encoded.
PIER_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Pier to reopen | Harbour Ledger</title>
<meta property="article:published_time" content="2024-04-02T08:00:00Z"></head>
<body><article><h1>Pier to reopen</h1>
<p>The old pier at Gullhaven will reopen in May, the harbour master Zoë Lindqvist said on Tuesday.
“The new railings are in and the planks have been replaced,” Lindqvist said.</p>
<p>The town had closed the pier in January after a storm tore away part of the deck. “We are glad
to have our walk back before the summer – and so is the café,” said Per Holm, who runs the kiosk
at its end.</p>
</article></body></html>"""


@dataclass
class Archive:
    """A web archive being written: records appended in order, each one's offset kept."""

    gz: bool = True
    buffer: io.BytesIO = field(default_factory=io.BytesIO)
    offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.writer = WARCWriter(self.buffer, gzip=self.gz)

    def _write(self, record: object) -> int:
        self.offsets.append(self.buffer.tell())
        self.writer.write_record(record)
        return self.offsets[-1]

    def response(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str = "text/html; charset=utf-8",
        status: str = "200 OK",
        date: str = FETCHED,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> int:
        http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        return self._write(record)

    def request(self, url: str) -> int:
        http = StatusAndHeaders(
            f"GET {url.split('/', 3)[-1]} HTTP/1.1", [("Host", "example")], is_http_request=True
        )
        return self._write(
            self.writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
        )

    def revisit(self, url: str) -> int:
        record = self.writer.create_revisit_record(
            url, digest="sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", refers_to_uri=url, refers_to_date=FETCHED
        )
        return self._write(record)

    def metadata(self, url: str) -> int:
        record = self.writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(b"outlinks: 3\n"), warc_content_type="application/warc-fields"
        )
        return self._write(record)

    def warcinfo(self) -> int:
        return self._write(self.writer.create_warcinfo_record("test.warc", {"software": "test"}))

    @property
    def data(self) -> bytes:
        return self.buffer.getvalue()


def crawl(gz: bool = True) -> Archive:
    """An archive of a small crawl: two pages among the records a crawler writes besides them."""
    archive = Archive(gz=gz)
    archive.warcinfo()
    archive.request(FAEHRE_URL)
    archive.response(FAEHRE_URL, FAEHRE.read_bytes())
    archive.metadata(FAEHRE_URL)
    archive.response(
        "https://nordheider-rundschau.example/logo.png", b"\x89PNG\r\n", content_type="image/png"
    )
    archive.response("https://nordheider-rundschau.example/alt", b"<html></html>", status="404 Not Found")
    archive.revisit(FAEHRE_URL)
    archive.request(KLAERWERK_URL)
    archive.response(
        KLAERWERK_URL, KLAERWERK.read_bytes(), content_type="text/html", date="2023-11-22T06:00:00Z"
    )
    return archive


def read(path: Path | str, **kwargs: object) -> tuple[list[Source | InputError], list[str]]:
    notes: list[str] = []
    items = list(read_sources(path, on_note=notes.append, **kwargs))  # type: ignore[arg-type]
    return items, notes


def pages(items: list[Source | InputError]) -> list[Source]:
    return [item for item in items if isinstance(item, Source)]


def errors(items: list[Source | InputError]) -> list[str]:
    return [str(item) for item in items if isinstance(item, InputError)]


def member_offsets(data: bytes) -> list[int]:
    offsets, at = [], 0
    while at < len(data):
        offsets.append(at)
        inflate = zlib.decompressobj(wbits=31)
        inflate.decompress(data[at:])
        at = len(data) - len(inflate.unused_data)
    return offsets


# --- pages and the records around them -------------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_are_pages_and_the_rest_is_counted(tmp_path, gz):
    archive = crawl(gz)
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(archive.data)
    items, notes = read(path)
    assert errors(items) == []
    found = pages(items)
    assert [(s.url, s.fetched, s.fmt) for s in found] == [
        (FAEHRE_URL, FETCHED, "html"),
        (KLAERWERK_URL, "2023-11-22T06:00:00Z", "html"),
    ]
    assert [s.offset for s in found] == [archive.offsets[2], archive.offsets[8]]
    assert found[0].where == f"{path}@{archive.offsets[2]}"
    assert found[0].data == FAEHRE.read_bytes()
    assert found[0].charset == "utf-8"
    assert notes == [
        f"{path}: 2 HTML pages; 7 other records skipped (2 request, 1 HTTP 404 response, "
        "1 image/png response, 1 metadata, 1 revisit, 1 warcinfo)"
    ]


def test_a_page_from_an_archive_is_read_as_the_saved_page(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(crawl().data)
    saved = {FAEHRE_URL: FAEHRE, KLAERWERK_URL: KLAERWERK}
    for source in pages(read(path)[0]):
        article = prepare(source, Overrides())
        assert not isinstance(article, InputError)
        from_file = prepare(next(iter(read_sources(saved[source.url or ""]))), Overrides())  # type: ignore[arg-type]
        assert not isinstance(from_file, InputError)
        # the same reader: text, headline, dates, authors, outlet, language, encoding, bytes
        for attribute in (
            "text",
            "title",
            "published",
            "modified",
            "authors",
            "outlet",
            "lang",
            "encoding",
            "raw",
        ):
            assert getattr(article, attribute) == getattr(from_file, attribute), attribute
        assert article.format == "html"
        # where it was fetched from and when; the page's own address is kept beside it
        assert article.url == source.url
        assert article.id == source.url
        assert article.extra["fetched"] == source.fetched
        if from_file.url != source.url:
            assert article.extra["page_url"] == from_file.url
        else:
            assert "page_url" not in article.extra
        assert article.source_path == source.where


def test_the_publication_date_comes_from_the_page_not_the_fetch(tmp_path):
    archive = Archive()
    archive.response(FAEHRE_URL, FAEHRE.read_bytes(), date="2025-01-01T00:00:00Z")
    path = tmp_path / "late.warc.gz"
    path.write_bytes(archive.data)
    (source,) = pages(read(path)[0])
    article = prepare(source, Overrides())
    assert not isinstance(article, InputError)
    assert str(article.published) == "2024-03-05"
    assert article.extra["fetched"] == "2025-01-01T00:00:00Z"


def test_http_encodings_are_undone(tmp_path):
    archive = Archive()
    page = PIER_PAGE.encode()
    zipped = gzip.compress(page)
    chunked = (
        b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (zipped[:50], zipped[50:])) + b"0\r\n\r\n"
    )
    archive.response(
        "https://ledger.example/pier",
        chunked,
        headers=(("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")),
    )
    path = tmp_path / "encoded.warc.gz"
    path.write_bytes(archive.data)
    (source,) = pages(read(path)[0])
    assert source.data == page


# --- charsets -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (PIER_PAGE.encode("cp1252"), "text/html; charset=windows-1252"),  # only the header says it
        (PIER_PAGE.encode("cp1252"), "text/html; charset=ISO-8859-1"),  # read as browsers read it
        (PIER_PAGE.encode("cp1252"), 'text/html; charset="x-no-such-charset"'),  # unknown: detected
        (PIER_PAGE.encode("cp1252"), "text/html; charset=utf-8"),  # wrong: detected
        (PIER_PAGE.encode("utf-8"), "text/html; charset=windows-1252"),  # UTF-8 comes first
        (PIER_PAGE.encode("utf-8"), "application/xhtml+xml"),
    ],
)
def test_charsets_are_taken_from_the_header_and_fall_back(tmp_path, body, content_type):
    archive = Archive()
    archive.response("https://ledger.example/pier", body, content_type=content_type)
    path = tmp_path / "pier.warc.gz"
    path.write_bytes(archive.data)
    (source,) = pages(read(path)[0])
    article = prepare(source, Overrides())
    assert not isinstance(article, InputError), article
    assert "Zoë Lindqvist" in article.text
    assert "“The new railings are in" in article.text


# --- damage -------------------------------------------------------------------------------------------


def test_a_truncated_last_member_is_reported_and_the_pages_before_it_stay(tmp_path):
    archive = crawl()
    data = archive.data
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: archive.offsets[8] + (len(data) - archive.offsets[8]) // 2])
    items, notes = read(path)
    assert [s.url for s in pages(items)] == [FAEHRE_URL]
    assert errors(items) == [
        f"{path}@{archive.offsets[8]}: gzip member is cut short: the file ends inside it"
    ]
    assert notes == [
        f"{path}: 1 HTML page; 7 other records skipped (2 request, 1 HTTP 404 response, "
        "1 image/png response, 1 metadata, 1 revisit, 1 warcinfo); 1 damaged record reported"
    ]


def test_a_member_cut_short_inside_the_file_is_reported_and_the_rest_is_read(tmp_path):
    archive = crawl()
    data = archive.data
    offsets = archive.offsets
    # the first page's member loses its second half; the records after it follow at once
    damaged = data[: offsets[2] + (offsets[3] - offsets[2]) // 2] + data[offsets[3] :]
    path = tmp_path / "gap.warc.gz"
    path.write_bytes(damaged)
    items, _notes = read(path)
    following = offsets[2] + (offsets[3] - offsets[2]) // 2
    assert errors(items) == [
        f"{path}@{offsets[2]}: gzip member is cut short: the next one begins inside it; "
        f"reading goes on at byte {following}"
    ]
    assert [s.url for s in pages(items)] == [KLAERWERK_URL]
    assert pages(items)[0].offset == offsets[8] - (offsets[3] - following)


def test_a_corrupt_member_is_reported_and_the_rest_is_read(tmp_path):
    archive = crawl()
    data = bytearray(archive.data)
    offsets = archive.offsets
    data[offsets[2] + 40 : offsets[2] + 80] = bytes(40)
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    items, _notes = read(path)
    (error,) = errors(items)
    assert error.startswith(f"{path}@{offsets[2]}: gzip member is corrupt (")
    assert error.endswith(f"; reading goes on at byte {offsets[3]}")
    assert [s.url for s in pages(items)] == [KLAERWERK_URL]


def test_a_record_that_cannot_be_parsed_is_reported_and_the_rest_is_read(tmp_path):
    archive = crawl(gz=False)
    data = bytearray(archive.data)
    offsets = archive.offsets
    data[offsets[2] : offsets[2] + 8] = b"WARX/1.0"  # the first page's version line
    path = tmp_path / "bad.warc"
    path.write_bytes(bytes(data))
    items, notes = read(path)
    (error,) = errors(items)
    assert error.startswith(f"{path}@{offsets[2]}: not a WARC record that can be read (ArchiveLoadFailed")
    assert [s.url for s in pages(items)] == [KLAERWERK_URL]
    assert notes[0].endswith("; 1 damaged record reported")


def test_a_cut_uncompressed_record_is_reported(tmp_path):
    archive = crawl(gz=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(archive.data[:-300])
    items, _notes = read(path)
    assert [s.url for s in pages(items)] == [FAEHRE_URL]
    (error,) = errors(items)
    assert error.startswith(f"{path}@{archive.offsets[8]}: record is cut short (")


def test_an_empty_page_and_a_page_too_large_are_reported(tmp_path, monkeypatch):
    archive = Archive()
    archive.response("https://ledger.example/empty", b"   \n")
    big = archive.response("https://ledger.example/big", PIER_PAGE.encode() * 40)
    archive.response("https://ledger.example/pier", PIER_PAGE.encode())
    path = tmp_path / "sizes.warc.gz"
    path.write_bytes(archive.data)
    monkeypatch.setattr(sources, "MAX_INPUT_BYTES", 20_000)
    items, _notes = read(path)
    assert errors(items) == [
        f"{path}@0: is an empty page",
        f"{path}@{big}: is too large for one article (more than 0.0 MB; at most 0.0 MB); "
        "split it, or give several articles as JSON Lines",
    ]
    assert [s.url for s in pages(items)] == ["https://ledger.example/pier"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"Dear diary,\n", "@0: not a WARC record that can be read (ArchiveLoadFailed"),
        (gzip.compress(b"Dear diary,\n"), "@0: not a WARC record that can be read (ArchiveLoadFailed"),
        (b"\x1f\x8b\x08\x00 not gzip at all", "@0: is not a gzip-compressed WARC file ("),
    ],
)
def test_what_is_no_archive_is_reported(tmp_path, data, message):
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(data)
    items, _notes = read(path)
    assert pages(items) == []
    (error,) = errors(items)
    assert error.startswith(f"{path}{message}" if message.startswith("@") else f"{path}: {message}")


# --- finding archives -------------------------------------------------------------------------------


def test_archives_are_found_in_folders_and_by_their_first_bytes(tmp_path):
    (tmp_path / "crawls").mkdir()
    (tmp_path / "crawls" / "a.warc.gz").write_bytes(crawl().data)
    (tmp_path / "crawls" / "b.WARC").write_bytes(crawl(gz=False).data)
    (tmp_path / "crawls" / "notes.gz").write_bytes(b"")
    found = sorted(Path(p).name for p in sources.expand_paths([str(tmp_path / "crawls")]))
    assert found == ["a.warc.gz", "b.WARC"]
    assert sources.sniff_format(crawl().data[:4096]) == "warc"
    assert sources.sniff_format(crawl(gz=False).data[:4096]) == "warc"
    assert sources.sniff_format(gzip.compress(b"{}")) == "text"
    nameless = tmp_path / "download"
    nameless.write_bytes(crawl().data)
    assert len(pages(read(nameless)[0])) == 2


def test_an_archive_on_standard_input_is_read_from_a_pipe(tmp_path):
    class Pipe(io.RawIOBase):
        """A stream that cannot seek, as a pipe."""

        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    items, notes = read("-", stdin=io.BufferedReader(Pipe(crawl().data)))
    assert [s.where.split("@")[0] for s in pages(items)] == ["<stdin>", "<stdin>"]
    assert notes[0].startswith("<stdin>: 2 HTML pages;")


def test_the_tally_line():
    tally = warc.Tally(pages=1)
    assert tally.line("x.warc") == "x.warc: 1 HTML page"
    tally.skipped["request"] += 1
    tally.bad = 2
    assert (
        tally.line("x.warc")
        == "x.warc: 1 HTML page; 1 other record skipped (1 request); 2 damaged records reported"
    )


# --- the command line ----------------------------------------------------------------------------------


def test_ingest_stores_the_pages_of_archives_and_reports_the_damage(tmp_path, sqlite_url):
    folder = tmp_path / "crawls"
    folder.mkdir()
    good = crawl()
    (folder / "good.warc.gz").write_bytes(good.data)
    archive = Archive()
    archive.response("https://ledger.example/pier", PIER_PAGE.encode())
    archive.response("https://ledger.example/pier-2", PIER_PAGE.replace("Pier", "Jetty").encode())
    data = archive.data
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: archive.offsets[1] + 100])

    result = invoke("--db", sqlite_url, "ingest", folder, cut)
    assert result.exit_code == 1, result.output
    assert (
        f"Error: {cut}@{archive.offsets[1]}: gzip member is cut short: the file ends inside it"
        in result.stderr
    )
    assert f"{folder / 'good.warc.gz'}: 2 HTML pages; 7 other records skipped (" in result.stderr
    assert f"{cut}: 1 HTML page; 1 damaged record reported" in result.stderr
    assert "3 new, 0 already known, 1 failed" in result.stderr

    engine = sa.create_engine(sqlite_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT url, published, source_path, meta FROM articles ORDER BY id")
        ).all()
    assert [(row.url, str(row.published)) for row in rows] == [
        (FAEHRE_URL, "2024-03-05"),
        (KLAERWERK_URL, "2023-11-21"),
        ("https://ledger.example/pier", "2024-04-02"),
    ]
    assert rows[0].source_path.endswith(f"good.warc.gz@{good.offsets[2]}")
    assert json.loads(rows[0].meta)["fetched"] == FETCHED
    assert json.loads(rows[1].meta)["fetched"] == "2023-11-22T06:00:00Z"

    again = invoke("--db", sqlite_url, "ingest", "--quiet", folder)
    assert again.exit_code == 0, again.output
    assert again.stderr == ""  # --quiet: no counts of skipped records either


def test_extract_prints_the_statements_of_each_page(tmp_path):
    archive = Archive()
    archive.request("https://ledger.example/pier")
    archive.response("https://ledger.example/pier", PIER_PAGE.encode())
    path = tmp_path / "pier.warc"
    archive_plain = Archive(gz=False)
    archive_plain.response("https://ledger.example/pier", PIER_PAGE.encode())
    path.write_bytes(archive_plain.data)
    result = invoke("extract", path)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["id"] == "https://ledger.example/pier"
    speakers = {quote["speaker"] for quote in printed["quotes"]}
    assert {"Zoë Lindqvist", "Per Holm"} <= speakers
    assert f"{path}: 1 HTML page" in result.stderr
