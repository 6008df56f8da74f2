"""The dashboard, a cycle's pages (progress, state changes, the progress export, its setup:
name, deadlines, extensions, participants, assignments, reminders) and a round's."""

from __future__ import annotations

from django.urls import path

from parindex.web.cycles import assign_views as assign
from parindex.web.cycles import round_views as rounds
from parindex.web.cycles import setup_views as setup
from parindex.web.cycles import views as cycles

app_name = "cycles"

urlpatterns = [
    path("", cycles.dashboard, name="dashboard"),
    path("ky/<int:cycle_id>/", cycles.cycle_detail, name="cycle"),
    path("ky/<int:cycle_id>/chuyen-buoc/", cycles.cycle_transition, name="cycle_transition"),
    path("ky/<int:cycle_id>/tien-do.csv", cycles.cycle_progress_csv, name="cycle_progress_csv"),
    path("ky/<int:cycle_id>/sua/", setup.cycle_edit, name="cycle_edit"),
    path("ky/<int:cycle_id>/gia-han/", setup.cycle_extend, name="cycle_extend"),
    path("ky/<int:cycle_id>/them-don-vi/", setup.cycle_add_units, name="cycle_add_units"),
    path("ky/<int:cycle_id>/rut-don-vi/", setup.cycle_remove_unit, name="cycle_remove_unit"),
    path("ky/<int:cycle_id>/nhac-nop/", setup.cycle_remind, name="cycle_remind"),
    path("ky/<int:cycle_id>/phan-cong/", assign.cycle_assign, name="cycle_assign"),
    path(
        "ky/<int:cycle_id>/phan-cong/<int:appraiser_id>/",
        assign.cycle_assign_matrix,
        name="cycle_assign_matrix",
    ),
    path(
        "ky/<int:cycle_id>/phan-cong/nhap/", assign.cycle_assign_import, name="cycle_assign_import"
    ),
    path("dot/tao/", rounds.round_create, name="round_create"),
    path("dot/<int:round_id>/", rounds.round_detail, name="round"),
]
