from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "zhengxie.intelligence"
    label = "intelligence"
    verbose_name = "文本智能"
