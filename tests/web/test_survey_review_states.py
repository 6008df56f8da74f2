"""The web's survey upload on an ODK Central export with three submissions the district
reviewers rejected: the review page says they are not scored (the same import as the command
line, with its default), and accepting scores the other 42 and records the count."""

from __future__ import annotations

import json

from parindex.web.results.models import SurveySource
from tests.web.test_survey_mapping import post_upload
from tests.web.test_survey_upload import SURVEY, survey_cycle


def test_the_review_page_counts_the_rejected_submissions_and_accept_leaves_them_out(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    content = (SURVEY / "odk-reviewed.csv").read_bytes()
    html = post_upload(client, cycle, "odk-reviewed.csv", content).content.decode()
    assert "Đã đọc <strong>45</strong> phiếu, hợp lệ <strong>42</strong>" in html
    assert "3 phiếu bị từ chối trên ODK Central (ReviewState = rejected) không được tính" in html
    assert "(dòng 6, 22, 45)" in html
    assert "Chấp nhận 42 phiếu hợp lệ" in html
    upload = cycle.survey_uploads.get()
    client.post(f"/ky/{cycle.pk}/phieu-tra-loi/{upload.pk}/", {"step": "accept"}, follow=True)
    data = json.loads(SurveySource.objects.get(cycle=cycle).data)
    assert data["counts"] == {"read": 45, "kept": 42, "rejected": 0, "excluded": 3}
    assert [u["unit"] for u in data["units"]] == ["TC", "TH", "TL"]


def test_the_review_page_shows_the_design_the_intervals_assume_and_when_they_hold(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    content = (SURVEY / "odk-reviewed.csv").read_bytes()
    html = post_upload(client, cycle, "odk-reviewed.csv", content).content.decode()
    assert "Thiết kế mẫu dùng để tính khoảng tin cậy" in html
    assert "Đơn vị mẫu: từng phiếu (không khai báo cụm)." in html
    assert "Trọng số thiết kế: các phiếu có trọng số bằng nhau." in html
    assert "mà không khai báo cụm cho khoảng tin cậy hẹp hơn thực tế" in html
