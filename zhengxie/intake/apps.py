from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhengxie.intake"
    label = "intake"
    verbose_name = "公众来信与线索征集"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role

        from . import conf, todos  # noqa: F401  (configuration parameters, to-dos)

        nav.register("公众来信", "intake:manage", roles=[Role.PROPOSAL_STAFF, Role.ADMIN], order=395, group="提案")
