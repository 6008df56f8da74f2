"""The admin imports frameworks in the app — YAML or the decision's annex in Excel — and reads
them as a tree; nothing needs the Django admin."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from parindex.web.audit.models import AuditEntry
from parindex.web.frameworks.models import Framework

pytestmark = pytest.mark.django_db


def annex(rows: list[tuple[object, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Cách chấm điểm"))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    ("I", "Công tác chỉ đạo, điều hành CCHC", 5, None),
    ("1", "Kế hoạch CCHC năm", 2, "Ban hành kịp thời: 2 điểm"),
    ("2", "Báo cáo CCHC định kỳ", 3, None),
]


def post_table(client, content: bytes, **fields):
    data = {"code": "quangngai-xa-2026", "name": "Bộ tiêu chí cấp xã năm 2026",
            "level": "commune", "year": "2026", **fields}  # fmt: skip
    data["file"] = SimpleUploadedFile("Phu luc II.xlsx", content)
    return client.post("/bo-tieu-chi/nhap/", data)


def test_the_admin_imports_an_annex_table_and_reads_it_as_a_tree(client, world):
    client.force_login(world.admin)
    response = post_table(client, annex(GOOD))
    assert response.status_code == 302
    made = Framework.objects.get(code="quangngai-xa-2026")
    assert response["Location"] == "/bo-tieu-chi/quangngai-xa-2026/"
    assert AuditEntry.objects.filter(action="framework.import", new__startswith=made.code).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Kế hoạch CCHC năm" in page and "Ban hành kịp thời: 2 điểm" in page
    assert "2 tiêu chí chấm điểm" in page


def test_an_annex_whose_totals_do_not_add_up_is_refused_with_its_cell_and_nothing_stored(
    client, world
):
    client.force_login(world.admin)
    bad = [("I", "Công tác chỉ đạo, điều hành CCHC", 6, None), *GOOD[1:]]
    response = post_table(client, annex(bad), year="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bảng Excel cần ghi rõ mục này" in page  # the year, beside its field
    response = post_table(client, annex(bad))
    page = response.content.decode()
    assert "Bảng tiêu chí không hợp lệ" in page and "ô C2" in page
    assert not Framework.objects.filter(code="quangngai-xa-2026").exists()


def test_a_file_that_is_not_a_framework_gets_a_vietnamese_message(client, world):
    client.force_login(world.admin)
    response = post_table(client, b"PK\x03\x04 not a workbook")
    assert "không đọc được tệp" in response.content.decode()
    response = client.post("/bo-tieu-chi/nhap/", {"file": SimpleUploadedFile("bo.yaml", b"id: [")})
    assert response.status_code == 200 and "Bộ tiêu chí không hợp lệ" in response.content.decode()
    response = client.post("/bo-tieu-chi/nhap/", {"file": SimpleUploadedFile("bo.pdf", b"%PDF")})
    assert "Chỉ nhận tệp .yaml, .yml hoặc .xlsx" in response.content.decode()


def test_the_framework_list_finds_a_name_typed_without_marks(client, world):
    client.force_login(world.leader)
    page = client.get("/bo-tieu-chi/", {"q": "bo tieu chi thu"}).content.decode()
    assert "Bộ tiêu chí thử cấp xã" in page
    page = client.get("/bo-tieu-chi/", {"q": "tinh"}).content.decode()
    assert "Bộ tiêu chí thử cấp xã" not in page
