from django.apps import AppConfig


class OnestopConfig(AppConfig):
    name = "parindex.web.onestop"
    label = "onestop"
    default_auto_field = "django.db.models.BigAutoField"
