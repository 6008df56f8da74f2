"""Evidence: several files at once or a document reference, a document cited again, download,
a preview in the browser (verified PDF, PNG and JPEG only), removal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parindex.core.numbers import format_count
from parindex.web.access import AuthenticatedHttpRequest, access_evidence, access_score
from parindex.web.assessments.actions import (
    EvidenceReference,
    do_add_evidence,
    do_add_evidence_files,
    do_record_download,
    do_remove_evidence,
    do_reuse_evidence,
    reusable_evidence,
)
from parindex.web.assessments.evidence import EvidenceRejected, sniff
from parindex.web.assessments.forms import EvidenceForm, ReuseForm
from parindex.web.assessments.models import Evidence, Score
from parindex.web.errors import ActionError
from parindex.web.fields import form_problems

PREVIEWED = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg"}
"""The kinds a browser shows inline, each checked again from the stored file's first bytes."""


def _back(score: Score, explaining: bool = False) -> HttpResponse:
    if explaining:
        return redirect(
            "assessments:explanation_round", cycle_id=score.cycle_id, unit_id=score.unit_id
        )
    response = redirect(
        "assessments:field_page",
        cycle_id=score.cycle_id,
        unit_id=score.unit_id,
        field_code=score.criterion.field_code,
    )
    response["Location"] += f"#tc-{score.criterion.code}"
    return response


@login_required
@require_POST
def add_evidence(request: AuthenticatedHttpRequest, score_id: int) -> HttpResponse:
    score = access_score(request.user, score_id, "self")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, f"Tiêu chí {score.criterion.code} — {form_problems(form)}")
        return _back(score, request.POST.get("for_explanation") == "on")
    data = form.cleaned_data
    explaining = data["for_explanation"]
    back = _back(score, explaining)
    try:
        if data["uploads"]:
            added = do_add_evidence_files(
                request.user,
                score,
                [(f, f.name or "") for f in data["uploads"]],
                for_explanation=explaining,
            )
            messages.success(
                request,
                _("Đã thêm %(count)s tệp kiểm chứng cho tiêu chí %(code)s.")
                % {"count": format_count(len(added)), "code": score.criterion.code},
            )
            return back
        reference = EvidenceReference(
            doc_number=data["doc_number"].strip(),
            issuer=data["issuer"].strip(),
            summary=data["summary"].strip(),
            page_ref=data["page_ref"].strip(),
        )
        if data["doc_date"] is not None:
            reference["doc_date"] = data["doc_date"]
        do_add_evidence(request.user, score, for_explanation=explaining, **reference)
        messages.success(
            request,
            _("Đã thêm tài liệu kiểm chứng cho tiêu chí %(code)s.")
            % {"code": score.criterion.code},
        )
    except ActionError as exc:
        messages.error(request, exc.full_message())
    return back


@login_required
@require_POST
def reuse_evidence(request: AuthenticatedHttpRequest, score_id: int) -> HttpResponse:
    score = access_score(request.user, score_id, "self")
    form = ReuseForm(request.POST, choices=reusable_evidence(score))
    if not form.is_valid():
        messages.error(request, f"Tiêu chí {score.criterion.code} — {form_problems(form)}")
        return _back(score)
    try:
        do_reuse_evidence(request.user, score, form.cleaned_data["source"])
        messages.success(
            request,
            _("Đã dùng lại tài liệu kiểm chứng cho tiêu chí %(code)s.")
            % {"code": score.criterion.code},
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    return _back(score)


def _served(request: AuthenticatedHttpRequest, evidence: Evidence, inline: bool) -> FileResponse:
    """The stored file, named with the extension of the type verified at upload (an HTML
    page sent as "x.html" whose content is a PDF is served as "x.pdf"), never sniffed,
    sandboxed; every serving audited."""
    if not evidence.file:
        raise Http404("Không tìm thấy trang")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not inline,
        filename=evidence.served_name,
        content_type=evidence.content_type or "application/octet-stream",
    )
    do_record_download(request.user, evidence, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    return response


@login_required
def download_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    return _served(request, access_evidence(request.user, evidence_id), inline=False)


def previewable(evidence: Evidence) -> bool:
    """The stored file's content is a PDF, PNG or JPEG, as its recorded type says."""
    if not evidence.file or evidence.content_type not in PREVIEWED.values():
        return False
    with evidence.file.open("rb") as stored:
        try:
            kind = sniff(stored.read(16))
        except EvidenceRejected:  # a ZIP stored under a previewed type: downloaded instead
            return False
    return kind is not None and PREVIEWED.get(kind) == evidence.content_type


@login_required
def preview_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    """Shown in the browser only when the stored file's content is a PDF, PNG or JPEG (checked
    again here), sandboxed and never sniffed; anything else is downloaded."""
    evidence = access_evidence(request.user, evidence_id)
    return _served(request, evidence, inline=previewable(evidence))


@login_required
@require_POST
def remove_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> HttpResponse:
    evidence = access_evidence(request.user, evidence_id)
    score = access_score(request.user, evidence.score_id, "self")
    try:
        do_remove_evidence(request.user, evidence)
        messages.success(request, _("Đã gỡ tài liệu kiểm chứng."))
    except ActionError as exc:
        messages.error(request, exc.message)
    return _back(score, evidence.for_explanation)
