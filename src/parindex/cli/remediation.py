"""``parindex remediation``: each unit's draft «Kế hoạch khắc phục tồn tại, hạn chế» from its
lost points; ``parindex remediation check``: a year later, which lost points were recovered.

    parindex remediation --results results.json [--unit CODE] --out DIR
    parindex remediation check --plan khac-phuc.xlsx --previous results-2025.json
        --results results-2026.json --out DIR
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path

from parindex.cli.common import Reporter
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.services.staging import new_staging


def _staged(out: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Write into a staging folder beside ``out``, then move every file into ``out``."""
    staging = new_staging(out.parent)
    try:
        made = write(staging)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for item in made:
            target = out / item.relative_to(staging)
            item.replace(target)
            written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def cmd_remediation(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.remediation import remediation
    from parindex.io.results_json import read_results
    from parindex.reports.remediation_files import write_plans

    problems = [
        Problem(f"thiếu tùy chọn {option}")
        for option, value in (("--results", args.results), ("--out", args.out))
        if not value
    ]
    if problems:
        raise InputError(problems)
    run = read_results(args.results)
    only = [args.unit.strip()] if args.unit else None
    try:
        units = remediation(run, only)
    except KeyError as exc:
        raise InputError(
            [Problem(f"không có đơn vị {exc.args[0]} trong kết quả", file=Path(args.results).name)]
        ) from None
    out = Path(args.out)
    with rep.stage("Ghi kế hoạch khắc phục"):
        written = _staged(out, lambda folder: write_plans(run, units, folder))
    findings = sum(len(u.findings) for u in units)
    rep.print(
        f"Đã ghi {format_count(len(written))} tệp vào {out}: kế hoạch khắc phục của "
        f"{format_count(len(units))} đơn vị, {format_count(findings)} tồn tại, hạn chế."
    )
    return 0


def cmd_check(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.remediation import NOT_RECOVERED, PARTLY, RECOVERED, recovery, successor
    from parindex.io.remediation_plan import plan_problems, read_plan
    from parindex.io.results_json import read_results
    from parindex.reports.remediation_files import write_check

    previous = read_results(args.previous)
    current = read_results(args.results)
    problems: list[Problem] = []
    plans = []
    for path in args.plan:
        try:
            plan = read_plan(path)
        except InputError as exc:
            problems += exc.problems
            continue
        problems += plan_problems(plan, previous, Path(args.previous).name)
        plans.append(plan)
    seen: dict[str, str] = {}
    for plan in plans:
        if plan.unit in seen:
            problems.append(
                Problem(f"đơn vị {plan.unit} đã có kế hoạch trong tệp {seen[plan.unit]}",
                        plan.unit_where, plan.file)
            )  # fmt: skip
        seen.setdefault(plan.unit, plan.file)
    if problems:
        raise InputError(problems)
    units = [recovery(previous.unit(p.unit), p.codes, successor(current, p.unit)) for p in plans]
    out = Path(args.out)
    with rep.stage("Ghi kết quả khắc phục"):
        written = _staged(
            out, lambda folder: write_check(units, previous.period, current.period, folder)
        )
    criteria = sum(len(u.items) for u in units)
    counts = {s: sum(u.count(s) for u in units) for s in (RECOVERED, PARTLY, NOT_RECOVERED)}
    rep.print(
        f"Đã ghi {format_count(len(written))} tệp vào {out}: {format_count(criteria)} tiêu chí "
        f"của {format_count(len(units))} đơn vị — "
        + "; ".join(f"{s.lower()} {format_count(n)}" for s, n in counts.items())
        + "."
    )
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = sub.add_parser(
        "remediation",
        help="kế hoạch khắc phục tồn tại, hạn chế từ điểm bị trừ; «check»: kết quả khắc phục",
        parents=[common],
    )
    parser.add_argument("--results", help="results.json của kỳ đánh giá")
    parser.add_argument("--unit", help="chỉ lập kế hoạch của đơn vị này (mã)")
    parser.add_argument("--out", help="thư mục ghi kế hoạch")
    parser.set_defaults(func=cmd_remediation)
    inner = parser.add_subparsers(dest="remediation_command")
    check = inner.add_parser(
        "check",
        help="so sánh điểm bị trừ ở các tiêu chí của kế hoạch khắc phục với kỳ sau",
        parents=[common],
    )
    check.add_argument(
        "--plan",
        required=True,
        action="extend",
        nargs="+",
        help="khac-phuc-<đơn vị>.xlsx (một hoặc nhiều tệp)",
    )
    check.add_argument("--previous", required=True, help="results.json của kỳ lập kế hoạch")
    check.add_argument("--results", required=True, help="results.json của kỳ sau")
    check.add_argument("--out", required=True, help="thư mục ghi kết quả")
    check.set_defaults(func=cmd_check)
