from django.urls import path

from . import views

app_name = "topics"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogues/<int:pk>/", views.catalogue, name="catalogue"),
    path("catalogues/<int:pk>/docx/", views.catalogue_docx, name="catalogue_docx"),
    path("catalogues/<int:pk>/topics/new/", views.topic_new, name="topic_new"),
    path("catalogues/<int:pk>/<slug:action>/", views.catalogue_act, name="catalogue_act"),
    path("clues/", views.clues, name="clues"),
    path("clues/new/", views.clue_new, name="clue_new"),
    path("clues/merge/", views.clues_merge, name="clues_merge"),
    path("clues/<int:pk>/", views.clue_detail, name="clue"),
    path("clues/<int:pk>/<slug:action>/", views.clue_act, name="clue_act"),
    path("cite/<int:proposal_pk>/", views.cite, name="cite"),
    path("<int:pk>/", views.topic_detail, name="topic"),
    path("<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("<int:pk>/<slug:action>/", views.topic_act, name="topic_act"),
]
