"""``parindex survey check|import|sipas``: the questionnaire, survey points, satisfaction."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from parindex.cli.common import Reporter
from parindex.core.numbers import format_count

if TYPE_CHECKING:  # the survey's modules load when a survey command runs, not for every one
    from parindex.core.framework import Framework
    from parindex.core.questionnaire import Questionnaire
    from parindex.io.survey_responses import ResponseImport
    from parindex.services.survey import SurveyUnits


def _questionnaire_and_framework(args: argparse.Namespace) -> tuple[Questionnaire, Framework]:
    from parindex.io.frameworks import resolve_framework
    from parindex.io.survey_responses import read_questionnaire
    from parindex.services.survey import check_questionnaire, framework_of

    origin = Path(args.questionnaire).name
    questionnaire = read_questionnaire(args.questionnaire)
    fw = resolve_framework(framework_of(questionnaire, args.framework, origin))
    check_questionnaire(questionnaire, fw, origin)
    return questionnaire, fw


def _units(args: argparse.Namespace, populations: bool = True) -> SurveyUnits | None:
    """The units file's codes with their populations (N), if a units file is given."""
    from parindex.io.units import read_populations, read_units

    if not args.units:
        return None
    codes = [u.code for u in read_units(args.units)]
    known = read_populations(args.units) if populations else {}
    return {code: known.get(code) for code in codes}


def _group_populations(
    args: argparse.Namespace, questionnaire: Questionnaire
) -> dict[tuple[str, str], int] | None:
    """The groups' populations per unit (columns ``population:<group>``), if any."""
    from parindex.io.units import read_group_populations

    if not args.units:
        return None
    return read_group_populations(args.units, [g.code for g in questionnaire.groups]) or None


def cmd_survey_check(args: argparse.Namespace, rep: Reporter) -> int:
    questionnaire, fw = _questionnaire_and_framework(args)
    rep.print(
        f"{args.questionnaire}: hợp lệ — {format_count(len(questionnaire.questions))} câu hỏi, {format_count(len(questionnaire.groups))} nhóm đối tượng, "
        f"tính điểm cho {format_count(len(questionnaire.leaves))} tiêu chí điều tra xã hội học của «{fw.id}»."
    )
    return 0


def _write_rejected(imported: ResponseImport, out: Path) -> Path | None:
    from parindex.io.cells import csv_writer
    from parindex.io.survey_points import companion

    left_out = [e for e in imported.excluded if not e.kept]
    if not imported.rejected and not left_out:
        return None
    path = companion(out, ".rejected.csv")
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv_writer(fh)
        writer.writerow(["dòng", "cột", "giá trị", "lý do", "xử lý", "bảng"])
        for r in imported.rejected:  # «bảng»: the repeat group's sheet or file, if not the export
            writer.writerow([r.row, r.column, r.value, r.reason, r.action, r.sheet])
        for e in left_out:  # the tool's review: the whole row, not checked
            for row in e.rows:
                writer.writerow(
                    [row, e.column, "", f"phiếu {e.what}: không được tính", "bỏ phiếu", ""]
                )
    return path


def _print_excluded(imported: ResponseImport, rep: Reporter) -> None:
    """The rows the collection tool's review left out (or kept on request), per reason."""
    for e in imported.excluded:
        hint = "" if e.kept else " (giữ lại: --keep-rejected)"
        rep.print(f"{e.message}{hint}.")


def cmd_survey_import(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.io.survey_points import write_survey
    from parindex.services.survey import import_survey

    questionnaire, fw = _questionnaire_and_framework(args)
    group_populations = _group_populations(args, questionnaire)
    survey = import_survey(
        fw,
        questionnaire,
        args.responses,
        _units(args),
        mapping=args.mapping,
        drop_invalid=args.drop_invalid,
        keep_rejected=args.keep_rejected,
        group_populations=group_populations,
        unit=args.unit,
        repeats=args.repeat or (),
        draws=args.draws,
        seed=args.seed,
        questionnaire_origin=Path(args.questionnaire).name,
        stage=rep.stage,
    )
    imported = survey.responses
    out = Path(args.out)
    written = write_survey(survey.result, out, survey.counts)
    rejected = _write_rejected(imported, out)
    rep.print(
        f"Đã đọc {format_count(imported.read)} phiếu, giữ {format_count(imported.kept)}, "
        f"loại {format_count(imported.rejected_rows)} (định dạng {imported.shape})."
    )
    if imported.dropped_answers:
        rep.print(
            f"Bỏ {format_count(imported.dropped_answers)} câu trả lời không hợp lệ "
            "(các câu trả lời khác của những phiếu đó vẫn được tính)."
        )
    _print_excluded(imported, rep)
    if rejected:
        rep.print(f"Các dòng bị loại và lý do: {rejected}")
    short = survey.under_minimum
    if short:
        rep.print(
            f"{format_count(len(short))} cặp đơn vị – tiêu chí chưa đủ cỡ mẫu tối thiểu, ví dụ: "
            + ", ".join(
                f"{row.unit} ({row.leaf}: {format_count(row.n)}/{format_count(row.required)} phiếu)"
                for row in short[:5]
            )
        )
    from parindex.core.survey_design import describe_design

    for line in describe_design(questionnaire, group_populations=bool(group_populations)):
        rep.print(line)
    rep.print("Đã ghi: " + ", ".join(str(p) for p in written))
    return 0


def cmd_survey_sipas(args: argparse.Namespace, rep: Reporter) -> int:
    from parindex.core.sipas import compute_sipas
    from parindex.io.survey_responses import read_questionnaire
    from parindex.reports import sipas as sipas_report
    from parindex.services.survey import check_responses

    questionnaire = read_questionnaire(args.questionnaire)
    imported = check_responses(
        questionnaire,
        args.responses,
        _units(args, populations=False),
        mapping=args.mapping,
        drop_invalid=args.drop_invalid,
        stage=rep.stage,
        keep_rejected=args.keep_rejected,
    )
    _print_excluded(imported, rep)
    questions = [q.strip() for q in args.questions.split(",")] if args.questions else None
    result = compute_sipas(
        questionnaire,
        imported.data,
        questions=questions,
        satisfied_at_least=args.satisfied_at_least,
        model=args.model,
    )
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


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    survey = sub.add_parser(
        "survey", help="điều tra xã hội học: phiếu, nhập phiếu trả lời, chỉ số hài lòng"
    )
    survey_sub = survey.add_subparsers(dest="action", required=True)
    survey_check = survey_sub.add_parser(
        "check", help="kiểm tra phiếu điều tra với bộ tiêu chí", parents=[common]
    )
    survey_check.add_argument("--questionnaire", required=True)
    survey_check.add_argument("--framework")
    survey_check.set_defaults(func=cmd_survey_check)
    for name, helptext, func in (
        ("import", "nhập phiếu trả lời, tính điểm điều tra và khoảng tin cậy", cmd_survey_import),
        ("sipas", "tính chỉ số hài lòng (SIPAS) theo đơn vị và theo yếu tố", cmd_survey_sipas),
    ):
        cmd = survey_sub.add_parser(name, help=helptext, parents=[common])
        cmd.add_argument("--questionnaire", required=True, help="phiếu điều tra (YAML)")
        cmd.add_argument(
            "--responses",
            required=True,
            help="phiếu trả lời CSV/XLSX (KoBo, ODK, LimeSurvey, Google Forms)",
        )
        cmd.add_argument("--mapping", help="tệp ánh xạ cột và phương án trả lời (YAML)")
        cmd.add_argument(
            "--units",
            help="danh sách đơn vị (cột population: quy mô N để tính cỡ mẫu; cột "
            "population:<mã nhóm>: quy mô từng nhóm đối tượng, để hiệu chỉnh tổng thể hữu hạn)",
        )
        cmd.add_argument(
            "--drop-invalid",
            action="store_true",
            help="giữ các dòng hợp lệ (câu trả lời sai: chỉ bỏ câu đó), ghi những gì bị bỏ ra tệp riêng",
        )
        cmd.add_argument(
            "--keep-rejected",
            action="store_true",
            help="vẫn tính các phiếu mà công cụ thu thập đã loại (ODK Central: ReviewState = "
            "rejected; KoBoToolbox: không được duyệt; LimeSurvey: chưa hoàn thành)",
        )
        cmd.add_argument("--out", required=True)
        cmd.set_defaults(func=func)
        if name == "import":
            cmd.add_argument("--framework")
            cmd.add_argument(
                "--draws",
                type=int,
                default=1000,
                help="số lần rút từ phân phối mẫu của điểm điều tra (cho khoảng thứ hạng)",
            )
            cmd.add_argument("--seed", type=int, default=20231221)
            cmd.add_argument(
                "--unit",
                help="mã đơn vị của cả tệp phiếu (khi tệp không có cột đơn vị)",
            )
            cmd.add_argument(
                "--repeat",
                action="append",
                metavar="FILE",
                help="tệp CSV của một nhóm lặp (ODK Central: form-nhom.csv, cột PARENT_KEY); "
                "dùng nhiều lần cho nhiều nhóm",
            )
        else:
            cmd.add_argument("--questions", help="mã các câu hỏi SIPAS, cách nhau bởi dấu phẩy")
            cmd.add_argument("--period", help="năm, cho đoạn tóm tắt")
            cmd.add_argument(
                "--model",
                choices=["1001", "2017"],
                help="phương pháp: 1001 (QĐ 1001/QĐ-BNV, 2023 – 2026: các nội dung khai báo "
                "trong «sipas.components» của phiếu) hoặc 2017 (năm yếu tố, dữ liệu cũ); "
                "mặc định theo phiếu, nếu không có thì 2017",
            )
            cmd.add_argument(
                "--satisfied-at-least",
                help="mức được coi là hài lòng: mã phương án (B) hoặc mức trọng số (75%%) cho "
                "thang đo khác 5 mức; mặc định theo phiếu, nếu không có thì B",
            )
