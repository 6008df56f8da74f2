"""Writing the organisation's record: the only code that saves it, audited field by field."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from parindex.web.accounts.models import User
from parindex.web.audit.actions import record
from parindex.web.audit.codes import AuditAction
from parindex.web.organisation.logo import sniff
from parindex.web.organisation.models import Organisation

TEXT_FIELDS = (
    "province",
    "issuing_body",
    "department",
    "address",
    "hotline",
    "email",
    "letterhead",
)
EXTENSIONS = {"PNG": "png", "JPEG": "jpg"}


def do_edit_organisation(
    actor: User,
    values: Mapping[str, str],
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """Save the settings page: each changed field is one ORGANISATION_EDIT row (old → new).

    ``logo`` has been checked by ``logo.logo_problem``; it is stored under a new random name
    (never the uploader's), so a cached old logo is never served for the new one.
    """
    with transaction.atomic():
        current = Organisation.objects.select_for_update().order_by("pk").first()
        organisation = current or Organisation()
        for name in TEXT_FIELDS:
            if name not in values:
                continue
            new = (values[name] or "").strip()
            old = getattr(organisation, name)
            if new != old:
                setattr(organisation, name, new)
                record(actor, AuditAction.ORGANISATION_EDIT, field=name, old=old, new=new)
        old_logo = organisation.logo.name if organisation.logo else ""
        if logo is not None:
            head = logo.read(8)
            logo.seek(0)
            kind = sniff(head) or "PNG"
            organisation.logo.save(
                f"bieu-trung-{secrets.token_hex(8)}.{EXTENSIONS[kind]}", logo, save=False
            )
        elif remove_logo and old_logo:
            organisation.logo = ""
        new_logo = organisation.logo.name if organisation.logo else ""
        if new_logo != old_logo:
            record(actor, AuditAction.ORGANISATION_EDIT, field="logo", old=old_logo, new=new_logo)
        organisation.save()
    if old_logo and new_logo != old_logo:
        # the old file goes once the new record is saved (a failed save keeps it in use)
        transaction.on_commit(lambda: organisation.logo.storage.delete(old_logo))
    return organisation
