"""A cycle's results from its rows: the inputs are gathered here, scored by ``services.scoring``."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

from parindex.core.numbers import plain_decimal
from parindex.core.problems import InputError, Problem
from parindex.core.scoring import RunResult
from parindex.core.units import Unit as CoreUnit
from parindex.io.results_json import dumps, previous_from_dict, to_dict
from parindex.io.survey_points import survey_from_dict
from parindex.services.scoring import RunInputs, ScoreValues, score
from parindex.web.appraisals.actions import score_that_stands
from parindex.web.appraisals.standing import bonus_that_stands, measure_that_stands
from parindex.web.assessments.models import Score
from parindex.web.cycles.models import Participation

NOT_APPLICABLE = "KĐG"


def cycle_inputs(cycle: Any) -> dict[str, Any]:
    """Everything the computation reads, as plain JSON: units, standing scores, survey points."""
    participations = (
        Participation.objects.filter(cycle=cycle)
        .select_related("unit__parent")
        .order_by("unit__code")
    )
    units: list[dict[str, Any]] = []
    for p in participations:
        unit = p.unit
        units.append(
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "parent": unit.parent.code if unit.parent_id and unit.parent else "",
                "predecessors": sorted(unit.predecessors.values_list("code", flat=True)),
            }
        )
    scores: dict[str, dict[str, str | None]] = {u["code"]: {} for u in units}
    measures: dict[str, dict[str, str]] = {}
    rows = (
        Score.objects.filter(cycle=cycle)
        .select_related("unit", "criterion")
        .prefetch_related("corrections")
    )
    for s in rows:
        standing = score_that_stands(s)
        scores[s.unit.code][s.criterion.code] = (
            NOT_APPLICABLE
            if s.not_applicable
            else (None if standing is None else plain_decimal(standing))
        )
        if standing is not None and (measure := measure_that_stands(s)):
            measures.setdefault(s.unit.code, {})[s.criterion.code] = measure
    adjustments: dict[str, dict[str, str]] = {}
    for (unit_code, code), points in bonus_that_stands(
        cycle, cycle.framework.to_core().bonus
    ).items():
        adjustments.setdefault(unit_code, {})[code] = plain_decimal(points)
    from parindex.web.results.models import Publication, SurveySource

    # Read afresh: an instance's cached survey_source may predate a new upload.
    survey = SurveySource.objects.filter(cycle=cycle).first()
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
        "survey": json.loads(survey.data) if survey else None,
        "survey_draws": base64.b64encode(bytes(survey.draws)).decode("ascii")
        if survey and survey.draws
        else None,
        "previous_publication": previous,
    }
    if cycle.blocks:  # a round's cycle: the scheme's blocks of its kinds, in the scheme's order
        inputs["blocks"] = [{"name": b["name"], "kinds": b["kinds"]} for b in cycle.blocks]
    return inputs


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
        earlier = Publication.objects.get(pk=inputs["previous_publication"])
        previous = previous_from_dict(
            json.loads(earlier.results, parse_float=Decimal), earlier.decision
        )
        previous_origin = earlier.decision
    gathered: list[Problem] = []
    if inputs.get("blocks"):
        units, gathered = _in_blocks(framework, inputs["period"], inputs["blocks"], units)
    run = score(
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
    return run, dumps(to_dict(run, decision=decision))
