"""The council's workbooks from the web: the admin gets every unit, an appraiser their own
units only, a stranger nothing; the cells are the rows' figures."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest

from parindex.web.appraisals.actions import do_correct_score
from tests.web.test_appraiser_queue import appraising_world, to_round2


@pytest.fixture
def round2(world):
    appraising_world(world)
    return to_round2(world, corrected=("1.1", "2.1"), explained=("1.1",))


def workbook(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def rows(ws):
    return [[c.value for c in r] for r in ws.iter_rows(min_row=4)]


def test_the_review_of_a_unit_has_both_rounds_and_carried_criteria(client, world, round2):
    do_correct_score(world.appraiser, world.score(world.unit_a, "1.1"), Decimal(2), "Hợp lý")
    ws = workbook(
        client,
        world.appraiser,
        f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/xuat/ra-soat.xlsx",
    )
    assert ws["A2"].value == "xã Tiên Châu"
    assert rows(ws) == [
        ["1.1", "Kế hoạch CCHC năm", 2, 2, 1, "Thiếu minh chứng", 2, "Hợp lý", 2],
        ["1.2", "Báo cáo CCHC", 3, 2.5, 2.5, None, None, "Giữ kết quả thẩm định lần 1", 2.5],
        ["2.1", "Công khai thủ tục hành chính", 5, 4, 3, "Thiếu minh chứng", None,
         "Giữ kết quả thẩm định lần 1", 3],
    ]  # fmt: skip


def test_the_explanations_list_only_the_corrected_criteria(client, world, round2):
    ws = workbook(
        client,
        world.admin,
        f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/xuat/giai-trinh.xlsx",
    )
    found = rows(ws)
    assert [r[0] for r in found] == ["1.1", "2.1"]
    assert found[0][4:6] == ["Thiếu minh chứng", "Đã bổ sung quyết định"]
    assert found[1][5] == "(không giải trình)"


def test_the_self_assessment_of_every_unit_is_one_long_sheet(client, world, round2):
    ws = workbook(client, world.admin, f"/ky/{world.cycle.pk}/tham-dinh/xuat/ke-khai.xlsx")
    found = rows(ws)
    assert {r[1] for r in found} == {"xã Tiên Châu", "xã Tiên Hà (chưa nộp tự đánh giá)"}
    first = next(r for r in found if r[0] == "XA" and r[2] == "1.1")
    assert first[4:7] == [2, 2, "Đã thực hiện theo kế hoạch"]


def test_an_appraiser_exports_only_their_own_units(client, world, round2):
    ws = workbook(
        client, world.other_appraiser, f"/ky/{world.cycle.pk}/tham-dinh/xuat/ra-soat.xlsx"
    )
    assert ws["A2"].value == "xã Tiên Hà (chưa nộp tự đánh giá)"  # one unit: theirs
    assert (
        client.get(
            f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/xuat/ra-soat.xlsx"
        ).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["leader", "officer_a"])
def test_others_cannot_export(client, world, round2, persona):
    client.force_login(getattr(world, persona))
    assert client.get(f"/ky/{world.cycle.pk}/tham-dinh/xuat/ke-khai.xlsx").status_code == 404


def test_an_unknown_workbook_is_a_missing_page(client, world, round2):
    client.force_login(world.admin)
    assert client.get(f"/ky/{world.cycle.pk}/tham-dinh/xuat/bang-khac.xlsx").status_code == 404


def test_a_cycles_workbook_does_not_query_more_for_more_units(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parindex.web.cycles.actions import do_create_cycle
    from parindex.web.units.models import Unit

    def queries(n):
        units = [Unit.objects.create(code=f"Q{n}-{i}", name=f"Xã {i}", kind="xã") for i in range(n)]
        cycle = do_create_cycle(f"Kỳ {n}", world.cycle.framework, str(2040 + n), units, world.admin)
        with CaptureQueriesContext(connection) as done:
            assert client.get(f"/ky/{cycle.pk}/tham-dinh/xuat/ra-soat.xlsx").status_code == 200
        return len(done)

    client.force_login(world.admin)
    assert queries(2) == queries(12)
