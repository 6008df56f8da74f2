"""The organisation's settings page (the admin's), its logo and the site's favicon."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from parindex.web.access import NOT_FOUND, AuthenticatedHttpRequest, is_admin
from parindex.web.organisation.actions import do_edit_organisation
from parindex.web.organisation.forms import OrganisationForm
from parindex.web.organisation.logo import CONTENT_TYPES, LOGO_MAX_BYTES, sniff
from parindex.web.organisation.models import Organisation

FAVICON = Path(__file__).resolve().parents[1] / "static" / "parindex" / "favicon.ico"


def _problems(form: OrganisationForm) -> str:
    """Every error at once, each with its field's label (as ``fields.form_problems``)."""
    return "; ".join(
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )


@login_required
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not is_admin(request.user):
        raise Http404(NOT_FOUND)
    organisation = Organisation.current()
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            data = form.cleaned_data
            # a form without the letterhead (an older page) leaves the stored one alone
            names = [n for n in OrganisationForm.Meta.fields if n != "letterhead"]
            if "letterhead" in request.POST:
                names.append("letterhead")
            do_edit_organisation(
                request.user,
                {name: data[name] for name in names},
                logo=data.get("logo_file"),
                remove_logo=bool(data.get("remove_logo")),
            )
            messages.success(request, "Đã lưu thông tin cơ quan.")
            return redirect("organisation:settings")
        messages.error(request, "Chưa lưu được: " + _problems(form))
    else:
        form = OrganisationForm(instance=organisation)
    return render(
        request, "organisation/settings.html", {"form": form, "current": Organisation.current()}
    )


@require_GET
@cache_control(public=True, max_age=300)
def logo(request: HttpRequest) -> HttpResponse:
    """The logo, public like the header it is in; its type from its content, never sniffed by
    the browser, never run as a page."""
    organisation = Organisation.current()
    if not organisation.logo:
        raise Http404(NOT_FOUND)
    try:
        with organisation.logo.open("rb") as file:
            data = file.read(LOGO_MAX_BYTES + 1)
    except OSError:
        raise Http404(NOT_FOUND) from None
    kind = sniff(data[:8])
    if kind is None or len(data) > LOGO_MAX_BYTES:
        raise Http404(NOT_FOUND)
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Content-Disposition"] = "inline"
    return response


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
