"""Entity resolution: name matching (names.py), merges, unmerges, aliases and suggestions
(resolution.py), the store following merges, resolution after ingest, and the commands.

Every article here is invented (names, places, outlets); the database tests run on SQLite and,
when configured, PostgreSQL (the ``db_url`` fixture of conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_runner import invoke
from click.testing import Result
from sqlmodel import Session, SQLModel

from quotetrack.errors import QuotetrackError, UsageError
from quotetrack.facts import resolution
from quotetrack.facts.names import (
    LINK_AT,
    Candidate,
    Mention,
    NameIndex,
    fold,
    institution_key,
    spelled,
)
from quotetrack.store import db, models

ENTITY, OUTLET = resolution.ENTITY, resolution.OUTLET
PERSON, ORG = "person", "organization"


# --- helpers --------------------------------------------------------------------------------------


def qt(url: str, *args: object) -> Result:
    """``quotetrack --db URL ARGS`` in-process; an escaping exception fails the test."""
    return invoke("--db", url, *args)


def ok(url: str, *args: object) -> Result:
    result = qt(url, *args)
    assert result.exit_code == 0, result.output
    return result


def rows_of(url: str, *args: object) -> list[dict]:
    return json.loads(ok(url, *args, "--format", "json").stdout)


def refused(url: str, *args: object) -> str:
    """The one error line of a command that must fail cleanly."""
    result = qt(url, *args)
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def article(key: str, outlet: str, published: str, title: str, *paragraphs: str, lang: str = "en") -> dict:
    text = "\n\n".join([title, *paragraphs])
    return {"id": key, "outlet": outlet, "lang": lang, "published": published, "title": title, "text": text}


def ingest(url: str, tmp_path: Path, *articles: dict) -> Result:
    """One ingest run of these articles (a run resolves the speakers and outlets it created)."""
    path = tmp_path / f"{articles[0]['id']}.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return ok(url, "ingest", "--quiet", path)


@pytest.fixture
def engine(db_url) -> Iterator[sa.Engine]:
    engine = db.open_database(db.resolve_url(db_url))
    try:
        yield engine
    finally:
        engine.dispose()


def write(engine: sa.Engine):
    return db.session_scope(engine, write=True)


def add_entities(engine: sa.Engine, *names: tuple[str, str]) -> list[int]:
    """Entity rows (name, kind), without statements; their ids."""
    with write(engine) as session:
        rows = [models.Entity(name=name, name_folded=fold(name), kind=kind) for name, kind in names]
        session.add_all(rows)
        session.flush()
        return [int(row.id) for row in rows if row.id is not None]


def ids(engine: sa.Engine, kind: str, *names: str) -> list[int]:
    with db.session_scope(engine) as session:
        return [resolution.find(session, kind, name, follow=False) for name in names]


def speaker_of(session: Session, fragment: str) -> int | None:
    S = models.Statement
    query = sa.select(S.speaker_id).where(sa.func.lower(S.text).contains(fragment.lower()))
    (speaker_id,) = session.execute(query).scalars().all()
    return speaker_id


def snapshot(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table but merges (which records each merge and its undoing)."""
    found: dict[str, list[tuple]] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "merges":
                continue
            query = sa.select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in connection.execute(query)]
    return found


def merge_records(engine: sa.Engine) -> list[models.Merge]:
    with db.session_scope(engine) as session:
        rows = session.execute(sa.select(models.Merge).order_by(models.Merge.id)).scalars().all()
        session.expunge_all()
        return list(rows)


# --- the invented articles ---------------------------------------------------------------------------

MILL = article(
    "mill",
    "Lindholm Courier",
    "2031-05-02",
    "Tarnby mill to reopen",
    "TARNBY - The old grain mill in Tarnby will reopen in autumn.",
    '"We have found the money for the roof," Mayor Olga Berg told Fjord Wire on Friday.',
    '"The harbour needs the money too," said Piet Lund, a spokesman for the Tarnby Harbour Board.',
    "According to Fjord Wire, the roof costs two million crowns.",
)
MUEHLE = article(
    "muehle",
    "Nordlicht Bote",
    "2031-05-03",
    "Mühle in Tarnby öffnet wieder",
    "Tarnby – Die alte Getreidemühle öffnet im Herbst.",
    "Die Hafenverwaltung Tarnby teilte mit, die Brücke zur Mühle werde im Mai fertig.",
    "„Wir liegen im Zeitplan“, sagte Piet Lund, Sprecher der Hafenverwaltung Tarnby.",
    "Quelle: Fjord Wire",
    lang="de",
)
BRIDGE = article(
    "bridge",
    "Fjord Wire",
    "2031-05-04",
    "Tarnby bridge on schedule",
    '"The bridge to the mill will open in May," the Tarnby Harbour Board said on Saturday.',
    "Engineers said the steel had arrived.",
)
ROOF = article(
    "roof",
    "Skarvik Post",
    "2031-05-05",
    "Tarnby mill roof finished",
    '"The roof held in the first storm," Mayor Olga Berg said on Sunday.',
)


def corpus(url: str, tmp_path: Path) -> None:
    ingest(url, tmp_path, MILL, MUEHLE, BRIDGE, ROOF)


# --- names: fold, spelled, institution keys ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Annalena Bärbock", "annalena barbock"),
        ("  „Müller-Lüdenscheidt“, ", "muller-ludenscheidt"),
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("José  Álvarez", "jose alvarez"),
        ("Dr. Mao Ning.", "dr. mao ning"),
    ],
)
def test_fold(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("token", "said"),
    [
        ("baerbock", "barbock"),
        ("goethe", "gote"),
        ("mueller", "muller"),
        ("philipp", "filipp"),
        ("berg", "berg"),
    ],
)
def test_spelled(token, said):
    assert spelled(token) == said


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Chinese Foreign Ministry", "cn/foreign-ministry"),
        ("chinesisches Außenministerium", "cn/foreign-ministry"),
        ("China's foreign ministry", "cn/foreign-ministry"),
        ("Außenministerium der Volksrepublik China", "cn/foreign-ministry"),
        ("Russian Foreign Ministry", "ru/foreign-ministry"),
        ("russisches Außenministerium", "ru/foreign-ministry"),
        ("Chinas", "cn"),
        ("China", "cn"),
        ("Foreign Ministry", None),  # whose?
        ("Tarnby Harbour Board", None),
        ("Chinatown Bakery", None),  # a country's name inside a word is not the country
    ],
)
def test_institution_key(name, key):
    assert institution_key(name) == key


# --- names: the resolution rules ---------------------------------------------------------------------

BAERBOCK = Candidate(1, "Annalena Baerbock", PERSON)
MAO = Candidate(2, "Mao Ning", PERSON, roles=frozenset({"sprecherin"}))
SELENSKYJ = Candidate(3, "Wolodymyr Selenskyj", PERSON, aliases=("Volodymyr Zelensky",))
SELENSKYJ_NO_ALIAS = Candidate(3, "Wolodymyr Selenskyj", PERSON)
CN_MINISTRY = Candidate(4, "Chinese Foreign Ministry", ORG)
THOMAS = Candidate(5, "Thomas Müller", PERSON, roles=frozenset({"trainer"}))
GERD = Candidate(6, "Gerd Müller", PERSON, roles=frozenset({"trainer"}))
BERG = Candidate(7, "Olga Berg", PERSON, roles=frozenset({"mayor"}))
ALVAREZ = Candidate(8, "José Álvarez", PERSON)
LUNDE = Candidate(9, "Piet Lunde", PERSON, affiliations=frozenset({"chinese foreign ministry"}))
TRANSPORT = Candidate(10, "Bundesverkehrsministerium", ORG)

# (known rows, the name to resolve, the matches expected as (candidate id, linked), best first)
NAME_CASES = {
    "umlaut spelling": ([BAERBOCK], Mention("Annalena Bärbock", PERSON), [(1, True)]),
    "missing letter": ([BAERBOCK], Mention("Annalena Baerbok", PERSON), [(1, True)]),
    "case": ([BAERBOCK], Mention("ANNALENA BAERBOCK", PERSON), [(1, True)]),
    "accents and case": ([ALVAREZ], Mention("jose alvarez", PERSON), [(8, True)]),
    "title": ([MAO], Mention("Dr. Mao Ning", PERSON), [(2, True)]),
    "title and role word": ([BERG], Mention("Bürgermeisterin Olga Berg", PERSON), [(7, True)]),
    "transliteration through alias": ([SELENSKYJ], Mention("Volodymyr Zelensky", PERSON), [(3, True)]),
    "transliteration without alias": ([SELENSKYJ_NO_ALIAS], Mention("Volodymyr Zelensky", PERSON), []),
    "ministry in German": ([CN_MINISTRY], Mention("chinesisches Außenministerium", ORG), [(4, True)]),
    "ministry possessive": ([CN_MINISTRY], Mention("China's foreign ministry", ORG), [(4, True)]),
    "another country's ministry": ([CN_MINISTRY], Mention("Russian Foreign Ministry", ORG), []),
    "another country's ministry, German": ([CN_MINISTRY], Mention("russisches Außenministerium", ORG), []),
    "inflected compound": ([TRANSPORT], Mention("Bundesverkehrsministeriums", ORG), [(10, True)]),
    "another compound": ([TRANSPORT], Mention("Bundesgesundheitsministeriums", ORG), []),
    "a person is no ministry": ([CN_MINISTRY], Mention("Chinese Foreign Ministry", PERSON), []),
    "namesake": ([THOMAS], Mention("Gerd Müller", PERSON), []),
    "bare surname, two namesakes": ([THOMAS, GERD], Mention("Müller", PERSON), []),
    "bare surname, same role, two namesakes": (
        [THOMAS, GERD],
        Mention("Müller", PERSON, role="Trainer"),
        [(5, False), (6, False)],
    ),
    "bare surname, same role, only one": ([THOMAS], Mention("Müller", PERSON, role="Trainer"), [(5, True)]),
    "bare surname, other role": ([THOMAS], Mention("Müller", PERSON, role="Minister"), []),
    "bare family name first, same role": ([MAO], Mention("Mao", PERSON, role="Sprecherin"), [(2, True)]),
    "surname variant, same role": ([BERG], Mention("Olga Bergh", PERSON, role="Mayor"), [(7, True)]),
    "initial": ([BERG], Mention("O. Berg", PERSON), [(7, False)]),
    "initial of another name": ([BERG], Mention("K. Berg", PERSON), []),
    "other organisation lowers the score": (
        [LUNDE],
        Mention("Piet Lund", PERSON, affiliation="Russian Foreign Ministry"),
        [(9, False)],
    ),
    "own row excluded": ([BERG], Mention("Olga Berg", PERSON, exclude=7), []),
}


@pytest.mark.parametrize(("known", "mention", "expected"), NAME_CASES.values(), ids=NAME_CASES.keys())
def test_name_index(known, mention, expected):
    (matches,) = NameIndex(known).match([mention])
    assert [(m.candidate_id, m.link) for m in matches] == expected
    assert all(m.score >= 75 for m in matches)
    assert all(m.score >= LINK_AT for m in matches if m.link)


def test_name_index_thresholds():
    """A sure match is only a suggestion when the link threshold is above it; a bare surname
    without evidence is below the default suggestion threshold, and only a suggestion below it."""
    bergh = Mention("Olga Bergh", PERSON, role="Mayor")
    assert [m.link for m in NameIndex([BERG]).match([bergh])[0]] == [True]
    assert [m.link for m in NameIndex([BERG], link_at=101).match([bergh])[0]] == [False]
    assert NameIndex([THOMAS]).match([Mention("Müller", PERSON)]) == [[]]
    (low,) = NameIndex([THOMAS], suggest_at=60).match([Mention("Müller", PERSON)])
    assert [(m.candidate_id, m.link) for m in low] == [(5, False)]


def test_name_index_matches_many_names_at_once():
    index = NameIndex([BAERBOCK, MAO, CN_MINISTRY, THOMAS, GERD])
    assert len(index) == 5
    found = index.match(
        [
            Mention("Annalena Bärbock", PERSON),
            Mention("Ilse Marten", PERSON),
            Mention("chinesisches Außenministerium", ORG),
            Mention("Gerd Mueller", PERSON),
        ]
    )
    assert [[(m.candidate_id, m.link) for m in row] for row in found] == [
        [(1, True)],
        [],
        [(4, True)],
        [(6, True)],
    ]


# --- find and aliases ---------------------------------------------------------------------------------


def test_find_by_id_name_alias_and_following_merges(engine):
    thomas, gerd, berg = add_entities(
        engine, ("Thomas Müller", PERSON), ("Gerd Müller", PERSON), ("Olga Berg", PERSON)
    )
    with write(engine) as session:
        assert resolution.find(session, ENTITY, thomas) == thomas
        assert resolution.find(session, ENTITY, str(gerd)) == gerd
        assert resolution.find(session, ENTITY, "THOMAS MUELLER") == thomas
        assert resolution.find(session, ENTITY, "thomas müller") == thomas
        assert resolution.add_alias(session, ENTITY, berg, "Bürgermeisterin Berg")
        assert resolution.find(session, ENTITY, "bürgermeisterin berg") == berg
        with pytest.raises(QuotetrackError, match="names 2 speakers"):
            resolution.find(session, ENTITY, "Müller")
        with pytest.raises(QuotetrackError, match="no speaker with id 999"):
            resolution.find(session, ENTITY, 999)
        with pytest.raises(QuotetrackError, match="no speaker named"):
            resolution.find(session, ENTITY, "Hedda Quist")
        resolution.merge(session, ENTITY, thomas, gerd)
    with db.session_scope(engine) as session:
        assert resolution.find(session, ENTITY, "Gerd Müller") == thomas
        assert resolution.find(session, ENTITY, "Gerd Müller", follow=False) == gerd


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("²", "'²' is no speaker id: write ids in the digits 0-9"),
        ("١٢", "'١٢' is no speaker id: write ids in the digits 0-9"),
        (" ٣ ", "'٣' is no speaker id: write ids in the digits 0-9"),
        ("2147483648", "2147483648 is no speaker id: ids are whole numbers from 1 to 2,147,483,647"),
        pytest.param("9" * 5000, "(5,000 digits) is no speaker id: ids are", id="5000 nines"),
        ("0", "0 is no speaker id"),
        (2**63, f"{2**63} is no speaker id"),
        pytest.param(10**5000, "the number given is no speaker id", id="10**5000"),
        (-1, "-1 is no speaker id"),
    ],
)
def test_find_refuses_ids_no_row_can_have(engine, value, message):
    """An id in digits other than 0-9 or beyond the id column's range is refused with one message
    (a UsageError), never handed to int() or to SQL (where PostgreSQL refuses a number beyond 32
    bits and SQLite's driver one beyond 64)."""
    (known,) = add_entities(engine, ("Olga Berg", PERSON))
    with write(engine) as session:
        with pytest.raises(UsageError) as refused:
            resolution.find(session, ENTITY, value)
        assert message in str(refused.value)
        assert resolution.find(session, ENTITY, f" {known} ") == known
        with pytest.raises(QuotetrackError, match="no outlet with id 2147483647"):
            resolution.find(session, OUTLET, "2147483647")


def test_aliases(engine):
    (selenskyj,) = add_entities(engine, ("Wolodymyr Selenskyj", PERSON))
    with write(engine) as session:
        assert resolution.add_alias(session, ENTITY, selenskyj, "Volodymyr Zelensky")
        assert not resolution.add_alias(session, ENTITY, selenskyj, " volodymyr zelensky ")
        assert not resolution.add_alias(session, ENTITY, selenskyj, "WOLODYMYR SELENSKYJ")  # its name
        assert resolution.add_alias(session, ENTITY, selenskyj, "Wolodymyr Selenskij")
        with pytest.raises(QuotetrackError, match="empty"):
            resolution.add_alias(session, ENTITY, selenskyj, " „“ ")
        with pytest.raises(QuotetrackError, match="no speaker with id 999"):
            resolution.add_alias(session, ENTITY, 999, "Somebody")
    with db.session_scope(engine) as session:
        assert resolution.aliases(session, ENTITY, selenskyj) == ["Volodymyr Zelensky", "Wolodymyr Selenskij"]
        assert resolution.find(session, ENTITY, "Volodymyr Zelensky") == selenskyj
        (candidate,) = resolution.candidates(session, ENTITY)
        assert candidate.aliases and set(candidate.aliases) == {"Volodymyr Zelensky", "Wolodymyr Selenskij"}
        assert resolution.match_names(session, ENTITY, ["Volodymyr Zelensky"])[0][0].candidate_id == selenskyj


def test_ingest_attributes_an_alias_to_its_speaker(db_url, engine, tmp_path):
    ingest(db_url, tmp_path, MILL)
    (berg,) = ids(engine, ENTITY, "Olga Berg")
    with write(engine) as session:
        assert resolution.add_alias(session, ENTITY, berg, "Olga Bergová")
    ingest(
        db_url,
        tmp_path,
        article(
            "ferry",
            "Lindholm Courier",
            "2031-05-06",
            "Ferry to Tarnby",
            '"The ferry will stop at the mill," Mayor Olga Bergová said on Monday.',
        ),
    )
    with db.session_scope(engine) as session:
        assert speaker_of(session, "stop at the mill") == berg
        assert resolution.merges(session) == []


# --- resolve, suggestions, decide ---------------------------------------------------------------------


def ministries(engine: sa.Engine) -> list[int]:
    return add_entities(
        engine,
        ("Chinese Foreign Ministry", ORG),
        ("chinesisches Außenministerium", ORG),
        ("Russian Foreign Ministry", ORG),
    )


def test_resolve_without_link_only_suggests(engine):
    chinese, german, russian = ministries(engine)
    before = snapshot(engine)
    with write(engine) as session:
        found = resolution.resolve(session, ENTITY, link=False)
    assert (found.compared, found.linked, found.suggested) == (3, [], 1)
    after = snapshot(engine)
    assert after["entities"] == before["entities"]
    assert merge_records(engine) == []
    with db.session_scope(engine) as session:
        (row,) = resolution.suggestions(session, ENTITY)
        assert (row.subject_id, row.candidate_id, row.score, row.status) == (
            german,
            chinese,
            100.0,
            "pending",
        )
        assert "institution" in (row.reason or "")
        assert russian not in (row.subject_id, row.candidate_id)
        assert resolution.suggestions(session, OUTLET) == []
    with write(engine) as session:  # a second pass suggests nothing new
        assert resolution.resolve(session, ENTITY, link=False).suggested == 0
    assert snapshot(engine) == after


def test_reject_is_remembered(engine):
    _, german, _ = ministries(engine)
    with write(engine) as session:
        resolution.resolve(session, ENTITY, link=False)
        (row,) = resolution.suggestions(session, ENTITY)
        assert resolution.decide(session, row.id, accept=False) is None
    with write(engine) as session:
        assert resolution.suggestions(session, ENTITY) == []
        assert [r.id for r in resolution.suggestions(session, ENTITY, status="rejected")] == [row.id]
        again = resolution.resolve(session, ENTITY, link=False)
        assert again.suggested == 0
        linking = resolution.resolve(session, ENTITY)  # nor is a rejected pair linked
        assert (linking.linked, linking.suggested) == ([], 0)
        with pytest.raises(QuotetrackError, match="rejected already"):
            resolution.decide(session, row.id, accept=True)
    with db.session_scope(engine) as session:
        assert resolution.find(session, ENTITY, german) == german
        assert resolution.suggestions(session, ENTITY) == []


def test_accept_merges_and_can_be_undone(engine):
    chinese, german, _ = ministries(engine)
    with write(engine) as session:
        resolution.resolve(session, ENTITY, link=False)
    before = snapshot(engine)
    with write(engine) as session:
        (row,) = resolution.suggestions(session, ENTITY)
        merged = resolution.decide(session, row.id, accept=True)
        assert merged is not None
        assert (merged.kept_id, merged.merged_id, merged.reason) == (chinese, german, "suggestion accepted")
        with pytest.raises(QuotetrackError, match="accepted already"):
            resolution.decide(session, row.id, accept=True)
        with pytest.raises(QuotetrackError, match="no suggestion with id 999"):
            resolution.decide(session, 999, accept=False)
    with db.session_scope(engine) as session:
        assert resolution.find(session, ENTITY, "chinesisches Außenministerium") == chinese
        assert resolution.suggestions(session, ENTITY) == []
        assert [s.id for s in resolution.suggestions(session, ENTITY, status="accepted")] == [row.id]
    with write(engine) as session:
        resolution.unmerge(session, merged.id)
    assert snapshot(engine) == before  # the suggestion is pending again


def test_resolve_links_sure_matches(engine):
    chinese, german, russian = ministries(engine)
    with write(engine) as session:
        found = resolution.resolve(session, ENTITY, subject_ids=[german, russian])
    (linked,) = found.linked
    assert (linked.kept_id, linked.merged_id, linked.score) == (chinese, german, 100.0)
    assert found.suggested == 0
    with db.session_scope(engine) as session:
        assert session.get(models.Entity, german).merged_into_id == chinese
        assert session.get(models.Entity, russian).merged_into_id is None
        assert [m.id for m in resolution.merges(session, kind=ENTITY)] == [linked.id]


def test_resolve_suggests_spelling_variants(engine):
    berg, bergh, _ = add_entities(
        engine, ("Olga Berg", PERSON), ("Olga Bergh", PERSON), ("Thomas Müller", PERSON)
    )
    with write(engine) as session:
        found = resolution.resolve(session, ENTITY, link=False)
        assert found.suggested == 1
        (row,) = resolution.suggestions(session, ENTITY)
        assert (row.subject_id, row.candidate_id) == (bergh, berg)


# --- merge and unmerge restore the state exactly ----------------------------------------------------


def test_merge_and_unmerge_speakers_exactly(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    board, verwaltung, lund = ids(
        engine, ENTITY, "Tarnby Harbour Board", "Hafenverwaltung Tarnby", "Piet Lund"
    )
    with write(engine) as session:  # a pending suggestion for the pair, and one for another pair
        session.add(
            models.MatchSuggestion(kind=ENTITY, subject_id=verwaltung, candidate_id=board, score=80.0)
        )
        session.add(models.MatchSuggestion(kind=ENTITY, subject_id=lund, candidate_id=board, score=76.0))
    before = snapshot(engine)
    S = models.Statement
    with write(engine) as session:
        spoken = session.execute(sa.select(S.id).where(S.speaker_id == verwaltung)).scalars().all()
        affiliated = session.execute(sa.select(S.id).where(S.affiliation_id == verwaltung)).scalars().all()
        assert spoken and affiliated  # the German board speaks, and a spokesman speaks for it
        row = resolution.merge(session, ENTITY, board, verwaltung)
        assert row.moved == len(spoken) + len(affiliated)
    with db.session_scope(engine) as session:
        assert session.execute(sa.select(sa.func.count()).where(S.speaker_id == verwaltung)).scalar() == 0
        assert session.execute(sa.select(sa.func.count()).where(S.affiliation_id == verwaltung)).scalar() == 0
        moved = session.execute(
            sa.select(S.speaker_id, S.affiliation_id).where(S.id.in_(spoken + affiliated))
        )
        assert all(board in pair for pair in moved)
        suggested = sa.select(models.MatchSuggestion.subject_id, models.MatchSuggestion.status)
        statuses = {subject: status for subject, status in session.execute(suggested)}
        assert statuses == {verwaltung: "accepted", lund: "pending"}
    speakers = {r["name"]: r for r in rows_of(db_url, "speakers")}
    assert "Hafenverwaltung Tarnby" not in speakers
    assert speakers["Tarnby Harbour Board"]["statements"] == 2  # BRIDGE and MUEHLE
    with write(engine) as session:
        undone = resolution.unmerge(session, kind=ENTITY, row_id=verwaltung)
        assert undone.id == row.id and undone.undone_at is not None
    assert snapshot(engine) == before
    (record,) = merge_records(engine)
    assert (record.kind, record.kept_id, record.merged_id) == (ENTITY, board, verwaltung)
    assert record.undone_at is not None
    with db.session_scope(engine) as session:
        assert resolution.merges(session) == []
        assert [m.id for m in resolution.merges(session, include_undone=True)] == [row.id]


def test_merge_and_unmerge_outlets_exactly(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    fjordwire, wire = ids(engine, OUTLET, "Skarvik Post", "Fjord Wire")
    A, S, L = models.Article, models.Statement, models.Link
    references = {
        "articles.outlet_id": (A, A.outlet_id),
        "articles.via_outlet_id": (A, A.via_outlet_id),
        "statements.source_id": (S, S.source_id),
        "links.to_outlet_id": (L, L.to_outlet_id),
    }

    def pointing_at(outlet_id: int) -> dict[str, list[int]]:
        with db.session_scope(engine) as session:
            return {
                name: session.execute(sa.select(table.id).where(column == outlet_id).order_by(table.id))
                .scalars()
                .all()
                for name, (table, column) in references.items()
            }

    of_wire = pointing_at(wire)
    assert all(of_wire.values()), of_wire  # Fjord Wire publishes, is relayed, quoted and linked to
    of_fjordwire = pointing_at(fjordwire)
    before = snapshot(engine)
    with write(engine) as session:
        row = resolution.merge(session, OUTLET, fjordwire, wire)
        assert row.moved == sum(len(v) for v in of_wire.values())
    assert pointing_at(wire) == {name: [] for name in references}
    assert pointing_at(fjordwire) == {name: sorted(of_fjordwire[name] + of_wire[name]) for name in references}
    outlets = {r["name"]: r["articles"] for r in rows_of(db_url, "outlets")}
    assert (outlets["Skarvik Post"], outlets.get("Fjord Wire", 0)) == (2, 0)
    with write(engine) as session:
        resolution.unmerge(session, row.id)
    assert snapshot(engine) == before
    assert [(m.kind, m.undone_at is not None) for m in merge_records(engine)] == [(OUTLET, True)]


def test_chained_merges_undo_in_reverse_order(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    lund, verwaltung, board = ids(
        engine, ENTITY, "Piet Lund", "Hafenverwaltung Tarnby", "Tarnby Harbour Board"
    )
    start = snapshot(engine)
    with write(engine) as session:
        first = resolution.merge(session, ENTITY, verwaltung, board)  # C into B
    middle = snapshot(engine)
    with write(engine) as session:
        second = resolution.merge(session, ENTITY, lund, verwaltung)  # B into A
    with db.session_scope(engine) as session:
        assert session.get(models.Entity, board).merged_into_id == lund  # C follows B
        assert resolution.find(session, ENTITY, "Tarnby Harbour Board") == lund
        with pytest.raises(QuotetrackError, match=f"merge #{second.id} came later"):
            resolution.unmerge(session, first.id)
        with pytest.raises(QuotetrackError, match="is merged into"):
            resolution.merge(session, ENTITY, board, lund)
    with write(engine) as session:
        resolution.unmerge(session, second.id)
    assert snapshot(engine) == middle
    with write(engine) as session:
        with pytest.raises(QuotetrackError, match="undone already"):
            resolution.unmerge(session, second.id)
        resolution.unmerge(session, first.id)
    assert snapshot(engine) == start
    with db.session_scope(engine) as session:
        assert resolution.merges(session) == []
        assert len(resolution.merges(session, include_undone=True)) == 2


def test_merge_refuses(engine):
    berg, bergh = add_entities(engine, ("Olga Berg", PERSON), ("Olga Bergh", PERSON))
    with write(engine) as session:
        with pytest.raises(QuotetrackError, match="into itself"):
            resolution.merge(session, ENTITY, berg, berg)
        with pytest.raises(QuotetrackError, match="no speaker with id 999"):
            resolution.merge(session, ENTITY, berg, 999)
        with pytest.raises(QuotetrackError, match="no outlet with id"):
            resolution.merge(session, OUTLET, berg, bergh)
        with pytest.raises(QuotetrackError, match="unknown kind"):
            resolution.merge(session, "claim", berg, bergh)
        with pytest.raises(QuotetrackError, match="no merge with id 5"):
            resolution.unmerge(session, 5)
        with pytest.raises(QuotetrackError, match="no merge of speaker"):
            resolution.unmerge(session, kind=ENTITY, row_id=berg)


# --- the store follows merges; resolution after ingest ---------------------------------------------


def test_ingest_follows_a_merge(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    board, verwaltung = ids(engine, ENTITY, "Tarnby Harbour Board", "Hafenverwaltung Tarnby")
    with write(engine) as session:
        resolution.merge(session, ENTITY, board, verwaltung)
    before = len(rows_of(db_url, "speakers"))
    ingest(
        db_url,
        tmp_path,
        article(
            "kai",
            "Nordlicht Bote",
            "2031-05-07",
            "Neuer Kai in Tarnby",
            "Die Hafenverwaltung Tarnby teilte mit, der neue Kai werde im Juni eröffnet.",
            lang="de",
        ),
    )
    with db.session_scope(engine) as session:
        assert speaker_of(session, "neue Kai") == board
    assert len(rows_of(db_url, "speakers")) == before


def test_ingest_links_the_same_ministry_and_the_merge_can_be_undone(db_url, engine, tmp_path):
    ingest(
        db_url,
        tmp_path,
        article(
            "talks",
            "Lindholm Courier",
            "2031-06-01",
            "Fishing talks to go on",
            "The talks on fishing rights off Varnel will go on next month, "
            "the Chinese Foreign Ministry said on Monday.",
        ),
    )
    ingest(
        db_url,
        tmp_path,
        article(
            "talks2",
            "Lindholm Courier",
            "2031-06-03",
            "Fishing talks resume",
            "The fishing talks resumed in Varnel on Tuesday, China's foreign ministry said.",
            "The talks were a mistake, the Russian Foreign Ministry said on Wednesday.",
        ),
    )
    chinese, possessive, russian = ids(
        engine, ENTITY, "Chinese Foreign Ministry", "China's foreign ministry", "Russian Foreign Ministry"
    )
    with db.session_scope(engine) as session:
        (row,) = resolution.merges(session)
        assert (row.kept_id, row.merged_id, row.score) == (chinese, possessive, 100.0)
        assert speaker_of(session, "resumed in Varnel") == chinese
        assert speaker_of(session, "were a mistake") == russian
        assert resolution.suggestions(session, ENTITY) == []
    assert "Separated" in ok(db_url, "unmerge", row.id).stdout
    with db.session_scope(engine) as session:
        assert speaker_of(session, "resumed in Varnel") == possessive


def mayor_article(key: str, name: str, published: str) -> dict:
    return article(
        key,
        "Lindholm Courier",
        published,
        f"Tarnby mill news {key}",
        f'"The mill will open its doors on the first of October," Mayor {name} said on Thursday.',
    )


def test_ingest_title_is_the_same_speaker(db_url, engine, tmp_path):
    ingest(db_url, tmp_path, MILL)
    ingest(db_url, tmp_path, mayor_article("dr", "Dr. Olga Berg", "2031-05-09"))
    (berg,) = ids(engine, ENTITY, "Olga Berg")
    with db.session_scope(engine) as session:
        assert speaker_of(session, "first of October") == berg
    (speaker,) = [r for r in rows_of(db_url, "speakers") if "Berg" in r["name"]]
    assert (speaker["name"], speaker["statements"]) == ("Olga Berg", 2)


def test_ingest_links_a_spelling_variant_with_the_same_role(db_url, engine, tmp_path):
    ingest(db_url, tmp_path, MILL)
    ingest(db_url, tmp_path, mayor_article("bergh", "Olga Bergh", "2031-05-09"))
    berg, bergh = ids(engine, ENTITY, "Olga Berg", "Olga Bergh")
    with db.session_scope(engine) as session:
        (row,) = resolution.merges(session)
        assert (row.kept_id, row.merged_id) == (berg, bergh)
        assert speaker_of(session, "first of October") == berg
    ok(db_url, "unmerge", "--speaker", "Olga Bergh")
    with db.session_scope(engine) as session:
        assert speaker_of(session, "first of October") == bergh


# --- the commands ---------------------------------------------------------------------------------------


def test_cli_merge_unmerge_speakers(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    before = snapshot(engine)
    merged = ok(db_url, "merge", "Tarnby Harbour Board", "Hafenverwaltung Tarnby")
    assert merged.stdout.startswith("Merged speaker #")
    assert "Undo with: quotetrack unmerge 1" in merged.stderr
    speakers = {r["name"]: r["statements"] for r in rows_of(db_url, "speakers")}
    assert speakers["Tarnby Harbour Board"] == 2 and "Hafenverwaltung Tarnby" not in speakers
    quotes = rows_of(db_url, "quotes", "--speaker", "Tarnby Harbour Board")
    assert {q["speaker"] for q in quotes} == {"Tarnby Harbour Board"} and len(quotes) == 2
    separated = ok(db_url, "unmerge", "--speaker", "Hafenverwaltung Tarnby")
    assert separated.stdout.startswith("Separated speaker #")
    assert snapshot(engine) == before
    assert ok(db_url, "unmerge", "--list", "--format", "table").stdout.strip() in ("", "[]")


def test_cli_quotes_by_a_merged_name(db_url, tmp_path):
    corpus(db_url, tmp_path)
    ok(db_url, "merge", "Tarnby Harbour Board", "Hafenverwaltung Tarnby")
    quotes = rows_of(db_url, "quotes", "--speaker", "Hafenverwaltung Tarnby")
    assert len(quotes) == 2
    assert {q["speaker"] for q in quotes} == {"Tarnby Harbour Board"}


def test_cli_merge_outlets(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    before = snapshot(engine)
    merged = ok(db_url, "merge", "--outlets", "Skarvik Post", "Fjord Wire")
    assert merged.stdout.startswith("Merged outlet #")
    articles = rows_of(db_url, "articles", "--outlet", "Skarvik Post")
    assert {a["title"] for a in articles} == {BRIDGE["title"], ROOF["title"]}
    ok(db_url, "unmerge", "--outlet", "Fjord Wire")
    assert snapshot(engine) == before


def test_cli_unmerge_list_json(db_url, tmp_path):
    corpus(db_url, tmp_path)
    ok(db_url, "merge", "Tarnby Harbour Board", "Hafenverwaltung Tarnby")
    (row,) = rows_of(db_url, "unmerge", "--list")
    assert (row["kept"], row["merged"], row["id"]) == ("Tarnby Harbour Board", "Hafenverwaltung Tarnby", 1)


def test_cli_alias(db_url, engine, tmp_path):
    corpus(db_url, tmp_path)
    added = ok(db_url, "alias", "add", "Tarnby Harbour Board", "Hafenverwaltung von Tarnby", "Harbour Board")
    assert added.stdout.count("Added") == 2
    again = ok(db_url, "alias", "add", "tarnby harbour board", "HARBOUR BOARD")
    assert again.stdout.startswith("Already known:")
    listed = ok(db_url, "alias", "list", "Harbour Board").stdout.splitlines()
    assert listed == ["Hafenverwaltung von Tarnby", "Harbour Board"]
    ok(db_url, "alias", "add", "--outlets", "Fjord Wire", "Fjord Wire Agency")
    assert ok(db_url, "alias", "list", "--outlets", "Fjord Wire Agency").stdout == "Fjord Wire Agency\n"
    assert ok(db_url, "alias", "list", "Piet Lund").stdout == ""


def test_cli_dedupe_review(db_url, engine):
    chinese, german, _ = ministries(engine)
    (row,) = rows_of(db_url, "dedupe")
    assert (row["subject_id"], row["candidate_id"], row["score"]) == (german, chinese, 100.0)
    assert merge_records(engine) == []  # nothing is merged without --accept
    assert rows_of(db_url, "dedupe", "--no-refresh") == [row]
    assert rows_of(db_url, "dedupe", "--outlets") == []
    rejected = ok(db_url, "dedupe", "--reject", row["id"])
    assert f"Rejected suggestion {row['id']}" in rejected.stderr
    assert rows_of(db_url, "dedupe") == []
    with write(engine) as session:  # a new pair, to accept
        session.add(
            models.Entity(
                name="China's foreign ministry", name_folded=fold("China's foreign ministry"), kind=ORG
            )
        )
    # it is the same institution as both, so neither is linked: two suggestions, the rejected
    # pair is not among them
    new = rows_of(db_url, "dedupe")
    assert sorted((r["subject"], r["candidate_id"]) for r in new) == [
        ("China's foreign ministry", chinese),
        ("China's foreign ministry", german),
    ]
    (chosen,) = [r for r in new if r["candidate_id"] == chinese]
    accepted = ok(db_url, "dedupe", "--accept", chosen["id"])
    assert "Merged speaker" in accepted.stderr
    (merge,) = merge_records(engine)
    assert (merge.kept_id, merge.merged_id) == (chinese, chosen["subject_id"])
    assert chosen["id"] not in {r["id"] for r in rows_of(db_url, "dedupe", "--no-refresh")}


def test_cli_dedupe_finds_spelling_variants(db_url, engine):
    berg, bergh = add_entities(engine, ("Olga Berg", PERSON), ("Olga Bergh", PERSON))
    rows = rows_of(db_url, "dedupe", "--threshold", "80")
    assert [(r["subject_id"], r["candidate_id"]) for r in rows] == [(bergh, berg)]


def test_cli_dedupe_threshold(db_url, engine):
    ministries(engine)
    assert len(rows_of(db_url, "dedupe", "--threshold", "100")) == 1
    refused(db_url, "dedupe", "--threshold", "101")


def test_cli_user_errors(db_url, engine):
    thomas, gerd = add_entities(engine, ("Thomas Mahler", PERSON), ("Gerd Mahler", PERSON))
    assert "into itself" in refused(db_url, "merge", thomas, "Thomas Mahler")
    assert "no speaker with id 999" in refused(db_url, "merge", thomas, 999)
    assert "names 2 speakers" in refused(db_url, "merge", "Mahler", thomas)
    assert "no outlet" in refused(db_url, "merge", "--outlets", "Fjord Wire", "Skarvik Post")
    assert "no merge with id 7" in refused(db_url, "unmerge", 7)
    assert "give one merge number" in refused(db_url, "unmerge")
    assert "no speaker named" in refused(db_url, "alias", "add", "Hedda Quist", "H. Quist")
    assert "no suggestion with id 42" in refused(db_url, "dedupe", "--accept", 42)
    ok(db_url, "merge", thomas, gerd)
    assert "is merged into" in refused(db_url, "merge", gerd, thomas)
    ok(db_url, "unmerge", 1)
    assert "undone already" in refused(db_url, "unmerge", 1)
    assert "no merge of speaker" in refused(db_url, "unmerge", "--speaker", "Gerd Mahler")


def test_cli_refuses_undoing_an_earlier_merge_first(db_url, engine):
    a, b, c = add_entities(engine, ("Ilse Marten", PERSON), ("Ilse Martens", PERSON), ("I. Marten", PERSON))
    ok(db_url, "merge", b, c)
    ok(db_url, "merge", a, b)
    assert "merge #2 came later" in refused(db_url, "unmerge", 1)
    ok(db_url, "unmerge", 2)
    ok(db_url, "unmerge", 1)
    with db.session_scope(engine) as session:
        assert [session.get(models.Entity, i).merged_into_id for i in (a, b, c)] == [None, None, None]
