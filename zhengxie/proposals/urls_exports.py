"""Document downloads of the 提案 module (included from urls.py; namespace "proposals")."""
from django.urls import path

from . import views_exports as v

urlpatterns = [
    path("documents/", v.doc_index, name="doc_index"),
    path("documents/catalogue.docx", v.doc_catalogue, name="doc_catalogue"),
    path("documents/compilation.docx", v.doc_compilation, name="doc_compilation"),
    path("documents/assignment-list.xlsx", v.doc_assignment_list, name="doc_assignment_list"),
    path("documents/progress.xlsx", v.doc_progress, name="doc_progress"),
    path("<int:pk>/documents/form.docx", v.doc_form, name="doc_form"),
    path("<int:pk>/documents/form.pdf", v.doc_form_pdf, name="doc_form_pdf"),
    path("<int:pk>/documents/rejection.docx", v.doc_rejection, name="doc_rejection"),
    path("replies/<int:pk>/letter.docx", v.doc_reply, name="doc_reply"),
    path("replies/<int:pk>/letter.pdf", v.doc_reply_pdf, name="doc_reply_pdf"),
    path("replies/<int:pk>/evaluation-form.docx", v.doc_evaluation_form, name="doc_evaluation_form"),
]
