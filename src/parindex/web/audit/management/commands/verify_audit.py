"""``manage.py verify_audit``: walk the audit chain; name the first broken link (exit 1)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from parindex.web.audit.chain import walk
from parindex.web.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký thay đổi; báo dòng đầu tiên bị đứt."

    def handle(self, *args: Any, **options: Any) -> None:
        report = walk(AuditEntry.objects.order_by("id").iterator(chunk_size=2000))
        if not report.intact:
            raise CommandError(report.message(), returncode=1)
        self.stdout.write(report.message())
