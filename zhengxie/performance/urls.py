from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.standings, name="standings"),
    path("mine/", views.mine, name="mine"),
    path("members/<int:pk>/", views.dossier, name="dossier"),
    path("members/<int:pk>/pdf/", views.dossier_pdf, name="dossier_pdf"),
    path("members/<int:pk>/adjust/", views.adjust, name="adjust"),
    path("members/<int:pk>/awards/", views.award_add, name="award_add"),
    path("members/<int:pk>/culture/", views.culture_add, name="culture_add"),
    path("awards/<int:pk>/delete/", views.record_delete, {"kind": "award"}, name="award_delete"),
    path("culture/<int:pk>/delete/", views.record_delete, {"kind": "culture"}, name="culture_delete"),
    path("members/<int:pk>/report/<int:year>/", views.annual_report, name="report"),
    path("reports/<int:pk>/docx/", views.annual_report_docx, name="report_docx"),
    path("reports/<int:pk>/archive/", views.annual_report_archive, name="report_archive"),
    path("adjustments/<int:pk>/<str:decision>/", views.adjustment_decide, name="adjustment_decide"),
    path("years/<int:year>/recompute/", views.recompute, name="recompute"),
    path("years/<int:year>/freeze/", views.freeze, name="freeze"),
    path("years/<int:year>/reopen/", views.reopen, name="reopen"),
]
