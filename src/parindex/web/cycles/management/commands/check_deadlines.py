"""``manage.py check_deadlines``: the deadlines' reminders and locks due now and the plan tasks'
deadline notices of today (for cron), or
``--schedule`` to start the background check every 15 minutes under ``manage.py db_worker``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from parindex.web.cycles.reminders import run_deadline_checks
from parindex.web.cycles.tasks import ensure_scheduled


class Command(BaseCommand):
    help = "Nhắc hạn và khoá hạn các đơn vị chưa gửi (chạy định kỳ, ví dụ mỗi 15 phút)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="xếp lịch kiểm tra hạn mỗi 15 phút trong tiến trình nền (manage.py db_worker)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from parindex.web.plans.reminders import notify_task_deadlines

        summary = run_deadline_checks()
        tasks = notify_task_deadlines(timezone.localdate())
        self.stdout.write(f"Đã kiểm tra hạn: {summary}; {tasks}")
        if options["schedule"]:
            queued = ensure_scheduled()
            self.stdout.write(
                "Đã xếp lịch kiểm tra hạn mỗi 15 phút."
                if queued
                else "Lịch kiểm tra hạn đã có (hoặc tiến trình nền không hỗ trợ hẹn giờ)."
            )
