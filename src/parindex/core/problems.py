"""One error type for every bad input: a list of located problems.

Problems are collected and reported together, never raised one at a time.

>>> p = Problem("Điểm tối đa âm", where="1.2")
>>> str(p)
'1.2: Điểm tối đa âm'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one input."""

    message: str
    where: str = ""
    file: str = ""
    unit: str = ""
    criterion: str = ""

    def __str__(self) -> str:
        place = ", ".join(
            part
            for part in (
                self.file,
                self.where,
                f"đơn vị {self.unit}" if self.unit else "",
                f"tiêu chí {self.criterion}" if self.criterion else "",
            )
            if part
        )
        return f"{place}: {self.message}" if place else self.message


class InputError(Exception):
    """Raised with every problem found in an input, never with only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
