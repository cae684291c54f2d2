from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit, name="audit"),
    path("audit/export/", views.audit_export, name="audit_export"),
    path("settings/", views.config_page, name="config"),
    path("settings/set/", views.config_set_view, name="config_set"),
    path("settings/calendar/", views.calendar, name="calendar"),
    path("settings/calendar/set/", views.calendar_set, name="calendar_set"),
    path("settings/calendar/<int:pk>/delete/", views.calendar_delete, name="calendar_delete"),
]
