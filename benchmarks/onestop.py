"""A large province's year of one-stop dossiers (3.000.000) for every unit and month.

Generates the register of 20 departments and 100 communes with the demo's generator
(``parindex.demo.dossiers``), writes it as the system's CSV export (not timed), then times
what ``parindex onestop report`` does: read and check every row (polars), and count the
Biểu II.06a figures and the 766 rates of every unit for each month and for the year (numpy).
Prints the peak memory of the process. Target: under 10 s and 2 GB on this machine.

The peer is the naive way: the same file read with Python's csv module and counted row by
row in plain Python for the year only (``--peer``; it takes a while).

    .venv/bin/python benchmarks/onestop.py [--dossiers 3000000] [--peer]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from parindex.core.onestop import by_period, statistics
from parindex.demo.dossiers import PER_YEAR, register_frame
from parindex.io.dossiers import day_number, read_register

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def months() -> list[tuple[int, int]]:
    spans = []
    for m in range(1, 13):
        first = dt.date(2025, m, 1)
        last = (dt.date(2025, m + 1, 1) if m < 12 else dt.date(2026, 1, 1)) - dt.timedelta(1)
        spans.append((day_number(first), day_number(last)))
    return spans


def peer(path: Path, units: list[str]) -> tuple[float, int]:
    """Read with csv, count received and resolved on time per unit for the year."""
    started = time.perf_counter()
    counted: dict[str, int] = dict.fromkeys(units, 0)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            received = dt.datetime.strptime(row["Ngày tiếp nhận"], "%d/%m/%Y").date()
            if START <= received <= END:
                counted[row["Mã đơn vị"]] += 1
    return time.perf_counter() - started, sum(counted.values())


def write(path: Path, units: list[tuple[str, str]], scale: float) -> None:
    """In a child process: the generator's own memory is not this process's peak."""
    register_frame(units, start=START, export=END, scale=scale).write_csv(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=3_000_000)
    parser.add_argument("--peer", action="store_true")
    args = parser.parse_args()
    units = [(f"S{k:02d}", "tỉnh") for k in range(20)] + [(f"X{k:03d}", "xã") for k in range(100)]
    per_year = sum(PER_YEAR[level] for _, level in units)
    scale = args.dossiers / per_year
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ho-so.csv"
        started = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(
            target=write, args=(path, units, scale)
        )
        child.start()
        child.join()
        size = path.stat().st_size
        print(f"register written: {size / 1e6:,.0f} MB "
              f"({time.perf_counter() - started:.1f} s, not timed)", flush=True)  # fmt: skip
        codes = [code for code, _ in units]
        levels = dict(units)
        t0 = time.perf_counter()
        loaded = read_register(path, codes)
        t1 = time.perf_counter()
        monthly = by_period(loaded.register, months())
        year = statistics(loaded.register, levels, day_number(START), day_number(END))
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'read and check every row (polars)':<48} {t1 - t0:8.2f} s")
        print(f"{'count 120 units × 12 months + the year (numpy)':<48} {t2 - t1:8.2f} s")
        print(f"{'total (target < 10 s)':<48} {t2 - t0:8.2f} s")
        print(f"{'peak memory of the process (target < 2 GB)':<48} {peak:8.0f} MB")
        print(f"year: {len(loaded.register):,} dossiers, {year.total.received:,} received, on time {year.total.on_time_rate}%, "
              f"{len(monthly)} months × {len(monthly[0])} units")  # fmt: skip
        if args.peer:
            seconds, counted = peer(path, codes)
            print(f"{'peer: csv module, the year received only':<48} {seconds:8.2f} s "
                  f"({counted:,} counted)")  # fmt: skip


if __name__ == "__main__":
    main()
