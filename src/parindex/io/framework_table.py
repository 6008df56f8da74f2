"""A framework typed as a flat spreadsheet table, turned into framework YAML.

Offices keep their criteria as a table: one row per field, criterion and
sub-criterion with its code, name, max points and (optionally) source. The tree
comes from the codes: "1.2.1" sits under "1.2", which sits under "1".

``read_framework_table`` reads such an XLSX table into the mapping that
``parse_framework`` takes, reporting every problem with its row or cell;
``write_framework_yaml`` writes that mapping as readable YAML for ``frameworks/``.

Header names accepted (any case, with or without diacritics):

========  ==================================================
column    headers
========  ==================================================
code      code, Mã, Mã số, Mã tiêu chí
name      name, Tên, Tên tiêu chí, Lĩnh vực/tiêu chí, Nội dung
max       max, Điểm tối đa, Điểm, Điểm chuẩn
source    source, Nguồn, Nguồn điểm, Phương pháp
note      note, Ghi chú
guide     guide, Cách chấm điểm, Cách chấm, Hướng dẫn chấm điểm
evidence  evidence, Tài liệu kiểm chứng, TLKC (any text: the leaf asks for evidence;
          the text is kept in its note)
========  ==================================================
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from parindex.core.framework import DEFAULT_CLASSES, parse_framework
from parindex.core.numbers import format_vn, plain_decimal, to_decimal
from parindex.core.problems import InputError, Problem

_HEADERS = {
    "code": ("code", "ma", "ma so", "ma tieu chi"),
    "name": ("name", "ten", "ten tieu chi", "linh vuc/tieu chi", "linh vuc, tieu chi", "noi dung"),
    "max": ("max", "diem toi da", "diem", "diem chuan", "max points"),
    "source": ("source", "nguon", "nguon diem", "phuong phap"),
    "note": ("note", "ghi chu"),
    "guide": ("guide", "cach cham diem", "cach cham", "huong dan cham diem"),
    "evidence": ("evidence", "tai lieu kiem chung", "tlkc"),
}
_REQUIRED = ("code", "name", "max")
_LABELS = {"code": "Mã", "name": "Tên tiêu chí", "max": "Điểm tối đa", "source": "Nguồn"}

_SOURCES = {
    "self": "self",
    "tu danh gia": "self",
    "tu cham": "self",
    "tu cham diem": "self",
    "tham dinh": "self",
    "survey": "survey",
    "dieu tra xa hoi hoc": "survey",
    "dtxhh": "survey",
    "dtxh": "survey",
}


def _plain(text: str) -> str:
    """Lower case, no diacritics (đ → d), single spaces: how headers and sources compare."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped).strip().lower()


def _header_key(value: object) -> str | None:
    if value is None:
        return None
    plain = _plain(str(value)).rstrip(":").strip()
    plain = re.sub(r"\s*\(.*\)$", "", plain)  # "Điểm tối đa (điểm)" → "diem toi da"
    for key, names in _HEADERS.items():
        if plain in names:
            return key
    return None


def _code_text(value: object) -> str:
    """A criterion code as text: cells typed 1 or 1.2 come back as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return re.sub(r"\s+", "", str(value)).rstrip(".")


def _parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _open_sheet(path: Path) -> tuple[Any, Any]:
    """The workbook (to close) and its first sheet; openpyxl is untyped, so both are Any."""
    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except FileNotFoundError:
        raise InputError([Problem("không tìm thấy tệp", file=path.name)]) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise InputError(
            [Problem("không đọc được tệp: cần một bảng tính Excel .xlsx", file=path.name)]
        ) from None
    return workbook, workbook.worksheets[0]


def read_framework_table(
    path: Path,
    *,
    id: str,
    name: str,
    level: str,
    year: int,
    source: str = "",
    classes: Sequence[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Read a framework table (first sheet, headers in row 1) into a framework mapping.

    The mapping is what ``parse_framework`` takes (numbers as Decimal) and is
    checked by it before it is returned. Raises InputError with every problem,
    each at its row ("dòng 7") or cell ("ô C7").
    """
    path = Path(path)
    workbook, sheet = _open_sheet(path)
    try:
        rows: list[tuple[object, ...]] = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()

    problems: list[Problem] = []

    def problem(where: str, message: str, criterion: str = "") -> None:
        problems.append(Problem(message, where=where, file=path.name, criterion=criterion))

    header = rows[0] if rows else ()
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        key = _header_key(heading)
        if key is None:
            continue
        if key in columns:
            problem(
                f"ô {get_column_letter(index + 1)}1",
                f"cột «{_LABELS.get(key, key)}» có hai lần "
                f"(cột {get_column_letter(columns[key] + 1)} và {get_column_letter(index + 1)})",
            )
            continue
        columns[key] = index
    missing = [key for key in _REQUIRED if key not in columns]
    if missing:
        names = ", ".join(f"«{_LABELS[key]}»" for key in missing)
        problem("dòng 1", f"thiếu cột {names} ở dòng tiêu đề (cần: Mã, Tên tiêu chí, Điểm tối đa)")
        raise InputError(problems)

    def cell_ref(key: str, row: int) -> str:
        return f"ô {get_column_letter(columns[key] + 1)}{row}"

    def value(row_values: tuple[object, ...], key: str) -> object:
        index = columns.get(key)
        if index is None or index >= len(row_values):
            return None
        item = row_values[index]
        if isinstance(item, str) and not item.strip():
            return None
        return item

    nodes: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, int] = {}
    order: list[str] = []
    stated_max: dict[str, Decimal] = {}
    bad_max: set[str] = set()  # already reported: not "missing" too
    for row_number, row_values in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row_values):
            continue
        code = _code_text(value(row_values, "code"))
        if not code:
            problem(cell_ref("code", row_number), "thiếu mã tiêu chí")
            continue
        node: dict[str, Any] = {"code": code}
        node_name = value(row_values, "name")
        if node_name is None:
            problem(cell_ref("name", row_number), "thiếu tên tiêu chí", code)
        else:
            node["name"] = re.sub(r"\s+", " ", str(node_name)).strip()
        raw_max = value(row_values, "max")
        if raw_max is not None:
            points = to_decimal(raw_max)
            if points is None or points < 0:
                bad_max.add(code)
            if points is None:
                problem(
                    cell_ref("max", row_number),
                    f"điểm tối đa «{raw_max}» không phải là số",
                    code,
                )
            elif points < 0:
                problem(
                    cell_ref("max", row_number),
                    f"điểm tối đa âm ({format_vn(points)})",
                    code,
                )
            else:
                node["max"] = points
                stated_max[code] = points
        raw_source = value(row_values, "source")
        if raw_source is not None:
            parsed_source = _SOURCES.get(_plain(str(raw_source)))
            if parsed_source is None:
                problem(
                    cell_ref("source", row_number),
                    f"nguồn điểm «{raw_source}» không hợp lệ "
                    "(ghi «tự đánh giá» hoặc «điều tra xã hội học», hoặc để trống)",
                    code,
                )
            else:
                node["source"] = parsed_source
        note = value(row_values, "note")
        if note is not None:
            node["note"] = str(note).strip()
        guide = value(row_values, "guide")
        if guide is not None and str(guide).strip():
            node["guide"] = str(guide).strip()
        asked = value(row_values, "evidence")
        if asked is not None and str(asked).strip():
            node["evidence"] = True  # the decision asks for documents; what it asks, in the note
            wanted = f"Tài liệu kiểm chứng: {str(asked).strip()}"
            node["note"] = f"{node['note']}; {wanted}" if node.get("note") else wanted
        if code in nodes:
            problem(
                cell_ref("code", row_number),
                f"mã trùng với dòng {rows_of[code]}",
                code,
            )
            continue
        nodes[code] = node
        rows_of[code] = row_number
        order.append(code)

    if not nodes and not problems:
        problem("dòng 2", "bảng không có tiêu chí nào (dữ liệu bắt đầu từ dòng 2)")

    fields: list[dict[str, Any]] = []
    for code in order:
        parent = _parent_code(code)
        if parent is None:
            fields.append(nodes[code])
        elif parent in nodes:
            nodes[parent].setdefault("children", []).append(nodes[code])
        else:
            problem(
                cell_ref("code", rows_of[code]),
                f"không có tiêu chí cha {parent} trong bảng",
                code,
            )

    def leaf_max(code: str) -> Decimal | None:
        node = nodes[code]
        children = node.get("children")
        if not children:
            if "max" not in node and code not in bad_max:
                problem(
                    cell_ref("max", rows_of[code]),
                    "thiếu điểm tối đa (tiêu chí không có tiêu chí con)",
                    code,
                )
            return node.get("max")
        parts = [leaf_max(child["code"]) for child in children]
        if any(p is None for p in parts):
            return None
        total = sum((p for p in parts if p is not None), Decimal(0))
        if code in stated_max and stated_max[code] != total:
            problem(
                cell_ref("max", rows_of[code]),
                f"điểm tối đa là {format_vn(stated_max[code])} "
                f"nhưng tổng điểm các tiêu chí con là {format_vn(total)}",
                code,
            )
        return total

    for top in fields:
        leaf_max(top["code"])

    if problems:
        raise InputError(sorted(problems, key=_row_of))

    data: dict[str, Any] = {"id": id, "name": name, "level": level, "year": int(year)}
    if source:
        data["source"] = source
    data["classes"] = _classes(classes)
    data["fields"] = [_ordered(node) for node in fields]

    try:
        parse_framework(data, origin=path.name)
    except InputError as exc:
        raise InputError(_located(exc.problems, rows_of, path.name)) from None
    return data


def _row_of(problem: Problem) -> int:
    """Sort key: the row a problem is on (0 when it has none)."""
    found = re.search(r"\d+$", problem.where)
    return int(found.group()) if found else 0


def _ordered(node: dict[str, Any]) -> dict[str, Any]:
    """A node's keys in the order people read them, children last."""
    out: dict[str, Any] = {
        key: node[key]
        for key in ("code", "name", "max", "source", "evidence", "guide", "note")
        if key in node
    }
    if node.get("children"):
        out["children"] = [_ordered(child) for child in node["children"]]
    return out


def _classes(classes: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    if classes is None:
        return [{"label": label, "min": Decimal(minimum)} for label, minimum in DEFAULT_CLASSES]
    out = []
    for band in classes:
        minimum = to_decimal(band.get("min"))
        out.append(
            {"label": band.get("label"), "min": minimum if minimum is not None else band.get("min")}
        )
    return out


def _located(problems: Sequence[Problem], rows_of: Mapping[str, int], file: str) -> list[Problem]:
    """parse_framework's problems at code paths, moved to the table's rows."""
    located = []
    for p in problems:
        code = p.where.split(" › ")[0]
        if code in rows_of:
            located.append(
                Problem(p.message, where=f"dòng {rows_of[code]}", file=file, criterion=code)
            )
        else:
            located.append(Problem(p.message, where=p.where, file=file))
    return located


# ---------------------------------------------------------------------------
# YAML


class _QuotedStr(str):
    """A string YAML writes in double quotes (codes: "1.10" must stay text)."""


class _Dumper(yaml.SafeDumper):
    """Readable YAML: lists indented under their key, exact numbers, no tags."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_scalar("tag:yaml.org,2002:int", str(int(value)))
    return dumper.represent_scalar("tag:yaml.org,2002:float", plain_decimal(value))


def _represent_quoted(dumper: yaml.SafeDumper, value: _QuotedStr) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(_QuotedStr, _represent_quoted)


def _quote_codes(value: object) -> object:
    if isinstance(value, Mapping):
        return {
            key: _QuotedStr(str(item)) if key == "code" else _quote_codes(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_quote_codes(item) for item in value]
    return value


def write_framework_yaml(data: Mapping[str, Any]) -> str:
    """The framework mapping as YAML: Unicode kept, keys in order, plain numbers.

    >>> print(write_framework_yaml({"fields": [{"code": "1", "max": Decimal("8.50")}]}), end="")
    fields:
      - code: "1"
        max: 8.5
    """
    return yaml.dump(
        _quote_codes(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )


__all__ = ["DEFAULT_CLASSES", "read_framework_table", "write_framework_yaml"]
