from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhengxie.intake"
    label = "intake"
    verbose_name = "公众来信与线索征集"

    def ready(self) -> None:
        pass
