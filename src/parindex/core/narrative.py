"""The Vietnamese narrative of a run, in the register of the provinces' own reports.

Every number comes from a ``RunResult``; the text only words it.

>>> change_phrase(Decimal("-2.74"), 0, "2022")
'giảm 2,74 điểm, giữ nguyên vị thứ so với năm 2022'
>>> rank_change_phrase(6)
'tăng 6 bậc'
>>> rank_change_phrase(-2644)  # thousands with a dot, as every count in the text
'giảm 2.644 bậc'
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from parindex.core.framework import DEFAULT_INDEX_NAME
from parindex.core.numbers import (
    format_count,
    format_index,
    format_percent,
    format_place,
    format_points,
)
from parindex.core.score_table import from_units
from parindex.core.scoring import (
    FieldResult,
    GroupSummary,
    RunResult,
    UnitResult,
)
from parindex.core.units import UNIT_KINDS

# the narrative's short names for the wording of ``core/numbers.py``
points = format_points  # 12,87; 10; 8,5
index_text = format_index  # 83,05
percent = format_percent  # 90,91%; 95%


def index_phrase(index_name: str) -> str:
    """The framework's name of the result mid-sentence: "chỉ số CCHC", "chỉ số cải cách hành
    chính" (its first letter lower case).

    >>> index_phrase("Chỉ số cải cách hành chính")
    'chỉ số cải cách hành chính'
    """
    return index_name[:1].lower() + index_name[1:]


def in_full(text: str) -> str:
    """A title in full words, as an official document's trích yếu writes it: "Chỉ số CCHC"
    → "Chỉ số cải cách hành chính".

    >>> in_full("Kết quả xác định Chỉ số CCHC năm 2025")
    'Kết quả xác định Chỉ số cải cách hành chính năm 2025'
    """
    return text.replace("CCHC", "cải cách hành chính")


def block_name(label: str | None) -> str:
    """A ranking block as prose names it: "khối xã" for a block of a kind, a scheme's block
    as it is named ("Khối xã, đặc khu" → "khối xã, đặc khu"), never "khối Khối …".

    >>> block_name("xã"), block_name("Khối sở, ban, ngành")
    ('khối xã', 'khối sở, ban, ngành')
    """
    text = (label or "").strip()
    if text.casefold().startswith("khối "):
        return "khối " + text[5:]
    return f"khối {text}"


def join_vn(items: Sequence[str]) -> str:
    """A, B và C.

    >>> join_vn(["A", "B", "C"])
    'A, B và C'
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def delta_phrase(delta: Decimal) -> str:
    if delta > 0:
        return f"tăng {points(delta)} điểm"
    if delta < 0:
        return f"giảm {points(-delta)} điểm"
    return "giữ nguyên số điểm"


def rank_change_phrase(change: int) -> str:
    if change > 0:
        return f"tăng {format_count(change)} bậc"
    if change < 0:
        return f"giảm {format_count(-change)} bậc"
    return "giữ nguyên vị thứ"


def change_phrase(delta: Decimal | None, rank_change: int | None, period: str) -> str:
    parts = []
    if delta is not None:
        parts.append(delta_phrase(delta))
    if rank_change is not None:
        parts.append(rank_change_phrase(rank_change))
    return ", ".join(parts) + f" so với năm {period}"


def rank_interval_level() -> str:
    """The level of the rank intervals, from the percentiles they are drawn at: «95%»."""
    from parindex.core.uncertainty import HIGH_PERCENTILE, LOW_PERCENTILE

    return format_percent(Decimal(str(HIGH_PERCENTILE - LOW_PERCENTILE)), 0)


def _rank_interval(result: UnitResult) -> str:
    """(khoảng tin cậy 95%: 3–6) when the survey's sampling leaves the rank unsettled; the
    level said, as the survey points' intervals say theirs (issue 16)."""
    if result.rank_interval is None or result.rank_interval[0] == result.rank_interval[1]:
        return ""
    low, high = result.rank_interval
    return f" (khoảng tin cậy {rank_interval_level()}: {format_count(low)}–{format_count(high)})"


def _interval(result: UnitResult) -> str:
    low, high = result.rank_interval or (result.rank, result.rank)
    return f"{format_count(low)}–{format_count(high)}"


def _survey_sample(result: UnitResult) -> str:
    info = result.survey_info
    if info is None:
        return ""
    text = f"; {format_count(info.respondents)} phiếu khảo sát"
    if info.low is not None and info.high is not None:
        level = format_percent(info.confidence * 100, places=0)
        text += f", khoảng tin cậy {level}: {points(info.low)}–{points(info.high)} điểm"
    if info.under_minimum:
        text += f"; số phiếu chưa đạt cỡ mẫu tối thiểu ở tiêu chí {', '.join(info.under_minimum)}"
    return text


def _rank(result: UnitResult, rank: int | None = None) -> str:
    place = format_place(rank if rank is not None else result.rank, result.of)
    return place + (f" trong {block_name(result.block)}" if result.block else "")


def unit_section(run: RunResult, result: UnitResult) -> str:
    """The paragraphs on one unit: index, rank, class, parts, fields, changes."""
    section = run.framework.bonus
    adjusted = None
    if section is not None and 0 <= result.row < len(run.table.units):
        given = [from_units(int(v)) for v in run.table.adjustments[result.row]]
        adjusted = section.totals(given)
    return _unit_section(
        run.period,
        run.previous_period,
        run.framework.weak_below,
        result,
        adjusted,
        run.framework.index_name,
    )


def _adjusted_text(adjusted: tuple[Decimal | None, Decimal | None] | None) -> str:
    """The bonus and penalty counted (caps applied), as the parts' sentence adds them."""
    bonus, penalty = adjusted or (None, None)
    said = []
    if bonus:
        said.append(f"điểm thưởng {points(bonus)} điểm")
    if penalty:
        said.append(f"điểm trừ {points(penalty)} điểm")
    return ", ".join(said)


def _unit_section(
    period: str,
    previous_period: str | None,
    below: Decimal,
    result: UnitResult,
    adjusted: tuple[Decimal | None, Decimal | None] | None = None,
    index_name: str = DEFAULT_INDEX_NAME,
) -> str:
    name = result.unit.display_name
    prev = result.previous
    prev_period = previous_period or ""
    lines = [f"## {capitalise(name)}", ""]

    opening = (
        f"{index_name} năm {period} của {name} đạt {index_text(result.index)} điểm, "
        f"xếp thứ {_rank(result)}{_rank_interval(result)}, xếp loại {result.class_label}"
    )
    if prev is not None and prev.unit is not None:
        opening += f" ({change_phrase(prev.delta, prev.rank_change, prev_period)}"
        if prev.unit != result.unit.code and prev.name != name:
            opening += f", khi đó là {prev.name}"
        opening += ")"
    elif prev is not None and prev.predecessors:
        formed = join_vn(
            [
                f"{p.name} (năm {prev_period} đạt {index_text(p.index)} điểm, xếp thứ {format_place(p.rank, p.of)})"
                for p in prev.predecessors
            ]
        )
        opening += f" (đơn vị được thành lập trên cơ sở sắp xếp {formed})"
    opening += "."
    if result.class_size > 1:
        opening += (
            f" {capitalise(name)} đứng thứ {format_count(result.class_rank)} trong nhóm {result.class_label}"
            f" (gồm {format_count(result.class_size, pad=True)} đơn vị)."
        )
    lines.append(opening)
    lines.append("")

    part_text = []
    if result.self_part.max:
        part_text.append(
            f"điểm tự đánh giá qua thẩm định đạt {points(result.self_part.score)}/{points(result.self_part.max)} điểm"
        )
    survey = result.survey_part
    if survey is not None and survey.max:
        sentence = (
            f"điểm điều tra xã hội học đạt {points(survey.score)}/{points(survey.max)} điểm"
            f" ({_survey_sample(result).removeprefix('; ')}), xếp thứ {_rank(result, survey.rank)}"
            if result.survey_info is not None
            else f"điểm điều tra xã hội học đạt {points(survey.score)}/{points(survey.max)} điểm"
            f", xếp thứ {_rank(result, survey.rank)}"
        )
        if prev is not None and prev.unit is not None and prev.survey_score is not None:
            sentence += (
                f" ({change_phrase(prev.survey_delta, prev.survey_rank_change, prev_period)}"
            )
            if prev.survey_rank is not None and prev.survey_rank_change is not None:
                sentence += f" (vị thứ {format_count(prev.survey_rank)})"
            sentence += ")"
        part_text.append(sentence)
    if _adjusted_text(adjusted):
        part_text.append(_adjusted_text(adjusted))
    if part_text and result.not_applicable:
        # some criteria do not apply: the index is the total brought to a scale of 100
        part_text.append(
            f"tổng cộng {points(result.score)}/{points(result.max)} điểm áp dụng, "
            f"quy về thang điểm 100 là {index_text(result.index)} điểm"
        )
    if part_text:
        lines.append("Trong đó, " + "; ".join(part_text) + ".")
        lines.append("")

    self_fields = [f for f in result.fields if f.source == "self" and f.max > 0]
    if self_fields:
        total = len(self_fields)
        full = [f for f in self_fields if f.at_max]
        under = [f for f in self_fields if not f.at_max]
        if not full:
            text = (
                f"Chưa có lĩnh vực nào đạt điểm tối đa ({format_count(total)} lĩnh vực tự đánh giá)"
            )
        elif not under:
            text = f"Cả {format_place(total, total)} lĩnh vực tự đánh giá đều đạt điểm tối đa: {_field_points(full)}"
        else:
            text = f"Có {format_place(len(full), total)} lĩnh vực đạt điểm tối đa: {_field_points(full)}"
        if under:
            text += f"; {format_place(len(under), total)} lĩnh vực chưa đạt điểm tối đa: {_field_points(under)}"
        lines.append(text + ".")
        lines.append("")

    weak = [f for f in result.fields if f.weak and f.percent is not None]
    if weak:
        listed = ", ".join(
            f"{f.name} ({percent(f.percent)})" for f in weak if f.percent is not None
        )
        lines.append(
            f"Còn {format_count(len(weak), pad=True)} lĩnh vực đạt dưới {percent(below)}: {listed}."
        )
    else:
        lines.append(f"Không có lĩnh vực nào đạt dưới {percent(below)}.")
    lines.append("")

    lines.append("Kết quả theo từng lĩnh vực:")
    lines.append("")
    for f in result.fields:
        lines.append("- " + _field_line(result, f, prev_period))
    if result.not_applicable:
        lines.append("")
        lines.append(
            "Các tiêu chí không đánh giá đối với đơn vị (không tính vào điểm tối đa): "
            + ", ".join(result.not_applicable)
            + f"; điểm tối đa áp dụng là {points(result.max)} điểm."
        )
    lines.append("")
    return "\n".join(lines)


def _field_points(fields: Sequence[FieldResult]) -> str:
    return ", ".join(f"{f.name} ({points(f.score)}/{points(f.max)} điểm)" for f in fields)


def _field_line(result: UnitResult, f: FieldResult, prev_period: str) -> str:
    if f.percent is None:
        return f"{f.name}: không đánh giá."
    text = f"{f.name}: {points(f.score)}/{points(f.max)} điểm ({percent(f.percent)}), xếp thứ {_rank(result, f.rank)}"
    if f.previous_score is not None and prev_period:
        text += ", " + change_phrase(f.delta, f.rank_change, prev_period)
    return text + "."


def _names(units: Sequence[UnitResult], codes: Sequence[str]) -> str:
    wanted = set(codes)  # the names of these only: a national run lists 3.321 units
    by_code = {r.unit.code: r.unit.display_name for r in units if r.unit.code in wanted}
    return join_vn([by_code[c] for c in codes])


def _group_noun(members: Sequence[UnitResult]) -> str:
    """The members' kinds as documents list them: "xã, phường, đặc khu", "sở, ban" (the order
    of ``UNIT_KINDS``, not the order of the ranking)."""
    kinds: list[str] = []
    for r in members:
        if not r.unit.kind:
            return "đơn vị"
        if r.unit.kind not in kinds:
            kinds.append(r.unit.kind)
    order = {kind: n for n, kind in enumerate(UNIT_KINDS)}
    kinds.sort(key=lambda kind: order.get(kind, len(order)))
    return ", ".join(kinds) if kinds else "đơn vị"


def group_paragraphs(run: RunResult, group: GroupSummary) -> list[str]:
    return _group_paragraphs(run.period, run.units, group, run.framework.index_name)


def _group_paragraphs(
    period: str,
    units: Sequence[UnitResult],
    group: GroupSummary,
    index_name: str = DEFAULT_INDEX_NAME,
) -> list[str]:
    members = [r for r in units if group.label is None or r.block == group.label]
    noun = _group_noun(members)
    if group.of == 1 and len(members) == 1:
        text = _one_unit_paragraph(period, members[0], group, index_name)
    else:
        text = _average_paragraph(period, units, group, noun, index_name)
        if group.label is not None:
            text += _best_and_worst(members, group.label)
    return [text, _classes_paragraph(units, group)]


def _best_and_worst(members: Sequence[UnitResult], label: str) -> str:
    """Cao nhất khối xã là xã A (90,50 điểm); thấp nhất là xã B (70,00 điểm). (Tied units
    named together; nothing when every unit has the same index.)"""
    if not members:
        return ""
    best = max(r.index for r in members)
    worst = min(r.index for r in members)
    if best == worst:
        return ""
    top = join_vn([r.unit.display_name for r in members if r.index == best])
    bottom = join_vn([r.unit.display_name for r in members if r.index == worst])
    return (
        f" Cao nhất {block_name(label)} là {top} ({index_text(best)} điểm); "
        f"thấp nhất là {bottom} ({index_text(worst)} điểm)."
    )


def _blocks_paragraph(period: str, of: int, blocks: Sequence[GroupSummary]) -> str:
    """A run ranked in blocks: its one paragraph across blocks (no average across them: no
    province publishes one); each block's figures follow."""
    labels = join_vn([b.label or "" for b in blocks])
    return (
        f"Năm {period}, {format_count(of)} đơn vị được xếp hạng theo "
        f"{format_count(len(blocks))} khối ({labels}); chỉ số bình quân, thứ hạng và "
        "số đơn vị theo xếp loại được tính riêng trong từng khối."
    )


def run_paragraphs(run: RunResult) -> list[str]:
    """The run's own paragraphs: its average and classes, or in a blocked run only which
    blocks it is ranked in (each block has its own section)."""
    if run.block_by:
        return [_blocks_paragraph(run.period, run.overall.of, run.blocks)]
    return group_paragraphs(run, run.overall)


def _one_unit_paragraph(
    period: str, only: UnitResult, group: GroupSummary, index_name: str = DEFAULT_INDEX_NAME
) -> str:
    """A group of one has no average to be above or below: name the unit and its index."""
    where = f"{block_name(group.label)} " if group.label else ""
    return (
        f"Năm {period}, {where}có {format_count(1, pad=True)} đơn vị là {only.unit.display_name}, "
        f"đạt {index_phrase(index_name)} {index_text(only.index)} điểm."
    )


def _average_paragraph(
    period: str,
    units: Sequence[UnitResult],
    group: GroupSummary,
    noun: str,
    index_name: str = DEFAULT_INDEX_NAME,
) -> str:
    """The average, then who is above, below and at it (the block's average in a block)."""
    where = f" {block_name(group.label)}" if group.label else ""
    # the run compares with the overall average ("chung"), a block with its own
    above_average = (
        f"chỉ số bình quân của {block_name(group.label)}"
        if group.label
        else "chỉ số bình quân chung"
    )
    average = (
        f"chỉ số bình quân của {block_name(group.label)}" if group.label else "chỉ số bình quân"
    )
    of = format_count(group.of)
    text = (
        f"Năm {period}, {index_phrase(index_name)} bình quân{where} của {of} {noun} "
        f"đạt {index_text(group.average)} điểm."
    )
    clauses = []
    if group.above:
        clauses.append(
            f"có {format_count(len(group.above))} đơn vị đạt chỉ số cao hơn {above_average}, "
            f"gồm: {_names(units, group.above)}"
        )
    if group.below:
        clauses.append(
            f"có {format_count(len(group.below))} đơn vị đạt chỉ số thấp hơn {average}, "
            f"gồm: {_names(units, group.below)}"
        )
    if group.at:
        clauses.append(
            f"có {format_count(len(group.at))} đơn vị đạt đúng {average}: {_names(units, group.at)}"
        )
    if clauses:
        text += f" Trong tổng số {of} {noun}, " + "; ".join(clauses) + "."
    return text


def _classes_paragraph(units: Sequence[UnitResult], group: GroupSummary) -> str:
    classes = []
    empty = []
    for label, codes in group.classes:
        if codes:
            classes.append(
                f"{format_count(len(codes), pad=True)} đơn vị xếp loại {label}: {_names(units, codes)}"
            )
        else:
            empty.append(label)
    summary = "Kết quả xếp loại: có " + "; ".join(classes)
    if empty:
        summary += f"; không có đơn vị xếp loại {join_vn(empty)}"
    return summary + "."


def ranking_table(run: RunResult) -> list[str]:
    header = "| Hạng | Đơn vị | Chỉ số | Xếp loại |"
    rule = "|---:|---|---:|---|"
    if run.previous_period:
        header += f" So với năm {run.previous_period} |"
        rule += "---|"
    if run.block_by:
        header = "| Khối " + header
        rule = "|---" + rule
    rows = [header, rule]
    for r in run.units:
        row = f"| {format_place(r.rank, r.of)} | {r.unit.display_name} | {index_text(r.index)} | {r.class_label} |"
        if run.previous_period:
            prev = r.previous
            if prev is None:
                row += " — |"
            elif prev.unit is None:
                row += " đơn vị mới sau sắp xếp |"
            else:
                row += f" {change_phrase(prev.delta, prev.rank_change, run.previous_period).removesuffix(f' so với năm {run.previous_period}')} |"
        if run.block_by:
            row = f"| {r.block} " + row
        rows.append(row)
    return rows


def sampling_caveat(unsettled: int, of: int, where: str = "tại phần của đơn vị đó") -> str:
    """Why ranks are not settled, counted (report.md, the report a province signs)."""
    return (
        f"Do sai số chọn mẫu của điều tra xã hội học, vị thứ của {format_count(unsettled)}/"
        f"{format_count(of)} đơn vị chưa thể phân định chắc chắn; khoảng vị thứ tin cậy "
        f"của từng đơn vị ghi {where}."
    )


UNSETTLED_LISTED = 20
"""Up to this many unsettled units are named in the run's section; more are counted."""


def render_report(run: RunResult, title: str | None = None) -> str:
    """The whole ``report.md``: the run's section, then one section per unit in rank order."""
    fw = run.framework
    default = f"Kết quả xác định {run.framework.index_name} năm {run.period}"
    lines = [f"# {title or default}", ""]
    lines.append(f"Bộ tiêu chí: {fw.name}" + (f" ({fw.source})" if fw.source else "") + ".")
    lines.append("")
    lines.append("## Kết quả chung")
    lines.append("")
    lines.extend(p + "\n" for p in run_paragraphs(run))
    for block in run.blocks:
        lines.append(f"### {capitalise(block_name(block.label))}")
        lines.append("")
        lines.extend(p + "\n" for p in group_paragraphs(run, block))
    if len(run.unsettled) > UNSETTLED_LISTED:
        lines.append(sampling_caveat(len(run.unsettled), run.overall.of))
        lines.append("")
    elif run.unsettled:
        by_code = {r.unit.code: r for r in run.units}
        listed = ", ".join(
            f"{by_code[c].unit.display_name} ({_interval(by_code[c])})" for c in run.unsettled
        )
        lines.append(
            f"Do sai số chọn mẫu của điều tra xã hội học, vị thứ của {format_count(len(run.unsettled), pad=True)} "
            f"đơn vị chưa thể phân định chắc chắn (khoảng vị thứ tin cậy trong ngoặc): {listed}."
        )
        lines.append("")
    lines.append("### Bảng xếp hạng")
    lines.append("")
    lines.extend(ranking_table(run))
    lines.append("")
    for result in run.units:
        lines.append(unit_section(run, result))
    return "\n".join(lines).rstrip() + "\n"
