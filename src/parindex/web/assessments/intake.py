"""An evidence file from its upload to storage: checked (type, size, a sane container), scanned
for viruses when a scanner is configured, then stored; and nothing left half-written — a file
stored by an action that is then refused (another leaf or file of the same save refused, a
stale edit) is deleted again, and an infected upload is audited even though its save is not.

Every public action that may store a file is wrapped in ``@keeps_files_of_success`` outside
its ``@transaction.atomic``; only the outermost wrapper acts."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, ParamSpec, TypeVar

from django.conf import settings
from django.core.files import File

from parindex.web.assessments.evidence import CheckedFile, EvidenceRejected, check
from parindex.web.assessments.scan import Scanner, ScannerUnavailable
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

    from parindex.web.accounts.models import User
    from parindex.web.assessments.models import Evidence, Score

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class _Intake:
    stored: list[tuple[object, str]] = field(default_factory=list)  # (storage, name)
    after_refusal: list[Callable[[], None]] = field(default_factory=list)


_current: ContextVar[_Intake | None] = ContextVar("evidence_intake", default=None)


def keeps_files_of_success(action: Callable[P, R]) -> Callable[P, R]:
    """Delete the files stored during ``action`` when it raises; audit what must be audited
    though the action's own writes were rolled back."""

    @functools.wraps(action)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if _current.get() is not None:
            return action(*args, **kwargs)
        intake = _Intake()
        token = _current.set(intake)
        try:
            return action(*args, **kwargs)
        except BaseException:
            for storage, name in intake.stored:
                storage.delete(name)  # type: ignore[attr-defined]
            for audit in intake.after_refusal:
                audit()
            raise
        finally:
            _current.reset(token)

    return wrapper


def audit_evidence(
    actor: User, score: Score, new: str, action: AuditAction = AuditAction.EVIDENCE_ADD
) -> None:
    """One audit row about a file of ``score``: added, served or refused as infected."""
    record(
        actor,
        action,
        cycle=score.cycle,
        unit=score.unit,
        criterion_code=score.criterion.code,
        field="evidence",
        new=new,
    )


def scanner() -> Scanner:
    return Scanner(
        socket_path=settings.CLAMAV_SOCKET, host=settings.CLAMAV_HOST, port=settings.CLAMAV_PORT
    )


def _scan(actor: User, score: Score, content: IO[bytes], shown: str) -> None:
    configured = scanner()
    if not configured.configured:
        return
    try:
        virus = configured.scan(content)
    except ScannerUnavailable:
        if settings.CLAMAV_FAIL_OPEN:
            return
        raise ActionError(
            f"Tệp «{shown}» chưa được nhận: không kết nối được dịch vụ quét virus; "
            "hãy thử lại sau ít phút hoặc báo quản trị hệ thống"
        ) from None
    if virus is None:
        return
    intake = _current.get()

    def audit() -> None:
        audit_evidence(actor, score, f"{shown}: {virus}", AuditAction.EVIDENCE_INFECTED)

    if intake is not None:
        intake.after_refusal.append(audit)  # the refusal rolls back what is written now
    else:
        audit()
    raise ActionError(f"Tệp «{shown}» không được nhận: phát hiện mã độc ({virus})")


def remember_stored(storage: object, name: str) -> None:
    """A file stored by the action under way: deleted again if the action fails."""
    intake = _current.get()
    if intake is not None:
        intake.stored.append((storage, name))


def scan_or_refuse(content: IO[bytes], shown: str) -> None:
    """Refuse an upload the configured scanner finds infected (or cannot scan, unless the
    scanner fails open); nothing when no scanner is configured."""
    configured = scanner()
    if not configured.configured:
        return
    try:
        virus = configured.scan(content)
    except ScannerUnavailable:
        if settings.CLAMAV_FAIL_OPEN:
            return
        raise ActionError(
            f"Tệp «{shown}» chưa được nhận: không kết nối được dịch vụ quét virus; "
            "hãy thử lại sau ít phút hoặc báo quản trị hệ thống"
        ) from None
    if virus is not None:
        raise ActionError(f"Tệp «{shown}» không được nhận: phát hiện mã độc ({virus})")


def store_checked(stored: FieldFile, upload: IO[bytes], name: str) -> CheckedFile:
    """Check an upload (type by content, size), scan it and save it as ``stored``'s file (the
    model itself not saved); refused with the file's name and the reason. The file is removed
    again if the action under way fails. Returns what the check found (name, type, size, hash)."""
    try:
        checked = check(upload, name, settings.EVIDENCE_MAX_BYTES)
    except EvidenceRejected as exc:
        raise ActionError(f"Tệp «{name}» không được nhận: {exc}") from exc
    with checked.content:
        scan_or_refuse(checked.content, checked.safe_name)
        checked.content.seek(0)
        stored.save(f"{uuid.uuid4().hex}{checked.extension}", File(checked.content), save=False)
    remember_stored(stored.storage, stored.name or "")
    return checked


def store_upload(
    actor: User, score: Score, evidence: Evidence, upload: IO[bytes], name: str
) -> None:
    """Check, scan and store an upload as the file of ``evidence`` (not yet saved)."""
    try:
        checked = check(upload, name, settings.EVIDENCE_MAX_BYTES)
    except EvidenceRejected as exc:
        raise ActionError(f"Tệp «{name}» không được nhận: {exc}") from exc
    with checked.content:
        _scan(actor, score, checked.content, checked.safe_name)
        evidence.original_name = checked.safe_name
        evidence.content_type = checked.content_type
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        evidence.file.save(
            f"{uuid.uuid4().hex}{checked.extension}", File(checked.content), save=False
        )
    intake = _current.get()
    if intake is not None:
        intake.stored.append((evidence.file.storage, evidence.file.name))
