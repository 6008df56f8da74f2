"""The ranking as people read it, built from a published run once per publication.

A publication never changes, so its ranking rows, sort keys and charts are rendered when
it is published and stored as a ``RankingPage`` (``Publication.page``); filters and sorts
only pick rows. The admin's preview builds the same page on the fly, so both list and
sort the units the same way (``ORDERINGS``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from html import escape
from typing import Any

from parindex.core.collation import unit_name_key
from parindex.core.narrative import index_text, join_vn, percent, points
from parindex.core.numbers import (
    format_count,
    format_place,
    format_signed,
    format_signed_count,
    to_decimal,
)
from parindex.core.published import PublishedRun, UnitEntry
from parindex.reports.svg_charts import HeatCell, HeatRow, LegendItem


@dataclass(frozen=True)
class RankingRow:
    """One unit's row of the ranking table, every figure already worded (83,05; 3.307/3.321)."""

    code: str
    name: str
    rank: str
    interval: str
    block: str
    index: str
    class_label: str
    self_points: str
    survey_points: str
    fields: tuple[str, ...]
    field_percents: tuple[str, ...]
    delta: str
    rank_change: int | None

    @property
    def rank_change_text(self) -> str:
        return "" if self.rank_change is None else f" ({format_signed_count(self.rank_change)} bậc)"


def ranking_row(unit: UnitEntry) -> RankingRow:
    prev = unit.previous
    return RankingRow(
        code=unit.code,
        name=unit.display_name,
        rank=format_place(unit.rank, unit.of),
        interval="–".join(format_count(x) for x in unit.rank_interval)
        if unit.rank_interval is not None and unit.unsettled
        else "",
        block=unit.block or "",
        index=index_text(unit.index),
        class_label=unit.class_label,
        self_points=points(unit.self_part.score) if unit.self_part is not None else "",
        survey_points=points(unit.survey.score) if unit.survey is not None else "",
        fields=tuple(points(f.score) for f in unit.fields),
        field_percents=tuple(
            "KĐG" if f.percent is None else percent(f.percent) for f in unit.fields
        ),
        delta=format_signed(prev.delta) if prev is not None and prev.delta is not None else "",
        rank_change=prev.rank_change if prev is not None else None,
    )


def ranking_rows(units: Iterable[UnitEntry]) -> list[RankingRow]:
    """The ranking table as people read it; public: no evidence, no reasons."""
    return [ranking_row(u) for u in units]


def rows_html(
    rows: Sequence[RankingRow], blocked: bool, compared: bool, relative_links: bool = True
) -> str:
    """The ranking table's body, built directly: a Django template loop over 3,321 rows × 17 cells
    costs more than half a second; this costs a few tens of milliseconds."""
    out = []
    for r in rows:
        name = escape(r.name)
        if relative_links:  # the page is /cong-khai/<publication>/; unit pages lie below it
            name = f'<a href="don-vi/{escape(r.code)}/">{name}</a>'
        interval = f'<br><span class="muted">({r.interval})</span>' if r.interval else ""
        cells = [f'<td class="num">{r.rank}{interval}</td><td>{name}</td>']
        if blocked:
            cells.append(f"<td>{escape(r.block)}</td>")
        cells.extend(
            f'<td class="num">{v}<br><span class="muted pct">{p}</span></td>'
            for v, p in zip(r.fields, r.field_percents, strict=True)
        )
        cells.append(
            f'<td class="num">{r.self_points}</td><td class="num">{r.survey_points}</td>'
            f'<td class="num"><strong>{r.index}</strong></td><td>{escape(r.class_label)}</td>'
        )
        if compared:
            cells.append(f'<td class="num">{r.delta}{r.rank_change_text}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


# --- filters and sorts -------------------------------------------------------------------


@dataclass(frozen=True)
class SortKey:
    """What the filters and sorts of the ranking read of one unit."""

    code: str
    kind: str
    class_label: str
    block: str
    block_position: int
    rank: int
    name: str  # case-folded, for sorting by name
    index: Decimal
    delta: Decimal | None  # None: a unit with nothing to compare with (new)

    def as_list(self) -> list[Any]:
        """Stored compactly (a national page holds thousands)."""
        return [
            self.code,
            self.kind,
            self.class_label,
            self.block,
            [self.block_position, self.rank],
            self.name,
            str(self.index),
            None if self.delta is None else str(self.delta),
        ]

    @classmethod
    def from_list(cls, item: Sequence[Any]) -> SortKey:
        place = item[4]
        # pages stored before ranking in blocks hold the rank alone
        position, rank = (place[0], place[1]) if isinstance(place, list) else (0, place)
        return cls(
            code=str(item[0]),
            kind=str(item[1]),
            class_label=str(item[2]),
            block=str(item[3]),
            block_position=int(position),
            rank=int(rank),
            name=str(item[5]),
            index=to_decimal(item[6]) or Decimal(0),
            delta=to_decimal(item[7]) if item[7] is not None else None,
        )


def sort_key(run: PublishedRun, unit: UnitEntry) -> SortKey:
    prev = unit.previous
    return SortKey(
        code=unit.code,
        kind=unit.kind,
        class_label=unit.class_label,
        block=unit.block or "",
        block_position=run.block_position(unit.block),
        rank=unit.rank,
        name=unit.display_name.casefold(),
        index=unit.index,
        delta=prev.delta if prev is not None else None,
    )


def by_rank(k: SortKey) -> tuple[int, int, str]:
    """Rank order; block by block when the run ranks in blocks."""
    return (k.block_position, k.rank, k.code)


def by_name(k: SortKey) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], str]:
    """Vietnamese alphabetical order of the names, the kind ("xã", "phường") left out."""
    return (unit_name_key(k.name), k.code)


def by_index(k: SortKey) -> tuple[Decimal, str]:
    return (-k.index, k.code)


def by_change(k: SortKey) -> tuple[bool, Decimal, str]:
    """Largest rise first; an unchanged unit (0) before the new ones (nothing to compare)."""
    return (k.delta is None, -(k.delta or Decimal(0)), k.code)


ORDERINGS: dict[str, Callable[[SortKey], Any]] = {
    "hang": by_rank,
    "ten": by_name,
    "chi-so": by_index,
    "thay-doi": by_change,
}
"""The ranking's sorts (?sap-xep=…), the same for the preview and the published page."""

DEFAULT_ORDER = "hang"


@dataclass(frozen=True)
class Choice:
    """The filters and sort asked for (?loai=&xep-loai=&khoi=&sap-xep=)."""

    loai: str = ""
    xep_loai: str = ""
    khoi: str = ""
    sap_xep: str = DEFAULT_ORDER

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Choice:
        order = query.get("sap-xep", "") or DEFAULT_ORDER
        return cls(
            loai=query.get("loai", ""),
            xep_loai=query.get("xep-loai", ""),
            khoi=query.get("khoi", ""),
            sap_xep=order if order in ORDERINGS else DEFAULT_ORDER,
        )

    @property
    def filtered(self) -> bool:
        return bool(self.loai or self.xep_loai or self.khoi) or self.sap_xep != DEFAULT_ORDER

    def pick(self, keys: Iterable[SortKey]) -> list[SortKey]:
        shown = [
            k
            for k in keys
            if (not self.loai or k.kind == self.loai)
            and (not self.xep_loai or k.class_label == self.xep_loai)
            and (not self.khoi or k.block == self.khoi)
        ]
        return sorted(shown, key=ORDERINGS[self.sap_xep])


# --- the page, rendered once -------------------------------------------------------------


@dataclass(frozen=True)
class PageMeta:
    """What the ranking's template reads of the run."""

    of: int
    period: str
    previous_period: str | None
    block_by: str | None


@dataclass(frozen=True)
class FieldHead:
    code: str
    name: str


@dataclass(frozen=True)
class BlockLine:
    """A block's figures as a blocked ranking shows them (no average across blocks), worded."""

    label: str
    units: str
    average: str
    best: str  # «xã A (90,50)», tied units together
    worst: str
    classes: tuple[str, ...]  # the count of each class of the framework, highest first


def _extreme(units: Sequence[UnitEntry], index: Decimal) -> str:
    names = join_vn([u.display_name for u in units if u.index == index])
    return f"{names} ({index_text(index)})"


def block_lines(run: PublishedRun) -> tuple[BlockLine, ...]:
    """Each block's number of units, average, best, worst and classes; none unless blocked."""
    if not run.blocked:
        return ()
    lines = []
    ordered = run.in_rank_order()
    for block in run.blocks:
        members = [u for u in ordered if u.block == block.label]
        if not members:
            continue
        lines.append(
            BlockLine(
                label=block.label or "",
                units=format_count(block.of),
                average=index_text(block.average),
                best=_extreme(members, max(u.index for u in members)),
                worst=_extreme(members, min(u.index for u in members)),
                classes=tuple(
                    format_count(block.class_count(label)) for label in run.framework.class_labels
                ),
            )
        )
    return tuple(lines)


@dataclass(frozen=True)
class RankingPage:
    """Everything the unfiltered ranking page shows; stored with the publication."""

    results: PageMeta
    row_html: Mapping[str, str]  # per unit: its table row, so a filtered page needs no parsing
    keys: tuple[SortKey, ...]
    fields: tuple[FieldHead, ...]
    average: str
    rows_html: str
    shown: int
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    blocks: tuple[str, ...]
    ranking_svg: str
    distribution_svg: str
    slope_svg: str
    legend: tuple[LegendItem, ...]
    heat: tuple[HeatRow, ...] | None
    block_lines: tuple[BlockLine, ...] = ()  # pages stored before: none

    def key(self, code: str) -> SortKey | None:
        return next((k for k in self.keys if k.code == code), None)

    def chosen(self, choice: Choice) -> RankingPage:
        """The page with only the rows asked for, in the order asked for."""
        keys = choice.pick(self.keys)
        return replace(
            self,
            rows_html="\n".join(self.row_html[k.code] for k in keys),
            shown=len(keys),
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["keys"] = [k.as_list() for k in self.keys]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RankingPage:
        data = json.loads(text)
        meta = data["results"]
        heat = data.get("heat")
        return cls(
            results=PageMeta(
                of=int(meta["of"]),
                period=str(meta["period"]),
                previous_period=meta.get("previous_period") or None,
                block_by=meta.get("block_by") or None,
            ),
            row_html=dict(data["row_html"]),
            keys=tuple(SortKey.from_list(k) for k in data["keys"]),
            fields=tuple(FieldHead(str(f["code"]), str(f["name"])) for f in data["fields"]),
            average=_average_text(data["average"]),
            rows_html=str(data["rows_html"]),
            shown=int(data["shown"]),
            kinds=tuple(data.get("kinds") or ()),
            labels=tuple(data.get("labels") or ()),
            blocks=tuple(data.get("blocks") or ()),
            ranking_svg=str(data.get("ranking_svg") or ""),
            distribution_svg=str(data.get("distribution_svg") or ""),
            slope_svg=str(data.get("slope_svg") or ""),
            legend=tuple(_legend_item(item) for item in data.get("legend") or ()),
            heat=None
            if heat is None
            else tuple(
                HeatRow(str(r["name"]), tuple(HeatCell(**c) for c in r["cells"])) for r in heat
            ),
            block_lines=tuple(
                BlockLine(**{**b, "classes": tuple(b["classes"])})
                for b in data.get("block_lines") or ()
            ),
        )


def _average_text(value: Any) -> str:
    # stored as text since issue 9; pages published before hold the JSON number
    return value if isinstance(value, str) else index_text(to_decimal(value) or Decimal(0))


def _legend_item(item: Any) -> LegendItem:
    if isinstance(item, Mapping):
        return LegendItem(str(item["label"]), str(item["colour"]), int(item["units"]))
    label, colour, units = item  # pages published before issue 9: [label, colour, units]
    return LegendItem(str(label), str(colour), int(units))


HEAT_UP_TO = 200
"""The heat map is drawn for up to this many units."""


def ranking_page(
    run: PublishedRun, relative_links: bool = True, charts: bool = True
) -> RankingPage:
    """The page of a run: rows in rank order, sort keys, charts (``svg_charts``; not drawn
    when ``charts`` is false, for the admin's preview)."""
    from parindex.reports import svg_charts

    ordered = run.in_rank_order()
    rows = ranking_rows(ordered)

    def html(selected: Sequence[RankingRow]) -> str:
        return rows_html(selected, run.blocked, run.compared, relative_links)

    return RankingPage(
        results=PageMeta(run.of, run.period, run.previous_period, run.block_by),
        row_html={r.code: html([r]) for r in rows},
        keys=tuple(sort_key(run, u) for u in run.units),
        fields=tuple(FieldHead(f.code, f.name) for f in run.framework.fields),
        average="" if run.blocked else index_text(run.average),  # none across blocks
        rows_html=html(rows),
        shown=len(run.units),
        kinds=tuple(run.kinds()),
        labels=run.framework.class_labels,
        blocks=tuple(b.label or "" for b in run.blocks),
        ranking_svg=svg_charts.ranking_svg(run) if charts else "",
        distribution_svg=svg_charts.distribution_svg(run) if charts else "",
        slope_svg=svg_charts.slope_svg(run) if charts else "",
        legend=tuple(svg_charts.legend_items(run)),
        heat=tuple(svg_charts.heat_rows(run)) if charts and len(run.units) <= HEAT_UP_TO else None,
        block_lines=block_lines(run),
    )
