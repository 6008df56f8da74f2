"""The row report: every problem of every rejected row, the rows the collection tool's review
left out, and what an import kept."""

from __future__ import annotations

from dataclasses import dataclass

from parindex.core.numbers import format_count
from parindex.core.problems import Problem
from parindex.core.survey import SurveyData

# What ``drop_invalid`` left out for one problem, as the row report says it
DROPPED = {
    "row": "bỏ phiếu",  # the respondent (unit, group, id, blank row)
    "answer": "bỏ câu trả lời",  # that one answer only; the respondent's other answers count
    "repeat": "bỏ dòng của nhóm lặp",  # a repeat group's row that belongs to no respondent
}


@dataclass(frozen=True)
class RejectedRow:
    """One problem of one row; a row with several problems appears once per problem."""

    row: int  # as the spreadsheet shows it; the header is row 1
    column: str  # header of the column at fault ("" for the whole row)
    value: str  # the cell as exported ("" for the whole row)
    reason: str  # Vietnamese, names the value
    where: str = ""  # "dòng 5, ô D5 (grp_chung/q1)"
    unit: str = ""  # the row's unit code when known
    dropped: str = "row"  # what drop_invalid left out: a key of DROPPED
    file: str = ""  # the repeat group's file when not the export itself (ODK Central)
    sheet: str = ""  # the repeat group's sheet or file, "" for the export's own rows

    @property
    def action(self) -> str:
        """«bỏ phiếu» (the respondent), «bỏ câu trả lời» (that answer only) …"""
        return DROPPED[self.dropped]

    def problem(self, file: str) -> Problem:
        return Problem(self.reason, where=self.where, file=self.file or file, unit=self.unit)


@dataclass(frozen=True)
class ExcludedRows:
    """The rows the collection tool's own review left out for one reason (``shapes.REVIEWS``):
    not scored, not checked; or, when kept on request, scored like the others."""

    reason: str  # "rejected" (ODK Central), "not_approved" (KoBoToolbox), "incomplete" (LimeSurvey)
    what: str  # Vietnamese: "bị từ chối trên ODK Central (ReviewState = rejected)"
    column: str  # the review column's header as exported
    rows: tuple[int, ...]  # row numbers as the sheet shows them
    kept: bool = False  # scored all the same (keep_rejected)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def message(self) -> str:
        """«12 phiếu bị từ chối trên ODK Central (ReviewState = rejected) không được tính»."""
        outcome = "vẫn được tính (theo yêu cầu giữ lại)" if self.kept else "không được tính"
        return f"{format_count(self.count)} phiếu {self.what} {outcome}"


@dataclass(frozen=True)
class ResponseImport:
    data: SurveyData  # the kept rows only
    read: int  # respondent rows in the file (completely blank lines are not rows)
    kept: int
    rejected: tuple[RejectedRow, ...]  # every problem of every dropped row or answer, by row
    shape: str  # one of SHAPES
    ignored_columns: tuple[str, ...] = ()  # headers not used and not the tool's own
    columns: tuple[tuple[str, str], ...] = ()  # (header, meaning) of every column read
    file: str = ""
    excluded: tuple[ExcludedRows, ...] = ()  # left out (or kept) by the tool's review, by reason

    @property
    def excluded_rows(self) -> int:
        """Rows left out by the tool's review (none when they were kept on request)."""
        return sum(e.count for e in self.excluded if not e.kept)

    @property
    def rejected_rows(self) -> int:
        return self.read - self.kept - self.excluded_rows

    @property
    def dropped_answers(self) -> int:
        """Answers left out on their own (``drop_invalid``), their respondents kept."""
        return sum(1 for r in self.rejected if r.dropped == "answer")

    @property
    def counts(self) -> dict[str, int]:
        """Respondent rows read, kept and rejected (as points.json records them), and those the
        tool's review left out when there are any (read = kept + rejected + excluded)."""
        counts = {"read": self.read, "kept": self.kept, "rejected": self.rejected_rows}
        if self.excluded_rows:
            counts["excluded"] = self.excluded_rows
        return counts

    def problems(self) -> list[Problem]:
        return [r.problem(self.file) for r in self.rejected]
