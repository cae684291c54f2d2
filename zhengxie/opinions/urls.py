from django.urls import include, path

from . import views, views_write

app_name = "opinions"

urlpatterns = [
    path("scoring/", include("zhengxie.opinions.urls_scoring")),
    path("", views.opinion_list, name="list"),
    path("export/", views_write.opinion_export, name="export"),
    path("mine/", views.opinion_mine, name="mine"),
    path("new/", views_write.opinion_new, name="new"),
    path("queue/", views.opinion_queue, name="queue"),
    path("issues/", views.issue_list, name="issues"),
    path("issues/export/", views_write.issue_export, name="issue_export"),
    path("issues/new/", views_write.issue_new, name="issue_new"),
    path("issues/<int:pk>/", views_write.issue_detail, name="issue"),
    path("issues/<int:pk>/<str:op>/", views_write.issue_change, name="issue_change"),
    path("issues/<int:pk>/download/<str:fmt>/", views_write.issue_download, name="issue_download"),
    path("articles/new/", views_write.article_new, name="article_new"),
    path("report/", views_write.report_up, name="report"),
    path("report/package/", views_write.report_package, name="report_package"),
    path("adoptions/import/", views_write.adoption_import, name="import"),
    path("planning/", views_write.planning, name="planning"),
    path("planning/commissions/<int:pk>/cancel/", views_write.commission_cancel, name="commission_cancel"),
    path("commissions/", views_write.my_commissions, name="commissions"),
    path("reporters/", views_write.reporters, name="reporters"),
    path("instructions/", views_write.instruction_inbox, name="instructions"),
    path("instructions/<int:pk>/transfer/", views_write.instruction_transfer, name="instruction_transfer"),
    path("<int:pk>/", views.opinion_detail, name="detail"),
    path("<int:pk>/change/", views_write.opinion_change, name="change"),
    path("<int:pk>/act/<str:action>/", views_write.opinion_act, name="act"),
    path("<int:pk>/editing/", views_write.opinion_editing, name="editing"),
    path("<int:pk>/adopt/", views_write.opinion_adopt, name="adopt"),
    path("<int:pk>/instruct/", views_write.opinion_instruct, name="instruct"),
    path("<int:pk>/flag/", views_write.opinion_flag, name="flag"),
    path("<int:pk>/unflag/", views_write.opinion_unflag, name="unflag"),
    path("<int:pk>/docx/", views_write.opinion_docx, name="docx"),
]
