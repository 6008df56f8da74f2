"""The 766 service index (issue 15): the shipped configuration, the points of each metric by
hand, the not-applicable and no-PAKN policies, no figures never 0, ranks and reconciliation."""

from __future__ import annotations

import copy
from decimal import Decimal as D

import pytest

from parindex.core.onestop import Counts
from parindex.core.problems import InputError
from parindex.core.service766 import (
    EXAMPLE,
    NO_FIGURES,
    PortalFigure,
    parse_config,
    reconcile,
    score_units,
)
from parindex.io.portal766 import read_config

# received 2.358 (carried over 58, online 1.300, direct 1.000); early 1.500, on time 600,
# late 100; in progress 158: within 91, overdue 67 → on time (1.500 + 600 + 91) / 2.358
HALF = Counts(58, 1300, 1000, 1500, 600, 100, 91, 67, 40)


def test_the_shipped_table_has_six_groups_of_100_points_and_says_it_is_unofficial():
    config = read_config()
    assert [(g.code, g.max) for g in config.groups] == [
        ("CKMB", 18), ("TDGQ", 20), ("CLGQ", 12), ("MDSH", 22), ("MDHL", 18), ("TTTT", 10),
    ]  # fmt: skip
    assert sum(g.max for g in config.groups) == 100
    assert [m.code for m in config.metrics if m.source == "register"] == ["DOSSIER_ON_TIME"]
    assert all(m.note for m in config.metrics)
    assert "không chính thức" in config.note
    tinh_only = {m.code for m in config.metrics if m.levels == ("tỉnh",)}
    assert tinh_only == {
        "FULL_ONLINE_DOSSIER", "CITIZEN_DATA_CONNECTED_DOSSIER", "CITIZEN_DATA_CONNECTED_FORMALITY",
    }  # fmt: skip
    assert {m.code: m.threshold for m in config.metrics if m.threshold} == {
        "FULL_ONLINE_DOSSIER": 50, "SO_HOA_GIAY_TO_GIAI_QUYET": 80, "REUSED_DIGITIZED_DATA": 80,
        "DOSSIER_RECEIVING_SATISFACTION": 90, "ONLINE_PAYMENT": 80,
    }  # fmt: skip


def test_the_register_s_on_time_rate_scores_20_times_the_ratio():
    config = parse_config(EXAMPLE)
    (unit,) = score_units(config, [("XA", "xã", HALF, {})])
    on_time, pay = unit.metrics
    # 2.191 / 2.358 = 92,9177…% → 92,92; 20 × 0,929177… = 18,5835… → 18,58
    assert (on_time.numerator, on_time.denominator) == (2191, 2358)
    assert on_time.ratio == HALF.on_time_rate == D("92.92")
    assert on_time.points == D("18.58") and on_time.source == "register"
    assert pay.points is None and pay.remark == NO_FIGURES
    assert unit.total is None and unit.known == D("18.58") and unit.rank is None
    assert unit.groups[0].points == D("18.58") and unit.groups[1].points is None


def test_threshold_scoring_caps_at_the_max_and_linear_is_proportional():
    config = parse_config(EXAMPLE)
    figures = [
        {"PAY": PortalFigure("A", "PAY", D(45), D(50))},  # 90% ≥ 80%: 10
        {
            "PAY": PortalFigure("B", "PAY", D(1), D(3))
        },  # 33,33…% → 10 × 33,33… / 80 = 4,1666… → 4,17
        {"PAY": PortalFigure("C", "PAY", ratio=D("40"))},  # only the ratio: 5
    ]
    scored = score_units(config, [(u, "xã", HALF, f) for u, f in zip("ABC", figures, strict=True)])
    assert [s.metrics[1].points for s in scored] == [D("10.00"), D("4.17"), D("5.00")]
    assert [s.metrics[1].ratio for s in scored] == [D("90.00"), D("33.33"), D("40.00")]
    assert [s.total for s in scored] == [D("28.58"), D("22.75"), D("23.58")]
    assert [s.rank for s in scored] == [1, 3, 2]


def test_equal_totals_share_a_rank_and_units_without_figures_have_none():
    config = parse_config(EXAMPLE)
    pay = {"PAY": PortalFigure("", "PAY", D(8), D(10))}
    scored = score_units(
        config,
        [("A", "xã", HALF, pay), ("B", "xã", HALF, pay), ("C", "xã", None, pay),
         ("D", "xã", Counts(0, 1, 0, 0, 0, 0, 0, 1, 0), pay)],
    )  # fmt: skip
    assert [s.rank for s in scored] == [1, 1, None, 3]
    assert scored[2].metrics[0].points is None and scored[2].metrics[0].remark == NO_FIGURES
    assert scored[3].metrics[0].points == D("0.00")  # 0 of 1 on time: a real 0


def test_a_commune_gets_the_max_where_a_metric_does_not_apply_and_for_no_petitions():
    config = read_config()
    figures = {
        "FULL_ONLINE_DOSSIER": PortalFigure("XA", "FULL_ONLINE_DOSSIER", D(10), D(100)),
        "PETITION_PROCESSING_ON_TIME": PortalFigure("XA", "PETITION_PROCESSING_ON_TIME", D(0), D(0)),
        "DOSSIER_SYNC": PortalFigure("XA", "DOSSIER_SYNC", D(0), D(0)),
    }  # fmt: skip
    commune, agency = score_units(
        config, [("XA", "xã", HALF, figures), ("SNV", "tỉnh", HALF, dict(figures))]
    )
    by_code = {m.metric.code: m for m in commune.metrics}
    assert by_code["FULL_ONLINE_DOSSIER"].points == D("12.00")
    assert by_code["FULL_ONLINE_DOSSIER"].source == "not_applicable"
    assert by_code["CITIZEN_DATA_CONNECTED_DOSSIER"].points == D("2.00")
    assert by_code["PETITION_PROCESSING_ON_TIME"].points == D("6.00")  # no PAKN: 6
    assert by_code["DOSSIER_SYNC"].points is None  # 0 of 0 dossiers is no figure, not 0
    assert commune.max == 100
    agency_codes = {m.metric.code: m for m in agency.metrics}
    # 10% of 12 over the 50% threshold: 12 × 10 / 50 = 2,4
    assert agency_codes["FULL_ONLINE_DOSSIER"].points == D("2.40")


def test_a_metric_left_out_where_it_does_not_apply_takes_its_max_out():
    data = copy.deepcopy(EXAMPLE)
    data["metrics"][1]["levels"] = ["tỉnh"]
    (unit,) = score_units(parse_config(data), [("XA", "xã", HALF, {})])
    assert [m.metric.code for m in unit.metrics] == ["ON_TIME"]
    assert unit.total == D("18.58") and unit.max == 20 and unit.rank == 1


def test_own_ratios_are_reconciled_with_the_portal_s():
    config = parse_config(EXAMPLE)
    portal = [
        PortalFigure("A", "ON_TIME", D(2150), D(2358)),  # 91,18 against 92,92: listed
        PortalFigure("A", "PAY", D(8), D(10), D(80), D("9.5")),  # own 10 against 9,5: listed
        PortalFigure("B", "ON_TIME", ratio=D("92.93")),  # 0,01 apart: not listed
    ]
    scored = score_units(
        config,
        [("A", "xã", HALF, {f.metric: f for f in portal[:2]}), ("B", "xã", HALF, {})],
    )
    found = reconcile(scored, portal)
    assert [(d.unit, d.metric, d.what, d.own, d.portal) for d in found] == [
        ("A", "ON_TIME", "ratio", D("92.92"), D("91.18")),
        ("A", "PAY", "points", D("10.00"), D("9.5")),
    ]
    assert found[0].gap == D("1.74")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["metrics"][0].update(group="XX"), "nhóm «XX» không có"),
        (lambda d: d["metrics"][1].pop("threshold"), "cần ngưỡng"),
        (lambda d: d["metrics"][0].update(source="web"), "source «web»"),
        (lambda d: d["metrics"][0].update(measure=""), "measure"),
        (lambda d: d["metrics"][0].update(levels=["thôn"]), "levels"),
        (lambda d: d["metrics"][1].update(max=5), "khác điểm tối đa của nhóm 10"),
        (lambda d: d["metrics"][1].update(note=""), "thiếu ghi chú"),
        (lambda d: d["metrics"].append(dict(d["metrics"][0])), "trùng"),
    ],
)
def test_a_bad_configuration_is_refused_with_located_problems(change, message):
    data = copy.deepcopy(EXAMPLE)
    change(data)
    with pytest.raises(InputError) as caught:
        parse_config(data, "766.yaml")
    assert any(message in str(p) and p.file == "766.yaml" for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
