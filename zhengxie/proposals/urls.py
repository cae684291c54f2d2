from django.urls import include, path  # noqa: F401

app_name = "proposals"
urlpatterns: list = [
    # document downloads (提案表, 答复函, 目录/汇编, 交办清单 …) live in urls_exports.py — keep this include
    path("", include("zhengxie.proposals.urls_exports")),
]
