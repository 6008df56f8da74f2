from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "parindex.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from parindex.web.accounts import login_trail  # noqa: F401 - connects the audit receivers
