from django.urls import path

from parindex.web.indicators import views

app_name = "indicators"
urlpatterns = [
    path("chi-tieu/", views.catalogue, name="list"),
    path("chi-tieu/nap-danh-muc/", views.load, name="load"),
    path("chi-tieu/bang/", views.table, name="table"),
    path("chi-tieu/bang/chi-tieu.xlsx", views.table_xlsx, name="table_xlsx"),
    path("chi-tieu/nhap/", views.import_values, name="import"),
    path("chi-tieu/cua-don-vi/", views.mine, name="mine"),
    path("chi-tieu/don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("chi-tieu/tai-lieu/<int:value_id>/", views.evidence, name="evidence"),
    path("chi-tieu/<int:indicator_id>/", views.detail, name="detail"),
]
