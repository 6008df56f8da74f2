"""The 766 service index of a register's units for a span: the on-time metric from the
register's figures, the others from the portal's figures the admin uploaded for that span
(audited), scored by the shipped configuration (``indicators/766.yaml``, unofficial)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from parindex.core.numbers import format_count
from parindex.core.problems import InputError
from parindex.core.service766 import (
    Config,
    Difference,
    PortalFigure,
    UnitScore,
    reconcile,
    score_units,
)
from parindex.io.portal766 import CONFIG, read_config, read_portal
from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.errors import ActionError
from parindex.web.onestop.models import PortalFigures, RegisterImport
from parindex.web.onestop.periods import figures


@lru_cache(maxsize=1)
def _config(mtime: float) -> Config:
    return read_config(CONFIG)


def config() -> Config:
    """The configuration, read again when the file changes; ActionError when it is bad."""
    try:
        return _config(CONFIG.stat().st_mtime)
    except (InputError, OSError) as exc:
        problems = exc.problems if isinstance(exc, InputError) else ()
        raise ActionError("Tệp cấu hình Bộ chỉ số 766 chưa dùng được", problems) from exc


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def stored_figures(stored: PortalFigures | None) -> list[PortalFigure]:
    if stored is None:
        return []
    return [
        PortalFigure(str(unit), str(metric), *(_decimal(v) for v in numbers))
        for unit, metric, *numbers in stored.rows
    ]


def latest_upload(made: RegisterImport, first: str, last: str) -> PortalFigures | None:
    return made.portal_figures.filter(first=first, last=last).select_related("uploaded_by").first()


@transaction.atomic
def do_upload_portal(
    made: RegisterImport,
    first: str,
    last: str,
    label: str,
    chunks: Iterable[bytes],
    filename: str,
    actor: User,
) -> PortalFigures:
    """Read the portal's figures against the register's units and the configuration's
    metrics; every bad row at once, nothing stored then."""
    metrics = config().metrics
    name = Path(filename).name or "cong-766.csv"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
        try:
            rows = read_portal(path, [u[0] for u in made.units], metrics)
        except InputError as exc:
            raise ActionError(
                f"Số liệu Bộ chỉ số 766 «{name}» chưa nhập được: "
                f"{format_count(len(exc.problems))} lỗi, chưa lưu gì",
                exc.problems,
            ) from exc
    stored = PortalFigures.objects.create(
        register_import=made,
        first=first,
        last=last,
        file_name=name[:255],
        rows=[
            [r.unit, r.metric, *(_text(v) for v in (r.numerator, r.denominator, r.ratio, r.score))]
            for r in rows
        ],
        uploaded_by=actor,
    )
    record(
        actor,
        AuditAction.ONESTOP_766_UPLOAD,
        field="onestop",
        new=f"{stored.file_name}: {label}, {format_count(len(rows))} dòng số liệu",
    )
    return stored


@dataclass(frozen=True)
class Index766:
    config: Config
    scores: list[UnitScore]  # in the register's unit order
    differences: list[Difference]
    upload: PortalFigures | None


def index_766(made: RegisterImport, first: str, last: str) -> Index766:
    conf = config()
    stats = figures(made, first, last)
    counts = {u.code: u.counts for u in stats.units}
    upload = latest_upload(made, first, last)
    portal = stored_figures(upload)
    by_unit: dict[str, dict[str, PortalFigure]] = {}
    for figure in portal:
        by_unit.setdefault(figure.unit, {})[figure.metric] = figure
    scores = score_units(
        conf,
        [
            (code, level, counts.get(code), by_unit.get(code, {}))
            for code, _name, level in made.units
        ],
    )
    return Index766(conf, scores, reconcile(scores, portal), upload)
