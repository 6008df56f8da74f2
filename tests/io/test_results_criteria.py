"""results.json carries each unit's criteria, and reads old files that have none."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from parindex.core.problems import InputError
from parindex.io.results_json import FORMAT, dumps, parse_results, to_dict, without_scores
from tests.core.test_criterion_results import run_of


@pytest.fixture(scope="module")
def text() -> str:
    return dumps(to_dict(run_of(block_by="kind")))


def test_the_framework_part_names_each_fields_criteria(text):
    fields = json.loads(text)["framework"]["fields"]
    assert fields[0]["criteria"] == [
        {"code": "1.1", "name": "Kế hoạch CCHC", "max": 3},
        {"code": "1.2", "name": "Báo cáo CCHC", "max": 3},
    ]
    assert fields[1]["criteria"] == []  # field 2 is itself a leaf


def test_a_unit_carries_its_criteria_as_columns_in_framework_order(text):
    unit = next(u for u in json.loads(text)["units"] if u["unit"] == "Y")
    assert unit["criteria"] == {
        "score": [2, 2, 0],
        "max": [3, 3, 0],
        "percent": [66.67, 66.67, None],
        "rank": [2, 2, None],
    }


def test_criteria_read_back_as_written(text):
    run = parse_results(text)
    plan = run.unit("X").criteria.get("1.1")
    assert plan is not None
    assert (plan.name, plan.score, plan.max, plan.percent, plan.rank, plan.of, plan.field) == (
        "Kế hoạch CCHC",
        Decimal(2),
        Decimal(3),
        Decimal("66.67"),
        2,
        3,
        "1",
    )
    assert [c.code for c in run.unit("X").criteria.of_field("3")] == ["3.1"]
    assert run.framework.fields[0].criteria[1].name == "Báo cáo CCHC"


def test_the_pages_summary_keeps_the_criteria(text):
    assert parse_results(without_scores(text)).unit("Z").criteria.get("1.2").rank == 3


def test_a_results_file_written_before_criteria_reads_with_none():
    data = json.loads(dumps(to_dict(run_of())))
    for field in data["framework"]["fields"]:
        del field["criteria"]
    for unit in data["units"]:
        del unit["criteria"]
    run = parse_results(json.dumps(data))
    assert len(run.unit("X").criteria) == 0
    assert list(run.unit("X").criteria) == []
    assert run.framework.fields[0].criteria == ()


def test_criteria_that_do_not_match_the_framework_are_a_located_problem(text):
    data = json.loads(text)
    data["units"][0]["criteria"]["score"].pop()
    with pytest.raises(InputError) as caught:
        parse_results(json.dumps(data), "results.json")
    (problem,) = caught.value.problems
    assert problem.file == "results.json"
    assert "đơn vị thứ 1" in problem.message and "3 tiêu chí" in problem.message
    assert data["format"] == FORMAT
