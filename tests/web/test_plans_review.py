"""The periodic PAR report from the app (issue 15): the province's first half of 2026 and a
unit's, written from the plan, the indicators and the one-stop register the app holds."""

from __future__ import annotations

import io

import docx

from parindex.web.plans.models import Plan
from parindex.web.plans.status import status_of_plan
from tests.web.test_onestop_pages import imported
from tests.web.test_plans_pages import import_plan


def text_of(body: bytes) -> str:
    document = docx.Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_the_province_s_half_year_report_is_written_from_the_app_s_data(client, world):
    import datetime as dt

    client.force_login(world.admin)
    import_plan(client)
    register = imported(world)
    client.force_login(world.leader)
    assert client.get("/bao-cao-cchc/").status_code == 200
    response = client.get("/bao-cao-cchc/?ky=6-thang&nam=2026&dinh_dang=docx")
    assert response.status_code == 200 and response["Content-Type"].endswith("document")
    text = text_of(response.content)
    assert "6 tháng đầu năm 2026" in text
    summary = status_of_plan(Plan.objects.get(), dt.date(2026, 6, 30)).counts.summary()
    assert summary in text
    assert "tiếp nhận và xử lý hồ sơ qua hệ thống một cửa điện tử với tổng số" in text
    assert register.rows > 0
    pdf = client.get("/bao-cao-cchc/?ky=6-thang&nam=2026&dinh_dang=pdf")
    assert pdf.content[:4] == b"%PDF"


def test_an_officer_gets_its_own_unit_s_report_only(client, world):
    imported(world)
    client.force_login(world.officer_a)
    response = client.get(
        f"/bao-cao-cchc/?ky=6-thang&nam=2026&dinh_dang=docx&don_vi={world.unit_b.pk}"
    )
    assert response.status_code == 200 and "attachment" not in response.get(
        "Content-Disposition", ""
    )
    response = client.get(
        f"/bao-cao-cchc/?ky=6-thang&nam=2026&dinh_dang=docx&don_vi={world.unit_a.pk}"
    )
    assert response["Content-Disposition"].endswith('-xa.docx"')
    assert "TIÊN CHÂU" in text_of(response.content).upper()
    client.force_login(world.appraiser)
    assert client.get("/bao-cao-cchc/").status_code == 404
