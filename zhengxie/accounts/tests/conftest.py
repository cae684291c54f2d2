import pytest

from zhengxie.core.roles import Role


@pytest.fixture
def admin(persona):
    return persona(Role.ADMIN)


@pytest.fixture
def admin_client(login, admin):
    return login(admin)
