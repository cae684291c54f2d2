"""承办单位 suggestion at 交办 and the routing model of a 政协 (trained by the management command)."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org
from zhengxie.intelligence import routing_model, selectors
from zhengxie.proposals.tests.builders import assign, build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, PARKING, PARKING_2, make

K = Organisation.Kind


@pytest.fixture
def w(city, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    world = build_world(city)
    world.gov_unit.duty = "负责全市各级各类教育的统筹规划，教师队伍建设、中小学教师招聘和乡村教师待遇保障。"
    world.gov_unit.save()
    world.other_unit.duty = "负责公路、水路交通运输和城市公共交通的规划建设与行业管理，农村客运和公交线路开通。"
    world.other_unit.save()
    world.housing = make_org(city, "市住房和城乡建设局", K.HANDLING_UNIT, system="government",
                             duty="负责老旧小区改造、小区停车设施配建、住房保障和城市基础设施建设。")
    world.police = make_org(city, "市公安局", K.HANDLING_UNIT, system="government",
                            duty="负责社会治安管理、道路交通安全管理、户籍和出入境管理。")
    return world


def _rank(advice, unit) -> int:
    return [u.pk for u, _ in advice.units].index(unit.pk) + 1 if unit.pk in [u.pk for u, _ in advice.units] else 99


def test_suggestions_improve_as_assignments_accumulate(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = make(w, PARKING, status=Status.FILED, number=20)
    before = selectors.unit_suggestions(staff, p)
    assert before.units[0][0] == w.housing  # by duty text: 老旧小区 … 停车设施
    assert "停车" in "".join(before.units[0][1].because)
    # the 政协 keeps assigning parking proposals to the police (交警): the suggestion learns it
    for n in range(4):
        q = make(w, PARKING_2 if n % 2 else PARKING, status=Status.CLOSED, number=30 + n)
        assign(q, w.police, "sole")
    after = selectors.unit_suggestions(staff, p)
    assert _rank(after, w.police) == 1 < _rank(before, w.police)
    police = dict((u.pk, s) for u, s in after.units)[w.police.pk]
    assert police.history_count == 4 and after.history_count == 4


def test_the_routing_model_is_trained_by_the_command_and_boosts_the_category(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    transport = dict(title="关于增开农村客运公交线路的建议", situation="偏远乡村群众出行难，农村客运班线少，公交线路覆盖不足。",
                     suggestions="一是增开城乡公交线路；二是对农村客运给予财政补贴。")
    for n in range(4):
        assign(make(w, EDUCATION, status=Status.CLOSED, number=40 + n), w.gov_unit, "sole")
        assign(make(w, transport, status=Status.CLOSED, number=50 + n), w.other_unit, "sole")
    assert routing_model.load(w.cppcc.pk) is None
    call_command("intelligence_train", cppcc=w.cppcc.code)
    model = routing_model.load(w.cppcc.pk)
    assert model is not None and model.classes == ["交通运输", "教育文体"] and model.n_docs == 8

    p = make(w, dict(title="关于补齐乡村学校音乐美术教师短板的建议", situation="乡村学校缺少音乐美术教师。",
                     suggestions="建议单列招聘岗位。"), status=Status.FILED, number=60)
    advice = selectors.unit_suggestions(staff, p)
    assert advice.route.label == "教育文体" and advice.route.because
    assert advice.units[0][0] == w.gov_unit


def test_too_little_history_is_refused_in_chinese(w):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="交办"):
        call_command("intelligence_train", cppcc=w.cppcc.code)
