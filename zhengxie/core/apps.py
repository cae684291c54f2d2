from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self) -> None:
        from . import jobs, todos  # noqa: F401  (registries)
