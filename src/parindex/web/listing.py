"""Every list people work in is searchable without diacritics and sortable: one way to do it.

A view hands its rows to ``listing`` with the text a search looks in and the sort keys its
columns offer; the template shows ``parts/list_search.html`` above the table and each column
header as ``{% include "parts/sort_link.html" with listing=listing key="name" label="Tên" %}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest

from parindex.core.collation import matches

T = TypeVar("T")
MAX_QUERY = 200


@dataclass(frozen=True)
class Listing(Generic[T]):
    rows: list[T]
    query: str
    sort: str
    descending: bool
    total: int  # rows before the search

    def sort_url(self, key: str) -> str:
        """The link of a column header: sorts by ``key``, the other way if already by it."""
        descending = key == self.sort and not self.descending
        params = {"q": self.query, "sap-xep": f"-{key}" if descending else key}
        return "?" + urlencode({k: v for k, v in params.items() if v})

    def sort_mark(self, key: str) -> str:
        return ("▼" if self.descending else "▲") if key == self.sort else ""


def listing(
    request: HttpRequest,
    rows: Iterable[T],
    text: Callable[[T], str],
    sorts: Mapping[str, Callable[[T], Any]],
    default: str,
) -> Listing[T]:
    """``rows`` found by ``?q=`` (every word, marks and case ignored) and ordered by
    ``?sap-xep=key`` (``-key``: descending); an unknown key falls back to ``default``."""
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    asked = request.GET.get("sap-xep", default)
    descending = asked.startswith("-")
    sort = asked.lstrip("-")
    if sort not in sorts:
        sort, descending = default.lstrip("-"), default.startswith("-")
    every = list(rows)
    found = [row for row in every if matches(query, text(row))]
    found.sort(key=sorts[sort], reverse=descending)
    return Listing(found, query, sort, descending, len(every))
