"""The remediation plans of a publication, a unit's plan, the next cycle's check, awards."""

from django.urls import path

from parindex.web.plans import views_remediation as views

app_name = "remediation"
urlpatterns = [
    path("ket-qua/<int:publication_id>/khac-phuc/", views.remediation_list, name="list"),
    path("ket-qua/<int:publication_id>/khac-phuc/tao/", views.remediation_seed, name="seed"),
    path(
        "ket-qua/<int:publication_id>/khac-phuc/doi-chieu/",
        views.remediation_recovery,
        name="recovery",
    ),
    path("ket-qua/<int:publication_id>/khen-thuong/", views.awards, name="awards"),
    path("khac-phuc/<int:plan_id>/", views.remediation_plan, name="plan"),
    path("khac-phuc/<int:plan_id>/nhiem-vu/", views.remediation_add_task, name="add_task"),
    path("khac-phuc/<int:plan_id>/ban-hanh/", views.remediation_issue, name="issue"),
    path(
        "khac-phuc/<int:plan_id>/tai-ve/<str:kind>/",
        views.remediation_download,
        name="download",
    ),
    path(
        "khac-phuc/ton-tai/<int:finding_id>/nguyen-nhan/",
        views.remediation_causes,
        name="causes",
    ),
    path(
        "khac-phuc/nhiem-vu/<int:task_id>/xoa/",
        views.remediation_remove_task,
        name="remove_task",
    ),
]
