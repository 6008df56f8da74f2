from django.contrib import admin

from parindex.web.admin_site import ReadOnlyAdmin
from parindex.web.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin[AuditEntry]):
    list_display = (
        "at",
        "actor",
        "action",
        "cycle",
        "unit",
        "criterion_code",
        "old",
        "new",
        "reason",
    )
    list_filter = ("action",)
