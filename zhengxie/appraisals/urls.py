from django.urls import path

from . import views

app_name = "appraisals"
urlpatterns = [
    path("", views.appraisal_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/meeting/", views.meeting, name="meeting"),
    path("<int:pk>/units/", views.units, name="units"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("entries/<int:pk>/", views.entry_update, name="entry_update"),
    path("entries/<int:pk>/rectifications/", views.rectification_add, name="rectification_add"),
    path("rectifications/", views.rectifications, name="rectifications"),
    path("rectifications/<int:pk>/<slug:action>/", views.rectification_act, name="rectification_act"),
    path("awards/", views.awards, name="awards"),
    path("awards/<int:pk>/", views.award_detail, name="award_detail"),
    path("awards/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("awards/<int:pk>/act/<slug:action>/", views.award_act, name="award_act"),
    path("awards/<int:pk>/decision.docx", views.decision_docx, name="decision_docx"),
    path("nominations/<int:pk>/<slug:action>/", views.nomination_act, name="nomination_act"),
]
