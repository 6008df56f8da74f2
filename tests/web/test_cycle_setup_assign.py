"""Appraisers' assignments in bulk: the units × fields matrix and the CSV/XLSX import."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.actions_assign import assigned_cells, do_import_assignments
from parindex.web.cycles.models import Assignment
from parindex.web.errors import ActionError


def cells(world, *pairs):
    return [f"{unit.pk}:{field}" for unit, field in pairs]


def save_matrix(client, world, appraiser, ticked, shown=None):
    client.force_login(world.admin)
    units = shown if shown is not None else [world.unit_a, world.unit_b]
    return client.post(
        reverse("cycles:cycle_assign_matrix", args=[world.cycle.pk, appraiser.pk]),
        {"cells": ticked, "shown": [u.pk for u in units]},
    )


def rows(world, appraiser):
    return sorted(
        Assignment.objects.filter(cycle=world.cycle, appraiser=appraiser).values_list(
            "unit__code", "field_code"
        )
    )


def test_the_matrix_shows_what_the_appraiser_holds(client, world):
    client.force_login(world.admin)
    chosen = client.get(
        reverse("cycles:cycle_assign", args=[world.cycle.pk]),
        {"appraiser": world.other_appraiser.pk},
    )
    assert chosen.url == f"/ky/{world.cycle.pk}/phan-cong/{world.other_appraiser.pk}/"
    page = client.get(chosen.url).content.decode()
    assert (
        f'value="{world.unit_b.pk}:2" data-unit="{world.unit_b.pk}" data-field="2" checked' in page
    )
    assert f'value="{world.unit_b.pk}:1" data-unit="{world.unit_b.pk}" data-field="1" aria' in page


def test_saving_the_matrix_writes_only_the_difference(client, world):
    first = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    ticked = cells(world, (world.unit_b, "1"), (world.unit_b, "2"), (world.unit_a, "1"))
    response = save_matrix(client, world, world.other_appraiser, ticked)
    assert response.status_code == 302
    assert rows(world, world.other_appraiser) == [("XA", "1"), ("XB", "1"), ("XB", "2")]
    new = AuditEntry.objects.filter(pk__gt=first)
    assigned = new.filter(action="cycle.assign").values_list("unit__code", "new")
    assert sorted(assigned) == [("XA", "thamdinh2 1"), ("XB", "thamdinh2 1")]
    assert not new.filter(action="cycle.unassign").exists()


def test_every_field_of_a_unit_ticked_is_one_whole_unit_assignment(client, world):
    ticked = cells(world, (world.unit_b, "1"), (world.unit_b, "2"), (world.unit_b, "8"))
    save_matrix(client, world, world.other_appraiser, ticked)
    assert rows(world, world.other_appraiser) == [("XB", "")]


def test_unticking_removes_an_assignment_audited(client, world):
    save_matrix(client, world, world.appraiser, cells(world, (world.unit_a, "2")))
    assert rows(world, world.appraiser) == [("XA", "2")]
    assert AuditEntry.objects.filter(action="cycle.unassign", old="thamdinh").count() == 1


def test_an_appraiser_that_is_not_one_has_no_matrix(client, world):
    client.force_login(world.admin)
    url = reverse("cycles:cycle_assign_matrix", args=[world.cycle.pk, world.officer_a.pk])
    assert client.get(url).status_code == 404


def test_the_matrix_is_searched_without_diacritics_keeping_the_appraiser(client, world):
    client.force_login(world.admin)
    url = reverse("cycles:cycle_assign_matrix", args=[world.cycle.pk, world.appraiser.pk])
    page = client.get(url, {"q": "tien chau"}).content.decode()
    assert "XA — xã Tiên Châu" in page and "XB — xã Tiên Hà" not in page


def test_rows_not_shown_by_a_search_keep_their_assignments(client, world):
    save_matrix(client, world, world.other_appraiser, [], shown=[world.unit_a])
    assert rows(world, world.other_appraiser) == [("XB", "2")]


def test_the_matrix_refuses_a_field_not_in_the_framework(client, world):
    response = save_matrix(
        client, world, world.appraiser, cells(world, (world.unit_a, "1"), (world.unit_a, "9"))
    )
    assert response.status_code == 400
    assert "không thuộc kỳ đánh giá" in response.content.decode()
    assert rows(world, world.appraiser) == [("XA", "")]


@pytest.mark.parametrize("persona", ["officer_a", "appraiser", "leader"])
def test_only_the_admin_assigns(client, world, persona):
    client.force_login(getattr(world, persona))
    response = client.post(
        reverse("cycles:cycle_assign_matrix", args=[world.cycle.pk, world.appraiser.pk]),
        {"cells": [], "shown": [world.unit_a.pk]},
    )
    assert response.status_code == 404
    assert rows(world, world.appraiser) == [("XA", "")]


def upload(client, world, name, data):
    client.force_login(world.admin)
    return client.post(
        reverse("cycles:cycle_assign_import", args=[world.cycle.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_a_csv_of_assignments_is_imported(client, world):
    world.other_appraiser.email = "td2@example.vn"
    world.other_appraiser.save()
    data = "thẩm định viên,mã đơn vị,lĩnh vực\ntd2@example.vn,XA,1\nthamdinh,XB,\n".encode()
    response = upload(client, world, "phan-cong.csv", data)
    assert response.status_code == 302
    assert rows(world, world.other_appraiser) == [("XA", "1"), ("XB", "2")]
    assert rows(world, world.appraiser) == [("XA", ""), ("XB", "")]


def test_an_xlsx_of_assignments_is_imported(client, world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tài khoản", "Mã đơn vị", "Lĩnh vực"])
    sheet.append(["thamdinh2", "XA", 2])
    out = io.BytesIO()
    book.save(out)
    assert upload(client, world, "phan-cong.xlsx", out.getvalue()).status_code == 302
    assert ("XA", "2") in rows(world, world.other_appraiser)


def test_every_bad_row_is_refused_at_once_and_nothing_is_written(client, world):
    data = (
        "thẩm định viên,mã đơn vị,lĩnh vực\n"
        "thamdinh2,XA,1\n"
        "khongco,XA,1\n"
        "thamdinh2,ZZ,1\n"
        "thamdinh2,XB,9\n"
        "canbo.xa,XB,1\n"
    ).encode()
    response = upload(client, world, "phan-cong.csv", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "dòng 3" in page and "không có tài khoản «khongco»" in page
    assert "dòng 4" in page and "đơn vị «ZZ» không tham gia kỳ đánh giá này" in page
    assert "dòng 5" in page and "lĩnh vực «9» không có trong bộ tiêu chí của kỳ" in page
    assert "dòng 6" in page and "«canbo.xa» không phải thành viên Hội đồng thẩm định" in page
    assert "Không dòng nào được lưu" in page
    assert rows(world, world.other_appraiser) == [("XB", "2")]


VALUES = st.sampled_from(
    ["thamdinh", "thamdinh2", "THAMDINH", "canbo.xa", "", " ", "XA", "xb", "ZZ", "1", "2", "8",
     "9", "1.1", "Lĩnh vực", "=1+1", "\u0301", "é", "a,b", '"', "\n", "0" * 50]
)  # fmt: skip
HEADERS = st.sampled_from(
    [
        ["thẩm định viên", "mã đơn vị", "lĩnh vực"],
        ["username", "unit", "field"],
        ["email", "đơn vị"],
        ["mã đơn vị", "lĩnh vực"],
        ["x", "y", "z"],
    ]
)


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(header=HEADERS, body=st.lists(st.lists(VALUES, min_size=0, max_size=4), max_size=6))
def test_an_import_either_assigns_or_refuses_with_located_problems(world, header, body):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(body)
    before = set(Assignment.objects.values_list("pk", flat=True))
    try:
        do_import_assignments(world.cycle, "phan-cong.csv", out.getvalue().encode(), world.admin)
    except ActionError as exc:
        assert exc.problems, exc.message
        assert set(Assignment.objects.values_list("pk", flat=True)) == before
    else:
        assert assigned_cells(world.cycle, world.appraiser)
