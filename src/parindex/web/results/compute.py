"""A cycle's results from its rows: the inputs are gathered here, scored by ``services.scoring``."""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parindex.core.numbers import plain_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import RunResult
from parindex.core.units import Unit as CoreUnit
from parindex.core.workflow import final_score
from parindex.io.results_json import dumps, previous_from_dict, to_dict
from parindex.io.survey_points import survey_from_dict
from parindex.services.scoring import RunInputs, ScoreValues, score
from parindex.web.appraisals.models import Correction
from parindex.web.appraisals.standing import bonus_that_stands
from parindex.web.assessments.models import Score
from parindex.web.cycles.models import Participation

if TYPE_CHECKING:
    from parindex.core.published import PublishedRun
    from parindex.web.results.display import RankingPage

NOT_APPLICABLE = "KĐG"


PROVISIONALLY_OUT = "chưa gửi tự đánh giá, chưa có quyết định: tạm để ngoài khi tính thử"


def cycle_inputs(cycle: Any, provisional: bool = False) -> dict[str, Any]:
    """Everything the computation reads, as plain JSON: units, standing scores, survey points.

    ``provisional`` (the preview, the leaders' overview): a unit that never submitted, has no
    decision of the admin and lacks scores is left out of the sum, named, so that one late unit
    does not stop everyone else's provisional ranking; a publication reads strictly (the admin
    decides first: score what is there, or leave it out with a reason)."""
    participations = (
        Participation.objects.filter(cycle=cycle)
        .select_related("unit__parent")
        .prefetch_related("unit__predecessors")
        .order_by("unit__code")
    )
    from parindex.web.results.models import UnitDecision

    decisions = {
        d.unit_id: d for d in UnitDecision.objects.filter(cycle=cycle).select_related("unit")
    }
    units: list[dict[str, Any]] = []
    left_out: list[dict[str, str]] = []
    zero_fill: dict[str, UnitDecision] = {}
    kinds: dict[str, str] = {}
    for p in participations:
        unit = p.unit
        # a decision counts only while the unit has not submitted
        decision = decisions.get(unit.pk) if p.submitted_at is None else None
        if decision is not None and decision.choice == UnitDecision.Choice.LEAVE_OUT:
            left_out.append({"code": unit.code, "name": str(unit), "reason": decision.reason})
            continue
        if decision is not None:
            zero_fill[unit.code] = decision
        kinds[unit.code] = unit.kind
        units.append(
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "parent": unit.parent.code if unit.parent_id and unit.parent else "",
                "predecessors": sorted(p.code for p in unit.predecessors.all()),
            }
        )
    scores: dict[str, dict[str, str | None]] = {u["code"]: {} for u in units}
    measures: dict[str, dict[str, str]] = {}
    # plain rows, not a model instance per leaf (a national cycle has hundreds of thousands):
    # the standing points and value as score_that_stands and measure_that_stands read them
    decided: dict[int, dict[int, tuple[Decimal | None, str]]] = {}
    for score_id, round_, points, measure in Correction.objects.filter(
        score__cycle=cycle
    ).values_list("score_id", "round", "appraised_score", "appraised_measure"):
        decided.setdefault(score_id, {})[round_] = (points, measure)
    rows = Score.objects.filter(cycle=cycle).values_list(
        "pk", "unit__code", "criterion__code", "self_score", "measure", "not_applicable"
    )
    for pk, unit_code, leaf_code, own, own_measure, not_applicable in rows:
        if unit_code not in scores:  # left out of this cycle
            continue
        rounds = decided.get(pk, {})
        round1, round2 = rounds.get(1, (None, "")), rounds.get(2, (None, ""))
        standing = final_score(None if not_applicable else own, round1[0], round2[0])
        scores[unit_code][leaf_code] = (
            NOT_APPLICABLE
            if not_applicable
            else (None if standing is None else plain_decimal(standing))
        )
        if standing is None:
            continue
        if round2[0] is not None:
            measure = round2[1]
        elif round1[0] is not None:
            measure = round1[1]
        else:
            measure = "" if not_applicable else own_measure
        if measure:
            measures.setdefault(unit_code, {})[leaf_code] = measure
    adjustments: dict[str, dict[str, str]] = {}
    for (unit_code, code), points in bonus_that_stands(
        cycle, cycle.framework.to_core().bonus
    ).items():
        if unit_code in scores:
            adjustments.setdefault(unit_code, {})[code] = plain_decimal(points)
    if provisional:
        undecided = {
            p.unit.code
            for p in participations
            if p.submitted_at is None and p.unit_id not in decisions
        }
        for u in [
            u for u in units if u["code"] in undecided and None in scores[u["code"]].values()
        ]:
            units.remove(u)
            del scores[u["code"]]
            name = next(str(p.unit) for p in participations if p.unit.code == u["code"])
            left_out.append({"code": u["code"], "name": name, "reason": PROVISIONALLY_OUT})
            adjustments.pop(u["code"], None)
    zeroed = _zero_fill(cycle, scores, zero_fill, kinds)
    from parindex.web.results.models import Publication, SurveySource

    # Read afresh: an instance's cached survey_source may predate a new upload.
    survey = SurveySource.objects.filter(cycle=cycle).first()
    survey_data = json.loads(survey.data) if survey else None
    survey_draws = bytes(survey.draws) if survey and survey.draws else b""
    survey_data, survey_draws, typed = with_manual_survey(cycle, survey_data, survey_draws)
    previous = None

    earlier = (
        Publication.objects.filter(
            cycle__framework__family=cycle.framework.family,
            cycle__period__lt=cycle.period,
            superseded_by__isnull=True,
        )
        .exclude(cycle=cycle)
        .order_by("-cycle__period", "-published_at")
        .first()
    )
    if earlier is not None:
        previous = earlier.pk
    inputs = {
        "framework": cycle.framework.code,
        "framework_sha256": cycle.framework.sha256,
        "period": cycle.period,
        "block_by": cycle.block_by or None,
        "units": units,
        "scores": scores,
        "measures": measures,
        "adjustments": adjustments,
        "survey": survey_data,
        "survey_draws": base64.b64encode(survey_draws).decode("ascii") if survey_draws else None,
        "previous_publication": previous,
    }
    # what the admin decided, for the pages (the scores above already carry it)
    if left_out:
        inputs["left_out"] = left_out
    if zeroed:
        inputs["zeroed"] = zeroed
    if typed:
        inputs["survey_typed"] = typed
    if cycle.blocks:  # a round's cycle: the scheme's blocks of its kinds, in the scheme's order
        inputs["blocks"] = [{"name": b["name"], "kinds": b["kinds"]} for b in cycle.blocks]
    return inputs


def _zero_fill(
    cycle: Any,
    scores: dict[str, dict[str, str | None]],
    decided: dict[str, Any],
    kinds: dict[str, str],
) -> list[dict[str, Any]]:
    """Units the admin chose to score as they are: every self-scored leaf still without points
    takes 0; which ones, per unit, so that the pages can flag them."""
    if not decided:
        return []
    leaves = [leaf for leaf in cycle.framework.to_core().leaves if leaf.source != "survey"]
    zeroed: list[dict[str, Any]] = []
    for code, decision in decided.items():
        missing = [
            leaf.code
            for leaf in leaves
            if leaf.applies(kinds[code]) and scores[code].get(leaf.code) is None
        ]
        for leaf_code in missing:
            scores[code][leaf_code] = "0"
        zeroed.append(
            {
                "code": code,
                "name": str(decision.unit),
                "reason": decision.reason,
                "criteria": missing,
            }
        )
    return zeroed


def with_manual_survey(
    cycle: Any, data: dict[str, Any] | None, draws: bytes
) -> tuple[dict[str, Any] | None, bytes, list[dict[str, str]]]:
    """The survey points with the units' points typed by hand put in place of theirs.

    Typed points have no respondents and no simulated draws; when they are there, the survey's
    draws are dropped (the ranks' intervals would not cover every unit alike)."""
    from parindex.web.results.models import SurveyManual

    typed = list(
        SurveyManual.objects.filter(cycle=cycle).select_related("unit").order_by("unit__code")
    )
    if not typed:
        return data, draws, []
    framework = cycle.framework.to_core()
    leaves = [leaf for leaf in framework.leaves if leaf.source == "survey"]
    if data is None:
        data = {
            "format": "parindex.survey/1",
            "questionnaire": "",
            "framework": framework.id,
            "seed": 0,
            "draws": 0,
            "confidence": 0.95,
            "counts": {},
            "leaves": [{"code": leaf.code, "max": plain_decimal(leaf.max)} for leaf in leaves],
            "draws_file": None,
            "units": [],
        }
    else:
        data = dict(data)
    by_code = {str(u["unit"]): u for u in data.get("units", [])}
    for row in typed:
        points = {leaf.code: Decimal(str(row.points.get(leaf.code, "0"))) for leaf in leaves}
        by_code[row.unit.code] = {
            "unit": row.unit.code,
            "respondents": 0,
            "total": {
                "points": plain_decimal(sum(points.values(), Decimal(0))),
                "low": None,
                "high": None,
            },
            "under_minimum": [],
            "leaves": [
                {
                    "leaf": leaf.code,
                    "n": 0,
                    "required": 0,
                    "under_minimum": False,
                    "value": None,
                    "points": plain_decimal(points[leaf.code]),
                    "max": plain_decimal(leaf.max),
                    "low": None,
                    "high": None,
                }
                for leaf in leaves
            ],
        }
    data["units"] = list(by_code.values())
    data["draws"] = 0
    data["draws_file"] = None
    notes = [{"code": row.unit.code, "name": str(row.unit), "reason": row.reason} for row in typed]
    return data, b"", notes


def _in_blocks(
    framework: Any, period: str, blocks: Any, units: list[CoreUnit]
) -> tuple[list[CoreUnit], list[Problem]]:
    """A round's cycle: each unit in its block by the scheme's rule (``Scheme.assign``), the
    units in the scheme's order of blocks, so that blocks are listed in that order."""
    from parindex.web.cycles.mappers import blocks_from_json, part_scheme

    scheme = part_scheme(framework, blocks_from_json(blocks), period)
    try:
        return scheme.assign(units, origin="đơn vị tham gia")[framework.id], []
    except InputError as exc:
        return units, list(exc.problems)


def compute(
    cycle: Any, inputs: dict[str, Any], decision: str | None = None
) -> tuple[RunResult, str]:
    """Score the inputs through the scoring service; the run and its results.json text.

    InputError lists what is missing.
    """
    run = compute_run(cycle, inputs)
    return run, dumps(to_dict(run, decision=decision))


def compute_run(cycle: Any, inputs: dict[str, Any]) -> RunResult:
    """Score the inputs through the scoring service (``compute`` without the text)."""
    from parindex.web.results.models import Publication

    framework = cycle.framework.to_core()
    units = [
        CoreUnit(u["code"], u["name"], u["kind"], u["parent"], tuple(u["predecessors"]))
        for u in inputs["units"]
    ]
    values: dict[tuple[str, str], Decimal | None] = {}
    unscored: list[tuple[str, str]] = []
    for unit_code, leaves in inputs["scores"].items():
        for leaf, raw in leaves.items():
            if raw == NOT_APPLICABLE:
                values[(unit_code, leaf)] = None
            elif raw is None:
                unscored.append((unit_code, leaf))
            else:
                values[(unit_code, leaf)] = Decimal(raw)
    survey = None
    if inputs["survey"] is not None and any(leaf.source == "survey" for leaf in framework.leaves):
        draws = inputs.get("survey_draws")
        survey = survey_from_dict(
            json.loads(json.dumps(inputs["survey"]), parse_float=Decimal),
            draws=base64.b64decode(draws) if draws else None,
        )
    previous = None
    previous_origin = ""
    if inputs.get("previous_publication"):
        from parindex.web.results.models import read_once

        earlier = Publication.objects.only("sha256", "decision").get(
            pk=inputs["previous_publication"]
        )

        def read_previous() -> Any:
            full = Publication.objects.values_list("results", flat=True).get(pk=earlier.pk)
            return previous_from_dict(json.loads(full, parse_float=Decimal), earlier.decision)

        # a publication never changes: its results read once per process, not per preview
        previous = read_once((earlier.sha256, f"previous {earlier.decision}"), read_previous)
        previous_origin = earlier.decision
    gathered: list[Problem] = []
    if inputs.get("blocks"):
        units, gathered = _in_blocks(framework, inputs["period"], inputs["blocks"], units)
    return score(
        RunInputs(
            framework=framework,
            period=inputs["period"],
            scores=ScoreValues(
                units,
                values,
                unscored,
                adjustments={
                    (unit_code, code): Decimal(raw)
                    for unit_code, items in inputs.get("adjustments", {}).items()
                    for code, raw in items.items()
                },
                measures={
                    (unit_code, leaf): text
                    for unit_code, leaves in inputs.get("measures", {}).items()
                    for leaf, text in leaves.items()
                },
            ),
            survey=survey,
            survey_origin="điểm điều tra xã hội học",
            previous=previous,
            previous_origin=previous_origin,
            block_by=inputs.get("block_by"),
            problems=gathered,
        )
    )


def provisional(cycle: Any, inputs: dict[str, Any]) -> tuple[PublishedRun, RankingPage]:
    """The run of ``inputs`` and its ranking page as a preview shows it (no unit pages to link
    to, no charts), computed once per process for the same inputs: the preview, the leaders'
    overview and the confirmation page read it again and again while nothing changed.

    Kept with the publications read (``results.models.KEPT``, least recently used out first);
    the key is the inputs' hash, so any change of a score, decision or survey computes afresh.
    InputError as ``compute``.
    """
    from parindex.io.results_json import parse_results
    from parindex.web.results.display import ranking_page
    from parindex.web.results.models import read_once

    key = hashlib.sha256(
        json.dumps(inputs, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    ).hexdigest()

    def read() -> tuple[str, Any]:
        try:
            # compact: what people read of it is the page (indenting is pure Python, slow)
            text = json.dumps(
                to_dict(compute_run(cycle, inputs)), ensure_ascii=False, separators=(",", ":")
            )
            run = parse_results(text)
        except InputError as exc:
            return "problems", exc.problems
        return "run", (run, ranking_page(run, relative_links=False, charts=False))

    outcome, value = read_once((key, "provisional"), read)
    if outcome == "problems":
        raise InputError(value)
    result: tuple[PublishedRun, RankingPage] = value
    return result
