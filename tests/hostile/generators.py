"""Generators of hostile input, one per kind: each yields named cases, and a case builds its
files in a temporary folder and says how quotetrack must answer.

A case's :class:`Call` is the command line after ``--db URL`` (or with its own ``--db``), the
bytes on standard input, and what must come of it: the exit code, how many ``Error:`` lines
(one per bad input, none for an input that is odd but fine), how many new articles (nothing
of a batch may be lost: every case that ingests puts good articles before and after the bad
one), and any check of its own. ``process=True`` runs it as a real process (named pipes,
endless standard input, bytes on the command line, memory limits); ``databases`` names where
it runs.

Every article is invented here; each case's articles carry its name, so that the shared
database of a run counts them as new.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ANY_FAILURE = "non-zero"

# --- what a case runs and expects -----------------------------------------------------------------


@dataclass
class Call:
    args: list[Any]  # str, Path or bytes (bytes only with process=True)
    input: bytes | None = None
    exit_code: int | str = ANY_FAILURE  # a number, or ANY_FAILURE
    errors: int = 1  # lines starting with "Error:" on stderr
    new_articles: int | None = None  # articles the call adds to the database
    check: Callable[[Any, Path], None] | None = None  # (outcome, folder) -> asserts
    process: bool = False
    own_db: bool = False  # args hold their own --db (or need none)
    stdin_path: str | None = None  # a file (or device) as standard input; process only
    stdin_command: list[str] | None = None  # a program whose output is standard input; process only
    wrapper: list[str] | None = None  # runs quotetrack inside this command; process only
    concurrent: int = 1  # copies started at once; process only
    new_database: bool = False  # a new, empty database of its own instead of the shared one
    memory_limit: int | None = None  # bytes of address space; process only
    timeout: float = 120.0


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    build: Callable[[Path], Call]
    databases: tuple[str, ...] = ("sqlite",)
    needs: str | None = None  # "mount": skipped where a read-only file system cannot be made

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.name}"


BOTH = ("sqlite", "postgres")

# --- invented articles ----------------------------------------------------------------------------


def article_text(tag: str) -> str:
    """A short plain-text article with one attributed quotation; ``tag`` makes it unique."""
    return (
        f"Harbour plan for Port Varnel ({tag})\n\n"
        f'Port Varnel. "The pier is safe for {tag}," Mayor Jana Novak said on Monday.\n\n'
        "The council will vote on the plan next week, a spokeswoman said.\n"
    )


def write_article(folder: Path, name: str | bytes, tag: str) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_text(article_text(tag), encoding="utf-8")
    return path


def jsonl_record(tag: str, **fields: Any) -> dict[str, Any]:
    return {"id": tag, "text": article_text(tag), "lang": "en", **fields}


def batch(folder: Path, tag: str, *bad: Any) -> list[Any]:
    """A good article, the bad inputs, another good article: what a batch must survive."""
    return [
        write_article(folder, f"{tag}-before.txt", f"{tag} before"),
        *bad,
        write_article(folder, f"{tag}-after.txt", f"{tag} after"),
    ]


def ingest_batch(folder: Path, tag: str, *bad: Any, errors: int = 1, **more: Any) -> Call:
    return Call(
        ["ingest", "-q", *batch(folder, tag, *bad)],
        exit_code=1 if errors else 0,
        errors=errors,
        new_articles=more.pop("new_articles", 2 + (0 if errors else len(bad))),
        **more,
    )


def stderr_has(*parts: str) -> Callable[[Any, Path], None]:
    def check(outcome: Any, _folder: Path) -> None:
        for part in parts:
            assert part in outcome.stderr, (part, outcome.stderr)

    return check


def all_of(*checks: Callable[[Any, Path], None]) -> Callable[[Any, Path], None]:
    def check(outcome: Any, folder: Path) -> None:
        for one in checks:
            one(outcome, folder)

    return check


# --- 1. file names (item 2, and the newline of item 13) -----------------------------------------


def file_names() -> Iterator[Case]:
    kind = "file names"

    def stored_as(fragment: str) -> Callable[[Any, Path], None]:
        def check(outcome: Any, _folder: Path) -> None:
            assert any(fragment in path for path in outcome.source_paths), outcome.source_paths

        return check

    def non_utf8(folder: Path) -> Call:
        bad = write_article(folder, b"caf\xe9-name.txt", "latin-1 name")
        return ingest_batch(folder, "nonutf8", bad, errors=0, check=stored_as("caf\\xe9-name.txt"))

    def non_utf8_folder(folder: Path) -> Call:
        inner = Path(os.fsdecode(os.fsencode(folder) + b"/dir\xff"))
        inner.mkdir()
        write_article(inner, "inside.txt", "in a latin-1 folder")
        return ingest_batch(folder, "nonutf8dir", inner, errors=0, check=stored_as("dir\\xff/inside.txt"))

    def non_utf8_argv(folder: Path) -> Call:
        bad = write_article(folder, b"\xff\xfe-argv.txt", "bytes on the command line")
        call = ingest_batch(
            folder, "argv", os.fsencode(bad), errors=0, check=stored_as("\\xff\\xfe-argv.txt")
        )
        call.process = True
        return call

    def bad_bytes_in_a_bad_file(folder: Path) -> Call:
        bad = Path(os.fsdecode(os.fsencode(folder) + b"/\xff-binary.txt"))
        bad.write_bytes(b"%PDF-1.4 binary")
        return ingest_batch(folder, "badbad", bad, check=stderr_has("\\xff-binary.txt: is a binary file"))

    def newline(folder: Path) -> Call:
        bad = folder / "x\nError: fake.txt: forged line"
        bad.write_text("", encoding="utf-8")
        return ingest_batch(
            folder, "newline", bad, check=stderr_has("x\\nError: fake.txt: forged line: is empty")
        )

    def escape_sequence(folder: Path) -> Call:
        bad = folder / "\x1b[2J\x1b[31mred.txt"
        bad.write_text("", encoding="utf-8")

        def no_escape(outcome: Any, _folder: Path) -> None:
            assert "\x1b" not in outcome.stderr
            assert "\\x1b[2J\\x1b[31mred.txt: is empty" in outcome.stderr

        return ingest_batch(folder, "ansi", bad, check=no_escape)

    def line_separator(folder: Path) -> Call:
        bad = folder / "a\u2028b\rc.txt"
        bad.write_text("", encoding="utf-8")
        return ingest_batch(folder, "u2028", bad, check=stderr_has("a\\u2028b\\rc.txt: is empty"))

    def longest_name(folder: Path) -> Call:
        bad = write_article(folder, "ä" * 125 + ".txt", "a name of 254 bytes")
        return ingest_batch(folder, "long", bad, errors=0)

    def leading_dash(folder: Path) -> Call:
        bad = write_article(folder, "-x.txt", "a name like an option")
        call = ingest_batch(folder, "dash", errors=0, new_articles=3)
        call.args += ["--", bad]
        return call

    for name, build in (
        ("not UTF-8", non_utf8),
        ("folder not UTF-8", non_utf8_folder),
        ("not UTF-8 as argv bytes", non_utf8_argv),
        ("not UTF-8 and binary", bad_bytes_in_a_bad_file),
        ("newline forging an error line", newline),
        ("terminal escape sequences", escape_sequence),
        ("line separator and carriage return", line_separator),
        ("254-byte name", longest_name),
        ("leading dash", leading_dash),
    ):
        yield Case(kind, name, build)


# --- 2. files that are not regular files (item 5) --------------------------------------------------


def special_files() -> Iterator[Case]:
    kind = "special files"

    def fifo(folder: Path) -> Call:
        pipe = folder / "pipe.txt"
        os.mkfifo(pipe)
        call = ingest_batch(folder, "fifo", pipe, check=stderr_has("pipe.txt: is a named pipe (FIFO)"))
        call.process, call.timeout = True, 60
        return call

    def fifo_in_folder(folder: Path) -> Call:
        inner = folder / "inbox"
        inner.mkdir()
        os.mkfifo(inner / "waiting.md")
        write_article(inner, "ready.txt", "next to a pipe")
        call = ingest_batch(
            folder, "fifodir", inner, new_articles=3, check=stderr_has("waiting.md: is a named pipe")
        )
        call.process, call.timeout = True, 60
        return call

    def device(path: str) -> Callable[[Path], Call]:
        def build(folder: Path) -> Call:
            call = ingest_batch(
                folder, f"dev{Path(path).name}", path, check=stderr_has(f"{path}: is a character device")
            )
            call.timeout = 60
            return call

        return build

    def unix_socket(folder: Path) -> Call:
        path = folder / "s.txt"
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))  # left bound: the file stays a socket while the case runs
        call = ingest_batch(folder, "socket", path, check=stderr_has("s.txt: is a socket"))
        call.check = all_of(call.check, lambda _o, _f: server.close())  # type: ignore[arg-type]
        return call

    def dangling_link(folder: Path) -> Call:
        link = folder / "gone.txt"
        link.symlink_to(folder / "nowhere.txt")
        return ingest_batch(folder, "dangling", link, check=stderr_has("gone.txt: no such file"))

    def link_loop(folder: Path) -> Call:
        (folder / "a.txt").symlink_to(folder / "b.txt")
        (folder / "b.txt").symlink_to(folder / "a.txt")
        return ingest_batch(folder, "loop", folder / "a.txt", check=stderr_has("a.txt: cannot be read"))

    def folder_named_like_a_file(folder: Path) -> Call:
        inner = folder / "box"
        (inner / "looks-like.txt").mkdir(parents=True)
        write_article(inner, "real.txt", "beside a folder named .txt")
        return ingest_batch(folder, "dirtxt", inner, errors=0, new_articles=3)

    def stdin_twice(folder: Path) -> Call:
        call = ingest_batch(folder, "stdin2", "-", "-", new_articles=3, check=stderr_has("<stdin>: is empty"))
        call.input = article_text("stdin twice").encode()
        return call

    for name, build in (
        ("named pipe", fifo),
        ("named pipe in a folder", fifo_in_folder),
        ("/dev/zero", device("/dev/zero")),
        ("/dev/null", device("/dev/null")),
        ("/dev/urandom", device("/dev/urandom")),
        ("socket", unix_socket),
        ("dangling symlink", dangling_link),
        ("symlink loop", link_loop),
        ("folder named x.txt", folder_named_like_a_file),
        ("stdin named twice", stdin_twice),
    ):
        yield Case(kind, name, build)


# --- 3. sizes and endless streams (item 5) --------------------------------------------------------


def sizes() -> Iterator[Case]:
    kind = "sizes and streams"

    def empty(folder: Path) -> Call:
        bad = folder / "empty.txt"
        bad.write_bytes(b"")
        return ingest_batch(folder, "empty", bad, check=stderr_has("empty.txt: is empty"))

    def blank(folder: Path) -> Call:
        bad = folder / "blank.md"
        bad.write_bytes(b" \n\t\n" * 100)
        return ingest_batch(folder, "blank", bad)

    def sparse(folder: Path) -> Call:
        bad = folder / "huge.txt"
        with bad.open("wb") as handle:
            handle.truncate(3_000_000_000)  # 3 GB of holes: reading it whole would take long
        return ingest_batch(
            folder, "sparse", bad, check=stderr_has("huge.txt: is too large for one article (3000.0 MB")
        )

    def long_line(folder: Path) -> Call:
        bad = folder / "long.jsonl"
        good = json.dumps(jsonl_record("longline good"))
        bad.write_text(
            good.replace("}", ', "pad": "' + "x" * 17_000_000 + '"}')
            + "\n"
            + json.dumps(jsonl_record("after the long line"))
            + "\n"
        )
        return ingest_batch(
            folder, "longline", bad, new_articles=3, check=stderr_has("long.jsonl:1: line is too long")
        )

    def endless_stdin(folder: Path) -> Call:
        call = ingest_batch(
            folder,
            "endless",
            "-",
            check=stderr_has("<stdin>: is too large for one article (more than 16.0 MB"),
        )
        call.process, call.stdin_path = True, "/dev/zero"
        return call

    def endless_line(folder: Path) -> Call:
        call = ingest_batch(
            folder,
            "endlessline",
            "-",
            check=stderr_has("<stdin>:1: line is too long", "the rest of the input is not read"),
        )
        endless = "import sys\nsys.stdout.write('{\"text\": \"')\nwhile True: sys.stdout.write('x' * 65536)"
        call.process, call.stdin_command = True, ["python3", "-c", endless]
        return call

    for name, build in (
        ("empty file", empty),
        ("blank Markdown", blank),
        ("3 GB sparse file", sparse),
        ("17 MB JSON line", long_line),
        ("endless standard input", endless_stdin),
        ("endless JSON line on standard input", endless_line),
    ):
        yield Case(kind, name, build)


# --- 4. Markdown front matter (item 7, and JSON forms of item 13) ---------------------------------


def front_matter() -> Iterator[Case]:
    kind = "front matter"

    def markdown(folder: Path, name: str, yaml: str, tag: str) -> Path:
        path = folder / name
        body = article_text(tag).split("\n", 1)[1]
        path.write_text(f"---\n{yaml}\n---\n# Harbour plan ({tag})\n{body}", encoding="utf-8")
        return path

    def meta_of(tag: str, check: Callable[[dict[str, Any], Any], None]) -> Callable[[Any, Path], None]:
        def run(outcome: Any, _folder: Path) -> None:
            row = outcome.article(tag)
            check(row, json.loads(row["meta"]))

        return run

    def fine(name: str, yaml: str, check: Callable[[Any, Any], None] | None = None) -> Callable[[Path], Call]:
        tag = name.replace(" ", "-")

        def build(folder: Path) -> Call:
            path = markdown(folder, f"{tag}.md", yaml, tag)
            return ingest_batch(folder, tag, path, errors=0, check=meta_of(tag, check) if check else None)

        return build

    def refused(name: str, yaml: str, message: str) -> Callable[[Path], Call]:
        tag = name.replace(" ", "-")

        def build(folder: Path) -> Call:
            path = markdown(folder, f"{tag}.md", yaml, tag)
            return ingest_batch(folder, tag, path, check=stderr_has(message))

        return build

    def laughs(depth: int) -> str:
        lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
        for level in range(1, depth + 1):
            lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
        return "\n".join(lines)

    def small(row: Any, meta: Any) -> None:
        assert len(row["meta"]) < 10_000, len(row["meta"])
        assert meta["l9"] == ["*l8"] * 9

    def bomb(folder: Path) -> Call:
        call = fine("alias bomb", laughs(9), small)(folder)
        call.process, call.memory_limit, call.timeout = True, 3_000_000_000, 120
        return call

    def json_forms(row: Any, meta: Any) -> None:
        assert row["title"] == '["Titel", "Zwei"]'
        assert row["outlet"] == '["Kurier", "Post"]'
        assert row["byline"] == "Anna Berg, Tom Reed"
        assert meta["flag"] is True and meta["nan"] == "nan" and meta["inf"] == "inf"
        assert meta["bin"] == "aGVsbG8=" and meta["when"] == "2024-03-01 10:00:00"
        assert sorted(meta["set"]) == ["a", "b"]
        assert meta["null"] == "x" and meta["1"] == "one" and meta["2.5"] == "half"

    def not_text(row: Any, meta: Any) -> None:
        assert row["title"] == "\ufffd and \ufffd"
        assert meta["note"] == "nul \ufffd here"

    fine_cases = {
        "alias bomb": None,
        "alias seven deep": fine("alias seven deep", laughs(7), lambda row, meta: small_enough(row)),
        "undefined alias": fine(
            "undefined alias", "tags: *nowhere", lambda row, meta: eq(meta["tags"], "*nowhere")
        ),
        "merge key": fine(
            "merge key",
            "base: &b {x: 1}\nthis:\n  <<: *b\n  y: 2",
            lambda row, meta: eq(meta["this"], {"<<": "*b", "y": 2}),
        ),
        "non-JSON values": fine(
            "non-JSON values",
            "title: [Titel, Zwei]\noutlet: [Kurier, Post]\nauthor: [Anna Berg, Tom Reed]\n"
            "flag: yes\nnan: .nan\ninf: .inf\nbin: !!binary aGVsbG8=\n"
            "when: 2024-03-01 10:00:00\nset: !!set {a, b}\n"
            "null: x\n1: one\n2.5: half",
            json_forms,
        ),
        "lone surrogate and NUL": fine(
            "lone surrogate and NUL", 'title: "\\ud800 and \\udfff"\nnote: "nul \\0 here"', not_text
        ),
    }
    for name, build in fine_cases.items():
        yield Case(
            kind, name, build or bomb, databases=BOTH if name == "lone surrogate and NUL" else ("sqlite",)
        )
    for name, yaml, message in (
        (
            "nested ten thousand deep",
            "x: " + "[" * 10_000 + "]" * 10_000,
            "front matter is nested too deeply",
        ),
        ("longer than 256,000 characters", "pad: " + "x" * 300_000, "front matter is too long"),
        ("a list, not a mapping", "- a\n- b", "front matter is not a YAML mapping"),
        ("unhashable key", "? [a, b]\n: c", "front matter is not valid YAML"),
        ("python tag", "x: !!python/object/apply:os.system [echo]", "front matter is not valid YAML"),
        ("duplicate anchor", "a: &x 1\nb: &x 2\nc: *x", "front matter is not valid YAML"),
        ("tab indentation", "a:\n\t- b", "front matter is not valid YAML"),
    ):
        yield Case(kind, name, refused(name, yaml, message))


def eq(found: Any, expected: Any) -> None:
    assert found == expected, (found, expected)


def small_enough(row: Any) -> None:
    assert len(row["meta"]) < 10_000, len(row["meta"])


# --- 5. JSON Lines metadata (item 13's JSON forms; NUL and surrogates on both databases) --------------


def json_metadata() -> Iterator[Case]:
    kind = "JSON metadata"

    def jsonl(folder: Path, tag: str, line: str) -> Path:
        path = folder / f"{tag}.jsonl"
        good = [json.dumps(jsonl_record(f"{tag} first")), line, json.dumps(jsonl_record(f"{tag} last"))]
        path.write_text("\n".join(good) + "\n", encoding="utf-8")
        return path

    def row_of(tag: str, check: Callable[[Any], None]) -> Callable[[Any, Path], None]:
        return lambda outcome, _folder: check(outcome.article(tag))

    def fine(
        name: str, fields: dict[str, Any], check: Callable[[Any], None], raw: str | None = None
    ) -> Callable[[Path], Call]:
        tag = name.replace(" ", "-")

        def build(folder: Path) -> Call:
            text = json.dumps(article_text(tag))
            if raw and "TEXT_MARK" in raw:
                raw_line = raw.replace("TEXT_MARK", text.replace("Monday", "Mon\\ud800\\u0000day"))
            else:
                raw_line = (raw or "").replace("TEXT", text)
            line = raw_line.replace("TAG", tag) if raw else json.dumps(jsonl_record(tag, **fields))
            return Call(
                ["ingest", "-q", jsonl(folder, tag, line)],
                exit_code=0,
                errors=0,
                new_articles=3,
                check=row_of(tag, check),
            )

        return build

    def refused(name: str, line: str, message: str) -> Callable[[Path], Call]:
        tag = name.replace(" ", "-")

        def build(folder: Path) -> Call:
            return Call(
                ["ingest", "-q", jsonl(folder, tag, line)],
                errors=1,
                exit_code=1,
                new_articles=2,
                check=stderr_has(message),
            )

        return build

    def field(key: str, expected: Any) -> Callable[[Any], None]:
        return lambda row: eq(row[key], expected)

    def extra(key: str, expected: Any) -> Callable[[Any], None]:
        return lambda row: eq(json.loads(row["meta"])[key], expected)

    cases: list[tuple[str, Callable[[Path], Call]]] = [
        (
            "outlet as a list",
            fine("outlet as a list", {"outlet": ["Kurier", "Post"]}, field("outlet", '["Kurier", "Post"]')),
        ),
        (
            "title as a list",
            fine("title as a list", {"title": ["Eins", "Zwei"]}, field("title", '["Eins", "Zwei"]')),
        ),
        (
            "title as an object",
            fine("title as an object", {"title": {"de": "Hafen"}}, field("title", '{"de": "Hafen"}')),
        ),
        ("title as a boolean", fine("title as a boolean", {"title": True}, field("title", "true"))),
        (
            "byline as a list",
            fine(
                "byline as a list",
                {"byline": ["Anna Berg", "Tom Reed"]},
                field("byline", "Anna Berg, Tom Reed"),
            ),
        ),
        ("url as a number", fine("url as a number", {"url": 42}, field("url", "42"))),
        *(
            # an address urlsplit cannot read (or whose port is out of range) is kept as written,
            # its new outlet gets no domain, and the batch goes on
            (
                f"url {label}",
                fine(
                    f"url {label}",
                    {"url": url, "outlet": f"Outlet at {label}"},
                    lambda row, url=url, label=label: eq(
                        (row["url"], row["outlet"]), (url, f"Outlet at {label}")
                    ),
                ),
            )
            for label, url in (
                ("unclosed IPv6 bracket", "http://[::1"),
                ("port 99999999", "http://a:99999999"),
                ("bracketed non-address", "http://[zz]/pier"),
                ("closing bracket only", "http://a]b/"),
                ("netloc changed by NFKC", "http://a\uff0fb.example/pier"),
            )
        ),
        (
            "id as a list",
            fine(
                "id as a list",
                {},
                extra("id", '["id-as-a-list", 2]'),
                raw='{"id": ["TAG", 2], "text": TEXT, "lang": "en", "tag": "TAG"}',
            ),
        ),
        (
            "NaN and Infinity",
            fine(
                "NaN and Infinity",
                {},
                lambda row: eq((extra_of(row)["a"], extra_of(row)["b"]), ("NaN", "-Infinity")),
                raw='{"id": "TAG", "text": TEXT, "lang": "en", "a": NaN, "b": -Infinity}',
            ),
        ),
        (
            "1e999",
            fine(
                "1e999",
                {},
                extra("big", "1e999"),
                raw='{"id": "TAG", "text": TEXT, "lang": "en", "big": 1e999}',
            ),
        ),
        (
            "NUL in text and title",
            fine(
                "NUL in text and title",
                {"title": "a\x00b", "note": "c\x00d"},
                lambda row: eq((row["title"], extra_of(row)["note"]), ("a\ufffdb", "c\ufffdd")),
            ),
        ),
        (
            "lone surrogates",
            fine(
                "lone surrogates",
                {},
                lambda row: eq((row["title"], extra_of(row)["k\ufffd"]), ("x\ufffdy", "\ufffd")),
                raw='{"id": "TAG", "text": TEXT, "lang": "en", "title": "x\\ud800y", "k\\udc00": "\\udfff"}',
            ),
        ),
        (
            "surrogate and NUL in the text",
            fine(
                "surrogate and NUL in the text",
                {},
                lambda row: eq("Mon\ufffd\ufffdday" in row["text"], True),
                raw='{"id": "TAG", "text": TEXT, "lang": "en"}'.replace("TEXT", "TEXT_MARK"),
            ),
        ),
        (
            "5,000-digit number",
            refused(
                "5,000-digit number", '{"id": "x", "text": "t", "n": ' + "9" * 5000 + "}", "malformed JSON"
            ),
        ),
        (
            "nested 100,000 deep",
            refused(
                "nested 100,000 deep",
                '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
                "malformed JSON (nested too deeply)",
            ),
        ),
        ("a list, not an object", refused("a list, not an object", "[1, 2]", "a JSON object is expected")),
        ("null", refused("null", "null", "a JSON object is expected")),
        ("text as a list", refused("text as a list", '{"text": ["a", "b"]}', 'no "text" or "html" field')),
        ("html as a number", refused("html as a number", '{"html": 42}', 'no "text" or "html" field')),
        ("malformed", refused("malformed", '{"text": "unclosed', "malformed JSON")),
    ]
    for name, build in cases:
        yield Case(kind, name, build, databases=BOTH)


def extra_of(row: Any) -> dict[str, Any]:
    return json.loads(row["meta"])  # type: ignore[no-any-return]


# --- 6. integers on the command line (item 10) ----------------------------------------------------

ID_COMMANDS = [
    ("quotes --article", ["quotes", "--article", "{}"]),
    ("export --article", ["export", "--article", "{}"]),
    ("show", ["show", "{}"]),
    ("claim", ["claim", "{}"]),
    ("claim link", ["claim", "link", "{}", "1"]),
    ("claim link new", ["claim", "link", "new", "{}"]),
    ("claim unlink", ["claim", "unlink", "{}", "1"]),
    ("trace", ["trace", "{}"]),
    ("trace claim:", ["trace", "claim:{}"]),
    ("merge", ["merge", "{}", "1"]),
    ("merge --outlets", ["merge", "--outlets", "1", "{}"]),
    ("unmerge", ["unmerge", "{}"]),
    ("unmerge --speaker", ["unmerge", "--speaker", "{}"]),
    ("alias add", ["alias", "add", "{}", "Other Name"]),
    ("alias list", ["alias", "list", "{}"]),
    ("verdict add", ["verdict", "add", "{}", "--rating", "false"]),
    ("verdict list", ["verdict", "list", "{}"]),
    ("verdict remove", ["verdict", "remove", "{}"]),
    ("dedupe --accept", ["dedupe", "--accept", "{}"]),
    ("dedupe --reject", ["dedupe", "--reject", "{}"]),
    ("reextract", ["reextract", "{}"]),
]
COUNT_COMMANDS = [
    ("quotes --limit", ["quotes", "--limit", "{}"]),
    ("export --limit", ["export", "--limit", "{}"]),
    ("who --limit", ["who", "pier safe", "--limit", "{}"]),
    ("speakers --limit", ["speakers", "--limit", "{}"]),
    ("outlets --limit", ["outlets", "--limit", "{}"]),
    ("articles --limit", ["articles", "--limit", "{}"]),
    ("claims --limit", ["claims", "--limit", "{}"]),
    ("claims --min-articles", ["claims", "--min-articles", "{}"]),
    ("speaker --recent", ["speaker", "Novak", "--recent", "{}"]),
    ("ingest --jobs", ["ingest", "--jobs", "{}", "-"]),
]


def integers() -> Iterator[Case]:
    kind = "integer options"

    def call(template: list[str], value: str, exit_code: int | str, errors: int) -> Callable[[Path], Call]:
        return lambda _folder: Call(
            [part.replace("{}", value) for part in template], exit_code=exit_code, errors=errors
        )

    for label, template in ID_COMMANDS:
        for value in ("2147483648", "99999999999999999999", "9" * 5000, "²", "١٢"):
            shown = value if len(value) < 30 else f"{len(value)} nines"
            yield Case(kind, f"{label} {shown}", call(template, value, 2, 1), databases=BOTH)
    for label, template in COUNT_COMMANDS:
        for value in ("9223372036854775808", "99999999999999999999", "9" * 5000):
            shown = value if len(value) < 30 else f"{len(value)} nines"
            yield Case(kind, f"{label} {shown}", call(template, value, 2, 1), databases=BOTH)
    # the largest values that are allowed answer without a traceback too
    for label, template, value, code, errors in (
        ("show", ["show", "{}"], "2147483647", 1, 1),
        ("claim", ["claim", "{}"], "2147483647", 1, 1),
        ("quotes --limit", ["quotes", "--limit", "{}"], "9223372036854775807", 0, 0),
        ("claims --min-articles", ["claims", "--min-articles", "{}"], "9223372036854775807", 0, 0),
        ("speaker --recent", ["speaker", "Novak", "--recent", "{}"], "9223372036854775807", 0, 0),
    ):
        yield Case(
            kind, f"{label} {value} (the largest)", call(template, value, code, errors), databases=BOTH
        )


# --- 7. text on the command line (items 2 and 9) ---------------------------------------------------


def texts() -> Iterator[Case]:
    kind = "text options"
    bad = "\udcff\udcfe"  # bytes ff fe of a command line that is not UTF-8

    def run(args: list[str], exit_code: int | str, errors: int, check: Any = None) -> Callable[[Path], Call]:
        return lambda _folder: Call(list(args), exit_code=exit_code, errors=errors, check=check)

    long_search = " ".join(f"w{n}" for n in range(400))
    for name, args, code, errors in (
        ("--speaker not UTF-8", ["quotes", "--speaker", bad], 0, 0),
        ("--outlet not UTF-8", ["quotes", "--outlet", f"Kurier{bad}"], 0, 0),
        ("--search not UTF-8", ["quotes", "--search", f"pier{bad}"], 0, 0),
        ("who not UTF-8", ["who", f"pier {bad}"], 0, 0),
        ("speakers --search not UTF-8", ["speakers", "--search", bad], 0, 0),
        ("claims --search not UTF-8", ["claims", "--search", bad], 0, 0),
        ("alias add not UTF-8", ["alias", "add", "Dörte Lindqvist", f"Lindqvist {bad}"], 0, 0),
        ("verdict add not UTF-8", ["verdict", "add", "1", "--rating", bad, "--by", bad, "--note", bad], 0, 0),
        ("--search 100,000 characters", ["quotes", "--search", "pier " * 20_000], 2, 1),
        ("--search 1,001 characters", ["quotes", "--search", "a" * 1001], 2, 1),
        ("--search 400 different words", ["quotes", "--search", long_search[:999]], 2, 1),
        ("--search one-letter prefix", ["quotes", "--search", "p*"], 2, 1),
        ("--search 1,000 characters of one word", ["quotes", "--search", ("pier " * 200)[:1000]], 0, 0),
        ("export --search 100,000 characters", ["export", "--search", "x" * 100_000], 2, 1),
        ("who 100,000 characters", ["who", "pier " * 20_000], 2, 1),
        ("--speaker 100,000 characters", ["quotes", "--speaker", "Novak " * 20_000], 2, 1),
        ("speakers --search 100,000 characters", ["speakers", "--search", "N" * 100_000], 2, 1),
        ("claims --search 100,000 characters", ["claims", "--search", "%" * 100_000], 2, 1),
        ("--search only punctuation", ["quotes", "--search", "„“‚‘ ... !!!"], 2, 1),
        ("--search NUL", ["quotes", "--search", "pier\x00safe"], 0, 0),
        ("show not UTF-8", ["show", f"https://example.org/{bad}"], 1, 1),
        ("reextract not UTF-8", ["reextract", f"https://example.org/{bad}"], 1, 1),
        ("trace not UTF-8", ["trace", f"https://example.org/{bad}"], 1, 1),
        ("quotes --article not UTF-8", ["quotes", "--article", f"https://example.org/{bad}"], 0, 0),
        ("merge not UTF-8", ["merge", f"Nobody {bad}", "Dörte Lindqvist"], 1, 1),
        ("alias list not UTF-8", ["alias", "list", f"Nobody {bad}"], 1, 1),
    ):
        yield Case(kind, name, run(args, code, errors), databases=BOTH)

    def ingest_values(folder: Path) -> Call:
        path = write_article(folder, "values.txt", "command-line values not UTF-8")
        return Call(
            [
                "ingest",
                "-q",
                "--outlet",
                f"Kur{bad}ier",
                "--url",
                f"https://example.org/{bad}",
                "--lang",
                f"e{bad}",
                path,
            ],
            exit_code=0,
            errors=0,
            new_articles=1,
        )

    yield Case(kind, "ingest --outlet --url --lang not UTF-8", ingest_values, databases=BOTH)


# --- 8. databases that cannot be opened or are not recognised (item 11, and item 4) -----------------


def databases() -> Iterator[Case]:
    kind = "databases"

    def sqlite_file(folder: Path, setup: Callable[[sqlite3.Connection], None] | None = None) -> Path:
        from quotetrack.store import db

        path = folder / "made.db"
        db.open_database(f"sqlite:///{path}").dispose()
        if setup is not None:
            connection = sqlite3.connect(path)
            setup(connection)
            connection.commit()
            connection.close()
        return path

    def with_db(value: Callable[[Path], Any], command: list[str], message: str) -> Callable[[Path], Call]:
        def build(folder: Path) -> Call:
            return Call(
                ["--db", value(folder), *command],
                errors=1,
                exit_code=1,
                own_db=True,
                check=stderr_has(message),
            )

        return build

    def not_a_database(folder: Path) -> Path:
        path = folder / "notes.db"
        path.write_text("these are notes, not a database\n" * 100)
        return path

    def truncated(folder: Path) -> Path:
        path = sqlite_file(folder)
        data = path.read_bytes()
        path.write_bytes(data[:4096] + b"\x00" * 4096 + data[8192:12288])
        return path

    def two_rows(folder: Path) -> Path:
        return sqlite_file(folder, lambda c: c.execute("INSERT INTO alembic_version VALUES ('0001')"))

    def newer(folder: Path) -> Path:
        return sqlite_file(
            folder, lambda c: c.execute("UPDATE alembic_version SET version_num = '0099_future'")
        )

    def foreign(folder: Path) -> Path:
        path = folder / "recipes.db"
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.commit()
        connection.close()
        return path

    for name, value, message in (
        ("not a database file", not_a_database, "the file is not an SQLite database"),
        ("truncated database", truncated, "malformed"),
        ("a folder", lambda folder: folder, "it is a folder, not a database file"),
        ("a missing folder", lambda folder: folder / "missing" / "q.db", "missing does not exist"),
        ("postgresql://:::", lambda _f: "postgresql://:::", "is not a database URL or file path"),
        ("unclosed IPv6 host", lambda _f: "postgresql://u:secret@[::1", "is not a database URL or file path"),
        ("port out of range", lambda _f: "postgresql://postgres@127.0.0.1:99999/x", "cannot open database"),
        ("nothing listening", lambda _f: "postgresql://postgres@127.0.0.1:1/x", "cannot open database"),
        ("unknown dialect", lambda _f: "nosuchdb://x/y", "cannot use nosuchdb://x/y"),
        ("path not UTF-8", lambda folder: str(folder / "caf\udce9.db"), "cannot name a database"),
        ("version table with two rows", two_rows, "records several schema revisions"),
        ("written by a newer quotetrack", newer, "was written by a newer quotetrack (revision 0099_future)"),
        ("another program's tables", foreign, "is not a quotetrack database"),
    ):
        yield Case(kind, f"{name} (articles)", with_db(value, ["articles"], message))
        yield Case(kind, f"{name} (db current)", with_db(value, ["db", "current"], message))

    def password_hidden(outcome: Any, _folder: Path) -> None:
        assert "secret" not in outcome.stderr

    yield Case(
        kind,
        "password not shown",
        lambda _f: Call(["--db", "postgresql://u:secret@[::1", "quotes"], own_db=True, check=password_hidden),
    )

    def read_only(command: list[str]) -> Callable[[Path], Call]:
        def build(folder: Path) -> Call:
            made = sqlite_file(folder)
            script = (
                f"mount -t tmpfs tmpfs {folder}/ro && cp {made} {folder}/ro/q.db && "
                f'mount -o remount,ro {folder}/ro && exec "$@"'
            )
            (folder / "ro").mkdir()
            return Call(
                ["--db", f"{folder}/ro/q.db", *command],
                wrapper=["unshare", "-rm", "sh", "-c", script, "sh"],
                input=article_text("read-only").encode(),
                own_db=True,
                process=True,
                check=stderr_has("it is on a read-only file system"),
            )

        return build

    yield Case(kind, "read-only file system (articles)", read_only(["articles"]), needs="mount")
    yield Case(kind, "read-only file system (ingest)", read_only(["ingest", "-"]), needs="mount")

    # (item 4) the first use of a new database by four processes at once: the runner gives
    # each case a database of its own when own_db is False and new_database is set
    def first_use(_folder: Path) -> Call:
        return Call(["articles"], exit_code=0, errors=0, process=True, concurrent=4, new_database=True)

    yield Case(kind, "four processes on a new database", first_use, databases=BOTH)


# --- 9. -o targets (item 12) ------------------------------------------------------------------------


def outputs() -> Iterator[Case]:
    kind = "-o targets"

    def device(path: str) -> Callable[[Path], Call]:
        def build(_folder: Path) -> Call:
            before = os.stat(path)

            def unchanged(_outcome: Any, _f: Path) -> None:
                after = os.stat(path)
                assert (
                    stat.S_ISCHR(after.st_mode)
                    and after.st_rdev == before.st_rdev
                    and after.st_ino == before.st_ino
                )

            return Call(
                ["export", "-o", path],
                check=all_of(unchanged, stderr_has(f"-o {path}: is a character device")),
            )

        return build

    def fifo(folder: Path) -> Call:
        pipe = folder / "out.json"
        os.mkfifo(pipe)
        return Call(
            ["export", "-o", pipe],
            process=True,
            timeout=60,
            check=lambda _o, _f: eq(stat.S_ISFIFO(os.stat(pipe).st_mode), True),
        )

    def unix_socket(folder: Path) -> Call:
        path = folder / "out.sock"
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        return Call(
            ["export", "-o", path], check=all_of(stderr_has("is a socket"), lambda _o, _f: server.close())
        )

    def symlink(folder: Path) -> Call:
        target = folder / "real.json"
        target.write_text("old")
        link = folder / "link.json"
        link.symlink_to(target)

        def followed(_outcome: Any, _f: Path) -> None:
            assert link.is_symlink() and os.readlink(link) == str(target)
            assert isinstance(json.loads(target.read_text()), list)

        return Call(["export", "-o", link], exit_code=0, errors=0, check=followed)

    def dangling(folder: Path) -> Call:
        link = folder / "later.json"
        link.symlink_to(folder / "created.json")
        return Call(
            ["export", "-o", link],
            exit_code=0,
            errors=0,
            check=lambda _o, _f: eq(((folder / "created.json").exists(), link.is_symlink()), (True, True)),
        )

    def permissions(folder: Path) -> Call:
        target = folder / "shared.json"
        target.write_text("old")
        target.chmod(0o640)
        return Call(
            ["export", "-o", target],
            exit_code=0,
            errors=0,
            check=lambda _o, _f: eq(stat.S_IMODE(target.stat().st_mode), 0o640),
        )

    def new_file(folder: Path) -> Call:
        target = folder / "new.json"
        umask = os.umask(0o022)
        os.umask(umask)
        return Call(
            ["export", "-o", target],
            exit_code=0,
            errors=0,
            check=lambda _o, _f: eq(stat.S_IMODE(target.stat().st_mode), 0o666 & ~umask),
        )

    def missing_folder(folder: Path) -> Call:
        return Call(["export", "-o", folder / "missing" / "x.json"], check=stderr_has("missing"))

    def a_folder(folder: Path) -> Call:
        return Call(["export", "-o", folder], exit_code=2)

    for name, build in (
        ("/dev/full", device("/dev/full")),
        ("/dev/null", device("/dev/null")),
        ("named pipe", fifo),
        ("socket", unix_socket),
        ("symlink", symlink),
        ("dangling symlink", dangling),
        ("existing file's permissions", permissions),
        ("new file's permissions", new_file),
        ("missing folder", missing_folder),
        ("a folder", a_folder),
    ):
        yield Case(kind, name, build)


# --- 10. extract reads as ingest does (item 13) ------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour plan</title>
<meta property="og:site_name" content="Harbour Ledger"></head><body>
<nav>Home | News | "Subscribe now", says our editor</nav>
<article><h1>Harbour plan</h1>
<p>The city council wants to expand the harbour at Port Varnel this year.
"This is the wrong signal for the coast," said Anna Berg, chair of the coastal alliance.</p>
<p>Mayor Tom Reed disagreed. "We need the jobs," he said on Tuesday, adding that the plan
would be reviewed by the council in the spring.</p></article>
<footer>"Cookie" notice, said nobody</footer></body></html>
"""


def extract_inputs() -> Iterator[Case]:
    kind = "extract"

    def page(folder: Path) -> Call:
        path = folder / "page.html"
        path.write_text(PAGE, encoding="utf-8")

        def read_as_a_page(outcome: Any, _folder: Path) -> None:
            quotes = json.loads(outcome.stdout)["quotes"]
            assert {q["speaker"] for q in quotes} == {"Anna Berg", "Tom Reed"}
            assert not any(
                "<" in q["text"] or "Cookie" in q["text"] or "Subscribe" in q["text"] for q in quotes
            )

        return Call(["extract", path], exit_code=0, errors=0, own_db=True, check=read_as_a_page)

    def fifo(folder: Path) -> Call:
        pipe = folder / "pipe.txt"
        os.mkfifo(pipe)
        return Call(
            ["extract", pipe], own_db=True, process=True, timeout=60, check=stderr_has("is a named pipe")
        )

    def fifo_jsonl(folder: Path) -> Call:
        pipe = folder / "pipe.jsonl"
        os.mkfifo(pipe)
        return Call(
            ["extract", "--jsonl", pipe],
            own_db=True,
            process=True,
            timeout=60,
            check=stderr_has("is a named pipe"),
        )

    def jsonl_stdin(folder: Path) -> Call:
        lines = [
            json.dumps(jsonl_record("x1")),
            '{"id": "n", "text": "a\\u0000b \\ud800 c", "outlet": [1, 2]}',
            "[1]",
            json.dumps(jsonl_record("x2")),
        ]

        def two_read(outcome: Any, _folder: Path) -> None:
            outputs = [json.loads(line) for line in outcome.stdout.splitlines()]
            assert [o.get("id") for o in outputs] == ["x1", "n", 3, "x2"]
            assert "error" in outputs[2]

        return Call(
            ["extract", "--jsonl"], input=("\n".join(lines) + "\n").encode(), own_db=True, check=two_read
        )

    def markdown_bomb(folder: Path) -> Call:
        path = folder / "bomb.md"
        levels = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
        levels += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 10)]
        path.write_text("---\n" + "\n".join(levels) + "\n---\n" + article_text("bomb"), encoding="utf-8")
        return Call(
            ["extract", path], exit_code=0, errors=0, own_db=True, process=True, memory_limit=3_000_000_000
        )

    for name, build in (
        ("an HTML page", page),
        ("named pipe", fifo),
        ("named pipe, --jsonl", fifo_jsonl),
        ("hostile JSON lines", jsonl_stdin),
        ("Markdown alias bomb", markdown_bomb),
    ):
        yield Case(kind, name, build)


# --- 11. long runs of quotation marks (item 6) ----------------------------------------------------

# Each run is several times what took the engine 21 s when it was quadratic (80,000 marks); linear,
# it takes a second or two, so the time bound of the case tells the two apart.
QUOTE_RUNS: dict[str, str] = {
    'a run of "': '"' * 250_000,
    "a run of '": "'" * 250_000,
    "a run of dashes": "—" * 200_000,
    "mixed German marks": "„“»«‚‘" * 40_000,
    "short quoted sentences": " ".join(
        f'"We will win game {i}," coach Anna Berg said.' for i in range(6_000)
    ),
    "one quotation never closed": "“" + "We will win. " * 20_000,
}


def quote_runs() -> Iterator[Case]:
    kind = "quote runs"
    for name, run in QUOTE_RUNS.items():

        def build(folder: Path, run: str = run, name: str = name) -> Call:
            tag = "run " + name.replace('"', "dq").replace("'", "sq")
            path = folder / "runs.txt"
            path.write_text(article_text(tag) + "\n" + run + "\n", encoding="utf-8")
            return ingest_batch(folder, tag, path, errors=0, process=True, timeout=90)

        yield Case(kind, name, build)
        yield Case(
            "extract",
            f"quote runs: {name}",
            lambda folder, run=run: Call(
                ["extract", "--lang", "en", "-"],
                input=run.encode(),
                exit_code=0,
                errors=0,
                own_db=True,
                process=True,
                timeout=90,
            ),
        )


# --- the kinds ---------------------------------------------------------------------------------------

KINDS: dict[str, Callable[[], Iterator[Case]]] = {
    "file names": file_names,
    "special files": special_files,
    "sizes and streams": sizes,
    "front matter": front_matter,
    "JSON metadata": json_metadata,
    "integer options": integers,
    "text options": texts,
    "databases": databases,
    "-o targets": outputs,
    "extract": extract_inputs,
    "quote runs": quote_runs,
}


def all_cases() -> list[Case]:
    return [case for generate in KINDS.values() for case in generate()]


__all__ = ["ANY_FAILURE", "BOTH", "KINDS", "Call", "Case", "all_cases", "article_text"]
