"""The demo province's one-stop register: a year of dossiers (01/7/2025 – 30/6/2026) of its
departments and communes, as the provincial system exports it (``mot-cua/ho-so.csv``).

Volumes follow the unit's level (a department receives more than a commune), the channels
the shares provinces report (more online at the province, more direct at the commune, a few
by public post), the legal times a handful of common ones (1 to 15 days). Most dossiers end
before their due day, some on it, a few late (most of those with an apology letter, Mẫu 04),
a few returned or withdrawn, stopped, or waiting for a supplement (their clock stopped for a
few days); the ones received near the export day are still in progress, a few of them past
their due day. Deterministic: the same seed writes the same bytes. The benchmark builds a
large province's year (3.000.000 dossiers) with the same generator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import polars as pl

from parindex.core.numbers import code_digits

REGISTER_FILE = "mot-cua/ho-so.csv"
START = dt.date(2025, 7, 1)
EXPORT = dt.date(2026, 6, 30)
PER_YEAR = {"tỉnh": 6000, "xã": 2400, "huyện": 4000}
"""Dossiers a unit of each level receives in a year, on average."""
ONLINE = {"tỉnh": 0.58, "xã": 0.36, "huyện": 0.45}
POSTAL = 0.04
LEGAL_DAYS = np.array([1, 3, 5, 7, 10, 15], dtype=np.int32)
FIELDS = {
    "tỉnh": (
        ("Đất đai", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu"),
        ("Thành lập và hoạt động doanh nghiệp", "Đăng ký thành lập doanh nghiệp"),
        ("Hoạt động xây dựng", "Cấp giấy phép xây dựng"),
        ("Lao động", "Cấp giấy phép lao động cho người nước ngoài"),
    ),
    "xã": (
        ("Hộ tịch", "Đăng ký khai sinh"),
        ("Chứng thực", "Chứng thực bản sao từ bản chính"),
        ("Bảo trợ xã hội", "Trợ cấp xã hội hằng tháng"),
        ("Đất đai", "Đăng ký biến động đất đai"),
    ),
}
HEADER = (
    "Mã hồ sơ",
    "Mã đơn vị",
    "Lĩnh vực",
    "Thủ tục",
    "Kênh",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Số ngày tạm dừng",
    "Phiếu xin lỗi",
)


def _dates(days: np.ndarray) -> pl.Series:
    """Day numbers as dd/mm/yyyy text (empty for -1)."""
    series = pl.Series(days.astype("datetime64[D]")).dt.strftime("%d/%m/%Y")
    return pl.Series(np.where(days < 0, "", series.to_numpy()))


def register_frame(
    units: Sequence[tuple[str, str]],
    seed: int = 2026,
    start: dt.date = START,
    export: dt.date = EXPORT,
    scale: float = 1.0,
) -> pl.DataFrame:
    """The register of ``units`` ((code, level) pairs) from ``start`` to ``export``."""
    rng = np.random.default_rng(seed)
    epoch = dt.date(1970, 1, 1)
    first, last = (start - epoch).days, (export - epoch).days
    span = last - first + 1
    days = np.arange(first, last + 1, dtype=np.int32)
    weekday = ((days + 3) % 7) < 5  # 1970-01-01 was a Thursday
    open_days = days[weekday]
    counts = [
        int(rng.poisson(PER_YEAR.get(level, 3000) * scale * span / 365)) for _, level in units
    ]
    n = sum(counts)
    unit = np.repeat(np.arange(len(units), dtype=np.int32), counts)
    level = np.array([units[i][1] for i in range(len(units))])[unit]
    received = rng.choice(open_days, size=n)
    order = np.lexsort((received, unit))
    unit, level, received = unit[order], level[order], received[order]
    legal = rng.choice(LEGAL_DAYS, size=n)
    due = received + legal
    online_share = np.vectorize(lambda lv: ONLINE.get(lv, 0.4))(level) if n else np.zeros(0)
    draw = rng.random(n)
    channel = np.where(draw < online_share, 2, np.where(draw < online_share + POSTAL, 3, 1))
    fate = rng.random(n)
    paused = np.zeros(n, dtype=np.int32)
    waiting = (fate > 0.985) & (received > last - 30)  # a supplement asked for lately
    paused[waiting | ((fate > 0.96) & (fate <= 0.97))] = rng.integers(2, 6, size=n)[
        waiting | ((fate > 0.96) & (fate <= 0.97))
    ]
    due_eff = due + paused
    early_by = np.maximum(1, (legal * rng.random(n)).astype(np.int32))
    finished = np.where(
        fate < 0.55,
        np.maximum(received, due_eff - early_by),
        np.where(fate < 0.93, due_eff, due_eff + rng.integers(1, 11, size=n)),
    ).astype(np.int32)
    status = np.full(n, "Đã xử lý", dtype=object)
    status[(fate >= 0.96) & (fate < 0.975)] = "Trả lại"
    status[(fate >= 0.975) & (fate < 0.98)] = "Xin rút"
    status[(fate >= 0.98) & (fate <= 0.985)] = "Dừng xử lý"
    late = (fate >= 0.93) & (fate < 0.96)
    apology = np.where(late & (rng.random(n) < 0.7), "có", "")
    still_open = (finished > last) | waiting
    status[still_open] = np.where(waiting[still_open], "Chờ bổ sung", "Đang xử lý")
    finished[still_open] = -1
    apology[still_open] = ""
    pick = rng.integers(0, 4, size=n)
    names = {lv: FIELDS.get(lv, FIELDS["xã"]) for lv in set(level.tolist())}
    field = np.array([names[lv][k][0] for lv, k in zip(level, pick, strict=True)], dtype=object)
    procedure = np.array([names[lv][k][1] for lv, k in zip(level, pick, strict=True)], dtype=object)
    codes = np.array([code for code, _ in units], dtype=object)[unit]
    stamp = pl.Series(received.astype("datetime64[D]")).dt.strftime("%y%m%d").to_numpy()
    sequence = np.arange(1, n + 1)
    dossier = [
        f"{c}-{s}-{code_digits(int(q), 7)}" for c, s, q in zip(codes, stamp, sequence, strict=True)
    ]
    return pl.DataFrame(
        {
            HEADER[0]: dossier,
            HEADER[1]: codes.astype(str),
            HEADER[2]: field.astype(str),
            HEADER[3]: procedure.astype(str),
            HEADER[4]: channel.astype(np.int8),
            HEADER[5]: _dates(received),
            HEADER[6]: _dates(due),
            HEADER[7]: _dates(finished),
            HEADER[8]: status.astype(str),
            HEADER[9]: np.where(paused > 0, paused.astype(str), ""),
            HEADER[10]: apology.astype(str),
        }
    )


def write_register(out: Path, units: Sequence[tuple[str, str]]) -> str:
    """``mot-cua/ho-so.csv`` under ``out``; its path relative to ``out``."""
    path = out / REGISTER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    register_frame(units).write_csv(path)
    return REGISTER_FILE
