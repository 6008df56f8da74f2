"""The published page's charts lead somewhere: a bar opens its unit, a class in the legend filters."""

from __future__ import annotations

import re

from tests.web.test_results import published


def test_a_units_bar_in_the_ranking_chart_opens_its_page(client, world):
    publication = published(world)
    base = f"/cong-khai/{publication.pk}/"
    page = client.get(base).content.decode()
    chart = page[page.index("<svg") : page.index("</svg>")]
    links = re.findall(r'<a href="(don-vi/[^"]+)"><rect[^>]*><title>([^<]+)</title>', chart)
    assert links == [
        ("don-vi/XA/", "1. xã Tiên Châu: 85,25 (Khá)"),
        ("don-vi/XB/", "2. xã Tiên Hà: 82,50 (Khá)"),
    ]
    unit = client.get(base + links[0][0])
    assert unit.status_code == 200 and "xã Tiên Châu" in unit.content.decode()


def test_a_class_in_the_legend_filters_the_ranking(client, world):
    publication = published(world)
    base = f"/cong-khai/{publication.pk}/"
    page = client.get(base).content.decode()
    # the legend's badge of "Khá" in the class's colour (palette: blue)
    assert '<a class="badge coloured colour-2166ac" href="?xep-loai=Kh%C3%A1"' in page
    filtered = client.get(base + "?xep-loai=Kh%C3%A1").content.decode()
    assert "xã Tiên Châu" in filtered and "xã Tiên Hà" in filtered
    none = client.get(base + "?xep-loai=Y%E1%BA%BFu").content.decode()
    assert 'href="don-vi/XA/">xã Tiên Châu' not in none


def test_each_fields_points_come_with_their_share_of_the_max(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/").content.decode()
    row = page[page.index('href="don-vi/XA/"') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r'<td class="num">([^<]+)<br><span class="muted pct">([^<]+)</span>', row)
    assert cells == [("4,5", "90%"), ("4", "80%"), ("8,55", "85,5%")]


def test_a_units_field_profile_is_drawn_in_the_page_with_its_figures_on_hover(client, world):
    publication = published(world)
    page = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/").content.decode()
    chart = page[page.index("<svg") : page.index("</svg>")]
    tips = re.findall(r"<rect[^>]*><title>([^<]+)</title>", chart)
    # XA: 4,5/5 and 4/5 self points, 8,55/10 survey; the averages are over XA and XB
    assert tips == [
        "LV 1. Công tác chỉ đạo, điều hành CCHC: 4,5/5 điểm (90%); bình quân các đơn vị 90%",
        "LV 2. Cải cách thủ tục hành chính: 4/5 điểm (80%); bình quân các đơn vị 90%",
        "LV 8. Điều tra xã hội học: 8,55/10 điểm (85,5%); bình quân các đơn vị 77,75%",
    ]
    png = client.get(f"/cong-khai/{publication.pk}/don-vi/XA/bieu-do.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
