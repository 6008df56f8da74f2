"""Staging folders: the CLI's writes (``score --out``, ``report --out``) go into a hidden
folder beside the output, then move into place all at once; the web's ZIP of every scorecard
is built in one under the system's temporary folder.

A run killed with SIGKILL (or a power cut) cannot remove its folder; its name carries the
process id (``.parindex-<pid>-…``), so the next run beside the same output removes every
staging folder whose process is gone. SIGTERM and SIGHUP end a run through ``SystemExit``
(see :func:`stop_on_signals`), so its own ``finally`` cleans up.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

PREFIX = ".parindex-"
LEGACY_AGE = 24 * 3600
"""A staging folder without a process id (made before they carried one) is removed after a day."""


def new_staging(parent: Path, prefix: str = PREFIX) -> Path:
    """A fresh staging folder in ``parent`` (created), after removing leftovers of dead runs."""
    parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(parent, prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))
    _MADE.add(folder)
    return folder


_MADE: set[Path] = set()
"""This process's staging folders: a signal between a folder's creation and the ``try`` that
removes it would leave it behind, so ``stop_on_signals`` removes what is left on a signal."""


def remove_leftovers(parent: Path, prefix: str = PREFIX) -> list[Path]:
    """Remove the staging folders in ``parent`` whose run is no longer alive; returns them."""
    removed = []
    owned = re.compile(rf"^{re.escape(prefix)}(\d+)-")
    for folder in parent.glob(f"{prefix}*"):
        if folder.is_dir() and _abandoned(folder, owned):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path, pattern: re.Pattern[str]) -> bool:
    owned = pattern.match(folder.name)
    if owned is None:
        try:
            return time.time() - folder.stat().st_mtime > LEGACY_AGE
        except OSError:
            return False
    pid = int(owned.group(1))
    return pid != os.getpid() and not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    except OSError:  # e.g. Windows without that process
        return False
    return True


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While a command runs, SIGTERM/SIGHUP raise SystemExit, so its ``finally`` blocks remove
    its staging folder; the previous handlers are restored afterwards."""
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            number = getattr(signal, name)
            try:
                previous[number] = signal.signal(number, _stop)
            except ValueError:  # not the main thread (embedded use): leave signals alone
                break
    try:
        yield
    except SystemExit:
        for folder in list(_MADE):
            shutil.rmtree(folder, ignore_errors=True)
            _MADE.discard(folder)
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
