from django.urls import path

from .views import cases, home, records, selections

app_name = "supervision"
urlpatterns = [
    path("", home.home, name="home"),
    path("key/", home.key_list, name="key_list"),
    path("key/<int:pk>/unset/", home.key_unset, name="key_unset"),
    path("selections/", selections.selection_list, name="selections"),
    path("selections/new/", selections.selection_create, name="selection_create"),
    path("selections/<int:pk>/", selections.selection_detail, name="selection"),
    path("selections/<int:pk>/recommend/", selections.recommend, name="recommend"),
    path("selections/<int:pk>/add/", selections.staff_add, name="staff_add"),
    path("selections/<int:pk>/act/<str:action>/", selections.selection_act, name="selection_act"),
    path("selections/<int:pk>/<str:kind>.docx", selections.selection_document, name="selection_document"),
    path("recommendations/<int:pk>/withdraw/", selections.recommendation_withdraw, name="recommendation_withdraw"),
    path("items/<int:pk>/shortlist/", selections.item_shortlist, name="item_shortlist"),
    path("items/<int:pk>/select/", selections.item_select, name="item_select"),
    path("items/<int:pk>/leader/", selections.item_leader, name="item_leader"),
    path("records/", records.record_list, name="records"),
    path("records/new/", records.record_new, name="record_new"),
    path("records/<int:pk>/", records.record_detail, name="record"),
    path("records/<int:pk>/edit/", records.record_edit, name="record_edit"),
    path("records/<int:pk>/followups/", records.followup_add, name="followup_add"),
    path("followups/", records.followup_list, name="followups"),
    path("followups/<int:pk>/<str:action>/", records.followup_act, name="followup_act"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/plan/", cases.case_update, name="case_update"),
    path("cases/<int:pk>/add/", cases.case_add, name="case_add"),
    path("cases/<int:pk>/milestones/", cases.milestone_add, name="milestone_add"),
    path("cases/<int:pk>/close/", cases.case_close, name="case_close"),
    path("cases/<int:pk>/reopen/", cases.case_reopen, name="case_reopen"),
    path("members/<int:pk>/remove/", cases.case_remove, name="case_remove"),
    path("members/<int:pk>/outcome/", cases.member_outcome, name="member_outcome"),
    path("milestones/<int:pk>/done/", cases.milestone_done, name="milestone_done"),
]
