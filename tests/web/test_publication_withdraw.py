"""A publication is withdrawn with a reason (the record stays, its pages and the API say so), or
corrected: chosen units' scores are reopened, closed again, and a superseding decision published."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from parindex.web.appraisals.actions import do_correct_score
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.errors import ActionError
from parindex.web.notices.models import Notice, NoticeKind
from parindex.web.results.models import Publication, Reopening
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 12/QĐ-UBND ngày 21/12/2024"


def published(world) -> Publication:
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, None, world.admin)


def withdraw(client, publication, reason):
    return client.post(
        f"/cong-khai/{publication.pk}/thu-hoi/", {"reason": reason}, follow=True
    ).content.decode()


def test_withdrawing_needs_a_reason(client, world):
    publication = published(world)
    client.force_login(world.admin)
    page = withdraw(client, publication, "")
    assert "Lý do thu hồi: Cần ghi lý do thu hồi công bố" in page
    assert publication.withdrawn is None


def test_a_withdrawn_publication_stays_and_its_page_and_the_api_say_so(client, world):
    publication = published(world)
    world.leader.email = "ld@example.vn"
    world.leader.save()
    client.force_login(world.admin)
    page = withdraw(client, publication, "Sai số liệu của xã Tiên Hà")
    assert "Đã thu hồi công bố: " in page
    assert "Công bố này đã bị thu hồi ngày" in page and "Sai số liệu của xã Tiên Hà" in page
    assert "Tạo tệp ZIP phiếu kết quả" not in page  # no new scorecards of a withdrawn decision
    refused = client.post(
        f"/cong-khai/{publication.pk}/phieu-ket-qua/tao/", {"format": "pdf"}, follow=True
    ).content.decode()
    assert "Công bố này đã bị thu hồi: không tạo phiếu kết quả mới" in refused
    client.logout()
    public = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    assert "Công bố này đã bị thu hồi ngày" in public and "Thu hồi công bố này" not in public
    assert "đã thu hồi" in client.get("/cong-khai/").content.decode()
    (entry,) = client.get("/api/ket-qua/").json()["publications"]
    assert entry["withdrawn"]["reason"] == "Sai số liệu của xã Tiên Hà"
    response = client.get(f"/api/ket-qua/{publication.pk}/")
    assert response["X-Parindex-Withdrawn"] == entry["withdrawn"]["at"]
    assert Publication.objects.filter(pk=publication.pk).exists()  # the record stays
    audit = AuditEntry.objects.get(action=AuditAction.PUBLICATION_WITHDRAW)
    assert audit.reason == "Sai số liệu của xã Tiên Hà"
    told = set(
        Notice.objects.filter(kind=NoticeKind.PUBLICATION_WITHDRAWN).values_list(
            "user__username", flat=True
        )
    )
    assert told == {world.admin.username, world.leader.username}
    assert [m.to for m in mail.outbox if "thu hồi" in m.subject] == [["ld@example.vn"]]


def test_a_publication_is_withdrawn_once_and_never_by_an_officer(client, world):
    publication = published(world)
    client.force_login(world.officer_a)
    assert client.post(f"/cong-khai/{publication.pk}/thu-hoi/", {"reason": "x"}).status_code == 404
    client.force_login(world.admin)
    withdraw(client, publication, "Sai số liệu")
    page = withdraw(client, publication, "Lần nữa")
    assert "Công bố này đã được thu hồi" in page
    assert AuditEntry.objects.filter(action=AuditAction.PUBLICATION_WITHDRAW).count() == 1


def reopen(client, world, units, reason="Sai điểm tiêu chí 1.2"):
    return client.post(
        f"/ky/{world.cycle.pk}/ket-qua/mo-lai/",
        {"units": [u.pk for u in units], "reason": reason},
        follow=True,
    ).content.decode()


def test_reopened_scores_block_publishing_until_closed_again(client, world):
    published(world)
    client.force_login(world.admin)
    page = reopen(client, world, [world.unit_b], reason="")
    assert "Lý do mở lại: Cần ghi lý do mở lại điểm" in page
    page = reopen(client, world, [world.unit_b])
    assert "Đã mở lại điểm để đính chính: xã Tiên Hà." in page
    assert "điểm của xã Tiên Hà đang mở lại để đính chính; đóng lại trước khi công bố" in page
    entry = AuditEntry.objects.get(action=AuditAction.SCORE_REOPEN)
    assert (entry.unit, entry.reason) == (world.unit_b, "Sai điểm tiêu chí 1.2")
    page = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/",
        {"number": "13/QĐ-UBND", "reason": "Đính chính", "confirmed": "on"},
        follow=True,
    ).content.decode()
    assert "đang mở lại để đính chính" in page
    assert Publication.objects.filter(cycle=world.cycle).count() == 1


def test_a_correction_publishes_a_decision_that_supersedes_the_old_one_and_links_back(
    client, world
):
    first = published(world)
    client.force_login(world.admin)
    reopen(client, world, [world.unit_b])
    # closed and published: nobody corrects a unit that was not reopened …
    with pytest.raises(ActionError, match="không ở bước thẩm định"):
        do_correct_score(world.appraiser, world.score(world.unit_a, "1.2"), Decimal("1"), "Sai")
    # … and the reopened unit's appraiser corrects any criterion as round 2
    correction = do_correct_score(
        world.appraiser, world.score(world.unit_b, "1.2"), Decimal("1"), "Báo cáo nộp muộn"
    )
    assert correction.round == 2
    assert Notice.objects.filter(
        user=world.other_appraiser, kind=NoticeKind.ROUND_OPENED, title__contains="xã Tiên Hà"
    ).exists()  # the reopened unit's appraiser is told
    reopening = Reopening.objects.get()
    page = client.post(
        f"/ky/{world.cycle.pk}/ket-qua/mo-lai/{reopening.pk}/dong/", follow=True
    ).content.decode()
    assert "Đã đóng lại điểm của xã Tiên Hà." in page
    page = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/",
        {"number": "13/QĐ-UBND", "reason": "Đính chính điểm xã Tiên Hà", "confirmed": "on"},
        follow=True,
    ).content.decode()
    second = Publication.objects.get(supersedes=first)
    assert second.full_run().unit("XB").scores["1.2"] == Decimal("1")
    assert "Công bố này thay thế công bố" in page and first.decision in page
    old = client.get(f"/cong-khai/{first.pk}/").content.decode()
    assert "Công bố này đã được thay thế bởi" in old and "Quyết định số 13/QĐ-UBND" in old
    assert [p["id"] for p in client.get("/api/ket-qua/").json()["publications"]] == [second.pk]
    assert client.get(f"/api/ket-qua/{first.pk}/")["X-Parindex-Superseded-By"] == str(second.pk)


def test_a_reopening_is_open_until_closed_again(world):
    from parindex.web.results.actions import (
        do_close_reopening,
        do_reopen_scores,
        reopened_for_correction,
    )

    published(world)
    world.cycle.refresh_from_db()  # closed by publishing
    (reopening,) = do_reopen_scores(world.cycle, [world.unit_a], "Sai điểm", world.admin)
    assert reopened_for_correction(world.cycle, world.unit_a.pk)
    assert not reopened_for_correction(world.cycle, world.unit_b.pk)
    do_close_reopening(reopening, world.admin)
    assert not reopened_for_correction(world.cycle, world.unit_a.pk)
