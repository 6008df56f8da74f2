"""The explanation round lists only the criteria the appraisers corrected, self score → appraised
score with the reason, and takes the unit's explanation with extra evidence files."""

from __future__ import annotations

import html
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_accept_field, do_correct_score
from parindex.web.appraisals.models import Explanation
from parindex.web.assessments.actions import do_save_self_score, do_submit_assessment
from parindex.web.cycles.models import Participation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def corrected(world):
    for code, value in (("1.1", "2"), ("1.2", "3"), ("2.1", "5")):
        score = world.score(world.unit_a, code)
        do_save_self_score(world.officer_a, score, Decimal(value), False, "Có", score.version)
    do_submit_assessment(
        world.officer_a, Participation.objects.get(cycle=world.cycle, unit=world.unit_a)
    )
    world.move_to(CycleState.APPRAISAL)
    do_correct_score(
        world.appraiser, world.score(world.unit_a, "2.1"), Decimal("3,5".replace(",", ".")),
        "Chưa niêm yết đủ thủ tục hộ tịch",
    )  # fmt: skip
    do_accept_field(world.appraiser, world.cycle, world.unit_a, "1")
    world.move_to(CycleState.EXPLANATION)


def url(world):
    return f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/giai-trinh/"


def test_only_the_corrected_criteria_are_listed_with_the_change_and_the_reason(client, world):
    corrected(world)
    client.force_login(world.officer_a)
    page = html.unescape(client.get(url(world)).content.decode())
    assert 'id="tc-2.1"' in page and 'id="tc-1.1"' not in page and 'id="tc-1.2"' not in page
    assert '<span class="from">5</span> → thẩm định <span class="to">3,5</span>' in page
    assert "Chưa niêm yết đủ thủ tục hộ tịch" in page
    unit_page = html.unescape(
        client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/").content.decode()
    )
    assert "Giải trình các tiêu chí bị điều chỉnh điểm" in unit_page


def test_the_unit_explains_with_extra_files(client, world):
    corrected(world)
    score = world.score(world.unit_a, "2.1")
    client.force_login(world.officer_a)
    files = [
        SimpleUploadedFile("ảnh niêm yết.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("danh mục.pdf", PDF, content_type="application/pdf"),
    ]
    response = client.post(
        url(world),
        {"score": score.pk, "code": "2.1", "text": "Đã niêm yết đủ ngày 05/12", "uploads": files},
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "Đã gửi giải trình tiêu chí 2.1." in page
    assert Explanation.objects.get(score=score).text == "Đã niêm yết đủ ngày 05/12"
    assert score.evidence.filter(for_explanation=True).count() == 2
    assert "ảnh niêm yết.pdf" in page and "bổ sung khi giải trình" in page


def test_an_empty_explanation_is_refused_and_nothing_is_kept(client, world):
    corrected(world)
    score = world.score(world.unit_a, "2.1")
    client.force_login(world.officer_a)
    files = [SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")]
    page = client.post(
        url(world), {"score": score.pk, "code": "2.1", "text": " ", "uploads": files}, follow=True
    )
    assert "Nội dung giải trình không được để trống" in html.unescape(page.content.decode())
    assert not score.evidence.exists()


def test_a_criterion_not_corrected_cannot_be_explained_here(client, world):
    corrected(world)
    score = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_a)
    page = client.post(url(world), {"score": score.pk, "text": "…"}, follow=True)
    assert "không bị điều chỉnh điểm nên không cần giải trình" in html.unescape(
        page.content.decode()
    )


def test_another_units_officer_cannot_explain(client, world):
    corrected(world)
    score = world.score(world.unit_a, "2.1")
    client.force_login(world.officer_b)
    assert client.post(url(world), {"score": score.pk, "text": "x"}).status_code == 404
