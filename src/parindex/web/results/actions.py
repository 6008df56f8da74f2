"""Publishing a cycle's results, and attaching its survey points."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.core.workflow import CycleState, publication_problems
from parindex.io.results_json import parse_results, without_scores
from parindex.io.survey_points import survey_from_dict
from parindex.services.scoring import check_survey
from parindex.web.audit.actions import record
from parindex.web.errors import ActionError
from parindex.web.frameworks.mappers import framework_to_core
from parindex.web.results import lost_points
from parindex.web.results.compute import compute, cycle_inputs
from parindex.web.results.display import ranking_page
from parindex.web.results.models import Publication, SurveySource


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@transaction.atomic
def do_attach_survey(cycle: Any, text: str, actor: Any, draws: bytes = b"") -> SurveySource:
    """Take a points.json (from `parindex survey import`) as the cycle's survey points.

    ``draws``: the bootstrap draws written beside it (points.draws.npz), from which the
    ranking gets its rank intervals; without them the points stand and no interval is shown.
    """
    try:
        data = json.loads(text, parse_float=Decimal)
        survey = survey_from_dict(data, draws=draws or None)
    except (json.JSONDecodeError, InputError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise ActionError("Tệp điểm điều tra xã hội học không hợp lệ", exc.problems) from exc
        raise ActionError(f"Tệp điểm điều tra xã hội học không hợp lệ: {exc}") from exc
    wrong_framework = check_survey(framework_to_core(cycle.framework), survey)
    if wrong_framework:
        raise ActionError("Tệp điểm điều tra xã hội học không dùng được", wrong_framework)
    old = SurveySource.objects.filter(cycle=cycle).first()
    source, _ = SurveySource.objects.update_or_create(
        cycle=cycle,
        defaults={
            "data": text,
            "draws": draws,
            # the draws change the ranks' intervals, so they are part of what the hash names
            "sha256": sha256(text + (hashlib.sha256(draws).hexdigest() if draws else "")),
            "uploaded_by": actor,
        },
    )
    with_draws = f", {format_count(survey.draws)} mẫu bootstrap" if survey.draws else ""
    record(
        actor,
        "survey.attach",
        cycle=cycle,
        field="survey",
        old=old.sha256[:12] if old else "",
        new=f"{source.sha256[:12]} ({format_count(len(survey.units))} đơn vị{with_draws})",
    )
    return source


@transaction.atomic
def do_publish_cycle(
    cycle: Any, decision: str, decided_on: Any, actor: Any, reason: str = ""
) -> Publication:
    """Fix the results: an immutable snapshot of inputs, framework version, results and their hash.

    A cycle already published is published again only with a reason; the old publication is kept.
    """
    not_yet = publication_problems(CycleState(cycle.state))
    if not_yet:
        raise ActionError("Chưa công bố được kết quả", not_yet)
    if not decision.strip():
        raise ActionError("Cần ghi số, ngày quyết định công bố")
    current = Publication.objects.filter(cycle=cycle, superseded_by__isnull=True).first()
    if current is not None and not reason.strip():
        raise ActionError("Kỳ đánh giá đã công bố; công bố lại cần ghi lý do")
    inputs = cycle_inputs(cycle)
    try:
        _, results = compute(cycle, inputs, decision=decision.strip())
    except InputError as exc:
        raise ActionError(
            f"Chưa tính được kết quả: còn {format_count(len(exc.problems))} vấn đề", exc.problems
        ) from exc
    summary = without_scores(results)
    publication = Publication.objects.create(
        cycle=cycle,
        decision=decision.strip(),
        decided_on=decided_on,
        published_by=actor,
        framework_sha256=cycle.framework.sha256,
        inputs=json.dumps(inputs, ensure_ascii=False, sort_keys=True),
        results=results,
        summary=summary,
        page=ranking_page(parse_results(summary)).to_json(),
        # what the unit pages show of the appraisal, as it stands now: never read live later
        lost_points=lost_points.dumps(lost_points.lost_points_of(cycle)),
        sha256=sha256(results),
        supersedes=current,
        reason=reason.strip(),
    )
    record(
        actor,
        "cycle.publish",
        cycle=cycle,
        field="publication",
        old=current.sha256[:12] if current else "",
        new=f"{decision.strip()} ({publication.sha256[:12]})",
        reason=reason,
    )
    return publication


def recompute_matches(publication: Publication) -> bool:
    """Recompute from the stored inputs and framework: the same results, digit for digit?"""
    if publication.cycle.framework.sha256 != publication.framework_sha256:
        return False
    inputs = json.loads(publication.inputs)
    _, results = compute(publication.cycle, inputs, decision=publication.decision)
    if sha256(results) == publication.sha256:
        return True
    # published before the writer learned more (criteria, bonus): every figure it has, equal
    from parindex.io.results_json import same_figures

    return sha256(publication.results) == publication.sha256 and same_figures(
        publication.results, results
    )
