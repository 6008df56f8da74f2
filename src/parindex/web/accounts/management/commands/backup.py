"""`manage.py backup --out DIR`: the database and every stored file, with a checksum manifest
(parindex.web.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.web.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp minh chứng vào một thư mục (kèm mã kiểm tra SHA-256)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="thư mục mới cho bản sao lưu")

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        try:
            summary = create_backup(Path(options["out"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã sao lưu {summary.text()}.")
