"""The dashboard, a cycle's pages (progress, state changes, the progress export) and a round's."""

from __future__ import annotations

from django.urls import path

from parindex.web.cycles import round_views as rounds
from parindex.web.cycles import views as cycles

app_name = "cycles"

urlpatterns = [
    path("", cycles.dashboard, name="dashboard"),
    path("ky/<int:cycle_id>/", cycles.cycle_detail, name="cycle"),
    path("ky/<int:cycle_id>/chuyen-buoc/", cycles.cycle_transition, name="cycle_transition"),
    path("ky/<int:cycle_id>/tien-do.csv", cycles.cycle_progress_csv, name="cycle_progress_csv"),
    path("dot/tao/", rounds.round_create, name="round_create"),
    path("dot/<int:round_id>/", rounds.round_detail, name="round"),
]
