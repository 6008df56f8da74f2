"""Score a run: the one path from gathered inputs to a RunResult.

``parindex score``, the demo, the web's preview, publication and recompute check all
call :func:`score`. The front ends only gather the inputs — scores from a file
(:class:`ScoresFile`) or from the database's rows (:class:`ScoreValues`), the units, the
survey points, the previous run — and the rules run here and in the core: the previous
run must be comparable, the survey points must be for this framework, the survey
leaves take their points from the survey, then ``score_run`` ranks, classifies and
compares, and a survey that carries respondents or draws adds each unit's sample and
rank interval.

Every problem is collected and raised at once (``InputError``).

>>> from decimal import Decimal
>>> from parindex.core.framework import parse_framework
>>> from parindex.core.units import Unit
>>> fw = parse_framework({"id": "t", "name": "T", "level": "commune", "year": 2024,
...     "classes": [{"label": "Khá", "min": 70}, {"label": "Yếu", "min": 0}],
...     "fields": [{"code": "1", "name": "A", "max": 10}]})
>>> units = (Unit("A", "An"), Unit("B", "Bình"))
>>> scores = ScoreValues(units, {("A", "1"): Decimal(8), ("B", "1"): Decimal("6.5")})
>>> run = score(RunInputs(fw, "2024", scores))
>>> [(r.unit.code, r.rank, str(r.index)) for r in run.units]
[('A', 1, '80.00'), ('B', 2, '65.00')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import PreviousRun, RunResult, ScoreTable, check_previous, score_run
from parindex.core.units import Unit

if TYPE_CHECKING:  # the survey's modules load only for a run that has one
    from parindex.core.survey import SurveyResult

Stage = Callable[[str], AbstractContextManager[object]]


@contextmanager
def no_stage(_: str) -> Iterator[None]:
    yield


class ScoreSource(Protocol):
    """Where a run's scores come from; builds the score table with the survey's points."""

    def table(
        self, framework: Framework, survey: SurveyResult | None, survey_origin: str
    ) -> ScoreTable: ...


@dataclass(frozen=True)
class ScoresFile:
    """A scores file (long table or the fill-in workbook), checked with located errors."""

    path: Path | str
    units: Sequence[Unit] | None = None
    units_file: str = "danh sách đơn vị"

    def table(
        self, framework: Framework, survey: SurveyResult | None, survey_origin: str
    ) -> ScoreTable:
        from parindex.io.scores import read_scores

        return read_scores(
            self.path,
            framework,
            self.units,
            units_file=self.units_file,
            survey=survey,
            survey_file=survey_origin,
        )


@dataclass(frozen=True)
class ScoreValues:
    """Scores gathered from rows: (unit, leaf) → points, None for not applicable.

    ``unscored`` lists the (unit, leaf) cells that have no score yet; a cell of a leaf that
    does not apply to the unit's kind (``applies_to``) needs none and is left out. The survey
    leaves are never in ``values``: they take the survey's points. ``adjustments`` are the
    bonus/penalty items' points, (unit, item) → points (negative for a penalty; absent: 0);
    ``measures`` the value a rule leaf was scored from, (unit, leaf) → "97,3", "35/36", "KPS".
    """

    units: Sequence[Unit]
    values: Mapping[tuple[str, str], Decimal | None]
    unscored: Sequence[tuple[str, str]] = ()
    adjustments: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)
    measures: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def table(
        self, framework: Framework, survey: SurveyResult | None, survey_origin: str
    ) -> ScoreTable:
        kinds = {unit.code: unit.kind for unit in self.units}
        problems = [
            Problem("chưa có điểm", unit=u, criterion=code)
            for u, code in self.unscored
            if (leaf := framework.node(code)) is None or leaf.applies(kinds.get(u, ""))
        ]
        values = dict(self.values)
        problems += _survey_points(framework, self.units, survey, survey_origin, values)
        if problems:
            raise InputError(problems)
        return ScoreTable.from_scores(
            framework, self.units, values, adjustments=self.adjustments, measures=self.measures
        )


def _survey_points(
    framework: Framework,
    units: Sequence[Unit],
    survey: SurveyResult | None,
    survey_origin: str,
    values: dict[tuple[str, str], Decimal | None],
) -> list[Problem]:
    """Put the survey's points on the survey leaves of every unit; what is missing."""
    maxima = {leaf.code: leaf.max for leaf in framework.leaves if leaf.source == "survey"}
    if not maxima:
        return []
    if survey is None:
        return [Problem("chưa nhập điểm điều tra xã hội học cho kỳ đánh giá này")]
    from parindex.core.survey import points_for_units

    found, problems = points_for_units(
        survey, [u.code for u in units], list(maxima), survey_origin, maxima
    )
    values.update(found)
    return problems


@dataclass(frozen=True)
class RunInputs:
    """Everything a run is scored from, as a front end gathered it.

    ``problems`` are those found while gathering (a units file that did not read, …):
    they are raised together with the ones found here.
    """

    framework: Framework
    period: str
    scores: ScoreSource
    survey: SurveyResult | None = None
    survey_origin: str = ""
    previous: PreviousRun | None = None
    previous_origin: str = ""
    block_by: str | None = None
    problems: Sequence[Problem] = field(default_factory=tuple)


def check_survey(framework: Framework, survey: SurveyResult, origin: str = "") -> list[Problem]:
    """Survey points must have been computed for this framework."""
    if survey.framework and survey.framework != framework.id:
        return [
            Problem(
                f"điểm điều tra tính cho bộ tiêu chí «{survey.framework}», không phải «{framework.id}»",
                file=origin,
            )
        ]
    return []


def carries_sample(survey: SurveyResult) -> bool:
    """Whether the survey has respondents or draws to report (points typed in have neither)."""
    return bool(survey.draws) or any(survey.respondents)


def score(inputs: RunInputs, stage: Stage = no_stage) -> RunResult:
    """Check and score one run: the whole of ``parindex score`` without reading or writing files."""
    fw = inputs.framework
    problems = list(inputs.problems)
    if inputs.previous is not None:
        problems += check_previous(fw, inputs.previous, origin=inputs.previous_origin)
    if inputs.survey is not None:
        problems += check_survey(fw, inputs.survey, inputs.survey_origin)
    table = None
    with stage("Đọc và kiểm tra bảng điểm"):
        try:
            table = inputs.scores.table(fw, inputs.survey, inputs.survey_origin)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems or table is None:
        raise InputError(problems)
    with stage("Tính điểm, xếp hạng, xếp loại"):
        run = score_run(table, inputs.period, previous=inputs.previous, block_by=inputs.block_by)
    if inputs.survey is not None and carries_sample(inputs.survey):
        from parindex.core.uncertainty import attach_survey

        with stage("Khoảng tin cậy của vị thứ"):
            run = attach_survey(run, inputs.survey)
    return run


def score_files(
    framework_ref: str,
    scores: Path | str,
    units: Path | str | None = None,
    previous: Path | str | None = None,
    period: str | None = None,
    block_by: str | None = None,
    survey: Path | str | None = None,
    stage: Stage = no_stage,
) -> RunResult:
    """Read every input file (all problems at once), then :func:`score`: ``parindex score``."""
    from parindex.io.frameworks import resolve_framework
    from parindex.io.results_json import read_previous
    from parindex.io.units import read_units

    problems: list[Problem] = []
    with stage("Đọc bộ tiêu chí"):
        fw = resolve_framework(framework_ref)
    unit_list = None
    prev = None
    with stage("Đọc danh sách đơn vị và kết quả kỳ trước"):
        if units:
            try:
                unit_list = read_units(units)
            except InputError as exc:
                problems.extend(exc.problems)
        if previous:
            try:
                prev = read_previous(previous)
            except InputError as exc:
                problems.extend(exc.problems)
    survey_result = None
    if survey:
        from parindex.io.survey_points import read_survey

        with stage("Đọc điểm điều tra xã hội học"):
            try:
                survey_result = read_survey(survey)
            except InputError as exc:
                problems.extend(exc.problems)
    source = ScoresFile(
        scores, unit_list, units_file=Path(units).name if units else "danh sách đơn vị"
    )
    return score(
        RunInputs(
            framework=fw,
            period=period or str(fw.year),
            scores=source,
            survey=survey_result,
            survey_origin=Path(survey).name if survey else "",
            previous=prev,
            previous_origin=Path(previous).name if previous else "",
            block_by=block_by,
            problems=problems,
        ),
        stage=stage,
    )
