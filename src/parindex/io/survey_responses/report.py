"""The row report: every problem of every rejected row, and what an import kept."""

from __future__ import annotations

from dataclasses import dataclass

from parindex.core.problems import Problem
from parindex.core.survey import SurveyData


@dataclass(frozen=True)
class RejectedRow:
    """One problem of one row; a row with several problems appears once per problem."""

    row: int  # as the spreadsheet shows it; the header is row 1
    column: str  # header of the column at fault ("" for the whole row)
    value: str  # the cell as exported ("" for the whole row)
    reason: str  # Vietnamese, names the value
    where: str = ""  # "dòng 5, ô D5 (grp_chung/q1)"
    unit: str = ""  # the row's unit code when known

    def problem(self, file: str) -> Problem:
        return Problem(self.reason, where=self.where, file=file, unit=self.unit)


@dataclass(frozen=True)
class ResponseImport:
    data: SurveyData  # the kept rows only
    read: int  # respondent rows in the file (completely blank lines are not rows)
    kept: int
    rejected: tuple[RejectedRow, ...]  # every problem of every dropped row, by row
    shape: str  # one of SHAPES
    ignored_columns: tuple[str, ...] = ()  # headers not used and not the tool's own
    columns: tuple[tuple[str, str], ...] = ()  # (header, meaning) of every column read
    file: str = ""

    @property
    def rejected_rows(self) -> int:
        return self.read - self.kept

    @property
    def counts(self) -> dict[str, int]:
        """Respondent rows read, kept and rejected (as points.json records them)."""
        return {"read": self.read, "kept": self.kept, "rejected": self.read - self.kept}

    def problems(self) -> list[Problem]:
        return [r.problem(self.file) for r in self.rejected]
