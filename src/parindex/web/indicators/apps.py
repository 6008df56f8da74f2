from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "parindex.web.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
