"""An appraiser assigned one field of a unit reads only that field: not the other fields'
pages, evidence, scores in the workbooks, audit rows or published reasons."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from parindex.core.workflow import CycleState
from parindex.web.assessments.actions import do_add_evidence, do_save_self_score

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _commune_b_scored(world):
    """Commune B scores 1.2 (field 1) 2,75 and 2.1 (field 2) 4,25 and cites a plan for 1.1."""
    for code, value in (("1.2", "2.75"), ("2.1", "4.25")):
        score = world.score(world.unit_b, code)
        do_save_self_score(
            world.officer_b,
            score,
            Decimal(value),
            False,
            "Đã thực hiện theo kế hoạch",
            score.version,
        )
    return do_add_evidence(
        world.officer_b, world.score(world.unit_b, "1.1"), io.BytesIO(PDF), "kế hoạch.pdf"
    )


def test_the_field_2_appraiser_cannot_open_field_1_of_the_unit(client, world):
    _commune_b_scored(world)
    client.force_login(world.other_appraiser)  # assigned field 2 of commune B only
    base = f"/ky/{world.cycle.pk}/don-vi/{world.unit_b.pk}"
    assert client.get(f"{base}/linh-vuc/2/").status_code == 200
    assert client.get(f"{base}/linh-vuc/1/").status_code == 404
    unit_page = client.get(f"{base}/").content.decode()
    assert "linh-vuc/2/" in unit_page and "linh-vuc/1/" not in unit_page


def test_the_field_2_appraiser_cannot_download_field_1s_evidence(client, world):
    evidence = _commune_b_scored(world)
    client.force_login(world.other_appraiser)
    assert client.get(f"/tai-lieu/{evidence.pk}/").status_code == 404
    assert client.get(f"/tai-lieu/{evidence.pk}/xem/").status_code == 404
    client.force_login(world.admin)
    assert client.get(f"/tai-lieu/{evidence.pk}/").status_code == 200


def _sheet_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        " ".join(str(c) for c in row if c is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def test_the_field_2_appraisers_workbooks_hold_field_2_only(client, world):
    _commune_b_scored(world)
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.other_appraiser)
    for url in (
        f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_b.pk}/xuat/ke-khai.xlsx",
        f"/ky/{world.cycle.pk}/tham-dinh/xuat/ke-khai.xlsx",
        f"/ky/{world.cycle.pk}/tham-dinh/xuat/ra-soat.xlsx",
    ):
        text = _sheet_text(client.get(url).content)
        assert "Công khai thủ tục hành chính" in text, url
        assert "Báo cáo CCHC" not in text and "Kế hoạch CCHC năm" not in text, url
    client.force_login(world.admin)  # the admin's workbook has every field
    text = _sheet_text(client.get(f"/ky/{world.cycle.pk}/tham-dinh/xuat/ke-khai.xlsx").content)
    assert "Báo cáo CCHC" in text


def test_the_field_2_appraiser_sees_no_audit_rows_of_field_1(client, world):
    _commune_b_scored(world)
    client.force_login(world.other_appraiser)
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_b.pk}/nhat-ky/").content.decode()
    assert "<td>2.1</td>" in page and "<td>1.2</td>" not in page
    client.force_login(world.admin)
    page = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_b.pk}/nhat-ky/").content.decode()
    assert "<td>1.2</td>" in page


def test_an_appraiser_of_the_whole_unit_still_reads_every_field(client, world):
    client.force_login(world.appraiser)  # assigned every field of commune A
    base = f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}"
    assert client.get(f"{base}/linh-vuc/1/").status_code == 200
    assert client.get(f"{base}/linh-vuc/2/").status_code == 200
