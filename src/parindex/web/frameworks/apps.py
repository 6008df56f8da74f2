from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "parindex.web.frameworks"
    label = "frameworks"
    default_auto_field = "django.db.models.BigAutoField"
