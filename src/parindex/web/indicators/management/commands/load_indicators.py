"""``manage.py load_indicators [--file chi-tieu.yaml]``: the indicator catalogue into the app
(the shipped one by default), as the admin's button «Nạp danh mục chỉ tiêu» does."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.io.indicators import CATALOGUE, read_catalogue
from parindex.web.accounts.models import User
from parindex.web.errors import ActionError
from parindex.web.indicators.actions import do_load_catalogue


class Command(BaseCommand):
    help = "Nạp danh mục chỉ tiêu (mặc định: danh mục kèm theo phần mềm)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(CATALOGUE), help="tệp YAML danh mục chỉ tiêu")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            catalogue = read_catalogue(options["file"])
            added, updated = do_load_catalogue(User(), catalogue)  # recorded as nobody
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Đã nạp: {format_count(added)} chỉ tiêu mới, {format_count(updated)} cập nhật."
        )
