"""Every URL pattern, every persona: the status code each must get.

A new URL pattern without a row here fails the suite; so does a view that lets a
stranger in. Strangers get the same 404 as for a page that does not exist.
"""

from __future__ import annotations

import io

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from parindex.web.assessments.actions import do_add_evidence
from tests.web.two_factor_login import verified_login

# every URL the site can have: the Django admin too (mounted only with PARINDEX_ADMIN=1)
pytestmark = pytest.mark.urls("tests.web.admin_on_urls")

PERSONAS = (
    "anonymous",
    "admin",
    "leader",
    "officer_a",
    "officer_b",
    "appraiser",
    "other_appraiser",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# name: (method, {persona: status}); personas not listed get 404; anonymous is sent to sign in (302)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "accounts:login": ("GET", {p: 200 for p in PERSONAS}),
    "accounts:logout": ("POST", {p: 302 for p in PERSONAS}),
    "accounts:password_change": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "accounts:password_reset_mail": ("GET", {p: 200 for p in PERSONAS}),
    "accounts:password_reset_sent": ("GET", {p: 200 for p in PERSONAS}),
    "accounts:password_reset_confirm": ("GET", {p: 200 for p in PERSONAS}),  # a link gone bad
    "accounts:password_reset_complete": ("GET", {p: 200 for p in PERSONAS}),
    "accounts:users": ("GET", {"admin": 200}),
    "accounts:user_import": ("GET", {"admin": 200}),
    "accounts:user_import_confirm": ("POST", {"admin": 302}),
    "accounts:unit_accounts": ("POST", {"admin": 302}),
    "accounts:passwords": ("GET", {"admin": 200}),
    "accounts:password_sheet": ("POST", {"admin": 302}),
    "accounts:user_edit": ("GET", {"admin": 200}),
    "accounts:user_active": ("POST", {"admin": 302}),
    "accounts:password_reset": ("POST", {"admin": 302}),
    "two_factor:verify": ("GET", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "two_factor:enrol": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "two_factor:codes": ("GET", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "two_factor:codes_download": ("GET", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "two_factor:security": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "two_factor:disable": ("POST", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "two_factor:reset": ("POST", {"admin": 302}),
    "units:list": ("GET", {"admin": 200, "leader": 200}),
    "units:import": ("GET", {"admin": 200}),
    "units:import_confirm": ("POST", {"admin": 302}),
    "units:edit": ("GET", {"admin": 200}),
    "units:active": ("POST", {"admin": 302}),
    "set_language": ("POST", {p: 302 for p in PERSONAS}),
    "cycles:dashboard": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "cycles:cycle": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "cycles:cycle_transition": ("POST", {"admin": 302}),
    "cycles:cycle_progress_csv": ("GET", {"admin": 200}),
    "cycles:cycle_edit": ("GET", {"admin": 200}),
    "cycles:cycle_extend": ("POST", {"admin": 400}),
    "cycles:cycle_add_units": ("POST", {"admin": 302}),
    "cycles:cycle_remove_unit": ("POST", {"admin": 302}),
    "cycles:cycle_remind": ("GET", {"admin": 200}),
    "cycles:cycle_assign": ("GET", {"admin": 200}),
    "cycles:cycle_assign_matrix": ("GET", {"admin": 200}),
    "cycles:cycle_assign_import": ("POST", {"admin": 400}),
    "cycles:round_create": ("GET", {"admin": 200}),
    "cycles:round": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "frameworks:list": ("GET", {"admin": 200, "leader": 200}),
    "frameworks:detail": ("GET", {"admin": 200, "leader": 200}),
    "frameworks:import": ("GET", {"admin": 200}),
    "organisation:settings": ("GET", {"admin": 200}),
    "organisation:logo": ("GET", {p: 200 for p in PERSONAS}),  # a logo is set up in the test
    "organisation:favicon": ("GET", {p: 200 for p in PERSONAS}),
    "notices:list": ("GET", {p: 200 for p in PERSONAS if p != "anonymous"}),
    "notices:open": ("GET", {"officer_a": 302}),  # officer A's notice: nobody else's
    "notices:read_all": ("POST", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "notices:email_choice": ("POST", {p: 302 for p in PERSONAS if p != "anonymous"}),
    "assessments:unit_assessment": (
        "GET",
        {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200},
    ),
    "assessments:field_page": (
        "GET",
        {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200},
    ),
    "assessments:submit_assessment": ("POST", {"officer_a": 302}),
    "assessments:withdraw_assessment": ("POST", {"officer_a": 302}),
    "assessments:confirm_submit": ("GET", {"officer_a": 200}),
    "assessments:confirm_withdraw": ("GET", {"officer_a": 200}),
    "assessments:explanation_round": (
        "GET",
        {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200},
    ),
    "audit:audit_trail": ("GET", {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200}),
    "audit:account_log": ("GET", {"admin": 200}),
    "assessments:add_evidence": ("POST", {"officer_a": 302}),
    "assessments:download_evidence": (
        "GET",
        {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200},
    ),
    "assessments:remove_evidence": ("POST", {"officer_a": 302}),
    "assessments:reuse_evidence": ("POST", {"officer_a": 302}),
    "assessments:preview_evidence": (
        "GET",
        {"admin": 200, "leader": 200, "officer_a": 200, "appraiser": 200},
    ),
    "appraisals:appraisal_queue": ("GET", {"admin": 200, "appraiser": 200, "other_appraiser": 200}),
    "appraisals:appraise_field": ("GET", {"admin": 200, "appraiser": 200}),
    "appraisals:appraise_bonus": ("GET", {"admin": 200, "appraiser": 200}),
    "appraisals:accept_unit": ("GET", {"appraiser": 200}),
    "appraisals:export_cycle": ("GET", {"admin": 200, "appraiser": 200, "other_appraiser": 200}),
    "appraisals:export_unit": ("GET", {"admin": 200, "appraiser": 200}),
    "results:cycle_results": ("GET", {"admin": 200}),
    "results:publish": ("POST", {"admin": 302}),
    "results:decide_unit": ("POST", {"admin": 302}),
    "results:reopen_scores": ("POST", {"admin": 302}),
    "results:close_reopening": ("POST", {"admin": 302}),
    "results:survey_manual": ("POST", {"admin": 302}),
    "results:withdraw": ("POST", {"admin": 302}),
    "results:attach_survey": ("POST", {"admin": 302}),
    "results:upload_survey": ("POST", {"admin": 302}),
    "results:survey_review": ("GET", {"admin": 200}),
    "results:public_index": ("GET", {p: 200 for p in PERSONAS}),
    "results:compare": ("GET", {p: 200 for p in PERSONAS}),
    "results:round": ("GET", {p: 200 for p in PERSONAS}),
    "results:publication": ("GET", {p: 200 for p in PERSONAS}),
    "results:api_index": ("GET", {p: 200 for p in PERSONAS}),
    "results:unit_page": ("GET", {p: 200 for p in PERSONAS}),
    "results:unit_chart": ("GET", {p: 200 for p in PERSONAS}),
    "results:download_unit": ("GET", {p: 200 for p in PERSONAS}),
    "results:download": ("GET", {p: 200 for p in PERSONAS}),
    "results:scorecard_archives": ("GET", {p: 200 for p in PERSONAS}),
    "results:request_scorecards": ("POST", {"admin": 302}),
    "results:download_scorecards": ("GET", {p: 200 for p in PERSONAS}),
    "results:api_results": ("GET", {p: 200 for p in PERSONAS}),
    "results:openapi": ("GET", {p: 200 for p in PERSONAS}),
    "results:results_file": ("GET", {p: 200 for p in PERSONAS}),
    "results:results_sha256": ("GET", {p: 200 for p in PERSONAS}),
    "results:results_signature": ("GET", {p: 200 for p in PERSONAS}),  # a key is set in the test
    "results:public_key": ("GET", {p: 200 for p in PERSONAS}),
    "leadership:dashboard": ("GET", {"admin": 200, "leader": 200}),
    "leadership:cycle": ("GET", {"admin": 200, "leader": 200}),
    "leadership:round": ("GET", {"admin": 200, "leader": 200}),
    "reviews:list": ("GET", {"admin": 200, "leader": 200}),
    "reviews:create": ("GET", {"admin": 200}),
    "reviews:detail": ("GET", {"admin": 200, "leader": 200}),
    "reviews:add_finding": ("POST", {"admin": 400}),  # nothing written: the form's errors
    "reviews:task_from_finding": ("POST", {"admin": 400}),
    "remediation:list": ("GET", {"admin": 200, "leader": 200}),
    "remediation:seed": ("POST", {"admin": 302}),
    "remediation:recovery": ("GET", {"admin": 200, "leader": 200}),
    "remediation:awards": ("GET", {"admin": 200, "leader": 200}),
    "remediation:plan": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "remediation:download": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "remediation:causes": ("POST", {"admin": 302, "officer_a": 302}),
    "remediation:add_task": ("POST", {"admin": 200, "officer_a": 200}),  # the form, its errors
    "remediation:issue": ("POST", {"admin": 200, "officer_a": 200}),  # the form, its errors
    "remediation:remove_task": ("POST", {"admin": 302, "officer_a": 302}),
    "admin:index": ("GET", {"admin": 200, **{p: 302 for p in PERSONAS if p != "admin"}}),
    "plans:list": ("GET", {"admin": 200, "leader": 200, "officer_a": 200, "officer_b": 200}),
    "plans:import": ("GET", {"admin": 200}),
    "plans:detail": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "plans:download": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "plans:issue": ("POST", {"admin": 302}),
    "plans:progress_import": ("POST", {"admin": 302}),
    "plans:my_tasks": ("GET", {"admin": 200, "leader": 200, "officer_a": 200, "officer_b": 200}),
    "plans:task": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "plans:task_report": ("POST", {"admin": 200, "officer_a": 200}),  # the form, its errors
    "plans:task_edit": ("POST", {"admin": 302}),
    "plans:task_file": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "plans:cite": ("POST", {"officer_a": 404}),  # no plan of unit A to cite: refused by its gate
    "plans:review": ("GET", {"admin": 200, "leader": 200, "officer_a": 200, "officer_b": 200}),
    "onestop:list": ("GET", {"admin": 200, "leader": 200}),
    "onestop:detail": ("GET", {"admin": 200, "leader": 200}),
    "onestop:form": ("GET", {"admin": 200, "leader": 200}),
    "onestop:fill": ("POST", {"admin": 302}),
    "onestop:index766": ("GET", {"admin": 200, "leader": 200}),
    "onestop:unit766": ("GET", {"admin": 200, "leader": 200}),
    "indicators:list": ("GET", {"admin": 200, "leader": 200}),
    "indicators:load": ("POST", {"admin": 302}),
    "indicators:table": ("GET", {"admin": 200, "leader": 200}),
    "indicators:table_xlsx": ("GET", {"admin": 200, "leader": 200}),
    "indicators:import": ("GET", {"admin": 200}),
    "indicators:mine": ("GET", {"admin": 302, "leader": 302, "officer_a": 302, "officer_b": 302}),
    "indicators:unit": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
    "indicators:detail": ("GET", {"admin": 200, "leader": 200}),
    "indicators:evidence": ("GET", {"admin": 200, "leader": 200, "officer_a": 200}),
}


def named_patterns() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    names.add("admin:index")
                    continue
                walk(p.url_patterns, f"{p.namespace}:" if p.namespace else prefix)
            elif isinstance(p, URLPattern):
                assert p.name, f"URL pattern {p.pattern} has no name, so it cannot be in the matrix"
                names.add(prefix + p.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_pattern_is_in_the_matrix():
    assert named_patterns() == set(MATRIX)


def in_a_round(world):
    """The world's cycle as the one cycle of a round (a scheme of one framework, one block)."""
    from parindex.web.cycles.models import Cycle, Round

    made = Round.objects.create(
        code="thu-2024", name="Đợt thử", year=2024, period="2024", scheme_yaml="id: thu-2024",
        created_by=world.admin,
    )  # fmt: skip
    blocks = [{"name": "Khối xã", "kinds": ["xã"], "position": 0}]
    Cycle.objects.filter(pk=world.cycle.pk).update(round=made, block_by="block", blocks=blocks)
    world.cycle.refresh_from_db()
    return made


def plan_args(name, world):
    """A plan of the province with a task led by unit A, reported with a file (issue 14)."""
    if not name.startswith("plans:"):
        return {}
    from parindex.web.plans.actions import do_report_progress
    from parindex.web.plans.models import Plan, PlanTask

    plan = Plan.objects.create(
        kind="yearly", title="Kế hoạch CCHC năm 2026", year=2026, created_by=world.admin
    )
    task = PlanTask.objects.create(
        plan=plan, tt="1", text="Ban hành kế hoạch", lead="UBND xã Tiên Châu", lead_unit=world.unit_a,
        deadline="Quý I/2026",
    )  # fmt: skip
    import datetime as dt

    report = do_report_progress(
        task, world.officer_a, date=dt.date(2026, 3, 1), result="Xong", completed=None,
        files=[(io.BytesIO(PDF), "kế hoạch.pdf")],
    )  # fmt: skip
    return {
        "plans:detail": [plan.pk],
        "plans:download": [plan.pk, "tien-do.xlsx"],
        "plans:issue": [plan.pk],
        "plans:progress_import": [plan.pk],
        "plans:task": [task.pk],
        "plans:task_report": [task.pk],
        "plans:task_edit": [task.pk],
        "plans:task_file": [report.files.get().pk],
        "plans:cite": [world.score(world.unit_a, "1.1").pk],
    }


def onestop_args(name, world):
    """A register of units A and B imported by the admin (issue 15)."""
    if not name.startswith("onestop:"):
        return {}
    from tests.web.test_onestop_pages import imported

    made = imported(world)
    return {
        "onestop:detail": [made.pk],
        "onestop:form": [made.pk],
        "onestop:fill": [made.pk],
        "onestop:index766": [made.pk],
        "onestop:unit766": [made.pk, "XA"],
    }


def indicator_args(name, world):
    """The catalogue loaded and unit A's figure with its evidence (issue 15)."""
    if not name.startswith("indicators:"):
        return {}
    from decimal import Decimal

    from parindex.web.indicators.actions import Figures, do_load_catalogue, do_save_value
    from parindex.web.indicators.models import Indicator

    do_load_catalogue(world.admin)
    indicator = Indicator.objects.get(code="CPS-05")
    value = do_save_value(
        indicator, world.unit_a, "2026", Figures(numerator=Decimal(1), denominator=Decimal(2)), world.officer_a,
        (io.BytesIO(PDF), "so-lieu.pdf"),
    )  # fmt: skip
    return {
        "indicators:unit": [world.unit_a.pk],
        "indicators:detail": [indicator.pk],
        "indicators:evidence": [value.pk],
    }


def url_for(
    name, world, evidence_id, publication_id=None, round_id=None, notice_id=None, finding=None
):
    from django.urls import reverse

    a = world.unit_a.pk
    score = world.score(world.unit_a, "1.1").pk
    args = {
        "cycles:cycle": [world.cycle.pk],
        "cycles:cycle_transition": [world.cycle.pk],
        "cycles:cycle_progress_csv": [world.cycle.pk],
        "frameworks:detail": [world.cycle.framework.code],
        "cycles:cycle_edit": [world.cycle.pk],
        "cycles:cycle_extend": [world.cycle.pk],
        "cycles:cycle_add_units": [world.cycle.pk],
        "cycles:cycle_remove_unit": [world.cycle.pk],
        "cycles:cycle_remind": [world.cycle.pk],
        "cycles:cycle_assign": [world.cycle.pk],
        "cycles:cycle_assign_matrix": [world.cycle.pk, world.appraiser.pk],
        "cycles:cycle_assign_import": [world.cycle.pk],
        "assessments:unit_assessment": [world.cycle.pk, a],
        "assessments:field_page": [world.cycle.pk, a, "1"],
        "assessments:submit_assessment": [world.cycle.pk, a],
        "assessments:withdraw_assessment": [world.cycle.pk, a],
        "assessments:confirm_submit": [world.cycle.pk, a],
        "assessments:confirm_withdraw": [world.cycle.pk, a],
        "assessments:explanation_round": [world.cycle.pk, a],
        "audit:audit_trail": [world.cycle.pk, a],
        "assessments:add_evidence": [score],
        "assessments:download_evidence": [evidence_id],
        "assessments:remove_evidence": [evidence_id],
        "assessments:reuse_evidence": [score],
        "assessments:preview_evidence": [evidence_id],
        "appraisals:appraisal_queue": [world.cycle.pk],
        "appraisals:appraise_field": [world.cycle.pk, a, "1"],
        "appraisals:appraise_bonus": [world.cycle.pk, a],  # replaced by a cycle with bonus items
        "appraisals:accept_unit": [world.cycle.pk, a],
        "appraisals:export_cycle": [world.cycle.pk, "ra-soat"],
        "appraisals:export_unit": [world.cycle.pk, a, "ra-soat"],
        "results:cycle_results": [world.cycle.pk],
        "results:publish": [world.cycle.pk],
        "results:decide_unit": [world.cycle.pk],
        "results:reopen_scores": [world.cycle.pk],
        "results:close_reopening": [world.cycle.pk, 999999],  # replaced by a real reopening
        "results:survey_manual": [world.cycle.pk],
        "results:withdraw": [publication_id],
        "results:attach_survey": [world.cycle.pk],
        "results:upload_survey": [world.cycle.pk],
        "results:survey_review": [world.cycle.pk, 999999],  # replaced by a real upload in the test
        "results:publication": [publication_id],
        "results:unit_page": [publication_id, "XA"],
        "results:unit_chart": [publication_id, "XA"],
        "results:download_unit": [publication_id, "XA", "phieu-diem.docx"],
        "results:download": [publication_id, "phu-luc.xlsx"],
        "results:scorecard_archives": [publication_id],
        "results:request_scorecards": [publication_id],
        "results:download_scorecards": [publication_id, "docx"],
        "results:api_results": [publication_id],
        "results:results_file": [publication_id],
        "results:results_sha256": [publication_id],
        "results:results_signature": [publication_id],
        "cycles:round": [round_id],
        "accounts:user_edit": [world.officer_a.pk],
        "accounts:user_active": [world.officer_a.pk],
        "accounts:password_reset": [world.officer_a.pk],
        "accounts:password_reset_confirm": ["MQ", "bad-token"],
        "two_factor:reset": [world.officer_a.pk],
        "units:edit": [a],
        "units:active": [a],
        "results:round": [round_id],
        "leadership:cycle": [world.cycle.pk],
        "leadership:round": [round_id],
        "notices:open": [notice_id],
        **plan_args(name, world),
        **onestop_args(name, world),
        **indicator_args(name, world),
        "reviews:detail": [finding.review_id if finding else 999999],
        "reviews:add_finding": [finding.review_id if finding else 999999],
        "reviews:task_from_finding": [
            finding.review_id if finding else 999999,
            finding.pk if finding else 999999,
        ],
    }.get(name, [])
    if name.startswith("remediation:"):
        args = remediation_args(name, world, publication_id)
    return reverse(name, args=args)


def remediation_args(name, world, publication_id):
    """Commune A's draft remediation plan, seeded when the world's cycle was published."""
    from parindex.web.plans.actions_remediation import do_add_remediation_task
    from parindex.web.plans.models import Plan

    if name in (
        "remediation:list",
        "remediation:seed",
        "remediation:recovery",
        "remediation:awards",
    ):
        return [publication_id]
    plan = Plan.objects.get(kind="remediation", issuer=world.unit_a)
    finding = plan.findings.first()
    if name == "remediation:causes":
        return [finding.pk]
    if name == "remediation:remove_task":
        task = do_add_remediation_task(
            plan, finding, world.admin, text="Niêm yết đủ", deadline="Quý I/2025"
        )
        return [task.pk]
    if name == "remediation:download":
        return [plan.pk, "xlsx"]
    return [plan.pk]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_status(client, world, name, persona, settings):
    evidence = do_add_evidence(
        world.officer_a, world.score(world.unit_a, "1.1"), io.BytesIO(PDF), "kế hoạch.pdf"
    )
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    if name in ("results:public_key", "results:results_signature"):
        settings.PARINDEX_SIGNING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    if name == "admin:index" and persona == "admin":  # the Django admin needs the second factor
        verified_login(client, world.admin)
    method, expected = MATRIX[name]
    default = 302 if persona == "anonymous" else 404
    publication = None
    made = (
        in_a_round(world) if name in ("cycles:round", "results:round", "leadership:round") else None
    )
    if name in (
        "results:publication",
        "results:api_results",
        "results:results_file",
        "results:results_sha256",
        "results:results_signature",
        "results:unit_page",
        "results:unit_chart",
        "results:download_unit",
        "results:download",
        "results:compare",
        "results:scorecard_archives",
        "results:request_scorecards",
        "results:download_scorecards",
        "results:round",
        "results:withdraw",
        "results:close_reopening",
    ) or name.startswith("remediation:"):
        from tests.web.conftest import close_and_publish, scored_world

        scored_world(world)
        publication = close_and_publish(world.cycle, "Quyết định số 1/QĐ-UBND", None, world.admin)
        if name == "results:download_scorecards":
            from parindex.web.results.scorecards import do_request_scorecards

            do_request_scorecards(publication, "docx", world.admin)  # built at once in tests
    notice = None
    if name == "notices:open":
        from parindex.web.notices.models import NoticeKind
        from parindex.web.notices.send import notify

        (notice,) = notify([world.officer_a], NoticeKind.REMINDER, "Nhắc nộp", url="/")
    if name == "organisation:logo":
        from tests.web.test_organisation_settings import PNG, with_logo

        with_logo(world.admin, PNG)
    finding = None
    if name.startswith("reviews:"):  # a real inspection with an item, so a 404 is the gate's
        from tests.web.test_plans_reviews import inspection_with_item

        finding = inspection_with_item(world)
    url = url_for(
        name,
        world,
        evidence.pk,
        publication.pk if publication else None,
        made.pk if made else None,
        notice.pk if notice else None,
        finding,
    )
    if (
        name == "results:survey_review"
    ):  # a real upload, so a locked-out admin cannot pass for a 404
        from django.test import Client

        from tests.web.test_survey_upload import survey_cycle, upload

        cycle = survey_cycle(world)
        uploader = Client()
        uploader.force_login(world.admin)
        upload(uploader, cycle, "kobo.csv")
        url = f"/ky/{cycle.pk}/phieu-tra-loi/{cycle.survey_uploads.get().pk}/"
    if name == "results:close_reopening":  # a real one, so a locked-out admin cannot pass for a 404
        from parindex.web.results.models import Reopening

        reopening = Reopening.objects.create(
            cycle=world.cycle, unit=world.unit_a, reason="Sai sót", opened_by=world.admin
        )
        url = f"/ky/{world.cycle.pk}/ket-qua/mo-lai/{reopening.pk}/dong/"
    if name == "appraisals:appraise_bonus":  # a framework with bonus items (tests/web/rules_world)
        from tests.web.rules_world import rules_world

        rules = rules_world(world)  # the other appraiser appraises one field only
        url = f"/ky/{rules.cycle.pk}/tham-dinh/{world.unit_a.pk}/thuong-tru/"
    if name == "results:compare":
        url += f"?p={publication.pk}&don-vi=XA"
    response = client.post(url, {"target": "appraisal"}) if method == "POST" else client.get(url)
    assert response.status_code == expected.get(persona, default), f"{persona} {method} {url}"
    if (
        persona == "anonymous"
        and response.status_code == 302
        and name not in ("accounts:logout", "admin:index", "set_language")
    ):
        assert response["Location"].startswith("/dang-nhap/")


def test_another_units_page_looks_exactly_like_a_missing_page(client, world):
    client.force_login(world.officer_b)
    theirs = client.get(f"/ky/{world.cycle.pk}/don-vi/{world.unit_a.pk}/")
    missing = client.get(f"/ky/{world.cycle.pk}/don-vi/999999/")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content


def test_every_apps_pages_are_named_in_its_own_namespace():
    assert all(":" in name for name in named_patterns() - {"set_language"})
