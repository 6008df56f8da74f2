"""A field's criteria are one form: what is typed in several criteria is saved by one press,
every criterion that is wrong is named beside it at once and then nothing is saved, and the
page comes back to the criterion the officer was at."""

from __future__ import annotations

import html
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(world, field="1"):
    return f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/{field}/"


def typed(world, save="", **leaves):
    """The field's form as the browser sends it: every leaf's boxes, each prefixed by its id."""
    data = {"save": save, "anchor": ""}
    for code in ("1.1", "1.2"):
        score = world.score(world.unit_a, code)
        data[f"c{score.pk}-version"] = score.version
        data[f"c{score.pk}-self_score"] = ""
        data[f"c{score.pk}-explanation"] = ""
        for name, value in leaves.get(code.replace(".", "_"), {}).items():
            data[f"c{score.pk}-{name}"] = value
    return data


def page(response):
    return html.unescape(response.content.decode())


def leaf_of(text, code):
    start = text.index(f'id="tc-{code}"')
    return text[start : text.index("</section>", start)]


def test_typing_in_two_criteria_and_saving_once_keeps_both(client, world):
    client.force_login(world.officer_a)
    pdf = SimpleUploadedFile("Kế hoạch.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url(world),
        typed(
            world,
            save="1.2",
            **{
                "1_1": {"self_score": "2", "uploads": pdf},
                "1_2": {"self_score": "2,5", "explanation": "Báo cáo quý đủ"},
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url(world) + "#tc-1.2"  # back where the officer was
    assert world.score(world.unit_a, "1.1").self_score == Decimal(2)
    second = world.score(world.unit_a, "1.2")
    assert (second.self_score, second.explanation) == (Decimal("2.5"), "Báo cáo quý đủ")
    assert Evidence.objects.get(score__criterion__code="1.1").original_name == "Kế hoạch.pdf"
    shown = page(client.get(response["Location"]))
    assert "Đã lưu tiêu chí 1.1." in shown and "Đã lưu tiêu chí 1.2." in shown
    # said again in the save bar, where the officer is (the page opens at the criterion)
    bar = shown[shown.index('class="savebar"') :]
    assert "Đã lưu tiêu chí 1.2." in bar


def test_one_wrong_criterion_is_named_beside_it_and_nothing_is_saved(client, world):
    client.force_login(world.officer_a)
    response = client.post(
        url(world),
        typed(
            world,
            **{"1_1": {"self_score": "hai", "explanation": "x"}, "1_2": {"self_score": "9"}},
        ),
    )
    assert response.status_code == 200
    text = page(response)
    assert "Chưa lưu tiêu chí nào: 2 tiêu chí cần sửa" in text
    assert "«hai» không phải là số điểm" in leaf_of(text, "1.1")
    assert "Tiêu chí 1.2" in leaf_of(text, "1.2") and "loi-" in leaf_of(text, "1.2")
    assert 'value="9"' in leaf_of(text, "1.2")  # typed values stay in their boxes
    assert world.score(world.unit_a, "1.1").self_score is None
    assert world.score(world.unit_a, "1.2").self_score is None


def test_a_criterion_refused_by_the_rules_keeps_the_valid_ones_unsaved_too(client, world):
    client.force_login(world.officer_a)
    response = client.post(
        url(world),
        typed(world, **{"1_1": {"self_score": "2"}, "1_2": {"self_score": "1"}}),
    )  # 1.1 asks for evidence or an explanation: refused; 1.2 is fine but waits for it
    text = page(response)
    assert "Tiêu chí 1.1 cần tài liệu kiểm chứng" in leaf_of(text, "1.1")
    assert world.score(world.unit_a, "1.2").self_score is None
    assert not AuditEntry.objects.filter(criterion_code="1.2").exists()


def test_criteria_left_as_they_were_are_not_saved_again(client, world):
    from parindex.web.assessments.actions import do_save_self_score

    score = world.score(world.unit_a, "1.2")
    do_save_self_score(world.officer_a, score, Decimal(3), False, "", score.version)
    client.force_login(world.officer_a)
    data = typed(world, **{"1_2": {"self_score": "3"}, "1_1": {"self_score": ""}})
    shown = page(client.post(url(world), data, follow=True))
    assert "Không có thay đổi nào để lưu." in shown
    assert world.score(world.unit_a, "1.2").version == score.version + 1


def test_the_page_warns_before_leaving_with_unsaved_changes(client, world):
    client.force_login(world.officer_a)
    text = page(client.get(url(world)))
    assert 'data-unsaved="Có thay đổi chưa lưu trên trang này.' in text
    assert "/static/parindex/officer.js" in text
    from pathlib import Path

    script = (Path(__file__).parents[2] / "src/parindex/web/static/parindex/officer.js").read_text()
    assert "beforeunload" in script


def test_each_criterion_shows_its_guide_evidence_asked_and_scale_choices(client, world):
    from tests.web.rules_world import rules_world

    rules = rules_world(world)
    client.force_login(world.officer_a)
    text = page(client.get(f"/ky/{rules.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/"))
    plan = leaf_of(text, "1.1")
    assert "<dt>Hướng dẫn chấm</dt>" in plan and "<dt>Tài liệu kiểm chứng</dt>" in plan
    assert plan.count('type="radio"') == 3 and "chọn một mức" in plan


def test_another_units_officer_cannot_post_the_field(client, world):
    client.force_login(world.officer_b)
    response = client.post(url(world), typed(world, **{"1_2": {"self_score": "1"}}))
    assert response.status_code == 404
    assert world.score(world.unit_a, "1.2").self_score is None
