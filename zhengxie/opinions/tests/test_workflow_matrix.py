"""Every (state, action, role) against the hand-written matrix docs/workflows/opinions.csv:
permissions.can() says exactly what the matrix says, an allowed action run through its service moves the item
to the matrix's next state (facts leave it where it is), and a refused one is refused by the service with
nothing changed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.opinions import permissions, services
from zhengxie.opinions.models import Adoption, Article, Instruction, Level, Opinion, UpwardReport
from zhengxie.opinions.workflow import Action, Status, pairs

from .builders import arrange, build_world, make_article, make_issue

MATRIX_FILE = Path(__file__).resolve().parents[3] / "docs" / "workflows" / "opinions.csv"


def load_matrix() -> dict[tuple[str, str, str], str]:
    rows = {}
    with MATRIX_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["allowed"] == "yes"
            rows[(row["state"], row["action"], row["role"])] = row["next_state"]
    return rows


MATRIX = load_matrix()


def test_the_matrix_and_the_transition_table_agree():
    from zhengxie.opinions.workflow import next_status

    for (state, action, _role), nxt in MATRIX.items():
        assert next_status(state, action) == nxt, (state, action)
    covered = {(s, a) for (s, a, _r) in MATRIX}
    assert covered == pairs(), pairs() ^ covered


def run(action: str, o: Opinion, user, w):
    """Invoke the service for `action` with valid input."""
    if action == Action.SUBMIT:
        return services.opinion_submit(opinion=o, by=user)
    if action == Action.RESUBMIT:
        return services.opinion_resubmit(opinion=o, by=user)
    if action == Action.ACCEPT:
        return services.opinion_accept(opinion=o, by=user)
    if action == Action.RETURN:
        return services.opinion_return(opinion=o, by=user, comments="请补充具体数据")
    if action == Action.NOT_USE:
        return services.opinion_not_use(opinion=o, by=user, reason="属于一般工作情况")
    if action == Action.EDIT:
        return services.opinion_edit(opinion=o, by=user, title=o.title + "（编辑稿）", situation=o.situation,
                                     analysis=o.analysis, suggestions=o.suggestions + "三是加强考核。", note="文字整理")
    article = o.articles.first() or make_article(w, [o])
    if action == Action.ASSIGN:
        return services.issue_add_article(issue=make_issue(w), article=article, by=user)
    if action == Action.UNASSIGN:
        return services.issue_remove_article(issue=article.issue or make_issue(w), article=article, by=user)
    if action == Action.SIGN:
        if article.issue is None:
            article.issue = make_issue(w)
            article.save()
        return services.issue_sign(issue=article.issue, by=user)
    if action == Action.REPORT_UP:
        return services.opinion_report_up(opinions=[o], target=UpwardReport.Target.PROVINCIAL, by=user)
    if action == Action.ADOPT:
        return services.adoption_record(opinion=o, by=user, level=Level.NATIONAL, mode=Adoption.Mode.SINGLE,
                                        adopted_at=timezone.localdate(), source_document="全国政协办公厅采用通报")
    if action == Action.INSTRUCT:
        return services.instruction_record(target=o, by=user, leader_name="李市长",
                                           leader_level=Instruction.LeaderLevel.PREFECTURAL, date=timezone.localdate(),
                                           text="请市农业农村局研究落实。")
    raise AssertionError(action)


@pytest.fixture
def world(city):
    return build_world(city)


@pytest.mark.parametrize("state", Status.values)
def test_permissions_follow_the_matrix_for_every_action_and_role(world, state):
    for role in Role.values:
        user = world.users[role]
        o = arrange(world, state, role)
        for action in Action.values:
            expected = (state, action, role) in MATRIX
            assert permissions.can(user, action, o) is expected, (state, action, role)
            assert (action in permissions.available_actions(user, o)) is expected, (state, action, role)


@pytest.mark.parametrize("key", sorted(MATRIX), ids=lambda k: "-".join(k))
def test_an_allowed_action_moves_the_item_to_the_next_state(world, key, django_capture_on_commit_callbacks):
    state, action, role = key
    user = world.users[role]
    o = arrange(world, state, role)
    with django_capture_on_commit_callbacks(execute=True):
        run(action, o, user, world)
    ct = ContentType.objects.get_for_model(Opinion)
    event = Event.objects.filter(content_type=ct, object_id=str(o.pk), verb=f"opinion.{action}").latest("id")
    assert event.data["from"] == state and event.data["to"] == MATRIX[key]
    o.refresh_from_db()
    assert o.status == MATRIX[key]


@pytest.mark.parametrize("state", Status.values)
def test_a_refused_action_is_refused_by_its_service_and_changes_nothing(world, state):
    for role in Role.values:
        user = world.users[role]
        for action in Action.values:
            if (state, action, role) in MATRIX:
                continue
            o = arrange(world, state, role)
            counts = (Event.objects.count(), UpwardReport.objects.count(), Adoption.objects.count(),
                      Instruction.objects.count(), Article.objects.filter(issue__isnull=False).count())
            with pytest.raises((PermissionDenied, ApplicationError)):
                run(action, o, user, world)
            o.refresh_from_db()
            assert o.status == state, (state, action, role)
            after = (Event.objects.count(), UpwardReport.objects.count(), Adoption.objects.count(),
                     Instruction.objects.count(), Article.objects.filter(issue__isnull=False).count())
            # SIGN/UNASSIGN/ASSIGN may have made a helper article or draft issue in run(); nothing else changes
            assert after[:4] == counts[:4], (state, action, role)
