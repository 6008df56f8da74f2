"""The demo's one-stop register and indicators in the app (``manage.py load_demo``): the
register ``parindex demo`` writes imported; the catalogue loaded; the first half of 2026's
one-stop rates written into MC-01, MC-02, MC-04; a few units' own figures for the
e-document exchange rate (VB-01) and official e-mail use (TD-01)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.web.accounts.models import User
from parindex.web.errors import ActionError
from parindex.web.onestop.actions import do_import_register
from parindex.web.onestop.indicators_fill import do_fill_indicators
from parindex.web.onestop.models import RegisterImport

PERIOD = ("2026-01", "2026-06", "6 tháng đầu năm 2026")


def load_onestop(folder: Path, manifest: dict[str, Any], admin: User) -> RegisterImport | None:
    entry = manifest.get("onestop")
    if not isinstance(entry, dict) or not (folder / str(entry.get("dossiers", ""))).is_file():
        return None
    from parindex.web.indicators.actions import Figures, do_load_catalogue, do_save_value
    from parindex.web.indicators.models import Indicator
    from parindex.web.units.models import Unit

    path = folder / entry["dossiers"]
    with path.open("rb") as stream:
        # a demo loaded with fewer units than it wrote (a test's subset): their dossiers left out
        made = do_import_register(
            iter(lambda: stream.read(1 << 20), b""), path.name, admin, drop_invalid=True
        )
    do_load_catalogue(admin)
    first, last, label = PERIOD
    do_fill_indicators(made, first, last, label, admin)
    rng = random.Random(2026)
    units = list(Unit.objects.filter(Unit.in_force_now()).order_by("code"))
    for code, low in (("VB-01", 86), ("TD-01", 90)):
        indicator = Indicator.objects.filter(code=code).first()
        if indicator is None:
            continue
        for unit in units[::4]:
            total = rng.randint(300, 1500)
            done = total * rng.randint(low, 100) // 100
            try:
                do_save_value(
                    indicator,
                    unit,
                    label,
                    Figures(numerator=Decimal(done), denominator=Decimal(total)),
                    admin,
                )
            except ActionError:  # an indicator not for this kind of unit: left out
                continue
    return made
