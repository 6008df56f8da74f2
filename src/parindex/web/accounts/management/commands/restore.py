"""`manage.py restore DIR [--force]`: a backup made by `manage.py backup`, into an empty
database; refused if a file does not match its checksum (parindex.web.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.web.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (sau khi chạy migrate)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="thư mục của bản sao lưu")
        parser.add_argument(
            "--force", action="store_true", help="xóa dữ liệu đang có rồi khôi phục"
        )

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        try:
            summary = restore_backup(Path(options["folder"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã khôi phục {summary.text()}.")
