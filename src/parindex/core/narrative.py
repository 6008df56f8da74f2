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

from parindex.core.numbers import (
    format_count,
    format_index,
    format_percent,
    format_place,
    format_points,
)
from parindex.core.published import GroupEntry, PartEntry, PublishedRun, UnitEntry
from parindex.core.score_table import from_units
from parindex.core.scoring import (
    FieldResult,
    GroupSummary,
    Part,
    Predecessor,
    Previous,
    RunResult,
    SurveyInfo,
    UnitResult,
)
from parindex.core.units import UNIT_KINDS, Unit

# the narrative's short names for the wording of ``core/numbers.py``
points = format_points  # 12,87; 10; 8,5
index_text = format_index  # 83,05
percent = format_percent  # 90,91%; 95%


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


def _rank_interval(result: UnitResult) -> str:
    """(khoảng tin cậy: 3–6) when the survey's sampling leaves the rank unsettled."""
    if result.rank_interval is None or result.rank_interval[0] == result.rank_interval[1]:
        return ""
    low, high = result.rank_interval
    return f" (khoảng tin cậy: {format_count(low)}–{format_count(high)})"


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
    return place + (f" trong khối {result.block}" if result.block else "")


def unit_section(run: RunResult, result: UnitResult) -> str:
    """The paragraphs on one unit: index, rank, class, parts, fields, changes."""
    section = run.framework.bonus
    adjusted = None
    if section is not None and 0 <= result.row < len(run.table.units):
        given = [from_units(int(v)) for v in run.table.adjustments[result.row]]
        adjusted = section.totals(given)
    return _unit_section(
        run.period, run.previous_period, run.framework.weak_below, result, adjusted
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
) -> str:
    name = result.unit.display_name
    prev = result.previous
    prev_period = previous_period or ""
    lines = [f"## {capitalise(name)}", ""]

    opening = (
        f"Chỉ số CCHC năm {period} của {name} đạt {index_text(result.index)} điểm, "
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
    by_code = {r.unit.code: r.unit.display_name for r in units}
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
    return _group_paragraphs(run.period, run.units, group)


def _group_paragraphs(period: str, units: Sequence[UnitResult], group: GroupSummary) -> list[str]:
    members = [r for r in units if group.label is None or r.block == group.label]
    noun = _group_noun(members)
    if group.of == 1 and len(members) == 1:
        text = _one_unit_paragraph(period, members[0], group)
    else:
        text = _average_paragraph(period, units, group, noun)
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
        f" Cao nhất khối {label} là {top} ({index_text(best)} điểm); "
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


def _one_unit_paragraph(period: str, only: UnitResult, group: GroupSummary) -> str:
    """A group of one has no average to be above or below: name the unit and its index."""
    where = f"khối {group.label} " if group.label else ""
    return (
        f"Năm {period}, {where}có {format_count(1, pad=True)} đơn vị là {only.unit.display_name}, "
        f"đạt chỉ số CCHC {index_text(only.index)} điểm."
    )


def _average_paragraph(
    period: str, units: Sequence[UnitResult], group: GroupSummary, noun: str
) -> str:
    """The average, then who is above, below and at it (the block's average in a block)."""
    where = f" khối {group.label}" if group.label else ""
    # the run compares with the overall average ("chung"), a block with its own
    above_average = (
        f"chỉ số bình quân của khối {group.label}" if group.label else "chỉ số bình quân chung"
    )
    average = f"chỉ số bình quân của khối {group.label}" if group.label else "chỉ số bình quân"
    of = format_count(group.of)
    text = f"Năm {period}, chỉ số CCHC bình quân{where} của {of} {noun} đạt {index_text(group.average)} điểm."
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


UNSETTLED_LISTED = 20
"""Up to this many unsettled units are named in the run's section; more are counted."""


def render_report(run: RunResult, title: str | None = None) -> str:
    """The whole ``report.md``: the run's section, then one section per unit in rank order."""
    fw = run.framework
    lines = [f"# {title or f'Kết quả xác định Chỉ số CCHC năm {run.period}'}", ""]
    lines.append(f"Bộ tiêu chí: {fw.name}" + (f" ({fw.source})" if fw.source else "") + ".")
    lines.append("")
    lines.append("## Kết quả chung")
    lines.append("")
    lines.extend(p + "\n" for p in run_paragraphs(run))
    for block in run.blocks:
        lines.append(f"### Khối {block.label}")
        lines.append("")
        lines.extend(p + "\n" for p in group_paragraphs(run, block))
    if len(run.unsettled) > UNSETTLED_LISTED:
        lines.append(
            f"Do sai số chọn mẫu của điều tra xã hội học, vị thứ của {format_count(len(run.unsettled))}/"
            f"{format_count(run.overall.of)} đơn vị chưa thể phân định chắc chắn; khoảng vị thứ tin cậy "
            "của từng đơn vị ghi tại phần của đơn vị đó."
        )
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


# --- the same sentences from a published run ---------------------------------------------
#
# The documents and the web pages read a results.json, through the one reader
# (``parindex.io.results_json``) into a ``PublishedRun``. These functions give its entries
# the shape the sentences above word and call the same code, so the documents say exactly
# what report.md says.


def _part_of(part: PartEntry | None) -> Part | None:
    if part is None:
        return None
    return Part(score=part.score, max=part.max, percent=part.percent, rank=part.rank, of=part.of)


def unit_result_of(entry: UnitEntry) -> UnitResult:
    """A published unit as the narrative reads it (no score table behind it)."""
    unit = Unit(
        code=entry.code,
        name=entry.name,
        kind=entry.kind,
        parent=entry.parent,
        predecessors=entry.predecessors,
    )
    fields = tuple(
        FieldResult(
            code=f.code,
            name=f.name,
            source=f.source,
            score=f.score,
            max=f.max,
            percent=f.percent,
            rank=f.rank,
            of=f.of,
            at_max=f.at_max,
            weak=f.weak,
            previous_score=f.previous_score,
            previous_rank=f.previous_rank,
        )
        for f in entry.fields
    )
    prev = entry.previous
    previous = None
    if prev is not None:
        previous = Previous(
            unit=prev.code,
            name=prev.name,
            index=prev.index,
            rank=prev.rank,
            of=prev.of,
            delta=prev.delta,
            rank_change=prev.rank_change,
            survey_score=prev.survey_score,
            survey_rank=prev.survey_rank,
            survey_delta=prev.survey_delta,
            survey_rank_change=prev.survey_rank_change,
            predecessors=tuple(
                Predecessor(unit=p.code, name=p.name, index=p.index, rank=p.rank, of=p.of)
                for p in prev.predecessors
            ),
        )
    survey = entry.survey
    info = None
    if survey is not None and survey.respondents is not None:
        info = SurveyInfo(
            respondents=survey.respondents,
            low=survey.low,
            high=survey.high,
            under_minimum=survey.under_minimum,
            confidence=survey.confidence if survey.confidence is not None else Decimal("0.95"),
        )
    self_part = _part_of(entry.self_part) or Part(Decimal(0), Decimal(0), None, None, 0)
    return UnitResult(
        unit=unit,
        row=-1,
        score=entry.score,
        max=entry.max,
        index=entry.index,
        rank=entry.rank,
        of=entry.of,
        class_label=entry.class_label,
        class_rank=entry.class_rank,
        class_size=entry.class_size,
        block=entry.block,
        self_part=self_part,
        survey_part=_part_of(survey),
        fields=fields,
        not_applicable=entry.not_applicable,
        previous=previous,
        survey_info=info,
        rank_interval=entry.rank_interval,
        criteria=entry.criteria,
    )


def group_summary_of(group: GroupEntry) -> GroupSummary:
    return GroupSummary(
        label=group.label,
        of=group.of,
        average=group.average,
        above=group.above,
        below=group.below,
        at=group.at,
        classes=group.classes,
    )


def unit_paragraphs(run: PublishedRun, unit_code: str) -> list[str]:
    """The unit's section of report.md as paragraphs, without its heading.

    A paragraph starting with ``"- "`` is an item of the list of fields.
    """
    entry = run.unit(unit_code)
    text = _unit_section(
        run.period,
        run.previous_period,
        run.framework.weak_below,
        unit_result_of(entry),
        (entry.bonus, entry.penalty),
    )
    paragraphs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("## "):
            continue
        paragraphs.append(line)
    return paragraphs


def summary_sections(run: PublishedRun) -> list[tuple[str | None, list[str]]]:
    """The run's paragraphs of report.md: ``(None, the run's)``, then ``("Khối …", block)``."""
    units = [unit_result_of(u) for u in run.units]
    first = (
        [_blocks_paragraph(run.period, run.of, run.blocks)]
        if run.blocked
        else _group_paragraphs(run.period, units, group_summary_of(run.overall))
    )
    sections: list[tuple[str | None, list[str]]] = [(None, first)]
    for block in run.blocks:
        sections.append(
            (
                f"Khối {block.label}",
                _group_paragraphs(run.period, units, group_summary_of(block)),
            )
        )
    return sections
