"""Survey responses from the cycle's page: the columns mapped on screen (one select per meaning,
pre-filled with the importer's guess), the row report grouped by reason with counts and the
accept button above it; a unit's survey points typed by hand with a reason."""

from __future__ import annotations

import json

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.io.survey_responses import parse_mapping
from parindex.web.audit.codes import AuditAction
from parindex.web.audit.models import AuditEntry
from parindex.web.results.compute import cycle_inputs
from parindex.web.results.models import SurveyManual, SurveySource
from parindex.web.results.survey_mapping import by_reason, mapping_with_columns
from tests.web.test_survey_upload import SURVEY, survey_cycle


def post_upload(client, cycle, name: str, content: bytes, **extra):
    files = {
        "questionnaire": SimpleUploadedFile(
            "phieu.yaml", (SURVEY / "questionnaire.yaml").read_bytes()
        ),
        "responses": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(f"/ky/{cycle.pk}/phieu-tra-loi/", files, follow=True)


def test_the_review_page_preselects_the_importers_guess_and_puts_accept_first(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    page = post_upload(client, cycle, "kobo.csv", (SURVEY / "kobo.csv").read_bytes())
    html = page.content.decode()
    header = (SURVEY / "kobo.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    unit_column = header.index('"grp_thongtin/don_vi"')
    assert f'<option value="{unit_column}" selected>' in html.split('name="unit"')[1]
    assert html.index("Chấp nhận 42 phiếu hợp lệ") < html.index('name="step" value="columns"')


def test_an_export_whose_unit_column_is_not_recognised_is_mapped_on_screen(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    content = (SURVEY / "kobo.csv").read_bytes().replace(b"grp_thongtin/don_vi", b"noi_song", 1)
    html = post_upload(client, cycle, "kobo.csv", content).content.decode()
    assert "Chưa đọc được phiếu trả lời: hãy chọn cột cho từng mục dưới đây." in html
    assert "không tìm thấy cột đơn vị" in html
    assert "Chấp nhận" not in html
    upload = cycle.survey_uploads.get()
    header = content.decode("utf-8").splitlines()[0].split(";")
    choice = {"step": "columns", "unit": str(header.index('"noi_song"'))}
    from parindex.web.results.survey_mapping import column_choice

    for m in column_choice(upload).meanings:
        if m.key != "unit" and m.guess is not None:
            choice[m.key] = str(m.guess)
    url = f"/ky/{cycle.pk}/phieu-tra-loi/{upload.pk}/"
    html = client.post(url, choice, follow=True).content.decode()
    assert "Đã kiểm tra lại phiếu trả lời theo các cột đã chọn." in html
    assert "Đã đọc <strong>42</strong> phiếu, hợp lệ <strong>42</strong>" in html
    upload.refresh_from_db()
    assert yaml.safe_load(upload.mapping)["columns"]["noi_song"] == "unit"
    html = client.post(url, {"step": "accept"}, follow=True).content.decode()
    assert "Đã tính và nhận điểm điều tra xã hội học của 3 đơn vị." in html
    assert SurveySource.objects.filter(cycle=cycle).exists()


def test_a_required_column_left_empty_is_named(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    post_upload(client, cycle, "kobo.csv", (SURVEY / "kobo.csv").read_bytes())
    upload = cycle.survey_uploads.get()
    html = client.post(
        f"/ky/{cycle.pk}/phieu-tra-loi/{upload.pk}/", {"step": "columns", "unit": ""}, follow=True
    ).content.decode()
    assert "Đơn vị: Chọn cột cho «Đơn vị»" in html


def test_the_row_report_is_grouped_by_reason_with_counts_and_the_first_rows(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    lines = (SURVEY / "bad-rows.csv").read_text(encoding="utf-8").splitlines()
    many = [lines[0], *(f"R{i},XX,dan,A,B,A,B,,C" for i in range(300))]
    html = post_upload(client, cycle, "many.csv", "\n".join(many).encode()).content.decode()
    assert "Phiếu bị loại, theo lý do" in html
    assert ": 300 dòng — bỏ phiếu</h3>" in html  # the unit is unknown: the respondent is left out
    assert "Hiện 5 dòng đầu trong 300 dòng." in html
    assert html.count('<td class="num">') == 5


def test_by_reason_counts_every_row_and_keeps_the_first_five():
    rows = [{"row": i, "column": "unit", "value": "XX", "reason": "không có"} for i in range(2, 9)]
    rows.append({"row": 9, "column": "Q1", "value": "Z", "reason": "ngoài thang"})
    groups = by_reason(rows)
    assert [(g.reason, g.count, len(g.rows)) for g in groups] == [
        ("không có", 7, 5),
        ("ngoài thang", 1, 1),
    ]


headers = st.lists(
    # headers as tables.py gives them: stripped, never blank
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool),
    min_size=1,
    max_size=8,
    unique=True,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=headers, data=st.data())
def test_the_mapping_written_from_any_choice_is_a_valid_mapping(header, data):
    keys = ["unit", "group", "respondent", "q:Q1", "q:Q2"]
    pick = st.one_of(st.none(), st.integers(0, len(header) - 1))
    chosen = {k: data.draw(pick) for k in keys}
    guessed = {k: data.draw(pick) for k in keys}
    text = mapping_with_columns("", tuple(header), chosen, guessed)
    mapping = parse_mapping(yaml.safe_load(text), "ánh xạ")
    for key, column in chosen.items():
        if column is not None and list(chosen.values()).count(column) == 1:
            meaning = key[2:] if key.startswith("q:") else key
            assert meaning in mapping.columns.values()


def test_a_units_survey_points_are_typed_by_hand_with_a_reason(client, world):
    client.force_login(world.admin)
    url = f"/ky/{world.cycle.pk}/dieu-tra/nhap-tay/"
    page = client.post(url, {"unit": world.unit_a.pk, "leaf_8": "8,5", "reason": ""}, follow=True)
    assert "Lý do nhập tay: Cần ghi lý do nhập tay điểm điều tra" in page.content.decode()
    page = client.post(url, {"unit": world.unit_a.pk, "leaf_8": "12", "reason": "x"}, follow=True)
    assert "tiêu chí 8: 12 điểm vượt tối đa 10" in page.content.decode()
    page = client.post(
        url, {"unit": world.unit_a.pk, "leaf_8": "8,5", "reason": "Phiếu giấy"}, follow=True
    )
    assert "Đã ghi điểm điều tra nhập tay của xã Tiên Châu." in page.content.decode()
    assert SurveyManual.objects.get().points == {"8": "8.5"}
    survey = cycle_inputs(world.cycle)["survey"]
    (unit,) = [u for u in survey["units"] if u["unit"] == "XA"]
    assert unit["leaves"][0]["points"] == "8.5"
    entry = AuditEntry.objects.get(action=AuditAction.SURVEY_MANUAL)
    assert (entry.unit, entry.reason) == (world.unit_a, "Phiếu giấy")


def test_typed_points_replace_the_units_points_from_the_survey_file(world):
    from tests.web.conftest import scored_world

    scored_world(world)
    from decimal import Decimal

    from parindex.web.results.survey_upload import do_enter_survey_points

    do_enter_survey_points(world.cycle, world.unit_b, {"8": Decimal("9")}, "Sửa", world.admin)
    survey = cycle_inputs(world.cycle)["survey"]
    points = {u["unit"]: u["total"]["points"] for u in survey["units"]}
    assert points["XB"] == "9" and json.dumps(points["XA"]) == "8.55"


def test_a_bad_answer_is_left_out_alone_and_the_page_says_so(client, world):
    cycle = survey_cycle(world)
    client.force_login(world.admin)
    lines = (SURVEY / "bad-rows.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0], *(f"R{i},TC,dan,A,B,A,B,,C" for i in range(30)), "R99,TC,dan,Z,B,A,B,,C"]
    html = post_upload(client, cycle, "one-bad.csv", "\n".join(rows).encode()).content.decode()
    assert "hợp lệ <strong>31</strong>, bị loại <strong>0</strong> phiếu" in html
    assert "Bỏ riêng 1 câu trả lời không hợp lệ" in html
    assert ": 1 dòng — bỏ câu trả lời</h3>" in html
