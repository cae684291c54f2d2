from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("export/", views.member_export, name="export"),
    path("import/", views.member_import, name="import"),
    path("import/confirm/", views.member_import_confirm, name="import_confirm"),
    path("import/template/", views.member_import_template, name="import_template"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/memberships/add/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("terms/", views.term_list, name="terms"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/sittings/add/", views.sitting_add, name="sitting_add"),
    path("by-county/", views.by_county, name="by_county"),
]
