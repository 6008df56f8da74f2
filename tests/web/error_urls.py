"""The site's URLs and four that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from parindex.web.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request):
    raise RuntimeError("hỏng có chủ ý")


def suspicious(request):
    raise SuspiciousOperation("yêu cầu lạ")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    *urlpatterns,
    path("thu-loi/500/", broken),
    path("api/thu-loi/500/", broken),
    path("thu-loi/400/", suspicious),
    path("api/thu-loi/400/", suspicious),
    path("thu-loi/403/", forbidden),
    path("api/thu-loi/403/", forbidden),
]
