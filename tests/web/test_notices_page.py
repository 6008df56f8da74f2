"""The bell and the notices page: each user's own notices, read by opening them."""

from __future__ import annotations

import pytest

from parindex.web.notices.models import Notice, NoticeKind, NoticeSetting
from parindex.web.notices.send import notify


@pytest.fixture(autouse=True)
def quiet_world(world):
    """The world's officers were told the cycle opened; these tests start with no notice."""
    Notice.objects.all().delete()


def tell(user, title="Sắp hết hạn tự đánh giá", url="/", text=""):
    (notice,) = notify([user], NoticeKind.DEADLINE_SOON, title, text, url=url)
    return notice


def test_the_bell_counts_the_unread_notices(client, world):
    tell(world.officer_a)
    tell(world.officer_a, "Được gia hạn")
    client.force_login(world.officer_a)
    page = client.get("/").content.decode()
    assert 'class="count">2</span>' in page


def test_the_notices_page_lists_ones_own_newest_first(client, world):
    tell(world.officer_a, "Thông báo cũ")
    tell(world.officer_a, "Thông báo mới")
    tell(world.officer_b, "Thông báo của xã B")
    client.force_login(world.officer_a)
    page = client.get("/thong-bao/").content.decode()
    assert page.index("Thông báo mới") < page.index("Thông báo cũ")
    assert "Thông báo của xã B" not in page


def test_notices_are_found_without_diacritics(client, world):
    tell(world.officer_a, "Được gia hạn tự đánh giá")
    tell(world.officer_a, "Công bố kết quả")
    client.force_login(world.officer_a)
    page = client.get("/thong-bao/?q=gia han").content.decode()
    assert "Được gia hạn tự đánh giá" in page and "Công bố kết quả" not in page


def test_opening_a_notice_reads_it_and_goes_to_its_page(client, world):
    notice = tell(world.officer_a, url=f"/ky/{world.cycle.pk}/")
    client.force_login(world.officer_a)
    response = client.get(f"/thong-bao/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/ky/{world.cycle.pk}/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert 'class="count"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "url",
    ["https://lua-dao.example/", "//lua-dao.example/", "/\\lua-dao.example", "javascript:alert(1)"],
)
def test_a_notice_pointing_off_the_site_is_not_followed(client, world, url):
    notice = Notice.objects.create(
        user=world.officer_a, kind=NoticeKind.ACCOUNT, title="Lạ", url=url
    )
    client.force_login(world.officer_a)
    response = client.get(f"/thong-bao/{notice.pk}/", follow=True)
    assert response.redirect_chain == [("/thong-bao/", 302)]
    assert "trỏ tới một địa chỉ ngoài hệ thống" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer_b", "admin", "leader", "appraiser"])
def test_someone_elses_notice_looks_like_a_missing_page(client, world, persona):
    notice = tell(world.officer_a)
    client.force_login(getattr(world, persona))
    theirs = client.get(f"/thong-bao/{notice.pk}/")
    missing = client.get("/thong-bao/999999/")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_reads_only_ones_own(client, world):
    tell(world.officer_a)
    tell(world.officer_a, "Khác")
    tell(world.officer_b)
    client.force_login(world.officer_a)
    response = client.post("/thong-bao/da-doc-tat-ca/", follow=True)
    assert "Đã đánh dấu mọi thông báo là đã đọc." in response.content.decode()
    assert not Notice.objects.filter(user=world.officer_a, read_at=None).exists()
    assert Notice.objects.filter(user=world.officer_b, read_at=None).count() == 1


def test_turning_email_off_stops_the_mails_but_not_the_notices(client, world, mailoutbox):
    world.officer_a.email = "canbo@xa.gov.vn"
    world.officer_a.save()
    client.force_login(world.officer_a)
    response = client.post("/thong-bao/thu-dien-tu/", {}, follow=True)
    assert "chỉ hiện trong hệ thống" in response.content.decode()
    assert NoticeSetting.objects.get(user=world.officer_a).email is False
    tell(world.officer_a, "Nhắc nộp")
    assert mailoutbox == [] and Notice.objects.filter(user=world.officer_a).count() == 1
    client.post("/thong-bao/thu-dien-tu/", {"email": "on"})
    tell(world.officer_a, "Nhắc nộp lần 2")
    assert [m.to for m in mailoutbox] == [["canbo@xa.gov.vn"]]
    page = client.get("/thong-bao/").content.decode()
    assert 'name="email" id="id_email" checked' in page


def test_a_stranger_is_sent_to_sign_in(client, db):
    response = client.get("/thong-bao/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
