"""The script that builds the German-English word table from the Ding dictionary: which pairs an
entry gives. The entries are written here in Ding's format."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_bilingual.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_bilingual", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_combined_placeholders_and_pronouns_leave_the_word():
    pairs = _script().pairs(
        [
            "jdn./etw. beschnuppern {vt} | beschnuppernd | er/sie beschnuppert :: "
            "to sniff sb./sth. | sniffing | he/she sniffs",
        ]
    )
    assert pairs["beschnuppern"] == ["sniff"]
    assert pairs["beschnuppernd"] == ["sniffing"]
    assert pairs["beschnuppert"] == ["sniffs"]


def test_phrases_and_parts_out_of_step_give_no_pair():
    pairs = _script().pairs(
        [
            "einen Bock schießen {vi} :: to make a blunder",
            "Knopfzelle {f} | Knopfzellen {pl} :: button cell",
        ]
    )
    assert "bock" not in pairs and "schiessen" not in pairs
    assert "knopfzelle" not in pairs  # "button cell" is a phrase
    assert "knopfzellen" not in pairs
