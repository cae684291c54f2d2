import pytest

from .builders import build_world


@pytest.fixture
def world(city):
    return build_world(city)
