"""The demo province's units: districts and communes, the 2024 mergers, each run's target indices.

Units are drawn from a seed; the targets spread each run over every class by rank,
and a unit's latent quality drifts a little from 2023 to 2024.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

from parindex.core.numbers import code_digits

YEARS = (2023, 2024)
UNIT_COLUMNS = ("code", "name", "kind", "parent", "predecessors")
_POPULATION_DISTRICT_KIND = "thị xã"  # its communes report the residents they serve

# code, name (without the kind), kind, number of phường/thị trấn, number of xã
_DISTRICTS = (
    ("H01", "Phú Lâm", "thành phố", 12, 4),
    ("H02", "An Khánh", "thị xã", 7, 6),
    ("H03", "Tiên Sơn", "huyện", 2, 12),
    ("H04", "Đồng Xuân", "huyện", 1, 11),
    ("H05", "Quế Phong", "huyện", 1, 9),
    ("H06", "Hương Điền", "huyện", 1, 12),
    ("H07", "Thạnh Mỹ", "huyện", 1, 10),
    ("H08", "Bắc Trà", "huyện", 2, 13),
    ("H09", "Vĩnh Thạnh", "huyện", 1, 8),
    ("H10", "Cẩm Đường", "huyện", 1, 11),
    ("H11", "Ngọc Sơn", "huyện", 1, 12),
    ("H12", "Nam Trà", "huyện", 1, 11),
)

# Syllables of commune names ("Phước Lộc", "Tân Hòa", "Đồng Tâm", "Quảng Sơn" …).
_FIRST = (
    "An", "Bình", "Cẩm", "Đại", "Đồng", "Đức", "Hải", "Hòa", "Hương", "Hưng", "Kim",
    "Long", "Mỹ", "Nghĩa", "Ngọc", "Phú", "Phước", "Quảng", "Quế", "Sơn", "Tam", "Tân",
    "Thạnh", "Thuận", "Tiên", "Trung", "Vĩnh", "Xuân",
)  # fmt: skip
_SECOND = (
    "An", "Bắc", "Bình", "Châu", "Cường", "Điền", "Đông", "Hà", "Hiệp", "Hòa", "Hưng",
    "Khánh", "Lạc", "Lâm", "Lập", "Lộc", "Lợi", "Mỹ", "Nam", "Nghĩa", "Phong", "Phú",
    "Quang", "Sơn", "Tâm", "Tây", "Thắng", "Thành", "Thịnh", "Thọ", "Thuận", "Tiến",
    "Trung", "Xuân", "Yên",
)  # fmt: skip

# Shape of the index distribution of one run: (cumulative share in ‰, index in hundredths).
# Units are spread over it by rank, so every class shows up even with 12 units:
# a few under 70 (Trung bình), most in 75–90, the top ~8 % at 90 or more (Xuất sắc).
_SHAPE = (
    (0, 6500),
    (50, 6850),
    (100, 7200),
    (300, 7800),
    (550, 8250),
    (800, 8700),
    (920, 9000),
    (1000, 9450),
)
_UPLIFT_2024 = 80  # hundredths of a point: the province improves a little
_JITTER = 40  # ± hundredths around the shape
_DRIFT = 300  # ± hundredths of year-on-year change in a unit's latent quality


@dataclass(frozen=True)
class DemoUnit:
    """One row of a units file."""

    code: str
    name: str
    kind: str
    parent: str = ""
    predecessors: tuple[str, ...] = ()


@dataclass
class Province:
    districts: list[DemoUnit]
    communes: dict[int, list[DemoUnit]]
    lineage_changes: set[str] = field(default_factory=set)


def _name_pool(rng: random.Random) -> list[str]:
    """Commune names in a seeded order: two syllables, at least one with a diacritic."""
    taken = {name for _, name, *_ in _DISTRICTS}
    pool = [
        f"{a} {b}"
        for a in _FIRST
        for b in _SECOND
        if a != b and not (a.isascii() and b.isascii()) and f"{a} {b}" not in taken
    ]
    rng.shuffle(pool)
    return pool


def build_province(rng: random.Random) -> Province:
    names = _name_pool(rng)
    districts: list[DemoUnit] = []
    communes_2023: list[DemoUnit] = []
    number = 0
    for code, name, kind, urban, rural in _DISTRICTS:
        districts.append(DemoUnit(code, name, kind))
        urban_kind = "thị trấn" if kind == "huyện" else "phường"
        for commune_kind, count in ((urban_kind, urban), ("xã", rural)):
            for _ in range(count):
                number += 1
                communes_2023.append(
                    DemoUnit(f"X{code_digits(number)}", names.pop(), commune_kind, code)
                )

    def members(district: str, kind: str) -> list[DemoUnit]:
        return [u for u in communes_2023 if u.parent == district and u.kind == kind]

    # 2024: three xã of a huyện merge into one; two phường of the city merge into one;
    # one xã of another huyện is renamed (new code, one predecessor).
    big_huyen = [d for d in districts if d.kind == "huyện" and len(members(d.code, "xã")) >= 10]
    merged3_district = rng.choice(big_huyen)
    merged3 = sorted(rng.sample(members(merged3_district.code, "xã"), 3), key=lambda u: u.code)
    city = next(d for d in districts if d.kind == "thành phố")
    merged2 = sorted(rng.sample(members(city.code, "phường"), 2), key=lambda u: u.code)
    renamed_district = rng.choice([d for d in big_huyen if d != merged3_district])
    renamed = rng.choice(members(renamed_district.code, "xã"))

    successors = [
        DemoUnit(f"X{code_digits(number + 1)}", names.pop(), "xã", merged3_district.code,
                 tuple(u.code for u in merged3)),
        DemoUnit(f"X{code_digits(number + 2)}", names.pop(), "phường", city.code,
                 tuple(u.code for u in merged2)),
        DemoUnit(f"X{code_digits(number + 3)}", names.pop(), "xã", renamed_district.code,
                 (renamed.code,)),
    ]  # fmt: skip
    gone = {code for unit in successors for code in unit.predecessors}
    order = {d.code: i for i, d in enumerate(districts)}
    communes_2024 = sorted(
        [u for u in communes_2023 if u.code not in gone] + successors,
        key=lambda u: (order[u.parent], u.code),
    )
    changes = gone | {u.code for u in successors}
    return Province(districts, {2023: communes_2023, 2024: communes_2024}, changes)


def lineage(units: Sequence[DemoUnit]) -> dict[str, tuple[str, ...]]:
    return {u.code: u.predecessors for u in units if u.predecessors}


def write_units(
    path: Path, units: Sequence[DemoUnit], populations: dict[str, int] | None = None
) -> None:
    """A units file; with ``populations``, a ``population`` column (empty where unknown)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(UNIT_COLUMNS + (("population",) if populations is not None else ()))
        for u in units:
            row = [u.code, u.name, u.kind, u.parent, ";".join(u.predecessors)]
            if populations is not None:
                row.append(str(populations[u.code]) if u.code in populations else "")
            writer.writerow(row)


def draw_populations(
    districts: Sequence[DemoUnit], communes: Sequence[DemoUnit], rng: random.Random
) -> dict[str, int]:
    """Residents served (N) by the communes of the thị xã: 2,000–20,000, more in phường."""
    town = {d.code for d in districts if d.kind == _POPULATION_DISTRICT_KIND}
    return {
        u.code: rng.randint(2_000, 9_000) if u.kind == "xã" else rng.randint(6_000, 20_000)
        for u in communes
        if u.parent in town
    }


def _shape_at(share: Fraction) -> Fraction:
    """The index (in hundredths) at a cumulative share (in ‰) of the distribution shape."""
    for (p0, v0), (p1, v1) in pairwise(_SHAPE):
        if share <= p1:
            return v0 + (v1 - v0) * (share - p0) / (p1 - p0)
    return Fraction(_SHAPE[-1][1])


def spread(order: Sequence[str], uplift: int, rng: random.Random) -> dict[str, int]:
    """Target indices (hundredths) for units ranked lowest first, following the shape."""
    n = len(order)
    targets = {}
    for position, code in enumerate(order):
        share = Fraction(1000 * (2 * position + 1), 2 * n)
        value = round(_shape_at(share)) + uplift + rng.randint(-_JITTER, _JITTER)
        targets[code] = min(value, 9800)
    return targets


def targets_by_year(
    units: Mapping[int, Sequence[DemoUnit]],
    predecessors: dict[str, tuple[str, ...]],
    rng: random.Random,
) -> dict[int, dict[str, int]]:
    """Each unit's target index per year: a latent rank in 2023, then drift in 2024."""
    codes_2023 = [u.code for u in units[2023]]
    order = list(codes_2023)
    rng.shuffle(order)
    first = spread(order, 0, rng)
    latent = {}
    for u in units[2024]:
        before = [first[c] for c in predecessors.get(u.code, (u.code,))]
        latent[u.code] = sum(before) // len(before) + rng.randint(-_DRIFT, _DRIFT)
    order_2024 = sorted(latent, key=lambda c: (latent[c], c))
    return {2023: first, 2024: spread(order_2024, _UPLIFT_2024, rng)}


def tie_pair(
    units: Sequence[DemoUnit], targets: dict[str, int], excluded: set[str]
) -> tuple[str, str]:
    """Two units of the same kind next in rank among their kind, nearest the middle.

    The lower one will copy the higher one's scores, so they tie in a class that
    has many units and the top and bottom units keep their classes.
    """
    kinds = {u.code: u.kind for u in units}
    ranked = sorted(kinds, key=lambda c: (targets[c], c))
    rank = {code: i for i, code in enumerate(ranked)}
    middle = len(ranked) * 45 // 100
    pairs = [
        (abs(rank[a] - middle), rank[a], b, a)
        for kind in sorted(set(kinds.values()))
        for a, b in pairwise([c for c in ranked if kinds[c] == kind and c not in excluded])
    ]
    if not pairs:
        raise ValueError("no two units of the same kind to tie")
    _, _, higher, lower = min(pairs)
    return higher, lower
