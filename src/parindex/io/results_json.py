"""``results.json``: the public contract of a run, written here and read back only here.

Numbers are JSON numbers rounded half-up to 2 decimals (leaf scores exact).
They are written from Decimals through ``float`` only after rounding, where the
shortest float repr prints the same digits.

Reading: ``parse_results(text)``, ``read_results(path)`` or ``published(mapping)`` turn a
results.json into one frozen ``PublishedRun`` (numbers as ``Decimal``, every part named);
reports, charts, the web pages and the API take that object, never the mapping. Nothing
outside this module indexes results by string keys (tests/test_results_read_once.py).

>>> run = published({"format": FORMAT, "average": 83.05, "units": [{"unit": "X",
...     "display_name": "xã X", "index": 83.05, "rank": 1, "of": 1, "class": "Khá"}]})
>>> (run.unit("X").display_name, run.unit("X").index, run.unit("X").class_label, run.of)
('xã X', Decimal('83.05'), 'Khá', 1)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.core.framework import DEFAULT_INDEX_NAME
from parindex.core.numbers import round2, to_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.published import (
    ClassBand,
    FieldEntry,
    FieldInfo,
    FrameworkInfo,
    GroupEntry,
    PartEntry,
    PredecessorEntry,
    PreviousEntry,
    PublishedRun,
    SurveyEntry,
    UnitEntry,
)
from parindex.core.score_table import from_units
from parindex.core.scoring import (
    FieldResult,
    GroupSummary,
    Part,
    PreviousRun,
    PreviousUnit,
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


def _field(f: FieldResult) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "source": f.source,
        "score": num(f.score),
        "max": num(f.max),
        "percent": num(f.percent),
        "rank": f.rank,
        "of": f.of,
        "at_max": f.at_max,
        "weak": f.weak,
        "previous_score": num(f.previous_score),
        "previous_rank": f.previous_rank,
        "delta": num(f.delta),
        "rank_change": f.rank_change,
    }


def _unit(run: RunResult, r: UnitResult) -> dict[str, Any]:
    leaves = run.framework.leaves
    prev = r.previous
    return {
        "unit": r.unit.code,
        "name": r.unit.name,
        "kind": r.unit.kind or None,
        "display_name": r.unit.display_name,
        "parent": r.unit.parent or None,
        "predecessors": list(r.unit.predecessors),
        "block": r.block,
        "score": num(r.score),
        "max": num(r.max),
        "index": num(r.index),
        "rank": r.rank,
        "of": r.of,
        "class": r.class_label,
        "class_rank": r.class_rank,
        "class_size": r.class_size,
        "self": _part(r.self_part),
        "survey": _survey(r),
        "rank_interval": list(r.rank_interval) if r.rank_interval else None,
        "fields": [_field(f) for f in r.fields],
        "not_applicable": list(r.not_applicable),
        "scores": {
            leaf.code: exact(run.table.leaf_score(r.row, j))
            if run.table.applicable[r.row, j]
            else "KĐG"
            for j, leaf in enumerate(leaves)
        },
        **_adjusted(run, r),
        "previous": None
        if prev is None
        else {
            "unit": prev.unit,
            "name": prev.name,
            "index": num(prev.index),
            "rank": prev.rank,
            "of": prev.of,
            "delta": num(prev.delta),
            "rank_change": prev.rank_change,
            "survey_score": num(prev.survey_score),
            "survey_rank": prev.survey_rank,
            "survey_delta": num(prev.survey_delta),
            "survey_rank_change": prev.survey_rank_change,
            "predecessors": [
                {"unit": p.unit, "name": p.name, "index": num(p.index), "rank": p.rank, "of": p.of}
                for p in prev.predecessors
            ],
        },
    }


def _adjusted(run: RunResult, r: UnitResult) -> dict[str, Any]:
    """A unit's bonus and penalty (with the items' points) and its rule leaves' values."""
    table, section = run.table, run.framework.bonus
    found: dict[str, Any] = {}
    values = {
        run.framework.leaves[j].code: text
        for (row, j), text in table.measures.items()
        if row == r.row
    }
    if values:
        found["values"] = values
    if section is not None:
        bonus, penalty = table.adjustment_totals()
        found["bonus"] = exact(from_units(int(bonus[r.row])))
        found["penalty"] = exact(from_units(int(penalty[r.row])))
        found["adjustments"] = {
            item.code: exact(from_units(int(table.adjustments[r.row, k])))
            for k, item in enumerate(section.items)
        }
    return found


def to_dict(run: RunResult, decision: str | None = None) -> dict[str, Any]:
    fw = run.framework
    summary = run.overall

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
        "units": [_unit(run, r) for r in run.units],
    }


INDENT_UP_TO = 500
"""Runs of up to this many units are written indented for people; larger ones compactly
(the standard library's indenting encoder is pure Python and ten times slower)."""


def dumps(data: dict[str, Any]) -> str:
    if len(data.get("units", ())) <= INDENT_UP_TO:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- reading: results.json → one frozen PublishedRun ---------------------------------------

ZERO = Decimal(0)


def _fail(message: str, origin: str) -> InputError:
    return InputError([Problem(message, file=origin)])


def _dec(value: object, default: Decimal | None = ZERO) -> Decimal | None:
    if value is None:
        return default
    if type(value) is Decimal:  # what parse_float gives: the common case, kept fast
        return value
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"«{value}» không phải số")
    return number


def _req_dec(value: object) -> Decimal:
    number = _dec(value, None)
    if number is None:
        raise ValueError("thiếu số")
    return number


def _opt_int(value: object) -> int | None:
    if value is None or type(value) is int:
        return value
    return int(str(value))


def _texts(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if not isinstance(value, list | tuple):
        raise ValueError(f"«{value}» không phải danh sách")
    return tuple(str(v) for v in value)


def _mapping(value: object, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"«{what}» không phải đối tượng JSON")
    return value


def _framework(data: Mapping[str, Any]) -> FrameworkInfo:
    fw = _mapping(data.get("framework"), "framework")
    return FrameworkInfo(
        id=str(fw.get("id") or ""),
        name=str(fw.get("name") or ""),
        level=str(fw.get("level") or ""),
        year=_opt_int(fw.get("year")),
        family=str(fw.get("family") or fw.get("id") or ""),
        source=str(fw.get("source") or ""),
        max=_req_dec(fw.get("max", 0)),
        self_max=_req_dec(fw.get("self_max", 0)),
        survey_max=_req_dec(fw.get("survey_max", 0)),
        weak_below=_req_dec(fw.get("weak_below", 95)),
        index_name=str(fw.get("index_name") or DEFAULT_INDEX_NAME),
        classes=tuple(
            ClassBand(str(c["label"]), _req_dec(c.get("min", 0))) for c in fw.get("classes") or []
        ),
        fields=tuple(
            FieldInfo(
                code=str(f["code"]),
                name=str(f.get("name") or ""),
                max=_req_dec(f.get("max", 0)),
                source=str(f.get("source") or "self"),
            )
            for f in fw.get("fields") or []
        ),
    )


def _part_values(part: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "score": _req_dec(part.get("score", 0)),
        "max": _req_dec(part.get("max", 0)),
        "percent": _dec(part.get("percent"), None),
        "rank": _opt_int(part.get("rank")),
        "of": int(part.get("of") or 0),
    }


def _self_part(value: object) -> PartEntry | None:
    if not value:
        return None
    return PartEntry(**_part_values(_mapping(value, "self")))


def _survey_part(value: object) -> SurveyEntry | None:
    if not value:
        return None
    part = _mapping(value, "survey")
    return SurveyEntry(
        **_part_values(part),
        respondents=_opt_int(part.get("respondents")),
        low=_dec(part.get("low"), None),
        high=_dec(part.get("high"), None),
        confidence=_dec(part.get("confidence"), None),
        under_minimum=_texts(part.get("under_minimum")),
    )


def _field_entry(f: Mapping[str, Any]) -> FieldEntry:
    get = f.get
    return FieldEntry(  # positional: thousands of units × fields are read per page
        str(f["code"]),
        str(get("name") or ""),
        str(get("source") or "self"),
        _req_dec(get("score", 0)),
        _req_dec(get("max", 0)),
        _dec(get("percent"), None),
        _opt_int(get("rank")),
        int(get("of") or 0),
        bool(get("at_max")),
        bool(get("weak")),
        _dec(get("previous_score"), None),
        _opt_int(get("previous_rank")),
        _dec(get("delta"), None),
        _opt_int(get("rank_change")),
    )


def _previous_entry(value: object) -> PreviousEntry | None:
    if not value:
        return None
    prev = _mapping(value, "previous")
    return PreviousEntry(
        code=None if prev.get("unit") is None else str(prev["unit"]),
        name=None if prev.get("name") is None else str(prev["name"]),
        index=_dec(prev.get("index"), None),
        rank=_opt_int(prev.get("rank")),
        of=_opt_int(prev.get("of")),
        delta=_dec(prev.get("delta"), None),
        rank_change=_opt_int(prev.get("rank_change")),
        survey_score=_dec(prev.get("survey_score"), None),
        survey_rank=_opt_int(prev.get("survey_rank")),
        survey_delta=_dec(prev.get("survey_delta"), None),
        survey_rank_change=_opt_int(prev.get("survey_rank_change")),
        predecessors=tuple(
            PredecessorEntry(
                code=str(p["unit"]),
                name=str(p.get("name") or p["unit"]),
                index=_req_dec(p.get("index", 0)),
                rank=int(p.get("rank") or 0),
                of=int(p.get("of") or 0),
            )
            for p in prev.get("predecessors") or []
        ),
    )


def _unit_entry(u: Mapping[str, Any]) -> UnitEntry:
    code = str(u["unit"])
    name = str(u.get("name") or code)
    interval = u.get("rank_interval")
    scores = _mapping(u.get("scores"), "scores")
    return UnitEntry(
        code=code,
        name=name,
        display_name=str(u.get("display_name") or name),
        kind=str(u.get("kind") or ""),
        parent=str(u.get("parent") or ""),
        predecessors=_texts(u.get("predecessors")),
        block=None if u.get("block") is None else str(u["block"]),
        score=_req_dec(u.get("score", 0)),
        max=_req_dec(u.get("max", 0)),
        index=_req_dec(u["index"]),
        rank=int(u["rank"]),
        of=int(u["of"]),
        class_label=str(u.get("class") or ""),
        class_rank=int(u.get("class_rank") or 0),
        class_size=int(u.get("class_size") or 0),
        self_part=_self_part(u.get("self")),
        survey=_survey_part(u.get("survey")),
        rank_interval=(int(interval[0]), int(interval[1])) if interval else None,
        fields=tuple(_field_entry(f) for f in u.get("fields") or []),
        not_applicable=_texts(u.get("not_applicable")),
        scores={
            str(leaf): None if value == NOT_APPLICABLE else _req_dec(value)
            for leaf, value in scores.items()
        },
        previous=_previous_entry(u.get("previous")),
        bonus=_dec(u.get("bonus"), None),
        penalty=_dec(u.get("penalty"), None),
        adjustments={
            str(code): _req_dec(value)
            for code, value in _mapping(u.get("adjustments"), "adjustments").items()
        },
        values={str(k): str(v) for k, v in _mapping(u.get("values"), "values").items()},
    )


def _group(data: Mapping[str, Any], label: str | None) -> GroupEntry:
    classes = _mapping(data.get("classes"), "classes")
    return GroupEntry(
        label=label,
        of=int(data.get("of") or 0),
        average=_req_dec(data.get("average", 0)),
        above=_texts(data.get("above_average")),
        below=_texts(data.get("below_average")),
        at=_texts(data.get("at_average")),
        classes=tuple((str(k), _texts(v)) for k, v in classes.items()),
    )


NOT_APPLICABLE = "KĐG"


def published(data: Mapping[str, Any], origin: str = "") -> PublishedRun:
    """A parsed results.json mapping as a ``PublishedRun``; InputError names what is wrong."""
    if (
        not isinstance(data, Mapping)
        or data.get("format") != FORMAT
        or not isinstance(data.get("units"), list)
    ):
        raise _fail(f"không phải tệp results.json của parindex (cần «format»: «{FORMAT}»)", origin)
    problems: list[Problem] = []
    units: list[UnitEntry] = []
    for i, u in enumerate(data["units"], start=1):
        try:
            units.append(_unit_entry(_mapping(u, "unit")))
        except (KeyError, TypeError, ValueError, ArithmeticError, IndexError) as exc:
            problems.append(Problem(f"đơn vị thứ {i} thiếu hoặc sai trường {exc}", file=origin))
    try:
        framework = _framework(data)
        overall = _group(data, None)
        if not data.get("of"):  # a hand-made mapping may leave out the count
            overall = replace(overall, of=len(units))
        blocks = tuple(
            _group(_mapping(b, "blocks"), str(_mapping(b, "blocks")["label"]))
            for b in data.get("blocks") or []
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        problems.append(Problem(f"phần chung của kết quả thiếu hoặc sai trường {exc}", file=origin))
    if problems:
        raise InputError(problems)
    return PublishedRun(
        framework=framework,
        period=str(data.get("period") or ""),
        previous_period=None if not data.get("previous_period") else str(data["previous_period"]),
        block_by=data.get("block_by") or None,
        decision=data.get("decision") or None,
        overall=overall,
        blocks=blocks,
        unsettled=_texts(data.get("unsettled")),
        units=tuple(units),
    )


def parse_results(text: str, origin: str = "") -> PublishedRun:
    """A results.json text (a file, a publication's snapshot) as a ``PublishedRun``."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise _fail(f"tệp kết quả không phải JSON hợp lệ: {exc}", origin) from None
    return published(data, origin)


def read_results(path: Path | str) -> PublishedRun:
    """A results.json file as a ``PublishedRun``; InputError (located) if missing or not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem("không tìm thấy tệp kết quả", file=str(path))]) from None
    except UnicodeDecodeError as exc:
        raise _fail(f"tệp kết quả không phải JSON hợp lệ: {exc}", path.name) from None
    return parse_results(text, path.name)


def without_scores(text: str) -> str:
    """A results.json text without each unit's leaf scores (a tenth of the size): what the
    pages of a publication read. Still a results.json; ``parse_results`` reads it."""
    data = json.loads(text)  # floats stay the floats written, digit for digit
    for unit in data["units"]:
        unit.pop("scores", None)
    return json.dumps(data, ensure_ascii=False)


# --- a previous run, for the comparison ---------------------------------------------------


def read_previous(path: Path | str) -> PreviousRun:
    """A previous run's results, as the comparison needs them."""
    path = Path(path)
    return previous_of(read_results(path))


def previous_from_dict(data: Mapping[str, Any], origin: str = "") -> PreviousRun:
    """A previous run from a parsed results.json (numbers as Decimal)."""
    return previous_of(published(data, origin))


def previous_of(run: PublishedRun) -> PreviousRun:
    """What the comparison needs of a run: each unit's index, rank, survey part and fields."""
    fw = run.framework
    return PreviousRun(
        framework_id=fw.id,
        family=fw.family,
        level=fw.level,
        period=run.period,
        units={
            u.code: PreviousUnit(
                unit=u.code,
                name=u.name,
                display_name=u.display_name,
                index=u.index,
                rank=u.rank,
                of=u.of,
                survey_score=u.survey.score if u.survey is not None else None,
                survey_rank=u.survey.rank if u.survey is not None else None,
                fields={f.code: (f.score, f.rank) for f in u.fields},
            )
            for u in run.units
        },
        block_by=run.block_by,
    )
