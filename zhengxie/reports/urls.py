from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("drill/", views.drill, name="drill"),
    path("drill/export/", views.drill_export, name="drill_export"),
]
