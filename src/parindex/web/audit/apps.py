from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "parindex.web.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from parindex.web.audit import chain, triggers

        # SQLite: the delete trigger asks the connection whether a flush is under way
        connection_created.connect(chain.register_sqlite_function, dispatch_uid="audit_sqlite")
        post_migrate.connect(triggers.ensure, sender=self, dispatch_uid="audit_triggers")
