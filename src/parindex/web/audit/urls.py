"""The audit trail of a unit in a cycle."""

from __future__ import annotations

from django.urls import path

from parindex.web.audit import views as audit

app_name = "audit"

urlpatterns = [
    path("ky/<int:cycle_id>/don-vi/<int:unit_id>/nhat-ky/", audit.audit_trail, name="audit_trail"),
]
