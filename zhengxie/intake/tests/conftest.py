import pytest

from zhengxie.intake.models import Channel


@pytest.fixture
def channel(city):
    return Channel.objects.create(cppcc=city, code="proposal-clue", title="提案线索征集", consumer="proposal_clue",
                                  intro="欢迎提供提案线索。")
