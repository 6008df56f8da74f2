"""One-time passwords: readable, from ``secrets``; usernames made unique; the XLSX the admin
downloads once (its bytes are the only place a password is ever kept in clear)."""

from __future__ import annotations

import io
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.utils.translation import gettext

from parindex.web.accounts.models import User

# no 0/O, 1/l/I: read off a sheet and typed in by hand
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
USERNAME_MAX = 150


class MinimumLength(MinimumLengthValidator):
    """Django's minimum length, its message in Vietnamese (Django 5.2 changed the message and
    its Vietnamese catalogue has not followed)."""

    def get_error_message(self) -> str:
        return gettext("Mật khẩu quá ngắn: cần ít nhất %(n)d ký tự.") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return gettext("Mật khẩu cần ít nhất %(n)d ký tự.") % {"n": self.min_length}


def one_time_password() -> str:
    """Groups of four letters and digits, e.g. ``k7pm-x3qa-9trw`` (three groups: about 59
    bits), one more group while shorter than the policy's PASSWORD_MIN_LENGTH."""
    groups = max(3, -(-(int(settings.PASSWORD_MIN_LENGTH) + 1) // 5))  # 5 characters a group
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(groups))


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9._-]+", ".", plain).strip(".-_")


def username_base(email: str, unit_code: str, full_name: str) -> str:
    """From the e-mail's name, else ``canbo.<unit code>``, else the person's name.

    >>> username_base("An.Nguyen@tinh.gov.vn", "", ""), username_base("", "XA-01", "")
    ('an.nguyen', 'canbo.xa-01')
    """
    if email:
        base = _ascii(email.split("@", 1)[0])
    elif unit_code:
        base = "canbo." + _ascii(unit_code)
    else:
        base = _ascii(full_name)
    return (base or "nguoidung")[: USERNAME_MAX - 6]


class Usernames:
    """Hands out usernames not taken in the database nor earlier in the same batch."""

    def __init__(self) -> None:
        self.taken = {u.lower() for u in User.objects.values_list("username", flat=True)}

    def new(self, base: str) -> str:
        name, n = base, 1
        while name.lower() in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name.lower())
        return name


@dataclass(frozen=True)
class Issued:
    """A password handed to a person, for the sheet only."""

    unit: str
    full_name: str
    username: str
    password: str


def password_workbook(issued: Iterable[Issued]) -> bytes:
    """The sheet the admin hands out: unit, name, username, one-time password; every text
    cell kept as text (a name typed as «=…» is not a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from parindex.reports.xlsx_table import put_text

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Mật khẩu"
    ws.append(["Đơn vị", "Họ tên", "Tên đăng nhập", "Mật khẩu dùng một lần"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row, item in enumerate(issued, start=2):
        for col, value in enumerate((item.unit, item.full_name, item.username, item.password), 1):
            put_text(ws, row, col, value)
    for letter, width in zip("ABCD", (40, 30, 24, 24), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([])
    ws.append(["Mật khẩu chỉ dùng để đăng nhập lần đầu; hệ thống yêu cầu đổi ngay."])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
