"""The demo province's rounds from 2025: departments and communes in one scheme.

2025 is scored with the scheme (``scheme/scheme-2025.yaml``: the departments' and the
communes' frameworks, three blocks) over the units of the two-level government
(``scheme/units-2025.csv``: the departments and the xã, phường, đặc khu formed from the 2024
communes) and one long scores file (``scheme/scores-2025.csv``). 2026 uses the same scheme
and units ("năm 2025 và các năm tiếp theo") and is open for self-assessment: its scores file
(``scheme/scores-2026-partial.csv``) holds what some units have entered so far.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from parindex.core.framework import Framework
from parindex.demo.departments import DISBURSEMENT_LEAF, departments, without_investment
from parindex.demo.province import DemoUnit, spread, tie_pair, write_units
from parindex.demo.reorganisation import reorganise
from parindex.demo.rule_scores import SCORE_COLUMNS, Entry, unit_entries
from parindex.demo.scores import leaf_difficulty

DEPARTMENT_FRAMEWORK = "lamson-department-2025"
COMMUNE_FRAMEWORK_2025 = "lamson-commune-2025"
SCHEME_DIR = "scheme"
SCHEME_FILE = f"{SCHEME_DIR}/scheme-2025.yaml"
UNITS_2025 = f"{SCHEME_DIR}/units-2025.csv"
SCORES_2025 = f"{SCHEME_DIR}/scores-2025.csv"
SCORES_2026 = f"{SCHEME_DIR}/scores-2026-partial.csv"
BLOCKS = (
    ("Khối sở, ban, ngành", ("sở", "ban")),
    ("Khối phường", ("phường",)),
    ("Khối xã, đặc khu", ("xã", "đặc khu")),
)
TITLE = "Các sở, ban, ngành và UBND các xã, phường, đặc khu"

SCHEME_TEXT = """\
# Phương án xác định Chỉ số cải cách hành chính của tỉnh Lam Sơn (dữ liệu mẫu), từ năm 2025:
# các sở, ban chấm theo bộ tiêu chí của sở, ban, ngành; các xã, phường, đặc khu theo bộ tiêu
# chí cấp xã; xếp hạng riêng ba khối như Hải Phòng công bố năm 2025.
id: lamson-2025
name: Chỉ số cải cách hành chính của các sở, ban, ngành và UBND các xã, phường, đặc khu tỉnh Lam Sơn
year: 2025
notes: Dữ liệu mẫu; áp dụng từ năm 2025 và các năm tiếp theo.
frameworks:
  - {framework: lamson-department-2025, kinds: [sở, ban]}
  - {framework: lamson-commune-2025, kinds: [phường, xã, đặc khu]}
blocks:
  - {name: "Khối sở, ban, ngành", kinds: [sở, ban]}
  - {name: Khối phường, kinds: [phường]}
  - {name: "Khối xã, đặc khu", kinds: [xã, đặc khu]}
"""

_DRIFT = 300  # ± hundredths: how far a new commune's quality lies from its predecessors'
_UPLIFT = {"Khối sở, ban, ngành": 150, "Khối phường": 120, "Khối xã, đặc khu": 60}
_WEAK = 4850  # one merged xã falls under 50 (Yếu): Thừa Thiên Huế 2023 had one
_COMMUNES_WITHOUT_INVESTMENT = 3
# (item, chance, the points drawn from): a few bonuses for initiatives, fewer penalties
_ADJUSTMENTS = (
    ("T1", 0.16, (Decimal("0.5"), Decimal(1))),
    ("T2", 0.08, (Decimal("0.5"),)),
    ("P1", 0.1, (Decimal("-0.5"), Decimal(-1))),
    ("P2", 0.06, (Decimal("-0.5"),)),
)
_NO_BONUS_FROM = 9300  # units already near the top get none (the index stays under 100)
# What each rule leaf counts: the range of the total of its count pair (done/total), or
# (0, 0) for a percent — tasks of a plan in tens, dossiers in thousands.
_TOTALS: dict[str, dict[str, tuple[int, int]]] = {
    DEPARTMENT_FRAMEWORK: {
        "1.1.4": (18, 60), "1.3.2": (4, 12), "1.5": (6, 40), "2.1.1": (2, 9),
        "3.2.1": (12, 90), "3.2.2": (0, 0), "3.3.1": (600, 18_000), "3.3.3": (600, 18_000),
        "3.4": (3, 30), "4.3": (5, 30), "5.4": (20, 160), "6.1": (0, 0), "6.2": (0, 0),
        "7.2": (1_500, 9_000), "7.3": (400, 12_000), "7.4": (150, 4_000),
    },
    COMMUNE_FRAMEWORK_2025: {
        "1.1.2": (15, 45), "1.5": (5, 30), "3.1": (0, 0), "3.3.1": (300, 8_000),
        "3.3.3": (300, 8_000), "3.5": (2, 20), "4.3": (6, 40), "5.3": (12, 60),
        "6.1": (0, 0), "6.2": (0, 0), "7.2": (800, 5_000), "7.3": (200, 6_000),
        "7.4": (80, 2_000), "7.5": (500, 5_000),
    },
}  # fmt: skip
_STARTED_2026 = 0.5  # the share of units that have begun entering their 2026 self-assessment


@dataclass(frozen=True)
class Round:
    """The 2025 units, their frameworks by kind and the drawn inputs of their scores."""

    units: tuple[DemoUnit, ...]
    frameworks: Mapping[str, Framework]  # unit kind → framework
    blocks: Mapping[str, str]  # unit code → block
    not_assessed: Mapping[str, set[str]]
    difficulty: Mapping[str, dict[str, int]]  # framework id → leaf → weight


def write_rounds(
    out: Path,
    districts: Sequence[DemoUnit],
    communes: Sequence[DemoUnit],
    targets_2024: Mapping[str, int],
    seed: int,
    previous: str,
) -> list[dict[str, Any]]:
    """Write the scheme, the 2025 units and scores, the partial 2026 scores; the two
    manifest entries (2025 compared with the run named ``previous``)."""
    from parindex.io.frameworks import resolve_framework

    dept_fw = resolve_framework(DEPARTMENT_FRAMEWORK)
    commune_fw = resolve_framework(COMMUNE_FRAMEWORK_2025)
    formed = reorganise(districts, communes, random.Random(f"{seed}:reorganisation"))
    units = (*departments(), *formed)
    block_of = {kind: name for name, kinds in BLOCKS for kind in kinds}
    rng = random.Random(f"{seed}:2025")
    xa = [u.code for u in formed if u.kind == "xã"]
    not_assessed = {code: {DISBURSEMENT_LEAF} for code in without_investment()}
    for code in sorted(rng.sample(xa, _COMMUNES_WITHOUT_INVESTMENT)):
        not_assessed[code] = {DISBURSEMENT_LEAF}
    round_ = Round(
        units,
        {kind: dept_fw if kind in ("sở", "ban") else commune_fw for kind in block_of},
        {u.code: block_of[u.kind] for u in units},
        not_assessed,
        {fw.id: leaf_difficulty(fw, rng) for fw in (dept_fw, commune_fw)},
    )
    targets = _targets(round_, targets_2024, rng)

    folder = out / SCHEME_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (out / SCHEME_FILE).write_text(SCHEME_TEXT, encoding="utf-8")
    write_units(out / UNITS_2025, units)
    entries = {u.code: _entries(round_, u, targets[u.code], rng, with_bonus=True) for u in units}
    higher, lower = tie_pair(
        [u for u in units if u.kind == "xã"],
        targets,
        set(not_assessed) | _adjusted(round_, entries),
    )
    entries[lower] = entries[higher]
    _write(out / SCORES_2025, units, entries)

    rng_2026 = random.Random(f"{seed}:2026")
    partial = {}
    for u in units:
        later = targets[u.code] + rng_2026.randint(-200, 250)
        rows = _entries(round_, u, later, rng_2026, with_bonus=False)
        entered = _entered(round_.frameworks[u.kind], rows, rng_2026)
        if entered:
            partial[u.code] = entered
    _write(out / SCORES_2026, [u for u in units if u.code in partial], partial)

    scored = {
        "name": "scheme-2025",
        "title": f"{TITLE} năm 2025",
        "scheme": SCHEME_FILE,
        "units": UNITS_2025,
        "scores": SCORES_2025,
        "period": "2025",
        "previous": previous,
        "block_by": None,
        "survey": None,
    }
    open_round = {
        **scored,
        "name": "scheme-2026",
        "title": f"{TITLE} năm 2026",
        "scores": SCORES_2026,
        "period": "2026",
        "previous": "scheme-2025",
        "open": True,
    }
    return [scored, open_round]


def _targets(round_: Round, targets_2024: Mapping[str, int], rng: random.Random) -> dict[str, int]:
    """Each unit's 2025 target index: communes near their predecessors' 2024 targets, then
    every block spread over the classes by rank; one merged xã under 50."""
    latent = {}
    for u in round_.units:
        if u.predecessors:
            before = [targets_2024[p] for p in u.predecessors]
            latent[u.code] = sum(before) // len(before) + rng.randint(-_DRIFT, _DRIFT)
        else:
            latent[u.code] = rng.randint(0, 10_000)  # a department: no earlier index
    targets: dict[str, int] = {}
    for block, _ in BLOCKS:
        members = [u.code for u in round_.units if round_.blocks[u.code] == block]
        order = sorted(members, key=lambda c: (latent[c], c))
        targets.update(spread(order, _UPLIFT[block], rng))
    merged = [u for u in round_.units if u.kind == "xã" and len(u.predecessors) > 1]
    weakest = min(merged, key=lambda u: (targets[u.code], u.code))
    targets[weakest.code] = _WEAK
    return targets


def _entries(
    round_: Round, unit: DemoUnit, target: int, rng: random.Random, with_bonus: bool
) -> list[Entry]:
    fw = round_.frameworks[unit.kind]
    bonus = []
    for code, chance, values in _ADJUSTMENTS:
        drawn = rng.random() < chance
        points = rng.choice(values)
        if with_bonus and drawn and (points < 0 or target < _NO_BONUS_FROM):
            bonus.append((code, points))
    return unit_entries(
        fw,
        unit.kind,
        target,
        round_.not_assessed.get(unit.code, set()),
        round_.difficulty[fw.id],
        rng,
        bonus,
        _TOTALS.get(fw.id, {}),
    )


def _adjusted(round_: Round, entries: Mapping[str, Sequence[Entry]]) -> set[str]:
    """Units with a bonus or penalty row (left out of the tie: it reads plainer)."""
    items = {i.code for fw in round_.frameworks.values() if fw.bonus for i in fw.bonus.items}
    return {code for code, rows in entries.items() if any(r.criterion in items for r in rows)}


def _entered(fw: Framework, rows: Sequence[Entry], rng: random.Random) -> list[Entry]:
    """What a unit has entered of its 2026 self-assessment: nothing, or the first fields
    (they fill in field by field; a few are done); never survey points or bonus rows."""
    if rng.random() >= _STARTED_2026:
        return []
    fields = [top for top in fw.fields if top.sources == {"self"}]
    done = {leaf.code for top in fields[: rng.randint(1, len(fields))] for leaf in top.leaves}
    return [r for r in rows if r.criterion in done]


def _write(path: Path, units: Sequence[DemoUnit], entries: Mapping[str, Sequence[Entry]]) -> None:
    """The long scores table with the value column, units in the order of the units file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SCORE_COLUMNS)
        for u in units:
            for row in entries[u.code]:
                writer.writerow((u.code, row.criterion, row.score, row.value))
