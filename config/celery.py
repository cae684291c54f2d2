import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("zhengxie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The kombu SQLAlchemy transport polls; its default (1 s) makes the embedded setup sluggish.
# Setting it through broker_transport_options crashes the worker (platform-notes.md), so set the class.
try:  # pragma: no cover - depends on the optional transport
    from kombu.transport import sqlalchemy as _sqla

    _sqla.Transport.polling_interval = 0.2
except Exception:  # noqa: BLE001
    pass
