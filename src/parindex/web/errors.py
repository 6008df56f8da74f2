"""Errors the actions raise; views turn them into Vietnamese messages."""

from __future__ import annotations

from collections.abc import Iterable

from parindex.core.problems import Problem


class ActionError(Exception):
    """A refused action; ``problems`` says why, each located."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)

    def full_message(self, limit: int = 20) -> str:
        """The message with the first ``limit`` located problems, as one line for a page message."""
        detail = "; ".join(str(p) for p in self.problems[:limit])
        return self.message + (f": {detail}" if detail else "")


class StaleEdit(ActionError):
    """Someone else saved this first (optimistic locking)."""
