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
from zhengxie.core.api import router as core_router  # noqa: E402
from zhengxie.members.api import router as members_router  # noqa: E402
from zhengxie.notifications.api import router as notifications_router  # noqa: E402
from zhengxie.opinions.api import router as opinions_router  # noqa: E402
from zhengxie.performance.api import router as performance_router  # noqa: E402
from zhengxie.proposals.api import router as proposals_router  # noqa: E402
from zhengxie.reports.api import router as reports_router  # noqa: E402

api.add_router("/", core_router, tags=["平台"])
api.add_router("/accounts/", accounts_router, tags=["用户与组织"])
api.add_router("/members/", members_router, tags=["委员"])
api.add_router("/notifications/", notifications_router, tags=["通知"])
api.add_router("/proposals/", proposals_router, tags=["提案"])
api.add_router("/opinions/", opinions_router, tags=["社情民意"])
api.add_router("/reports/", reports_router, tags=["统计"])
api.add_router("/activities/", activities_router, tags=["委员履职活动"])
api.add_router("/performance/", performance_router, tags=["履职积分与档案"])
