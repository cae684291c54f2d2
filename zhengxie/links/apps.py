from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "zhengxie.links"
    label = "links"
    verbose_name = "关联"
