"""The leader's view: this year's cycles, one cycle, one round."""

from django.urls import path

from parindex.web.leadership import views

app_name = "leadership"
urlpatterns = [
    path("lanh-dao/", views.dashboard, name="dashboard"),
    path("lanh-dao/ky/<int:cycle_id>/", views.cycle_dashboard, name="cycle"),
    path("lanh-dao/dot/<int:round_id>/", views.round_dashboard, name="round"),
]
