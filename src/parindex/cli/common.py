"""What every command shares: the terminal reporter and how input problems are printed."""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console

from parindex.core.numbers import format_count, format_seconds
from parindex.core.problems import Problem

EXIT_INPUT = 2


class Reporter:
    """Terminal output: progress for long runs, silence with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)

    @contextmanager
    def stage(self, label: str) -> Iterator[None]:
        if self.quiet:
            yield
            return
        start = time.perf_counter()
        with self.err.status(label):
            yield
        self.err.print(f"[dim]✓ {label} ({format_seconds(time.perf_counter() - start)})[/dim]")

    def print(self, text: str = "") -> None:
        if not self.quiet:
            self.out.print(text, markup=False)


def print_problems(problems: Sequence[Problem]) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"[bold red]Lỗi dữ liệu đầu vào ({format_count(len(problems))} lỗi):[/bold red]")
    for p in problems:
        err.print(f"  - {p}", markup=False)


def global_options() -> argparse.ArgumentParser:
    """Options every command also takes after its name (``parindex score … --quiet``).

    Their default is SUPPRESS so that a command that does not repeat the option keeps
    the value given before the command's name.
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="không in tiến trình (cho script)",
    )
    return parent
