"""Import a survey: questionnaire + responses + units with their populations → survey points.

The one path from raw responses to survey points, for ``parindex survey import``, the
demo and the web's upload alike: the questionnaire is checked against the framework,
every response row is read and checked (the row report), and the points, their
intervals by the survey's design and the draws are computed with each unit's minimum sample
n = N/(1+N·e²) where its population N is known (docs/decisions.md).

>>> units = {"TC": 1000, "TH": None}
>>> populations(units)
{'TC': 1000}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.questionnaire import Questionnaire, check_against
from parindex.core.survey import DEFAULT_DRAWS, DEFAULT_SEED, LeafPoints, SurveyResult
from parindex.io.survey_responses import Mapping as ResponseMapping
from parindex.io.survey_responses import ResponseImport, read_responses

Stage = Callable[[str], AbstractContextManager[object]]

# The units a survey may name, in order, each with its population N (None: not known).
# None instead of a mapping: any unit the responses name, no population known.
SurveyUnits = Mapping[str, int | None]


@contextmanager
def no_stage(_: str) -> Iterator[None]:
    yield


@dataclass(frozen=True)
class SurveyImport:
    """The survey points of one import and the row report of the responses they came from."""

    result: SurveyResult
    responses: ResponseImport

    @property
    def counts(self) -> dict[str, int]:
        """Respondent rows read, kept and rejected (as points.json records them)."""
        return self.responses.counts

    @property
    def under_minimum(self) -> list[LeafPoints]:
        """Unit–leaf pairs whose respondents fall short of the minimum sample."""
        return [row for rows in self.result.points for row in rows if row.under_minimum]


def populations(units: SurveyUnits | None) -> dict[str, int]:
    """The known populations of the units (unit code → N)."""
    return {code: n for code, n in (units or {}).items() if n is not None}


def check_questionnaire(
    questionnaire: Questionnaire, framework: Framework, origin: str = ""
) -> None:
    """The questionnaire feeds every survey leaf of the framework and nothing else (InputError)."""
    problems = check_against(questionnaire, framework, origin=origin)
    if problems:
        raise InputError(problems)


def framework_of(questionnaire: Questionnaire, given: str | None, origin: str = "") -> str:
    """The framework a questionnaire is for: the one given, else the questionnaire's own."""
    ref = given or questionnaire.framework
    if not ref:
        raise InputError(
            [Problem("cần --framework (hoặc khóa «framework» trong phiếu điều tra)", file=origin)]
        )
    return ref


def check_responses(
    questionnaire: Questionnaire,
    responses: Path | str,
    units: SurveyUnits | None,
    mapping: ResponseMapping | Path | str | None = None,
    drop_invalid: bool = False,
    stage: Stage = no_stage,
    keep_rejected: bool = False,
    unit: str | None = None,
    repeats: Sequence[Path | str] = (),
) -> ResponseImport:
    """Read and check every response row: the row report (every bad row raises, unless
    ``drop_invalid`` keeps the good rows and answers and lists the others). What the
    collection tool's review rejected is left out and counted, unless ``keep_rejected``.
    ``unit``: the one unit of a file without a unit column; ``repeats``: the repeat groups'
    own files (ODK Central)."""
    codes: Sequence[str] | None = list(units) if units is not None else None
    with stage("Đọc và kiểm tra phiếu trả lời"):
        return read_responses(
            responses,
            questionnaire,
            codes,
            mapping=mapping,
            drop_invalid=drop_invalid,
            keep_rejected=keep_rejected,
            unit=unit,
            repeats=repeats,
        )


def import_survey(
    framework: Framework,
    questionnaire: Questionnaire,
    responses: Path | str,
    units: SurveyUnits | None,
    mapping: ResponseMapping | Path | str | None = None,
    drop_invalid: bool = False,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    questionnaire_origin: str = "",
    stage: Stage = no_stage,
    keep_rejected: bool = False,
    group_populations: Mapping[tuple[str, str], int] | None = None,
    unit: str | None = None,
    repeats: Sequence[Path | str] = (),
) -> SurveyImport:
    """Survey points from raw responses: checked questionnaire, row report, points with
    their intervals by the survey's design and draws, minimum samples from the units'
    populations, the finite population correction from the groups' populations.
    What the collection tool's review rejected is not scored, unless ``keep_rejected``.
    ``unit`` and ``repeats`` as for ``check_responses``."""
    from parindex.core.survey import compute_survey

    check_questionnaire(questionnaire, framework, questionnaire_origin)
    imported = check_responses(
        questionnaire,
        responses,
        units,
        mapping=mapping,
        drop_invalid=drop_invalid,
        stage=stage,
        keep_rejected=keep_rejected,
        unit=unit,
        repeats=repeats,
    )
    with stage("Tính điểm và khoảng tin cậy theo thiết kế mẫu"):
        result = compute_survey(
            framework,
            imported.data,
            populations(units),
            draws=draws,
            seed=seed,
            group_populations=group_populations,
        )
    return SurveyImport(result, imported)
