"""The ``parindex`` command: one module per command group, each only parsing and calling.

``framework`` (show, check, import), ``score`` and ``template``, ``survey`` (check,
import, sipas), ``report``, ``demo``, ``verify`` (a signed download). Options every command
takes (``--quiet``) may be typed before the command's name or after it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from parindex.cli import (
    demo,
    framework,
    onestop,
    plan,
    remediation,
    report,
    review,
    score,
    survey,
    verify,
)
from parindex.cli.common import EXIT_INPUT, Reporter, global_options, print_problems
from parindex.cli.framework import framework_show
from parindex.cli.score import ranking_lines, run_score, write_outputs
from parindex.core.problems import InputError
from parindex.services.staging import stop_on_signals

__all__ = [
    "EXIT_INPUT",
    "Reporter",
    "build_parser",
    "framework_show",
    "main",
    "ranking_lines",
    "run_score",
    "write_outputs",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parindex", description="Chỉ số cải cách hành chính (Chỉ số CCHC)"
    )
    parser.add_argument("--quiet", action="store_true", help="không in tiến trình (cho script)")
    sub = parser.add_subparsers(dest="command", required=True)
    common = global_options()
    for group in (
        framework,
        score,
        survey,
        report,
        plan,
        remediation,
        onestop,
        review,
        demo,
        verify,
    ):
        group.add_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    rep = Reporter(args.quiet)
    try:
        with stop_on_signals():  # a stopped run still removes its staging folder
            return int(args.func(args, rep))
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
