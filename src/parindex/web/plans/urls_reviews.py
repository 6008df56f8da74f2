from django.urls import path

from parindex.web.plans import views_reviews as views

app_name = "reviews"
urlpatterns = [
    path("kiem-tra-hoi-nghi/", views.review_list, name="list"),
    path("kiem-tra-hoi-nghi/ghi/", views.review_create, name="create"),
    path("kiem-tra-hoi-nghi/<int:review_id>/", views.review_detail, name="detail"),
    path(
        "kiem-tra-hoi-nghi/<int:review_id>/noi-dung/",
        views.review_add_finding,
        name="add_finding",
    ),
    path(
        "kiem-tra-hoi-nghi/<int:review_id>/noi-dung/<int:finding_id>/giao/",
        views.review_task,
        name="task_from_finding",
    ),
]
