"""/opinions/scoring/…: 社情民意计分与排名 (names under the `opinions` namespace, prefixed `scoring_`)."""
from django.urls import path

from . import views_scoring as v

urlpatterns = [
    path("", v.ranking_page, name="scoring"),
    path("ledger/", v.ledger_page, name="scoring_ledger"),
    path("mine/", v.mine_page, name="scoring_mine"),
    path("ledger.xlsx", v.ledger_xlsx, name="scoring_ledger_xlsx"),
    path("recompute/", v.recompute, name="scoring_recompute"),
    path("freeze/", v.freeze, name="scoring_freeze"),
    path("reopen/", v.reopen, name="scoring_reopen"),
    path("report.docx", v.report_docx, name="scoring_docx"),
    path("annex.xlsx", v.report_xlsx, name="scoring_xlsx"),
]
