import pytest

from zhengxie.notifications.services import notify


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """notify() as a committed transaction would run it."""

    def do(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            notify(**kwargs)

    return do
