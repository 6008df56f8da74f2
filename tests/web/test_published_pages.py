"""A publication's pages read only the publication: across years, after later corrections, as sorted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from parindex.core.workflow import CycleState
from parindex.web.appraisals.actions import do_accept_field, do_correct_score
from parindex.web.assessments.actions import do_save_self_score
from parindex.web.cycles.actions import do_create_cycle, do_transition_cycle
from parindex.web.results.actions import do_attach_survey
from parindex.web.units.models import Unit
from tests.web.conftest import close_and_publish, make_user, scored_world, survey_points

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"
LATER = "Quyết định số 5120/QĐ-UBND ngày 19/12/2025"


def next_year(world):
    """2025 on the same framework: XA as in 2024 (85,25), XB up to 90, and a new commune XC (95)."""
    unit_c = Unit.objects.create(code="XC", name="Tiên Lãnh", kind="xã")
    officer_c = make_user("canbo.xc", "officer", unit_c)
    cycle = do_create_cycle(
        "Chỉ số CCHC cấp xã năm 2025",
        world.cycle.framework,
        "2025",
        [world.unit_a, world.unit_b, unit_c],
        world.admin,
    )
    cycle = do_transition_cycle(cycle, CycleState.SELF_ASSESSMENT, world.admin)
    for unit, officer, values in (
        (world.unit_a, world.officer_a, ("2", "2.5", "4")),
        (world.unit_b, world.officer_b, ("2", "3", "5")),
        (unit_c, officer_c, ("2", "3", "5")),
    ):
        for code, value in zip(("1.1", "1.2", "2.1"), values, strict=True):
            score = cycle.scores.select_related("criterion", "cycle", "unit").get(
                unit=unit, criterion__code=code
            )
            do_save_self_score(  # 1.1 and 2.1 ask for evidence: explained instead
                officer, score, Decimal(value), False, "Đã thực hiện theo kế hoạch", score.version
            )
    points = survey_points(world, {"XA": "8.55", "XB": "8", "XC": "9"})
    do_attach_survey(cycle, points, world.admin)
    return cycle


def two_years(world):
    scored_world(world)
    first = close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    cycle = next_year(world)
    second = close_and_publish(cycle, LATER, date(2025, 12, 19), world.admin)
    return first, second


def test_the_units_years_show_its_index_and_place_of_each_year(client, world):
    """Not "[0, 1]": the rank of a sort key holding [block position, rank]."""
    _first, second = two_years(world)
    page = client.get(f"/cong-khai/{second.pk}/don-vi/XA/").content.decode()
    years = page[page.index("Qua các năm") :]
    years = years[: years.index("</table>")]
    assert "[0," not in years
    assert ">2024</a>" in years and "<strong>2025</strong>" in years
    assert years.count("85,25") == 2  # the same index both years
    assert "1/2" in years and "3/3" in years  # first of 2 in 2024, third of 3 in 2025


def test_a_unit_compares_across_two_years_with_the_figures_of_both(client, world):
    first, second = two_years(world)
    page = client.get(f"/cong-khai/so-sanh/?p={first.pk}&p={second.pk}&don-vi=XB").content.decode()
    assert "xã Tiên Hà (2024)" in page and "xã Tiên Hà (2025)" in page
    assert "82,50" in page and "90,00" in page  # 2024's index and 2025's
    assert "2/2" in page and "2/3" in page  # the places of each year
    assert "7/10 (70%)" in page and "8/10 (80%)" in page  # the survey field each year


def test_the_preview_sorts_by_change_as_the_published_page_does(client, world):
    """Largest rise first, then the unchanged unit, then the new one (nothing to compare)."""
    scored_world(world)
    close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)
    cycle = next_year(world)
    client.force_login(world.admin)
    preview = client.get(f"/ky/{cycle.pk}/ket-qua/?sap-xep=thay-doi").content.decode()
    order = [preview.index(name) for name in ("xã Tiên Hà", "xã Tiên Châu", "xã Tiên Lãnh")]
    assert order == sorted(order), "XB (+7,5), XA (0), XC (new)"
    published = close_and_publish(cycle, LATER, None, world.admin)
    page = client.get(f"/cong-khai/{published.pk}/?sap-xep=thay-doi").content.decode()
    assert [page.index(name) for name in ("xã Tiên Hà", "xã Tiên Châu", "xã Tiên Lãnh")] == sorted(
        page.index(name) for name in ("xã Tiên Hà", "xã Tiên Châu", "xã Tiên Lãnh")
    )


def corrected_and_accepted(world):
    """Round 1 takes 2 points off 2.1 with a reason; round 2 accepts the field unchanged."""
    scored_world(world)
    world.move_to(CycleState.APPRAISAL)
    score = world.score(world.unit_a, "2.1")
    do_correct_score(world.appraiser, score, Decimal("2"), "Chưa niêm yết đủ")
    world.move_to(CycleState.FINAL_APPRAISAL)
    do_accept_field(world.appraiser, world.cycle, world.unit_a, "2")
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def lost_section(page: str) -> str:
    section = page[page.index("Tiêu chí bị mất điểm") :]
    return section[: section.index("</table>")]


def test_the_lost_points_give_the_appraisers_reason_not_round_2s_acceptance(client, world):
    publication = corrected_and_accepted(world)
    client.force_login(world.officer_a)
    lost = lost_section(client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode())
    assert "2.1. Công khai thủ tục hành chính" in lost and "2/5" in lost
    assert "Chưa niêm yết đủ" in lost
    assert "Chấp nhận điểm tự đánh giá" not in lost


def test_a_correction_after_publishing_does_not_change_the_published_unit_page(client, world):
    publication = corrected_and_accepted(world)
    # a closed cycle takes no corrections; the live rows still change under a published page
    # when a later cycle step or a data repair touches them: the page must not follow
    score = world.score(world.unit_a, "2.1")
    score.corrections.filter(round=2).update(
        appraised_score=Decimal("1"), reason="Sửa sau khi công bố"
    )
    client.force_login(world.officer_a)
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    lost = lost_section(page)
    assert "2/5" in lost and "1/5" not in lost
    assert "Chưa niêm yết đủ" in lost and "Sửa sau khi công bố" not in lost


def test_a_publication_made_before_lost_points_were_recorded_shows_no_section(client, world):
    from parindex.web.results import models
    from parindex.web.results.models import Publication

    publication = corrected_and_accepted(world)
    Publication.objects.filter(pk=publication.pk).update(lost_points="")
    models._KEPT.clear()  # as a process started after the upgrade: nothing read yet
    client.force_login(world.officer_a)
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    assert "Chỉ số CCHC năm 2024 của xã Tiên Châu đạt" in page
    assert "Tiêu chí bị mất điểm" not in page


def test_the_migration_records_lost_points_once_for_earlier_publications(world):
    import importlib

    from django.apps import apps

    from parindex.web.results.models import Publication

    publication = corrected_and_accepted(world)
    recorded = Publication.objects.get(pk=publication.pk).lost_points
    Publication.objects.filter(pk=publication.pk).update(lost_points="")
    migration = importlib.import_module(
        "parindex.web.results.migrations.0007_publication_lost_points"
    )
    migration.record_lost_points(apps, None)
    again = Publication.objects.get(pk=publication.pk)
    assert again.lost_points == recorded
    (row,) = [r for r in again.lost_points_of("XA") if r.code == "2.1"]
    assert (row.score, row.reason) == ("2/5", "Chưa niêm yết đủ")


def test_publishing_reads_the_decision_through_a_form(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    url = f"/ky/{world.cycle.pk}/cong-bo/"
    page = client.post(
        url, {"decision": DECISION, "decided_on": "2024-12-21", "confirmed": "on"}, follow=True
    )
    assert "cần theo dạng ngày/tháng/năm" in page.content.decode()
    page = client.post(
        url, {"decision": "Q" * 301, "decided_on": "", "confirmed": "on"}, follow=True
    )
    assert "Quyết định công bố:" in page.content.decode()  # the field named, nothing published
    page = client.post(
        url, {"decision": DECISION, "decided_on": "21/12/2024", "confirmed": "on"}, follow=True
    )
    assert f"Đã công bố kết quả: {DECISION}." in page.content.decode()
    assert world.cycle.publications.get().decided_on == date(2024, 12, 21)


def test_results_are_published_only_once_the_appraisal_is_over(client, world):
    scored_world(world)
    world.move_to(CycleState.FINAL_APPRAISAL)
    client.force_login(world.admin)
    preview = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "Chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định" in preview
    assert 'action="/ky/' not in preview.split("Công bố kết quả")[-1]  # no publish form
    page = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/",
        {"decision": DECISION, "decided_on": "", "confirmed": "on"},
        follow=True,
    ).content.decode()
    assert "chỉ công bố được kết quả khi kỳ đánh giá đã kết thúc thẩm định" in page
    assert "(kỳ đang ở bước «Thẩm định lần 2»)" in page
    assert not world.cycle.publications.exists()


def test_the_preview_warns_of_units_that_never_submitted_before_publishing(client, world):
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    client.force_login(world.admin)
    preview = client.get(f"/ky/{world.cycle.pk}/ket-qua/").content.decode()
    assert "2 đơn vị chưa nộp tự đánh giá: xã Tiên Châu, xã Tiên Hà." in preview
