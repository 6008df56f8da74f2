"""The one-stop system's dossier register (CSV or XLSX) → ``core.onestop.Register``.

Read with polars, column by column, so a large province's year (millions of rows) is read and
checked in seconds. Headers are matched without diacritics or case («Ngày tiếp nhận»,
«NgayTiepNhan», ``received``), or renamed by a mapping file (``io.dossier_mapping``). Dates
are ``dd/mm/yyyy`` (a time after them is dropped), ``yyyy-mm-dd``, or an ISO moment with its
zone (taken as the calendar day in Asia/Ho_Chi_Minh).

Every bad row is a located problem — the row as the file counts it and the column's label:
an unreadable date, a due day before the day received, a result before it, an unknown unit,
channel or status, a duplicate dossier code, a finished status without its result day (or an
open one with it), negative paused days. All are reported at once (the first
``MAX_LISTED`` listed, then their number); with ``drop_invalid`` those rows are left out
and reported as dropped instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from parindex.core.collation import fold as fold_value
from parindex.core.numbers import format_count
from parindex.core.onestop import (
    DIRECT,
    NO_RESULT,
    OPEN_STATUSES,
    STATUSES,
    Register,
)
from parindex.core.problems import InputError, Problem
from parindex.io.containers import check_workbook
from parindex.io.dossier_mapping import Mapping
from parindex.io.tables import fold

COLUMNS: dict[str, tuple[str, ...]] = {
    "dossier": ("Mã hồ sơ", "Số hồ sơ", "MaHoSo", "dossier"),
    "unit": ("Mã đơn vị", "Đơn vị tiếp nhận", "MaDonVi", "unit"),
    "field": ("Lĩnh vực", "LinhVuc", "field"),
    "procedure": ("Thủ tục", "Tên thủ tục", "ThuTuc", "procedure"),
    "channel": ("Kênh", "Kênh nộp", "Hình thức nộp", "KenhThucHien", "channel"),
    "received": ("Ngày tiếp nhận", "NgayTiepNhan", "received"),
    "due": ("Ngày hẹn trả", "NgayHenTra", "due"),
    "finished": (
        "Ngày có kết quả",
        "Ngày kết thúc xử lý",
        "Ngày trả kết quả",
        "NgayKetThucXuLy",
        "finished",
    ),
    "status": ("Trạng thái", "TrangThai", "status"),
    "paused_days": ("Số ngày tạm dừng", "Số ngày dừng", "paused_days"),
    "apology": ("Phiếu xin lỗi", "Xin lỗi", "apology"),
}
REQUIRED = ("dossier", "unit", "channel", "received", "due", "status")
LABELS = {name: aliases[0] for name, aliases in COLUMNS.items()}
MAX_LISTED = 1000
"""The problems listed one by one; beyond them, their number."""
MAX_BYTES = 2 * 1024 * 1024 * 1024

_CHANNEL_WORDS = {
    "1": 1,
    "truc tiep": 1,
    "": DIRECT,  # 766: an empty channel is direct
    "2": 2,
    "truc tuyen": 2,
    "qua mang": 2,
    "3": 3,
    "buu chinh cong ich": 3,
    "buu chinh": 3,
    "bcci": 3,
}
_YES = {"co", "x", "1", "true", "yes", "da gui"}
_NO = {"", "khong", "0", "false", "no"}
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Loaded:
    register: Register
    rows: int  # rows read (before any was dropped)
    dropped: tuple[Problem, ...]  # the problems of the rows left out (``drop_invalid``)


def _frame(path: Path, mapping: Mapping | None) -> tuple[pl.DataFrame, int]:
    """The cells of the columns read (as text), and the file row of the first data row. A
    CSV is read in two passes: its header, then only the columns the statistics use."""
    name = path.name
    if not path.is_file():
        raise InputError([Problem("không tìm thấy tệp", file=str(path))])
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem("tệp lớn quá 2 GB", file=name)])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            header = pl.read_csv(path, infer_schema=False, encoding="utf8", n_rows=0).columns
            wanted = list(_columns(header, mapping, name).values())
            frame = pl.read_csv(
                path,
                infer_schema=False,
                encoding="utf8",
                truncate_ragged_lines=True,
                columns=wanted,
            )
        except (pl.exceptions.PolarsError, OSError):
            from parindex.io.tables import decode_csv

            text = decode_csv(path.read_bytes(), name)  # UTF-16, Windows-1258 …
            try:
                frame = pl.read_csv(
                    text.encode("utf-8"), infer_schema=False, truncate_ragged_lines=True
                )
            except pl.exceptions.PolarsError:
                raise InputError(
                    [
                        Problem(
                            "tệp CSV bị hỏng: có dấu ngoặc kép không đóng hoặc ô không tách "
                            "được; hãy xuất lại từ phần mềm một cửa",
                            file=name,
                        )
                    ]
                ) from None
        return frame, 2
    if suffix in (".xlsx", ".xlsm"):
        return _workbook(path), 2
    raise InputError([Problem("định dạng tệp không được hỗ trợ (cần .csv hoặc .xlsx)", file=name)])


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook(path: Path) -> pl.DataFrame:
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError([Problem(f"không mở được tệp Excel: {exc}", file=path.name)]) from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [_text(v) or f"cột {i + 1}" for i, v in enumerate(next(rows, ()))]
        data = [[_text(v) for v in row[: len(header)]] for row in rows]
    except Exception:  # a damaged sheet inside a readable zip
        raise InputError(
            [Problem("tệp Excel bị hỏng: không đọc được trang tính", file=path.name)]
        ) from None
    finally:
        book.close()
    width = len(header)
    columns = {h: [r[i] if i < len(r) else None for r in data] for i, h in enumerate(header)}
    return pl.DataFrame(columns, schema={h: pl.String for h in header}) if width else pl.DataFrame()


USED = ("dossier", "unit", "channel", "received", "due", "finished", "status", "paused_days",
        "apology")  # fmt: skip
"""The columns the statistics read (``field`` and ``procedure`` are recognised, not read)."""


def _columns(headers: Sequence[str], mapping: Mapping | None, file: str) -> dict[str, str]:
    """Our field → the file's header, for the fields the statistics read."""
    found: dict[str, str] = {}
    for header in headers:
        key = fold(header)
        target = mapping.columns.get(key) if mapping else None
        if target is None:
            target = next(
                (n for n, aliases in COLUMNS.items() if key in {fold(a) for a in aliases}), None
            )
        if target is not None and target in USED and target not in found:
            found[target] = header
    missing = [f"«{LABELS[n]}»" for n in REQUIRED if n not in found]
    if missing:
        raise InputError(
            [Problem(f"thiếu cột {', '.join(missing)} ở dòng tiêu đề (dòng 1)", file=file)]
        )
    return found


def _days(text: pl.Series) -> pl.Series:
    """Days from «dd/mm/yyyy» (a time after it dropped), «yyyy-mm-dd» or an ISO moment with its
    zone (the calendar day in Asia/Ho_Chi_Minh); null when none. The common form is tried on
    the whole column, the others only on the cells it did not read."""
    text = text.str.strip_chars()
    days = text.str.strptime(pl.Date, "%d/%m/%Y", strict=False)
    left = days.is_null() & text.is_not_null() & (text != "")
    if not left.any():
        return days
    rest = text.filter(left)
    head = rest.str.extract(r"^(\S+)", 1)
    parsed = pl.select(
        pl.coalesce(
            head.str.strptime(pl.Date, "%d/%m/%Y", strict=False),
            head.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
            rest.str.strptime(pl.Datetime("us", "UTC"), "%Y-%m-%dT%H:%M:%S%#z", strict=False)
            .dt.convert_time_zone("Asia/Ho_Chi_Minh")
            .dt.date(),
            head.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False),
        )
    ).to_series()
    return days.scatter(left.arg_true(), parsed)


def _key(value: str) -> str:
    return " ".join(fold_value(value).split())


def _lookup(values: pl.Series, table: dict[str, int]) -> pl.Series:
    """Each value through ``table`` (folded: no diacritics, no case, spaces as one); -1 for a
    value it does not know. Looked up once per distinct value."""
    filled = values.fill_null("")
    codes = {v: table.get(_key(v), -1) for v in filled.unique().to_list()}
    return filled.replace_strict(codes, default=-1, return_dtype=pl.Int16)


def read_register(
    path: Path | str,
    units: Sequence[str],
    mapping: Mapping | None = None,
    drop_invalid: bool = False,
) -> Loaded:
    """The register's dossiers, every row checked; ``units``: the codes of the units file."""
    path = Path(path)
    name = path.name
    frame, first_row = _frame(path, mapping)
    at = _columns(frame.columns, mapping, name)
    n = frame.height
    if n == 0:
        raise InputError([Problem("tệp không có hồ sơ nào (chỉ có dòng tiêu đề)", file=name)])
    get = {k: frame[h].cast(pl.String) for k, h in at.items()}
    empty = pl.Series([None] * n, dtype=pl.String)
    for key in COLUMNS:
        get.setdefault(key, empty)
    channels = {**_CHANNEL_WORDS, **(mapping.channels if mapping else {})}
    statuses = {_key(label): code for code, label in STATUSES.items()}
    statuses |= mapping.statuses if mapping else {}
    renamed = mapping.units if mapping else {}
    unit_text = get["unit"].fill_null("").str.strip_chars()
    if renamed:
        unit_text = unit_text.replace(renamed)
    index = {code: i for i, code in enumerate(units)}
    unit = unit_text.replace_strict(
        {u: index.get(u, -1) for u in unit_text.unique().to_list()}, return_dtype=pl.Int32
    )
    days = {k: _days(get[k]) for k in ("received", "due", "finished")}
    paused = get["paused_days"].str.strip_chars().cast(pl.Int32, strict=False)
    apology = _lookup(get["apology"], {**dict.fromkeys(_YES, 1), **dict.fromkeys(_NO, 0)})
    table = pl.DataFrame(
        {
            "dossier": get["dossier"].str.strip_chars(),
            "unit_text": unit_text,
            "unit": unit,
            "channel": _lookup(get["channel"], channels),
            "status": _lookup(get["status"], statuses),
            "received_text": get["received"],
            "due_text": get["due"],
            "finished_text": get["finished"],
            "received": days["received"],
            "due": days["due"],
            "finished": days["finished"],
            "paused_text": get["paused_days"],
            "paused": paused,
            "apology": apology,
            "repeated": _repeated(get["dossier"].str.strip_chars()),
        }
    ).with_row_index("i")
    checks = _checks(table)
    bad, rows = _problems(table, checks, name, first_row)
    if bad and not drop_invalid:
        raise InputError(_listed(bad, name))
    keep = table.filter(~rows) if bad else table
    return Loaded(_register(keep, units), n, tuple(_listed(bad, name)) if bad else ())


def _repeated(codes: pl.Series) -> pl.Series:
    """True for each row whose dossier code an earlier row already has. Codes are hashed
    first (fast), the exact comparison made only among the rows whose hash repeats."""
    hashed = codes.hash()
    candidates = hashed.is_duplicated() & codes.is_not_null() & (codes != "")
    repeated = pl.Series([False] * len(codes))
    if candidates.any():
        where = candidates.arg_true()
        subset = pl.DataFrame({"code": codes.gather(where)})
        later = subset.select(pl.col("code").is_first_distinct().not_()).to_series()
        repeated = repeated.scatter(where.filter(later), True)
    return repeated


def _filled(column: str) -> pl.Expr:
    return pl.col(column).is_not_null() & (pl.col(column).str.strip_chars() != "")


def _checks(table: pl.DataFrame) -> list[tuple[str, str, pl.Expr]]:
    """(column, reason, the rows it applies to) of every check."""
    received, due, finished = pl.col("received"), pl.col("due"), pl.col("finished")
    open_status = pl.col("status").is_in(list(OPEN_STATUSES))
    return [
        ("dossier", "thiếu mã hồ sơ", ~_filled("dossier")),
        ("dossier", "trùng mã hồ sơ với một dòng trên", pl.col("repeated")),
        ("unit", "mã đơn vị không có trong danh sách đơn vị", pl.col("unit") < 0),
        ("channel", "kênh không rõ (cần 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích)", pl.col("channel") < 0),
        ("status", "trạng thái không rõ (cần: " + ", ".join(STATUSES.values()) + ")", pl.col("status") < 0),
        ("received", "thiếu ngày tiếp nhận", ~_filled("received_text")),
        ("received", "ngày không đọc được (cần dd/mm/yyyy)", _filled("received_text") & received.is_null()),
        ("due", "thiếu ngày hẹn trả", ~_filled("due_text")),
        ("due", "ngày không đọc được (cần dd/mm/yyyy)", _filled("due_text") & due.is_null()),
        ("finished", "ngày không đọc được (cần dd/mm/yyyy)", _filled("finished_text") & finished.is_null()),
        ("due", "ngày hẹn trả trước ngày tiếp nhận", due < received),
        ("finished", "ngày có kết quả trước ngày tiếp nhận", finished < received),
        ("finished", "hồ sơ đã có kết quả nhưng thiếu ngày có kết quả", (pl.col("status") > 0) & ~open_status & ~_filled("finished_text")),
        ("finished", "hồ sơ đang xử lý nhưng đã có ngày có kết quả", open_status & _filled("finished_text")),
        ("paused_days", "số ngày tạm dừng phải là số nguyên không âm", _filled("paused_text") & (pl.col("paused").is_null() | (pl.col("paused") < 0))),
        ("apology", "phiếu xin lỗi: ghi «có» hoặc để trống", pl.col("apology") < 0),
    ]  # fmt: skip


def _problems(
    table: pl.DataFrame, checks: list[tuple[str, str, pl.Expr]], file: str, first_row: int
) -> tuple[list[Problem], pl.Series]:
    """Every check's rows as located problems (at most ``MAX_LISTED + 1`` per check), in row
    order, and which rows have any problem."""
    flags = table.select(
        *[c.fill_null(False).alias(str(k)) for k, (_, _, c) in enumerate(checks)],
    )
    bad = flags.select(pl.any_horizontal(pl.all())).to_series()
    found: list[tuple[int, int, Problem]] = []
    if not bad.any():
        return [], bad
    for k, (column, reason, _) in enumerate(checks):
        hit = flags[str(k)]
        if not hit.any():
            continue
        rows = hit.arg_true().head(MAX_LISTED + 1)
        for i, dossier in zip(rows.to_list(), table["dossier"].gather(rows).to_list(), strict=True):
            shown = f" (hồ sơ {dossier})" if dossier else ""
            where = f"dòng {i + first_row}, cột «{LABELS[column]}»"
            found.append((i, k, Problem(reason + shown, where=where, file=file)))
    found.sort(key=lambda t: (t[0], t[1]))
    total = int(bad.sum())
    problems = [p for _, _, p in found]
    if len(problems) < total:
        problems.append(Problem(f"… còn lỗi ở {format_count(total)} dòng trong tất cả", file=file))
    return problems, bad


def _listed(problems: list[Problem], file: str) -> list[Problem]:
    if len(problems) <= MAX_LISTED:
        return problems
    rest = len(problems) - MAX_LISTED
    return [*problems[:MAX_LISTED], Problem(f"… và {format_count(rest)} lỗi khác", file=file)]


def _day_numbers(column: pl.Series, missing: int) -> np.ndarray:
    return column.cast(pl.Int32).fill_null(missing).to_numpy().astype(np.int32)


def _register(table: pl.DataFrame, units: Sequence[str]) -> Register:
    paused = table["paused"].fill_null(0).clip(lower_bound=0).cast(pl.Int32)
    due = (table["due"].cast(pl.Int32) + paused).fill_null(0)
    return Register(
        unit=table["unit"].cast(pl.Int32).to_numpy().astype(np.int32),
        channel=table["channel"].cast(pl.Int8).to_numpy().astype(np.int8),
        received=_day_numbers(table["received"], 0),
        due=due.to_numpy().astype(np.int32),
        finished=_day_numbers(table["finished"], int(NO_RESULT)),
        status=table["status"].cast(pl.Int8).to_numpy().astype(np.int8),
        apology=(table["apology"] == 1).to_numpy().astype(np.bool_),
        units=tuple(units),
    )


def day_number(day: dt.date) -> int:
    """A calendar day as the register's day numbers count it."""
    return (day - _EPOCH).days
