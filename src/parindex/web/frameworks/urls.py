from django.urls import path

from parindex.web.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("bo-tieu-chi/", views.framework_list, name="list"),
    path("bo-tieu-chi/nhap/", views.framework_import, name="import"),
    path("bo-tieu-chi/<str:code>/", views.framework_detail, name="detail"),
]
