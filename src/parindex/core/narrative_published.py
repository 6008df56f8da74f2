"""The narrative's sentences from a published run (a results.json read into a
``PublishedRun``): its entries in the shape ``core.narrative`` words, so the documents and
the web pages say exactly what report.md says."""

from __future__ import annotations

from decimal import Decimal

from parindex.core.narrative import (
    _blocks_paragraph,
    _group_paragraphs,
    _unit_section,
    block_name,
    capitalise,
)
from parindex.core.published import GroupEntry, PartEntry, PublishedRun, UnitEntry
from parindex.core.scoring import (
    FieldResult,
    GroupSummary,
    Part,
    Predecessor,
    Previous,
    SurveyInfo,
    UnitResult,
)
from parindex.core.units import Unit

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
        run.framework.index_name,
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
        else _group_paragraphs(
            run.period, units, group_summary_of(run.overall), run.framework.index_name
        )
    )
    sections: list[tuple[str | None, list[str]]] = [(None, first)]
    for block in run.blocks:
        sections.append(
            (
                capitalise(block_name(block.label)),
                _group_paragraphs(
                    run.period, units, group_summary_of(block), run.framework.index_name
                ),
            )
        )
    return sections
