from django.urls import path

from parindex.web.onestop import views

app_name = "onestop"
urlpatterns = [
    path("mot-cua/", views.register_list, name="list"),
    path("mot-cua/<int:import_id>/", views.register_detail, name="detail"),
    path("mot-cua/<int:import_id>/bieu-06a.xlsx", views.register_form, name="form"),
    path("mot-cua/<int:import_id>/ghi-chi-tieu/", views.fill_indicators, name="fill"),
]
