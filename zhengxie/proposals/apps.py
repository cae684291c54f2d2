from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = "提案"

    def ready(self) -> None:
        from . import conf  # noqa: F401  (configuration parameters)
        from .permissions import register_shared_rules

        register_shared_rules()
