from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "zhengxie.attachments"
    label = "attachments"
    verbose_name = "附件"
