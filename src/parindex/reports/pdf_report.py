"""The summary report and the scorecards as PDF, through WeasyPrint from HTML.

The same content and layout as the DOCX documents (``docx_report``): Decree 30 header,
title, the narrative of report.md, the tables and the charts, on A4 with the decree's
margins, set in Liberation Serif (Times New Roman's metrics, with the Vietnamese
letters in fonts-liberation2) so a fresh Debian machine renders the text correctly.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from parindex.reports import charts
from parindex.reports.document import (
    BODY_PT,
    DEFAULT_ISSUER,
    DEFAULT_NUMBER,
    DEFAULT_PLACE,
    FIELD_HEADER,
    MARGINS_MM,
    MOTTO,
    NATION,
    PART_HEADER,
    PDF_FONTS,
    TABLE_PT,
    TITLE_PT,
    Letterhead,
    field_rows,
    framework_line,
    part_rows,
    ranking_rows,
    scorecard_paragraphs,
    scorecard_title,
    summary_content,
    summary_title,
    total_row,
    unit_of,
)

CSS = f"""
@page {{
  size: A4;
  margin: {MARGINS_MM["top"]}mm {MARGINS_MM["right"]}mm {MARGINS_MM["bottom"]}mm {MARGINS_MM["left"]}mm;
  @bottom-center {{ content: counter(page); font-family: {PDF_FONTS}; font-size: 11pt; }}
}}
body {{ font-family: {PDF_FONTS}; font-size: {BODY_PT}pt; line-height: 1.25; }}
table.head {{ width: 100%; border-collapse: collapse; margin-bottom: 12pt; }}
table.head td {{ text-align: center; vertical-align: top; padding: 0; }}
table.head td.issuer {{ width: 40%; }}
.issuer-body {{ font-size: 13pt; }}
.issuer-name {{ font-size: 13pt; font-weight: bold; }}
.nation {{ font-size: 13pt; font-weight: bold; }}
.motto {{ font-size: 14pt; font-weight: bold; }}
.rule {{ width: 35%; margin: 1pt auto 6pt auto; border-top: 0.75pt solid #000; height: 0; }}
.rule.long {{ width: 75%; }}
.number {{ font-size: 13pt; }}
.date {{ font-size: 14pt; font-style: italic; }}
h1 {{ font-size: {TITLE_PT}pt; text-align: center; margin: 6pt 0 0 0; }}
h1.last {{ margin-bottom: 12pt; }}
h2 {{ font-size: {BODY_PT}pt; margin: 10pt 0 4pt 0; }}
p {{ text-align: justify; text-indent: 10mm; margin: 0 0 6pt 0; }}
p.source {{ font-style: italic; }}
table.data {{ width: 100%; border-collapse: collapse; font-size: {TABLE_PT}pt; margin-bottom: 8pt; }}
table.data th, table.data td {{ border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; }}
table.data td.name {{ text-align: left; }}
table.data thead {{ display: table-header-group; }}
table.data tr {{ page-break-inside: avoid; }}
img.chart {{ display: block; width: 160mm; margin: 6pt auto; }}
"""


def render_summary(
    results: Mapping[str, Any],
    *,
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
) -> bytes:
    """The cycle's summary report as PDF bytes."""
    return html_to_pdf(summary_html(results, Letterhead(issuer, number, place, date)))


def render_scorecard(
    results: Mapping[str, Any],
    unit_code: str,
    *,
    issuer: str = DEFAULT_ISSUER,
    number: str = DEFAULT_NUMBER,
    place: str = DEFAULT_PLACE,
    date: dt.date | None = None,
) -> bytes:
    """One unit's scorecard as PDF bytes."""
    return html_to_pdf(scorecard_html(results, unit_code, Letterhead(issuer, number, place, date)))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf(stylesheets=[_stylesheet(WeasyCSS)]))


_STYLESHEET: Any = None


def _stylesheet(factory: Any) -> Any:
    """The stylesheet is parsed once (fonts are cached by WeasyPrint's font configuration)."""
    global _STYLESHEET
    if _STYLESHEET is None:
        _STYLESHEET = factory(string=CSS)
    return _STYLESHEET


def summary_html(results: Mapping[str, Any], head: Letterhead) -> str:
    body = [_header(head), _titles(summary_title(results))]
    body.append(f'<p class="source">{escape(framework_line(results))}</p>')
    for heading, paragraphs in summary_content(results):
        if heading:
            body.append(f"<h2>{escape(heading)}</h2>")
        body.extend(f"<p>{escape(text)}</p>" for text in paragraphs)
    body.append("<h2>Bảng xếp hạng</h2>")
    header, rows = ranking_rows(results)
    body.append(_table(header, rows, name_column=2 if results.get("block_by") else 1))
    body.append("<h2>Biểu đồ xếp hạng Chỉ số CCHC</h2>")
    body.append(_image(charts.ranking_chart(results)))
    body.append("<h2>Phân bố chỉ số theo xếp loại</h2>")
    body.append(_image(charts.class_distribution_chart(results)))
    return _page(summary_title(results)[1], body)


def scorecard_html(results: Mapping[str, Any], unit_code: str, head: Letterhead) -> str:
    unit = unit_of(results, unit_code)
    titles = scorecard_title(results, unit)
    body = [_header(head), _titles(titles)]
    body.append(f'<p class="source">{escape(framework_line(results))}</p>')
    body.extend(f"<p>{escape(text)}</p>" for text in scorecard_paragraphs(results, unit_code))
    parts = part_rows(unit)
    if parts:
        body.append("<h2>Điểm theo thành phần</h2>")
        body.append(_table(PART_HEADER, parts, name_column=0))
    body.append("<h2>Kết quả theo từng lĩnh vực</h2>")
    body.append(_table(FIELD_HEADER, [*field_rows(results, unit), total_row(unit)], name_column=1))
    body.append(_image(charts.field_profile_chart(results, unit_code)))
    return _page(" — ".join(titles), body)


def _page(title: str, body: Sequence[str]) -> str:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>" + "".join(body) + "</body></html>"
    )


def _header(head: Letterhead) -> str:
    lines = head.issuer_lines or [DEFAULT_ISSUER]
    issuer = "".join(
        f'<div class="{"issuer-name" if i == len(lines) - 1 else "issuer-body"}">{escape(line)}</div>'
        for i, line in enumerate(lines)
    )
    return (
        '<table class="head"><tr><td class="issuer">'
        f'{issuer}<div class="rule"></div><div class="number">{escape(head.number_line)}</div>'
        f'</td><td><div class="nation">{escape(NATION)}</div>'
        f'<div class="motto">{escape(MOTTO)}</div><div class="rule long"></div>'
        f'<div class="date">{escape(head.place_date)}</div></td></tr></table>'
    )


def _titles(lines: Sequence[str]) -> str:
    last = len(lines) - 1
    return "".join(
        ('<h1 class="last">' if i == last else "<h1>") + f"{escape(line)}</h1>"
        for i, line in enumerate(lines)
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], name_column: int) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="name">{escape(v)}</td>' if c == name_column else f"<td>{escape(v)}</td>"
            for c, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _image(png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img class="chart" alt="" src="data:image/png;base64,{data}">'
