"""``parindex plan status``: a plan's tasks as of a date, from its task table and progress table.

Writes ``trang-thai.json``, ``tien-do.xlsx`` and ``tien-do.docx`` (the follow-up annex) and
``qua-han.xlsx`` (the tasks overdue and not completed) into a staging folder beside ``--out``,
then moves them into place all at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
from pathlib import Path

from parindex.cli.common import Reporter
from parindex.core.moments import format_date
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.services.staging import new_staging

FILES = ("trang-thai.json", "tien-do.xlsx", "tien-do.docx", "qua-han.xlsx")


def _as_of(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise InputError(
            [Problem(f"ngày «{text}» (--as-of) không đúng dạng dd/mm/yyyy (ví dụ 30/06/2026)")]
        ) from None


def cmd_plan_status(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.plans import plan_status
    from parindex.io.plan_tables import read_plan, read_progress
    from parindex.reports import plan_annexes

    as_of = _as_of(args.as_of)
    plan = read_plan(args.plan)
    progress = read_progress(args.progress, plan) if args.progress else []
    status = plan_status(plan.tasks, progress, as_of)
    assigned_by = args.assigned_by if args.assigned_by is not None else plan.assigned_by

    out = Path(args.out)
    staging = new_staging(out.parent)
    try:
        with rep.stage("Ghi trạng thái và phụ lục tiến độ"):
            (staging / "trang-thai.json").write_text(
                json.dumps(
                    plan_annexes.status_json(status, assigned_by), ensure_ascii=False, indent=2
                )
                + "\n",
                encoding="utf-8",
            )
            (staging / "tien-do.xlsx").write_bytes(plan_annexes.follow_up_xlsx(status, assigned_by))
            (staging / "tien-do.docx").write_bytes(plan_annexes.follow_up_docx(status, assigned_by))
            (staging / "qua-han.xlsx").write_bytes(plan_annexes.overdue_xlsx(status, assigned_by))
        out.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            (staging / name).replace(out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    rep.print(
        f"Tính đến ngày {format_date(as_of)}: {status.counts.summary()} "
        f"({format_count(len(status.leads()))} đơn vị chủ trì) — {out}/"
        f"({', '.join(FILES)})."
    )
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    plan = sub.add_parser(
        "plan", help="kế hoạch CCHC: trạng thái nhiệm vụ, phụ lục tiến độ", parents=[common]
    )
    actions = plan.add_subparsers(dest="plan_command", required=True)
    status = actions.add_parser(
        "status",
        help="trạng thái các nhiệm vụ tính đến một ngày; phụ lục tiến độ và nhiệm vụ quá hạn",
        parents=[common],
    )
    status.add_argument("--plan", required=True, help="bảng nhiệm vụ của kế hoạch (.xlsx)")
    status.add_argument(
        "--progress", help="bảng tiến độ (.xlsx): TT, Ngày, Kết quả thực hiện, Hoàn thành"
    )
    status.add_argument("--as-of", required=True, help="tính đến ngày dd/mm/yyyy")
    status.add_argument("--out", required=True, help="thư mục ghi kết quả")
    status.add_argument(
        "--assigned-by",
        help="văn bản giao nhiệm vụ (mặc định: dòng «Kèm theo …» trên bảng nhiệm vụ)",
    )
    status.set_defaults(func=cmd_plan_status)
