"""Importing frameworks: validated by the core, stored with their criteria rows."""

from __future__ import annotations

from django.db import transaction

from parindex.core.problems import InputError
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.frameworks.mappers import _parse, criteria_rows, sha256
from parindex.web.frameworks.models import Criterion, Framework


@transaction.atomic
def do_import_framework(yaml_text: str, actor: User, origin: str = "") -> Framework:
    """Store a framework from its YAML; a frozen framework (used by a cycle) is never replaced."""
    try:
        core = _parse(yaml_text, origin or "framework.yaml")
    except InputError as exc:
        raise ActionError("Bộ tiêu chí không hợp lệ", exc.problems) from exc
    existing = Framework.objects.select_for_update().filter(code=core.id).first()
    if existing is not None:
        if existing.frozen:
            raise ActionError(
                f"Bộ tiêu chí «{core.id}» đang được dùng trong kỳ đánh giá nên không thể thay thế"
            )
        existing.criteria.all().delete()
        framework = existing
    else:
        framework = Framework(code=core.id)
    framework.name = core.name
    framework.level = core.level
    framework.year = core.year
    framework.family = core.family
    framework.source = core.source
    framework.yaml = yaml_text
    framework.sha256 = sha256(yaml_text)
    framework.save()
    made: dict[str, Criterion] = {}
    for node, parent, top, position in criteria_rows(core):
        made[node.code] = Criterion.objects.create(
            framework=framework,
            code=node.code,
            name=node.name,
            max=node.max,
            source=node.source,
            parent=made[parent.code] if parent is not None else None,
            field_code=top.code,
            position=position,
            is_leaf=node.is_leaf,
            evidence=node.evidence,
        )
    record(
        actor,
        AuditAction.FRAMEWORK_IMPORT,
        field="framework",
        new=f"{core.id} ({framework.sha256[:12]})",
    )
    return framework


def do_import_framework_table(
    content: bytes,
    filename: str,
    actor: User,
    *,
    code: str,
    name: str,
    level: str,
    year: int,
    source: str = "",
) -> Framework:
    """Store a framework from its annex table (XLSX): read as ``parindex framework import``
    reads it, then imported as its YAML, so the web and the command line keep one rule."""
    import tempfile
    from pathlib import Path

    from parindex.core.framework import parse_framework
    from parindex.io.framework_table import read_framework_table, write_framework_yaml

    shown = Path(filename).name or "bang-tieu-chi.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / shown
        path.write_bytes(content)
        try:
            data = read_framework_table(
                path, id=code, name=name, level=level, year=year, source=source
            )
            parse_framework(data, origin=shown)
        except InputError as exc:
            raise ActionError("Bảng tiêu chí không hợp lệ", exc.problems) from exc
    return do_import_framework(write_framework_yaml(data), actor, origin=shown)
