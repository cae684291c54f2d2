from django.apps import AppConfig


class TextindexConfig(AppConfig):
    name = "zhengxie.textindex"
    label = "textindex"
    verbose_name = "全文检索"
