"""The 2025 reorganisation of the demo province: no districts any more, and the 2024
communes merged into xã, phường and đặc khu.

As in the real merger (1 July 2025), neighbouring communes of one former district are merged
two to four into one and a few are kept as they were; every unit of 2025 has a new code,
names the 2024 communes it was formed from in ``predecessors`` and has no ``parent``. A
huyện's seat (each thị trấn with one or two neighbouring xã) becomes a xã, or a phường in two
large huyện, and the first one takes the huyện's name; the city's units all become phường,
the town's phường stay phường and its xã stay xã, the first merged phường of each taking the
city's or the town's name. Other units keep the name of a predecessor or join syllables of
two ("Sơn Cẩm Hà" was formed so in 2025); a kept unit keeps its name. The island xã of two
coastal huyện become the đặc khu Cồn Mây and Hòn Lam.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from parindex.core.numbers import code_digits
from parindex.demo.province import DemoUnit

# (group size, weight): mostly two or three into one, sometimes four, a few kept as they were
_GROUP_SIZES = ((1, 2), (2, 10), (3, 5), (4, 1))
_KEEP_NAME = 0.4  # the chance a merged unit keeps the name of its first predecessor
_URBAN_SEATS = ("H03", "H08")  # huyện whose seat becomes a phường (two thị trấn each)
# district code → (name of the đặc khu, how many of its last xã form it)
_SPECIAL_ZONES = {"H12": ("Cồn Mây", 3), "H10": ("Hòn Lam", 2)}
_DIRECTIONS = {"Đông", "Tây", "Nam", "Bắc"}  # "Đông Tây" is no name


def _sizes(count: int, rng: random.Random) -> list[int]:
    """Group sizes that add up to ``count``."""
    sizes: list[int] = []
    values = [size for size, _ in _GROUP_SIZES]
    weights = [weight for _, weight in _GROUP_SIZES]
    left = count
    while left:
        size = min(rng.choices(values, weights)[0], left)
        sizes.append(size)
        left -= size
    return sizes


def _groups(units: Sequence[DemoUnit], rng: random.Random) -> list[list[DemoUnit]]:
    """Neighbours (next in code order) grouped by drawn sizes."""
    groups = []
    start = 0
    for size in _sizes(len(units), rng):
        groups.append(list(units[start : start + size]))
        start += size
    return groups


class _Names:
    """Names of the new units: unique in 2025, never another 2023–2024 unit's name."""

    def __init__(self, taken: set[str]) -> None:
        self.old = set(taken)
        self.used: set[str] = set()

    def take(self, name: str) -> str:
        self.used.add(name)
        return name

    def free(self, name: str, own: Sequence[str] = ()) -> bool:
        return name not in self.used and (name not in self.old or name in own)

    def merged(self, group: Sequence[DemoUnit], rng: random.Random) -> str:
        """A predecessor's name, or syllables of two predecessors joined."""
        own = [u.name for u in group]
        if rng.random() < _KEEP_NAME:
            for name in own:
                if self.free(name, own):
                    return self.take(name)
        candidates = []
        for a in group:
            for b in group:
                if a is b:
                    continue
                first, second = a.name.split()[-1], b.name.split()[-1]
                for name in (f"{first} {second}", f"{a.name.split()[0]} {second}"):
                    head, tail = name.split()
                    apart = head != tail and not {head, tail} <= _DIRECTIONS
                    if apart and not name.isascii() and self.free(name):
                        candidates.append(name)
        if candidates:
            return self.take(rng.choice(sorted(set(candidates))))
        return self.take(next(name for name in own if self.free(name, own)))


def reorganise(
    districts: Sequence[DemoUnit], communes: Sequence[DemoUnit], rng: random.Random
) -> list[DemoUnit]:
    """The xã, phường and đặc khu of 2025 formed from the 2024 ``communes``, in the order of
    the former districts, each with its 2024 predecessors."""
    names = _Names({d.name for d in districts} | {u.name for u in communes})
    formed: list[tuple[str, str, tuple[str, ...]]] = []  # name, kind, predecessors
    for district in districts:
        members = [u for u in communes if u.parent == district.code]
        urban = [u for u in members if u.kind in ("phường", "thị trấn")]
        rural = [u for u in members if u.kind == "xã"]
        zone = _SPECIAL_ZONES.get(district.code)
        if zone is not None:
            zone_name, size = zone
            island, rural = rural[-size:], rural[:-size]
            formed.append((names.take(zone_name), "đặc khu", tuple(u.code for u in island)))
        if district.kind == "huyện":
            seat_kind = "phường" if district.code in _URBAN_SEATS else "xã"
            for n, town in enumerate(urban):
                take = rng.randint(1, 2)
                neighbours, rural = rural[:take], rural[take:]
                group = [town, *neighbours]
                name = names.take(district.name) if n == 0 else names.merged(group, rng)
                formed.append((name, seat_kind, tuple(u.code for u in group)))
            urban = []
        urban_kind = "phường"
        rural_kind = "phường" if district.kind == "thành phố" else "xã"
        for group in _groups(urban, rng):
            seat = len(group) > 1 and district.name not in names.used  # the first merged one
            name = names.take(district.name) if seat else _name(group, names, rng)
            formed.append((name, urban_kind, tuple(u.code for u in group)))
        for group in _groups(rural, rng):
            formed.append((_name(group, names, rng), rural_kind, tuple(u.code for u in group)))
    return [
        DemoUnit(f"C{code_digits(i)}", name, kind, "", predecessors)
        for i, (name, kind, predecessors) in enumerate(formed, start=1)
    ]


def _name(group: Sequence[DemoUnit], names: _Names, rng: random.Random) -> str:
    """A kept unit keeps its name; a merged one gets one by ``_Names.merged``."""
    if len(group) == 1 and names.free(group[0].name, [group[0].name]):
        return names.take(group[0].name)
    return names.merged(group, rng)
