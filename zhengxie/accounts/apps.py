from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhengxie.accounts"
    label = "accounts"
    verbose_name = "用户与组织"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role

        nav.register("用户管理", "accounts:users", roles=[Role.ADMIN], order=900, group="系统管理")
        nav.register("组织机构", "accounts:orgs", roles=[Role.ADMIN], order=905, group="系统管理")
        nav.register("我的账号", "accounts:me", order=990, group="个人")
