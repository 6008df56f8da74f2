"""`manage.py load_demo DIR`: the demo province (from `parindex demo`) into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.core.problems import InputError
from parindex.web.cycles.demo_load import demo_accounts, load_demo
from parindex.web.errors import ActionError
from parindex.web.units.models import Unit


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (kết quả của `parindex demo`) và tạo tài khoản mẫu cho mọi vai trò"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder")
        parser.add_argument(
            "--force",
            action="store_true",
            help="nạp cả khi DEBUG tắt (cơ sở dữ liệu thật sẽ có tài khoản mẫu với mật khẩu công khai)",
        )

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Không nạp dữ liệu mẫu khi DEBUG tắt: dữ liệu mẫu tạo tài khoản với mật khẩu "
                "công khai. Chỉ dùng trên máy thử (DEBUG=1), hoặc thêm --force nếu thật sự muốn."
            )
        folder = Path(options["folder"])
        if not (folder / "manifest.json").exists():
            raise CommandError(
                f"{folder}: không có manifest.json (chạy `parindex demo --out {folder}` trước)"
            )
        if Unit.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có dữ liệu; không nạp lại dữ liệu mẫu.")
            accounts = demo_accounts()
        else:
            try:
                accounts = load_demo(folder, say=self.stdout.write)
            except (ActionError, InputError) as exc:
                problems = getattr(exc, "problems", ())
                message = (
                    exc.message if isinstance(exc, ActionError) else "Dữ liệu mẫu không hợp lệ"
                )
                raise CommandError(
                    "\n  ".join(
                        [f"Không nạp được dữ liệu mẫu: {message}", *map(str, problems[:20])]
                    )
                ) from None
        self.stdout.write("Tài khoản mẫu (mật khẩu giống nhau):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<16} {password}   {role}")
