"""``parindex score`` and ``parindex template``: score a run from files; the fill-in workbook."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from parindex.cli.common import Reporter
from parindex.core.narrative import block_name, index_text, render_report
from parindex.core.numbers import format_count
from parindex.core.scoring import RunResult
from parindex.services.scoring import no_stage, score_files
from parindex.services.staging import new_staging

if TYPE_CHECKING:
    from parindex.services.scheme import SchemeRun


def run_score(
    framework_ref: str,
    scores: str,
    units: str | None = None,
    previous: str | None = None,
    period: str | None = None,
    block_by: str | None = None,
    stage: Callable[[str], AbstractContextManager[object]] | None = None,
    survey: str | None = None,
) -> RunResult:
    """Parse every input, then compute: the whole `score` command without writing."""
    return score_files(
        framework_ref,
        scores,
        units,
        previous,
        period,
        block_by,
        survey=survey,
        stage=stage or no_stage,
    )


def write_outputs(
    run: RunResult,
    out: Path,
    decision: str | None = None,
    xlsx: bool = True,
    report: bool = True,
) -> list[Path]:
    """Write results.json, results.xlsx and report.md into ``out`` all at once or not at all
    (``xlsx``/``report`` false: without the appendix or the report, for scripts).

    The appendix is rendered from what results.json holds (the mapping it is the text of:
    reading the text back would give the same figures), the report once, from the run."""
    from parindex.io.results_json import dumps, published, to_dict

    data = to_dict(run, decision=decision)
    staging = new_staging(out.parent)
    try:
        (staging / "results.json").write_text(dumps(data), encoding="utf-8")
        if xlsx:
            from parindex.reports import xlsx_appendix

            listed = len(run.units) <= xlsx_appendix.CRITERIA_UP_TO  # its criteria sheet
            appendix = xlsx_appendix.render(published(data, criteria=listed))
            (staging / "results.xlsx").write_bytes(appendix)
        if report:
            (staging / "report.md").write_text(render_report(run), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for item in sorted(staging.iterdir()):
            target = out / item.name
            item.replace(target)
            written.append(target)
        for left_out in {"results.xlsx", "report.md"} - {p.name for p in written}:
            (out / left_out).unlink(missing_ok=True)  # an earlier run's would not match
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_scheme_outputs(
    srun: SchemeRun,
    out: Path,
    decision: str | None = None,
    xlsx: bool = True,
    report: bool = True,
) -> list[Path]:
    """Each framework's outputs in ``out/<framework id>/`` and the scheme's results.json at
    the top — all at once or not at all."""
    from parindex.io.results_json import dumps
    from parindex.io.schemes import scheme_dict

    staging = new_staging(out.parent)
    try:
        for run in srun.runs:
            write_outputs(run, staging / run.framework.id, decision, xlsx, report)
        (staging / "results.json").write_text(
            dumps(scheme_dict(srun.scheme, srun.runs)), encoding="utf-8"
        )
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for item in sorted(staging.iterdir()):
            target = out / item.name
            if target.is_dir():
                shutil.rmtree(target)
            item.replace(target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def scheme_lines(srun: SchemeRun, top: int = 3) -> list[str]:
    """Each block: its framework, size and average, and its first units."""
    lines = []
    for block in srun.scheme.blocks:
        run = srun.run_of(block.name)
        if run is None:
            continue
        group = next(g for g in run.blocks if g.label == block.name)
        lines.append(
            f"{block.name} (bộ tiêu chí {run.framework.id}): {format_count(group.of)} đơn vị, "
            f"bình quân {index_text(group.average)} điểm"
        )
        for r in [r for r in run.units if r.block == block.name and r.rank <= top]:
            lines.append(
                f"  {format_count(r.rank):>3}/{format_count(r.of)}  {index_text(r.index):>6}  "
                f"{r.class_label:<10} {r.unit.display_name}"
            )
    return lines


def cmd_score_scheme(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.problems import InputError, Problem
    from parindex.services.scheme import score_scheme_files

    if not args.units:
        raise InputError(
            [
                Problem(
                    "chấm theo phương án (--scheme) cần danh sách đơn vị có loại đơn vị (--units)"
                )
            ]
        )
    srun = score_scheme_files(
        args.scheme, args.scores, args.units, args.previous, args.period, stage=rep.stage
    )
    with rep.stage("Ghi kết quả"):
        written = write_scheme_outputs(
            srun, Path(args.out), args.decision, not args.no_xlsx, not args.no_report
        )
    rep.print(f"{srun.scheme.name}: {format_count(len(srun.scheme.blocks))} khối xếp hạng riêng.")
    for line in scheme_lines(srun):
        rep.print(line)
    rep.print("Đã ghi: " + ", ".join(str(p) for p in written))
    return 0


def averages_text(run: RunResult) -> str:
    """«3.321 đơn vị, bình quân 83,05 điểm», or in a blocked run each block's average (no
    average across blocks: no province publishes one)."""
    of = f"{format_count(run.overall.of)} đơn vị"
    if not run.block_by:
        return f"{of}, bình quân {index_text(run.overall.average)} điểm"
    blocks = "; ".join(
        f"{block_name(b.label)} {format_count(b.of)} đơn vị, bình quân {index_text(b.average)} điểm"
        for b in run.blocks
    )
    return f"{of} xếp hạng theo khối — {blocks}"


def ranking_lines(run: RunResult, top: int = 5) -> list[str]:
    lines = []
    for r in run.units[:top] if not run.block_by else run.units:
        if run.block_by and r.rank > top:
            continue
        block = f"[{r.block}] " if r.block else ""
        lines.append(
            f"  {block}{format_count(r.rank):>3}/{format_count(r.of)}  {index_text(r.index):>6}  {r.class_label:<10} {r.unit.display_name}"
        )
    return lines


def cmd_score(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.problems import InputError, Problem

    if bool(args.scheme) == bool(args.framework):
        raise InputError(
            [Problem("cần đúng một trong --framework (một bộ tiêu chí) hoặc --scheme (phương án)")]
        )
    if args.scheme:
        if args.block_by or args.survey:
            raise InputError(
                [
                    Problem(
                        "--scheme xếp hạng theo khối của phương án; không dùng --block-by, "
                        "--survey cùng --scheme"
                    )
                ]
            )
        return cmd_score_scheme(args, rep)
    run = run_score(
        args.framework,
        args.scores,
        args.units,
        args.previous,
        args.period,
        args.block_by,
        stage=rep.stage,
        survey=args.survey,
    )
    with rep.stage("Ghi kết quả"):
        written = write_outputs(
            run,
            Path(args.out),
            decision=args.decision,
            xlsx=not args.no_xlsx,
            report=not args.no_report,
        )
    rep.print(f"{run.framework.index_name} năm {run.period}: {averages_text(run)}.")
    rep.print("Đứng đầu bảng xếp hạng:")
    for line in ranking_lines(run):
        rep.print(line)
    rep.print("Đã ghi: " + ", ".join(str(p) for p in written))
    return 0


def cmd_template(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.io.frameworks import resolve_framework
    from parindex.io.units import read_units
    from parindex.reports import xlsx_template

    fw = resolve_framework(args.framework)
    unit_list = read_units(args.units) if args.units else []
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    names = [(u.code, u.display_name) for u in unit_list]
    kinds = {u.code: u.kind for u in unit_list}
    out.write_bytes(xlsx_template.render(fw, names, kinds))
    rep.print(
        f"Đã ghi mẫu chấm điểm ({format_count(len(unit_list))} đơn vị × {format_count(len(fw.leaves))} tiêu chí) vào {out}"
    )
    return 0


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    score = sub.add_parser(
        "score", help="tính chỉ số, xếp hạng, xếp loại; ghi kết quả", parents=[common]
    )
    score.add_argument("--framework", help="mã bộ tiêu chí hoặc tệp YAML")
    score.add_argument(
        "--scheme", help="phương án YAML: nhiều bộ tiêu chí và các khối xếp hạng trong một kỳ"
    )
    score.add_argument("--scores", required=True, help="bảng điểm CSV/XLSX")
    score.add_argument("--units", help="danh sách đơn vị CSV/XLSX")
    score.add_argument("--previous", help="results.json của kỳ trước")
    score.add_argument("--period", help="nhãn kỳ đánh giá (mặc định: năm của bộ tiêu chí)")
    score.add_argument("--block-by", choices=["kind", "parent"], help="xếp hạng riêng từng khối")
    score.add_argument("--decision", help="số, ngày quyết định công bố (ghi vào phụ lục)")
    score.add_argument(
        "--survey", help="điểm điều tra xã hội học (tệp JSON của `parindex survey import`)"
    )
    score.add_argument("--out", required=True, help="thư mục ghi kết quả")
    score.add_argument(
        "--no-xlsx", action="store_true", help="không ghi phụ lục Excel (results.xlsx)"
    )
    score.add_argument(
        "--no-report", action="store_true", help="không ghi báo cáo văn bản (report.md)"
    )
    score.set_defaults(func=cmd_score)

    template = sub.add_parser("template", help="ghi mẫu chấm điểm Excel để điền", parents=[common])
    template.add_argument("--framework", required=True)
    template.add_argument("--units")
    template.add_argument("--out", required=True)
    template.set_defaults(func=cmd_template)
