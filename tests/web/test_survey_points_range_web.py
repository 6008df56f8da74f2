"""An uploaded points.json with a unit's survey points above the criterion's maximum or below
0 is refused on upload, with the unit, the criterion and the reason — the same rule as
`parindex score --survey` and as points typed by hand."""

from __future__ import annotations

import pytest

from parindex.web.errors import ActionError
from parindex.web.results.actions import do_attach_survey
from parindex.web.results.models import SurveySource
from tests.web.conftest import survey_points


@pytest.mark.parametrize(
    ("points", "reason"), [("99999", "99.999 điểm vượt tối đa 10"), ("-50", "điểm âm (-50)")]
)
def test_survey_points_outside_the_range_are_refused_on_upload(world, points, reason):
    text = survey_points(world, {"XA": points, "XB": "7"})
    with pytest.raises(ActionError) as refused:
        do_attach_survey(world.cycle, text, world.admin)
    assert [str(p) for p in refused.value.problems] == [f"đơn vị XA, tiêu chí 8: {reason}"]
    assert not SurveySource.objects.filter(cycle=world.cycle).exists()
