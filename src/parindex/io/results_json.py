"""``results.json``: the public contract of a run, read back only here (and written by
``parindex.io.results_writer``, whose ``to_dict``, ``dumps`` and ``FORMAT`` are re-exported).

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

import orjson

from parindex.core.framework import DEFAULT_INDEX_NAME
from parindex.core.numbers import format_count, to_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.published import (
    ClassBand,
    CriteriaEntry,
    CriterionInfo,
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
from parindex.core.results import NO_CRITERIA, CriterionHead
from parindex.core.scoring import PreviousRun, PreviousUnit
from parindex.io.results_writer import FORMAT, INDENT_UP_TO, dumps, exact, num, to_dict

__all__ = [
    "FORMAT",
    "INDENT_UP_TO",
    "dumps",
    "exact",
    "num",
    "parse_results",
    "previous_from_dict",
    "previous_of",
    "published",
    "read_previous",
    "read_results",
    "to_dict",
    "without_scores",
]

# --- reading: results.json → one frozen PublishedRun ---------------------------------------

ZERO = Decimal(0)


def _fail(message: str, origin: str) -> InputError:
    return InputError([Problem(message, file=origin)])


class _FloatDecimals(dict[float, Decimal]):
    """A JSON float as orjson reads it → the Decimal of its shortest repr, which is the text
    results.json holds (the writer prints floats so), one shared Decimal per value."""

    def __missing__(self, value: float) -> Decimal:
        found = Decimal(repr(value))
        if len(self) < 100_000:  # bounded: a web worker reads many publications
            self[value] = found
        return found


_FLOATS = _FloatDecimals()


class _IntDecimals(dict[int, Decimal]):
    def __missing__(self, value: int) -> Decimal:
        found = Decimal(value)
        if len(self) < 100_000:  # bounded: a web worker reads many publications
            self[value] = found
        return found


_INTS = _IntDecimals()


def _dec(value: object, default: Decimal | None = ZERO) -> Decimal | None:
    kind = type(value)
    if kind is float:  # what orjson gives: the common cases first, kept fast
        return _FLOATS[value]  # type: ignore[index]
    if kind is int:
        return _INTS[value]  # type: ignore[index]
    if value is None:
        return default
    if kind is Decimal:  # what parse_float gives (a file orjson does not read)
        return value  # type: ignore[return-value]
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"«{value}» không phải số")
    return number


def _req_dec(value: object) -> Decimal:
    kind = type(value)
    if kind is float:
        return _FLOATS[value]  # type: ignore[index]
    if kind is int:
        return _INTS[value]  # type: ignore[index]
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
                criteria=tuple(
                    CriterionInfo(
                        str(c["code"]), str(c.get("name") or ""), _req_dec(c.get("max", 0))
                    )
                    for c in f.get("criteria") or []
                ),
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


class _CriteriaReader:
    """Each unit's criteria, from its columns (``criteria``: score, max, percent, rank) in the
    order of the framework part's criteria, whose codes and names all units share."""

    def __init__(self, framework: FrameworkInfo | None) -> None:
        fields = framework.fields if framework is not None else ()
        self.heads = tuple(
            CriterionHead(c.code, c.name, f.code) for f in fields for c in f.criteria
        )
        self.ints = _IntDecimals()

    def __call__(self, value: object, of: int) -> CriteriaEntry:
        if not value:
            return NO_CRITERIA
        columns = _mapping(value, "criteria")
        scores, maxima = columns["score"], columns["max"]
        percents, ranks = columns["percent"], columns["rank"]
        if not all(len(c) == len(self.heads) for c in (scores, maxima, percents, ranks)):
            raise ValueError(
                f"criteria: cần {format_count(len(self.heads))} tiêu chí như trong «framework»"
            )
        ints, floats = self.ints, _FLOATS
        # the common cases inline (a float, an int: one Decimal per value, shared): a national
        # run has 332,100 criteria
        return CriteriaEntry(
            self.heads,
            tuple(
                [
                    floats[v] if type(v) is float else ints[v] if type(v) is int else _req_dec(v)
                    for v in scores
                ]
            ),
            tuple(
                [
                    floats[v] if type(v) is float else ints[v] if type(v) is int else _req_dec(v)
                    for v in maxima
                ]
            ),
            tuple(
                [
                    floats[v]
                    if type(v) is float
                    else ints[v]
                    if type(v) is int
                    else None
                    if v is None
                    else _dec(v)
                    for v in percents
                ]
            ),
            tuple([v if v is None or type(v) is int else _opt_int(v) for v in ranks]),
            of,
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


def _unit_entry(u: Mapping[str, Any], criteria: _CriteriaReader | None) -> UnitEntry:
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
        scores=_leaf_scores(scores) if criteria is not None else {},
        previous=_previous_entry(u.get("previous")),
        bonus=_dec(u.get("bonus"), None),
        penalty=_dec(u.get("penalty"), None),
        adjustments={
            str(code): _req_dec(value)
            for code, value in _mapping(u.get("adjustments"), "adjustments").items()
        },
        values={str(k): str(v) for k, v in _mapping(u.get("values"), "values").items()},
        criteria=NO_CRITERIA if criteria is None else criteria(u.get("criteria"), int(u["of"])),
    )


def _leaf_scores(scores: Mapping[str, Any]) -> dict[str, Decimal | None]:
    """A unit's leaf scores (JSON keys are always texts); KĐG is None."""
    floats, ints = _FLOATS, _INTS
    return {
        leaf: floats[value]
        if type(value) is float
        else ints[value]
        if type(value) is int
        else None
        if value == NOT_APPLICABLE
        else _req_dec(value)
        for leaf, value in scores.items()
    }


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


_MALFORMED = (KeyError, TypeError, ValueError, ArithmeticError, IndexError, AttributeError)
"""What reading a mapping that is not a results.json raises: a missing key, a wrong type …"""


def published(data: Mapping[str, Any], origin: str = "", criteria: bool = True) -> PublishedRun:
    """A parsed results.json mapping as a ``PublishedRun``; InputError names what is wrong.

    ``criteria`` false: without each unit's criteria and leaf scores (a national run's
    appendix lists neither: two thirds of the reading)."""
    if (
        not isinstance(data, Mapping)
        or data.get("format") != FORMAT
        or not isinstance(data.get("units"), list)
    ):
        raise _fail(f"không phải tệp results.json của parindex (cần «format»: «{FORMAT}»)", origin)
    problems: list[Problem] = []  # the units' first, then the common part's
    common: list[Problem] = []
    framework: FrameworkInfo | None = None
    try:
        framework = _framework(data)
        overall = _group(data, None)
        blocks = tuple(
            _group(_mapping(b, "blocks"), str(_mapping(b, "blocks")["label"]))
            for b in data.get("blocks") or []
        )
    except _MALFORMED as exc:
        common.append(Problem(f"phần chung của kết quả thiếu hoặc sai trường {exc}", file=origin))
    reader = _CriteriaReader(framework) if criteria else None
    units: list[UnitEntry] = []
    for i, u in enumerate(data["units"], start=1):
        try:
            units.append(_unit_entry(_mapping(u, "unit"), reader))
        except _MALFORMED as exc:
            problems.append(Problem(f"đơn vị thứ {i} thiếu hoặc sai trường {exc}", file=origin))
    problems += common
    if problems or framework is None:
        raise InputError(problems)
    if not data.get("of"):  # a hand-made mapping may leave out the count
        overall = replace(overall, of=len(units))
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


class _Decimals(dict[str, Decimal]):
    """A JSON number's text → one shared Decimal: a national results.json holds a million
    numbers of a few thousand values (a third of the memory, and faster than a new Decimal
    for each)."""

    def __missing__(self, text: str) -> Decimal:
        found = self[text] = Decimal(text)
        return found


def parse_results(text: str, origin: str = "") -> PublishedRun:
    """A results.json text (a file, a publication's snapshot) as a ``PublishedRun``.

    orjson reads it (a national run: 0,1 s, a tenth of the standard library's time); what
    orjson refuses — broken JSON, NaN, a number past 64 bits — the standard library reads, and
    names what is wrong as it always has."""
    try:
        return published(orjson.loads(text), origin)
    except orjson.JSONDecodeError:
        pass
    try:
        data = json.loads(text, parse_float=_Decimals().__getitem__)
    except json.JSONDecodeError as exc:
        raise _fail(f"tệp kết quả không phải JSON hợp lệ: {exc}", origin) from None
    except RecursionError:
        raise _fail("tệp kết quả không phải JSON hợp lệ: lồng nhau quá sâu", origin) from None
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
    """A previous run's results, as the comparison needs them.

    Only those figures are read (each unit's index, rank, survey part and fields: a tenth of
    a national results.json); a file they cannot be read from is read whole, which names
    what is wrong."""
    path = Path(path)
    try:
        data = orjson.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == FORMAT:
            return _previous_figures(data)
    except (OSError, orjson.JSONDecodeError, *_MALFORMED):
        pass
    return previous_of(read_results(path))


def _previous_figures(data: Mapping[str, Any]) -> PreviousRun:
    """``previous_of(published(data))`` reading only what it keeps; raises on anything else."""
    fw = data["framework"]
    units = {}
    for u in data["units"]:
        code, survey = str(u["unit"]), u.get("survey")
        name = str(u.get("name") or code)
        units[code] = PreviousUnit(
            unit=code,
            name=name,
            display_name=str(u.get("display_name") or name),
            index=_req_dec(u["index"]),
            rank=int(u["rank"]),
            of=int(u["of"]),
            survey_score=_req_dec(survey.get("score", 0)) if survey else None,
            survey_rank=_opt_int(survey.get("rank")) if survey else None,
            fields={
                str(f["code"]): (_req_dec(f.get("score", 0)), _opt_int(f.get("rank")))
                for f in u.get("fields") or []
            },
        )
    return PreviousRun(
        framework_id=str(fw.get("id") or ""),
        family=str(fw.get("family") or fw.get("id") or ""),
        level=str(fw.get("level") or ""),
        period=str(data.get("period") or ""),
        units=units,
        block_by=data.get("block_by") or None,
    )


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


def same_figures(stored: str, fresh: str) -> bool:
    """Whether a results.json recomputed now gives every figure a stored one gives, digit for
    digit. What a later writer adds (criteria, bonus, values: keys the stored file does not
    have) is not a difference; a figure that changed, or went missing, is.

    >>> same_figures('{"units": [{"index": 83.05}]}', '{"units": [{"index": 83.05, "criteria": {}}]}')
    True
    >>> same_figures('{"units": [{"index": 83.05}]}', '{"units": [{"index": 83.04}]}')
    False
    """
    return _within(json.loads(stored), json.loads(fresh))


def _within(old: object, new: object) -> bool:
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            key in new and _within(value, new[key]) for key, value in old.items()
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(_within(a, b) for a, b in zip(old, new, strict=True))
        )
    return old == new
