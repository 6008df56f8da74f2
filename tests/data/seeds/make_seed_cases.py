"""Writes the seed-shaped cases: small provinces whose published figures are those of the articles.

Run once (``python tests/data/seeds/make_seed_cases.py``); the files it writes are committed
and read by tests/e2e/test_seed_articles.py. Field-level figures are the articles'; how a
field's points spread over its leaves is arbitrary (filled proportionally, exactly).
"""

from __future__ import annotations

import csv
import sys
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from parindex.io.frameworks import load_framework, read_yaml  # noqa: E402

D = Decimal
CENT = D("0.01")


def spread(leaves, target: Decimal) -> dict[str, Decimal]:
    """Leaf scores (2 decimals, within max) adding up exactly to ``target``."""
    total_max = sum(leaf.max for leaf in leaves)
    assert 0 <= target <= total_max, (target, total_max)
    ratio = target / total_max
    scores = {leaf.code: (leaf.max * ratio).quantize(CENT, rounding=ROUND_DOWN) for leaf in leaves}
    rest = target - sum(scores.values())
    for leaf in leaves:
        room = leaf.max - scores[leaf.code]
        step = min(room, rest)
        scores[leaf.code] += step
        rest -= step
    assert rest == 0
    return scores


def write_case(
    folder: Path, framework, units: list[dict], targets: dict[str, dict[str, Decimal]]
) -> None:
    """``targets[unit][node code]`` = points of that node (field or sub-node); nodes must cover every leaf."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "units.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["code", "name", "kind", "parent", "predecessors"])
        writer.writeheader()
        for unit in units:
            writer.writerow({k: unit.get(k, "") for k in writer.fieldnames})
    with (folder / "scores.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["unit", "criterion", "score"])
        for unit in units:
            scores: dict[str, Decimal] = {}
            for code, value in targets[unit["code"]].items():
                scores.update(spread(framework.node(code).leaves, value))
            for leaf in framework.leaves:
                writer.writerow([unit["code"], leaf.code, f"{scores[leaf.code]:f}"])


def self_fields(framework, self_points: Decimal, fixed: dict[str, Decimal]) -> dict[str, Decimal]:
    """Spread the self points not fixed by ``fixed`` over the other self leaves proportionally."""
    taken = {leaf.code for code in fixed for leaf in framework.node(code).leaves}
    leaves = [leaf for leaf in framework.leaves if leaf.source == "self" and leaf.code not in taken]
    out = dict(fixed)
    out.update(spread(leaves, self_points - sum(fixed.values())))
    return out


# --- Lâm Đồng districts 2022 (seed 001: Cát Tiên 83,05, 10/12, 63,16/75 + 19,89/25) -----------


def lamdong_districts() -> None:
    fw = load_framework(ROOT / "frameworks" / "lamdong-district-2022.yaml")
    names = [
        ("DL", "Đà Lạt", "thành phố", "90.45", "22.10"),
        ("BL", "Bảo Lộc", "thành phố", "88.32", "21.75"),
        ("DT", "Đức Trọng", "huyện", "87.10", "21.40"),
        ("LH", "Lâm Hà", "huyện", "86.05", "20.95"),
        ("DLI", "Di Linh", "huyện", "85.40", "20.60"),
        ("DD", "Đơn Dương", "huyện", "84.76", "20.45"),
        ("LD", "Lạc Dương", "huyện", "84.12", "20.30"),
        ("BLA", "Bảo Lâm", "huyện", "83.60", "20.10"),
        ("DH", "Đạ Huoai", "huyện", "83.21", "19.95"),
        ("DTE", "Đạ Tẻh", "huyện", "82.34", "19.60"),
        ("DR", "Đam Rông", "huyện", "80.18", "19.20"),
    ]
    units = [{"code": c, "name": n, "kind": k} for c, n, k, _, _ in names]
    units.insert(9, {"code": "CT", "name": "Cát Tiên", "kind": "huyện"})
    targets = {}
    for code, _, _, index, survey in names:
        targets[code] = {"8.1": D(survey), **self_fields(fw, D(index) - D(survey), {})}
    targets["CT"] = {
        "1": D("10"),
        "2": D("8.5"),
        "3": D("12.87"),
        "4": D("6.99"),
        "5": D("9"),
        "6": D("6.3"),
        "7": D("8.5"),
        "8.2": D("1.00"),
        "8.1": D("19.89"),
    }
    write_case(HERE / "lamdong-districts-2022", fw, units, targets)


# --- Cát Tiên communes 2022 (seed 001: average 83,04; 6 above, 3 below) -------------------------

COMMUNE_FRAMEWORK = {
    "id": "lamdong-commune-2022-test",
    "name": "Bộ tiêu chí xác định Chỉ số CCHC cấp xã (dữ liệu thử)",
    "level": "commune",
    "year": 2022,
    "source": "Dữ liệu thử cho các bài kiểm tra, không phải văn bản thật",
    "classes": [
        {"label": "Xuất sắc", "min": 90},
        {"label": "Tốt", "min": 85},
        {"label": "Khá", "min": 70},
        {"label": "Trung bình", "min": 50},
        {"label": "Yếu", "min": 0},
    ],
    "fields": [
        {
            "code": "1",
            "name": "Công tác chỉ đạo, điều hành CCHC",
            "children": [
                {"code": "1.1", "name": "Kế hoạch CCHC năm", "max": 10},
                {"code": "1.2", "name": "Báo cáo CCHC", "max": 10},
            ],
        },
        {"code": "2", "name": "Cải cách thủ tục hành chính", "max": 20},
        {"code": "3", "name": "Cải cách chế độ công vụ", "max": 20},
        {"code": "4", "name": "Xây dựng chính quyền điện tử, chính quyền số", "max": 15},
        {"code": "5", "name": "Điều tra xã hội học", "max": 25, "source": "survey"},
    ],
}


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def catien_communes() -> None:
    folder = HERE / "catien-communes-2022"
    folder.mkdir(parents=True, exist_ok=True)
    write_yaml(folder / "framework.yaml", COMMUNE_FRAMEWORK)
    fw = load_framework(folder / "framework.yaml")
    rows = [
        ("GV", "Gia Viễn", "xã", "85.10"),
        ("DNT", "Đồng Nai Thượng", "xã", "84.90"),
        ("DP", "Đức Phổ", "xã", "84.50"),
        ("TH", "Tiên Hoàng", "xã", "84.20"),
        ("QN", "Quảng Ngãi", "xã", "83.90"),
        ("NN", "Nam Ninh", "xã", "83.60"),
        ("PC2", "Phước Cát 2", "xã", "82.00"),
        ("TTCT", "Cát Tiên", "thị trấn", "80.50"),
        ("TTPC", "Phước Cát", "thị trấn", "78.66"),
    ]
    units = [{"code": c, "name": n, "kind": k, "parent": "CT"} for c, n, k, _ in rows]
    targets = {}
    for code, _, _, index in rows:
        survey = (D(index) * D("0.21")).quantize(CENT)
        targets[code] = {"5": survey, **self_fields(fw, D(index) - survey, {})}
    write_case(folder, fw, units, targets)


# --- Tiên Phước communes 2022 and 2023 (seed 003: Tiên Châu) -----------------------------------

TIENPHUOC = [  # code, name, kind
    ("TK", "Tiên Kỳ", "thị trấn"),
    ("TTH", "Tiên Thọ", "xã"),
    ("TCA", "Tiên Cẩm", "xã"),
    ("TC", "Tiên Châu", "xã"),
    ("TM", "Tiên Mỹ", "xã"),
    ("TPH", "Tiên Phong", "xã"),
    ("TLO", "Tiên Lộc", "xã"),
    ("TS", "Tiên Sơn", "xã"),
    ("THA", "Tiên Hà", "xã"),
    ("TLA", "Tiên Lãnh", "xã"),
    ("TN", "Tiên Ngọc", "xã"),
    ("TCN", "Tiên Cảnh", "xã"),
    ("TA", "Tiên An", "xã"),
    ("TLP", "Tiên Lập", "xã"),
    ("THI", "Tiên Hiệp", "xã"),
]
# index, field 1, field 7, survey (field 8)
TIENPHUOC_2023 = {
    "TK": ("88.40", "11.9", "10.2", "28.90"),
    "TTH": ("86.75", "11.5", "10.0", "28.30"),
    "TCA": ("84.20", "11.0", "9.8", "27.90"),
    "TC": ("83.08", "12.1", "9.4", "27.55"),
    "TM": ("82.50", "10.5", "9.0", "27.80"),
    "TPH": ("81.30", "10.0", "8.8", "27.10"),
    "TLO": ("80.60", "11.2", "9.0", "26.90"),
    "TS": ("79.95", "9.5", "8.5", "27.00"),
    "THA": ("79.10", "10.2", "8.0", "26.50"),
    "TLA": ("78.45", "9.0", "7.5", "26.20"),
    "TN": ("77.80", "9.8", "8.2", "25.90"),
    "TCN": ("76.35", "8.5", "7.0", "25.40"),
    "TA": ("75.00", "9.0", "7.8", "25.10"),
    "TLP": ("73.60", "8.0", "6.5", "24.80"),
    "THI": ("72.25", "7.5", "6.0", "24.20"),
}
TIENPHUOC_2022 = {
    "TTH": ("88.90", "11.8", "9.9", "28.50"),
    "TK": ("87.60", "11.2", "9.8", "28.10"),
    "TM": ("86.30", "10.8", "9.6", "27.90"),
    "TC": ("85.82", "11.0", "8.6", "26.07"),
    "TCA": ("84.10", "10.9", "9.7", "27.60"),
    "TLO": ("83.40", "10.5", "9.5", "27.40"),
    "TPH": ("82.70", "10.2", "9.2", "27.20"),
    "TS": ("81.90", "10.0", "8.9", "26.90"),
    "THA": ("80.80", "9.8", "8.4", "26.60"),
    "TN": ("79.50", "9.5", "8.2", "26.40"),
    "TLA": ("78.20", "9.0", "8.0", "26.20"),
    "TCN": ("77.10", "8.8", "7.8", "25.90"),
    "TA": ("75.90", "8.5", "7.5", "25.50"),
    "TLP": ("74.30", "8.0", "7.0", "25.20"),
    "THI": ("72.80", "7.5", "6.5", "24.80"),
}


def tienphuoc() -> None:
    fw2023 = load_framework(ROOT / "frameworks" / "quangnam-tienphuoc-commune-2023.yaml")
    folder22 = HERE / "tienphuoc-communes-2022"
    folder22.mkdir(parents=True, exist_ok=True)
    data = read_yaml(ROOT / "frameworks" / "quangnam-tienphuoc-commune-2023.yaml")
    data["id"] = "quangnam-tienphuoc-commune-2022"
    data["year"] = 2022
    data["name"] = str(data["name"]).replace("2023", "2022")
    text = yaml.dump(data, Dumper=_DecimalDumper, allow_unicode=True, sort_keys=False)
    (folder22 / "framework.yaml").write_text(text, encoding="utf-8")
    fw2022 = load_framework(folder22 / "framework.yaml")
    units = [{"code": c, "name": n, "kind": k, "parent": "TP"} for c, n, k in TIENPHUOC]
    for fw, table, folder in (
        (fw2022, TIENPHUOC_2022, folder22),
        (fw2023, TIENPHUOC_2023, HERE / "tienphuoc-communes-2023"),
    ):
        targets = {}
        for code, (index, f1, f7, survey) in table.items():
            fixed = {"1": D(f1), "7": D(f7)}
            if code == "TC" and fw is fw2023:
                fixed.update({"2": fw.node("2").max, "4": fw.node("4").max})
            self_points = D(index) - D(survey)
            targets[code] = {"8": D(survey), **self_fields(fw, self_points, fixed)}
        write_case(folder, fw, units, targets)


class _DecimalDumper(yaml.SafeDumper):
    pass


_DecimalDumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")
)


# --- Đắk Nông districts and Cư Jút's communes 2023 (seed 000) ----------------------------------

DAKNONG_FRAMEWORK = {
    "id": "daknong-district-2023-test",
    "name": "Bộ tiêu chí CCHC cấp huyện (dữ liệu thử theo bài viết về Cư Jút)",
    "level": "district",
    "year": 2023,
    "source": "Dữ liệu thử: điểm tối đa chọn sao cho tỷ lệ các lĩnh vực khớp với bài viết",
    "classes": COMMUNE_FRAMEWORK["classes"],
    "fields": [
        {"code": "1", "name": "Công tác chỉ đạo, điều hành CCHC", "max": 13},
        {"code": "2", "name": "Cải cách thể chế", "max": 5.5},
        {"code": "3", "name": "Cải cách thủ tục hành chính", "max": 14.5},
        {"code": "4", "name": "Cải cách tổ chức bộ máy hành chính Nhà nước", "max": 9},
        {"code": "5", "name": "Cải cách chế độ công vụ", "max": 11},
        {"code": "6", "name": "Cải cách tài chính công", "max": 5.5},
        {
            "code": "7",
            "name": "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
            "max": 15.5,
        },
        {
            "code": "8",
            "name": "Tác động của CCHC đến sự hài lòng của người dân, tổ chức và các chỉ tiêu phát triển kinh tế - xã hội của địa phương",
            "children": [
                {"code": "8.1", "name": "Điều tra xã hội học", "max": 20, "source": "survey"},
                {"code": "8.2", "name": "Các chỉ tiêu phát triển kinh tế - xã hội", "max": 6},
            ],
        },
    ],
}


def daknong() -> None:
    folder = HERE / "daknong-districts-2023"
    folder.mkdir(parents=True, exist_ok=True)
    write_yaml(folder / "framework.yaml", DAKNONG_FRAMEWORK)
    fw = load_framework(folder / "framework.yaml")
    others = [
        ("GN", "Gia Nghĩa", "thành phố", "88.20"),
        ("DM", "Đắk Mil", "huyện", "86.90"),
        ("KN", "Krông Nô", "huyện", "85.30"),
        ("DS", "Đắk Song", "huyện", "79.40"),
        ("DRL", "Đắk R'Lấp", "huyện", "75.10"),
        ("DG", "Đắk Glong", "huyện", "72.60"),
        ("TD", "Tuy Đức", "huyện", "68.90"),
    ]
    units = [{"code": c, "name": n, "kind": k} for c, n, k, _ in others]
    units.insert(4, {"code": "CJ", "name": "Cư Jút", "kind": "huyện"})
    targets = {}
    for code, _, _, index in others:
        survey = (D(index) * D("0.18")).quantize(CENT)
        targets[code] = {"8.1": survey, **self_fields(fw, D(index) - survey, {})}
    targets["CJ"] = {
        "1": D("13"),
        "2": D("5"),
        "3": D("11.13"),
        "4": D("9"),
        "5": D("6.87"),
        "6": D("4.46"),
        "7": D("10.14"),
        "8.1": D("13.58"),
        "8.2": D("3.50"),
    }
    write_case(folder, fw, units, targets)

    folder = HERE / "cujut-communes-2023"
    folder.mkdir(parents=True, exist_ok=True)
    data = dict(COMMUNE_FRAMEWORK, id="daknong-commune-2023-test", year=2023)
    write_yaml(folder / "framework.yaml", data)
    fw = load_framework(folder / "framework.yaml")
    rows = [
        ("ND", "Nam Dong", "xã", "81.40"),
        ("CKN", "Cư K’nia", "xã", "79.85"),
        ("TT", "Tâm Thắng", "xã", "78.20"),
        ("DDR", "Đắk D’rông", "xã", "76.75"),
        ("TSO", "Trúc Sơn", "xã", "74.10"),
        ("DW", "Đắk Wil", "xã", "71.30"),
        ("EP", "Ea Pô", "xã", "68.45"),
        ("ETL", "Ea T’Ling", "thị trấn", "66.20"),
    ]
    units = [{"code": c, "name": n, "kind": k, "parent": "CJ"} for c, n, k, _ in rows]
    targets = {}
    for code, _, _, index in rows:
        survey = (D(index) * D("0.2")).quantize(CENT)
        targets[code] = {"5": survey, **self_fields(fw, D(index) - survey, {})}
    write_case(folder, fw, units, targets)


if __name__ == "__main__":
    lamdong_districts()
    catien_communes()
    tienphuoc()
    daknong()
    print("written under", HERE)
