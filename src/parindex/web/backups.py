"""Backups of a whole installation, and their restore: the database and the stored files.

A backup is a folder::

    manifest.json      what it holds: each file with its SHA-256 and size, the migrations
    database.json      every row of every app (Django's dumpdata, natural foreign keys)
    files/...          every file of the default storage (evidence, built ZIPs), same names

The database is dumped as JSON with Django's serialisers, in one transaction (a snapshot:
IMMEDIATE on SQLite, REPEATABLE READ on PostgreSQL), so a backup of SQLite restores into
PostgreSQL and the other way round; the restore loads it with ``loaddata``, which inserts each
row as it was (its id, its timestamps; audit rows are INSERTed, never updated). Content types
and permissions are not dumped: ``migrate`` makes them, and rows refer to them by natural key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.core.serializers import json as django_json
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from parindex.core.numbers import format_count, format_file_size
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction

FORMAT = "parindex.backup/1"
MANIFEST = "manifest.json"
DATABASE = "database.json"
FILES = "files"
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "django_tasks_database")
"""Made again by ``migrate``, or short-lived (sessions, the task queue's rows)."""
CHUNK = 1024 * 1024


class _ExactEncoder(django_json.DjangoJSONEncoder):
    """Times to the microsecond: Django's JSON keeps milliseconds, and an audit row's time
    (which its hash covers) must come back exactly as it was."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    """Django's JSON serialiser with exact times (registered as ``parindex_json`` for
    dumpdata; Django's own JSON deserialiser reads it back)."""

    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # Django's, not in its stubs
        self.json_kwargs["cls"] = _ExactEncoder


Deserializer = django_json.Deserializer
SERIALIZER = "parindex_json"


class BackupError(Exception):
    """A backup that cannot be made or restored; the message names the file and the reason."""


@dataclass(frozen=True)
class Summary:
    folder: Path
    rows: int
    files: int
    size: int

    def text(self) -> str:
        return (
            f"{format_count(self.rows)} dòng dữ liệu, {format_count(self.files)} tệp"
            f" ({format_file_size(self.size)}) trong {self.folder}"
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first (the storage API, so S3 works too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _stored_names(storage, f"{folder}/{sub}" if folder else sub)


def _migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def create_backup(out: Path, actor: Any = None) -> Summary:
    """Write a backup of the database and the stored files into ``out`` (new or empty)."""
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"Thư mục {out} không trống: chọn một thư mục mới cho bản sao lưu")
    (out / FILES).mkdir(parents=True, exist_ok=True)
    outermost = not connection.in_atomic_block  # (a test runs inside its own transaction)
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:  # one snapshot for every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        serializers.register_serializer(SERIALIZER, __name__)
        call_command(
            "dumpdata",
            format=SERIALIZER,
            exclude=list(EXCLUDED),
            natural_foreign=True,
            output=str(out / DATABASE),
            verbosity=0,
        )
        migrations = _migrations()
    files = []
    for name in _stored_names(default_storage):
        target = out / FILES / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        files.append(target)
    listed = [out / DATABASE, *files]
    entries: list[dict[str, Any]] = [
        {"path": p.relative_to(out).as_posix(), "sha256": sha256_of(p), "size": p.stat().st_size}
        for p in listed
    ]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "database": connection.vendor,
        "migrations": migrations,
        "files": entries,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    rows = len(json.loads((out / DATABASE).read_text("utf-8")))
    summary = Summary(out, rows, len(files), sum(int(e["size"]) for e in entries))
    record(actor, AuditAction.BACKUP_CREATE, field="backup", new=summary.text())
    return summary


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, with every file it lists checked (present, same size, same SHA-256)."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BackupError(f"Không thấy {path}: đây không phải một bản sao lưu") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} hỏng, không đọc được: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: không phải bản sao lưu định dạng {FORMAT}")
    for entry in manifest.get("files", []):
        name = entry["path"]
        file = folder / name
        if ".." in Path(name).parts or not file.is_file():
            raise BackupError(f"Bản sao lưu thiếu tệp {name} (có trong {MANIFEST})")
        if file.stat().st_size != entry["size"] or sha256_of(file) != entry["sha256"]:
            raise BackupError(
                f"Tệp {name} không khớp mã kiểm tra SHA-256 trong {MANIFEST}: bản sao lưu"
                " đã bị sửa hoặc hỏng, không khôi phục"
            )
    if not any(e["path"] == DATABASE for e in manifest.get("files", [])):
        raise BackupError(f"{MANIFEST} không liệt kê {DATABASE}")
    return manifest


def _rows_present() -> list[str]:
    """The models that hold rows (what ``migrate`` makes is not counted)."""
    skipped = {"contenttypes", "auth", "sessions", "django_tasks_database", "admin"}
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in skipped and model._default_manager.exists():
            found.append(model._meta.label)
    return found


def restore_backup(folder: Path, actor: Any = None, force: bool = False) -> Summary:
    """Restore a backup into this installation's (empty) database and storage."""
    manifest = read_manifest(folder)
    known = {tuple(m) for m in _migrations()}
    newer = [f"{a}.{n}" for a, n in manifest["migrations"] if (a, n) not in known]
    if newer:
        raise BackupError(
            "Bản sao lưu được tạo với phiên bản mới hơn (chưa có các migration "
            + ", ".join(newer[:5])
            + "): cập nhật phần mềm và chạy migrate trước khi khôi phục"
        )
    present = _rows_present()
    if present and not force:
        raise BackupError(
            "Cơ sở dữ liệu không trống (có dữ liệu trong "
            + ", ".join(present[:5])
            + "): khôi phục vào một cơ sở dữ liệu mới, hoặc thêm --force để xóa hết rồi khôi phục"
        )
    names = [e["path"] for e in manifest["files"] if e["path"].startswith(f"{FILES}/")]
    with transaction.atomic():
        if present:
            call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(folder / DATABASE), verbosity=0)
        for name in names:
            stored = name.removeprefix(f"{FILES}/")
            if default_storage.exists(stored):
                default_storage.delete(stored)
            with (folder / name).open("rb") as handle:
                saved = default_storage.save(stored, File(handle))
            if saved != stored:
                raise BackupError(f"Không ghi được tệp {stored} vào kho tệp (lưu thành {saved})")
    rows = len(json.loads((folder / DATABASE).read_text("utf-8")))
    summary = Summary(folder, rows, len(names), sum(e["size"] for e in manifest["files"]))
    record(
        actor,
        AuditAction.BACKUP_RESTORE,
        field="backup",
        new=summary.text(),
        reason=f"bản sao lưu lúc {manifest['created']}",
    )
    return summary
