import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role


def test_the_value_valid_on_the_facts_date_applies(city, persona):
    admin = persona(Role.ADMIN)
    assert config.get("attachments.max_mb", cppcc=city) == 32  # the registered default
    config.config_set(cppcc=city, key="attachments.max_mb", value=20, valid_from=dt.date(2024, 1, 1), by=admin)
    config.config_set(cppcc=city, key="attachments.max_mb", value=10, valid_from=dt.date(2025, 7, 1), by=admin)
    assert config.get("attachments.max_mb", cppcc=city, on=dt.date(2023, 12, 31)) == 32
    assert config.get("attachments.max_mb", cppcc=city, on=dt.date(2024, 1, 1)) == 20
    assert config.get("attachments.max_mb", cppcc=city, on=dt.date(2025, 6, 30)) == 20
    assert config.get("attachments.max_mb", cppcc=city, on=dt.date(2025, 7, 1)) == 10
    assert AuditLog.objects.filter(action="config.set").count() == 2


def test_a_request_reads_a_value_once_and_sees_its_own_change(city, persona, django_assert_num_queries):
    admin = persona(Role.ADMIN)
    with config.request_memo():
        assert config.get("attachments.max_mb", cppcc=city) == 32
        with django_assert_num_queries(0):
            assert config.get("attachments.max_mb", cppcc=city) == 32
        config.config_set(cppcc=city, key="attachments.max_mb", value=12, valid_from=dt.date(2020, 1, 1), by=admin)
        assert config.get("attachments.max_mb", cppcc=city) == 12
    with django_assert_num_queries(1):  # outside a request every read goes to the database
        assert config.get("attachments.max_mb", cppcc=city) == 12


def test_each_cppcc_has_its_own_values(city, county, persona):
    config.config_set(cppcc=city, key="attachments.max_mb", value=8, valid_from=dt.date(2020, 1, 1), by=persona(Role.ADMIN))
    assert config.get("attachments.max_mb", cppcc=county) == 32


def test_only_an_admin_of_that_cppcc_may_set_a_value(city, county, persona):
    with pytest.raises(PermissionDenied):
        config.config_set(cppcc=city, key="attachments.max_mb", value=1, valid_from=dt.date(2020, 1, 1), by=persona(Role.MEMBER))
    with pytest.raises(PermissionDenied):
        config.config_set(cppcc=city, key="attachments.max_mb", value=1, valid_from=dt.date(2020, 1, 1),
                          by=persona(Role.ADMIN, county))


@pytest.mark.parametrize(
    "key,raw,expected",
    [("attachments.max_mb", "16", 16), ("attachments.allowed_types", "pdf，docx, png", ["pdf", "docx", "png"])],
)
def test_form_text_is_parsed_to_the_parameters_type(key, raw, expected):
    assert config.parse(config.REGISTRY[key], raw) == expected


def test_bad_text_gets_a_chinese_message():
    with pytest.raises(ApplicationError) as exc:
        config.parse(config.REGISTRY["attachments.max_mb"], "三十")
    assert "应填写整数" in exc.value.message
