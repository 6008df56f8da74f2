"""`parindex survey sipas --model 1001|2017 --satisfied-at-least`: QĐ 1001's contents, a
9-point scale beside the 5-point one, and intervals named with their level.

Chị Lan, at the Department of Home Affairs, measures 2024 satisfaction by QĐ 1001: the
policy questions use the 5-point scale, the service questions a 9-point one. The table
carries each component with its 95% interval; the paragraph names the method and the level.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from parindex.cli import main

NINE = "\n".join(
    f"  - {{code: '{k}', label: 'Mức {k}', weight: {(k - 1) * 12.5}}}" for k in range(1, 10)
)
QUESTIONNAIRE = f"""
id: sipas-2024
name: Phiếu đo lường sự hài lòng năm 2024 (dữ liệu thử)
groups:
- {{code: dan, name: Người dân}}
questions:
- {{code: P1, text: 'Hài lòng với chính sách giáo dục?', leaf: '8.1', aspect: Chính sách giáo dục}}
- {{code: P2, text: 'Hài lòng với chính sách y tế?', leaf: '8.1', aspect: Chính sách y tế}}
- code: S1
  text: 'Hài lòng với việc tiếp cận dịch vụ (thang 9 mức)?'
  leaf: '8.1'
  aspect: Tiếp cận dịch vụ
  scale:
{NINE}
  - {{code: '0', label: Không biết}}
sipas:
  model: "1001"
  components:
  - code: chinh_sach
    name: Sự hài lòng về chính sách công
    aspects: [Chính sách giáo dục, Chính sách y tế]
  - code: dich_vu
    name: Sự hài lòng về cung ứng dịch vụ hành chính công
    aspects: [Tiếp cận dịch vụ]
"""
# unit TC: P1 A B C A, P2 B D A A, S1 9 6 3 8; unit TL: P1 A A, P2 D B, S1 7 0
RESPONSES = """respondent,unit,group,P1,P2,S1
R1,TC,dan,A,B,9
R2,TC,dan,B,D,6
R3,TC,dan,C,A,3
R4,TC,dan,A,A,8
R5,TL,dan,A,D,7
R6,TL,dan,A,B,0
"""


def run(tmp_path: Path, *extra: str) -> tuple[list[list[str]], dict[str, object]]:
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (tmp_path / "r.csv").write_text(RESPONSES, encoding="utf-8")
    out = tmp_path / "out"
    args = ["survey", "sipas", "--questionnaire", str(tmp_path / "q.yaml")]
    args += ["--responses", str(tmp_path / "r.csv"), "--period", "2024", "--out", str(out)]
    assert main([*args, *extra]) == 0
    table = list(csv.reader(io.StringIO((out / "sipas.csv").read_text(encoding="utf-8"))))
    chart = json.loads((out / "sipas.json").read_text(encoding="utf-8"))
    return table, chart


def test_model_1001_with_a_weight_level_for_both_scales(tmp_path, capsys):
    table, chart = run(tmp_path, "--satisfied-at-least", "60%")
    printed = capsys.readouterr().out
    header, *rows = table
    assert header[:8] == [
        "Mã đơn vị",
        "Số phiếu",
        "Hài lòng chung (%)",
        "Hài lòng chung – KTC 95% cận dưới",
        "Hài lòng chung – KTC 95% cận trên",
        "Sự hài lòng về chính sách công (%)",
        "Sự hài lòng về chính sách công – KTC 95% cận dưới",
        "Sự hài lòng về chính sách công – KTC 95% cận trên",
    ]
    by_unit = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    tc = by_unit["TC"]
    # TC: giáo dục A B C A → 3/4; y tế B D A A → 3/4; chính sách (3/4 + 3/4) / 2 = 75 %
    assert tc["Sự hài lòng về chính sách công (%)"] == "75.00"
    # S1 at 60 % and above (6–9 on the 9-point scale): 9 6 3 8 → 3/4
    assert tc["Sự hài lòng về cung ứng dịch vụ hành chính công (%)"] == "75.00"
    assert tc["Hài lòng chung (%)"] == "75.00"
    assert tc["Hài lòng chung – KTC 95% cận dưới"] != ""  # 4 respondents: an interval
    # TL: giáo dục 2/2, y tế 1/2 → 75 %; dịch vụ 7 → 1/1 (the 0 is "do not know"): 100 %;
    # the index (75 + 100) / 2
    assert by_unit["TL"]["Hài lòng chung (%)"] == "87.50"
    assert by_unit["TL"]["Sự hài lòng về cung ứng dịch vụ hành chính công (%)"] == "100.00"
    assert chart["model"] == "1001" and chart["interval_label"] == "khoảng tin cậy 95%"
    assert "Quyết định số 1001/QĐ-BNV" in printed
    assert "khoảng tin cậy 95%:" in printed
    assert "mức trọng số 60% trở lên" in printed
    assert "Theo từng nội dung đo lường, sự hài lòng về chính sách công đạt" in printed


def test_model_2017_on_old_data_and_an_option_code_threshold(tmp_path, capsys):
    table, chart = run(tmp_path, "--model", "2017", "--questions", "P1,P2")
    header, *rows = table
    assert not any("chính sách công" in h for h in header)
    tc = {r[0]: r for r in rows}["TC"]
    assert tc[2] == "75.00"  # P1, P2 pooled: A B C A B D A A → 6/8
    assert chart["model"] == "2017"
    assert "mô hình năm yếu tố" in capsys.readouterr().out


def test_the_default_option_b_names_the_nine_point_question(tmp_path, capsys):
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (tmp_path / "r.csv").write_text(RESPONSES, encoding="utf-8")
    args = ["survey", "sipas", "--questionnaire", str(tmp_path / "q.yaml")]
    args += ["--responses", str(tmp_path / "r.csv"), "--out", str(tmp_path / "out")]
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "S1" in err and "«B»" in err
