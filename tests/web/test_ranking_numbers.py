"""Every count and place on the web pages carries the thousands dot (3.307/3.321, -2.644 bậc)."""

from __future__ import annotations

from parindex.io.results_json import FORMAT, published
from parindex.web.results.display import ranking_page, ranking_row, rows_html
from parindex.web.results.views_public import field_line


def national_unit():
    return published(
        {
            "format": FORMAT,
            "framework": {"classes": [{"label": "Yếu", "min": 0}]},
            "period": "2025",
            "previous_period": "2024",
            "average": 80,
            "of": 3321,
            "classes": {"Yếu": ["X9282"]},
            "units": [
                {
                    "unit": "X9282",
                    "display_name": "xã Chín",
                    "index": 41.5,
                    "rank": 3307,
                    "of": 3321,
                    "class": "Yếu",
                    "class_rank": 1282,
                    "class_size": 1500,
                    "rank_interval": [3290, 3315],
                    "self": {"score": 30.5, "max": 70, "percent": 43.57, "rank": 3300, "of": 3321},
                    "fields": [
                        {
                            "code": "1",
                            "name": "A",
                            "score": 4.5,
                            "max": 10,
                            "percent": 45,
                            "rank": 3100,
                            "of": 3321,
                            "rank_change": 2644,
                        }
                    ],
                    "previous": {"unit": "X9282", "delta": -12.25, "rank_change": -2644},
                }
            ],
        }
    )


def test_a_ranking_row_writes_places_and_their_change_with_the_thousands_dot():
    run = national_unit()
    row = ranking_row(run.unit("X9282"))
    html = rows_html([row], blocked=False, compared=True)
    assert "3.307/3.321" in html and "3.290–3.315" in html
    assert "−12,25 (−2.644 bậc)" in html  # one minus sign (U+2212) for both changes
    assert "2644" not in html and "3307" not in html


def test_the_stored_page_keeps_the_thousands_dot():
    page = ranking_page(run := national_unit())
    assert "(−2.644 bậc)" in page.rows_html
    assert "<title>3.307. xã Chín: 41,50 (Yếu)</title>" in page.ranking_svg
    assert page.legend[0].units_text == "1"
    assert run.of == 3321


def test_a_fields_change_of_place_on_the_unit_page_has_the_thousands_dot():
    line = field_line(national_unit().unit("X9282").fields[0])
    assert (line.rank, line.change_text) == ("3.100/3.321", "+2.644")
