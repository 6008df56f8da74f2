"""The files that crashed an importer (fuzzing for issue 12), kept as regression cases: each
one is read or refused with located problems — never a traceback. A new crashing file goes
into ``corpus/<importer>/<what is wrong>.bin`` (a few KB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.importers import IMPORTERS, outcome

CORPUS = Path(__file__).with_name("corpus")
CASES = sorted(CORPUS.glob("*/*.bin"))


def test_every_corpus_folder_names_an_importer():
    assert CASES and {case.parent.name for case in CASES} <= set(IMPORTERS)


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_file_that_once_crashed_its_importer_gets_a_located_answer(case):
    outcome(IMPORTERS[case.parent.name], case.read_bytes())


@pytest.mark.parametrize("importer", ["scores_csv", "units_csv", "survey_plain"])
def test_a_cell_over_128k_characters_is_refused_at_its_row(importer):
    """Made here rather than kept: a cell this long is larger than the corpus' files."""
    seed = IMPORTERS[importer].seed()
    header, rest = seed.split(b"\n", 1)
    outcome(IMPORTERS[importer], header + b"\n" + b"A," + b"x" * 140_000 + b"\n" + rest)
