from django.urls import path

from parindex.web.onestop import views, views766

app_name = "onestop"
urlpatterns = [
    path("mot-cua/", views.register_list, name="list"),
    path("mot-cua/<int:import_id>/", views.register_detail, name="detail"),
    path("mot-cua/<int:import_id>/bieu-06a.xlsx", views.register_form, name="form"),
    path("mot-cua/<int:import_id>/ghi-chi-tieu/", views.fill_indicators, name="fill"),
    path("mot-cua/<int:import_id>/766/", views766.index766, name="index766"),
    path("mot-cua/<int:import_id>/766/<str:code>/", views766.unit766, name="unit766"),
]
