"""The long score table (unit, criterion, score) read by column: ``read_scores``' fast path.

A national year is 332,100 rows; one Python object per row costs seconds. Here polars
splits the CSV, the checks run over whole columns (numpy), and each distinct cell text — a
few hundred in a national table — is read once by the row reader's own rule
(``scores._score``), so a cell means exactly what it means there.

The fast path takes a table only if it can check all of it: at the first thing it does not
take — any problem, a measured value, a bonus item, a survey leaf scored in the table, a
leaf the unit's kind does not take, a blank line, a cell behind an apostrophe, a cell
polars and Python's csv might split differently — it returns None and ``read_scores``
reads the file row by row, which locates every problem (file, row, cell) with the messages
it has always given. A table it takes gives the same ``ScoreTable`` as the row reader
(tests/io/test_score_columns.py checks both on the same files).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from parindex.core.framework import Framework
from parindex.core.problems import InputError, Problem
from parindex.core.rules import is_no_case
from parindex.core.score_table import to_units
from parindex.core.scoring import ScoreTable
from parindex.core.units import Unit
from parindex.io.tables import MAX_CELL, Cell, Table, decode_csv, find_columns

if TYPE_CHECKING:
    import polars as pl

    from parindex.core.survey import SurveyResult

_UNSURE = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())


def _unsure(data: bytes, ascii_only: bool) -> bool:
    """Whether Python's csv and polars may split or strip this text differently (control
    characters, a lone CR, a blank line, a blank first line): then it is read row by row."""
    if data.startswith((b"\n", b"\r")) or b"\n\n" in data or b"\n\r\n" in data:
        return True
    if not ascii_only and any(part in data for part in _UNSURE):
        return True
    returns, newlines, tabs = data.count(b"\r"), data.count(b"\n"), data.count(b"\t")
    if returns != data.count(b"\r\n"):
        return True
    controls = int(np.count_nonzero(np.frombuffer(data, np.uint8) < 32))
    return controls != returns + newlines + tabs


def read_long_scores(
    path: Path,
    framework: Framework,
    units: Sequence[Unit] | None,
    survey: SurveyResult | None,
    survey_file: str,
) -> ScoreTable | None:
    """The score table of a long-format CSV, or None where the row reader must read it."""
    import polars as pl

    from parindex.io.scores import COLUMNS, Filled, _score, _unit_kinds, finish_table

    text = decode_csv(path.read_bytes(), path.name)  # an undecodable file: its located error
    ascii_only = text.isascii()
    if not ascii_only and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    data = text.encode("utf-8")
    if _unsure(data, ascii_only):
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            infer_schema=False,
            separator=delimiter,
            quote_char='"',
        )
    except pl.exceptions.PolarsError:
        return None
    if frame.height < 2:
        return None
    padded = frame.select(pl.all().str.contains(r"^\s|\s$").any()).row(0)
    cells = frame.select(  # stripped as the row reader strips (only where a cell needs it)
        _blank_as_null(pl.col(name).str.strip_chars() if pad else pl.col(name), name)
        for name, pad in zip(frame.columns, padded, strict=True)
    )
    if cells.select(pl.any_horizontal(pl.all().str.len_chars().max() > MAX_CELL)).item():
        return None
    if cells.select(pl.any_horizontal(pl.all().str.starts_with("'").any())).item():
        return None  # unescape_csv_text's apostrophe: the row reader's
    header = tuple(v or "" for v in cells.row(0))
    columns, problems = find_columns(
        Table(path.name, header, ()), COLUMNS, required=("unit", "criterion", "score")
    )
    if problems:
        return None
    body = cells.slice(1).with_row_index("row", offset=2)  # the spreadsheet's row numbers
    body = body.filter(~pl.all_horizontal(pl.exclude("row").is_null()))  # empty rows skipped
    if body.height == 0:
        return None

    def column(name: str) -> pl.Series:
        return body.get_column(f"column_{columns[name]}")

    unit_codes, criteria, scores = column("unit"), column("criterion"), column("score")
    if unit_codes.null_count() or criteria.null_count():
        return None
    values = column("value") if "value" in columns else None

    leaves = framework.leaves
    known = {u.code: u for u in units} if units is not None else None
    names: dict[str, str] = {}
    if known is not None:
        order = list(known)
    else:
        firsts = body.select(
            unit_codes.alias("unit"),
            (column("unit_name") if "unit_name" in columns else pl.lit(None)).alias("name"),
        ).unique(subset="unit", keep="first", maintain_order=True)
        order = firsts.get_column("unit").to_list()
        names = dict(
            zip(order, [n or "" for n in firsts.get_column("name").to_list()], strict=True)
        )
    unit_index = {code: i for i, code in enumerate(order)}
    u = _indices(unit_codes, order)
    j = _indices(criteria, [leaf.code for leaf in leaves])
    items = framework.bonus.items if framework.bonus else ()
    item_rows = criteria.is_in([item.code for item in items]).to_numpy()
    if (u < 0).any() or ((j < 0) & ~item_rows).any():
        return None  # an unknown unit or criterion, a field scored as a whole

    kind_problems: list[Problem] = []
    kinds = _unit_kinds(framework, known, unit_index, path.name, kind_problems)
    if kind_problems:
        return None
    if survey and np.isin(j, [k for k, f in enumerate(leaves) if f.code in survey.leaves]).any():
        return None  # the table scores a survey leaf: the row reader says where first
    # rows the row reader's own loop takes (``build_table``, given what the columns filled):
    # a bonus item, a rule leaf, a measured value, KPS, a leaf the unit's kind does not take
    special = item_rows | np.isin(j, [k for k, f in enumerate(leaves) if f.rule is not None])
    if values is not None:
        special |= values.is_not_null().to_numpy()
    for k, leaf in enumerate(leaves):
        if leaf.applies_to:
            other = np.array([not leaf.applies(kind) for kind in kinds], dtype=np.bool_)
            special |= (j == k) & other[u]

    read = _read_cells(scores, _score)
    if read is None:
        return None
    scaled, not_applicable, refused, no_case = read
    special |= no_case  # KPS: what it gives is the leaf's rule (``cell_points``)
    if (refused & ~special).any():
        return None  # not a score (a word, an empty cell): the row reader says why
    maxima = np.array([to_units(leaf.max) or 0 for leaf in leaves], dtype=np.int64)
    given = ~not_applicable & ~special
    if (scaled[given] < 0).any() or (scaled[given] > maxima[j[given]]).any():
        return None
    for k, leaf in enumerate(leaves):
        if leaf.scale:
            allowed = [v for v in (to_units(p) for p in leaf.scale) if v is not None]
            if not np.isin(scaled[given & (j == k)], allowed).all():
                return None

    n_leaves = len(leaves)
    shape = (len(order), n_leaves)
    simple = ~special
    key = u[simple] * n_leaves + j[simple]
    if np.bincount(key, minlength=shape[0] * n_leaves).max(initial=0) > 1:
        return None  # a unit and criterion twice: the row reader names both rows
    points = np.zeros(shape, dtype=np.int64)
    applicable = np.ones(shape, dtype=np.bool_)
    first_row = np.zeros(shape, dtype=np.int64)
    rows = body.get_column("row").to_numpy().astype(np.int64)
    points.ravel()[u[given] * n_leaves + j[given]] = scaled[given]
    na = not_applicable & simple
    applicable.ravel()[u[na] * n_leaves + j[na]] = False
    first_row.ravel()[key] = rows[simple]
    unit_list = (
        list(known.values())
        if known is not None
        else [Unit(code, names.get(code) or code) for code in order]
    )
    if special.any():
        return _with_special_rows(
            body.filter(pl.Series(special)),
            (columns, path.name, framework, unit_list, survey, survey_file),
            (points, applicable, first_row),
        )
    return finish_table(
        Filled(
            path.name,
            framework,
            unit_list,
            kinds,
            points,
            applicable,
            first_row,
            np.zeros(shape, dtype=np.bool_),
        ),
        [],
        np.zeros((shape[0], len(items)), dtype=np.int64),
        {},
        (survey, survey_file, {}),
    )


def _with_special_rows(
    rows: pl.DataFrame,
    run: tuple[dict[str, int], str, Framework, list[Unit], SurveyResult | None, str],
    filled: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> ScoreTable | None:
    """The rows the columns leave to the row reader's loop, taken by that loop over what the
    columns filled; None if any gives a problem (the row reader then reads the whole file)."""
    from parindex.io.scores import _Entry, build_table

    columns, file, framework, unit_list, survey, survey_file = run

    def cells(name: str) -> list[str | None]:
        if name not in columns:
            return [None] * rows.height
        return rows.get_column(f"column_{columns[name]}").to_list()

    entries = [
        _Entry(unit or "", criterion or "", score, row, columns["score"], name or "", value)
        for unit, criterion, score, row, name, value in zip(
            cells("unit"),
            cells("criterion"),
            cells("score"),
            rows.get_column("row").to_list(),
            cells("unit_name"),
            cells("value"),
            strict=True,
        )
    ]
    try:
        return build_table(
            file,
            entries,
            framework,
            unit_list,
            "",
            _nowhere,
            survey,
            survey_file,
            prefilled=filled,
        )
    except InputError:
        return None


def _nowhere(row: int, column: int | None = None) -> str:
    """No place is named: a problem here sends the file to the row reader, which names it."""
    return ""


def _blank_as_null(cells: pl.Expr, name: str) -> pl.Expr:
    import polars as pl

    return pl.when(cells == "").then(None).otherwise(cells).alias(name)


def _indices(values: pl.Series, codes: list[str]) -> np.ndarray:
    """Each value's position in ``codes``, -1 for a value that is not one of them."""
    import polars as pl

    found = values.replace_strict(codes, list(range(len(codes))), default=-1, return_dtype=pl.Int64)
    return found.to_numpy().astype(np.int64)


def _read_cells(
    scores: pl.Series, score: Callable[[Cell], Decimal | str | None]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Every score cell as ten-thousandths, whether it says KĐG, whether it is refused (not a
    score: KPS, a word, an empty cell) and whether it says KPS, each distinct text read once
    by the row reader's rule; None if a number has more than four decimals."""
    import polars as pl

    texts = scores.fill_null("\x00")  # an empty cell: one distinct text, read as None
    distinct = texts.unique().to_list()
    units: list[int] = []
    na: list[bool] = []
    refused: list[bool] = []
    no_case: list[bool] = []
    for text in distinct:
        value = score(None if text == "\x00" else text)
        no_case.append(is_no_case(text))
        if isinstance(value, str) or value is None:
            units.append(0)
            na.append(value is None)
            refused.append(value is not None)
            continue
        scaled = to_units(value)
        if scaled is None:
            return None
        units.append(scaled)
        na.append(False)
        refused.append(False)

    def cells(of: list[int] | list[bool], kind: type[pl.DataType]) -> np.ndarray:
        return texts.replace_strict(distinct, of, return_dtype=kind).to_numpy()

    return (
        cells(units, pl.Int64).astype(np.int64),
        cells(na, pl.Boolean).astype(np.bool_),
        cells(refused, pl.Boolean).astype(np.bool_),
        cells(no_case, pl.Boolean).astype(np.bool_),
    )
