from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "parindex.web.leadership"
    label = "leadership"
    default_auto_field = "django.db.models.BigAutoField"
