"""Loading a framework reports every problem at once, each with its code path."""

from decimal import Decimal

import pytest

from parindex.core.framework import parse_framework
from parindex.core.problems import InputError
from tests.conftest import FIVE_CLASSES, make_framework


def problems_of(data):
    with pytest.raises(InputError) as exc:
        parse_framework(data)
    return [str(p) for p in exc.value.problems]


def base(**changes):
    data = {
        "id": "x",
        "name": "X",
        "level": "district",
        "year": 2022,
        "classes": FIVE_CLASSES,
        "fields": [{"code": "1", "name": "A", "max": 10}],
    }
    data.update(changes)
    return data


def test_it_reads_a_valid_tree_with_parent_maxima():
    fw = make_framework(
        [
            {
                "code": "1",
                "name": "Chỉ đạo",
                "max": Decimal("2.5"),
                "children": [
                    {"code": "1.1", "name": "Kế hoạch", "max": 2},
                    {
                        "code": "1.2",
                        "name": "Báo cáo",
                        "children": [{"code": "1.2.1", "name": "Đúng hạn", "max": Decimal("0.5")}],
                    },
                ],
            },
            {"code": "9", "name": "Điều tra xã hội học", "max": 25, "source": "survey"},
        ]
    )
    assert [leaf.code for leaf in fw.leaves] == ["1.1", "1.2.1", "9"]
    assert fw.max_points == Decimal("27.5")
    assert fw.part_max("survey") == 25
    assert fw.node("1.2").max == Decimal("0.5")
    assert fw.family == fw.id


def test_it_reports_a_parent_whose_children_do_not_add_up():
    messages = problems_of(
        base(
            fields=[
                {
                    "code": "1",
                    "name": "A",
                    "children": [
                        {
                            "code": "1.2",
                            "name": "B",
                            "max": 3,
                            "children": [
                                {"code": "1.2.1", "name": "C", "max": 2},
                                {"code": "1.2.2", "name": "D", "max": Decimal("0.5")},
                            ],
                        }
                    ],
                }
            ]
        )
    )
    assert messages == ["1.2: tổng điểm các tiêu chí con là 2,5 nhưng điểm tối đa là 3"]


def test_it_reports_every_problem_at_once():
    messages = problems_of(
        base(
            level="village",
            colour="blue",
            classes=[{"label": "Khá", "min": 70}, {"label": "Tốt", "min": 85}],
            fields=[
                {"code": "1", "name": "A", "max": -1},
                {"code": "1", "name": "B", "max": 2},
                {"code": "2", "name": "C"},
                {"code": "3", "name": "D", "max": 1, "source": "guess"},
                {"code": "4", "name": "E", "max": 1, "weight": 2},
            ],
        )
    )
    joined = "\n".join(messages)
    assert "colour: khóa không được hỗ trợ «colour»" in joined
    assert "level: cấp «village» không hợp lệ" in joined
    assert "«Tốt» (85) đứng sau «Khá» (70)" in joined
    assert "xếp loại thấp nhất phải bắt đầu từ 0" in joined
    assert "1: điểm tối đa âm (-1)" in joined
    assert "1: mã «1» trùng với một tiêu chí khác (A)" in joined
    assert "2: thiếu điểm tối đa «max»" in joined
    assert "3: nguồn điểm «guess» không hợp lệ" in joined
    assert "4: khóa không được hỗ trợ «weight»" in joined
    assert len(messages) == 9


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        (
            [{"label": "Tốt", "min": 80}, {"label": "Khá", "min": 80}, {"label": "Yếu", "min": 0}],
            "trùng ngưỡng 80",
        ),
        ([{"label": "Tốt", "min": 80}, {"label": "Khá", "min": 50}], "bắt đầu từ 0"),
        ([{"label": "Tốt", "min": 120}, {"label": "Yếu", "min": 0}], "phải từ 0 đến 100"),
        ([{"label": "Tốt", "min": 80}, {"label": "Tốt", "min": 0}], "khai báo hai lần"),
        ([], "cần danh sách xếp loại"),
    ],
)
def test_it_rejects_classes_that_overlap_are_unordered_or_do_not_reach_zero(classes, expected):
    assert any(expected in m for m in problems_of(base(classes=classes)))


def test_a_survey_source_is_inherited_by_children():
    fw = make_framework(
        [
            {
                "code": "8",
                "name": "Tác động",
                "source": "survey",
                "children": [{"code": "8.1", "name": "Hài lòng", "max": 10}],
            }
        ]
    )
    assert fw.leaves[0].source == "survey"


def test_a_node_can_be_marked_unsourced():
    fw = make_framework(
        [{"code": "1", "name": "A", "max": 5, "sourced": False, "note": "placeholder"}]
    )
    assert fw.fields[0].sourced is False
    assert fw.fields[0].note == "placeholder"
