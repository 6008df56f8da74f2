"""Bounded fuzzing of the portal's 766 figures (XLSX; issue 15) and the 766 configuration
(YAML): read, or refused with located problems — never a traceback."""

from __future__ import annotations

import functools
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from parindex.io.portal766 import CONFIG, read_config, read_portal
from tests.fuzz.importers import Importer, mutated, outcome

METRICS = read_config().metrics


@functools.cache  # the same bytes every time: a workbook's timestamp would change the draws
def _portal_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Mã chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Điểm"])
    sheet.append(["XA", "DOSSIER_ON_TIME", 2150, 2358, 91.18, 18.24])
    sheet.append(["XA", "ONLINE_PAYMENT", None, None, 62.5, None])
    sheet.append(["XB", "PETITION_PROCESSING_ON_TIME", 0, 0, None, 6])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PORTAL = Importer(
    "portal766", "cong-766.xlsx", _portal_workbook,
    lambda path: read_portal(path, ("XA", "XB"), METRICS),
)  # fmt: skip
CONFIG_YAML = Importer("config766", "766.yaml", CONFIG.read_bytes, read_config)


def test_the_seed_workbook_is_read(tmp_path):
    path = tmp_path / PORTAL.file
    path.write_bytes(_portal_workbook())
    assert len(read_portal(path, ("XA", "XB"), METRICS)) == 3


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_portal_figures_are_read_or_refused_with_located_problems(data):
    outcome(PORTAL, data.draw(mutated(PORTAL.seed()), label=PORTAL.file))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_766_configuration_is_read_or_refused_with_located_problems(data):
    outcome(CONFIG_YAML, data.draw(mutated(CONFIG_YAML.seed()), label=CONFIG_YAML.file))
