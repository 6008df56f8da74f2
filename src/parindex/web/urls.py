"""The site's URLs: each app's own (``app_name`` namespaces), the language switch, and the
Django admin at /quan-tri/ only when PARINDEX_ADMIN is on (read once, when the URLs load)."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path


def admin_patterns() -> list[URLPattern | URLResolver]:
    """The Django admin's URLs (parindex.web.admin_site: staff admins only)."""
    return [path("quan-tri/", admin.site.urls)]


urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("parindex.web.accounts.urls")),
    path("", include("parindex.web.accounts.two_factor_urls")),  # issue 12: two-factor login
    path("", include("parindex.web.cycles.urls")),
    path("", include("parindex.web.assessments.urls")),
    path("", include("parindex.web.audit.urls")),
    path("", include("parindex.web.appraisals.urls")),
    path("", include("parindex.web.results.urls")),
    path("", include("parindex.web.organisation.urls")),
    path("", include("parindex.web.notices.urls")),
    path("", include("parindex.web.leadership.urls")),
    path("", include("parindex.web.units.urls")),
    path("", include("parindex.web.frameworks.urls")),
    path("", include("parindex.web.plans.urls")),
    path("", include("parindex.web.plans.urls_reviews")),
    path("", include("parindex.web.plans.urls_remediation")),
    path("", include("parindex.web.onestop.urls")),
    path("", include("parindex.web.indicators.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.PARINDEX_ADMIN:
    urlpatterns += admin_patterns()

# Error pages when DEBUG is off (parindex.web.errors): Vietnamese, JSON under /api/
handler400 = "parindex.web.errors.bad_request"
handler403 = "parindex.web.errors.permission_denied"
handler404 = "parindex.web.errors.page_not_found"
handler500 = "parindex.web.errors.server_error"
