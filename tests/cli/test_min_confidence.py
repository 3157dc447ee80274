"""``--min-confidence`` keeps the statements the engine is at least that sure of."""

from __future__ import annotations

import json

from cli_runner import invoke

ARTICLE = (
    "Fähre fährt wieder\n\n"
    "„Die Fähre fährt ab Juni wieder“, sagte Bürgermeisterin Lena Brandt am Montag. "
    "„Sie wird auch am Wochenende fahren“, fügte sie hinzu.\n\n"
    "„Das wird teuer“, hieß es im Rathaus.\n"
)


def test_quotes_and_export_filter_by_confidence(tmp_path):
    db = f"sqlite:///{tmp_path / 'q.db'}"
    path = tmp_path / "faehre.de.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert invoke("--db", db, "ingest", "--quiet", "--lang", "de", path).exit_code == 0

    def rows(*options: str) -> list[dict]:
        result = invoke("--db", db, "quotes", "--format", "json", *options)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout or "[]")

    every = rows()
    assert len(every) == 3
    sure = rows("--min-confidence", "0.9")
    assert [r["speaker"] for r in sure] == ["Lena Brandt"]
    assert all(r["confidence"] >= 0.9 for r in sure)
    confidences = sorted(r["confidence"] for r in every)
    middle = rows("--min-confidence", str(confidences[1]))
    assert len(middle) == 2 and min(r["confidence"] for r in middle) == confidences[1]
    exported = invoke("--db", db, "export", "--format", "jsonl", "--min-confidence", "0.9")
    assert exported.exit_code == 0
    assert [json.loads(line)["speaker"] for line in exported.stdout.splitlines()] == ["Lena Brandt"]
    bad = invoke("--db", db, "quotes", "--min-confidence", "2")
    assert bad.exit_code != 0 and "--min-confidence" in bad.output
