"""The Django admin (mounted with PARINDEX_ADMIN=1): only the admin role gets in, and what it
creates goes through the actions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parindex.web.audit.models import AuditEntry
from parindex.web.cycles.models import Assignment, Cycle
from parindex.web.frameworks.models import Framework
from tests.web.conftest import FRAMEWORK_YAML
from tests.web.two_factor_login import verified_login

pytestmark = pytest.mark.urls("tests.web.admin_on_urls")


def test_only_the_admin_role_gets_into_the_admin(client, world):
    for persona in (world.leader, world.officer_a, world.appraiser):
        client.force_login(persona)
        assert client.get("/quan-tri/").status_code == 302
    client.force_login(world.admin)  # the password alone is not enough for the Django admin
    assert client.get("/quan-tri/", follow=True).redirect_chain[-1][0].startswith("/xac-thuc/")
    verified_login(client, world.admin)
    assert client.get("/quan-tri/").status_code == 200


def test_the_admin_imports_a_framework_from_its_yaml(client, world):
    verified_login(client, world.admin)
    text = FRAMEWORK_YAML.replace("web-test-commune-2024", "web-test-commune-2025")
    upload = SimpleUploadedFile("bo-tieu-chi.yaml", text.encode("utf-8"))
    response = client.post("/quan-tri/frameworks/framework/add/", {"yaml_file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    framework = Framework.objects.get(code="web-test-commune-2025")
    assert framework.criteria.filter(is_leaf=True).count() == 4
    assert AuditEntry.objects.filter(
        action="framework.import", new__startswith="web-test-commune-2025"
    ).exists()


def test_a_bad_framework_is_refused_with_every_problem(client, world):
    verified_login(client, world.admin)
    upload = SimpleUploadedFile(
        "hong.yaml", b"id: x\nname: X\nlevel: village\nyear: 2024\nfields: []\n"
    )
    page = client.post(
        "/quan-tri/frameworks/framework/add/", {"yaml_file": upload}
    ).content.decode()
    assert "cấp «village» không hợp lệ" in page
    assert "cần ít nhất một lĩnh vực" in page


def test_the_admin_creates_a_cycle_and_assigns_an_appraiser(client, world):
    verified_login(client, world.admin)
    response = client.post(
        "/quan-tri/cycles/cycle/add/",
        {
            "name": "Chỉ số CCHC năm 2025",
            "framework": world.cycle.framework.pk,
            "period": "2025",
            "participants": [world.unit_a.pk, world.unit_b.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cycle = Cycle.objects.get(period="2025")
    assert cycle.participations.count() == 2 and cycle.scores.count() == 2 * 3
    response = client.post(
        "/quan-tri/cycles/assignment/add/",
        {
            "cycle": cycle.pk,
            "appraiser": world.appraiser.pk,
            "unit": world.unit_a.pk,
            "field_code": "",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(cycle=cycle)
    response = client.post(f"/quan-tri/cycles/assignment/{assignment.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(cycle=cycle).exists()
    actions = list(AuditEntry.objects.filter(cycle=cycle).values_list("action", flat=True))
    assert {"cycle.create", "cycle.assign", "cycle.unassign"} <= set(actions)


def test_the_audit_trail_is_read_only_in_the_admin(client, world):
    verified_login(client, world.admin)
    entry = AuditEntry.objects.first()
    assert client.get(f"/quan-tri/audit/auditentry/{entry.pk}/change/").status_code == 200
    assert (
        client.post(f"/quan-tri/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.get("/quan-tri/audit/auditentry/add/").status_code == 403


def test_a_framework_used_by_a_cycle_is_frozen(world):
    import pytest

    from parindex.web.errors import ActionError
    from parindex.web.frameworks.actions import do_import_framework

    assert Framework.objects.get(pk=world.cycle.framework.pk).frozen
    with pytest.raises(ActionError, match="đang được dùng trong kỳ đánh giá"):
        do_import_framework(FRAMEWORK_YAML.replace("max: 2,", "max: 3,"), world.admin)
