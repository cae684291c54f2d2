from django.urls import path

from . import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/sittings/", views.sitting_add, name="sitting_add"),
    path("<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("<int:pk>/leave/", views.leave_request, name="leave_request"),
    path("<int:pk>/signin/", views.sign_in, name="sign_in"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("participations/<int:pk>/remove/", views.uninvite, name="uninvite"),
    path("participations/<int:pk>/proxy/", views.proxy_sign_in, name="proxy_sign_in"),
    path("participations/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("participations/<int:pk>/speaker/", views.speaker, name="speaker"),
    path("participations/<int:pk>/sittings/", views.sittings, name="participation_sittings"),
    path("outcomes/<int:pk>/delete/", views.outcome_delete, name="outcome_delete"),
    path("leaves/", views.leaves, name="leaves"),
    path("leaves/<int:pk>/<slug:action>/", views.leave_act, name="leave_act"),
    path("appointments/", views.appointments, name="appointments"),
    path("appointments/<int:pk>/end/", views.appointment_end, name="appointment_end"),
    path("homes/", views.homes, name="homes"),
    path("homes/ensure/", views.homes_ensure, name="homes_ensure"),
    path("homes/compliance/", views.compliance, name="compliance"),
    path("homes/<int:pk>/", views.home_detail, name="home_detail"),
    path("homes/<int:pk>/edit/", views.home_edit, name="home_edit"),
    path("homes/<int:pk>/receptions/", views.reception_add, name="reception_add"),
]
