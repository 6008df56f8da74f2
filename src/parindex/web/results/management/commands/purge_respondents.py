"""`manage.py purge_respondents [--older-than-days N]`: remove the raw survey responses of
cycles published more than N days ago (default PARINDEX_RESPONDENT_RETENTION_DAYS, 365);
parindex.web.results.retention says what is kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from parindex.core.numbers import format_count
from parindex.web.results.retention import do_purge_respondents


class Command(BaseCommand):
    help = "Xóa phiếu trả lời điều tra (dữ liệu cá nhân của người trả lời) sau thời hạn lưu giữ"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help="xóa phiếu của các kỳ đã công bố quá số ngày này (mặc định theo cấu hình)",
        )

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        purged = do_purge_respondents(options["older_than_days"])
        for item in purged:
            self.stdout.write(f"Đã xóa {item.file} ({item.cycle})")
        self.stdout.write(f"Đã xóa {format_count(len(purged))} tệp phiếu trả lời.")
