"""The appraiser sees each leaf's rules as the officer does and decides the same way (a value
for a rule leaf, the points computed by the core); bonus and penalty items are decided per unit
within their range, with the caps shown; both reach the run."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest

from parindex.core.rules import parse_measure
from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_correct_score, do_decide_bonus
from parindex.web.appraisals.models import BonusDecision
from parindex.web.assessments.actions import do_save_self_score
from parindex.web.audit.models import AuditEntry
from parindex.web.errors import ActionError
from tests.web.rules_world import rules_world


def fill(rules, unit, officer, values):
    """The unit's self-assessment: code → points (Decimal), a measured value (str) or "KPS"."""
    for code, value in values.items():
        score = rules.score(unit, code)
        do_save_self_score(
            officer,
            score,
            value if isinstance(value, Decimal) else None,
            False,
            "Theo báo cáo CCHC năm",
            score.version,
            measure=parse_measure(value) if isinstance(value, str) and value != "KPS" else None,
            no_case=value == "KPS",
        )


COMMUNE = {"1.1": Decimal(1), "1.2": "95", "2.1": "35/36", "2.2": "KPS"}
WARD = {"1.1": Decimal("0.5"), "1.2": "80", "2.1": "36/36", "2.2": Decimal(1), "2.3": Decimal(1)}


@pytest.fixture
def appraising(world):
    rules = rules_world(world)
    fill(rules, world.unit_a, world.officer_a, COMMUNE)
    fill(rules, rules.ward, rules.officer_ward, WARD)
    rules.move_to(world, CycleState.APPRAISAL)
    return rules


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def row_of(text, code):
    start = text.index(f'id="tc-{code}"')
    return text[start : text.index("</tr>", start)]


def test_the_appraiser_sees_the_guide_scale_and_rule_and_enters_a_value(client, world, appraising):
    client.force_login(world.appraiser)
    url = f"/ky/{appraising.cycle.pk}/tham-dinh/{world.unit_a.pk}/2/"
    ratio = row_of(page(client, url), "2.1")
    assert "điểm = điểm tối đa × tỷ lệ đạt (%) ÷ 100, đủ điểm từ 100%" in ratio
    assert "35/36" in ratio and 'name="appraised_measure" value="35/36"' in ratio
    assert "Không áp dụng cho xã" in row_of(page(client, url), "2.3")
    score = appraising.score(world.unit_a, "2.1")
    response = client.post(
        url,
        {
            "score": score.pk,
            "code": "2.1",
            "appraised_measure": "30/36",
            "reason": "6 hồ sơ trễ hạn theo sổ theo dõi",
        },
        follow=True,
    )
    text = html.unescape(response.content.decode())
    assert "Đã lưu kết quả thẩm định tiêu chí 2.1: 30/36 → 3,33 điểm." in text
    correction = score.corrections.get(round=1)
    assert (correction.appraised_score, correction.appraised_measure) == (Decimal("3.33"), "30/36")
    trail = dict(
        AuditEntry.objects.filter(action="score.appraisal1", criterion_code="2.1").values_list(
            "field", "new"
        )
    )
    assert trail == {"appraised_score_round1": "3.33", "appraised_measure_round1": "30/36"}


def test_the_appraisers_scale_leaf_is_chosen_and_a_changed_value_needs_a_reason(
    client, world, appraising
):
    client.force_login(world.appraiser)
    url = f"/ky/{appraising.cycle.pk}/tham-dinh/{world.unit_a.pk}/1/"
    plan = row_of(page(client, url), "1.1")
    assert plan.count('type="radio" name="appraised_score"') == 3
    assert "Quyết định ban hành kế hoạch CCHC năm" in plan
    steps = appraising.score(world.unit_a, "1.2")
    text = html.unescape(
        client.post(
            url, {"score": steps.pk, "code": "1.2", "appraised_measure": "85"}, follow=True
        ).content.decode()
    )
    assert "Sửa điểm tiêu chí 1.2 cần ghi lý do" in text
    assert 'name="appraised_measure" value="85"' in row_of(text, "1.2")  # kept as typed
    plan_score = appraising.score(world.unit_a, "1.1")
    text = html.unescape(
        client.post(
            url,
            {"score": plan_score.pk, "code": "1.1", "appraised_score": "0,7", "reason": "x"},
            follow=True,
        ).content.decode()
    )
    assert "Tiêu chí 1.1: điểm 0,7 không có trong thang điểm của tiêu chí (1; 0,5; 0)" in text


def test_accepting_a_rule_leaf_keeps_the_units_value(world, appraising):
    score = appraising.score(world.unit_a, "2.1")
    correction = do_correct_score(world.appraiser, score, None, "")
    assert (correction.appraised_score, correction.appraised_measure) == (Decimal("3.89"), "35/36")


def test_a_leaf_for_wards_only_is_not_appraised_for_a_commune(world, appraising):
    from parindex.web.appraisals.actions import do_accept_field

    assert do_accept_field(world.appraiser, appraising.cycle, world.unit_a, "2") == 2
    with pytest.raises(ActionError, match=r"Tiêu chí 2\.3: không áp dụng cho xã"):
        do_correct_score(world.appraiser, appraising.score(world.unit_a, "2.3"), Decimal(1), "x")


def test_the_bonus_page_shows_the_items_their_range_and_the_caps(client, world, appraising):
    client.force_login(world.appraiser)
    text = page(client, f"/ky/{appraising.cycle.pk}/tham-dinh/{world.unit_a.pk}/thuong-tru/")
    assert "Điểm thưởng, điểm trừ (thẩm định lần 1)" in text
    assert "Điểm thưởng cộng tối đa 2 điểm; điểm trừ tối đa 1 điểm." in text
    assert "T1. Sáng kiến CCHC được công nhận" in text and "(thưởng tối đa 2 điểm)" in text
    assert "P1. Bị phản ánh có căn cứ về giải quyết TTHC" in text and "(trừ tối đa 1 điểm)" in text
    assert "Mỗi sáng kiến được Hội đồng sáng kiến tỉnh công nhận: 1 điểm" in text
    queue = page(client, f"/ky/{appraising.cycle.pk}/tham-dinh/")
    assert f'/tham-dinh/{world.unit_a.pk}/thuong-tru/">0/2</a>' in queue  # T1, P1
    # field 2 counts 2 criteria for the commune (2.3 is for wards) and 3 for the ward
    assert f'/tham-dinh/{world.unit_a.pk}/2/">0/2</a>' in queue
    assert f'/tham-dinh/{appraising.ward.pk}/2/">0/3</a>' in queue


@pytest.mark.parametrize(
    ("code", "typed", "reason", "message"),
    [
        ("T1", "3", "Quyết định 15/QĐ-HĐSK", "Mục T1: điểm thưởng phải từ 0 đến 2, không phải 3"),
        (
            "P1",
            "0,5",
            "Phản ánh số 7",
            "Mục P1: điểm trừ phải từ -1 đến 0 (nhập số âm, ví dụ -0,5)",
        ),
        ("T1", "1", "", "Mục T1: ghi căn cứ cộng/trừ điểm"),
        ("T1", "một", "x", "Mục T1 — Điểm thưởng/trừ: «một» không phải là số điểm"),
    ],
)
def test_bonus_points_outside_the_items_range_or_without_a_basis_are_refused_and_kept(
    client, world, appraising, code, typed, reason, message
):
    client.force_login(world.appraiser)
    url = f"/ky/{appraising.cycle.pk}/tham-dinh/{world.unit_a.pk}/thuong-tru/"
    response = client.post(url, {"code": code, "points": typed, "reason": reason})
    assert response["Location"] == f"{url}#tc-{code}"
    text = page(client, url)
    assert message in text
    item = text[text.index(f'id="tc-{code}"') :]
    assert f'name="points" value="{typed}"' in item[: item.index("</form>")]
    assert not BonusDecision.objects.exists()


def test_bonus_is_decided_by_whoever_appraises_the_whole_unit(client, world, appraising):
    url = f"/ky/{appraising.cycle.pk}/tham-dinh/{world.unit_a.pk}/thuong-tru/"
    client.force_login(world.other_appraiser)  # field 2 of commune A only
    assert client.get(url).status_code == 404
    assert client.post(url, {"code": "T1", "points": "2", "reason": "x"}).status_code == 404
    client.force_login(world.officer_a)
    assert client.post(url, {"code": "T1", "points": "2", "reason": "x"}).status_code == 404
    client.force_login(world.appraiser)
    client.post(url, {"code": "T1", "points": "1,5", "reason": "Quyết định 15/QĐ-HĐSK"})
    decision = BonusDecision.objects.get()
    assert (decision.code, decision.points, decision.round) == ("T1", Decimal("1.5"), 1)
    entry = AuditEntry.objects.get(criterion_code="T1")
    assert (entry.action, entry.shown_old, entry.shown_new, entry.reason) == (
        "score.appraisal1",
        "0",
        "1,5",
        "Quyết định 15/QĐ-HĐSK",
    )


def test_values_and_bonus_reach_the_run_through_the_scoring_service(world, appraising):
    from parindex.web.results.compute import compute, cycle_inputs

    cycle = appraising.cycle
    do_correct_score(
        world.appraiser,
        appraising.score(world.unit_a, "2.1"),
        None,
        "6 hồ sơ trễ hạn",
        measure=parse_measure("30/36"),
    )
    do_decide_bonus(world.appraiser, cycle, world.unit_a, "T1", Decimal(2), "QĐ 15/QĐ-HĐSK")
    do_decide_bonus(world.appraiser, cycle, world.unit_a, "P1", Decimal("-0.5"), "Phản ánh số 7")
    do_decide_bonus(world.appraiser, cycle, appraising.ward, "P1", Decimal(-1), "Phản ánh số 9")
    inputs = cycle_inputs(cycle)
    assert inputs["measures"]["XA"] == {"1.2": "95", "2.1": "30/36", "2.2": "KPS"}
    assert inputs["adjustments"] == {"XA": {"T1": "2", "P1": "-0.5"}, "PC": {"P1": "-1"}}
    run, _ = compute(cycle, inputs)
    index = {r.unit.code: r.index for r in run.units}
    # commune A: 1 + 2 + 3,33 + 2 = 8,33 of 9 (2.3 is for wards), + 2 − 0,5 → 9,83 ÷ 9 = 109,2… → cap 100
    assert index["XA"] == Decimal("100.00")
    # the ward: 0,5 + 1 + 4 + 1 + 1 = 7,5 of 10, − 1 → 65,00
    assert index["PC"] == Decimal("65.00")
    xa = [u.code for u in run.table.units].index("XA")
    column = [leaf.code for leaf in run.framework.leaves].index("2.1")
    assert run.table.measures[(xa, column)] == "30/36"


def test_the_unit_sees_its_bonus_and_penalty_as_decided(client, world, appraising):
    do_decide_bonus(
        world.appraiser, appraising.cycle, world.unit_a, "P1", Decimal("-0.5"), "Phản ánh số 7"
    )
    client.force_login(world.officer_a)
    text = page(client, f"/ky/{appraising.cycle.pk}/don-vi/{world.unit_a.pk}/")
    table = text[text.index('id="bonus"') :]
    assert 'T1. Sáng kiến CCHC được công nhận</td><td class="num">—' in table
    assert 'P1. Bị phản ánh có căn cứ về giải quyết TTHC</td><td class="num">-0,5' in table
