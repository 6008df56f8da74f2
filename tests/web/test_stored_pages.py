"""Ranking pages stored by earlier versions still open: sort keys, legend and average as they were."""

from __future__ import annotations

import json
from decimal import Decimal

from parindex.web.results.display import Choice, RankingPage

ROW = '<tr><td class="num">{rank}</td><td><a href="don-vi/{code}/">{name}</a></td></tr>'


def stored(place_a, place_b):
    return json.dumps(
        {
            "row_html": {
                "XA": ROW.format(rank="1/2", code="XA", name="xã Tiên Châu"),
                "XB": ROW.format(rank="2/2", code="XB", name="xã Tiên Hà"),
            },
            "keys": [
                ["XA", "xã", "Khá", "", place_a, "xã tiên châu", 85.25, 0],
                ["XB", "xã", "Khá", "", place_b, "xã tiên hà", 82.5, None],
            ],
            "results": {
                "of": 2,
                "period": "2024",
                "previous_period": "2023",
                "block_by": None,
                "average": 83.88,
            },
            "fields": [{"code": "1", "name": "Chỉ đạo", "max": 5, "source": "self"}],
            "average": "83,88",
            "rows_html": "",
            "shown": 2,
            "kinds": ["xã"],
            "labels": ["Khá", "Yếu"],
            "blocks": [],
            "ranking_svg": "<svg></svg>",
            "distribution_svg": "<svg></svg>",
            "slope_svg": "",
            "legend": [["Khá", "#1a7f37", 2], ["Yếu", "#2f81f7", 0]],
            "heat": [
                {"name": "xã Tiên Châu", "cells": [{"text": "80", "colour": "#fff", "title": "t"}]}
            ],
        }
    )


def test_a_page_stored_before_blocks_and_one_stored_after_read_alike():
    for a, b in ((1, 2), ([0, 1], [0, 2])):
        page = RankingPage.from_json(stored(a, b))
        assert [(k.code, k.block_position, k.rank) for k in page.keys] == [
            ("XA", 0, 1),
            ("XB", 0, 2),
        ]
        assert page.keys[0].index == Decimal("85.25") and page.keys[1].delta is None
        assert [(i.label, i.units_text) for i in page.legend] == [("Khá", "2"), ("Yếu", "0")]
        assert page.average == "83,88" and page.results.of == 2
        by_change = page.chosen(Choice(sap_xep="thay-doi"))
        assert by_change.rows_html.index("XA") < by_change.rows_html.index("XB")
        assert page.chosen(Choice(xep_loai="Yếu")).shown == 0


def test_a_page_round_trips_through_its_json():
    page = RankingPage.from_json(stored([0, 1], [0, 2]))
    assert RankingPage.from_json(page.to_json()) == page
