from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhengxie.documents"
    label = "documents"
    verbose_name = "文档"
