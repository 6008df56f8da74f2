"""``results.json``: the writer. ``to_dict(run)`` is the run as the public contract says
(docs/formats.md), ``dumps`` its text; ``parindex.io.results_json`` reads it back (and
re-exports these names).

Numbers are JSON numbers rounded half-up to 2 decimals (leaf scores exact).
They are written from Decimals through ``float`` only after rounding, where the
shortest float repr prints the same digits.

>>> num(Decimal("83.045")), num(Decimal("10.00")), exact(Decimal("0.125"))
(83.05, 10, 0.125)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson

from parindex.core.numbers import round2
from parindex.core.score_table import from_units
from parindex.core.scoring import (
    Criteria,
    FieldResult,
    GroupSummary,
    Part,
    RunResult,
    UnitResult,
)

FORMAT = "parindex.results/1"


def num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    rounded = round2(value)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)


def exact(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _part(part: Part | None) -> dict[str, Any] | None:
    if part is None:
        return None
    return {
        "score": num(part.score),
        "max": num(part.max),
        "percent": num(part.percent),
        "rank": part.rank,
        "of": part.of,
    }


def _survey(r: UnitResult) -> dict[str, Any] | None:
    part = _part(r.survey_part)
    if part is not None and r.survey_info is not None:
        info = r.survey_info
        part.update(
            {
                "respondents": info.respondents,
                "low": num(info.low),
                "high": num(info.high),
                "confidence": num(info.confidence),
                "under_minimum": list(info.under_minimum),
            }
        )
    return part


class _Numbers(dict[Decimal | None, float | int | None]):
    """``num`` memoised: a national run writes 332,100 criteria, of a few hundred values."""

    def __missing__(self, value: Decimal | None) -> float | int | None:
        found = self[value] = num(value)
        return found


def _criteria(criteria: Criteria, numbers: _Numbers) -> dict[str, list[Any]]:
    """A unit's criteria as columns, in the order of the framework's criteria (a national run
    has 332,100: one object each would treble the file and the time to read it)."""
    return {
        "score": [numbers[v] for v in criteria.scores],
        "max": [numbers[v] for v in criteria.maxima],
        "percent": [numbers[v] for v in criteria.percents],
        "rank": list(criteria.ranks),
    }


def _field(f: FieldResult, numbers: _Numbers) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "source": f.source,
        "score": numbers[f.score],
        "max": numbers[f.max],
        "percent": numbers[f.percent],
        "rank": f.rank,
        "of": f.of,
        "at_max": f.at_max,
        "weak": f.weak,
        "previous_score": numbers[f.previous_score],
        "previous_rank": f.previous_rank,
        "delta": numbers[f.delta],
        "rank_change": f.rank_change,
    }


class _LeafScores:
    """Every unit's leaf scores as written (exact; "KĐG" where the leaf is not assessed), from
    the table's integer points, each distinct value converted once."""

    def __init__(self, run: RunResult) -> None:
        self.codes = [leaf.code for leaf in run.framework.leaves]
        self.table = run.table
        self.memo: dict[int, float | int | None] = {}

    def for_row(self, row: int) -> dict[str, Any]:
        memo, values = self.memo, list[Any]()
        applies = self.table.applicable[row].tolist()
        for points, applicable in zip(self.table.points[row].tolist(), applies, strict=True):
            if not applicable:
                values.append(NOT_ASSESSED)
                continue
            value = memo.get(points)
            if value is None:
                value = memo[points] = exact(from_units(points))
            values.append(value)
        return dict(zip(self.codes, values, strict=True))


NOT_ASSESSED = "KĐG"


def _unit(
    r: UnitResult, numbers: _Numbers, adjusted: _Adjusted, scores: _LeafScores
) -> dict[str, Any]:
    prev = r.previous
    return {
        "unit": r.unit.code,
        "name": r.unit.name,
        "kind": r.unit.kind or None,
        "display_name": r.unit.display_name,
        "parent": r.unit.parent or None,
        "predecessors": list(r.unit.predecessors),
        "block": r.block,
        "score": numbers[r.score],
        "max": numbers[r.max],
        "index": numbers[r.index],
        "rank": r.rank,
        "of": r.of,
        "class": r.class_label,
        "class_rank": r.class_rank,
        "class_size": r.class_size,
        "self": _part(r.self_part),
        "survey": _survey(r),
        "rank_interval": list(r.rank_interval) if r.rank_interval else None,
        "fields": [_field(f, numbers) for f in r.fields],
        "criteria": _criteria(r.criteria, numbers),
        "not_applicable": list(r.not_applicable),
        "scores": scores.for_row(r.row),
        **adjusted.for_row(r.row),
        "previous": None
        if prev is None
        else {
            "unit": prev.unit,
            "name": prev.name,
            "index": numbers[prev.index],
            "rank": prev.rank,
            "of": prev.of,
            "delta": numbers[prev.delta],
            "rank_change": prev.rank_change,
            "survey_score": numbers[prev.survey_score],
            "survey_rank": prev.survey_rank,
            "survey_delta": numbers[prev.survey_delta],
            "survey_rank_change": prev.survey_rank_change,
            "predecessors": [
                {
                    "unit": p.unit,
                    "name": p.name,
                    "index": numbers[p.index],
                    "rank": p.rank,
                    "of": p.of,
                }
                for p in prev.predecessors
            ],
        },
    }


class _Adjusted:
    """Every unit's bonus and penalty (with the items' points) and its rule leaves' values,
    gathered once per run: ``for_row(row)`` is what a unit's entry gains."""

    def __init__(self, run: RunResult) -> None:
        table, self.section = run.table, run.framework.bonus
        self.table = table
        leaves = run.framework.leaves
        self.values: dict[int, dict[str, str]] = {}
        for (row, j), text in table.measures.items():
            self.values.setdefault(row, {})[leaves[j].code] = text
        self.totals = table.adjustment_totals() if self.section is not None else None

    def for_row(self, row: int) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if row in self.values:
            found["values"] = self.values[row]
        if self.section is not None and self.totals is not None:
            bonus, penalty = self.totals
            found["bonus"] = exact(from_units(int(bonus[row])))
            found["penalty"] = exact(from_units(int(penalty[row])))
            found["adjustments"] = {
                item.code: exact(from_units(int(self.table.adjustments[row, k])))
                for k, item in enumerate(self.section.items)
            }
        return found


def to_dict(run: RunResult, decision: str | None = None) -> dict[str, Any]:
    fw = run.framework
    summary = run.overall
    numbers = _Numbers()
    adjusted = _Adjusted(run)
    scores = _LeafScores(run)

    def classes(group: GroupSummary) -> dict[str, list[str]]:
        return {label: list(codes) for label, codes in group.classes}

    return {
        "format": FORMAT,
        "framework": {
            "id": fw.id,
            "name": fw.name,
            "level": fw.level,
            "year": fw.year,
            "family": fw.family,
            "source": fw.source,
            "max": num(fw.max_points),
            "self_max": num(fw.part_max("self")),
            "survey_max": num(fw.part_max("survey")),
            "weak_below": num(fw.weak_below),
            "index_name": fw.index_name,
            "index_cap": num(fw.index_cap),
            "bonus": None
            if fw.bonus is None
            else {
                "name": fw.bonus.name,
                "cap": num(fw.bonus.cap),
                "penalty_cap": num(fw.bonus.penalty_cap),
                "items": [
                    {"code": i.code, "name": i.name, "min": num(i.low), "max": num(i.high)}
                    for i in fw.bonus.items
                ],
            },
            "classes": [{"label": b.label, "min": num(b.min)} for b in fw.classes],
            "fields": [
                {
                    "code": t.code,
                    "name": t.name,
                    "max": num(t.max),
                    "source": "survey"
                    if t.sources == {"survey"}
                    else "self"
                    if t.sources == {"self"}
                    else "mixed",
                    "criteria": [
                        {"code": c.code, "name": c.name, "max": num(c.max)} for c in t.children
                    ],
                }
                for t in fw.fields
            ],
        },
        "period": run.period,
        "previous_period": run.previous_period,
        "block_by": run.block_by,
        "decision": decision,
        "of": summary.of,
        "average": num(summary.average),
        "above_average": list(summary.above),
        "below_average": list(summary.below),
        "at_average": list(summary.at),
        "unsettled": list(run.unsettled),
        "classes": classes(summary),
        "blocks": [
            {
                "label": b.label,
                "of": b.of,
                "average": num(b.average),
                "above_average": list(b.above),
                "below_average": list(b.below),
                "at_average": list(b.at),
                "classes": classes(b),
            }
            for b in run.blocks
        ],
        "units": [_unit(r, numbers, adjusted, scores) for r in run.units],
    }


INDENT_UP_TO = 500
"""Runs of up to this many units are written indented for people; larger ones compactly
(a national results.json is 20 MB indented)."""


def dumps(data: dict[str, Any]) -> str:
    """The text of a results.json, through orjson (a national run: 0,05 s, against 0,6 s for
    the standard library); floats print as their shortest repr, as ``json`` prints them."""
    option = orjson.OPT_INDENT_2 if len(data.get("units", ())) <= INDENT_UP_TO else 0
    return orjson.dumps(data, option=option).decode("utf-8") + "\n"
