"""The ranking as people read it, computed once per publication (it never changes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from parindex.core.narrative import percent, points
from parindex.core.numbers import format_count, format_place


def block_positions(results: dict[str, Any]) -> dict[str, int]:
    """Each block's place in the results (the ranking lists block by block when ranked in blocks)."""
    return {str(b["label"]): i for i, b in enumerate(results.get("blocks") or [])}


def in_rank_order(results: dict[str, Any], units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Units by rank; by block first, then rank, when the run ranks in blocks."""
    blocks = block_positions(results)
    return sorted(units, key=lambda u: (blocks.get(u.get("block") or "", 0), u["rank"], u["unit"]))


def ranking_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The ranking table as people read it (Vietnamese number style); public: no evidence, no reasons."""

    def pts(value: Any) -> str:
        # results.json numbers carry at most 2 decimals; under 1.000 no thousands dot is needed
        if isinstance(value, int) or abs(value) >= 1000:
            return points(Decimal(str(value)))
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")

    rows = []
    for u in results["units"]:
        prev = u.get("previous") or {}
        rows.append(
            {
                "rank": format_place(u["rank"], u["of"]),
                "interval": "–".join(format_count(x) for x in u["rank_interval"])
                if u.get("rank_interval") and u["rank_interval"][0] != u["rank_interval"][1]
                else "",
                "name": u["display_name"],
                "code": u["unit"],
                "block": u.get("block") or "",
                "index": f"{u['index']:.2f}".replace(".", ","),
                "class": u["class"],
                "self": points(Decimal(str(u["self"]["score"]))) if u.get("self") else "",
                "survey": points(Decimal(str(u["survey"]["score"]))) if u.get("survey") else "",
                "fields": [points(Decimal(str(f["score"]))) for f in u["fields"]],
                "field_percents": [
                    "KĐG" if f.get("percent") is None else percent(Decimal(str(f["percent"])))
                    for f in u["fields"]
                ],
                "delta": points(Decimal(str(prev["delta"])))
                if prev.get("delta") is not None
                else "",
                "rank_change": prev.get("rank_change"),
            }
        )
    return rows


def rows_html(
    results: dict[str, Any], rows: list[dict[str, Any]], relative_links: bool = True
) -> str:
    """The ranking table's body, built directly: a Django template loop over 3,321 rows × 17 cells
    costs more than half a second; this costs a few tens of milliseconds."""
    from html import escape

    blocked = bool(results.get("block_by"))
    compare = bool(results.get("previous_period"))
    out = []
    for r in rows:
        name = escape(r["name"])
        if relative_links:  # the page is /cong-khai/<publication>/; unit pages lie below it
            name = f'<a href="don-vi/{escape(str(r["code"]))}/">{name}</a>'
        interval = f'<br><span class="muted">({r["interval"]})</span>' if r["interval"] else ""
        cells = [f'<td class="num">{r["rank"]}{interval}</td><td>{name}</td>']
        if blocked:
            cells.append(f"<td>{escape(r['block'])}</td>")
        cells.extend(
            f'<td class="num">{v}<br><span class="muted pct">{p}</span></td>'
            for v, p in zip(
                r["fields"], r.get("field_percents") or [""] * len(r["fields"]), strict=True
            )
        )
        cells.append(
            f'<td class="num">{r["self"]}</td><td class="num">{r["survey"]}</td>'
            f'<td class="num"><strong>{r["index"]}</strong></td><td>{escape(r["class"])}</td>'
        )
        if compare:
            change = r["rank_change"]
            moved = f" ({'+' if change > 0 else ''}{change} bậc)" if change is not None else ""
            cells.append(f'<td class="num">{r["delta"]}{moved}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out)


def charts(results: dict[str, Any]) -> dict[str, Any]:
    """The page's charts as SVG text, and the heat map's cells (up to 200 units)."""
    from parindex.reports import svg_charts

    return {
        "ranking_svg": svg_charts.ranking_svg(results),
        "distribution_svg": svg_charts.distribution_svg(results),
        "slope_svg": svg_charts.slope_svg(results),
        "legend": svg_charts.legend_items(results),
        "heat": svg_charts.heat_rows(results) if len(results["units"]) <= 200 else None,
    }


def page_data(results: dict[str, Any]) -> dict[str, Any]:
    """Everything the unfiltered ranking page shows, rendered once when the results are published."""
    meta = {k: results.get(k) for k in ("of", "period", "previous_period", "block_by", "average")}
    rows = ranking_rows({**results, "units": in_rank_order(results, results["units"])})
    return {
        # per unit: its table row and what the filters and sorts read, so a filtered page needs no parsing
        "row_html": {str(r["code"]): rows_html(results, [r]) for r in rows},
        "keys": [
            [
                str(u["unit"]),
                u.get("kind") or "",
                u["class"],
                u.get("block") or "",
                [block_positions(results).get(u.get("block") or "", 0), u["rank"]],
                u["display_name"].casefold(),
                u["index"],
                (u.get("previous") or {}).get("delta"),
            ]
            for u in results["units"]
        ],
        "results": meta,
        "fields": results["framework"]["fields"],
        "average": f"{float(results['average']):.2f}".replace(".", ","),
        "rows_html": rows_html(results, rows, relative_links=True),
        "shown": len(results["units"]),
        "kinds": sorted({u.get("kind") or "" for u in results["units"]} - {""}),
        "labels": [c["label"] for c in results["framework"]["classes"]],
        "blocks": [b["label"] for b in results.get("blocks") or []],
        **charts(results),
    }
