"""The demo's published runs (``parindex demo --score``), made once per test session for the
remediation tests."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path


@functools.cache
def demo_results() -> Path:
    """The demo's ``results`` folder: districts-2023/2024, communes-2023/2024, scheme-2025/…"""
    from parindex.cli import main

    folder = Path(tempfile.mkdtemp(prefix="parindex-remediation-demo-"))
    atexit.register(shutil.rmtree, folder, True)
    assert main(["--quiet", "demo", "--out", str(folder / "demo"), "--score"]) == 0
    return folder / "demo" / "results"
