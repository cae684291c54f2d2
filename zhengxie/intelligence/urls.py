from django.urls import path

from . import views

app_name = "intelligence"
urlpatterns = [
    path("similar/", views.similar_typing, name="similar_typing"),
    path("similar/<int:pk>/", views.similar_for, name="similar_for"),
    path("compare/<int:a>/<int:b>/", views.compare, name="compare"),
    path("groups/", views.groups, name="groups"),
    path("units/<int:pk>/", views.units_for, name="units"),
    path("hints/<int:pk>/", views.reply_hints, name="hints"),
    path("status/", views.status, name="status"),
]
