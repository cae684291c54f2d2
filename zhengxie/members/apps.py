from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "zhengxie.members"
    label = "members"
    verbose_name = "委员与会议"

    def ready(self) -> None:
        from zhengxie.core import nav

        from .permissions import COUNTY_STATS_ROLES, DIRECTORY_ROLES, MEETING_NAV_ROLES

        nav.register("委员名录", "members:list", roles=DIRECTORY_ROLES, order=200, group="委员")
        nav.register("会议管理", "members:meetings", roles=MEETING_NAV_ROLES, order=210, group="委员")
        nav.register("县区委员统计", "members:by_county", roles=COUNTY_STATS_ROLES, order=220, group="委员")
