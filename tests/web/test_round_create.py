"""The admin creates a round from a scheme: one cycle per framework, each with its blocks; a
wrong scheme or wrong participants are refused with every located reason, nothing made."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.models import Cycle, Round
from parindex.web.errors import ActionError
from parindex.web.frameworks.models import Framework
from parindex.web.units.models import Unit
from tests.web.rounds import SCHEME, build_province, create_round


@pytest.fixture
def province(db):
    return build_province()


def test_a_round_is_one_cycle_per_framework_each_ranked_in_its_blocks(province):
    made = create_round(province)
    assert (made.code, made.period, made.year) == ("tinh-2025", "2025", 2025)
    assert made.scheme_yaml == SCHEME and made.created_by == province.admin
    departments, communes = made.cycles.order_by("pk")
    assert departments.framework.code == "tinh-so-2025" and departments.block_by == "block"
    assert departments.blocks == [{"name": "Khối sở, ban, ngành", "kinds": ["sở"], "position": 0}]
    assert communes.blocks == [
        {"name": "Khối phường", "kinds": ["phường"], "position": 1},
        {"name": "Khối xã, đặc khu", "kinds": ["xã", "đặc khu"], "position": 2},
    ]
    assert sorted(departments.units.values_list("code", flat=True)) == ["SNV", "STP"]
    assert sorted(communes.units.values_list("code", flat=True)) == ["DK", "PA", "PB", "XQ"]
    assert communes.name == "Chỉ số CCHC năm 2025 — Khối phường · Khối xã, đặc khu"
    assert made.name == (
        "Chỉ số CCHC năm 2025 của các sở, ban, ngành và UBND các xã, phường, đặc khu"
    )
    assert communes.scores.count() == 4 * 2  # every participant, every self-assessed leaf
    assert Framework.objects.filter(frozen=True).count() == 2
    audit = AuditEntry.objects.get(action="round.create")
    assert audit.actor == province.admin
    assert audit.new == "tinh-2025 kỳ 2025: 2 kỳ đánh giá, 6 đơn vị"
    assert AuditEntry.objects.filter(action="cycle.create").count() == 2


def test_only_the_units_in_force_at_the_end_of_the_period_take_part(province):
    merged = Unit.objects.create(code="XCU", name="Xã Cũ", kind="xã", valid_to=dt.date(2025, 6, 30))
    province.units["XQ"].predecessors.add(merged)
    made = create_round(province)
    communes = made.cycles.get(framework__code="tinh-xa-2025")
    assert "XCU" not in set(communes.units.values_list("code", flat=True))


def test_a_chosen_kind_limits_the_participants(province):
    made = create_round(province, kinds=["sở", "phường", "xã"])
    communes = made.cycles.get(framework__code="tinh-xa-2025")
    assert sorted(communes.units.values_list("code", flat=True)) == ["PA", "PB", "XQ"]


BROKEN = [
    (
        "a kind in no block",
        SCHEME.replace("  - {name: Khối phường, kinds: [phường]}\n", ""),
        "loại phường (bộ tiêu chí «tinh-xa-2025») chưa thuộc khối nào",
    ),
    (
        "a block spanning two frameworks",
        SCHEME.replace(
            '  - {name: "Khối sở, ban, ngành", kinds: [sở]}\n  - {name: Khối phường, kinds: [phường]}\n',
            '  - {name: "Khối sở và phường", kinds: [sở, phường]}\n',
        ),
        "khối «Khối sở và phường»: một khối không được gộp đơn vị chấm bằng hai bộ tiêu chí",
    ),
    (
        "a framework not imported",
        SCHEME.replace("framework: tinh-so-2025", "framework: tinh-so-2026"),
        "bộ tiêu chí «tinh-so-2026» chưa được nhập vào hệ thống (đã nhập: tinh-so-2025, tinh-xa-2025)",
    ),
    (
        "a framework named by its file",
        SCHEME.replace("framework: tinh-so-2025", "framework: so.yaml"),
        "trên trang web, phương án gọi bộ tiêu chí bằng mã (id) của bộ đã nhập",
    ),
    ("not YAML", "id: [tinh", "YAML không hợp lệ"),
]


@pytest.mark.parametrize(("scheme", "reason"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_wrong_scheme_is_refused_with_its_located_reason(province, scheme, reason):
    with pytest.raises(ActionError) as refused:
        create_round(province, scheme=scheme)
    assert refused.value.message == "Phương án không hợp lệ"
    assert any(reason in str(p) for p in refused.value.problems), refused.value.problems
    assert not Round.objects.exists() and not Cycle.objects.exists()


def test_a_participant_whose_kind_no_framework_scores_is_named(province):
    town = Unit.objects.create(code="TT", name="Thị trấn Cũ", kind="thị trấn")
    with pytest.raises(ActionError) as refused:
        create_round(province, units=[*province.units.values(), town])
    problems = [str(p) for p in refused.value.problems]
    assert any(
        "đơn vị TT" in p and "loại «thị trấn» không thuộc bộ tiêu chí và khối nào" in p
        for p in problems
    ), problems
    with pytest.raises(ActionError):
        create_round(province, kinds=["sở", "xã", "thị trấn"])
    assert not Round.objects.exists() and not Cycle.objects.exists()


def test_a_framework_without_participants_is_refused(province):
    with pytest.raises(ActionError) as refused:
        create_round(province, kinds=["phường", "xã"])
    assert [str(p) for p in refused.value.problems] == [
        "đơn vị tham gia: bộ tiêu chí «tinh-so-2025» (loại sở) chưa có đơn vị tham gia nào"
    ]


def test_the_same_scheme_twice_for_one_period_is_refused(province):
    create_round(province)
    with pytest.raises(
        ActionError, match="Đã có đợt đánh giá theo phương án «tinh-2025» cho kỳ 2025"
    ):
        create_round(province)
    assert Round.objects.count() == 1


def test_a_cycle_outside_a_round_cannot_rank_by_a_schemes_blocks(province):
    from parindex.web.cycles.actions import do_create_cycle

    with pytest.raises(ActionError, match="chỉ dùng cho kỳ đánh giá của một đợt đánh giá"):
        do_create_cycle(
            "Kỳ thử", Framework.objects.first(), "2025", [], province.admin, block_by="block"
        )


# --- the page -----------------------------------------------------------------------------


def test_the_admin_creates_a_round_on_its_page_from_an_uploaded_scheme(client, province):
    client.force_login(province.admin)
    page = client.get("/dot/tao/").content.decode()
    assert "<h1>Tạo đợt đánh giá từ phương án</h1>" in page
    assert "<code>tinh-so-2025</code>" in page  # the imported frameworks, by id
    assert "xã (1)" in page  # a kind with its units in force
    response = client.post(
        "/dot/tao/",
        {
            "scheme_file": SimpleUploadedFile("tinh-2025.yaml", SCHEME.encode()),
            "period": "2025",
            "self_assessment_due": "15/01/2026",
            "appraisal_due": "25/01/2026",
        },
    )
    made = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dot/{made.pk}/"
    cycle = made.cycles.first()
    assert cycle.self_assessment_due == dt.datetime(2026, 1, 15, 16, 59, tzinfo=dt.UTC)
    page = client.get(response["Location"]).content.decode()
    assert "Đã tạo đợt đánh giá" in page and "Khối xã, đặc khu" in page


def test_a_refused_scheme_comes_back_with_its_reasons_and_the_text_as_typed(client, province):
    client.force_login(province.admin)
    broken = SCHEME.replace("framework: tinh-so-2025", "framework: tinh-so-2026")
    response = client.post("/dot/tao/", {"scheme_text": broken, "period": "2025"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phương án không hợp lệ:" in page
    assert "bộ tiêu chí «tinh-so-2026» chưa được nhập vào hệ thống" in page
    assert "framework: tinh-so-2026" in page  # the pasted text is kept
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "2025"}, "Chọn tệp phương án (YAML) hoặc dán nội dung của phương án"),
        ({"scheme_text": SCHEME}, "Cần ghi kỳ đánh giá (năm), ví dụ 2025"),
        (
            {"scheme_text": SCHEME, "period": "2025", "self_assessment_due": "2026-01-15"},
            "Ngày «2026-01-15» cần theo dạng ngày/tháng/năm, ví dụ 21/12/2023.",
        ),
        (
            {
                "scheme_text": SCHEME,
                "period": "2025",
                "self_assessment_due": "15/01/2026",
                "appraisal_due": "10/01/2026",
            },
            "Hạn thẩm định lần 1 (10/01/2026) trước hạn tự đánh giá",
        ),
        (
            {"scheme_text": SCHEME, "period": "2025", "kinds": ["làng"]},
            "Không có loại đơn vị «làng»",
        ),
    ],
)
def test_the_form_says_what_is_missing(client, province, data, message):
    client.force_login(province.admin)
    page = client.post("/dot/tao/", data).content.decode()
    assert message in page
    assert not Round.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "appraiser", "officer_xq"])
def test_only_the_admin_may_create_a_round(client, province, persona):
    client.force_login(getattr(province, persona))
    assert client.get("/dot/tao/").status_code == 404
    assert client.post("/dot/tao/", {"scheme_text": SCHEME, "period": "2025"}).status_code == 404
    assert not Round.objects.exists()


def test_a_stranger_is_sent_to_sign_in(client, province):
    response = client.get("/dot/tao/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


# --- the command --------------------------------------------------------------------------


def test_the_command_creates_the_round_through_the_same_action(province, tmp_path):
    path = tmp_path / "tinh-2025.yaml"
    path.write_text(SCHEME, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "create_round", str(path), "--period", "2025", "--user", "quantri",
        "--han-tu-danh-gia", "15/01/2026", stdout=out,
    )  # fmt: skip
    made = Round.objects.get()
    assert made.cycles.count() == 2
    assert "Khối phường · Khối xã, đặc khu: 4 đơn vị" in out.getvalue()
    assert AuditEntry.objects.filter(action="round.create", actor=province.admin).exists()


def test_the_command_names_every_reason_it_refuses(province, tmp_path):
    path = tmp_path / "tinh-2025.yaml"
    path.write_text(SCHEME.replace("tinh-xa-2025", "tinh-xa-2030"), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("create_round", str(path), "--period", "2025", "--user", "quantri")
    assert "bộ tiêu chí «tinh-xa-2030» chưa được nhập vào hệ thống" in str(refused.value)
    with pytest.raises(CommandError, match="Ngày «mai» cần theo dạng ngày/tháng/năm"):
        call_command(
            "create_round", str(path), "--period", "2025", "--user", "quantri",
            "--han-giai-trinh", "mai",
        )  # fmt: skip
    with pytest.raises(CommandError, match="Không có tài khoản quản trị «lanhdao»"):
        call_command("create_round", str(path), "--period", "2025", "--user", "lanhdao")
    assert not Round.objects.exists()
