"""A unit's published page lists each field's criteria: points/max, percent and rank."""

from __future__ import annotations

import json
import re
from datetime import date

from parindex.web.results.models import Publication
from tests.web.conftest import close_and_publish, scored_world

DECISION = "Quyết định số 4769/QĐ-UBND ngày 21/12/2024"


def criteria_rows(page: str, field: str) -> list[list[str]]:
    """The rows of the criteria table under the field headed ``field``."""
    section = page[page.index("Kết quả theo tiêu chí") :]
    table = section[section.index(f"<h3>{field}</h3>") :]
    table = table[: table.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
        if "<td" in row
    ]


def published(world):
    scored_world(world)
    return close_and_publish(world.cycle, DECISION, date(2024, 12, 21), world.admin)


def test_a_visitor_sees_each_criterion_with_points_percent_and_rank(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XB/").content.decode()
    # XB: 1.1 scored 1,5 of 2, 1.2 scored 3 of 3; XA scored 2 and 2,5
    assert criteria_rows(page, "1. Công tác chỉ đạo, điều hành CCHC") == [
        ["1.1. Kế hoạch CCHC năm", "1,5/2", "75%", "2/2"],
        ["1.2. Báo cáo CCHC", "3/3", "100%", "1/2"],
    ]
    assert criteria_rows(page, "2. Cải cách thủ tục hành chính") == [
        ["2.1. Công khai thủ tục hành chính", "5/5", "100%", "1/2"],
    ]
    assert "<h3>8. Điều tra xã hội học</h3>" not in page  # a field that is itself a leaf


def test_the_criteria_table_is_translated_to_english(client, world):
    publication = published(world)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    assert "<h2>Results by criterion</h2>" in page and ">Criterion</th>" in page
    assert "Kết quả theo tiêu chí" not in page
    assert "1.1. Kế hoạch CCHC năm" in page  # the framework's names as published


def test_a_publication_made_before_criteria_shows_no_criteria_table(client, world):
    publication = published(world)
    data = json.loads(publication.summary or publication.results)
    for unit in data["units"]:
        del unit["criteria"]
    # an older publication: another text, so another hash (pages are read once per hash)
    Publication.objects.filter(pk=publication.pk).update(
        summary=json.dumps(data), sha256="0" * 64, page=""
    )
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    assert "Kết quả theo tiêu chí" not in page
    assert "Kết quả theo lĩnh vực" in page
