"""What a one-stop export's columns and values mean, and the units' levels.

A mapping file (YAML) renames a vendor's headers and values, as the survey mappings do::

    columns: {MaHoSo: dossier, MaDonVi: unit, KenhThucHien: channel, NgayTiepNhan: received,
              NgayHenTra: due, NgayKetThucXuLy: finished, TrangThai: status}
    channels: {"TT": 1, "DVC": 2}          # a vendor's value → 1 trực tiếp, 2 trực tuyến, 3 BCCI
    statuses: {"9": Đã xử lý, "7": Trả lại} # a vendor's value → one of the register's statuses
    units: {"000.00.31.H40": SNV}           # a vendor's unit code → the units file's code

The units file is the one of ``parindex score`` (code, name, kind) with an optional ``level``
column (tỉnh / huyện / xã); without it the level follows the kind (sở, ban: tỉnh; huyện, thị
xã: huyện; xã, phường, đặc khu: xã).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parindex.core.onestop import CHANNELS, LEVELS, STATUSES
from parindex.core.problems import InputError, Problem
from parindex.core.units import AGENCY_KINDS, LEVEL_KINDS
from parindex.io.tables import find_columns, fold, read_table, text_of

FIELDS = (
    "dossier",
    "unit",
    "field",
    "procedure",
    "channel",
    "received",
    "due",
    "finished",
    "status",
    "paused_days",
    "apology",
)
MAX_MAPPING_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # folded vendor header → field
    channels: dict[str, int] = field(default_factory=dict)  # folded vendor value → channel
    statuses: dict[str, int] = field(default_factory=dict)  # folded vendor value → status
    units: dict[str, str] = field(default_factory=dict)  # vendor code → unit code


def _table(data: Any, key: str, file: str, problems: list[Problem]) -> dict[str, Any]:
    value = data.get(key, {}) if isinstance(data, dict) else {}
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.append(Problem(f"mục «{key}» phải là bảng «tên: giá trị»", file=file))
        return {}
    return {str(k): v for k, v in value.items()}


def read_mapping(path: Path | str) -> Mapping:
    """The mapping file, or InputError naming every entry it cannot use."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError([Problem("không tìm thấy tệp", file=str(path))])
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise InputError([Problem("tệp ánh xạ lớn quá 1 MB", file=name)])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError([Problem(f"không đọc được YAML: {exc}", file=name)]) from None
    if not isinstance(data, dict):
        raise InputError([Problem("tệp ánh xạ phải có các mục columns, channels …", file=name)])
    problems: list[Problem] = []
    columns = {}
    for header, target in _table(data, "columns", name, problems).items():
        if target not in FIELDS:
            problems.append(
                Problem(
                    f"cột «{header}» ánh xạ vào «{target}», không phải một trong: "
                    + ", ".join(FIELDS),
                    where="columns",
                    file=name,
                )
            )
        columns[fold(header)] = str(target)
    channels = {}
    for value, target in _table(data, "channels", name, problems).items():
        if target not in CHANNELS:
            problems.append(
                Problem(
                    f"kênh «{value}» ánh xạ vào «{target}»: cần 1, 2 hoặc 3",
                    where="channels",
                    file=name,
                )
            )
            continue
        channels[fold(value)] = int(target)
    by_name = {fold(label): code for code, label in STATUSES.items()}
    statuses = {}
    for value, target in _table(data, "statuses", name, problems).items():
        code = by_name.get(fold(str(target)))
        if code is None:
            problems.append(
                Problem(
                    f"trạng thái «{value}» ánh xạ vào «{target}», không phải một trong: "
                    + ", ".join(STATUSES.values()),
                    where="statuses",
                    file=name,
                )
            )
            continue
        statuses[fold(value)] = code
    units = {k: str(v) for k, v in _table(data, "units", name, problems).items()}
    if problems:
        raise InputError(problems)
    return Mapping(columns, channels, statuses, units)


@dataclass(frozen=True)
class UnitLevel:
    code: str
    name: str
    level: str


def level_of_kind(kind: str) -> str:
    """The level a unit of this kind receives dossiers at ("" when the kind says nothing)."""
    if kind in AGENCY_KINDS:
        return "tỉnh"
    if kind in LEVEL_KINDS["district"]:
        return "huyện"
    if kind in LEVEL_KINDS["commune"]:
        return "xã"
    return ""


UNIT_COLUMNS = {
    "code": ("mã", "mã đơn vị", "ma_don_vi"),
    "name": ("tên", "tên đơn vị", "unit_name"),
    "kind": ("loại", "loại đơn vị", "loại hình"),
    "level": ("cấp", "cấp hành chính"),
}


def read_unit_levels(path: Path | str) -> list[UnitLevel]:
    """The units file's code, name and level, in its order; all problems at once."""
    table = read_table(path)
    columns, problems = find_columns(table, UNIT_COLUMNS, required=("code", "name"))
    if problems:
        raise InputError(problems)
    found: list[UnitLevel] = []
    seen: dict[str, int] = {}

    def cell(row: Any, key: str) -> str:
        return text_of(row.get(columns[key])).strip() if key in columns else ""

    for row in table.rows:
        code, name = cell(row, "code"), cell(row, "name")
        where = table.where(row.number)
        level = cell(row, "level").lower().removeprefix("cấp ").strip()
        level = level or level_of_kind(cell(row, "kind").lower())
        if not code:
            problems.append(Problem("thiếu mã đơn vị", where=where, file=table.file))
            continue
        if code in seen:
            problems.append(
                Problem(
                    f"mã đơn vị «{code}» trùng với dòng {seen[code]}", where=where, file=table.file
                )
            )
            continue
        seen[code] = row.number
        if level not in LEVELS:
            problems.append(
                Problem(
                    f"không biết cấp của đơn vị «{code}»: cần cột «level» (tỉnh, huyện, xã) "
                    "hoặc loại đơn vị (sở, huyện, xã …)",
                    where=where,
                    file=table.file,
                    unit=code,
                )
            )
            continue
        found.append(UnitLevel(code, name, level))
    if not table.rows:
        problems.append(Problem("tệp không có đơn vị nào", file=table.file))
    if problems:
        raise InputError(problems)
    return found
