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


@dataclass(frozen=True)
class Unit:
    """One assessed unit. ``predecessors`` name the previous period's units it replaced.

    >>> Unit("TC", "Tiên Châu", kind="xã").display_name
    'xã Tiên Châu'
    >>> Unit("CJ", "Huyện Cư Jút", kind="huyện").display_name
    'Huyện Cư Jút'
    """

    code: str
    name: str
    kind: str = ""
    parent: str = ""
    predecessors: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        """The name as prose writes it: the kind first unless the name already says it."""
        name = self.name or self.code
        if self.kind and not name.casefold().startswith(self.kind.casefold()):
            return f"{self.kind} {name}"
        return name
