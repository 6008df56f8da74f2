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


class StaleEdit(ActionError):
    """Someone else saved this first (optimistic locking)."""
