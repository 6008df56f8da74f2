"""`manage.py create_admin USERNAME`: the first admin of a new installation (every other account
is made in the app). The password is asked twice, or read from PARINDEX_ADMIN_PASSWORD."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parindex.core.workflow import Role
from parindex.web.accounts.actions import account_text
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị đầu tiên (cơ quan thường trực CCHC)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="họ và tên")

    def handle(self, *args: Any, **options: Any) -> None:  # argparse values (Django's signature)
        username = options["username"]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Tài khoản «{username}» đã có; không tạo lại.")
        password = os.environ.get("PARINDEX_ADMIN_PASSWORD") or self._ask()
        user = User(username=username, email=options["email"], role=Role.ADMIN)
        first, _, last = options["name"].rpartition(" ")
        user.first_name, user.last_name = first, last
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Mật khẩu không đạt: " + " ".join(exc.messages)) from None
        user.set_password(password)
        user.save()
        record(
            None,
            AuditAction.USER_CREATE,
            field=username,
            new=account_text(user),
            reason="manage.py create_admin",
        )
        self.stdout.write(f"Đã tạo tài khoản quản trị «{username}».")
        if Role.ADMIN in settings.TWO_FACTOR_ROLES:  # two-factor login (issue 12)
            self.stdout.write(
                "Lần đăng nhập đầu tiên sẽ yêu cầu thiết lập xác thực hai bước: chuẩn bị "
                "một ứng dụng xác thực trên điện thoại (Google Authenticator, FreeOTP…)."
            )

    def _ask(self) -> str:
        password = getpass.getpass("Mật khẩu: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không giống nhau.")
        return password
