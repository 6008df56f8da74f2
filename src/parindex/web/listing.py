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
    found: int = -1  # rows the search found, on every page (-1: those of ``rows``)
    page: int = 1
    pages: int = 1

    @property
    def matched(self) -> int:
        return len(self.rows) if self.found < 0 else self.found

    def sort_url(self, key: str) -> str:
        """The link of a column header: sorts by ``key``, the other way if already by it."""
        descending = key == self.sort and not self.descending
        params = {"q": self.query, "sap-xep": f"-{key}" if descending else key}
        return "?" + urlencode({k: v for k, v in params.items() if v})

    def page_url(self, page: int) -> str:
        """The link of another page of the same search and order."""
        order = f"-{self.sort}" if self.descending else self.sort
        params = {"q": self.query, "sap-xep": order, "trang": str(page) if page > 1 else ""}
        return "?" + urlencode({k: v for k, v in params.items() if v})

    @property
    def previous_url(self) -> str:
        return self.page_url(self.page - 1) if self.page > 1 else ""

    @property
    def next_url(self) -> str:
        return self.page_url(self.page + 1) if self.page < self.pages else ""

    def sort_mark(self, key: str) -> str:
        return ("▼" if self.descending else "▲") if key == self.sort else ""


def listing(
    request: HttpRequest,
    rows: Iterable[T],
    text: Callable[[T], str],
    sorts: Mapping[str, Callable[[T], Any]],
    default: str,
    per_page: int | None = None,
) -> Listing[T]:
    """``rows`` found by ``?q=`` (every word, marks and case ignored) and ordered by
    ``?sap-xep=key`` (``-key``: descending); an unknown key falls back to ``default``.

    ``per_page``: only that many rows of the ``?trang=`` page (1 first; out of range: the
    nearest page) are rendered, the search and the order still over every row; the template
    shows ``parts/pager.html`` below the table."""
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    asked = request.GET.get("sap-xep", default)
    descending = asked.startswith("-")
    sort = asked.lstrip("-")
    if sort not in sorts:
        sort, descending = default.lstrip("-"), default.startswith("-")
    every = list(rows)
    # no search: nothing to fold (a national list has thousands of rows)
    found = [row for row in every if matches(query, text(row))] if query else every
    found.sort(key=sorts[sort], reverse=descending)
    if per_page is None or len(found) <= per_page:
        return Listing(found, query, sort, descending, len(every), len(found))
    pages = -(-len(found) // per_page)
    asked_page = request.GET.get("trang", "1")
    page = min(max(int(asked_page) if asked_page.isdigit() else 1, 1), pages)
    shown = found[(page - 1) * per_page : page * per_page]
    return Listing(shown, query, sort, descending, len(every), len(found), page, pages)
