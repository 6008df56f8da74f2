"""Accounts: the users' import (a row report first), one officer per unit, one-time passwords,
edits, deactivation, a person's own password change. Every write here, audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.problems import Problem
from parindex.core.workflow import Role
from parindex.io.roster import USER_LABELS, UserLine, parse_users
from parindex.web.accounts.models import PasswordSheet, User
from parindex.web.accounts.passwords import (
    Issued,
    Usernames,
    one_time_password,
    password_workbook,
    username_base,
)
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.units.models import PendingImport, Unit

FIELD_LABELS = {"full_name": "họ tên", "email": "e-mail", "role": "vai trò", "unit": "đơn vị"}


@dataclass(frozen=True)
class UserUpdate:
    line: UserLine
    user: User
    changes: tuple[str, ...]


@dataclass(frozen=True)
class UserPlan:
    file: str
    creates: tuple[UserLine, ...]
    updates: tuple[UserUpdate, ...]
    unchanged: int
    problems: tuple[Problem, ...]


def account_text(user: User) -> str:
    """An account as its audit row shows it: role and unit."""
    return f"vai trò {user.role}; đơn vị {user.unit.code if user.unit else '—'}"


def full_name(user: User) -> str:
    return user.get_full_name() or user.username


def plan_users(data: bytes, file: str) -> UserPlan:
    """The row report of a users file: a known e-mail updates that account, any other row is
    a new account; every unit must exist and be in use. Writes nothing."""
    sheet = parse_users(data, file)
    problems = list(sheet.problems)
    units = {u.code: u for u in Unit.objects.all()}
    people = list(User.objects.select_related("unit"))
    by_email = {u.email.lower(): u for u in people if u.email}
    # without an e-mail, the same name in the same unit is the same person (a file imported twice)
    by_name = {(full_name(u), u.unit.code if u.unit else ""): u for u in people if not u.email}
    creates, updates, unchanged = [], [], 0
    for line in sheet.rows:
        where = f"dòng {line.row}"
        unit = units.get(line.unit) if line.unit else None
        if line.unit and unit is None:
            problems.append(
                Problem(
                    f"{USER_LABELS['unit']}: chưa có đơn vị «{line.unit}» trong hệ thống",
                    where=where,
                    file=sheet.file,
                )
            )
            continue
        if unit is not None and not unit.active:
            problems.append(
                Problem(
                    f"{USER_LABELS['unit']}: đơn vị «{line.unit}» đã ngừng sử dụng",
                    where=where,
                    file=sheet.file,
                )
            )
            continue
        user = by_email.get(line.email) if line.email else by_name.get((line.full_name, line.unit))
        if user is None:
            creates.append(line)
            continue
        changes = _changes(user, line, unit)
        if changes:
            updates.append(UserUpdate(line, user, changes))
        else:
            unchanged += 1
    return UserPlan(sheet.file, tuple(creates), tuple(updates), unchanged, tuple(problems))


def _changes(user: User, line: UserLine, unit: Unit | None) -> tuple[str, ...]:
    changed = []
    if full_name(user) != line.full_name:
        changed.append("full_name")
    if user.role != line.role:
        changed.append("role")
    if user.unit_id != (unit.pk if unit else None):
        changed.append("unit")
    return tuple(FIELD_LABELS[c] for c in changed)


def _new_account(
    usernames: Usernames, name: str, email: str, role: Role, unit: Unit | None
) -> tuple[User, str]:
    password = one_time_password()
    user = User(
        username=usernames.new(username_base(email, unit.code if unit else "", name)),
        first_name=name[:150],
        email=email,
        role=role,
        unit=unit,
        is_staff=role == Role.ADMIN,
        must_change_password=True,
    )
    user.set_password(password)
    user.save()
    return user, password


def _keep_sheet(actor: User, issued: list[Issued]) -> PasswordSheet | None:
    if not issued:
        return None
    PasswordSheet.objects.filter(owner=actor).delete()  # one sheet at a time: the newest
    return PasswordSheet.objects.create(
        owner=actor, accounts=len(issued), data=password_workbook(issued)
    )


@transaction.atomic
def do_import_users(pending: PendingImport, actor: User) -> UserPlan:
    """Write the confirmed users file at once; new accounts get one-time passwords, kept only
    in the sheet the admin downloads once."""
    plan = plan_users(bytes(pending.data), pending.file_name)
    if plan.problems:
        raise ActionError("Chưa nhập được danh sách người dùng", plan.problems)
    units = {u.code: u for u in Unit.objects.all()}
    usernames = Usernames()
    issued = []
    for line in plan.creates:
        unit = units.get(line.unit) if line.unit else None
        user, password = _new_account(usernames, line.full_name, line.email, line.role, unit)
        issued.append(Issued(str(unit) if unit else "", line.full_name, user.username, password))
        record(
            actor,
            AuditAction.USER_CREATE,
            unit=unit,
            field=user.username,
            new=account_text(user),
            reason=plan.file,
        )
    for update in plan.updates:
        user, line = update.user, update.line
        unit = units.get(line.unit) if line.unit else None
        old = f"{full_name(user)}; {user.role}; {user.unit.code if user.unit else ''}"
        user.first_name, user.last_name = line.full_name[:150], ""
        user.role, user.unit, user.is_staff = line.role, unit, line.role == Role.ADMIN
        user.save(update_fields=["first_name", "last_name", "role", "unit", "is_staff"])
        new = f"{line.full_name}; {line.role}; {line.unit}"
        record(
            actor,
            AuditAction.USER_IMPORT,
            unit=unit,
            field=user.username,
            old=old,
            new=new,
            reason=plan.file,
        )
    record(
        actor, AuditAction.USER_IMPORT, reason=plan.file,
        new=f"{format_count(len(plan.creates))} tài khoản mới, {format_count(len(plan.updates))} cập nhật",
    )  # fmt: skip
    _keep_sheet(actor, issued)
    PendingImport.objects.filter(pk=pending.pk).delete()
    return plan


def units_without_officer() -> list[Unit]:
    return list(
        Unit.objects.filter(Unit.in_force_now())
        .exclude(
            pk__in=User.objects.filter(
                is_active=True, role=Role.OFFICER, unit__isnull=False
            ).values("unit")
        )
        .order_by("code")
    )


@transaction.atomic
def do_create_unit_accounts(actor: User) -> int:
    """One officer account for every unit in use that has no active officer."""
    usernames = Usernames()
    issued = []
    for unit in units_without_officer():
        name = f"Cán bộ đầu mối {unit}"
        user, password = _new_account(usernames, name, "", Role.OFFICER, unit)
        issued.append(Issued(str(unit), name, user.username, password))
        record(
            actor, AuditAction.USER_CREATE, unit=unit, field=user.username, new=account_text(user)
        )
    _keep_sheet(actor, issued)
    return len(issued)


@transaction.atomic
def do_reset_password(account: User, actor: User) -> PasswordSheet:
    """«Cấp lại mật khẩu»: a new one-time password, on a sheet of its own."""
    account = User.objects.select_for_update(of=("self",)).select_related("unit").get(pk=account.pk)
    password = one_time_password()
    account.set_password(password)
    account.must_change_password = True
    account.save(update_fields=["password", "must_change_password"])
    record(actor, AuditAction.USER_PASSWORD_RESET, unit=account.unit, field=account.username)
    unit = str(account.unit) if account.unit else ""
    sheet = _keep_sheet(actor, [Issued(unit, full_name(account), account.username, password)])
    assert sheet is not None
    return sheet


@transaction.atomic
def do_take_password_sheet(sheet: PasswordSheet) -> bytes:
    """The sheet's bytes, once: the row is gone when they are handed out."""
    found = PasswordSheet.objects.select_for_update().filter(pk=sheet.pk).first()
    if found is None:
        raise ActionError("Tệp mật khẩu đã được tải")
    data = bytes(found.data)
    found.delete()
    return data


@transaction.atomic
def do_edit_user(account: User, values: dict[str, Any], actor: User) -> list[str]:
    """Change a person's name, e-mail, role, unit; each change audited."""
    account = User.objects.select_for_update(of=("self",)).select_related("unit").get(pk=account.pk)
    olds = {"full_name": full_name(account), "email": account.email, "role": account.role,
            "unit": account.unit.code if account.unit else ""}  # fmt: skip
    unit: Unit | None = values["unit"]
    news = {"full_name": values["full_name"], "email": values["email"], "role": values["role"],
            "unit": unit.code if unit else ""}  # fmt: skip
    changed = [f for f in olds if olds[f] != news[f]]
    if not changed:
        return []
    account.first_name, account.last_name = values["full_name"], ""
    account.email, account.role, account.unit = values["email"], values["role"], unit
    account.is_staff = values["role"] == Role.ADMIN
    account.save()
    for field in changed:
        record(actor, AuditAction.USER_EDIT, unit=unit, field=field, old=olds[field], new=news[field],
               reason=account.username)  # fmt: skip
    return [FIELD_LABELS[f] for f in changed]


@transaction.atomic
def do_set_user_active(account: User, active: bool, actor: User, reason: str = "") -> User:
    """Lock an account (it can no longer sign in; its history stays) or unlock it."""
    if account.pk == actor.pk and not active:
        raise ActionError("Không thể tự khóa tài khoản của chính mình")
    account = User.objects.select_for_update().get(pk=account.pk)
    if account.is_active == active:
        return account
    account.is_active = active
    account.save(update_fields=["is_active"])
    if active:
        record(
            actor,
            AuditAction.USER_EDIT,
            field="is_active",
            old="0",
            new="1",
            reason=reason or account.username,
        )
    else:
        record(
            actor,
            AuditAction.USER_DEACTIVATE,
            field=account.username,
            old="1",
            new="0",
            reason=reason,
        )
    return account


@transaction.atomic
def do_change_password(user: User, password: str) -> User:
    """A person's own new password (already checked by Django's validators)."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record(user, AuditAction.USER_PASSWORD_CHANGE, field=user.username)
    return user


@transaction.atomic
def do_set_password_by_mail(user: User, password: str, address: str) -> User:
    """A new password chosen through the link in a reset mail (already checked by the
    validators); a one-time password it replaces need not be changed again."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    record(user, AuditAction.USER_PASSWORD_RESET_DONE, field=user.username, new=address)
    return user
