"""``parindex review``: the periodic PAR report (6 tháng, 9 tháng, năm) from the plan's
status, the indicators, the one-stop figures and the index's results.

Writes ``bao-cao-cchc.docx`` and ``bao-cao-cchc.pdf`` into a staging folder beside
``--out``, then moves them into place all at once; a missing or broken input writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from pathlib import Path

from parindex.cli.common import Reporter
from parindex.core.problems import InputError, Problem
from parindex.services.staging import new_staging

FILES = ("bao-cao-cchc.docx", "bao-cao-cchc.pdf")


def _year(text: str) -> int:
    if not text.strip().isdigit() or not 2000 <= int(text) <= 2100:
        raise InputError([Problem(f"năm «{text}» (--year) không hợp lệ (ví dụ 2026)")])
    return int(text)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise InputError(
            [Problem(f"ngày «{text}» (--date) không đúng dạng dd/mm/yyyy (ví dụ 15/07/2026)")]
        ) from None


def cmd_review(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.review import ReviewPeriod
    from parindex.io.letterhead import read_letterhead
    from parindex.reports.review_document import review_title
    from parindex.services.review import read_review_inputs, render_review, review_letterhead

    period = ReviewPeriod(args.kind, _year(args.year))
    date = _date(args.date)
    problems: list[Problem] = []
    head = None
    try:
        head = read_letterhead(args.letterhead) if Path(args.letterhead).is_file() else None
        if head is None:
            problems.append(Problem("không tìm thấy tệp", file=str(args.letterhead)))
    except InputError as exc:
        problems.extend(exc.problems)
    try:
        with rep.stage("Đọc số liệu"):
            inputs = read_review_inputs(
                period, args.plan_status, args.indicators, args.onestop, args.results
            )
    except InputError as exc:
        problems.extend(exc.problems)
    if problems or head is None:
        raise InputError(problems)
    head = review_letterhead(head, args.number, date)
    with rep.stage("Viết báo cáo"):
        docx_bytes, pdf_bytes = render_review(period, head, inputs)
    out = Path(args.out)
    staging = new_staging(out.parent)
    try:
        (staging / FILES[0]).write_bytes(docx_bytes)
        (staging / FILES[1]).write_bytes(pdf_bytes)
        out.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            (staging / name).replace(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    rep.print(f"Báo cáo {review_title(period)[:1].lower()}{review_title(period)[1:]}: {out}/")
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    review = sub.add_parser(
        "review",
        help="báo cáo kết quả thực hiện công tác CCHC (6 tháng, 9 tháng, năm)",
        parents=[common],
    )
    review.add_argument("--kind", required=True, choices=("6-thang", "9-thang", "nam"))
    review.add_argument("--year", required=True, help="năm báo cáo (ví dụ 2026)")
    review.add_argument("--letterhead", required=True, help="van-ban.yaml: cơ quan, người ký")
    review.add_argument("--plan-status", help="trang-thai.json của «parindex plan status»")
    review.add_argument("--indicators", help="chi-tieu.json: kết quả các chỉ tiêu")
    review.add_argument("--onestop", help="thong-ke.json của «parindex onestop report»")
    review.add_argument("--results", help="results.json: kết quả Chỉ số CCHC đã công bố")
    review.add_argument("--number", help="số báo cáo (mặc định …/BC-… theo van-ban.yaml)")
    review.add_argument("--date", help="ngày báo cáo dd/mm/yyyy (mặc định để trống)")
    review.add_argument("--out", required=True, help="thư mục ghi kết quả")
    review.set_defaults(func=cmd_review)
