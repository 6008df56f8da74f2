from django.urls import path

from parindex.web.plans import views, views_review

app_name = "plans"
urlpatterns = [
    path("ke-hoach/", views.plan_list, name="list"),
    path("ke-hoach/nhap/", views.plan_import, name="import"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="detail"),
    path("ke-hoach/<int:plan_id>/tai-ve/<str:name>", views.plan_download, name="download"),
    path("ke-hoach/<int:plan_id>/ban-hanh/", views.plan_issue, name="issue"),
    path("ke-hoach/<int:plan_id>/nhap-tien-do/", views.progress_import, name="progress_import"),
    path("nhiem-vu/", views.my_tasks, name="my_tasks"),
    path("nhiem-vu/<int:task_id>/", views.task_detail, name="task"),
    path("nhiem-vu/<int:task_id>/bao-cao/", views.task_report, name="task_report"),
    path("nhiem-vu/<int:task_id>/sua/", views.task_edit, name="task_edit"),
    path("tai-lieu-nhiem-vu/<int:file_id>/", views.task_file, name="task_file"),
    path("tieu-chi/<int:score_id>/dung-tai-lieu-ke-hoach/", views.cite, name="cite"),
    path("bao-cao-cchc/", views_review.review_report, name="review"),
]
