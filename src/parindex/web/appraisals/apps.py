from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "parindex.web.appraisals"
    label = "appraisals"
    default_auto_field = "django.db.models.BigAutoField"
