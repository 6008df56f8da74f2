"""The report («Báo cáo kết quả xác định Chỉ số CCHC») with the sections real ones have.

As the Sở Nội vụ of Lâm Đồng, Quảng Nam or Quảng Ngãi write it: the grounds and «… báo cáo
kết quả … như sau:»; I. how the round was run (self-assessment and appraisal, the survey, the
framework in figures); II. the results per group (average and its change on the year, units
above and below it as counts, the top and the bottom named, classes with their change), by
field, and the survey's caveat where ranks are not settled; III. the assessment drafted from
the data (strengths, shortcomings) with what the office completes marked «[…]»; IV. the
recommendations. Units are counted, never all listed: the detail is in the appendices, so
the report of 3.000 units stays a few pages.
"""

from __future__ import annotations

from decimal import Decimal

from parindex.core.narrative import (
    block_name,
    capitalise,
    delta_phrase,
    in_full,
    index_text,
    join_vn,
    percent,
    points,
    sampling_caveat,
)
from parindex.core.numbers import format_count, format_percent, format_place
from parindex.core.published import GroupEntry, PublishedRun, UnitEntry
from parindex.reports import report_figures as fig
from parindex.reports.decision_document import addressees
from parindex.reports.letterhead import Letterhead, sentence_name
from parindex.reports.official import (
    Block,
    Chart,
    Heading,
    OfficialDocument,
    Para,
    Table,
    letterhead_report,
)

ROMAN = ("I", "II", "III", "IV", "V")
DETAIL = "(Chi tiết tại Phụ lục kèm theo)"


def report_title(run: PublishedRun) -> str:
    index = in_full(run.framework.index_name)
    return f"Kết quả xác định {index} năm {run.period} của {addressees(run)}"


def _named(units: list[UnitEntry]) -> str:
    return join_vn([f"{u.display_name} ({index_text(u.index)} điểm)" for u in units])


def _count(n: int, of: int) -> str:
    return format_place(n, of)


class _Writer:
    def __init__(self, run: PublishedRun, head: Letterhead, previous: PublishedRun | None):
        self.run = run
        self.head = head
        self.previous = previous
        self.index = in_full(run.framework.index_name)
        self.blocks: list[Block] = []
        self.sections = 0

    def section(self, title: str) -> None:
        self.blocks.append(Heading(f"{ROMAN[self.sections]}. {title.upper()}", level=1))
        self.sections += 1

    def para(self, text: str, **style: bool | str) -> None:
        self.blocks.append(Para(text, **style))  # type: ignore[arg-type]

    def draft(self, text: str) -> None:
        """What the office completes before signing: marked, in square brackets."""
        self.blocks.append(Para(f"[{text}]", italic=True, draft=True))

    # --- the opening -----------------------------------------------------------------

    def opening(self) -> None:
        grounds = self.head.grounds or (self.head.decision.grounds if self.head.decision else ())
        for ground in grounds:
            self.para(f"Căn cứ {ground.strip().removeprefix('Căn cứ ').rstrip('.;')};")
        if not grounds:
            self.draft(
                f"Căn cứ Kế hoạch số …/KH-… ngày … về việc triển khai xác định {self.index} "
                f"năm {self.run.period};"
            )
        self.para(
            f"{self.head.issuer_name} báo cáo kết quả xác định {self.index} năm "
            f"{self.run.period} của {addressees(self.run)} như sau:"
        )

    # --- I. how the round was run ----------------------------------------------------

    def conduct(self) -> None:
        run = self.run
        self.section("Tình hình triển khai")
        self.blocks.append(Heading("1. Tự đánh giá, chấm điểm và thẩm định", level=2))
        of = len(run.units)
        name = run.framework.name
        if not name.startswith("Bộ tiêu chí"):
            name = f"Bộ tiêu chí {name}"
        self.para(
            f"{_count(of, of)} đơn vị đã tự đánh giá, chấm điểm theo {name}; kết quả tự đánh "
            "giá của các đơn vị được thẩm định trước khi tổng hợp, xếp hạng."
        )
        self.draft(
            "Hội đồng thẩm định thành lập theo Quyết định số …; số vòng thẩm định, "
            "số đơn vị phải giải trình, bổ sung tài liệu kiểm chứng"
        )
        number = 2
        survey = fig.survey_figures(run)
        if run.framework.has_survey:
            self.blocks.append(Heading(f"{number}. Điều tra xã hội học", level=2))
            number += 1
            if survey is None:
                self.draft("Số phiếu phát ra, thu về và phương pháp điều tra")
            else:
                text = (
                    f"Đã thu về {format_count(survey.respondents)} phiếu khảo sát của "
                    f"{format_count(survey.units)} đơn vị (từ {format_count(survey.smallest)} "
                    f"đến {format_count(survey.largest)} phiếu mỗi đơn vị). Điểm điều tra xã "
                    "hội học của mỗi đơn vị được ước lượng từ mẫu phiếu thu về"
                )
                if survey.confidence is not None:
                    text += f", kèm khoảng tin cậy {format_percent(survey.confidence * 100, 0)}"
                text += "."
                if survey.under_minimum:
                    text += (
                        f" Có {_count(survey.under_minimum, survey.units)} đơn vị có câu hỏi "
                        "chưa đạt cỡ mẫu tối thiểu."
                    )
                self.para(text)
        self.blocks.append(Heading(f"{number}. Bộ tiêu chí đánh giá", level=2))
        self.para(self._framework_text())

    def _framework_text(self) -> str:
        fw = self.run.framework
        criteria = sum(len(f.criteria) for f in fw.fields)
        leaves = fig.leaf_count(self.run)
        counts = f"{format_count(len(fw.fields), pad=True)} lĩnh vực"
        if criteria:
            counts += f", {format_count(criteria, pad=True)} tiêu chí"
        if leaves > criteria:
            counts += f" và {format_count(leaves, pad=True)} tiêu chí thành phần"
        text = f"Bộ tiêu chí gồm {counts}; điểm tối đa {points(fw.max)} điểm"
        if fw.has_survey and fw.survey_max:
            text += (
                f", trong đó điểm tự đánh giá qua thẩm định {points(fw.self_max)} điểm, "
                f"điểm điều tra xã hội học {points(fw.survey_max)} điểm"
            )
        bands = sorted(fw.classes, key=lambda b: b.min, reverse=True)
        if bands:
            wording = []
            upper: Decimal | None = None
            for band in bands:
                if upper is None:
                    wording.append(f"{band.label} từ {points(band.min)} điểm trở lên")
                elif band.min > 0:
                    wording.append(
                        f"{band.label} từ {points(band.min)} đến dưới {points(upper)} điểm"
                    )
                else:
                    wording.append(f"{band.label} dưới {points(upper)} điểm")
                upper = band.min
            text += ". Xếp loại: " + "; ".join(wording)
        return text + "."

    # --- II. results -----------------------------------------------------------------

    def results(self) -> None:
        run = self.run
        self.section("Kết quả")
        groups = list(run.blocks) if run.blocked else [run.overall]
        if run.blocked:
            labels = join_vn([capitalise(block_name(b.label)) for b in run.blocks])
            self.para(
                f"Năm {run.period}, {format_count(run.of)} đơn vị được xếp hạng theo "
                f"{format_count(len(run.blocks), pad=True)} khối ({labels}); chỉ số bình quân, "
                "thứ hạng và xếp loại được tính riêng trong từng khối."
            )
        for n, group in enumerate(groups, start=1):
            title = capitalise(block_name(group.label)) if run.blocked else "Kết quả chung"
            self.blocks.append(Heading(f"{n}. {title}", level=2))
            self.group(group)
        across = " (chung các khối)" if run.blocked else ""
        self.blocks.append(Heading(f"{len(groups) + 1}. Kết quả theo lĩnh vực{across}", level=2))
        self.fields()
        if run.unsettled:
            self.para(sampling_caveat(len(run.unsettled), run.of, "tại Phụ lục kèm theo"))
        self.para(DETAIL, italic=True)

    def group(self, group: GroupEntry) -> None:
        run = self.run
        units = fig.members(run, group)
        before = fig.previous_group(self.previous, group)
        where = f" {block_name(group.label)}" if group.label else ""
        text = f"Chỉ số bình quân{where} đạt {index_text(group.average)} điểm"
        if before is not None and run.previous_period:
            change = delta_phrase(group.average - before.average)
            text += f" ({change} so với năm {run.previous_period})"
        text += "."
        if len(units) > 1:
            text += (
                f" Có {_count(len(group.above), group.of)} đơn vị đạt trên mức bình quân, "
                f"{_count(len(group.below), group.of)} đơn vị dưới mức bình quân"
            )
            if group.at:
                text += f", {_count(len(group.at), group.of)} đơn vị đạt đúng mức bình quân"
            text += "."
            top = units[: min(fig.TOP, len(units) // 2 or 1)]
            bottom = list(reversed(units[-len(top) :]))
            text += f" Dẫn đầu là {_named(top)}; thấp nhất là {_named(bottom)}."
        self.para(text)
        self.classes(group, before)
        self.blocks.append(
            Chart(
                "ranking", f"{run.framework.index_name} năm {run.period}{where}", block=group.label
            )
        )

    def classes(self, group: GroupEntry, before: GroupEntry | None) -> None:
        run = self.run
        header = ["Xếp loại", "Số đơn vị", "Tỷ lệ"]
        if before is not None and run.previous_period:
            header.append(f"Năm {run.previous_period}")
        rows = []
        for label in run.class_labels():
            count = group.class_count(label)
            row = [label, format_count(count), format_percent(_share(count, group.of), 2, False)]
            if before is not None and run.previous_period:
                row.append(format_count(before.class_count(label)))
            rows.append(tuple(row))
        self.blocks.append(
            Table(tuple(header), tuple(rows), name_column=0, numeric_from=1, compact=True)
        )

    def fields(self) -> None:
        run = self.run
        figures = fig.field_figures(run, run.units)
        weak = percent(run.framework.weak_below)
        rows = tuple(
            (
                f.code,
                f.name,
                format_percent(f.average, 2, False) if f.average is not None else "—",
                _count(f.weak, f.assessed) if f.assessed else "—",
            )
            for f in figures
        )
        self.blocks.append(
            Table(
                ("Mã", "Lĩnh vực", "Tỷ lệ đạt bình quân", f"Số đơn vị dưới {weak}"),
                rows,
                name_column=1,
                numeric_from=2,
            )
        )
        rated = [f for f in figures if f.average is not None]
        if rated:
            best = max(rated, key=lambda f: f.average or 0)
            worst = min(rated, key=lambda f: f.average or 0)
            text = (
                f"Lĩnh vực có tỷ lệ đạt bình quân cao nhất là {best.name} "
                f"({percent(best.average or Decimal(0))}); thấp nhất là {worst.name} "
                f"({percent(worst.average or Decimal(0))})."
            )
            own, survey = fig.part_average(run.units, "self"), fig.part_average(run.units, "survey")
            if own is not None and survey is not None and run.framework.has_survey:
                text += (
                    f" Điểm tự đánh giá qua thẩm định đạt bình quân {percent(own)} điểm tối đa, "
                    f"điểm điều tra xã hội học đạt {percent(survey)}"
                    + (
                        ": người dân, tổ chức đánh giá thấp hơn kết quả tự đánh giá."
                        if survey < own
                        else "."
                    )
                )
            self.para(text)

    # --- III. assessment, IV. recommendations ------------------------------------------

    def assessment(self) -> None:
        run = self.run
        self.section("Đánh giá chung")
        figures = [f for f in fig.field_figures(run, run.units) if f.average is not None]
        rises, falls = fig.movers(run.units)
        self.blocks.append(Heading("1. Ưu điểm", level=2))
        strong = sorted(figures, key=lambda f: -(f.average or 0))[:2]
        text = ""
        if strong:
            text = "Các lĩnh vực đạt kết quả cao: " + join_vn(
                [f"{f.name} ({percent(f.average or Decimal(0))})" for f in strong]
            )
            text += "."
        if rises and run.previous_period:
            compared = sum(1 for u in run.units if u.previous and u.previous.delta is not None)
            up = sum(
                1
                for u in run.units
                if u.previous and u.previous.delta is not None and u.previous.delta > 0
            )
            text += (
                f" Có {_count(up, compared)} đơn vị tăng điểm so với năm {run.previous_period}; "
                f"tăng nhiều nhất là {self._moves(rises)}."
            )
        if text:
            self.para(text.strip())
        self.draft("Cơ quan bổ sung nhận định về những ưu điểm nổi bật")
        self.blocks.append(Heading("2. Tồn tại, hạn chế", level=2))
        lost = sorted((f for f in figures if f.weak), key=lambda f: -f.weak)[:3]
        text = ""
        if lost:
            weak = percent(run.framework.weak_below)
            text = f"Các lĩnh vực có nhiều đơn vị đạt dưới {weak} số điểm tối đa: " + join_vn(
                [f"{f.name} ({_count(f.weak, f.assessed)} đơn vị)" for f in lost]
            )
            text += "."
        if falls and run.previous_period:
            text += f" Giảm nhiều nhất so với năm {run.previous_period} là {self._moves(falls)}."
        if text:
            self.para(text.strip())
        self.draft("Cơ quan bổ sung nhận định về tồn tại, hạn chế")
        self.blocks.append(Heading("3. Nguyên nhân", level=2))
        self.draft("Nguyên nhân khách quan, chủ quan của những tồn tại, hạn chế")

    def _moves(self, units: list[UnitEntry]) -> str:
        return join_vn(
            [
                f"{u.display_name} ({delta_phrase(u.previous.delta)})"
                for u in units
                if u.previous is not None and u.previous.delta is not None
            ]
        )

    def _low_classes(self) -> tuple[str, int] | None:
        """The two lowest classes of the framework that hold units, and how many units."""
        bands = sorted(self.run.framework.classes, key=lambda b: b.min)[:2]
        labels = [b.label for b in bands if any(u.class_label == b.label for u in self.run.units)]
        if not labels:
            return None
        count = sum(1 for u in self.run.units if u.class_label in labels)
        return join_vn(labels), count

    def recommendations(self) -> None:
        run = self.run
        self.section("Đề xuất, kiến nghị")
        groups = list(run.blocks) if run.blocked else [run.overall]
        tops, bottoms = [], []
        for group in groups:
            units = fig.members(run, group)
            if len(units) < 2:
                continue
            tops.extend(units[:1])
            bottoms.extend(units[-1:])
        body = sentence_name(self.head.decision_issuer_lines[-1]).replace("Ủy ban nhân dân", "UBND")
        if tops:
            where = " dẫn đầu từng khối" if run.blocked else " dẫn đầu"
            self.para(
                f"Đề nghị {body} biểu dương, khen thưởng các đơn vị{where}: "
                f"{join_vn([u.display_name for u in tops])}."
            )
        if bottoms:
            where = "cuối từng khối" if run.blocked else "cuối bảng xếp hạng"
            text = f"Đề nghị các đơn vị xếp {where} ({join_vn([u.display_name for u in bottoms])})"
            low = self._low_classes()
            if low:
                labels, count = low
                text += f" và {format_count(count, pad=True)} đơn vị xếp loại {labels}"
            text += (
                " giải trình nguyên nhân, xây dựng kế hoạch khắc phục và gửi "
                f"{self.head.issuer_name} để theo dõi."
            )
            self.para(text)
        self.para(
            f"Các cơ quan, đơn vị căn cứ kết quả {self.index} năm {run.period} phân tích "
            "những tiêu chí bị mất điểm, đề ra giải pháp cải thiện trong năm tiếp theo."
        )
        self.para(
            f"Trên đây là báo cáo kết quả xác định {self.index} năm {run.period} của "
            f"{self.head.issuer_name}./."
        )


def _share(count: int, of: int) -> Decimal:
    return Decimal(count) * 100 / of if of else Decimal(0)


def report_document(
    run: PublishedRun, head: Letterhead, previous: PublishedRun | None = None
) -> OfficialDocument:
    """The report; ``previous`` (last year's run) gives the averages' and classes' change."""
    writer = _Writer(run, head, previous)
    writer.opening()
    writer.conduct()
    writer.results()
    writer.assessment()
    writer.recommendations()
    title = report_title(run)
    return letterhead_report(head, title, tuple(writer.blocks))
