"""Survey points files: ``points.json`` (contract), ``points.csv`` (for people) and the draws.

The JSON carries, per unit and survey leaf, the respondents, the points and their
bootstrap interval; ``<stem>.draws.npz`` beside it keeps each unit's survey total in
every resample, which `parindex score --survey` uses for the rank intervals.
"""

from __future__ import annotations

import io
import json
import tokenize
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from parindex.core.numbers import format_file_size, plain_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.survey import LeafPoints, SurveyResult
from parindex.io.cells import csv_writer
from parindex.io.results_json import num

FORMAT = "parindex.survey/1"


def to_dict(
    result: SurveyResult, counts: dict[str, int] | None = None, draws_file: str | None = None
) -> dict[str, Any]:
    units = []
    for i, unit in enumerate(result.units):
        rows = result.points[i]
        points = [p.points for p in rows]
        total = (
            sum((p for p in points if p is not None), Decimal(0))
            if all(p is not None for p in points)
            else None
        )
        units.append(
            {
                "unit": unit,
                "respondents": result.respondents[i],
                "total": {
                    "points": num(total),
                    "low": num(result.total_low[i]) if result.total_low else None,
                    "high": num(result.total_high[i]) if result.total_high else None,
                },
                "under_minimum": [p.leaf for p in rows if p.under_minimum],
                "leaves": [
                    {
                        "leaf": p.leaf,
                        "n": p.n,
                        "required": p.required,
                        "under_minimum": p.under_minimum,
                        "value": num(p.value),
                        "points": num(p.points),
                        "max": num(p.max),
                        "low": num(p.low),
                        "high": num(p.high),
                    }
                    for p in rows
                ],
            }
        )
    return {
        "format": FORMAT,
        "questionnaire": result.questionnaire,
        "framework": result.framework,
        "seed": result.seed,
        "draws": result.draws,
        "confidence": num(result.confidence),
        "counts": counts or {},
        "leaves": [
            {"code": code, "max": num(result.points[0][i].max) if result.points else None}
            for i, code in enumerate(result.leaves)
        ],
        "draws_file": draws_file,
        "units": units,
    }


def to_csv(result: SurveyResult) -> str:
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(
        [
            "unit",
            "leaf",
            "n",
            "required",
            "under_minimum",
            "value_percent",
            "points",
            "max",
            "low",
            "high",
        ]
    )
    for rows in result.points:
        for p in rows:
            writer.writerow(
                [
                    p.unit,
                    p.leaf,
                    p.n,
                    p.required,
                    "1" if p.under_minimum else "0",
                    _text(p.value),
                    _text(p.points),
                    _text(p.max),
                    _text(p.low),
                    _text(p.high),
                ]
            )
    return out.getvalue()


def _text(value: Decimal | None) -> str:
    return "" if value is None else plain_decimal(value, strip=False)


def companion(out: Path, suffix: str) -> Path:
    """A file written beside ``out``: its name without the last suffix, then ``suffix``.

    >>> companion(Path("a.x.json"), ".csv").name
    'a.x.csv'
    """
    return out.with_name(out.with_suffix("").name + suffix)


def _save_draws(path: Path, units: np.ndarray, totals: np.ndarray) -> None:
    """``np.savez(path, units=…, totals=…)``: the same arrays as ``np.savez_compressed``
    (np.load reads them alike), stored rather than deflated — random draws shrink by a
    sixth only, and deflating a national survey's took longer than reading its export's
    answers."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, array in (("units", units), ("totals", totals)):
            with archive.open(f"{name}.npy", "w", force_zip64=True) as handle:
                np.lib.format.write_array(handle, np.asanyarray(array), allow_pickle=False)


def write_survey(
    result: SurveyResult, out: Path, counts: dict[str, int] | None = None
) -> list[Path]:
    """Write ``out`` (JSON), the CSV and the draws beside it; returns the paths written.

    The companions are named from ``out`` without its last suffix only (``a.x.json`` →
    ``a.x.csv``, ``a.x.draws.npz``), so ``a.x.json`` and ``a.y.json`` never share one."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    draws_path = companion(out, ".draws.npz")
    csv_path = companion(out, ".csv")
    written = []
    if result.draws:
        _save_draws(draws_path, np.array(result.units), result.total_draws)
        written.append(draws_path)
    csv_path.write_text(to_csv(result), encoding="utf-8")
    written.append(csv_path)
    data = to_dict(result, counts, draws_path.name if result.draws else None)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(out)
    return written


def read_survey(path: Path | str) -> SurveyResult:
    """Survey points (and draws, when their file is beside) as written by `parindex survey import`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError:
        raise InputError(
            [Problem("không tìm thấy tệp điểm điều tra xã hội học", file=str(path))]
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError([Problem(f"không phải JSON hợp lệ: {exc}", file=path.name)]) from None
    except RecursionError:
        raise InputError(
            [Problem("không phải JSON hợp lệ: lồng nhau quá sâu", file=path.name)]
        ) from None
    return survey_from_dict(data, path)


def survey_from_dict(
    data: Any, path: Path | None = None, draws: bytes | None = None
) -> SurveyResult:
    """Survey points from a parsed points.json; the draws from ``draws`` (the bytes of a
    .draws.npz) or from the file the JSON names when ``path`` locates it."""
    name = path.name if path is not None else "points.json"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            [
                Problem(
                    f"không phải tệp điểm điều tra của parindex (cần «format»: «{FORMAT}»)",
                    file=name,
                )
            ]
        )
    try:
        units, rows, respondents, low, high = _unit_rows(data)
        leaves = tuple(str(leaf["code"]) for leaf in data["leaves"])
        seed = int(data.get("seed") or 0)
        confidence = _decimal(data.get("confidence") or "0.95")
    except _Malformed as exc:
        raise InputError(
            [Problem(f"tệp điểm điều tra không đúng cấu trúc: {exc}", file=name)]
        ) from None
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        what = f"thiếu mục «{exc.args[0]}»" if isinstance(exc, KeyError) else "có giá trị sai kiểu"
        raise InputError(
            [Problem(f"tệp điểm điều tra không đúng cấu trúc: {what}", file=name)]
        ) from None
    if draws is not None:
        total_draws = read_draws(draws, units, "mẫu mô phỏng (.draws.npz)")
    elif data.get("draws_file") and path is not None:
        draws_path = path.with_name(Path(str(data["draws_file"])).name or "points.draws.npz")
        try:
            found = draws_path.exists()
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            raise InputError(
                [Problem("«draws_file» không phải tên một tệp đọc được", file=name)]
            ) from None
        total_draws = read_draws(draws_path, units, draws_path.name) if found else _no_draws(units)
    else:
        total_draws = _no_draws(units)
    return SurveyResult(
        questionnaire=str(data.get("questionnaire", "")),
        framework=str(data.get("framework", "")),
        leaves=leaves,
        units=tuple(units),
        points=tuple(rows),
        respondents=tuple(respondents),
        seed=seed,
        draws=int(total_draws.shape[0]),
        confidence=confidence,
        total_draws=total_draws,
        total_low=tuple(low),
        total_high=tuple(high),
    )


class _Malformed(ValueError):
    """A points.json entry of the wrong shape; its message says which (in Vietnamese)."""


def _decimal(value: Any) -> Decimal:
    """A number of the file, exact; NaN, ∞, a text or a list are refused."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise _Malformed(f"«{value}» không phải một số")
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite():
        raise _Malformed(f"«{value}» không phải một số hữu hạn")
    return number


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Malformed(f"«{value}» không phải một số nguyên không âm")
    return value


def _unit_rows(
    data: dict[str, Any],
) -> tuple[
    list[str],
    list[tuple[LeafPoints, ...]],
    list[int],
    list[Decimal | None],
    list[Decimal | None],
]:
    units: list[str] = []
    rows: list[tuple[LeafPoints, ...]] = []
    respondents: list[int] = []
    low: list[Decimal | None] = []
    high: list[Decimal | None] = []

    def dec(value: Any) -> Decimal | None:
        return None if value is None else _decimal(value)

    if not isinstance(data["units"], list) or not isinstance(data["leaves"], list):
        raise _Malformed("«units» và «leaves» phải là danh sách")
    for number, u in enumerate(data["units"], start=1):
        try:
            units.append(str(u["unit"]))
            respondents.append(_count(u["respondents"]))
            low.append(dec(u["total"]["low"]))
            high.append(dec(u["total"]["high"]))
            rows.append(
                tuple(
                    LeafPoints(
                        unit=str(u["unit"]),
                        leaf=str(p["leaf"]),
                        n=_count(p["n"]),
                        required=_count(p["required"]),
                        value=dec(p["value"]),
                        points=dec(p["points"]),
                        max=_decimal(p["max"]),
                        low=dec(p["low"]),
                        high=dec(p["high"]),
                    )
                    for p in u["leaves"]
                )
            )
        except _Malformed as exc:
            raise _Malformed(f"đơn vị thứ {number}: {exc}") from None
        except (KeyError, TypeError) as exc:
            what = f"thiếu mục «{exc.args[0]}»" if isinstance(exc, KeyError) else "sai kiểu"
            raise _Malformed(f"đơn vị thứ {number}: {what}") from None
    return units, rows, respondents, low, high


def _no_draws(units: list[str]) -> Any:
    return np.zeros((0, len(units)), dtype=np.float32)


def draws_bytes(result: SurveyResult) -> bytes:
    """The simulated draws of each unit's survey total as the bytes of a .draws.npz (or b"")."""
    if not result.draws:
        return b""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, units=np.array(result.units), totals=result.total_draws)
    return buffer.getvalue()


MAX_DRAWS_BYTES = 4 * 2**30
"""Unpacked, the draws of 3,321 units × 10,000 resamples in float32 take 133 MB; a file
that would unpack to more than this is refused before it is read (a zip bomb)."""


def _unpacked_size(source: Path | bytes) -> int:
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source
        ) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return 0  # not an archive: np.load says so


def read_draws(source: Path | bytes, units: list[str], name: str) -> Any:
    """The draws (resample × unit, in the order of ``units``) from a .draws.npz file or its bytes.

    Read without pickles; a file that is not an archive of ``units`` and ``totals``, or whose
    units are not the points' units, is refused with the file's name and the reason.
    """
    if _unpacked_size(source) > MAX_DRAWS_BYTES:
        limit = format_file_size(MAX_DRAWS_BYTES)
        raise InputError([Problem(f"tệp mẫu mô phỏng giải nén ra hơn {limit}", file=name)])
    problem = None
    try:
        with np.load(
            io.BytesIO(source) if isinstance(source, bytes) else source, allow_pickle=False
        ) as saved:
            if not {"units", "totals"} <= set(saved.files):
                problem = "tệp mẫu mô phỏng cần hai mảng «units» và «totals»"
            else:
                names, totals = saved["units"], saved["totals"]
                if not isinstance(names, np.ndarray) or not isinstance(totals, np.ndarray):
                    raise ValueError("a member that is not an array")  # NpzFile gives bytes
                codes = [str(c) for c in names.ravel()]
                order = {c: i for i, c in enumerate(codes)}
                if totals.ndim != 2 or totals.shape[1] != len(codes):
                    problem = "mảng «totals» phải có một cột cho mỗi đơn vị"
                elif set(order) != set(units):
                    problem = "tệp mẫu mô phỏng không khớp danh sách đơn vị"
                elif not np.issubdtype(totals.dtype, np.number):
                    problem = "mảng «totals» phải là số"
                elif not np.isfinite(totals).all():
                    problem = "mảng «totals» có giá trị không phải số hữu hạn (NaN, vô cùng)"
                else:
                    return totals[:, [order[c] for c in units]].astype(np.float32)
    except (
        OSError,
        ValueError,
        EOFError,
        KeyError,
        TypeError,
        NotImplementedError,
        SyntaxError,  # numpy parses an array's header as a Python literal
        tokenize.TokenError,
        zipfile.BadZipFile,
        zlib.error,
    ):
        problem = "không đọc được tệp mẫu mô phỏng (.npz): tệp bị hỏng hoặc không phải .npz"
    raise InputError([Problem(problem or "tệp mẫu mô phỏng không hợp lệ", file=name)])
