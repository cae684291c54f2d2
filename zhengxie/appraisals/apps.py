from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "zhengxie.appraisals"
    label = "appraisals"
    verbose_name = "民主评议与评优"

    def ready(self) -> None:
        pass
