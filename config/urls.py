from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("zhengxie.core.urls")),
    path("accounts/", include("zhengxie.accounts.urls")),
    path("members/", include("zhengxie.members.urls")),
    path("notifications/", include("zhengxie.notifications.urls")),
    path("attachments/", include("zhengxie.attachments.urls")),
    path("links/", include("zhengxie.links.urls")),
    path("public/", include("zhengxie.intake.urls")),
    path("votes/", include("zhengxie.votes.urls")),
    path("proposals/topics/", include("zhengxie.topics.urls")),
    path("proposals/supervision/", include("zhengxie.supervision.urls")),
    path("proposals/appraisals/", include("zhengxie.appraisals.urls")),
    path("proposals/intelligence/", include("zhengxie.intelligence.urls")),
    path("proposals/", include("zhengxie.proposals.urls")),
    path("reports/", include("zhengxie.reports.urls")),
    path("opinions/", include("zhengxie.opinions.urls")),
    path("activities/", include("zhengxie.activities.urls")),
    path("performance/", include("zhengxie.performance.urls")),
    path("django-admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler400 = "zhengxie.core.views.error_400"
handler403 = "zhengxie.core.views.error_403"
handler404 = "zhengxie.core.views.error_404"
handler500 = "zhengxie.core.views.error_500"
