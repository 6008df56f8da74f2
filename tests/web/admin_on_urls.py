"""The site's URLs as with PARINDEX_ADMIN=1: the Django admin mounted at /quan-tri/."""

from parindex.web.urls import *  # noqa: F403 - the handlers too
from parindex.web.urls import admin_patterns, urlpatterns

urlpatterns = [*urlpatterns, *admin_patterns()]
