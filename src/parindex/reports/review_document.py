"""The periodic PAR report («Báo cáo kết quả thực hiện công tác cải cách hành chính 6 tháng
đầu năm 2026», 9 tháng, năm), written from its inputs only.

The official outline (đề cương) was not found; this is the project's (docs/decisions.md),
in the order the 2025 reports read use: I. KẾT QUẢ ĐẠT ĐƯỢC (the plan's completion, then
each area of the plan — its headings «I. … VII.» — with its tasks, the one-stop figures in
the articles' sentences under the area of administrative procedures, the indicators against
their targets, the index's results); II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN (drafted from the
overdue tasks, the missed targets and the late dossiers); III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM
of the next period (the open tasks due in it); IV. ĐỀ XUẤT, KIẾN NGHỊ. What the office must
write itself is marked in square brackets, as the index report marks it. Every figure comes
from an input; an input not given is said to be missing, never filled in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parindex.core.moments import format_date
from parindex.core.narrative import block_name, capitalise, in_full, index_text, join_vn
from parindex.core.numbers import format_count, format_place
from parindex.core.onestop_text import LEVEL_NAMES, detail_sentence, dossiers, total_sentence
from parindex.core.plans import DONE_LATE, IN_PROGRESS, NOT_DONE, Counts, TaskStatus
from parindex.core.published import PublishedRun
from parindex.core.review import IndicatorTable, OnestopFigures, PlanInput, ReviewPeriod
from parindex.reports import review_annexes as annex
from parindex.reports.letterhead import Letterhead
from parindex.reports.official import (
    Block,
    Heading,
    OfficialDocument,
    Para,
    Table,
    letterhead_report,
)
from parindex.reports.plan_annexes import roman
from parindex.reports.report_figures import members

PROCEDURES = "thủ tục hành chính"
"""The area whose tasks the one-stop figures go with («III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH»)."""
LISTED = 10
"""At most this many tasks are named in a sentence; the rest are in the appendix."""
_NUMBERED = re.compile(r"^\s*[IVXL]+\s*[.)]\s*")


def review_title(period: ReviewPeriod) -> str:
    return f"Kết quả thực hiện công tác cải cách hành chính {period.label}"


def area_name(heading: str) -> str:
    """«III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH» → «Cải cách thủ tục hành chính»."""
    text = _NUMBERED.sub("", heading).strip()
    return capitalise(text.lower()) if text.isupper() else text


@dataclass(frozen=True)
class ReviewInputs:
    """What the report is written from; any of the four may be missing."""

    plan: PlanInput | None = None
    indicators: IndicatorTable | None = None
    onestop: OnestopFigures | None = None
    results: PublishedRun | None = None


def _task_names(tasks: Sequence[TaskStatus], with_deadline: bool = False) -> str:
    named = [
        f"{s.task.text} ({s.task.lead}"
        + (f", thời hạn {s.task.deadline.text})" if with_deadline else ")")
        for s in tasks[:LISTED]
    ]
    if len(tasks) > LISTED:
        named.append(f"{format_count(len(tasks) - LISTED)} nhiệm vụ khác")
    return "; ".join(named)


class _Writer:
    def __init__(self, period: ReviewPeriod, head: Letterhead, inputs: ReviewInputs) -> None:
        self.period, self.head, self.inputs = period, head, inputs
        self.blocks: list[Block] = []
        self.items = 0
        self.annexes: dict[str, str] = {}
        names = []
        if inputs.plan is not None:
            names.append("progress")
            if inputs.plan.status.overdue():
                names.append("overdue")
        if inputs.indicators is not None and inputs.indicators.indicators:
            names.append("indicators")
        if inputs.onestop is not None:
            names.append("onestop")
        self.annexes = {name: f"Phụ lục {roman(n)}" for n, name in enumerate(names, start=1)}

    def see(self, name: str) -> str:
        return f" (chi tiết tại {self.annexes[name]})" if name in self.annexes else ""

    def section(self, number: str, title: str) -> None:
        self.blocks.append(Heading(f"{number}. {title.upper()}", level=1))
        self.items = 0

    def item(self, title: str) -> None:
        self.items += 1
        self.blocks.append(Heading(f"{format_count(self.items)}. {title}", level=2))

    def para(self, text: str, lead: str = "") -> None:
        self.blocks.append(Para(text, lead=lead))

    def draft(self, text: str) -> None:
        self.blocks.append(Para(f"[{text}]", italic=True, draft=True))

    # --- the opening ---------------------------------------------------------------------

    def opening(self) -> None:
        plan = self.inputs.plan
        year = self.period.year
        if plan is not None and plan.assigned_by:
            self.para(
                f"Thực hiện Kế hoạch cải cách hành chính năm {year} ban hành kèm theo "
                f"{plan.assigned_by}, {self.head.issuer_name} báo cáo kết quả thực hiện công "
                f"tác cải cách hành chính {self.period.label} như sau:"
            )
            return
        self.draft(f"Thực hiện Kế hoạch số …/KH-… ngày … về cải cách hành chính năm {year}")
        self.para(
            f"{self.head.issuer_name} báo cáo kết quả thực hiện công tác cải cách hành chính "
            f"{self.period.label} như sau:"
        )

    # --- I. results ----------------------------------------------------------------------

    def results(self) -> None:
        self.section("I", "Kết quả đạt được")
        self.item(f"Kết quả thực hiện Kế hoạch cải cách hành chính năm {self.period.year}")
        plan = self.inputs.plan
        onestop_placed = False
        if plan is None:
            self.draft(
                "Chưa có trạng thái thực hiện kế hoạch (trang-thai.json): cơ quan bổ sung số "
                "nhiệm vụ đã hoàn thành, đang thực hiện và quá hạn"
            )
        else:
            counts = plan.status.counts
            self.para(
                f"Tính đến ngày {format_date(plan.status.as_of)}, Kế hoạch cải cách hành chính "
                f"năm {self.period.year} có {format_count(counts.total)} nhiệm vụ: "
                f"{counts.summary()}{self.see('progress')}."
            )
            onestop_placed = self.areas(plan)
        if not onestop_placed:
            self.item("Kết quả giải quyết thủ tục hành chính")
            self.onestop()
        self.item("Kết quả thực hiện các chỉ tiêu")
        self.indicators()
        if self.inputs.results is not None:
            self.index_results(self.inputs.results)

    def areas(self, plan: PlanInput) -> bool:
        """Each area's tasks; True when the one-stop figures went with one of them."""
        status = plan.status
        if not plan.has_headings:
            self.para(
                "Trạng thái kế hoạch không ghi nhiệm vụ thuộc lĩnh vực cải cách hành chính nào; "
                "kết quả dưới đây được tổng hợp theo đơn vị chủ trì."
            )
            for lead, _, counts in status.by_lead():
                self.para(f"{capitalise(counts.summary())}.", lead=f"- {lead}:")
            self.draft("Cơ quan bổ sung kết quả theo từng lĩnh vực cải cách hành chính")
            return False
        placed = False
        headings = list(dict.fromkeys(s.task.heading for s in status.tasks))
        for heading in headings:
            tasks = [s for s in status.tasks if s.task.heading == heading]
            name = area_name(heading)
            self.item(name)
            text = f"{capitalise(Counts.of(tasks).summary())}."
            done = [s for s in tasks if s.done]
            if done:
                text += f" Các nhiệm vụ đã hoàn thành: {_task_names(done)}."
            self.para(text)
            if PROCEDURES in name.lower() and not placed:
                self.onestop()
                placed = True
            self.draft(f"Cơ quan bổ sung kết quả nổi bật về {name[:1].lower()}{name[1:]}")
        return placed

    def onestop(self) -> None:
        figures = self.inputs.onestop
        if figures is None:
            self.draft(
                "Chưa có số liệu giải quyết hồ sơ (thong-ke.json): cơ quan bổ sung số hồ sơ "
                "tiếp nhận, đã giải quyết, đang giải quyết"
            )
            return
        levels = figures.level_map()
        self.para(total_sentence(figures.start, figures.end, figures.total, levels))
        for level, counts in figures.levels:
            self.para(detail_sentence(LEVEL_NAMES.get(level, level).capitalize(), counts))
        if "onestop" in self.annexes:
            self.para(f"(Chi tiết tại {self.annexes['onestop']})")

    def indicators(self) -> None:
        table = self.inputs.indicators
        if table is None or not table.indicators:
            self.draft(
                "Chưa có kết quả các chỉ tiêu (chi-tieu.json): cơ quan bổ sung kết quả thực "
                "hiện từng chỉ tiêu so với kế hoạch"
            )
            return
        of = len(table.indicators)
        text = (
            f"Trong {format_count(of)} chỉ tiêu theo dõi, có {format_place(len(table.attained()), of)}"
            " chỉ tiêu đạt"
        )
        if table.missed():
            text += f", {format_count(len(table.missed()))} chỉ tiêu không đạt"
        if table.unrated():
            text += f", {format_count(len(table.unrated()))} chỉ tiêu chưa đánh giá"
        self.para(f"{text}{self.see('indicators')}.")
        rows = tuple(
            (format_count(n), i.name, i.target, annex.value_text(i, True), i.assessment)
            for n, i in enumerate(table.indicators, start=1)
        )
        self.blocks.append(
            Table(
                ("TT", "Chỉ tiêu", "Mục tiêu", "Kết quả thực hiện", "Đánh giá"),
                rows,
                name_column=1,
                numeric_from=2,
                shares=(0.07, 0.45, 0.15, 0.17, 0.16),
            )
        )

    def index_results(self, run: PublishedRun) -> None:
        index = in_full(run.framework.index_name)
        self.item(f"Kết quả {index} năm {run.period}")
        opening = f"{index} năm {run.period}"
        if run.decision:
            opening += f" (công bố tại {run.decision})"
        parts = []
        for group in run.groups:
            units = members(run, group)
            where = capitalise(block_name(group.label)) if run.blocked else "Toàn tỉnh"
            text = (
                f"{where}: chỉ số bình quân đạt {index_text(group.average)} điểm; "
                f"{format_place(len(group.above), group.of)} đơn vị đạt trên mức bình quân"
            )
            if units:
                first = units[0]
                text += f"; dẫn đầu là {first.display_name} ({index_text(first.index)} điểm)"
            parts.append(text)
        self.para(f"{capitalise(opening)}: {'; '.join(parts)}.")

    # --- II. shortcomings --------------------------------------------------------------------

    def shortcomings(self) -> None:
        self.section("II", "Tồn tại, hạn chế và nguyên nhân")
        self.item("Tồn tại, hạn chế")
        plan, table, figures = self.inputs.plan, self.inputs.indicators, self.inputs.onestop
        if plan is not None:
            overdue = plan.status.overdue()
            if overdue:
                self.para(
                    f"Còn {format_count(len(overdue))} nhiệm vụ quá hạn chưa hoàn thành"
                    f"{self.see('overdue')}: {_task_names(overdue, True)}."
                )
            late = plan.status.counts[DONE_LATE]
            if late:
                self.para(f"Có {format_count(late)} nhiệm vụ hoàn thành chậm so với thời hạn.")
        if table is not None:
            missed = table.missed()
            if missed:
                named = "; ".join(
                    f"{i.name} (kết quả {annex.value_text(i, True)}, mục tiêu {i.target})"
                    for i in missed
                )
                self.para(f"Có {format_count(len(missed))} chỉ tiêu chưa đạt: {named}.")
            unrated = table.unrated()
            if unrated:
                named = "; ".join(i.name for i in unrated)
                self.para(
                    f"Có {format_count(len(unrated))} chỉ tiêu chưa có kết quả đánh giá: {named}."
                )
        if figures is not None and (figures.total.late or figures.total.overdue):
            c = figures.total
            text = (
                f"Còn {dossiers(c.late)} giải quyết quá hạn và {dossiers(c.overdue)} đang giải "
                "quyết quá hạn"
            )
            if c.late_without_apology:
                text += f"; {dossiers(c.late_without_apology)} quá hạn chưa có phiếu xin lỗi"
            worst = figures.most_late()
            if worst:
                text += ". Các đơn vị có nhiều hồ sơ giải quyết quá hạn: " + join_vn(
                    [f"{u.name} ({dossiers(u.counts.late)})" for u in worst]
                )
            self.para(f"{text}.")
        self.draft("Cơ quan bổ sung, hoàn chỉnh nhận định về tồn tại, hạn chế")
        self.item("Nguyên nhân")
        self.draft("Nguyên nhân khách quan")
        self.draft("Nguyên nhân chủ quan")

    # --- III. next period, IV. proposals -----------------------------------------------------

    def next_tasks(self) -> None:
        period = self.period
        self.section("III", f"Nhiệm vụ, giải pháp trọng tâm {period.next_label}")
        plan, table, figures = self.inputs.plan, self.inputs.indicators, self.inputs.onestop
        if plan is not None:
            status = plan.status
            overdue = status.overdue()
            if overdue:
                self.para(
                    f"Khẩn trương hoàn thành {format_count(len(overdue))} nhiệm vụ quá hạn chưa "
                    f"hoàn thành{self.see('overdue')}."
                )
            due = [
                s
                for s in status.tasks
                if s.status == IN_PROGRESS
                and s.task.deadline.end is not None
                and period.next_start <= s.task.deadline.end <= period.next_end
            ]
            due.sort(key=lambda s: (s.task.deadline.end, status.tasks.index(s)))
            if due:
                self.para(
                    f"Tập trung thực hiện {format_count(len(due))} nhiệm vụ có thời hạn trong "
                    f"{period.next_label}:"
                )
                for s in due:
                    self.para(f"- {s.task.text} ({s.task.lead}; thời hạn: {s.task.deadline.text}).")
            else:
                self.draft(f"Kế hoạch không có nhiệm vụ đến hạn trong {period.next_label}")
            ongoing = [
                s for s in status.tasks if s.status == IN_PROGRESS and s.task.deadline.ongoing
            ]
            if ongoing:
                self.para(f"Tiếp tục thực hiện {format_count(len(ongoing))} nhiệm vụ thường xuyên.")
            open_later = [s for s in status.tasks if s.status in (IN_PROGRESS, NOT_DONE)]
            if not open_later and not due:
                self.para("Các nhiệm vụ của kế hoạch đã hoàn thành.")
        if table is not None and table.missed():
            self.para(
                "Có giải pháp nâng cao kết quả các chỉ tiêu chưa đạt: "
                + "; ".join(i.name for i in table.missed())
                + "."
            )
        if figures is not None and figures.total.overdue:
            self.para(
                f"Giải quyết dứt điểm {dossiers(figures.total.overdue)} đang quá hạn; thực hiện "
                "xin lỗi người dân, tổ chức đối với hồ sơ quá hạn theo quy định."
            )
        self.draft("Cơ quan bổ sung các nhiệm vụ, giải pháp trọng tâm khác")

    def proposals(self) -> None:
        self.section("IV", "Đề xuất, kiến nghị")
        self.draft("Cơ quan ghi các đề xuất, kiến nghị với cấp trên (nếu có)")
        self.para(
            f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính "
            f"{self.period.label} của {self.head.issuer_name}./."
        )

    # --- the appendices ------------------------------------------------------------------

    def appendices(self) -> tuple[OfficialDocument, ...]:
        attached = f"(Kèm theo {self.head.report_citation()})"
        plan, table, figures = self.inputs.plan, self.inputs.indicators, self.inputs.onestop
        out = []
        for name, label in self.annexes.items():
            if name == "progress" and plan is not None:
                out.append(annex.progress_annex(plan.status, plan.assigned_by, label, attached))
            elif name == "overdue" and plan is not None:
                out.append(annex.overdue_annex(plan.status, plan.assigned_by, label, attached))
            elif name == "indicators" and table is not None:
                out.append(annex.indicator_annex(table, label, attached))
            elif name == "onestop" and figures is not None:
                out.append(annex.form_annex(figures, label, attached))
        return tuple(out)


def review_document(
    period: ReviewPeriod, head: Letterhead, inputs: ReviewInputs
) -> OfficialDocument:
    """The periodic report with its appendices (``OfficialDocument.annexes``)."""
    writer = _Writer(period, head, inputs)
    writer.opening()
    writer.results()
    writer.shortcomings()
    writer.next_tasks()
    writer.proposals()
    title = review_title(period)
    return letterhead_report(head, title, tuple(writer.blocks), writer.appendices())
