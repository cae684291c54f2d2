from django.urls import path

from . import views

app_name = "links"
urlpatterns = [
    path("create/", views.create, name="create"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
