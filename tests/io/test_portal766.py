"""The portal's 766 figures (issue 15): read exactly from CSV or XLSX; every bad row located
in Vietnamese, all at once."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from parindex.core.problems import InputError
from parindex.io.portal766 import read_config, read_portal

METRICS = read_config().metrics
UNITS = ("XA", "XB")


def _csv(tmp_path, text):
    path = tmp_path / "cong-766.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_portal_s_figures_are_read_with_vietnamese_headers(tmp_path):
    path = _csv(
        tmp_path,
        "Mã đơn vị,Mã chỉ số,Tử số,Mẫu số,Tỷ lệ,Điểm\n"
        "XA,DOSSIER_ON_TIME,2150,2358,91.18,18.24\n"
        "XB,ONLINE_PAYMENT,,,62.5,\n",
    )
    a, b = read_portal(path, UNITS, METRICS)
    assert (a.unit, a.metric, a.numerator, a.denominator, a.score) == (
        "XA", "DOSSIER_ON_TIME", 2150, 2358, D("18.24"),
    )  # fmt: skip
    assert (b.numerator, b.ratio) == (None, D("62.5"))


def test_every_bad_row_is_located_at_once(tmp_path):
    path = _csv(
        tmp_path,
        "unit,metric,numerator,denominator,score\n"
        "XZ,DOSSIER_ON_TIME,1,2,\n"
        "XA,NOPE,1,2,\n"
        "XA,DOSSIER_ON_TIME,3,2,\n"
        "XA,ONLINE_PAYMENT,1,,\n"
        "XB,ONLINE_PAYMENT,abc,2,\n"
        "XB,DOSSIER_SYNC,1,2,7\n"
        "XB,PUBLISH_ON_TIME,1,2,\n"
        "XB,PUBLISH_ON_TIME,1,2,\n",
    )
    with pytest.raises(InputError) as caught:
        read_portal(path, UNITS, METRICS)
    found = [str(p) for p in caught.value.problems]
    assert found == [
        "cong-766.csv, dòng 2, ô A2: không có đơn vị mã «XZ»",
        "cong-766.csv, dòng 3, ô B3: không có chỉ số mã «NOPE»",
        "cong-766.csv, dòng 4, ô C4: tử số lớn hơn mẫu số",
        "cong-766.csv, dòng 5, ô C5: cần cả tử số và mẫu số (hoặc để trống cả hai và ghi tỷ lệ)",
        "cong-766.csv, dòng 6, ô C6: «Tử số» cần là một số không âm, không phải «abc»",
        "cong-766.csv, dòng 7, ô E7: điểm lớn hơn điểm tối đa 6 của chỉ số DOSSIER_SYNC",
        "cong-766.csv, dòng 9, ô B9: trùng với dòng 8 (cùng đơn vị, chỉ số)",
    ]


def test_a_table_without_its_columns_says_which(tmp_path):
    with pytest.raises(InputError) as caught:
        read_portal(_csv(tmp_path, "Mã đơn vị,Tử số\nXA,1\n"), UNITS, METRICS)
    assert "thiếu cột «Mã chỉ số»" in str(caught.value)
