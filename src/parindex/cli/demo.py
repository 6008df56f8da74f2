"""``parindex demo``: the demo province's files, and with ``--score`` its results."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parindex.cli.common import Reporter
from parindex.cli.score import (
    averages_text,
    ranking_lines,
    run_score,
    scheme_lines,
    write_outputs,
    write_scheme_outputs,
)
from parindex.core.numbers import format_count

if TYPE_CHECKING:
    from parindex.services.survey import SurveyImport


def _demo_survey(out: Path, item: dict[str, Any], rep: Reporter) -> tuple[Path, SurveyImport]:
    """Import a demo run's survey responses into ``results/<run>/points.json``.

    Returns the points file and the import (for the counts printed after scoring).
    """
    from parindex.io.frameworks import resolve_framework
    from parindex.io.survey_points import write_survey
    from parindex.io.survey_responses import read_questionnaire
    from parindex.io.units import read_populations, read_units
    from parindex.services.survey import import_survey

    spec = item["survey"]
    units = out / item["units"]
    questionnaire = read_questionnaire(out / spec["questionnaire"])
    known = read_populations(units)
    survey = import_survey(
        resolve_framework(item["framework"]),
        questionnaire,
        out / spec["responses"],
        {u.code: known.get(u.code) for u in read_units(units)},
        questionnaire_origin=Path(spec["questionnaire"]).name,
        stage=rep.stage,
    )
    points_file = out / "results" / item["name"] / "points.json"
    write_survey(survey.result, points_file, survey.counts)
    return points_file, survey


def _demo_scheme(out: Path, item: dict[str, Any], previous: Path | None, rep: Reporter) -> None:
    """Score a scheme run of the demo as `parindex score --scheme` does; an open round (still
    in self-assessment) is only counted."""
    from parindex.io.tables import read_table, text_of
    from parindex.io.units import read_units
    from parindex.services.scheme import score_scheme_files

    rep.print("")
    if item.get("open"):
        rows = read_table(out / item["scores"]).rows
        entered = {text_of(row.get(0)) for row in rows}
        units = read_units(out / item["units"])
        rep.print(
            f"{item['title']} (đang tự đánh giá): {format_count(len(entered))}/"
            f"{format_count(len(units))} đơn vị đã "
            f"nhập {format_count(len(rows))} dòng điểm tự đánh giá, chưa tính điểm — "
            f"{out / item['scores']}"
        )
        return
    srun = score_scheme_files(
        out / item["scheme"],
        out / item["scores"],
        out / item["units"],
        previous,
        item["period"],
        stage=rep.stage,
    )
    target = out / "results" / item["name"]
    write_scheme_outputs(srun, target)
    parts = ", ".join(run.framework.id for run in srun.runs)
    rep.print(
        f"{item['title']}: {format_count(sum(r.overall.of for r in srun.runs))} đơn vị, "
        f"{format_count(len(srun.scheme.blocks))} khối xếp hạng riêng — {target}/results.json "
        f"và mỗi bộ tiêu chí ({parts}) một thư mục (results.json, results.xlsx, report.md)"
    )
    for line in scheme_lines(srun):
        rep.print(line)


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
        if "scheme" in item:
            _demo_scheme(out, item, previous, rep)
            continue
        points_file, survey = _demo_survey(out, item, rep) if item.get("survey") else (None, None)
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
            f"{item.get('title', item['name'])}: {averages_text(run)} — "
            f"{target}/(results.json, results.xlsx, report.md)"
        )
        if survey is not None:
            imported = survey.responses
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


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    demo = sub.add_parser("demo", help="tạo dữ liệu mẫu của một tỉnh (2023–2026)", parents=[common])
    demo.add_argument("--out", required=True)
    demo.add_argument("--score", action="store_true", help="tính luôn kết quả các năm 2023–2025")
    demo.set_defaults(func=cmd_demo)
