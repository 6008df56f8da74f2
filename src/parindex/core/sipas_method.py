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
PSUs: no interval. Province-wide figures are stratified by unit (df = PSUs − strata).
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

from parindex.core.numbers import round2, round_half_up, to_decimal
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
        level = to_decimal(spec[:-1].strip().replace(",", "."))
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


def _interval(
    z: npt.NDArray[np.float64],
    counted: npt.NDArray[np.bool_],
    psu: npt.NDArray[np.intp] | None,
    stratum: npt.NDArray[np.intp] | None,
) -> tuple[float, int, int]:
    """(variance, PSUs, degrees of freedom) of Σz from the PSU totals (respondents if no
    ``psu``), with-replacement, stratified by ``stratum`` when given; df 0: no interval."""
    if psu is None:
        totals, strata = z[counted], (None if stratum is None else stratum[counted])
    else:
        key = psu.astype(np.int64)
        if stratum is not None:
            key = stratum.astype(np.int64) * (int(psu.max(initial=0)) + 1) + key
        uniq, inverse = np.unique(key, return_inverse=True)
        totals = np.bincount(inverse, weights=z, minlength=uniq.size)
        has = np.bincount(inverse, weights=counted, minlength=uniq.size) > 0
        totals = totals[has]
        strata = None if stratum is None else (uniq // (int(psu.max(initial=0)) + 1))[has]
    n = int(totals.size)
    if strata is None:
        if n < 2:
            return 0.0, n, 0
        return float(n / (n - 1) * np.sum((totals - totals.mean()) ** 2)), n, n - 1
    _, index = np.unique(strata, return_inverse=True)
    size = np.bincount(index).astype(np.float64)
    total = np.bincount(index, weights=totals)
    square = np.bincount(index, weights=totals * totals)
    several = size >= 2
    spread = square[several] - total[several] ** 2 / size[several]
    variance = float(np.sum(size[several] / (size[several] - 1) * spread))
    return variance, n, int(np.sum(size[several] - 1))


def estimate(
    node: Node,
    y: npt.NDArray[np.int64],
    x: npt.NDArray[np.int64],
    w: npt.NDArray[np.int64],
    psu: npt.NDArray[np.intp] | None,
    confidence: Decimal,
    stratum: npt.NDArray[np.intp] | None = None,
) -> Estimate:
    """A figure over the rows given: ``y``, ``x`` (rows × atoms) satisfied and valid answers,
    ``w`` the weights, ``psu`` each row's cluster (None: each row is its own PSU).

    >>> y = np.array([[1], [1], [0], [1]]); x = np.ones((4, 1), np.int64)
    >>> e = estimate(0, y, x, np.ones(4, np.int64), None, Decimal("0.95"))
    >>> e.percent, e.low, e.high, e.psus
    (Decimal('75.00'), Decimal('0.00'), Decimal('100.00'), 4)
    """
    n_atoms = y.shape[1]
    wy = w @ y
    wx = w @ x
    available = wx > 0
    coef = _coefficients(node, available, n_atoms)
    used = [a for a in range(n_atoms) if coef is not None and coef[a]]
    valid = int(x[:, used].sum()) if used else 0
    satisfied = int(y[:, used].sum()) if used else 0
    if coef is None:
        return Estimate(valid, satisfied, None)
    exact = sum((coef[a] * Fraction(int(wy[a]), int(wx[a])) for a in used), Fraction(0))
    percent = round_half_up(exact * 100)
    c = np.array([float(coef[a]) if a in used else 0.0 for a in range(n_atoms)])
    safe = np.where(available, wx, 1).astype(np.float64)
    ratio = wy / safe
    z = w * (y @ (c / safe) - x @ (c * ratio / safe))
    counted = x[:, used].sum(axis=1) > 0
    variance, psus, df = _interval(z, counted, psu, stratum)
    if df < 1:
        return Estimate(valid, satisfied, percent, psus=psus)
    half = t_quantile(1 - (1 - float(confidence)) / 2, df) * math.sqrt(max(variance, 0.0))
    share = float(exact)
    return Estimate(valid, satisfied, percent, _decimal(share - half), _decimal(share + half), psus)
