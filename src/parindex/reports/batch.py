"""Writing the official documents of a run into a folder: report, decision, appendices.

From a published run (``PublishedRun``) and the office's letterhead: ``write_documents``
writes ``bao-cao.<fmt>`` (the report), ``quyet-dinh.<fmt>`` (the decision, when the
letterhead has one) and ``phu-luc.xlsx`` (the decision's appendix); ``write_scorecards``
writes ``phieu-diem/<unit>.<fmt>``, each unit's results as an appendix of the report. The
names are part of the contract (docs/formats.md). Scorecards are rendered by ``jobs`` worker
processes (each renders a chunk of units and writes its files), so thousands of them use
every core; ``advance(n)`` reports progress.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from parindex.core.published import PublishedRun
from parindex.reports.document import safe_filename
from parindex.reports.letterhead import Letterhead

FORMATS = ("docx", "pdf", "xlsx")
REPORT_NAME = "bao-cao"
DECISION_NAME = "quyet-dinh"
SCORECARDS_DIR = "phieu-diem"
APPENDIX_NAME = "phu-luc.xlsx"
CHUNK = 40


class _Renderer(Protocol):
    """What ``docx_report`` and ``pdf_report`` both provide."""

    def render_report(
        self, run: PublishedRun, head: Letterhead, previous: PublishedRun | None = ...
    ) -> bytes: ...

    def render_decision(self, run: PublishedRun, head: Letterhead) -> bytes: ...

    def render_scorecard(self, run: PublishedRun, unit_code: str, head: Letterhead) -> bytes: ...


def _renderer(fmt: str) -> _Renderer:
    if fmt == "docx":
        from parindex.reports import docx_report

        return docx_report
    from parindex.reports import pdf_report

    return pdf_report


def document_names(fmt: str, head: Letterhead) -> list[str]:
    """The files ``write_documents`` writes for this format and letterhead, in order."""
    if fmt == "xlsx":
        return [APPENDIX_NAME]
    names = [f"{REPORT_NAME}.{fmt}"]
    if head.decision is not None:
        names.append(f"{DECISION_NAME}.{fmt}")
    return [*names, APPENDIX_NAME]


def write_documents(
    results: PublishedRun,
    folder: Path,
    fmt: str,
    head: Letterhead,
    previous: PublishedRun | None = None,
) -> list[Path]:
    """The report, the decision (when the letterhead has one) and the decision's appendix."""
    from parindex.reports import xlsx_appendix

    written = []
    if fmt != "xlsx":
        renderer = _renderer(fmt)
        report = folder / f"{REPORT_NAME}.{fmt}"
        report.write_bytes(renderer.render_report(results, head, previous))
        written.append(report)
        if head.decision is not None:
            decision = folder / f"{DECISION_NAME}.{fmt}"
            decision.write_bytes(renderer.render_decision(results, head))
            written.append(decision)
    appendix = folder / APPENDIX_NAME
    appendix.write_bytes(xlsx_appendix.render(results, head))
    written.append(appendix)
    return written


def scorecard_path(folder: Path, code: str, fmt: str) -> Path:
    return folder / SCORECARDS_DIR / f"{safe_filename(code)}.{fmt}"


def write_scorecards(
    results: PublishedRun,
    codes: Sequence[str],
    folder: Path,
    fmt: str,
    head: Letterhead,
    jobs: int = 1,
    advance: Callable[[int], object] | None = None,
) -> list[Path]:
    """One scorecard per unit code into ``folder/phieu-diem``; ``jobs`` processes."""
    (folder / SCORECARDS_DIR).mkdir(parents=True, exist_ok=True)
    advance = advance or (lambda _n: None)
    chunks = [list(codes[i : i + CHUNK]) for i in range(0, len(codes), CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            for code in chunk:
                _write_one(results, code, folder, fmt, head)
                advance(1)
    else:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(results,),  # pickled once per worker
        )
        try:
            futures = [
                pool.submit(_write_chunk, chunk, str(folder), fmt, head)  # a frozen dataclass
                for chunk in chunks
            ]
            for future in as_completed(futures):
                advance(future.result())
        finally:  # stopped or failed: the chunks not begun are dropped, not rendered
            pool.shutdown(wait=True, cancel_futures=True)
    return [scorecard_path(folder, code, fmt) for code in codes]


def _write_one(results: PublishedRun, code: str, folder: Path, fmt: str, head: Letterhead) -> None:
    data = _renderer(fmt).render_scorecard(results, code, head)
    scorecard_path(folder, code, fmt).write_bytes(data)


_WORKER_RESULTS: list[PublishedRun] = []


def _init_worker(results: PublishedRun) -> None:
    _WORKER_RESULTS[:] = [results]
    _die_with_parent()


def _die_with_parent(every: float = 1.0) -> None:
    """A worker process ends when the process that started it is gone (killed with SIGKILL,
    its machine's job manager stopping it): it would otherwise wait on its queue for ever."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:  # adopted by init: the parent died
                os._exit(1)

    threading.Thread(target=watch, name="parindex-parent-watch", daemon=True).start()


def _write_chunk(codes: Sequence[str], folder: str, fmt: str, head: Letterhead) -> int:
    for code in codes:
        _write_one(_WORKER_RESULTS[0], code, Path(folder), fmt, head)
    return len(codes)


def iter_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, sorted (what a staging folder holds)."""
    yield from sorted(p for p in folder.rglob("*") if p.is_file())
