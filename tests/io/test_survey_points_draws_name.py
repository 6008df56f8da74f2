"""A points.json whose «draws_file» no file system can name is refused, located (the fuzz found
it: Path.exists raised OSError «File name too long»)."""

from __future__ import annotations

import json

import pytest

from parindex.core.problems import InputError
from parindex.io.survey_points import read_survey
from tests.fuzz.importers import _survey_files


@pytest.mark.parametrize("name", ["[" * 300 + "points.draws.npz", "x" * 5000])
def test_a_draws_file_name_no_file_system_takes_is_a_located_error(tmp_path, name):
    data = json.loads(_survey_files()[0])
    data["draws_file"] = name
    path = tmp_path / "points.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_survey(path)
    assert any(p.file and "draws_file" in p.message for p in caught.value.problems)
