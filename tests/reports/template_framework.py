"""A framework with every rule the fill-in workbook shows: a scale, a steps and a ratio rule,
«không phát sinh» on points, on a scale and on a rule, a criterion for wards only, a guide,
evidence with and without words, bonus and penalty items with caps."""

from __future__ import annotations

from pathlib import Path

from parindex.core.framework import Framework
from parindex.core.units import Unit
from parindex.io.frameworks import load_framework

FRAMEWORK = """\
id: rules-template-2025
name: Bộ tiêu chí xã có quy tắc chấm
level: commune
year: 2025
index_name: Chỉ số cải cách hành chính
classes:
  - {label: Tốt, min: 80}
  - {label: Khá, min: 0}
fields:
  - code: "1"
    name: Chỉ đạo, điều hành
    children:
      - {code: "1.1", name: Ban hành kế hoạch CCHC năm, max: 1, scale: [1, 0.5, 0],
         guide: "Ban hành trước ngày 31/12: 1 điểm; chậm: 0,5 điểm; không ban hành: 0 điểm",
         evidence: Quyết định ban hành kế hoạch}
      - code: "1.2"
        name: Mức độ thực hiện kế hoạch CCHC
        max: 2
        rule: {steps: [{above: 90, points: 2}, {min: 70, points: 1}, {min: 0, points: 0}]}
  - code: "2"
    name: Thủ tục hành chính
    children:
      - {code: "2.1", name: Tỷ lệ hồ sơ giải quyết đúng hạn, max: 4, rule: {ratio: {full_at: 100}}}
      - {code: "2.2", name: "Xử lý phản ánh, kiến nghị đúng hạn", max: 2, none_means_full: true,
         evidence: true}
      - {code: "2.3", name: Chính quyền đô thị, max: 1, applies_to: [phường]}
      - {code: "2.4", name: Khắc phục tồn tại sau kiểm tra, max: 2, scale: [2, 1, 0],
         none_means_full: true}
      - {code: "2.5", name: Tỷ lệ kiến nghị được trả lời, max: 1, none_means_full: true,
         rule: {ratio: {full_at: 90}}}
bonus:
  cap: 2
  penalty_cap: 1
  items:
    - {code: T1, name: Sáng kiến CCHC được công nhận, max: 2, guide: Mỗi sáng kiến 1 điểm}
    - {code: P1, name: Bị phản ánh có căn cứ về TTHC, min: -1,
       evidence: Văn bản kết luận}
"""

UNITS = [Unit("PA", "Phường An", kind="phường"), Unit("XB", "Xã Bình", kind="xã")]
NAMES = [(u.code, u.display_name) for u in UNITS]
KINDS = {u.code: u.kind for u in UNITS}


def load(folder: Path) -> Framework:
    path = folder / "framework.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    return load_framework(path)
