"""Every POST is read by a form: points as 8,5 or 8.5, dates as 21/12/2023, all errors at once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from parindex.web.appraisals.forms import AppraisalForm
from parindex.web.assessments.forms import EvidenceForm, SelfScoreForm
from parindex.web.cycles.forms import TransitionForm
from parindex.web.fields import form_problems


def test_points_are_read_with_a_decimal_comma_or_point():
    for typed in ("8,5", "8.5", " 8,50 "):
        form = SelfScoreForm({"score": "1", "self_score": typed, "version": "0"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["self_score"] == Decimal("8.5")


def test_a_score_that_is_not_a_number_is_refused_with_the_field_named():
    form = AppraisalForm({"score": "1", "appraised_score": "tám", "version": "x"})
    assert not form.is_valid()
    message = form_problems(form)
    assert "Điểm thẩm định: «tám» không phải là số điểm (nhập số như 8,5)" in message
    assert "Phiên bản:" in message  # every error at once, not the first one only


def test_not_applicable_wins_over_a_number_left_in_the_box():
    form = SelfScoreForm({"score": "1", "self_score": "2", "not_applicable": "on", "version": "3"})
    assert form.is_valid()
    assert form.cleaned_data["self_score"] is None and form.cleaned_data["not_applicable"]


def test_a_document_date_is_day_month_year():
    assert EvidenceForm({"doc_date": "21/12/2023"}).is_valid()
    form = EvidenceForm({"doc_date": "21/12/2023"})
    form.is_valid()
    assert form.cleaned_data["doc_date"] == dt.date(2023, 12, 21)
    wrong = EvidenceForm({"doc_date": "2023-12-21"})
    assert not wrong.is_valid()
    assert "Ngày văn bản: Ngày «2023-12-21» cần theo dạng ngày/tháng/năm" in form_problems(wrong)


def test_an_unknown_step_is_refused():
    assert not TransitionForm({"target": "published-yesterday"}).is_valid()
    assert TransitionForm({"target": "appraisal", "confirmed": "on"}).is_valid()
    assert not TransitionForm({"target": "appraisal"}).is_valid()  # not confirmed


def test_an_officer_typing_letters_as_a_score_sees_why_and_nothing_is_saved(client, world):
    score = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_a)
    page = client.post(
        f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/",
        {f"c{score.pk}-self_score": "hai", f"c{score.pk}-version": score.version},
        follow=True,
    ).content.decode()
    assert "«hai» không phải là số điểm (nhập số như 8,5)" in page
    score.refresh_from_db()
    assert score.self_score is None


def test_another_units_officer_cannot_post_a_score_here(client, world):
    score = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_b)
    response = client.post(
        f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/",
        {"score": score.pk, "self_score": "2", "version": score.version},
    )
    assert response.status_code == 404


def test_a_date_that_is_not_on_the_calendar_is_named_as_such():
    form = EvidenceForm({"doc_date": "31/02/2023"})
    assert not form.is_valid()
    assert "Ngày «31/02/2023» không có trên lịch" in form_problems(form)


def test_a_refused_score_comes_back_as_typed_scrolled_to_its_criterion(client, world):
    score = world.score(world.unit_a, "1.2")
    client.force_login(world.officer_a)
    url = f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/"
    response = client.post(
        url,
        {
            "save": "1.2",
            f"c{score.pk}-self_score": "9",  # above the max of 3
            f"c{score.pk}-explanation": "Báo cáo quý I–IV đã gửi đúng hạn",
            f"c{score.pk}-version": score.version,
        },
    )
    assert response.status_code == 200  # the page again, each reason under its criterion
    page = response.content.decode()
    leaf = page[page.index('id="tc-1.2"') :]
    assert 'value="9"' in leaf[: leaf.index("</section>")]
    assert "Báo cáo quý I–IV đã gửi đúng hạn</textarea>" in leaf
    again = client.get(url).content.decode()  # nothing kept: a later view shows what is saved
    assert "Báo cáo quý I–IV đã gửi đúng hạn" not in again


def test_a_refused_appraisal_keeps_the_appraisers_reason(client, world):
    from parindex.core.workflow import CycleState

    score = world.score(world.unit_a, "1.2")
    world.move_to(CycleState.APPRAISAL)
    client.force_login(world.appraiser)
    url = f"/ky/{world.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/"
    response = client.post(
        url,
        {
            "score": score.pk,
            "code": "1.2",
            "appraised_score": "tám",
            "reason": "Thiếu báo cáo quý IV",
        },
    )
    assert response["Location"] == url + "#tc-1.2"
    page = client.get(url).content.decode()
    assert 'value="tám"' in page and "Thiếu báo cáo quý IV</textarea>" in page


def test_a_leaf_with_a_scale_takes_only_its_points_and_shows_them(client, world):
    from parindex.core.workflow import CycleState
    from parindex.web.cycles.actions import do_create_cycle, do_transition_cycle
    from parindex.web.frameworks.actions import do_import_framework
    from tests.web.conftest import FRAMEWORK_YAML

    text = FRAMEWORK_YAML.replace("web-test-commune-2024", "web-test-scale-2024").replace(
        '{code: "1.2", name: Báo cáo CCHC, max: 3}',
        '{code: "1.2", name: Báo cáo CCHC, max: 3, scale: [3, 1.5, 0],'
        ' guide: "Đủ, đúng hạn: 3 điểm; chậm: 1,5 điểm; không báo cáo: 0 điểm"}',
    )
    framework = do_import_framework(text, world.admin)
    cycle = do_create_cycle("Kỳ có thang điểm", framework, "2024", [world.unit_a], world.admin)
    cycle = do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, world.admin)
    score = cycle.scores.get(unit=world.unit_a, criterion__code="1.2")
    client.force_login(world.officer_a)
    url = f"/ky/{cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/"
    page = client.get(url).content.decode()
    assert "<dt>Thang điểm</dt><dd>3; 1,5; 0 (chỉ chọn một trong các mức này)</dd>" in page
    assert "<dt>Hướng dẫn chấm</dt><dd>Đủ, đúng hạn: 3 điểm; chậm: 1,5 điểm" in page
    leaf = page[page.index('id="tc-1.2"') :]
    radios = leaf[: leaf.index("</fieldset>")]
    assert radios.count(f'type="radio" form="field-form" name="c{score.pk}-self_score"') == 3
    assert 'value="1,5"' in radios  # chosen, not typed
    page = client.post(
        url, {f"c{score.pk}-self_score": "2", f"c{score.pk}-version": score.version}, follow=True
    ).content.decode()
    assert "Tiêu chí 1.2: điểm 2 không có trong thang điểm của tiêu chí (3; 1,5; 0)" in page
    score.refresh_from_db()
    assert score.self_score is None
    client.post(url, {f"c{score.pk}-self_score": "1,5", f"c{score.pk}-version": score.version})
    score.refresh_from_db()
    assert score.self_score == Decimal("1.5")
