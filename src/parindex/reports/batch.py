"""Writing the official documents of a run into a folder: summary, scorecards, appendix.

From a published run (``PublishedRun``): ``write_summary`` and ``write_scorecards`` write ``tong-hop.<fmt>`` and
``phieu-diem/<unit>.<fmt>`` (DOCX or PDF), or ``phu-luc.xlsx``. Scorecards are
rendered by ``jobs`` worker processes (each renders a chunk of units and writes its
files), so thousands of them use every core; ``advance(n)`` reports progress.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol, TypedDict

from parindex.core.published import PublishedRun
from parindex.reports.document import Letterhead, safe_filename

FORMATS = ("docx", "pdf", "xlsx")
SUMMARY_NAME = "tong-hop"
SCORECARDS_DIR = "phieu-diem"
APPENDIX_NAME = "phu-luc.xlsx"
CHUNK = 40


class _Options(TypedDict):
    """The letterhead, as the keyword arguments of the renderers."""

    issuer: str
    number: str
    place: str
    date: dt.date | None
    signer_title: str
    signer_name: str


class _Renderer(Protocol):
    """What ``docx_report`` and ``pdf_report`` both provide."""

    def render_summary(
        self,
        results: PublishedRun,
        *,
        issuer: str = ...,
        number: str = ...,
        place: str = ...,
        date: dt.date | None = ...,
        signer_title: str = ...,
        signer_name: str = ...,
    ) -> bytes: ...

    def render_scorecard(
        self,
        results: PublishedRun,
        unit_code: str,
        *,
        issuer: str = ...,
        number: str = ...,
        place: str = ...,
        date: dt.date | None = ...,
        signer_title: str = ...,
        signer_name: str = ...,
    ) -> bytes: ...


def _renderer(fmt: str) -> _Renderer:
    if fmt == "docx":
        from parindex.reports import docx_report

        return docx_report
    from parindex.reports import pdf_report

    return pdf_report


def _options(head: Letterhead) -> _Options:
    return {
        "issuer": head.issuer,
        "number": head.number,
        "place": head.place,
        "date": head.date,
        "signer_title": head.signer_title,
        "signer_name": head.signer_name,
    }


def write_summary(results: PublishedRun, folder: Path, fmt: str, head: Letterhead) -> Path:
    if fmt == "xlsx":
        from parindex.reports import xlsx_appendix

        target = folder / APPENDIX_NAME
        target.write_bytes(xlsx_appendix.render(results))
        return target
    target = folder / f"{SUMMARY_NAME}.{fmt}"
    target.write_bytes(_renderer(fmt).render_summary(results, **_options(head)))
    return target


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
                pool.submit(_write_chunk, chunk, str(folder), fmt, _head_tuple(head))
                for chunk in chunks
            ]
            for future in as_completed(futures):
                advance(future.result())
        finally:  # stopped or failed: the chunks not begun are dropped, not rendered
            pool.shutdown(wait=True, cancel_futures=True)
    return [scorecard_path(folder, code, fmt) for code in codes]


def _write_one(results: PublishedRun, code: str, folder: Path, fmt: str, head: Letterhead) -> None:
    data = _renderer(fmt).render_scorecard(results, code, **_options(head))
    scorecard_path(folder, code, fmt).write_bytes(data)


_Head = tuple[str, str, str, str | None, str, str]


def _head_tuple(head: Letterhead) -> _Head:
    date = head.date.isoformat() if head.date else None
    return (head.issuer, head.number, head.place, date, head.signer_title, head.signer_name)


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


def _write_chunk(codes: Sequence[str], folder: str, fmt: str, head: _Head) -> int:
    issuer, number, place, date, signer_title, signer_name = head
    day = dt.date.fromisoformat(date) if date else None
    letterhead = Letterhead(issuer, number, place, day, signer_title, signer_name)
    for code in codes:
        _write_one(_WORKER_RESULTS[0], code, Path(folder), fmt, letterhead)
    return len(codes)


def iter_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, sorted (what a staging folder holds)."""
    yield from sorted(p for p in folder.rglob("*") if p.is_file())
