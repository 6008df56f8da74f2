"""The officer's field page shows and enforces the framework's rules for each leaf: the guide,
the scale to choose from, a rule computed from the value typed, "không phát sinh", criteria
for some unit kinds only, and evidence or an explanation where evidence is asked."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry
from tests.web.rules_world import rules_world

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def rules(world):
    return rules_world(world)


def page_of(client, rules, unit, field):
    return html.unescape(
        client.get(f"/ky/{rules.cycle.pk}/don-vi/{unit.pk}/linh-vuc/{field}/").content.decode()
    )


def leaf_html(page, code):
    start = page.index(f'id="tc-{code}"')
    return page[start : page.index("</section>", start)]


def post(client, rules, unit, field, score, **values):
    """One leaf typed on its field's form (the page's one form, each leaf's names prefixed)."""
    names = {"file": "uploads"}
    prefix = f"c{score.pk}-"
    data = {prefix + names.get(k, k): v for k, v in values.items()}
    return client.post(
        f"/ky/{rules.cycle.pk}/don-vi/{unit.pk}/linh-vuc/{field}/",
        {"save": score.criterion.code, prefix + "version": score.version, **data},
        follow=True,
    )


def test_the_officer_reads_each_leafs_guide_scale_rule_kps_and_evidence_asked(client, world, rules):
    client.force_login(world.officer_a)
    field_1 = page_of(client, rules, world.unit_a, "1")
    plan = leaf_html(field_1, "1.1")
    assert "<dt>Hướng dẫn chấm</dt><dd>Ban hành trước ngày 31/12 năm trước: 1 điểm" in plan
    assert "<dt>Thang điểm</dt><dd>1; 0,5; 0" in plan
    assert "<dt>Tài liệu kiểm chứng</dt><dd>Quyết định ban hành kế hoạch CCHC năm." in plan
    assert "phải diễn giải đầy đủ, cụ thể cách đánh giá, tính điểm" in plan
    steps = leaf_html(field_1, "1.2")
    assert "<dt>Cách tính điểm</dt><dd>trên 90%: 2 điểm; từ 70%: 1 điểm; dưới 70%: 0 điểm" in steps
    field_2 = page_of(client, rules, world.unit_a, "2")
    ratio = leaf_html(field_2, "2.1")
    assert "điểm = điểm tối đa × tỷ lệ đạt (%) ÷ 100, đủ điểm từ 100%" in ratio
    assert '-measure"' in ratio and '-self_score"' not in ratio
    kps = leaf_html(field_2, "2.2")
    assert "<dt>Không phát sinh</dt><dd>Trong năm không phát sinh (KPS): được điểm tối đa" in kps
    assert '-no_case"' in kps
    assert '-no_case"' not in ratio  # 2.1 does not give the max for "không phát sinh"


def test_a_scale_leaf_is_chosen_from_its_scale_and_nothing_else_is_taken(client, world, rules):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "1.1")
    radios = leaf_html(page_of(client, rules, world.unit_a, "1"), "1.1")
    radio = f'type="radio" form="field-form" name="c{score.pk}-self_score"'
    assert [v for v in ("1", "0,5", "0") if f'{radio} value="{v}"' in radios] == ["1", "0,5", "0"]
    page = html.unescape(
        post(
            client, rules, world.unit_a, "1", score, self_score="0,7", explanation="x"
        ).content.decode()
    )
    assert "Tiêu chí 1.1: điểm 0,7 không có trong thang điểm của tiêu chí (1; 0,5; 0)" in page
    score.refresh_from_db()
    assert score.self_score is None


def test_a_ratio_leaf_takes_the_value_and_the_server_computes_and_keeps_the_points(
    client, world, rules
):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "2.1")
    page = html.unescape(
        post(client, rules, world.unit_a, "2", score, measure="35/36").content.decode()
    )
    assert "Đã lưu tiêu chí 2.1: 35/36 → 3,89 điểm." in page  # 4 × 35/36 = 3,888… half-up
    score.refresh_from_db()
    assert (score.self_score, score.measure) == (Decimal("3.89"), "35/36")
    assert 'value="35/36"' in leaf_html(page, "2.1") and "= 3,89 điểm" in leaf_html(page, "2.1")
    audited = dict(AuditEntry.objects.filter(criterion_code="2.1").values_list("field", "new"))
    assert audited == {"self_score": "3.8900", "measure": "35/36"}  # the points and their value


@pytest.mark.parametrize(
    ("typed", "points"),
    [("95,5", "2"), ("90", "1"), ("90,01%", "2"), ("70", "1"), ("69,9", "0"), ("27/30", "1")],
)
def test_a_steps_leaf_gives_the_points_of_the_first_step_reached(
    client, world, rules, typed, points
):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "1.2")
    post(client, rules, world.unit_a, "1", score, measure=typed)
    score.refresh_from_db()
    assert score.self_score == Decimal(points)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"measure": "5/4"},
            "Tiêu chí 2.1 — Giá trị đạt được: giá trị «5/4»: tử số lớn hơn mẫu số",
        ),
        (
            {"measure": "nhiều"},
            "Tiêu chí 2.1 — Giá trị đạt được: «nhiều» không phải giá trị đo "
            "(nhập tỷ lệ như 97,3 hoặc cặp số như 35/36)",
        ),
        ({"measure": "0/0"}, "mẫu số bằng 0 — nếu trong năm không phát sinh, nhập KPS"),
        ({"measure": "9" * 45}, "dài quá 40 ký tự"),
        (
            {"self_score": "3"},
            "Tiêu chí 2.1: tiêu chí tính điểm từ giá trị đo (điểm = điểm tối đa × tỷ lệ đạt (%)",
        ),
        (
            {"measure": "KPS"},
            "Tiêu chí 2.1: tiêu chí không quy định «không phát sinh» được tính điểm tối đa",
        ),
    ],
)
def test_a_value_that_cannot_be_scored_is_refused_named_and_kept_as_typed(
    client, world, rules, values, message
):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "2.1")
    response = post(client, rules, world.unit_a, "2", score, **values)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    typed = values.get("measure") or values.get("self_score")
    if "measure" in values:
        assert f'value="{typed}"' in leaf_html(page, "2.1")
    score.refresh_from_db()
    assert score.self_score is None and score.measure == ""


def test_khong_phat_sinh_gives_the_max_where_the_framework_allows_it(client, world, rules):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "2.2")
    page = html.unescape(
        post(client, rules, world.unit_a, "2", score, no_case="on").content.decode()
    )
    score.refresh_from_db()
    assert (score.self_score, score.measure) == (Decimal(2), "KPS")
    assert "Đã lưu tiêu chí 2.2: Không phát sinh (KPS) → 2 điểm." in page
    box = leaf_html(page, "2.2").split(f'name="c{score.pk}-no_case"')[1]
    assert box[: box.index(">")].endswith(" checked")


def test_a_leaf_for_wards_only_is_not_applicable_to_a_commune_and_cannot_be_scored(
    client, world, rules
):
    client.force_login(world.officer_a)
    urban = leaf_html(page_of(client, rules, world.unit_a, "2"), "2.3")
    assert "Không áp dụng cho xã" in urban and 'form="field-form"' not in urban
    score = rules.score(world.unit_a, "2.3")
    page = html.unescape(
        post(client, rules, world.unit_a, "2", score, self_score="1").content.decode()
    )
    assert "Tiêu chí 2.3: không áp dụng cho xã nên không chấm điểm" in page
    score.refresh_from_db()
    assert score.self_score is None
    client.force_login(rules.officer_ward)
    assert 'form="field-form"' in leaf_html(page_of(client, rules, rules.ward, "2"), "2.3")


def test_a_commune_submits_without_scoring_the_leaf_for_wards(world, rules):
    from parindex.web.assessments.actions import do_save_self_score, do_submit_assessment
    from parindex.web.cycles.models import Participation

    entries = {
        "1.1": {"value": Decimal(1)},
        "1.2": {"value": None, "measure": "95"},
        "2.1": {"value": None, "measure": "35/36"},
        "2.2": {"value": None, "no_case": True},
    }
    from parindex.core.rules import parse_measure

    for code, entry in entries.items():
        score = rules.score(world.unit_a, code)
        measure = entry.get("measure")
        do_save_self_score(
            world.officer_a,
            score,
            entry["value"],
            False,
            "Báo cáo CCHC năm, phụ lục 2",
            score.version,
            measure=parse_measure(measure) if measure else None,
            no_case=bool(entry.get("no_case")),
        )
    participation = Participation.objects.get(cycle=rules.cycle, unit=world.unit_a)
    assert do_submit_assessment(world.officer_a, participation).submitted


def test_a_leaf_asking_for_evidence_needs_a_file_or_an_explanation(client, world, rules):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "1.1")
    page = html.unescape(
        post(client, rules, world.unit_a, "1", score, self_score="1").content.decode()
    )
    assert (
        "Tiêu chí 1.1 cần tài liệu kiểm chứng (Quyết định ban hành kế hoạch CCHC năm): "
        "chọn tệp kiểm chứng" in page
    )
    assert "diễn giải đầy đủ, cụ thể cách đánh giá, tính điểm" in page
    score.refresh_from_db()
    assert score.self_score is None

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("Quyết định 12.pdf", PDF, content_type="application/pdf")
    post(client, rules, world.unit_a, "1", score, self_score="1", file=upload)
    score.refresh_from_db()
    assert score.self_score == Decimal(1)
    assert Evidence.objects.get(score=score).original_name == "Quyết định 12.pdf"

    other = rules.score(rules.ward, "1.1")
    client.force_login(rules.officer_ward)
    explained = "Kế hoạch ban hành kèm báo cáo năm, không có quyết định riêng: tự chấm 0,5 điểm"
    post(client, rules, rules.ward, "1", other, self_score="0,5", explanation=explained)
    other.refresh_from_db()
    assert other.self_score == Decimal("0.5") and other.explanation == explained


def test_a_file_that_is_refused_keeps_the_score_unsaved_and_says_why(client, world, rules):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "1.1")
    program = SimpleUploadedFile(
        "ke-hoach.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = post(client, rules, world.unit_a, "1", score, self_score="1", file=program)
    assert response.status_code == 200
    assert "Tệp «ke-hoach.pdf» không được nhận" in html.unescape(response.content.decode())
    score.refresh_from_db()
    assert score.self_score is None and not Evidence.objects.filter(score=score).exists()


def test_another_units_officer_cannot_post_a_value_here(client, world, rules):
    client.force_login(rules.officer_ward)
    score = rules.score(world.unit_a, "2.1")
    response = client.post(
        f"/ky/{rules.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/2/",
        {"score": score.pk, "measure": "36/36", "version": score.version},
    )
    assert response.status_code == 404


def test_khong_phat_sinh_with_other_points_typed_is_refused_not_guessed(client, world, rules):
    client.force_login(world.officer_a)
    score = rules.score(world.unit_a, "2.2")
    page = html.unescape(
        post(client, rules, world.unit_a, "2", score, no_case="on", self_score="1").content.decode()
    )
    assert (
        "Tiêu chí 2.2: đã chọn «không phát sinh» (được điểm tối đa) nhưng lại nhập 1: "
        "bỏ một trong hai" in page
    )
    score.refresh_from_db()
    assert score.self_score is None


def test_the_cycle_page_counts_a_ward_only_criterion_for_wards_only(client, world, rules):
    from parindex.web.cycles.views import progress_rows

    rows = {r["unit"].code: r["leaves"] for r in progress_rows(world.admin, rules.cycle)}
    # 5 leaves; 2.3 is for wards: a xã has 4 to score, the ward 5
    assert rows == {world.unit_a.code: 4, rules.ward.code: 5}
