"""The ``parindex`` command: parses arguments and calls core, io and reports."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console

from parindex.core.framework import Framework, Node
from parindex.core.narrative import index_text, points, render_report
from parindex.core.numbers import format_count
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import RunResult, score_run

EXIT_INPUT = 2


class Reporter:
    """Terminal output: progress for long runs, silence with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    @contextmanager
    def stage(self, label: str) -> Iterator[None]:
        if self.quiet:
            yield
            return
        start = time.perf_counter()
        with self.err.status(label):
            yield
        self.err.print(f"[dim]✓ {label} ({time.perf_counter() - start:.2f} s)[/dim]")

    def print(self, text: str = "") -> None:
        if not self.quiet:
            self.out.print(text, markup=False)


def _problems(problems: Sequence[Problem]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"[bold red]Lỗi dữ liệu đầu vào ({len(problems)} lỗi):[/bold red]")
    for p in problems:
        err.print(f"  - {p}", markup=False)


# --- framework ---------------------------------------------------------------------------


def _tree_lines(node: Node, depth: int = 0) -> Iterator[str]:
    marks = []
    if node.source == "survey" and (depth == 0 or node.is_leaf):
        marks.append("ĐTXHH")
    if not node.sourced:
        marks.append("chưa có nguồn")
    if node.evidence:
        marks.append("cần TLKC")
    suffix = f"  [{', '.join(marks)}]" if marks else ""
    yield f"{'    ' * depth}{node.code}. {node.name} — {points(node.max)} điểm{suffix}"
    for child in node.children:
        yield from _tree_lines(child, depth + 1)


def framework_show(fw: Framework) -> str:
    lines = [
        f"{fw.name}",
        f"Mã: {fw.id} · họ: {fw.family} · cấp: {fw.level} · năm: {fw.year}",
    ]
    if fw.source:
        lines.append(f"Căn cứ: {fw.source}")
    lines.append(
        f"Tổng điểm tối đa: {points(fw.max_points)} (tự đánh giá qua thẩm định {points(fw.part_max('self'))}, "
        f"điều tra xã hội học {points(fw.part_max('survey'))}); {len(fw.leaves)} tiêu chí chấm điểm"
    )
    lines.append(
        "Xếp loại: "
        + "; ".join(f"{b.label} từ {points(b.min)}" for b in fw.classes)
        + f" · lĩnh vực yếu: dưới {points(fw.weak_below)}%"
    )
    lines.append("")
    for top in fw.fields:
        lines.extend(_tree_lines(top))
    unsourced = [n for t in fw.fields for n in t.walk() if not n.sourced]
    if unsourced:
        lines.append("")
        lines.append(
            f"Lưu ý: {len(unsourced)} mục đánh dấu «chưa có nguồn» là giả định, chưa đối chiếu với văn bản gốc."
        )
    return "\n".join(lines)


def cmd_framework_show(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.io.frameworks import resolve_framework

    rep.out.print(framework_show(resolve_framework(args.framework)), markup=False)
    return 0


def cmd_framework_check(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.io.frameworks import load_framework

    fw = load_framework(args.file)
    rep.print(
        f"{args.file}: hợp lệ — {fw.id}, {len(fw.fields)} lĩnh vực, {len(fw.leaves)} tiêu chí, "
        f"tổng {points(fw.max_points)} điểm."
    )
    return 0


def cmd_framework_import(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.framework import parse_framework
    from parindex.io.framework_table import read_framework_table, write_framework_yaml

    source = Path(args.file)
    data = read_framework_table(
        source,
        id=args.id or source.stem,
        name=args.name,
        level=args.level,
        year=args.year,
        source=args.source or "",
    )
    parse_framework(data, origin=source.name)  # the same checks as loading the YAML
    out = Path(args.out) if args.out else source.with_suffix(".yaml")
    out.write_text(write_framework_yaml(data), encoding="utf-8")
    rep.print(f"Đã ghi bộ tiêu chí vào {out}")
    return 0


# --- score -------------------------------------------------------------------------------


def run_score(
    framework_ref: str,
    scores: str,
    units: str | None = None,
    previous: str | None = None,
    period: str | None = None,
    block_by: str | None = None,
    stage: Callable[[str], Any] | None = None,
    survey: str | None = None,
) -> RunResult:
    """Parse every input, then compute: the whole `score` command without writing."""
    from parindex.io.frameworks import resolve_framework
    from parindex.io.results_json import read_previous
    from parindex.io.scores import read_scores
    from parindex.io.units import read_units

    @contextmanager
    def _noop(_: str) -> Iterator[None]:
        yield

    stage = stage or _noop
    problems: list[Problem] = []
    with stage("Đọc bộ tiêu chí"):
        fw = resolve_framework(framework_ref)
    unit_list = None
    prev = None
    with stage("Đọc danh sách đơn vị và kết quả kỳ trước"):
        if units:
            try:
                unit_list = read_units(units)
            except InputError as exc:
                problems.extend(exc.problems)
        if previous:
            try:
                from parindex.core.scoring import check_previous

                prev = read_previous(previous)
                problems.extend(check_previous(fw, prev, origin=Path(previous).name))
            except InputError as exc:
                problems.extend(exc.problems)
    survey_result = None
    if survey:
        from parindex.io.survey_points import read_survey

        with stage("Đọc điểm điều tra xã hội học"):
            try:
                survey_result = read_survey(survey)
            except InputError as exc:
                problems.extend(exc.problems)
            if (
                survey_result is not None
                and survey_result.framework
                and survey_result.framework != fw.id
            ):
                problems.append(
                    Problem(
                        f"điểm điều tra tính cho bộ tiêu chí «{survey_result.framework}», không phải «{fw.id}»",
                        file=Path(survey).name,
                    )
                )
    with stage("Đọc và kiểm tra bảng điểm"):
        try:
            table = read_scores(
                scores,
                fw,
                unit_list,
                units_file=Path(units).name if units else "",
                survey=survey_result,
                survey_file=Path(survey).name if survey else "",
            )
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    with stage("Tính điểm, xếp hạng, xếp loại"):
        run = score_run(table, period=period or str(fw.year), previous=prev, block_by=block_by)
    if survey_result is not None:
        from parindex.core.uncertainty import attach_survey

        with stage("Khoảng tin cậy của vị thứ"):
            run = attach_survey(run, survey_result)
    return run


def write_outputs(run: RunResult, out: Path, decision: str | None = None) -> list[Path]:
    """Write results.json, results.xlsx and report.md into ``out`` all at once or not at all."""
    from parindex.io.results_json import dumps, to_dict
    from parindex.reports import xlsx_appendix

    data = to_dict(run, decision=decision)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".parindex-", dir=out.parent))
    try:
        (staging / "results.json").write_text(dumps(data), encoding="utf-8")
        (staging / "results.xlsx").write_bytes(xlsx_appendix.render(json.loads(dumps(data))))
        (staging / "report.md").write_text(render_report(run), encoding="utf-8")
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for item in sorted(staging.iterdir()):
            target = out / item.name
            item.replace(target)
            written.append(target)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ranking_lines(run: RunResult, top: int = 5) -> list[str]:
    lines = []
    for r in run.units[:top] if not run.block_by else run.units:
        if run.block_by and r.rank > top:
            continue
        block = f"[{r.block}] " if r.block else ""
        lines.append(
            f"  {block}{r.rank:>3}/{r.of}  {index_text(r.index):>6}  {r.class_label:<10} {r.unit.display_name}"
        )
    return lines


def cmd_score(args: argparse.Namespace, rep: Reporter) -> int:
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
        written = write_outputs(run, Path(args.out), decision=args.decision)
    rep.print(
        f"Chỉ số CCHC năm {run.period}: {run.overall.of} đơn vị, bình quân {index_text(run.overall.average)} điểm."
    )
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
    out.write_bytes(xlsx_template.render(fw, [(u.code, u.display_name) for u in unit_list]))
    rep.print(
        f"Đã ghi mẫu chấm điểm ({len(unit_list)} đơn vị × {len(fw.leaves)} tiêu chí) vào {out}"
    )
    return 0


def _demo_survey(out: Path, item: dict[str, Any], rep: Reporter) -> tuple[Path, Any]:
    """Import a demo run's survey responses into ``results/<run>/points.json``.

    Returns the points file and the import (for the counts printed after scoring).
    """
    from parindex.core.questionnaire import check_against
    from parindex.core.survey import DEFAULT_DRAWS, compute_survey
    from parindex.io.frameworks import resolve_framework
    from parindex.io.survey_points import write_survey
    from parindex.io.survey_responses import read_questionnaire, read_responses
    from parindex.io.units import read_populations, read_units

    spec = item["survey"]
    units = out / item["units"]
    questionnaire = read_questionnaire(out / spec["questionnaire"])
    fw = resolve_framework(item["framework"])
    problems = check_against(questionnaire, fw, origin=Path(spec["questionnaire"]).name)
    if problems:
        raise InputError(problems)
    with rep.stage("Đọc và kiểm tra phiếu trả lời"):
        imported = read_responses(
            out / spec["responses"], questionnaire, [u.code for u in read_units(units)]
        )
    with rep.stage(f"Tính điểm và khoảng tin cậy ({DEFAULT_DRAWS} lần lấy mẫu lại)"):
        result = compute_survey(fw, imported.data, read_populations(units))
    points_file = out / "results" / item["name"] / "points.json"
    counts = {
        "read": imported.read,
        "kept": imported.kept,
        "rejected": imported.read - imported.kept,
    }
    write_survey(result, points_file, counts)
    return points_file, imported


def cmd_demo(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.demo import write_demo

    out = Path(args.out)
    with rep.stage("Tạo dữ liệu mẫu"):
        manifest = write_demo(out)
    rep.print(f"Dữ liệu mẫu của {manifest['province']} đã ghi vào {out}")
    if not args.score:
        return 0
    for item in manifest["runs"]:
        previous = (
            out / "results" / item["previous"] / "results.json" if item.get("previous") else None
        )
        points_file, imported = _demo_survey(out, item, rep) if item.get("survey") else (None, None)
        run = run_score(
            item["framework"],
            str(out / item["scores"]),
            str(out / item["units"]),
            str(previous) if previous else None,
            item["period"],
            item.get("block_by"),
            stage=rep.stage,
            survey=str(points_file) if points_file else None,
        )
        target = out / "results" / item["name"]
        write_outputs(run, target)
        rep.print("")
        rep.print(
            f"{item.get('title', item['name'])}: {run.overall.of} đơn vị, bình quân "
            f"{index_text(run.overall.average)} điểm — {target}/(results.json, results.xlsx, report.md)"
        )
        if imported is not None:
            short = sum(1 for r in run.units if r.survey_info and r.survey_info.under_minimum)
            rep.print(
                f"Điều tra xã hội học: đọc {format_count(imported.read)} phiếu, giữ "
                f"{format_count(imported.kept)}; {format_count(short)} đơn vị chưa đủ cỡ mẫu "
                f"tối thiểu; vị thứ của {format_count(len(run.unsettled))}/{format_count(run.overall.of)} "
                f"đơn vị chưa phân định chắc chắn — {points_file}"
            )
        for line in ranking_lines(run, top=3 if run.block_by else 5):
            rep.print(line)
    return 0


# --- survey ------------------------------------------------------------------------------


def _questionnaire_and_framework(args: argparse.Namespace) -> tuple[Any, Framework]:
    from parindex.core.questionnaire import check_against
    from parindex.io.frameworks import resolve_framework
    from parindex.io.survey_responses import read_questionnaire

    questionnaire = read_questionnaire(args.questionnaire)
    ref = args.framework or questionnaire.framework
    if not ref:
        raise InputError(
            [
                Problem(
                    "cần --framework (hoặc khóa «framework» trong phiếu điều tra)",
                    file=Path(args.questionnaire).name,
                )
            ]
        )
    fw = resolve_framework(ref)
    problems = check_against(questionnaire, fw, origin=Path(args.questionnaire).name)
    if problems:
        raise InputError(problems)
    return questionnaire, fw


def cmd_survey_check(args: argparse.Namespace, rep: Reporter) -> int:
    questionnaire, fw = _questionnaire_and_framework(args)
    rep.print(
        f"{args.questionnaire}: hợp lệ — {len(questionnaire.questions)} câu hỏi, {len(questionnaire.groups)} nhóm đối tượng, "
        f"tính điểm cho {len(questionnaire.leaves)} tiêu chí điều tra xã hội học của «{fw.id}»."
    )
    return 0


def _read_responses(args: argparse.Namespace, questionnaire: Any, rep: Reporter) -> Any:
    from parindex.io.survey_responses import read_responses
    from parindex.io.units import read_units

    unit_codes = [u.code for u in read_units(args.units)] if args.units else None
    with rep.stage("Đọc và kiểm tra phiếu trả lời"):
        imported = read_responses(
            args.responses,
            questionnaire,
            unit_codes,
            mapping=args.mapping,
            drop_invalid=args.drop_invalid,
        )
    return imported


def _write_rejected(imported: Any, out: Path) -> Path | None:
    import csv

    if not imported.rejected:
        return None
    path = out.with_name(out.with_suffix("").name + ".rejected.csv")
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["dòng", "cột", "giá trị", "lý do"])
        for r in imported.rejected:
            writer.writerow([r.row, r.column, r.value, r.reason])
    return path


def cmd_survey_import(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.survey import compute_survey
    from parindex.io.survey_points import write_survey
    from parindex.io.units import read_populations

    questionnaire, fw = _questionnaire_and_framework(args)
    imported = _read_responses(args, questionnaire, rep)
    populations = read_populations(args.units) if args.units else {}
    with rep.stage(f"Tính điểm và khoảng tin cậy ({args.draws} lần lấy mẫu lại)"):
        result = compute_survey(fw, imported.data, populations, draws=args.draws, seed=args.seed)
    out = Path(args.out)
    counts = {
        "read": imported.read,
        "kept": imported.kept,
        "rejected": imported.read - imported.kept,
    }
    written = write_survey(result, out, counts)
    rejected = _write_rejected(imported, out)
    rep.print(
        f"Đã đọc {format_count(imported.read)} phiếu, giữ {format_count(imported.kept)}, "
        f"loại {format_count(imported.read - imported.kept)} (định dạng {imported.shape})."
    )
    if rejected:
        rep.print(f"Các dòng bị loại và lý do: {rejected}")
    short = [
        (row.unit, row.leaf, row.n, row.required)
        for rows in result.points
        for row in rows
        if row.under_minimum
    ]
    if short:
        rep.print(
            f"{len(short)} cặp đơn vị – tiêu chí chưa đủ cỡ mẫu tối thiểu, ví dụ: "
            + ", ".join(f"{u} ({leaf}: {n}/{req} phiếu)" for u, leaf, n, req in short[:5])
        )
    rep.print("Đã ghi: " + ", ".join(str(p) for p in written))
    return 0


def cmd_survey_sipas(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.sipas import compute_sipas
    from parindex.io.survey_responses import read_questionnaire
    from parindex.reports import sipas as sipas_report

    questionnaire = read_questionnaire(args.questionnaire)
    imported = _read_responses(args, questionnaire, rep)
    questions = [q.strip() for q in args.questions.split(",")] if args.questions else None
    result = compute_sipas(questionnaire, imported.data, questions=questions)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sipas.csv").write_text(sipas_report.to_csv(result, totals=True), encoding="utf-8")
    (out / "sipas.json").write_text(
        json.dumps(
            sipas_report.to_chart_json(result, args.period or ""), ensure_ascii=False, indent=2
        )
        + "\n",
        encoding="utf-8",
    )
    rejected = _write_rejected(imported, out / "sipas.json")
    if args.period:
        rep.print(sipas_report.summary_vn(result, args.period))
    if rejected:
        rep.print(f"Các dòng bị loại và lý do: {rejected}")
    rep.print(f"Đã ghi: {out / 'sipas.csv'}, {out / 'sipas.json'}")
    return 0


# --- report ------------------------------------------------------------------------------


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


def _read_results(path: str) -> dict[str, Any]:
    from parindex.io.results_json import FORMAT

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError([Problem(f"không đọc được kết quả: {exc}", file=Path(path).name)]) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError([Problem(f"không phải tệp kết quả dạng {FORMAT}", file=Path(path).name)])
    return data


def cmd_report(args: argparse.Namespace, rep: Reporter) -> int:
    """Official documents from results.json: summary and scorecards (DOCX/PDF) or the appendix."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from parindex.reports import batch
    from parindex.reports.document import Letterhead, unit_codes

    results = _read_results(args.results)
    problems: list[Problem] = []
    if args.previous:
        previous = _read_results(args.previous)
        if str(previous.get("period")) != str(results.get("previous_period")):
            problems.append(
                Problem(
                    f"kết quả được tính so với kỳ «{results.get('previous_period') or 'không có'}», "
                    f"không phải kỳ «{previous.get('period')}» (so sánh do `parindex score --previous` tính)",
                    file=Path(args.previous).name,
                )
            )
    head = Letterhead(
        issuer=args.issuer, number=args.number, place=args.place, date=_report_date(args.date)
    )
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
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".parindex-", dir=out.parent))
    start = time.perf_counter()
    try:
        with rep.stage("Ghi báo cáo tổng hợp" if args.format != "xlsx" else "Ghi phụ lục"):
            batch.write_summary(results, staging, args.format, head)
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
                task = progress.add_task("Phiếu kết quả của các đơn vị", total=len(codes))
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
        f"Đã ghi {len(written)} tệp vào {out} ({time.perf_counter() - start:.1f} s)"
        + (f", gồm {format_count(len(codes))} phiếu kết quả" if codes else "")
        + "."
    )
    return 0


# --- entry point -------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parindex", description="Chỉ số cải cách hành chính (Chỉ số CCHC)"
    )
    parser.add_argument("--quiet", action="store_true", help="không in tiến trình (cho script)")
    sub = parser.add_subparsers(dest="command", required=True)

    fw = sub.add_parser("framework", help="bộ tiêu chí: xem, kiểm tra, nhập từ Excel")
    fw_sub = fw.add_subparsers(dest="action", required=True)
    show = fw_sub.add_parser("show", help="in cây tiêu chí với điểm tối đa")
    show.add_argument("framework", help="mã bộ tiêu chí hoặc đường dẫn tệp YAML")
    show.set_defaults(func=cmd_framework_show)
    check = fw_sub.add_parser("check", help="kiểm tra một tệp bộ tiêu chí")
    check.add_argument("file")
    check.set_defaults(func=cmd_framework_check)
    imp = fw_sub.add_parser("import", help="chuyển bảng Excel (code, name, max, source) thành YAML")
    imp.add_argument("file")
    imp.add_argument("--id")
    imp.add_argument("--name", required=True)
    imp.add_argument(
        "--level", required=True, choices=["province", "department", "district", "commune"]
    )
    imp.add_argument("--year", required=True, type=int)
    imp.add_argument("--source")
    imp.add_argument("--out", help="tệp YAML ghi ra (mặc định: cùng tên với tệp Excel)")
    imp.set_defaults(func=cmd_framework_import)

    score = sub.add_parser("score", help="tính chỉ số, xếp hạng, xếp loại; ghi kết quả")
    score.add_argument("--framework", required=True, help="mã bộ tiêu chí hoặc tệp YAML")
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
    score.set_defaults(func=cmd_score)

    template = sub.add_parser("template", help="ghi mẫu chấm điểm Excel để điền")
    template.add_argument("--framework", required=True)
    template.add_argument("--units")
    template.add_argument("--out", required=True)
    template.set_defaults(func=cmd_template)

    survey = sub.add_parser(
        "survey", help="điều tra xã hội học: phiếu, nhập phiếu trả lời, chỉ số hài lòng"
    )
    survey_sub = survey.add_subparsers(dest="action", required=True)
    survey_check = survey_sub.add_parser("check", help="kiểm tra phiếu điều tra với bộ tiêu chí")
    survey_check.add_argument("--questionnaire", required=True)
    survey_check.add_argument("--framework")
    survey_check.set_defaults(func=cmd_survey_check)
    for name, helptext, func in (
        ("import", "nhập phiếu trả lời, tính điểm điều tra và khoảng tin cậy", cmd_survey_import),
        ("sipas", "tính chỉ số hài lòng (SIPAS) theo đơn vị và theo yếu tố", cmd_survey_sipas),
    ):
        cmd = survey_sub.add_parser(name, help=helptext)
        cmd.add_argument("--questionnaire", required=True, help="phiếu điều tra (YAML)")
        cmd.add_argument(
            "--responses",
            required=True,
            help="phiếu trả lời CSV/XLSX (KoBo, ODK, LimeSurvey, Google Forms)",
        )
        cmd.add_argument("--mapping", help="tệp ánh xạ cột và phương án trả lời (YAML)")
        cmd.add_argument(
            "--units", help="danh sách đơn vị (cột population: quy mô N để tính cỡ mẫu)"
        )
        cmd.add_argument(
            "--drop-invalid",
            action="store_true",
            help="giữ các dòng hợp lệ, ghi các dòng bị loại ra tệp riêng",
        )
        cmd.add_argument("--out", required=True)
        cmd.set_defaults(func=func)
        if name == "import":
            cmd.add_argument("--framework")
            cmd.add_argument(
                "--draws", type=int, default=1000, help="số lần lấy mẫu lại (bootstrap)"
            )
            cmd.add_argument("--seed", type=int, default=20231221)
        else:
            cmd.add_argument("--questions", help="mã các câu hỏi SIPAS, cách nhau bởi dấu phẩy")
            cmd.add_argument("--period", help="năm, cho đoạn tóm tắt")

    report = sub.add_parser(
        "report", help="văn bản báo cáo: tổng hợp và phiếu kết quả (DOCX/PDF), phụ lục (XLSX)"
    )
    report.add_argument("--results", required=True, help="results.json của kỳ đánh giá")
    report.add_argument(
        "--previous", help="results.json kỳ trước (kiểm tra đúng kỳ mà kết quả đã so sánh)"
    )
    report.add_argument("--format", required=True, choices=["docx", "pdf", "xlsx"])
    report.add_argument("--out", required=True, help="thư mục ghi văn bản")
    report.add_argument("--issuer", default="UBND HUYỆN …", help="cơ quan ban hành (dòng 2 in đậm)")
    report.add_argument("--number", default="…/BC-UBND", help="số, ký hiệu văn bản")
    report.add_argument("--place", default="…", help="địa danh")
    report.add_argument("--date", help="ngày ban hành dd/mm/yyyy")
    report.add_argument(
        "--units", help="chỉ ghi phiếu của các đơn vị này (mã, cách nhau bởi dấu phẩy)"
    )
    report.add_argument("--jobs", type=int, help="số tiến trình ghi phiếu (mặc định: số nhân CPU)")
    report.set_defaults(func=cmd_report)

    demo = sub.add_parser("demo", help="tạo dữ liệu mẫu của một tỉnh (hai năm)")
    demo.add_argument("--out", required=True)
    demo.add_argument("--score", action="store_true", help="tính luôn kết quả hai năm")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    rep = Reporter(args.quiet)
    try:
        return int(args.func(args, rep))
    except InputError as exc:
        _problems(exc.problems)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
