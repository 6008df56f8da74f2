"""The audit trail of a unit in a cycle; the admin's log of signing in and accounts."""

from __future__ import annotations

from django.urls import path

from parindex.web.audit import views as audit

app_name = "audit"

urlpatterns = [
    path("nhat-ky/tai-khoan/", audit.account_log, name="account_log"),
    path("ky/<int:cycle_id>/don-vi/<int:unit_id>/nhat-ky/", audit.audit_trail, name="audit_trail"),
]
