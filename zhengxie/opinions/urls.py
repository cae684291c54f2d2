from django.urls import path

from . import views

app_name = "opinions"

urlpatterns = [
    path("", views.opinion_list, name="list"),
    path("mine/", views.opinion_mine, name="mine"),
    path("queue/", views.opinion_queue, name="queue"),
    path("issues/", views.issue_list, name="issues"),
    path("<int:pk>/", views.opinion_detail, name="detail"),
]
