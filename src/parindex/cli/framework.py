"""``parindex framework show|check|import``: the criteria tree, validation, Excel → YAML."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from parindex.cli.common import Reporter
from parindex.core.bonus import BonusSection, describe
from parindex.core.framework import Framework, Node
from parindex.core.narrative import points
from parindex.core.numbers import format_count


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
    if node.scale:
        yield f"{'    ' * (depth + 1)}Thang điểm: {'; '.join(points(p) for p in node.scale)}"
    pad = "    " * (depth + 1)
    if node.rule is not None:
        yield f"{pad}Quy tắc (nhập giá trị đo): {node.rule.describe()}"
    if node.none_means_full:
        yield f"{pad}Không phát sinh (KPS): được tính điểm tối đa"
    if node.applies_to:
        yield f"{pad}Chỉ áp dụng cho: {', '.join(node.applies_to)}"
    if node.guide:
        yield f"{pad}Cách chấm: {node.guide}"
    if node.evidence_text:
        yield f"{pad}Tài liệu kiểm chứng: {node.evidence_text}"
    for child in node.children:
        yield from _tree_lines(child, depth + 1)


def _bonus_lines(section: BonusSection) -> Iterator[str]:
    caps = [
        f"thưởng tính tối đa {points(section.cap)} điểm" if section.cap is not None else "",
        f"trừ tính tối đa {points(section.penalty_cap)} điểm"
        if section.penalty_cap is not None
        else "",
    ]
    limits = "; ".join(c for c in caps if c)
    yield ""
    yield f"{section.name} (ngoài tổng điểm tối đa{'; ' + limits if limits else ''}):"
    for item in section.items:
        yield f"    {item.code}. {item.name} — {describe(item)}"
        if item.guide:
            yield f"        Cách chấm: {item.guide}"


def framework_show(fw: Framework) -> str:
    lines = [
        f"{fw.name}",
        f"Mã: {fw.id} · họ: {fw.family} · cấp: {fw.level} · năm: {fw.year}",
    ]
    if fw.source:
        lines.append(f"Căn cứ: {fw.source}")
    lines.append(
        f"Tổng điểm tối đa: {points(fw.max_points)} (tự đánh giá qua thẩm định {points(fw.part_max('self'))}, "
        f"điều tra xã hội học {points(fw.part_max('survey'))}); {format_count(len(fw.leaves))} tiêu chí chấm điểm"
    )
    lines.append(
        "Xếp loại: "
        + "; ".join(f"{b.label} từ {points(b.min)}" for b in fw.classes)
        + f" · lĩnh vực yếu: dưới {points(fw.weak_below)}%"
    )
    lines.append(
        f"Tên chỉ số: {fw.index_name} · điểm tính theo quy tắc làm tròn đến "
        f"{format_count(fw.leaf_decimals)} chữ số thập phân · chỉ số tối đa {points(fw.index_cap)}"
    )
    lines.append("")
    for top in fw.fields:
        lines.extend(_tree_lines(top))
    if fw.bonus is not None:
        lines.extend(_bonus_lines(fw.bonus))
    unsourced = [n for t in fw.fields for n in t.walk() if not n.sourced]
    if unsourced:
        lines.append("")
        lines.append(
            f"Lưu ý: {format_count(len(unsourced))} mục đánh dấu «chưa có nguồn» là giả định, chưa đối chiếu với văn bản gốc."
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
        f"{args.file}: hợp lệ — {fw.id}, {format_count(len(fw.fields))} lĩnh vực, {format_count(len(fw.leaves))} tiêu chí, "
        f"tổng {points(fw.max_points)} điểm."
    )
    kinds = [
        (sum(1 for leaf in fw.leaves if leaf.scale), "có thang điểm"),
        (sum(1 for leaf in fw.leaves if leaf.rule is not None), "tính từ giá trị đo"),
        (sum(1 for leaf in fw.leaves if leaf.none_means_full), "tính tối đa khi không phát sinh"),
        (sum(1 for leaf in fw.leaves if leaf.applies_to), "chỉ áp dụng cho một số loại đơn vị"),
        (sum(1 for leaf in fw.leaves if leaf.evidence), "cần tài liệu kiểm chứng"),
    ]
    said = [f"{format_count(n)} {what}" for n, what in kinds if n]
    if said:
        rep.print("Tiêu chí: " + "; ".join(said) + ".")
    if fw.bonus is not None:
        rep.print(f"{fw.bonus.name}: {format_count(len(fw.bonus.items))} mục, ngoài tổng điểm.")
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


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    fw = sub.add_parser("framework", help="bộ tiêu chí: xem, kiểm tra, nhập từ Excel")
    fw_sub = fw.add_subparsers(dest="action", required=True)
    show = fw_sub.add_parser("show", help="in cây tiêu chí với điểm tối đa", parents=[common])
    show.add_argument("framework", help="mã bộ tiêu chí hoặc đường dẫn tệp YAML")
    show.set_defaults(func=cmd_framework_show)
    check = fw_sub.add_parser("check", help="kiểm tra một tệp bộ tiêu chí", parents=[common])
    check.add_argument("file")
    check.set_defaults(func=cmd_framework_check)
    imp = fw_sub.add_parser(
        "import",
        help="chuyển bảng tiêu chí Excel (phụ lục: STT, tên, điểm tối đa, thang điểm, tài liệu kiểm chứng…) thành YAML",
        parents=[common],
    )
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
