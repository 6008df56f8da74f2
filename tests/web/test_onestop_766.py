"""The 766 service index in the app (issue 15): the admin uploads the portal's figures for
«6 tháng đầu năm 2026» and reads every unit's groups, total and rank with the differences
between the register's on-time rate and the portal's; the leader reads; an officer sees
nothing."""

from __future__ import annotations

from decimal import Decimal

from parindex.core.numbers import format_points
from parindex.core.onestop import Counts, over_months
from parindex.io.portal766 import read_config
from parindex.web.audit.models import AuditEntry
from parindex.web.onestop.models import PortalFigures
from tests.web.test_onestop_pages import imported, upload

HALF = "?tu=2026-01&den=2026-06"


def _half(made, code):
    return over_months([Counts(*made.monthly[code][f"2026-0{m}"]) for m in range(1, 7)])


def _portal_csv(made) -> bytes:
    """Every portal metric at 100% for XA; XB's online payment 0 of 100; the portal's on-time
    figure of XA one dossier short of the register's."""
    lines = ["Mã đơn vị,Mã chỉ số,Tử số,Mẫu số,Tỷ lệ,Điểm"]
    for metric in read_config().metrics:
        if metric.source == "portal":
            lines.append(f"XA,{metric.code},50,50,,")
            lines.append(f"XB,{metric.code},{0 if metric.code == 'ONLINE_PAYMENT' else 50},50,,")
    half = _half(made, "XA")
    on_time = half.early + half.on_time + half.within
    lines.append(f"XA,DOSSIER_ON_TIME,{on_time - 1},{half.received},,")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _points(half: Counts) -> Decimal:
    from fractions import Fraction

    from parindex.core.numbers import round_half_up

    return round_half_up(Fraction(20 * (half.early + half.on_time + half.within), half.received), 2)


def test_the_admin_uploads_the_portal_s_figures_and_reads_totals_ranks_and_differences(
    client, world
):
    made = imported(world)
    client.force_login(world.admin)
    detail = client.get(f"/mot-cua/{made.pk}/{HALF}").content.decode()
    assert f"/mot-cua/{made.pk}/766/{HALF.replace('&', '&amp;')}" in detail
    page = client.get(f"/mot-cua/{made.pk}/766/{HALF}").content.decode()
    assert "6 tháng đầu năm 2026" in page and "Chưa nhập số liệu của Cổng" in page
    assert "Công khai, minh bạch (18)" in page and "chưa có số liệu" in page
    response = client.post(
        f"/mot-cua/{made.pk}/766/{HALF}", {"file": upload(_portal_csv(made), "cong-766.csv")}
    )
    assert response.status_code == 302
    stored = PortalFigures.objects.get()
    assert (stored.first, stored.last, stored.file_name) == ("2026-01", "2026-06", "cong-766.csv")
    assert AuditEntry.objects.filter(action="onestop.766_upload").count() == 1
    page = client.get(response["Location"]).content.decode()
    a, b = _points(_half(made, "XA")), _points(_half(made, "XB"))
    total_a, total_b = 80 + a, 70 + b  # XB: 0 of 10 for online payment
    assert f"<strong>{format_points(total_a)}</strong> / 100" in page
    assert f"<strong>{format_points(total_b)}</strong> / 100" in page
    assert total_a > total_b
    # the difference: XA's on-time rate, own against the portal's (one dossier fewer)
    assert "Đối soát với số liệu của Cổng" in page
    assert "Tỷ lệ hồ sơ xử lý đúng hạn (trước hạn, đúng hạn)" in page and ">tỷ lệ<" in page
    unit = client.get(f"/mot-cua/{made.pk}/766/XB/{HALF}").content.decode()
    assert "Tỷ lệ hồ sơ thanh toán trực tuyến" in unit and "Sổ theo dõi hồ sơ" in unit
    assert "Không áp dụng" in unit and "điểm tối đa (chính sách không chính thức)" in unit
    assert "Xếp hạng: 2" in unit


def test_a_bad_portal_file_is_listed_row_by_row_and_nothing_is_stored(client, world):
    made = imported(world)
    client.force_login(world.admin)
    bad = b"M\xc3\xa3 \xc4\x91\xc6\xa1n v\xe1\xbb\x8b,M\xc3\xa3 ch\xe1\xbb\x89 s\xe1\xbb\x91,T\xe1\xbb\xad s\xe1\xbb\x91,M\xe1\xba\xabu s\xe1\xbb\x91\nXZ,DOSSIER_SYNC,1,2\nXA,NOPE,1,2\n"
    page = client.post(f"/mot-cua/{made.pk}/766/{HALF}", {"file": upload(bad, "c.csv")})
    text = page.content.decode()
    assert page.status_code == 200 and "chưa lưu gì" in text
    assert "dòng 2, ô A2: không có đơn vị mã «XZ»" in text and "dòng 3, ô B3" in text
    assert not PortalFigures.objects.exists()
    assert client.get(f"/mot-cua/{made.pk}/766/?tu=xx&den=2026-99").status_code == 200
    assert client.get(f"/mot-cua/{made.pk}/766/ZZ/").status_code == 404


def test_the_leader_reads_but_cannot_upload_and_an_officer_gets_404(client, world):
    made = imported(world)
    client.force_login(world.leader)
    page = client.get(f"/mot-cua/{made.pk}/766/{HALF}").content.decode()
    assert "Bộ chỉ số 766" in page and "Nhập số liệu Bộ chỉ số 766" not in page
    response = client.post(f"/mot-cua/{made.pk}/766/{HALF}", {"file": upload(b"x", "c.csv")})
    assert response.status_code == 404 and not PortalFigures.objects.exists()
    client.force_login(world.officer_a)
    assert client.get(f"/mot-cua/{made.pk}/766/{HALF}").status_code == 404
    assert client.get(f"/mot-cua/{made.pk}/766/XA/{HALF}").status_code == 404
