"""The ZIP of every unit's scorecard on the publication page: start (admin), progress, download (public)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.reports.document import safe_filename
from parindex.web.access import access_publication
from parindex.web.errors import ActionError
from parindex.web.fields import form_messages
from parindex.web.results.forms import ScorecardsForm
from parindex.web.results.models import ScorecardArchive
from parindex.web.results.scorecards import FORMATS, archives_context, do_request_scorecards
from parindex.web.results.views_public import NOT_FOUND


def scorecard_archives(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The section alone; the publication page fetches it every 2 seconds while a ZIP is built."""
    publication = access_publication(request.user, publication_id)
    context = {"publication": publication, **archives_context(request, publication)}
    return render(request, "results/_scorecard_archives.html", context)


@login_required
@require_POST
def request_scorecards(request: HttpRequest, publication_id: int) -> HttpResponse:
    """Admin: build the ZIP of every unit's scorecard (DOCX or PDF) in the background."""
    publication = access_publication(request.user, publication_id, manage=True)
    back = redirect(reverse("results:publication", args=[publication.pk]) + "#phieu-ket-qua")
    form = ScorecardsForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_messages(form))
        return back
    try:
        archive = do_request_scorecards(
            publication, form.cleaned_data["format"], request.user, form.cleaned_data["retry"]
        )
        label = FORMATS[archive.format]
        if archive.status == ScorecardArchive.Status.FAILED:
            messages.error(request, archive.error)
        elif archive.status == ScorecardArchive.Status.DONE:
            messages.success(
                request,
                _("Tệp ZIP phiếu kết quả (%(label)s) đã sẵn sàng để tải.") % {"label": label},
            )
        else:
            text = ngettext(
                "Đang tạo tệp ZIP phiếu kết quả (%(label)s) của %(n)s đơn vị; tiến độ hiện ở mục bên dưới.",
                "Đang tạo tệp ZIP phiếu kết quả (%(label)s) của %(n)s đơn vị; tiến độ hiện ở mục bên dưới.",
                archive.total,
            )
            messages.success(request, text % {"label": label, "n": format_count(archive.total)})
    except ActionError as exc:
        messages.error(request, exc.full_message(10))
    return back


def download_scorecards(request: HttpRequest, publication_id: int, fmt: str) -> FileResponse:
    """The built ZIP, streamed from the storage; scorecards are public documents."""
    publication = access_publication(request.user, publication_id)
    archive = (
        ScorecardArchive.objects.filter(
            publication=publication, format=fmt, status=ScorecardArchive.Status.DONE
        )
        .order_by("-finished_at", "-id")
        .first()
    )
    if archive is None or not archive.file:
        raise Http404(NOT_FOUND)
    try:
        handle = archive.file.open("rb")
    except OSError:  # the storage lost it: as if it had never been built
        raise Http404(NOT_FOUND) from None
    # ASCII, without diacritics: the name survives every browser, mail client and unzip tool
    name = f"phieu-ket-qua-{safe_filename(publication.cycle.period)}-{fmt}.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
