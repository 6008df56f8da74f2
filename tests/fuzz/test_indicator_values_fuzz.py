"""Bounded fuzzing of the indicator value table (XLSX; issue 15) and the catalogue (YAML): a
damaged zip, a broken sheet, NaN or huge cells — read, or refused with located problems."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from parindex.io.indicators import CATALOGUE, read_catalogue, read_values
from tests.fuzz.importers import Importer, mutated, outcome

INDICATORS = {i.code: i for i in read_catalogue().indicators}
UNITS = {"XA": "xã", "SNV": "sở"}


def _values_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Tử số", "Mẫu số", "Giá trị"])
    sheet.append(["XA", "MC-01", "6 tháng đầu năm 2026", 1661, 2000, None])
    sheet.append(["XA", "MC-04", "2026", None, None, 2358])
    sheet.append(["SNV", "VB-01", "Quý I/2026", 95.5, 100, None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VALUES = Importer(
    "indicator_values", "so-lieu.xlsx", _values_workbook,
    lambda path: read_values(path, UNITS, INDICATORS),
)  # fmt: skip
CATALOGUE_YAML = Importer(
    "indicator_catalogue", "chi-tieu.yaml", CATALOGUE.read_bytes, read_catalogue
)


def test_the_seed_table_is_read():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "so-lieu.xlsx"
        path.write_bytes(_values_workbook())
        assert len(read_values(path, UNITS, INDICATORS)) == 3


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_value_table_is_read_or_refused_with_located_problems(data):
    outcome(VALUES, data.draw(mutated(VALUES.seed()), label=VALUES.file))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_catalogue_is_read_or_refused_with_located_problems(data):
    outcome(CATALOGUE_YAML, data.draw(mutated(CATALOGUE_YAML.seed()), label=CATALOGUE_YAML.file))
