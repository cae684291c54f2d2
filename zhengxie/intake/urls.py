from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.public_index, name="index"),
    path("track/", views.track, name="track"),
    path("done/", views.done, name="done"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/channels/", views.channels, name="channels"),
    path("manage/channels/new/", views.channel_edit, name="channel_new"),
    path("manage/channels/<int:pk>/", views.channel_edit, name="channel_edit"),
    path("manage/<int:pk>/", views.manage_detail, name="detail"),
    path("manage/<int:pk>/accept/", views.accept, name="accept"),
    path("manage/<int:pk>/reject/", views.reject, name="reject"),
    path("manage/<int:pk>/attachment/", views.attachment, name="attachment"),
    path("<slug:cppcc_code>/<slug:channel_code>/", views.public_form, name="form"),
]
