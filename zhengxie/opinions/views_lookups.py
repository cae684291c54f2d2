"""Scoped reads the write pages need beyond selectors.py (same rules: the user's own 政协 only)."""
from __future__ import annotations

from django.shortcuts import get_object_or_404

from zhengxie.accounts.models import Organisation, User

from .models import Article, Commission, Informant, Opinion, ReportingUnit, Topic, UpwardReport
from .workflow import Status

REPORTABLE = (Status.ACCEPTED, Status.EDITED, Status.IN_ISSUE, Status.ISSUED)
EDITABLE = (Status.ACCEPTED, Status.EDITED)


def article_get(user, pk) -> Article:
    return get_object_or_404(Article, pk=pk, cppcc_id=user.cppcc_id)


def opinions_by_ids(user, ids) -> list[Opinion]:
    ids = [int(i) for i in ids if str(i).isdigit()]
    return list(Opinion.objects.filter(cppcc_id=user.cppcc_id, pk__in=ids).order_by("pk"))


def editable_items(user):
    return Opinion.objects.filter(cppcc_id=user.cppcc_id, status__in=EDITABLE).order_by("screened_at", "id")


def reportable_items(user, *, q: str = ""):
    qs = Opinion.objects.filter(cppcc_id=user.cppcc_id, status__in=REPORTABLE).prefetch_related("reports")
    return qs.filter(title__icontains=q) if q else qs.order_by("-screened_at", "-id")


def reports_for(user, *, target: str = "", date: str = ""):
    qs = UpwardReport.objects.filter(cppcc_id=user.cppcc_id).select_related("opinion")
    if target:
        qs = qs.filter(target=target)
    if date:
        qs = qs.filter(reported_at=date)
    return qs


def topic_get(user, pk) -> Topic | None:
    return Topic.objects.filter(pk=pk, cppcc_id=user.cppcc_id).first() if pk else None


def commission_get(user, pk) -> Commission:
    return get_object_or_404(Commission, pk=pk, cppcc_id=user.cppcc_id)


def commission_mine(user, pk) -> Commission | None:
    return Commission.objects.filter(pk=pk, cppcc_id=user.cppcc_id, assignee=user).first() if pk else None


def commissions_all(user):
    return Commission.objects.filter(cppcc_id=user.cppcc_id).select_related("assignee", "topic").order_by("state", "due_date")


def informants(user):
    return Informant.objects.filter(cppcc_id=user.cppcc_id).select_related("user", "org")


def informant_get(user, pk) -> Informant:
    return get_object_or_404(Informant, pk=pk, cppcc_id=user.cppcc_id)


def unit_get(user, pk) -> ReportingUnit | None:
    return get_object_or_404(ReportingUnit, pk=pk, cppcc_id=user.cppcc_id) if pk else None


def users_of(user):
    return User.objects.filter(cppcc_id=user.cppcc_id, is_active=True).order_by("display_name", "username", "id")


def user_get(user, pk) -> User | None:
    return User.objects.filter(pk=pk, cppcc_id=user.cppcc_id).first() if pk else None


def organisations(user):
    return Organisation.objects.filter(cppcc_id=user.cppcc_id).order_by("kind", "name")


def organisation_get(user, pk) -> Organisation | None:
    return Organisation.objects.filter(pk=pk, cppcc_id=user.cppcc_id).first() if pk else None


def issue_series(user) -> list[str]:
    from django.utils import timezone

    from zhengxie.core import config

    return list(config.get("opinions.series", cppcc=user.cppcc_id, on=timezone.localdate()))


def instruction_get(user, pk):
    from .models import Instruction

    return get_object_or_404(Instruction, pk=pk, cppcc_id=user.cppcc_id)


def instructions_to_handle(user):
    """批示 transferred to the user's 承办单位 (handling_unit role)."""
    from zhengxie.accounts.selectors import organisations_for_role
    from zhengxie.core.roles import Role

    from .models import Instruction

    orgs = [o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)]
    return Instruction.objects.filter(cppcc_id=user.cppcc_id, transferred_to_id__in=orgs).order_by("state", "-date")


def handling_units(user):
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT).order_by("name")
