"""`manage.py backup` and `restore`: a cycle with scores, evidence files and a publication is
backed up, restored into an empty database (a fresh SQLite file in another process), and
found the same: the rows of every model, the evidence's bytes, the published result."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from parindex.web.assessments.actions import do_add_evidence
from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry
from parindex.web.results.models import Publication
from tests.web.conftest import close_and_publish, scored_world

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOT_RESTORED = ("contenttypes", "auth", "sessions", "django_tasks_database", "admin")

RESTORE = """
import hashlib, json, os, sys
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from parindex.web.assessments.models import Evidence
from parindex.web.audit.models import AuditEntry
from parindex.web.results.actions import sha256
from parindex.web.results.models import Publication

call_command("migrate", verbosity=0)
call_command("restore", sys.argv[1], verbosity=0)
if len(sys.argv) > 2:  # once more over the restored rows: refused, then with --force
    try:
        call_command("restore", sys.argv[1], verbosity=0)
        refused = ""
    except Exception as exc:
        refused = str(exc)
    call_command("restore", sys.argv[1], "--force", verbosity=0)
else:
    refused = None
publication = Publication.objects.get()
page = Client().get(f"/cong-khai/{publication.pk}/")
print(json.dumps({
    "counts": {m._meta.label: m._default_manager.count() for m in apps.get_models()},
    "evidence": {str(e.pk): hashlib.sha256(e.file.read()).hexdigest() for e in Evidence.objects.exclude(file="")},
    "audit": [[a.pk, a.action, a.at.isoformat()] for a in AuditEntry.objects.order_by("pk")],
    "verified": sha256(publication.results) == publication.sha256,
    "page": [page.status_code, "Tiên Châu" in page.content.decode()],
    "refused": refused,
}))
"""


@pytest.fixture
def installation(world):
    """A published cycle, its scores, two evidence files."""
    scored_world(world)
    for code in ("1.1", "2.1"):
        do_add_evidence(
            world.officer_a,
            world.score(world.unit_a, code),
            io.BytesIO(PDF + code.encode()),
            f"Minh chứng {code}.pdf",
        )
    close_and_publish(world.cycle, "Quyết định số 1/QĐ-UBND", date(2024, 12, 21), world.admin)
    return world


def restore_elsewhere(backup: Path, tmp_path: Path, *extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.web_settings",
        PARINDEX_VAR=str(tmp_path / "elsewhere"),
        PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}",
    )
    done = subprocess.run(
        [sys.executable, "-c", RESTORE, str(backup), *extra],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def counts() -> dict[str, int]:
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in NOT_RESTORED
    }


def test_a_backup_restores_into_an_empty_database_as_it_was(installation, tmp_path):
    backup = tmp_path / "sao-luu"
    call_command("backup", "--out", str(backup), verbosity=0)
    before = counts()
    evidence = {
        str(e.pk): hashlib.sha256(e.file.read()).hexdigest()
        for e in Evidence.objects.exclude(file="")
    }
    trail = [[a.pk, a.action, a.at.isoformat()] for a in AuditEntry.objects.order_by("pk")]
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert "database.json" in listed
    assert {f"files/{e.file.name}" for e in Evidence.objects.exclude(file="")} <= listed
    assert trail[-1][1] == "backup.create"

    restored = restore_elsewhere(backup, tmp_path, "again")

    assert {k: v for k, v in restored["counts"].items() if k in before} == before
    assert restored["evidence"] == evidence and len(evidence) == 2
    # every audit row as it was (its id and time), then the restore's own
    assert restored["audit"][: len(trail) - 1] == trail[:-1]
    assert [a[1] for a in restored["audit"][len(trail) - 1 :]] == ["backup.restore"]
    assert restored["verified"] and restored["page"] == [200, True]
    assert "không trống" in restored["refused"] and "--force" in restored["refused"]


def test_a_changed_file_in_the_backup_is_named_and_nothing_is_restored(installation, tmp_path):
    backup = tmp_path / "sao-luu"
    call_command("backup", "--out", str(backup), verbosity=0)
    name = Evidence.objects.exclude(file="").first().file.name
    target = backup / "files" / name
    target.write_bytes(target.read_bytes().replace(b"%%EOF", b"%%EOG"))
    before = AuditEntry.objects.count()
    with pytest.raises(CommandError, match=rf"Tệp files/{name} không khớp mã kiểm tra SHA-256"):
        call_command("restore", str(backup), "--force", verbosity=0)
    assert AuditEntry.objects.count() == before


def test_a_non_empty_database_is_not_overwritten_without_force(installation, tmp_path):
    backup = tmp_path / "sao-luu"
    call_command("backup", "--out", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="Cơ sở dữ liệu không trống"):
        call_command("restore", str(backup), verbosity=0)
    assert Publication.objects.count() == 1


def test_a_backup_goes_only_into_a_new_folder(installation, tmp_path):
    (tmp_path / "cu.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", "--out", str(tmp_path), verbosity=0)
