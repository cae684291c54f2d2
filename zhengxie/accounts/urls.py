from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("me/", views.me, name="me"),
    path("me/profile/", views.me_update, name="me_update"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("users/", views.user_list, name="users"),
    path("users/export/", views.user_export, name="users_export"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_update, name="user_update"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/reset-password/", views.user_reset_password, name="user_reset_password"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("users/<int:pk>/roles/", views.role_add, name="role_add"),
    path("roles/<int:pk>/end/", views.role_end, name="role_end"),
    path("organisations/", views.org_list, name="orgs"),
    path("organisations/export/", views.org_export, name="orgs_export"),
    path("organisations/new/", views.org_edit, name="org_create"),
    path("organisations/<int:pk>/", views.org_edit, name="org_edit"),
]
