"""The sampling design's columns (``Questionnaire.design``): each respondent's cluster and
design weight.

A cluster is the label as exported (``Ngày 1``, ``Bàn 2``), and ``SurveyData.clusters`` lists
the distinct labels of the kept respondents in order of first appearance. A design weight is a
positive number with at most four decimals, written ``1,5`` or ``1.5``, kept as an integer of
ten-thousandths (``1,5`` → 15000). A blank or unreadable cluster or weight is a row problem.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from parindex.core.numbers import format_count, parse_decimal
from parindex.io.survey_responses.frame import IntArray, Issue, Rows
from parindex.io.tables import Cell, text_of

WEIGHT_SCALE = 10_000  # design weights in ten-thousandths
WEIGHT_PLACES = 4
MAX_WEIGHT = Decimal(10) ** 9  # far above any population a respondent can stand for


def clusters_of(rows: Rows, column: int, issues: list[Issue]) -> tuple[IntArray, list[str]]:
    """Each row's cluster, an index into the labels (-1 when blank), and the labels."""
    index, distinct = rows.codes(column)
    positions: dict[str, int] = {}
    table = np.empty(len(distinct), dtype=np.int64)
    for k, cell in enumerate(distinct):
        label = text_of(cell).strip()
        table[k] = positions.setdefault(label, len(positions)) if label else -1
    cluster = table[index]
    header = rows.table.header[column]
    for i in np.flatnonzero(cluster < 0):
        issues.append(Issue(int(i), column, "", f"thiếu cụm mẫu (cột «{header}» trống)"))
    return cluster, list(positions)


def kept_clusters(
    cluster: IntArray, labels: list[str], keep: np.ndarray
) -> tuple[IntArray, tuple[str, ...]]:
    """The kept respondents' clusters, renumbered over the labels they use, first seen first."""
    kept = cluster[keep]
    used, first = np.unique(kept, return_index=True)
    order = used[np.argsort(first)]
    renumber = np.full(len(labels) + 1, -1, dtype=np.int64)
    renumber[order] = np.arange(len(order), dtype=np.int64)
    return (
        np.ascontiguousarray(renumber[kept], dtype=np.int64),
        tuple(labels[int(k)] for k in order),
    )


def weight_value(cell: Cell) -> tuple[int, str]:
    """(weight in ten-thousandths, "") or (-1, why it is not a design weight)."""
    text = text_of(cell).strip()
    if not text:
        return -1, "thiếu trọng số thiết kế"
    number = cell if isinstance(cell, Decimal) else parse_decimal(text)
    if number is None or not number.is_finite():
        return -1, f"trọng số thiết kế «{text}» không phải một số (ví dụ: 1,5)"
    if number <= 0:
        return -1, f"trọng số thiết kế «{text}» phải lớn hơn 0"
    if number > MAX_WEIGHT:
        return -1, f"trọng số thiết kế «{text}» quá lớn"
    scaled = number * WEIGHT_SCALE
    if scaled != scaled.to_integral_value():
        return -1, (
            f"trọng số thiết kế «{text}» có quá {format_count(WEIGHT_PLACES)} chữ số thập phân"
        )
    return int(scaled), ""


def weights_of(rows: Rows, column: int, issues: list[Issue]) -> IntArray:
    """Each row's design weight in ten-thousandths (-1 when blank or not a weight)."""
    index, distinct = rows.codes(column)
    read = [weight_value(cell) for cell in distinct]
    table = np.array([w for w, _ in read], dtype=np.int64)
    weight = table[index]
    for i in np.flatnonzero(weight < 0):
        k = int(index[i])
        issues.append(Issue(int(i), column, text_of(distinct[k]), read[k][1]))
    return weight
