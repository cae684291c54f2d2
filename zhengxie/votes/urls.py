from django.urls import path

from . import views

app_name = "votes"
urlpatterns = [
    path("", views.vote_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/ballot/", views.ballot, name="ballot"),
    path("<int:pk>/results/", views.results, name="results"),
]
