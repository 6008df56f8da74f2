"""SIPAS methods: the questionnaire's ``sipas`` block, the satisfied threshold, and the
weighted shares with their linearised confidence intervals.

The ``sipas`` block of a questionnaire (every key optional)::

    sipas:
      model: "1001"            # QĐ 1001/QĐ-BNV (2023–2026); "2017" (QĐ 2640/QĐ-BNV): old data
      satisfied_at_least: B    # an option code, or a weight level such as "75%" (any scale)
      confidence: 0.95
      components:              # model 1001: the decision's contents, from the questions' aspects
        - code: chinh_sach
          name: Sự hài lòng về xây dựng, tổ chức thực hiện chính sách công
          aspects: [Chính sách giáo dục phổ thông, Chính sách khám, chữa bệnh]
          aggregation: mean    # mean of the aspect shares (default) or pooled (all answers)
          kind: satisfaction   # satisfaction (enters the index), assessment, expectation
        - code: dich_vu
          name: Sự hài lòng về cung ứng dịch vụ hành chính công
          aspects: [Tiếp cận dịch vụ, Thủ tục hành chính, Công chức, Kết quả]
      index:
        weights: {chinh_sach: 1, dich_vu: 1}   # default: equal over the satisfaction components

The official aggregation of QĐ 1001's annex was not found (docs/sipas-1001.md), hence the
weights and the aggregation are configuration, not code.

A *figure* (an aspect share, a component index, the overall index) is a tree whose leaves
are *atoms*: sets of questions whose weighted share R_a = Σ w·satisfied / Σ w·valid is a
ratio. A node is the weighted mean of its children that have a valid answer (weights
renormalised over them), so a figure is Σ_a c_a R_a with coefficients c_a fixed per unit.
Its interval linearises that sum (Taylor): each respondent's value is
z_i = w_i Σ_a c_a (y_ia − R_a x_ia) / X_a; the PSUs (respondents, or clusters when the
data has them) sum their respondents' z; the variance is n/(n − 1) Σ_h (z_h − z̄)² over the
n PSUs, and the interval f ± t(1 − α/2; n − 1)·√v, clipped to 0–100 %. Fewer than two
PSUs, or a zero variance (every PSU alike, e.g. all satisfied): no interval, never a
zero-width one. Province-wide figures are stratified by unit (df = PSUs − strata).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from parindex.core.numbers import parse_decimal, round2, round_half_up, to_decimal
from parindex.core.problems import Problem
from parindex.core.student_t import t_quantile

MODELS = ("1001", "2017")
KINDS = ("satisfaction", "assessment", "expectation")
AGGREGATIONS = ("mean", "pooled")
DEFAULT_CONFIDENCE = Decimal("0.95")
SIPAS_KEYS = {"model", "satisfied_at_least", "confidence", "components", "index"}
COMPONENT_KEYS = {"code", "name", "aspects", "questions", "aggregation", "kind"}


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    aspects: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    aggregation: str = "mean"
    kind: str = "satisfaction"


@dataclass(frozen=True)
class SipasConfig:
    """The questionnaire's ``sipas`` block, validated; empty block: model 2017, option B."""

    model: str = "2017"
    satisfied_at_least: str = "B"
    confidence: Decimal = DEFAULT_CONFIDENCE
    components: tuple[Component, ...] = ()
    index_weights: Mapping[str, Decimal] = field(default_factory=dict)

    def weights(self) -> dict[str, Decimal]:
        """The index weight of each component in it (default: 1 per satisfaction component)."""
        if self.index_weights:
            return dict(self.index_weights)
        return {c.code: Decimal(1) for c in self.components if c.kind == "satisfaction"}


def _strings(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        return None
    return tuple(str(v).strip() for v in value)


def parse_sipas_config(raw: Any) -> tuple[SipasConfig, list[Problem]]:
    """The ``sipas`` block (None: defaults) and its problems, all at once.

    >>> parse_sipas_config({"model": "1001", "satisfied_at_least": "75%"})[0].satisfied_at_least
    '75%'
    >>> [p.message for p in parse_sipas_config({"model": "2020"})[1]]
    ['mô hình SIPAS «2020» không được hỗ trợ (chọn 1001 hoặc 2017)']
    """
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        problems.append(Problem(message, where=f"sipas › {where}" if where else "sipas"))

    if raw is None:
        return SipasConfig(), problems
    if not isinstance(raw, Mapping):
        problem("", "«sipas» phải là một bảng khóa – giá trị")
        return SipasConfig(), problems
    for key in sorted(set(map(str, raw)) - SIPAS_KEYS):
        problem(key, f"khóa không được hỗ trợ «{key}»")
    model = str(raw.get("model", "2017")).strip()
    if model not in MODELS:
        problem("model", f"mô hình SIPAS «{model}» không được hỗ trợ (chọn 1001 hoặc 2017)")
    threshold = str(raw.get("satisfied_at_least", "B")).strip()
    confidence = to_decimal(raw.get("confidence", DEFAULT_CONFIDENCE))
    if confidence is None or not (Decimal("0.5") <= confidence < 1):
        problem("confidence", "mức tin cậy phải từ 0,5 đến dưới 1 (ví dụ 0,95)")
        confidence = DEFAULT_CONFIDENCE
    components: list[Component] = []
    raw_components = raw.get("components") or []
    if not isinstance(raw_components, Sequence) or isinstance(raw_components, str):
        problem("components", "«components» phải là danh sách nội dung đo lường")
        raw_components = []
    for i, item in enumerate(raw_components, start=1):
        where = f"components › nội dung thứ {i}"
        if not isinstance(item, Mapping):
            problem(where, "mỗi nội dung cần «code», «name» và «aspects» hoặc «questions»")
            continue
        for key in sorted(set(map(str, item)) - COMPONENT_KEYS):
            problem(where, f"khóa không được hỗ trợ «{key}»")
        code = str(item.get("code") or "").strip()
        aspects, questions = _strings(item.get("aspects")), _strings(item.get("questions"))
        aggregation = str(item.get("aggregation", "mean")).strip()
        kind = str(item.get("kind", "satisfaction")).strip()
        if not code:
            problem(where, "thiếu mã nội dung «code»")
        if aspects is None or questions is None:
            problem(where, "«aspects» và «questions» phải là danh sách")
        elif not aspects and not questions:
            problem(where, "cần «aspects» (khía cạnh của câu hỏi) hoặc «questions» (mã câu hỏi)")
        if aggregation not in AGGREGATIONS:
            problem(where, f"cách tổng hợp «{aggregation}» không được hỗ trợ (mean hoặc pooled)")
        if kind not in KINDS:
            problem(where, f"loại nội dung «{kind}» không được hỗ trợ")
        components.append(
            Component(
                code,
                str(item.get("name") or code).strip(),
                aspects or (),
                questions or (),
                aggregation,
                kind,
            )
        )
    codes = [c.code for c in components]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problem("components", f"nội dung «{code}» khai báo hai lần")
    weights: dict[str, Decimal] = {}
    raw_index = raw.get("index") or {}
    raw_weights = raw_index.get("weights") if isinstance(raw_index, Mapping) else None
    if raw_weights is not None and not isinstance(raw_weights, Mapping):
        problem("index", "«index.weights» phải là bảng mã nội dung – trọng số")
    elif raw_weights:
        for code, value in raw_weights.items():
            weight = to_decimal(value)
            if str(code) not in codes:
                problem("index", f"nội dung «{code}» không có trong «components»")
            elif weight is None or weight < 0:
                problem("index", f"trọng số «{value}» của nội dung «{code}» phải là số không âm")
            else:
                weights[str(code)] = weight
        if weights and not any(weights.values()):
            problem("index", "cần ít nhất một trọng số dương")
    return (
        SipasConfig(model, threshold, confidence, tuple(components), weights),
        problems,
    )


def threshold_hundredths(spec: str, options: Sequence[tuple[str, Decimal | None]]) -> int | None:
    """The satisfied threshold of one question in hundredths of a percent, or None.

    ``spec`` is an option code of the question (its weight is the threshold) or a weight
    level ``"75%"`` (any scale: a 9-point scale 0, 12,5 … 100 % is satisfied from 75 %).

    >>> nine = [(str(k), Decimal(k - 1) * Decimal("12.5")) for k in range(1, 10)]
    >>> threshold_hundredths("7", nine), threshold_hundredths("75%", nine)
    (7500, 7500)
    >>> threshold_hundredths("B", nine) is None
    True
    """
    for code, weight in options:
        if code == spec and weight is not None:
            return int(round_half_up(weight * 100, places=0))
    if spec.endswith("%"):
        level = parse_decimal(spec[:-1])
        if level is not None and 0 <= level <= 100:
            return int(round_half_up(level * 100, places=0))
    return None


# --------------------------------------------------------------------------------------
# Figures: weighted shares and their linearised intervals

Node = tuple[tuple["Node | int", Fraction], ...] | int  # atom index, or weighted children


@dataclass(frozen=True)
class Estimate:
    """One figure of one unit (or the province): counts, weighted percent, interval."""

    valid: int
    satisfied: int
    percent: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    psus: int = 0


def _coefficients(node: Node, available: npt.NDArray[np.bool_], n_atoms: int) -> Any:
    """Fraction coefficients per atom (a list), renormalised over available children; None."""
    if isinstance(node, int):
        if not available[node]:
            return None
        coef: list[Fraction] = [Fraction(0)] * n_atoms
        coef[node] = Fraction(1)
        return coef
    parts = [(c, w) for child, w in node if w and (c := _coefficients(child, available, n_atoms))]
    total = sum((w for _, w in parts), Fraction(0))
    if not parts or not total:
        return None
    out = [Fraction(0)] * n_atoms
    for c, w in parts:
        for a, value in enumerate(c):
            if value:
                out[a] += value * w / total
    return out


def _decimal(value: float) -> Decimal:
    return round2(Decimal(repr(min(max(value, 0.0), 1.0) * 100)))


@dataclass(frozen=True)
class Sample:
    """The rows' design: unit of each row, weights, and the PSU of each row (its cluster
    within its unit: ``psu`` indexes ``psu_unit``; None: every row is its own PSU)."""

    unit: npt.NDArray[np.intp]
    n_units: int
    weight: npt.NDArray[np.float64]
    psu: npt.NDArray[np.intp] | None = None
    psu_unit: npt.NDArray[np.intp] | None = None

    @classmethod
    def of(
        cls,
        unit: npt.NDArray[np.intp],
        n_units: int,
        weight: npt.NDArray[np.float64] | None = None,
        cluster: npt.NDArray[np.intp] | None = None,
    ) -> Sample:
        w = np.ones(unit.shape[0]) if weight is None else weight.astype(np.float64)
        if cluster is None:
            return cls(unit, n_units, w)
        key = unit.astype(np.int64) * (int(cluster.max(initial=0)) + 1) + cluster
        keys, inverse = np.unique(key, return_inverse=True)
        psu_unit = (keys // (int(cluster.max(initial=0)) + 1)).astype(np.intp)
        return cls(unit, n_units, w, inverse.astype(np.intp), psu_unit)


def _spread(
    z: npt.NDArray[np.float64], counted: npt.NDArray[np.bool_], sample: Sample
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Per unit: n/(n − 1) Σ_h (z_h − z̄)² over its n PSUs with a counted row, and n."""
    totals: npt.NDArray[np.float64]
    if sample.psu is None or sample.psu_unit is None:
        group, totals = sample.unit[counted], z[counted]
    else:
        size = sample.psu_unit.shape[0]
        has = np.bincount(sample.psu, weights=counted, minlength=size) > 0
        totals = np.bincount(sample.psu, weights=z, minlength=size)[has].astype(np.float64)
        group = sample.psu_unit[has]
    n = np.bincount(group, minlength=sample.n_units)
    s1 = np.bincount(group, weights=totals, minlength=sample.n_units)
    s2 = np.bincount(group, weights=totals * totals, minlength=sample.n_units)
    several = n >= 2
    variance: npt.NDArray[np.float64] = np.zeros(sample.n_units, dtype=np.float64)
    m = n[several].astype(np.float64)
    variance[several] = m / (m - 1) * np.maximum(s2[several] - s1[several] ** 2 / m, 0.0)
    return variance, n.astype(np.int64)


def _bounds(share: float, variance: float, df: int, confidence: Decimal) -> tuple[Decimal, Decimal]:
    half = t_quantile(1 - (1 - float(confidence)) / 2, df) * math.sqrt(variance)
    return _decimal(share - half), _decimal(share + half)


Totals = tuple[
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
]


def atom_totals(y: npt.NDArray[np.float64], x: npt.NDArray[np.float64], sample: Sample) -> Totals:
    """Per unit and atom (units × atoms): Σw·y, Σw·x, Σy, Σx; computed once for all figures."""
    unit, w, units = sample.unit, sample.weight, sample.n_units

    def by_unit(v: npt.NDArray[np.float64], weighted: bool) -> npt.NDArray[np.float64]:
        columns = [
            np.bincount(unit, weights=w * v[a] if weighted else v[a], minlength=units)
            for a in range(v.shape[0])
        ]
        return np.stack(columns, 1) if columns else np.zeros((units, 0))

    cy, cx = by_unit(y, False), by_unit(x, False)
    if bool(np.all(w == 1.0)):
        return cy, cx, cy, cx
    return by_unit(y, True), by_unit(x, True), cy, cx


def estimate(
    node: Node,
    y: npt.NDArray[np.float64],
    x: npt.NDArray[np.float64],
    sample: Sample,
    confidence: Decimal,
    totals: Totals | None = None,
) -> tuple[list[Estimate], Estimate]:
    """A figure per unit and province-wide (stratified by unit) from ``y``, ``x`` (atoms ×
    rows): each row's satisfied and valid answers to each atom's questions.

    >>> y = np.array([[1.0, 1.0, 0.0, 1.0]]); x = np.ones((1, 4))
    >>> (e,), province = estimate(0, y, x, Sample.of(np.zeros(4, np.intp), 1), Decimal("0.95"))
    >>> e.percent, e.low, e.high, e.psus
    (Decimal('75.00'), Decimal('0.00'), Decimal('100.00'), 4)
    """
    n_atoms, unit, w, units = y.shape[0], sample.unit, sample.weight, sample.n_units
    wy, wx, cy, cx = totals if totals is not None else atom_totals(y, x, sample)

    def point(wy_: Any, wx_: Any, cy_: Any, cx_: Any) -> tuple[Estimate, Any, Fraction]:
        coef = _coefficients(node, wx_ > 0, n_atoms)
        used = [a for a in range(n_atoms) if coef is not None and coef[a]]
        valid, satisfied = int(sum(cx_[a] for a in used)), int(sum(cy_[a] for a in used))
        if coef is None:
            return Estimate(valid, satisfied, None), np.zeros(n_atoms), Fraction(0)
        exact = sum((coef[a] * Fraction(int(wy_[a]), int(wx_[a])) for a in used), Fraction(0))
        c = np.array([float(v) for v in coef])
        return Estimate(valid, satisfied, round_half_up(exact * 100)), c, exact

    points = [point(wy[u], wx[u], cy[u], cx[u]) for u in range(units)]
    coef = np.array([c for _, c, _ in points]).reshape(units, n_atoms)
    safe = np.where(wx > 0, wx, 1.0)
    z, counted = _linearised(coef / safe, coef * wy / safe / safe, y, x, unit, w)
    variance, n = _spread(z, counted, sample)
    out: list[Estimate] = []
    for u, (e, _, exact) in enumerate(points):
        if e.percent is None or n[u] < 2 or not variance[u] > 0:
            out.append(Estimate(e.valid, e.satisfied, e.percent, psus=int(n[u])))
            continue
        low, high = _bounds(float(exact), float(variance[u]), int(n[u]) - 1, confidence)
        out.append(Estimate(e.valid, e.satisfied, e.percent, low, high, int(n[u])))
    # province-wide: one set of coefficients, the variance summed over the units (strata)
    total, c, exact = point(wy.sum(0), wx.sum(0), cy.sum(0), cx.sum(0))
    tsafe = np.where(wx.sum(0) > 0, wx.sum(0), 1.0)
    p_coef = np.broadcast_to(c / tsafe, (units, n_atoms))
    q_coef = np.broadcast_to(c * wy.sum(0) / tsafe / tsafe, (units, n_atoms))
    z, counted = _linearised(p_coef, q_coef, y, x, unit, w)
    variance, n = _spread(z, counted, sample)
    df = int(np.sum(np.maximum(n - 1, 0)))
    psus = int(n.sum())
    if total.percent is None or df < 1 or not variance.sum() > 0:
        return out, Estimate(total.valid, total.satisfied, total.percent, psus=psus)
    low, high = _bounds(float(exact), float(variance.sum()), df, confidence)
    return out, Estimate(total.valid, total.satisfied, total.percent, low, high, psus)


def _linearised(
    p: Any, q: Any, y: Any, x: Any, unit: Any, w: Any
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """z_i = w_i Σ_a (p[u_i, a] y_ai − q[u_i, a] x_ai), and the rows with a counted answer."""
    z = np.zeros(unit.shape[0])
    counted = np.zeros(unit.shape[0], dtype=np.bool_)
    for a in range(y.shape[0]):
        pa = p[:, a]
        if not pa.any():
            continue
        z += pa[unit] * y[a] - q[:, a][unit] * x[a]
        counted |= (pa[unit] != 0) & (x[a] > 0)
    return w * z, counted
