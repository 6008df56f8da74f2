"""Frameworks in the app: the admin imports them (YAML or an annex table); everyone signed in
reads them as a tree with each criterion's points, scale, rule and evidence."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from parindex.core.collation import collation_key
from parindex.core.framework import Node
from parindex.core.numbers import format_count
from parindex.core.units import LEVEL_LABELS
from parindex.web.access import NOT_FOUND, AuthenticatedHttpRequest, is_admin, is_leader
from parindex.web.errors import ActionError
from parindex.web.frameworks.actions import do_import_framework, do_import_framework_table
from parindex.web.frameworks.forms import FrameworkImportForm
from parindex.web.frameworks.models import Framework
from parindex.web.listing import listing


def _reader(request: AuthenticatedHttpRequest) -> None:
    if not (is_admin(request.user) or is_leader(request.user)):
        raise Http404(NOT_FOUND)


@login_required
def framework_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _reader(request)
    found = listing(
        request,
        Framework.objects.order_by("-year", "code"),
        text=lambda f: f"{f.code} {f.name} {f.year}",
        sorts={
            "name": lambda f: collation_key(f.name),
            "year": lambda f: (f.year, f.code),
            "level": lambda f: (f.level, f.code),
        },
        default="-year",
    )
    return render(
        request,
        "frameworks/list.html",
        {"listing": found, "levels": LEVEL_LABELS, "may_import": is_admin(request.user)},
    )


@dataclass(frozen=True)
class Row:
    depth: int
    node: Node


def _rows(nodes: tuple[Node, ...], depth: int = 0) -> list[Row]:
    rows: list[Row] = []
    for node in nodes:
        rows.append(Row(depth, node))
        rows.extend(_rows(tuple(node.children), depth + 1))
    return rows


@login_required
def framework_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    _reader(request)
    try:
        framework = Framework.objects.get(code=code)
    except Framework.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    core = framework.to_core()
    return render(
        request,
        "frameworks/detail.html",
        {
            "framework": framework,
            "core": core,
            "rows": _rows(tuple(core.fields)),
            "level": LEVEL_LABELS.get(framework.level, framework.level),
            "leaves": format_count(len(core.leaves)),
        },
    )


@login_required
def framework_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    problems: list[str] = []
    form = FrameworkImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        data = form.cleaned_data
        try:
            if form.is_table:
                made = do_import_framework_table(
                    content,
                    upload.name,
                    request.user,
                    code=data["code"],
                    name=data["name"],
                    level=data["level"],
                    year=data["year"],
                    source=data["source"],
                )
            else:
                try:
                    text = content.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise ActionError(f"{upload.name}: tệp YAML phải lưu ở mã UTF-8") from None
                made = do_import_framework(text, request.user, origin=upload.name)
        except ActionError as exc:
            form.add_error(None, exc.message)
            problems = [str(p) for p in exc.problems]
        else:
            messages.success(request, f"Đã nhập bộ tiêu chí «{made.name}».")
            return redirect("frameworks:detail", code=made.code)
    return render(request, "frameworks/import.html", {"form": form, "problems": problems})
