"""``parindex report``: the documents an office signs (report, decision, appendices) from results.json."""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import Any

from parindex.cli.common import Reporter
from parindex.core.numbers import format_count, format_seconds
from parindex.core.problems import InputError, Problem
from parindex.services.staging import new_staging


def _report_date(text: str | None) -> Any:
    import datetime as dt

    if not text:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise InputError(
            [Problem(f"ngày «{text}» không đúng dạng dd/mm/yyyy (ví dụ 21/12/2023)")]
        ) from None


def cmd_report(args: argparse.Namespace, rep: Reporter) -> int:
    """The report and the decision (DOCX/PDF), the decision's appendix (XLSX) and every unit's
    scorecard as an appendix of the report, from results.json and the office's letterhead."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from parindex.io.letterhead import read_letterhead, with_overrides
    from parindex.io.results_json import read_results
    from parindex.reports import batch
    from parindex.reports.document import unit_codes
    from parindex.reports.letterhead import Letterhead

    results = read_results(args.results)
    problems: list[Problem] = []
    previous = None
    if args.previous:
        previous = read_results(args.previous)
        if previous.period != (results.previous_period or ""):
            problems.append(
                Problem(
                    f"kết quả được tính so với kỳ «{results.previous_period or 'không có'}», "
                    f"không phải kỳ «{previous.period}» (so sánh do `parindex score --previous` tính)",
                    file=Path(args.previous).name,
                )
            )
    head = read_letterhead(args.letterhead) if args.letterhead else Letterhead()
    head = with_overrides(head, args.issuer, args.number, args.place, _report_date(args.date))
    codes: list[str] = []
    if args.format != "xlsx":
        only = [c.strip() for c in args.units.split(",") if c.strip()] if args.units else None
        try:
            codes = unit_codes(results, only)
        except KeyError as exc:
            problems.append(Problem(f"không có đơn vị {exc.args[0]} trong kết quả"))
    if problems:
        raise InputError(problems)

    out = Path(args.out)
    staging = new_staging(out.parent)
    start = time.perf_counter()
    try:
        with rep.stage("Ghi báo cáo, quyết định" if args.format != "xlsx" else "Ghi phụ lục"):
            batch.write_documents(results, staging, args.format, head, previous)
        if codes:
            jobs = args.jobs or min(len(codes) // batch.CHUNK + 1, os.cpu_count() or 1)
            progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=rep.err,
                disable=rep.quiet,
            )
            with progress:
                task = progress.add_task("Phụ lục kết quả của các đơn vị", total=len(codes))
                batch.write_scorecards(
                    results,
                    codes,
                    staging,
                    args.format,
                    head,
                    jobs=jobs,
                    advance=lambda n: progress.advance(task, n),
                )
        written = []
        for item in batch.iter_files(staging):
            target = out / item.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            item.replace(target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    rep.print(
        f"Đã ghi {format_count(len(written))} tệp vào {out} ({format_seconds(time.perf_counter() - start)})"
        + (f", gồm {format_count(len(codes))} phụ lục kết quả của đơn vị" if codes else "")
        + "."
    )
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    report = sub.add_parser(
        "report",
        help="văn bản: báo cáo, quyết định công bố (DOCX/PDF), phụ lục (XLSX), phụ lục kết quả từng đơn vị",
        parents=[common],
    )
    report.add_argument("--results", required=True, help="results.json của kỳ đánh giá")
    report.add_argument(
        "--previous",
        help="results.json kỳ trước (kiểm tra đúng kỳ đã so sánh; báo cáo nêu thay đổi bình quân, xếp loại)",
    )
    report.add_argument("--format", required=True, choices=["docx", "pdf", "xlsx"])
    report.add_argument("--out", required=True, help="thư mục ghi văn bản")
    report.add_argument(
        "--letterhead",
        help="tệp van-ban.yaml: cơ quan ban hành, số, ngày, người ký, nơi nhận, quyết định công bố",
    )
    report.add_argument("--issuer", help="cơ quan ban hành (thay giá trị trong --letterhead)")
    report.add_argument("--number", help="số, ký hiệu báo cáo (thay giá trị trong --letterhead)")
    report.add_argument("--place", help="địa danh (thay giá trị trong --letterhead)")
    report.add_argument("--date", help="ngày ban hành báo cáo dd/mm/yyyy")
    report.add_argument(
        "--units", help="chỉ ghi phụ lục của các đơn vị này (mã, cách nhau bởi dấu phẩy)"
    )
    report.add_argument(
        "--jobs", type=int, help="số tiến trình ghi phụ lục (mặc định: số nhân CPU)"
    )
    report.set_defaults(func=cmd_report)
