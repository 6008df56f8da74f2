"""The organisation's settings page: the admin's alone; what it saves shows on every page."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.organisation.actions import do_edit_organisation
from parindex.web.organisation.models import Organisation


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "#1f4e79").save(out, kind)
    return out.getvalue()


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
FILLED = {
    "province": "Tỉnh Quảng Ngãi",
    "issuing_body": "Ủy ban nhân dân tỉnh Quảng Ngãi",
    "department": "Sở Nội vụ tỉnh Quảng Ngãi",
    "address": "52 Hùng Vương, phường Cẩm Thành",
    "hotline": "0255 3822 123",
    "email": "sonoivu@quangngai.gov.vn",
}


def with_logo(admin, data: bytes = PNG, name: str = "logo.png") -> Organisation:
    return do_edit_organisation(admin, FILLED, logo=SimpleUploadedFile(name, data))


def test_the_admin_fills_in_the_organisation_and_every_page_shows_it(client, world):
    client.force_login(world.admin)
    response = client.post("/to-chuc/", FILLED)
    assert response.status_code == 302
    client.force_login(world.officer_a)
    page = client.get("/").content.decode()
    header, footer = page.split("<main>")[0], page.split("</main>")[1]
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in header and "Ủy ban nhân dân tỉnh Quảng Ngãi" in header
    assert "52 Hùng Vương, phường Cẩm Thành" in footer
    assert "0255 3822 123" in footer and "mailto:sonoivu@quangngai.gov.vn" in footer


def test_each_changed_field_is_in_the_audit_trail(client, world):
    client.force_login(world.admin)
    client.post("/to-chuc/", FILLED)
    client.post("/to-chuc/", {**FILLED, "hotline": "0255 3999 999"})
    edits = AuditEntry.objects.filter(action=AuditAction.ORGANISATION_EDIT, field="hotline")
    assert [(e.old, e.new) for e in edits.order_by("pk")] == [
        ("", "0255 3822 123"),
        ("0255 3822 123", "0255 3999 999"),
    ]
    assert all(e.actor == world.admin for e in edits)


@pytest.mark.parametrize("data", [PNG, JPEG], ids=["png", "jpeg"])
def test_a_png_or_jpeg_logo_is_shown_in_the_header_and_served_as_an_image(client, world, data):
    client.force_login(world.admin)
    upload = SimpleUploadedFile("bieu-trung.bin", data, content_type="application/octet-stream")
    assert client.post("/to-chuc/", {**FILLED, "logo_file": upload}).status_code == 302
    page = client.get("/").content.decode()
    assert 'src="/to-chuc/bieu-trung/?v=' in page
    client.logout()
    logo = client.get("/to-chuc/bieu-trung/")
    assert logo.status_code == 200 and logo.content == data
    assert logo["Content-Type"] == ("image/png" if data == PNG else "image/jpeg")
    assert logo["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("logo.png", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        ("logo.jpg", b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 4),
        ("logo.gif", image_bytes("GIF")),
    ],
    ids=["svg-named-png", "pdf", "broken-png", "gif"],
)
def test_a_logo_that_is_not_a_png_or_jpeg_is_refused_in_vietnamese(client, world, name, data):
    client.force_login(world.admin)
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    response = client.post("/to-chuc/", {**FILLED, "logo_file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Tệp «{name}»" in page and ("không phải ảnh PNG" in page or "bị hỏng" in page)
    assert "Chưa lưu được" in page
    assert not Organisation.current().logo and not Organisation.objects.exists()


def test_a_logo_over_the_size_limit_is_refused(client, world):
    client.force_login(world.admin)
    big = PNG + b"\0" * (1024 * 1024)
    response = client.post("/to-chuc/", {**FILLED, "logo_file": SimpleUploadedFile("to.png", big)})
    assert "biểu trưng tối đa 1 MB" in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_bad_email_is_named_and_nothing_is_saved(client, world):
    client.force_login(world.admin)
    response = client.post("/to-chuc/", {**FILLED, "email": "so noi vu"})
    page = response.content.decode()
    assert "Thư điện tử: Địa chỉ thư điện tử không hợp lệ" in page
    assert not Organisation.objects.exists()


def test_the_logo_can_be_removed(client, world):
    with_logo(world.admin)
    client.force_login(world.admin)
    client.post("/to-chuc/", {**FILLED, "remove_logo": "on"})
    assert not Organisation.current().logo
    assert client.get("/to-chuc/bieu-trung/").status_code == 404


@pytest.mark.parametrize("persona", ["officer_a", "appraiser", "leader"])
def test_only_the_admin_may_change_the_organisation(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get("/to-chuc/").status_code == 404
    assert client.post("/to-chuc/", FILLED).status_code == 404
    assert not Organisation.objects.exists()


def test_the_favicon_is_there(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    page = client.get("/cong-khai/").content.decode()
    assert 'rel="icon"' in page
