"""Django's ``flush``, letting the audit rows go with everything else.

Emptying the whole database is the one deletion the audit trail allows: on SQLite Django's
flush is ``DELETE FROM``, which the audit trigger refuses unless this command runs it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush

from parindex.web.audit.chain import emptying_database


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with emptying_database():
            super().handle(**options)
