"""The CSS class of each of the four statuses (the colours are site.css's)."""

from __future__ import annotations

from typing import Final

from parindex.core.plans import DONE, DONE_LATE, IN_PROGRESS, NOT_DONE

STATUS_CLASS: Final = {
    DONE: "task-done",
    DONE_LATE: "task-late",
    IN_PROGRESS: "task-open",
    NOT_DONE: "task-overdue",
}
