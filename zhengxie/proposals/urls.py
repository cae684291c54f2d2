from django.urls import include, path

from . import views

app_name = "proposals"
urlpatterns: list = [
    path("", views.proposal_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.create, name="create"),
    path("queue/", views.queue, name="queue"),
    path("inbox/", views.inbox, name="inbox"),
    path("audit/", views.audit, name="audit"),
    path("overdue/", views.overdue, name="overdue"),
    path("members/search/", views.member_search, name="member_search"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/decide/", views.review_decide, name="review_decide"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    # document downloads (提案表, 答复函, 目录/汇编, 交办清单 …) live in urls_exports.py — keep this include
    path("", include("zhengxie.proposals.urls_exports")),
]
