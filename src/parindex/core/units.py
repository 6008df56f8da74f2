"""Assessed units (đơn vị): departments, districts, communes, with their lineage."""

from __future__ import annotations

from dataclasses import dataclass

UNIT_KINDS = (
    "sở",
    "ban",
    "ngành",
    "phòng",
    "huyện",
    "thị xã",
    "thành phố",
    "quận",
    "xã",
    "phường",
    "thị trấn",
    "đặc khu",
)


AGENCY_KINDS = ("sở", "ban", "ngành", "phòng")

LEVEL_KINDS: dict[str, tuple[str, ...]] = {
    "department": AGENCY_KINDS,
    "district": ("huyện", "thị xã", "thành phố", "quận"),
    "commune": ("xã", "phường", "thị trấn", "đặc khu"),
}
"""The kinds of unit a framework of each level assesses (a level not listed: any kind)."""

LEVEL_LABELS = {
    "commune": "cấp xã",
    "department": "sở, ban, ngành",
    "province": "cấp tỉnh",
    "district": "cấp huyện",
}
"""A framework's level as people name it (commune first: most rounds are of communes)."""


@dataclass(frozen=True)
class Unit:
    """One assessed unit. ``predecessors`` name the previous period's units it replaced.

    >>> Unit("TC", "Tiên Châu", kind="xã").display_name
    'xã Tiên Châu'
    >>> Unit("CJ", "Huyện Cư Jút", kind="huyện").display_name
    'huyện Cư Jút'
    >>> Unit("SNV", "Sở Nội vụ", kind="sở").display_name
    'Sở Nội vụ'
    """

    code: str
    name: str
    kind: str = ""
    parent: str = ""
    predecessors: tuple[str, ...] = ()
    block: str = ""
    """The ranking block a scheme puts it in ("Khối xã, đặc khu"); empty outside schemes."""

    @property
    def display_name(self) -> str:
        """The name as prose writes it: the kind first unless the name already says it."""
        name = self.name or self.code
        if not self.kind:
            return name
        if name.casefold().startswith(self.kind.casefold() + " "):
            if self.kind in AGENCY_KINDS:
                return name  # "Sở Nội vụ" is a proper name, capitalised anywhere
            # "Xã Tiên Châu" reads "xã Tiên Châu" mid-sentence
            return self.kind + name[len(self.kind) :]
        return f"{self.kind} {name}"
