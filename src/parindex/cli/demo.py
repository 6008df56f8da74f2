"""``parindex demo``: the demo province's files, and with ``--score`` its results."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from parindex.cli.common import Reporter
from parindex.cli.score import averages_text, ranking_lines, run_score, write_outputs
from parindex.core.numbers import format_count
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
    demo = sub.add_parser("demo", help="tạo dữ liệu mẫu của một tỉnh (hai năm)", parents=[common])
    demo.add_argument("--out", required=True)
    demo.add_argument("--score", action="store_true", help="tính luôn kết quả hai năm")
    demo.set_defaults(func=cmd_demo)
