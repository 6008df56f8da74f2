"""Modules stay small and named by their job: none over 600 lines (issue 9)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "parindex"
LIMIT = 600


def test_no_module_is_over_600_lines():
    sizes = {
        str(path.relative_to(SRC)): len(path.read_text(encoding="utf-8").splitlines())
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts
    }
    assert sizes, "the scan reads the package"
    assert {name: n for name, n in sizes.items() if n > LIMIT} == {}
