"""The peer: what an analyst writes in an afternoon with pandas, pyarrow and xlsxwriter.

Reads the framework (YAML), the units and the scores (CSV, pyarrow's reader), checks them
(unknown units and criteria, duplicates, scores outside 0…max, missing scores), scores
(field sums, applicable max, index = points / max × 100, half-up to 2 decimals), ranks each
block (competition ranking: equal indexes share a place), classes, compares with the
previous year's results.json (index change, rank change) and writes an appendix workbook
(one row per unit, the fields' points, total, index, rank, class, change; number formats,
a frozen header, landscape print setup). No narrative, no results.json.

    python benchmarks/peers/pandas_score.py FRAMEWORK.yaml UNITS.csv SCORES.csv PREVIOUS.json OUT.xlsx
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import yaml


def main(framework_file: str, units_file: str, scores_file: str, previous_file: str, out: str):
    with open(framework_file, encoding="utf-8") as fh:
        fw = yaml.safe_load(fh)
    leaves = pd.DataFrame(
        [
            {"criterion": c["code"], "field": f["code"], "max": float(c["max"])}
            for f in fw["fields"]
            for c in f["children"]
        ]
    )
    units = pd.read_csv(units_file, dtype=str, engine="pyarrow")
    scores = pd.read_csv(scores_file, dtype=str, engine="pyarrow")

    # checks: every problem listed, with its row
    scores["row"] = np.arange(2, len(scores) + 2)
    problems = []
    bad_unit = ~scores["unit"].isin(units["code"])
    bad_leaf = ~scores["criterion"].isin(leaves["criterion"])
    duplicated = scores.duplicated(["unit", "criterion"], keep="first")
    text = scores["score"].str.strip()
    na = text.str.casefold().isin(["kđg", "kdg", "n/a", "na"])
    value = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
    scores = scores.merge(leaves, on="criterion", how="left")
    bad_value = ~na & (value.isna() | (value < 0) | (value > scores["max"]))
    for mask, reason in (
        (bad_unit, "đơn vị không có trong danh sách"),
        (bad_leaf, "tiêu chí không có trong bộ tiêu chí"),
        (duplicated, "trùng dòng"),
        (bad_value, "điểm không hợp lệ"),
    ):
        problems += [f"dòng {r}: {reason}" for r in scores.loc[mask.to_numpy(), "row"]]
    counts = scores.groupby("unit").size()
    missing = counts[counts < len(leaves)]
    problems += [f"đơn vị {u}: thiếu điểm" for u in missing.index]
    if problems:
        print("\n".join(problems[:20]), file=sys.stderr)
        sys.exit(1)

    # scoring: points and the applicable max per field, the index
    scores["points"] = value.where(~na, 0.0)
    scores["applicable_max"] = scores["max"].where(~na, 0.0)
    by_field = scores.pivot_table(
        index="unit", columns="field", values=["points", "applicable_max"], aggfunc="sum"
    )
    points = by_field["points"]
    maxima = by_field["applicable_max"]
    result = pd.DataFrame(index=points.index)
    result["score"] = points.sum(axis=1).round(4)
    result["max"] = maxima.sum(axis=1).round(4)
    exact = result["score"] / result["max"] * 100
    result["index"] = np.floor(exact * 100 + 0.5 + 1e-9) / 100  # half-up to 2 decimals
    result = result.join(units.set_index("code")[["name", "kind"]])
    result["rank"] = result.groupby("kind")["index"].rank(method="min", ascending=False)
    result["of"] = result.groupby("kind")["index"].transform("size")
    bands = sorted(fw["classes"], key=lambda c: -float(c["min"]))
    result["class"] = np.select(
        [result["index"] >= float(b["min"]) for b in bands], [b["label"] for b in bands], ""
    )

    # the comparison with the previous year
    with open(previous_file, encoding="utf-8") as fh:
        prev = json.load(fh)
    before = pd.DataFrame(
        [
            {"unit": u["unit"], "prev_index": u["index"], "prev_rank": u["rank"]}
            for u in prev["units"]
        ]
    ).set_index("unit")
    result = result.join(before)
    result["delta"] = (result["index"] - result["prev_index"]).round(2)
    result["rank_change"] = result["prev_rank"] - result["rank"]
    result = result.sort_values(["kind", "rank"])

    # the appendix workbook
    fields = list(points.columns)
    table = pd.concat([result[["name", "kind"]], points[fields].round(2)], axis=1, join="inner")
    for column in ("score", "max", "index", "rank", "of", "class", "delta", "rank_change"):
        table[column] = result[column]
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        table.to_excel(writer, sheet_name="Phụ lục", startrow=2)
        book, sheet = writer.book, writer.sheets["Phụ lục"]
        two = book.add_format({"num_format": "#,##0.00"})
        sheet.write(0, 0, f"Kết quả {fw['name']}", book.add_format({"bold": True, "font_size": 14}))
        sheet.set_column(1, 1, 28)
        sheet.set_column(3, 3 + len(fields) + 3, 9, two)
        sheet.freeze_panes(3, 2)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(2)


if __name__ == "__main__":
    main(*sys.argv[1:6])
