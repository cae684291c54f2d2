"""The Celery app. Settings come from Django's CELERY_* settings (config/settings.py).

Start a worker with beat (what `make run` does through scripts/serve.sh):
    .venv/bin/python -m celery -A config worker -B --pool=solo --concurrency=1
"""
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("zhengxie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

SQLA_POLLING_INTERVAL = 0.1


@signals.worker_init.connect
def fast_sqlalchemy_polling(**kwargs) -> None:
    """The kombu SQLAlchemy transport (the server-less `sqla+sqlite://` broker of `make run`) polls the
    database, by default once a second, which makes every round trip about a second. Passing
    `polling_interval` through broker_transport_options crashes the worker (kombu hands all transport
    options to SQLAlchemy's create_engine), so set it on the transport class, in the worker only (the
    import costs every other process a quarter second). Redis does not poll."""
    if str(app.conf.broker_url).startswith("sqla+"):
        from kombu.transport import sqlalchemy as kombu_sqlalchemy

        kombu_sqlalchemy.Transport.polling_interval = SQLA_POLLING_INTERVAL
