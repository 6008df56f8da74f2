"""``parindex onestop report``: a period's one-stop figures from the dossier register.

Writes ``thong-ke.json``, ``bieu-06a.xlsx`` (Biểu số II.06a/VPCP/KSTT) and ``thong-ke.md``
into a staging folder beside ``--out``, then moves them into place all at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path

from parindex.cli.common import Reporter
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.services.staging import new_staging

FILES = ("thong-ke.json", "bieu-06a.xlsx", "thong-ke.md")


def _day(text: str, option: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise InputError(
            [Problem(f"ngày «{text}» ({option}) không đúng dạng dd/mm/yyyy (ví dụ 30/06/2023)")]
        ) from None


def cmd_onestop_report(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.onestop import statistics
    from parindex.core.onestop_text import total_sentence
    from parindex.io.dossier_mapping import read_mapping, read_unit_levels
    from parindex.io.dossiers import day_number, read_register
    from parindex.reports import onestop_files

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    if end < start:
        raise InputError([Problem("--to trước --from: kỳ báo cáo không có ngày nào")])
    units = read_unit_levels(args.units)
    mapping = read_mapping(args.mapping) if args.mapping else None
    with rep.stage("Đọc sổ theo dõi hồ sơ"):
        loaded = read_register(
            args.dossiers, [u.code for u in units], mapping, drop_invalid=args.drop_invalid
        )
    levels = {u.code: u.level for u in units}
    names = {u.code: u.name for u in units}
    with rep.stage("Tính số liệu theo đơn vị, theo cấp"):
        stats = statistics(loaded.register, levels, day_number(start), day_number(end))
    out = Path(args.out)
    staging = new_staging(out.parent)
    try:
        data = onestop_files.statistics_json(stats, start, end, names)
        if loaded.dropped:
            data["dropped"] = [str(p) for p in loaded.dropped]
        (staging / "thong-ke.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (staging / "bieu-06a.xlsx").write_bytes(
            onestop_files.form_workbook(stats, start, end, names, args.reporter or "")
        )
        (staging / "thong-ke.md").write_text(
            onestop_files.statistics_markdown(stats, start, end, names), encoding="utf-8"
        )
        out.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            (staging / name).replace(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if loaded.dropped:
        rep.print(
            f"Đã bỏ {format_count(loaded.rows - len(loaded.register))} dòng lỗi "
            f"(--drop-invalid; danh sách trong thong-ke.json)."
        )
    rep.print(total_sentence(start, end, stats.total, stats.levels()))
    rep.print(f"Đã ghi {out}/({', '.join(FILES)}).")
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    onestop = sub.add_parser(
        "onestop", help="thống kê giải quyết thủ tục hành chính một cửa", parents=[common]
    )
    actions = onestop.add_subparsers(dest="onestop_command", required=True)
    report = actions.add_parser(
        "report",
        help="số liệu Biểu II.06a theo đơn vị, theo cấp, từ sổ theo dõi hồ sơ",
        parents=[common],
    )
    report.add_argument("--dossiers", required=True, help="sổ theo dõi hồ sơ (.csv hoặc .xlsx)")
    report.add_argument("--mapping", help="tệp ánh xạ cột, giá trị của phần mềm (.yaml)")
    report.add_argument("--units", required=True, help="danh sách đơn vị (mã, tên, loại, cấp)")
    report.add_argument("--from", dest="start", required=True, help="từ ngày dd/mm/yyyy")
    report.add_argument("--to", dest="end", required=True, help="đến ngày dd/mm/yyyy")
    report.add_argument("--out", required=True, help="thư mục ghi kết quả")
    report.add_argument("--reporter", help="đơn vị báo cáo (dòng đầu Biểu II.06a)")
    report.add_argument(
        "--drop-invalid",
        action="store_true",
        help="bỏ các dòng lỗi (liệt kê trong thong-ke.json) thay vì dừng lại",
    )
    report.set_defaults(func=cmd_onestop_report)
