"""How far a unit's survey estimate may be from the truth: variance by the survey's design.

A unit's leaf value is a weighted combination of ratio means, one per respondent group
(a stratum), over the respondents who answered the leaf:

    V = Σ_g a_g · ȳ_g,   ȳ_g = Σ w·y / Σ w over the stratum's answering respondents,
    a_g = G_g / Σ G over the groups that answered (G: the groups' weights; w: design weights)

Its variance is estimated by Taylor linearisation, as survey statistics does for a
stratified (optionally clustered) sample (Wolter, *Introduction to Variance
Estimation*, ch. 6; R's ``survey::svymean``):

1. each respondent's influence on V is e = a_g · w · d · (y − ȳ_g) / Σ w·d, with d = 1
   when the respondent answered the leaf (a domain: those who left it blank count as
   zero, which keeps the spread of a partly answered leaf honest);
2. the primary sampling units are the respondents, or the clusters when the design
   declares them (a day at the one-stop desk, a desk, a village): their influences are
   summed per cluster;
3. within each stratum, Var = (1 − f) · n/(n − 1) · Σ (E_c − Ē)², n the stratum's
   sampling units, f = respondents / population when the group's population in the
   unit is known and the sample is not clustered (the finite population correction;
   with clusters f is taken as 0, the conservative choice);
4. the unit's variance is the sum over its strata; leaves are handled jointly, so the
   unit's survey total (a sum over leaves) carries the leaves' covariance.

A stratum where only one sampling unit answered a leaf cannot measure its own spread;
it borrows the unit's pooled spread per answering sampling unit of the strata that can
(and their correlation between leaves). A unit where no stratum can has no interval.

Degrees of freedom are the answering sampling units minus the answering strata, per
leaf (a leaf answered by few respondents has few), and an interval is
estimate ± t(df) · standard error: honest for small samples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from parindex.core.questionnaire import Questionnaire

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class DesignVariance:
    """Per unit: the leaves' value estimates, their covariance and degrees of freedom."""

    value: FloatArray  # (U, L) estimate, NaN where no respondent answered
    covariance: FloatArray  # (U, L, L); NaN where the spread cannot be estimated
    df: IntArray  # (U, L) answering sampling units minus answering strata


def _per_stratum(key: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """Sums of each column of ``weights`` (R, L) per ``key``: (size, L)."""
    out = np.empty((size, weights.shape[1]))
    for li in range(weights.shape[1]):
        out[:, li] = np.bincount(key, weights=weights[:, li], minlength=size)
    return out


def design_variance(
    x: FloatArray,
    answered: npt.NDArray[np.bool_],
    stratum: IntArray,
    group_weights: Sequence[float],
    n_units: int,
    weight: FloatArray | None = None,
    cluster: IntArray | None = None,
    populations: FloatArray | None = None,
) -> DesignVariance:
    """The design-based covariance of every unit's leaf values.

    ``x`` (R, L) is each respondent's leaf value, ``answered`` (R, L) whether it is
    valid, ``stratum`` (R,) = unit × groups + group, ``weight`` (R,) the design weights,
    ``cluster`` (R,) the respondent's cluster, ``populations`` (units × groups,) the
    population of each stratum (0 or NaN: unknown).

    >>> x = np.array([[10.0], [20.0], [30.0], [40.0]])
    >>> v = design_variance(x, x > 0, np.zeros(4, np.int64), [1.0], 1)
    >>> float(v.value[0, 0]), round(float(v.covariance[0, 0, 0]), 6), int(v.df[0, 0])  # s²/n = 166,67/4
    (25.0, 41.666667, 3)
    """
    groups = len(group_weights)
    strata = n_units * groups
    n, leaves = x.shape
    w = np.ones(n) if weight is None else weight.astype(np.float64)
    wd = np.where(answered, w[:, None], 0.0)
    wy = np.where(answered, wd * np.nan_to_num(x), 0.0)
    w_sum = _per_stratum(stratum, wd, strata)  # (S, L)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = _per_stratum(stratum, wy, strata) / w_sum  # NaN where nobody answered
    del wy
    stratum_answered = w_sum > 0
    g = np.asarray(group_weights, dtype=np.float64)[np.arange(strata) % groups]
    share = g[:, None] * stratum_answered
    share_sum = share.reshape(n_units, groups, leaves).sum(axis=1)  # (U, L)
    with np.errstate(invalid="ignore", divide="ignore"):
        a = share / np.repeat(share_sum, groups, axis=0)  # (S, L) the groups' shares a_g
        value = (np.nan_to_num(mean) * np.nan_to_num(a)).reshape(n_units, groups, leaves).sum(1)
        # (R, L): wd · (x − ȳ) / Σw · a, in place (the same operations in the same order)
        influence = x - mean[stratum]
        influence *= wd
        del wd
        influence /= w_sum[stratum]
        influence *= a[stratum]
        influence[~answered] = 0.0
    value[share_sum == 0] = np.nan

    # sampling units: respondents, or clusters within their stratum
    if cluster is None:
        psu_of = np.arange(n, dtype=np.int64)
        psu_stratum = stratum
    else:
        key = stratum * (int(cluster.max(initial=0)) + 1) + cluster
        distinct, psu_of = np.unique(key, return_inverse=True)
        psu_of = psu_of.astype(np.int64)
        psu_stratum = distinct // (int(cluster.max(initial=0)) + 1)
    psus = int(psu_stratum.shape[0])
    if cluster is None:  # each respondent its own sampling unit: the sums are the values
        totals = influence + 0.0  # as a sum from 0.0 (-0.0 becomes 0.0)
        psu_answered = answered
    else:
        totals = _per_stratum(psu_of, influence, psus)  # (P, L)
        psu_answered = _per_stratum(psu_of, answered.astype(np.float64), psus) > 0
    size = np.bincount(psu_stratum, minlength=strata).astype(np.float64)  # PSUs per stratum
    answering = _per_stratum(psu_stratum, psu_answered.astype(np.float64), strata)  # (S, L)
    respondents = np.bincount(stratum, minlength=strata).astype(np.float64)

    centred = (
        totals
        - (_per_stratum(psu_stratum, totals, strata) / np.maximum(size, 1)[:, None])[psu_stratum]
    )
    raw = np.zeros((strata, leaves, leaves))
    for li in range(leaves):
        for lk in range(li, leaves):
            s = np.bincount(psu_stratum, weights=centred[:, li] * centred[:, lk], minlength=strata)
            raw[:, li, lk] = raw[:, lk, li] = s
    with np.errstate(invalid="ignore", divide="ignore"):
        raw *= (size / (size - 1))[:, None, None]
    fpc = np.ones(strata)
    if populations is not None and cluster is None:
        known = np.nan_to_num(populations) > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            fpc = np.where(known, np.clip(1 - respondents / np.nan_to_num(populations), 0, 1), 1)

    measured = answering >= 2  # (S, L): the stratum measures its own spread on the leaf
    pair_measured = measured[:, :, None] & measured[:, None, :]
    cov = np.where(pair_measured, np.nan_to_num(raw), 0.0) * fpc[:, None, None]
    unit_cov = cov.reshape(n_units, groups, leaves, leaves).sum(axis=1)

    lonely = stratum_answered & ~measured  # one answering sampling unit
    if lonely.any():
        unit_cov = _borrowed(unit_cov, raw, measured, lonely, a, answering, fpc, n_units, groups)
    df = np.maximum(answering - 1, 0).reshape(n_units, groups, leaves).sum(axis=1)
    can_measure = measured.reshape(n_units, groups, leaves).any(axis=1)
    diag_unknown = ~can_measure & (share_sum > 0)
    unit_cov[diag_unknown, :] = np.nan  # NaN the row of each leaf that cannot be measured
    unit_cov = np.where(
        np.isnan(unit_cov) | np.isnan(np.swapaxes(unit_cov, 1, 2)), np.nan, unit_cov
    )
    return DesignVariance(value=value, covariance=unit_cov, df=df.astype(np.int64))


def _borrowed(
    unit_cov: FloatArray,
    raw: FloatArray,
    measured: npt.NDArray[np.bool_],
    lonely: npt.NDArray[np.bool_],
    a: FloatArray,
    answering: FloatArray,
    fpc: FloatArray,
    n_units: int,
    groups: int,
) -> FloatArray:
    """Add each lonely stratum's variance, borrowed from its unit's measuring strata."""
    leaves = a.shape[1]
    diag = np.nan_to_num(np.diagonal(raw, axis1=1, axis2=2))  # (S, L)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_psu = np.where(measured, diag * answering / np.nan_to_num(a) ** 2, 0.0)
    dof = np.where(measured, answering - 1, 0.0)
    pooled_num = (per_psu * dof).reshape(n_units, groups, leaves).sum(axis=1)
    pooled_den = dof.reshape(n_units, groups, leaves).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled = pooled_num / pooled_den  # (U, L) spread per answering sampling unit
    unit_of = np.arange(a.shape[0]) // groups
    own = np.where(measured, diag, 0.0) * fpc[:, None]
    borrowed = np.where(lonely, np.nan_to_num(a) ** 2 * pooled[unit_of] * fpc[:, None], 0.0)
    stratum_var = own + borrowed  # (S, L) each stratum's diagonal after borrowing
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = np.sqrt(np.diagonal(unit_cov, axis1=1, axis2=2))
        rho = unit_cov / (sd[:, :, None] * sd[:, None, :])
    rho = np.nan_to_num(rho)
    for li in range(leaves):
        rho[:, li, li] = 1.0
    either = lonely[:, :, None] | lonely[:, None, :]
    both = (lonely | measured)[:, :, None] & (lonely | measured)[:, None, :]
    extra = (
        np.where(either & both, 1.0, 0.0)
        * rho[unit_of]
        * np.sqrt(stratum_var[:, :, None] * stratum_var[:, None, :])
    )
    out: FloatArray = unit_cov + extra.reshape(n_units, groups, leaves, leaves).sum(axis=1)
    return out


def describe_design(questionnaire: Questionnaire, group_populations: bool = False) -> list[str]:
    """The design the intervals assume, in the words the survey page and the CLI print,
    ending with the caveat on when the intervals hold.

    >>> from parindex.core.questionnaire import parse_questionnaire
    >>> q = parse_questionnaire({"id": "s", "name": "Phiếu", "groups": [
    ...     {"code": "dan", "name": "Người dân", "weight": 2}, {"code": "dn", "name": "Doanh nghiệp"}],
    ...     "questions": [{"code": "Q1", "text": "Hài lòng?", "leaf": "8.1"}],
    ...     "design": {"cluster": "Ngày khảo sát"}})
    >>> for line in describe_design(q): print(line)
    Tầng: các nhóm đối tượng của mỗi đơn vị — Người dân (trọng số 2), Doanh nghiệp (trọng số 1).
    Đơn vị mẫu: cụm theo cột «Ngày khảo sát» (các phiếu cùng cụm được tính chung).
    Trọng số thiết kế: các phiếu có trọng số bằng nhau.
    Hiệu chỉnh tổng thể hữu hạn: không áp dụng khi chọn mẫu theo cụm.
    Khoảng tin cậy 95% tính theo thiết kế trên (tuyến tính hóa Taylor, phân phối t): chỉ đúng khi phiếu được chọn ngẫu nhiên như đã khai báo; phiếu thu theo ngày, theo quầy hay theo thôn mà không khai báo cụm cho khoảng tin cậy hẹp hơn thực tế.
    """
    from parindex.core.numbers import format_vn

    design = questionnaire.design
    groups = ", ".join(f"{g.name} (trọng số {format_vn(g.weight)})" for g in questionnaire.groups)
    lines = [f"Tầng: các nhóm đối tượng của mỗi đơn vị — {groups}."]
    if design.cluster:
        lines.append(
            f"Đơn vị mẫu: cụm theo cột «{design.cluster}» (các phiếu cùng cụm được tính chung)."
        )
    else:
        lines.append("Đơn vị mẫu: từng phiếu (không khai báo cụm).")
    lines.append(
        f"Trọng số thiết kế: theo cột «{design.weight}»."
        if design.weight
        else "Trọng số thiết kế: các phiếu có trọng số bằng nhau."
    )
    if design.cluster:
        lines.append("Hiệu chỉnh tổng thể hữu hạn: không áp dụng khi chọn mẫu theo cụm.")
    elif group_populations:
        lines.append("Hiệu chỉnh tổng thể hữu hạn: theo quy mô từng nhóm đối tượng của đơn vị.")
    else:
        lines.append("Hiệu chỉnh tổng thể hữu hạn: không (chưa có quy mô từng nhóm đối tượng).")
    lines.append(
        "Khoảng tin cậy 95% tính theo thiết kế trên (tuyến tính hóa Taylor, phân phối t): "
        "chỉ đúng khi phiếu được chọn ngẫu nhiên như đã khai báo; phiếu thu theo ngày, theo "
        "quầy hay theo thôn mà không khai báo cụm cho khoảng tin cậy hẹp hơn thực tế."
    )
    return lines
