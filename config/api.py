"""django-ninja API at /api/v1/: session or token auth, scoped like the pages."""
from ninja import NinjaAPI

from zhengxie.core.api_auth import auth_methods
from zhengxie.core.api_errors import install_handlers

api = NinjaAPI(
    title="智慧政协 API",
    version="1",
    description="与页面相同的服务和权限范围。认证：登录会话（需 CSRF）或 `Authorization: Bearer <令牌>`。",
    auth=auth_methods(),
    urls_namespace="api",
)
install_handlers(api)

from zhengxie.accounts.api import router as accounts_router  # noqa: E402
from zhengxie.activities.api import router as activities_router  # noqa: E402
from zhengxie.appraisals.api import router as appraisals_router  # noqa: E402
from zhengxie.core.api import router as core_router  # noqa: E402
from zhengxie.intake.api import router as intake_router  # noqa: E402
from zhengxie.intelligence.api import router as intelligence_router  # noqa: E402
from zhengxie.members.api import router as members_router  # noqa: E402
from zhengxie.notifications.api import router as notifications_router  # noqa: E402
from zhengxie.opinions.api import router as opinions_router  # noqa: E402
from zhengxie.performance.api import router as performance_router  # noqa: E402
from zhengxie.proposals.api import router as proposals_router  # noqa: E402
from zhengxie.reports.api import router as reports_router  # noqa: E402
from zhengxie.supervision.api import router as supervision_router  # noqa: E402
from zhengxie.topics.api import router as topics_router  # noqa: E402
from zhengxie.votes.api import router as votes_router  # noqa: E402

api.add_router("/", core_router, tags=["平台"])
api.add_router("/accounts/", accounts_router, tags=["用户与组织"])
api.add_router("/members/", members_router, tags=["委员"])
api.add_router("/notifications/", notifications_router, tags=["通知"])
api.add_router("/intake/", intake_router, tags=["公众征集"])
api.add_router("/votes/", votes_router, tags=["表决"])
api.add_router("/proposals/topics/", topics_router, tags=["提案选题"])
api.add_router("/proposals/supervision/", supervision_router, tags=["重点提案与督办"])
api.add_router("/proposals/appraisals/", appraisals_router, tags=["民主评议与评优"])
api.add_router("/proposals/intelligence/", intelligence_router, tags=["提案智能辅助"])
api.add_router("/proposals/", proposals_router, tags=["提案"])
api.add_router("/opinions/", opinions_router, tags=["社情民意"])
api.add_router("/reports/", reports_router, tags=["统计"])
api.add_router("/activities/", activities_router, tags=["委员履职活动"])
api.add_router("/performance/", performance_router, tags=["履职积分与档案"])
