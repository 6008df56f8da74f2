"""An indicator feeding a criterion: the unit's self-assessment shows the suggested score
from its measured value through that criterion's rule."""

from __future__ import annotations

from parindex.web.indicators.actions import do_load_catalogue
from parindex.web.indicators.models import Indicator
from tests.web.rules_world import rules_world


def test_the_on_time_rate_suggests_the_points_of_its_ratio_criterion(client, world):
    rules = rules_world(world)  # criterion 2.1: a ratio rule, 4 points at 100%
    do_load_catalogue(world.admin)
    Indicator.objects.filter(code="MC-01").update(criteria="web-rules-2025:2.1, other-fw:1.2")
    client.force_login(world.officer_a)
    indicator = Indicator.objects.get(code="MC-01")
    client.post(
        f"/chi-tieu/don-vi/{world.unit_a.pk}/",
        {"indicator": indicator.pk, "period": "2025", "numerator": "1661", "denominator": "2000"},
    )
    page = client.get(f"/ky/{rules.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/2/").content.decode()
    assert "Từ chỉ tiêu của đơn vị" in page
    assert "kỳ 2025: <strong>83,05%</strong> (1.661/2.000)" in page
    assert "Điểm gợi ý theo cách chấm của tiêu chí: <strong>3,32</strong>" in page
    other = client.get(
        f"/ky/{rules.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/1/"
    ).content.decode()
    assert "Từ chỉ tiêu của đơn vị" not in other  # 1.2 of another framework: not this one's


def test_a_figure_of_another_year_suggests_nothing(client, world):
    rules = rules_world(world)
    do_load_catalogue(world.admin)
    Indicator.objects.filter(code="MC-01").update(criteria="2.1")
    client.force_login(world.officer_a)
    indicator = Indicator.objects.get(code="MC-01")
    client.post(
        f"/chi-tieu/don-vi/{world.unit_a.pk}/",
        {"indicator": indicator.pk, "period": "2026", "numerator": "1", "denominator": "2"},
    )
    page = client.get(f"/ky/{rules.cycle.pk}/don-vi/{world.unit_a.pk}/linh-vuc/2/").content.decode()
    assert "Từ chỉ tiêu của đơn vị" not in page
