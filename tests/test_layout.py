"""The package's layering holds: the import-linter contracts of pyproject.toml are kept, and
they are not vacuous (an upward import breaks them)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = (
    "import sys; sys.path.insert(0, '.'); from importlinter.cli import lint_imports; sys.exit(lint_imports())"
)


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports in ``cwd`` (its pyproject.toml names the contracts), in a fresh process so
    that the import graph is built from the files as they are."""
    return subprocess.run(
        [sys.executable, "-c", LINT], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_layers_and_acyclic_folders_are_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    """A stand-in package with every layer of the contract, in which the store imports the
    command line, fails the same contracts."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    package = tmp_path / "quotetrack"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for layer in layers:
        for name in layer.split("|"):
            parts = name.strip().split(".")[1:]
            folder = package.joinpath(*parts)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "__init__.py").write_text("")
    (package / "cli" / "app.py").write_text("")
    (package / "store" / "write.py").write_text("from quotetrack.cli import app\n")
    contracts = (ROOT / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(contracts[contracts.index("[tool.importlinter]") :])
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "quotetrack.store.write -> quotetrack.cli.app" in result.stdout
