"""The results pages in English when chosen: the page chrome is translated, the published
content (ranking rows, narrative, charts, numbers in the Vietnamese style) stays as published."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation.template import templatize

from parindex.core.workflow import CycleState
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"
WEB = Path(__file__).resolve().parents[2] / "src/parindex/web"


def english(client) -> None:
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def published(world):
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def test_the_public_index_in_english(client, world):
    english(client)
    page = get(client, "/cong-khai/")
    assert "<h1>Published PAR Index results</h1>" in page
    assert "No results have been published yet." in page and "Open data" in page
    assert "đã công bố" not in page and "Dữ liệu mở" not in page
    published(world)
    page = get(client, "/cong-khai/")
    assert world.cycle.name in page and DECISION in page  # names and decisions as published


def test_a_publication_page_in_english_keeps_the_published_content(client, world):
    publication = published(world)
    english(client)
    page = get(client, f"/cong-khai/{publication.pk}/")
    for chrome in (
        "← Published results",
        "Published documents",
        "Decision publishing the results:",
        "Appendix to the decision (score table):",
        "Report on the results:",
        '<button type="submit">Filter</button>',
        "Average index",
        ">Rank</th>",
        ">Rating</th>",
        "Scorecards of all units",
        "<h2>Charts</h2>",
        "Units by rating",
        f"{DECISION} · published ",
    ):
        assert chrome in page, chrome
    for vietnamese in (
        "Kết quả đã công bố",
        "Tải về",
        ">Lọc<",
        "Chỉ số bình quân",
        "Sắp xếp",
        "<h2>Biểu đồ</h2>",  # the SVGs keep their Vietnamese labels, as published
        "Phiếu kết quả của tất cả đơn vị",
        "Mã kiểm tra",
    ):
        assert vietnamese not in page, vietnamese
    # the ranking rows, as published: names, Vietnamese numbers, class labels
    assert "xã Tiên Châu" in page and "<strong>85,25</strong>" in page and "<td>Khá</td>" in page
    page = get(client, f"/cong-khai/{publication.pk}/?xep-loai=Yếu&kiem-tra=1")
    assert "showing 0" in page and "đang hiện" not in page
    assert "Recomputed from the stored data: matches to the last digit." in page


def test_a_units_page_in_english_keeps_its_narrative(client, world):
    publication = published(world)
    english(client)
    client.force_login(world.officer_a)
    page = get(client, f"/cong-khai/{publication.pk}/don-vi/XA/")
    for chrome in (
        "Results by field",
        ">Percent</th>",
        "Criteria where points were lost",
        'Scorecard <span class="muted">(appendix to the report)</span>:',
    ):
        assert chrome in page, chrome
    for vietnamese in ("Kết quả theo lĩnh vực", "Tiêu chí bị mất điểm", "Phiếu điểm", "Xếp hạng"):
        assert vietnamese not in page, vietnamese
    assert "Chỉ số CCHC năm 2024 của xã Tiên Châu đạt 85,25 điểm" in page  # the narrative
    assert "90%" in page and "4,5/5" in page


def test_the_compare_page_in_english(client, world):
    publication = published(world)
    english(client)
    page = get(client, f"/cong-khai/so-sanh/?p={publication.pk}&don-vi=XA&don-vi=XB")
    assert "<h1>Compare</h1>" in page and "← Published results" in page
    assert "<td>PAR Index</td>" in page and "<td>Rank</td>" in page and "<td>Rating</td>" in page
    assert "So sánh" not in page and "Xếp hạng" not in page and "Kết quả đã công bố" not in page
    assert "85,25" in page and "Khá" in page


def test_the_admins_preview_in_english(client, world):
    client.force_login(world.admin)
    english(client)
    page = get(client, f"/ky/{world.cycle.pk}/ket-qua/")
    assert "The results cannot be computed yet: 1 problem remains." in page
    # the engine's messages stay Vietnamese
    assert "chưa nhập điểm điều tra xã hội học cho kỳ đánh giá này" in page
    scored_world(world)
    world.move_to(CycleState.CLOSED)
    page = get(client, f"/ky/{world.cycle.pk}/ket-qua/")
    for chrome in (
        "Provisional results",
        "Survey scores",
        "Publish the results",
        "Upload and check",
    ):
        assert chrome in page, chrome
    for vietnamese in (
        "Kết quả tạm tính",
        "Công bố kết quả",
        "Chưa tính được",
        "Tải lên và kiểm tra",
    ):
        assert vietnamese not in page, vietnamese
    assert "<td>xã Tiên Châu</td>" in page and "&lt;td" not in page  # rows as HTML, not as text
    response = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/",
        {"decision": DECISION, "decided_on": "21/12/2024", "confirmed": "on"},
        follow=True,
    )
    assert f"Published the results: {DECISION}." in response.content.decode()
    response = client.post(
        f"/ky/{world.cycle.pk}/cong-bo/",
        {"decision": DECISION, "decided_on": "2024-12-21", "confirmed": "on"},
        follow=True,
    )
    assert "must be written day/month/year" in response.content.decode()


def test_the_results_pages_stay_vietnamese_by_default(client, world):
    publication = published(world)
    page = get(client, "/cong-khai/")
    assert "Kết quả Chỉ số CCHC đã công bố" in page and "Published" not in page
    page = get(client, f"/cong-khai/{publication.pk}/")
    assert "← Kết quả đã công bố" in page and "Văn bản công bố" in page
    assert '<button type="submit">Lọc</button>' in page and "Chỉ số bình quân" in page
    assert "Download" not in page and "Filter" not in page and "Average index" not in page
    page = get(client, f"/cong-khai/{publication.pk}/don-vi/XA/")
    assert (
        "Kết quả theo lĩnh vực" in page and "Phiếu điểm <span" in page and "Results by" not in page
    )
    page = get(client, f"/cong-khai/so-sanh/?p={publication.pk}&don-vi=XA&don-vi=XB")
    assert "<h1>So sánh</h1>" in page and "<td>Xếp hạng</td>" in page and "Rank" not in page
    client.force_login(world.admin)
    page = get(client, f"/ky/{world.cycle.pk}/ket-qua/")
    assert "<h1>Kết quả: " in page and "Các lần công bố" in page and "Provisional" not in page


# --- the catalogue -----------------------------------------------------------------------

CALL = re.compile(r"\b(n?gettext)\(((?:u'(?:[^'\\]|\\.)*'(?:, )?)+)")
LITERAL = re.compile(r"u'(?:[^'\\]|\\.)*'")


def _template_messages() -> list[tuple[str, ...]]:
    """Every message of the results and cycles templates (the dashboard, a round's pages), read
    the way makemessages reads them."""
    found = []
    paths = [
        *(WEB / "templates/results").glob("*.html"),
        *(WEB / "templates/cycles").glob("*.html"),
    ]
    for path in sorted(paths):
        for call in CALL.finditer(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
            found.append(tuple(ast.literal_eval(s) for s in LITERAL.findall(call.group(2))))
    return found


def _view_messages() -> list[tuple[str, ...]]:
    found = []
    views = [*(WEB / "results").glob("*views*.py"), *(WEB / "cycles").glob("*views*.py")]
    for path in sorted(views):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "gettext", "ngettext")
            ):
                literal = tuple(
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
                if literal:  # not ``_(STATE_LABELS[s])``: its words are in the catalogue apart
                    found.append(literal)
    return found


@pytest.mark.parametrize("source", [_template_messages, _view_messages], ids=["templates", "views"])
def test_every_results_message_has_its_english_in_the_compiled_catalogue(source):
    messages = source()
    assert len(messages) > 5  # the scan finds the messages (it would pass vacuously on none)
    with translation.override("en"):
        missing = [
            m
            for m in messages
            if (translation.gettext(m[0]) if len(m) == 1 else translation.ngettext(m[0], m[1], 2))
            == m[-1]
        ]
    assert not missing, "add to django.po and run msgfmt: " + repr(missing)


def test_the_catalogue_has_no_fuzzy_entries():
    po = (WEB / "locale/en/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po and "fuzzy," not in po
