"""Background jobs of cycles: the deadline check, every 15 minutes under ``manage.py db_worker``.

The task runs the check, then queues its own next run (``run_after``) unless one is already
waiting, so one chain keeps going; ``ensure_scheduled`` starts it (``manage.py check_deadlines
--schedule``, and whenever a cycle opens a step with deadlines). Backends that cannot defer a
task (the immediate one in tests) are never re-queued: tests call ``run_deadline_checks(now)``.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task, task_backends

from parindex.web.cycles.reminders import run_deadline_checks

EVERY = dt.timedelta(minutes=15)
TASK_PATH = "parindex.web.cycles.tasks.check_deadlines"


@task()
def check_deadlines() -> str:
    """Reminders and locks due now, the plan tasks' deadline notices of today; then the next
    run in 15 minutes."""
    from parindex.web.plans.reminders import notify_task_deadlines

    summary = run_deadline_checks()
    tasks = notify_task_deadlines(timezone.localdate())
    ensure_scheduled()
    return f"{summary}; {tasks}"


def _waiting() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists()


def ensure_scheduled() -> bool:
    """Queue the next check in 15 minutes if the backend can defer and none is waiting.
    Returns whether one was queued."""
    backend = task_backends[check_deadlines.backend]
    if not backend.supports_defer:
        return False
    if "django_tasks_db" in type(backend).__module__ and _waiting():
        return False
    check_deadlines.using(run_after=timezone.now() + EVERY).enqueue()
    return True
