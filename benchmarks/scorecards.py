"""National scale documents: a scorecard for each of 3,321 communes, DOCX and PDF.

Generates the national benchmark run (benchmarks/national_scoring.py: 10 fields × 10
leaves, two years, blocks by kind), scores 2025 against 2024 into a results.json
mapping, then writes every unit's scorecard as DOCX and as PDF with the same code as
`parindex report` (one worker process per core), with a progress bar, and prints the
times and rates.

    .venv/bin/python benchmarks/scorecards.py [--units 3321] [--jobs N] [--pdf-units N] [--formats docx,pdf]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from national_scoring import make_framework, write_inputs
from parindex.core.published import PublishedRun
from parindex.core.scoring import score_run
from parindex.io.results_json import dumps, parse_results, read_previous, to_dict
from parindex.io.scores import read_scores
from parindex.io.units import read_units
from parindex.reports import batch
from parindex.reports.document import Letterhead


def national_results(folder: Path, n_units: int) -> PublishedRun:
    framework = make_framework(10, 10)
    write_inputs(folder, framework, n_units)
    units = read_units(folder / "units.csv")
    run_2024 = score_run(read_scores(folder / "scores-2024.csv", framework, units), "2024")
    (folder / "r2024.json").write_text(dumps(to_dict(run_2024)), encoding="utf-8")
    previous = read_previous(folder / "r2024.json")
    run_2025 = score_run(
        read_scores(folder / "scores-2025.csv", framework, units), "2025", previous=previous
    )
    return parse_results(dumps(to_dict(run_2025)))


def timed_scorecards(
    results: PublishedRun, codes: list[str], folder: Path, fmt: str, jobs: int
) -> float:
    head = Letterhead(issuer="UBND tỉnh Thử nghiệm\nSở Nội vụ", number="01/BC-SNV", place="Hà Nội")
    progress = Progress(
        f"{fmt.upper()} scorecards",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    start = time.perf_counter()
    with progress:
        task = progress.add_task(fmt, total=len(codes))
        batch.write_scorecards(
            results,
            codes,
            folder,
            fmt,
            head,
            jobs=jobs,
            advance=lambda n: progress.advance(task, n),
        )
    return time.perf_counter() - start


def timed_documents(results: PublishedRun, folder: Path, fmt: str) -> tuple[float, int]:
    """The report, the decision and the appendix of the national run; the report's pages."""
    from parindex.demo.letterhead import LETTERHEAD
    from parindex.io.letterhead import letterhead_from_text

    head = letterhead_from_text(LETTERHEAD)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    batch.write_documents(results, folder, fmt, head)
    elapsed = time.perf_counter() - start
    pages = 0
    if fmt == "pdf":
        from pypdf import PdfReader

        pages = len(PdfReader(folder / f"{batch.REPORT_NAME}.pdf").pages)
    return elapsed, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdf-units", type=int, help="PDF for the first N units only")
    parser.add_argument("--formats", default="docx,pdf", help="docx,pdf (default both)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        results = national_results(folder, args.units)
        print(f"results.json for {args.units} units: {time.perf_counter() - start:.1f} s")
        codes = results.codes()
        pdf_codes = codes[: args.pdf_units] if args.pdf_units else codes
        figures = []
        wanted = args.formats.split(",")
        for fmt, chosen in (("docx", codes), ("pdf", pdf_codes)):
            if fmt not in wanted:
                continue
            elapsed = timed_scorecards(results, chosen, folder / fmt, fmt, args.jobs)
            size = sum(p.stat().st_size for p in (folder / fmt).rglob("*") if p.is_file())
            figures.append((fmt, len(chosen), elapsed, size))
        for fmt in wanted:
            elapsed, pages = timed_documents(results, folder / f"documents-{fmt}", fmt)
            extra = f", the report {pages} pages" if pages else ""
            print(
                f"{fmt}: report + decision + phu-luc.xlsx for {args.units} units: {elapsed:.1f} s{extra}"
            )
        print(f"{'format':<6} {'units':>6} {'time':>9} {'per unit':>9} {'per s':>7} {'size':>9}")
        for fmt, n, elapsed, size in figures:
            print(
                f"{fmt:<6} {n:>6} {elapsed:>8.1f}s {elapsed / n * 1000:>7.1f}ms "
                f"{n / elapsed:>7.1f} {size / 1e6:>7.1f}MB"
            )
        print(f"(jobs = {args.jobs})")


if __name__ == "__main__":
    main()
