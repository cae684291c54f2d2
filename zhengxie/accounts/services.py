"""Every write on users, roles, organisations, API tokens and sign-in records."""
from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.middleware import client_ip
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from . import selectors
from .models import ApiToken, LoginAttempt, Organisation, RoleAssignment, User
from .permissions import can_manage_accounts, can_manage_token

#: Roles that only make sense inside an organisation of one of these kinds.
ROLE_ORG_KINDS: dict[str, set[str]] = {
    Role.HANDLING_UNIT: {Organisation.Kind.HANDLING_UNIT},
    Role.COMMITTEE_STAFF: {Organisation.Kind.COMMITTEE},
    Role.ORG_SUBMITTER: {
        Organisation.Kind.PARTY,
        Organisation.Kind.PEOPLE_ORG,
        Organisation.Kind.COMMITTEE,
        Organisation.Kind.SECTOR,
        Organisation.Kind.GROUP,
    },
}


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError("密码不符合要求：" + "".join(exc.messages), field="password")


def _cppcc_pk(cppcc) -> int | None:
    return getattr(cppcc, "pk", cppcc)


def _concrete(user: User) -> User:
    """request.user is a lazy proxy; the audit needs the model instance itself."""
    return user if type(user) is User else User.objects.get(pk=user.pk)


# Users ---------------------------------------------------------------------------------------------

def user_create(*, cppcc, username: str, display_name: str, phone: str = "", email: str = "", password: str, by) -> User:
    username = (username or "").strip()
    if not username:
        raise ApplicationError("请填写登录账号。", field="username")
    if not (display_name or "").strip():
        raise ApplicationError("请填写姓名。", field="display_name")
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(f"账号「{username}」已被使用，请换一个。", field="username")
    with recorded_write(
        by=by, action="user.create", allowed=can_manage_accounts(by, _cppcc_pk(cppcc)), message=f"创建了用户「{display_name}」"
    ) as w:
        user = User(username=username, display_name=display_name.strip(), phone=phone.strip(), email=email.strip(), cppcc_id=_cppcc_pk(cppcc))
        _check_password(password, user)
        user.set_password(password)
        user.save()
        w.obj = user
    return user


def user_update(*, user: User, by, display_name: str, phone: str = "", email: str = "") -> User:
    if not (display_name or "").strip():
        raise ApplicationError("请填写姓名。", field="display_name")
    allowed = can_manage_accounts(by, user.cppcc_id) or by.pk == user.pk
    user = _concrete(user)
    with recorded_write(by=by, action="user.update", obj=user, allowed=allowed, message="修改了用户资料") as w:
        w.obj.display_name, w.obj.phone, w.obj.email = display_name.strip(), phone.strip(), email.strip()
        w.obj.save()
    return w.obj


def user_deactivate(*, user: User, by) -> User:
    if user.pk == by.pk:
        raise ApplicationError("不能停用自己的账号。")
    with recorded_write(
        by=by, action="user.deactivate", obj=user, allowed=can_manage_accounts(by, user.cppcc_id), message="停用了账号"
    ) as w:
        w.obj.is_active = False
        w.obj.save()
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    return w.obj


def user_activate(*, user: User, by) -> User:
    with recorded_write(
        by=by, action="user.activate", obj=user, allowed=can_manage_accounts(by, user.cppcc_id), message="启用了账号"
    ) as w:
        w.obj.is_active = True
        w.obj.save()
    return w.obj


def user_password_change(*, user: User, password: str, by) -> User:
    """The user changes their own password (the old one was checked by the form)."""
    _check_password(password, user)
    user = _concrete(user)
    with recorded_write(by=by, action="account.password_change", obj=user, allowed=by.pk == user.pk, message="修改了登录密码") as w:
        w.obj.set_password(password)
        w.obj.save()
    return w.obj


def user_password_reset(*, user: User, by) -> str:
    """An administrator sets a random temporary password (shown once) and lifts a sign-in lock."""
    temporary = "Zx-" + secrets.token_urlsafe(9)
    with recorded_write(
        by=by, action="account.password_reset", obj=user, allowed=can_manage_accounts(by, user.cppcc_id),
        message="管理员重置了登录密码",
    ) as w:
        w.obj.set_password(temporary)
        w.obj.save()
        LoginAttempt.objects.create(username=selectors.login_key(user.username), success=True, note="管理员重置密码并解除锁定")
    return temporary


def login_unlock(*, user: User, by) -> None:
    with recorded_write(
        by=by, action="login.unlock", obj=user, allowed=can_manage_accounts(by, user.cppcc_id), message="管理员解除了登录锁定"
    ):
        LoginAttempt.objects.create(username=selectors.login_key(user.username), success=True, note="管理员解除锁定")


# Roles ---------------------------------------------------------------------------------------------

def role_assign(*, user: User, role: str, organisation: Organisation | None = None, valid_from: dt.date,
                valid_to: dt.date | None = None, note: str = "", by) -> RoleAssignment:
    if role not in Role.values:
        raise ApplicationError("请选择有效的角色。", field="role")
    label = Role(role).label
    if valid_from is None:
        raise ApplicationError("请填写起始日期。", field="valid_from")
    if valid_to is not None and valid_to < valid_from:
        raise ApplicationError("截止日期不能早于起始日期。", field="valid_to")
    if organisation is not None and organisation.cppcc_id != user.cppcc_id:
        raise ApplicationError("所在组织与用户不属于同一政协。", field="organisation")
    kinds = ROLE_ORG_KINDS.get(role)
    if kinds and (organisation is None or organisation.kind not in kinds):
        names = "、".join(Organisation.Kind(k).label for k in sorted(kinds))
        raise ApplicationError(f"「{label}」角色须指定所在组织，且组织类型应为：{names}。", field="organisation")
    org_text = f"（{organisation.name}）" if organisation else ""
    with recorded_write(
        by=by, action="role.assign", allowed=can_manage_accounts(by, user.cppcc_id),
        message=f"为「{user.name}」分配角色「{label}」{org_text}，自{valid_from:%Y-%m-%d}起",
    ) as w:
        assignment = RoleAssignment.objects.create(
            cppcc_id=user.cppcc_id, user=user, role=role, organisation=organisation, valid_from=valid_from,
            valid_to=valid_to, note=note,
        )
        w.obj = assignment
    user.__dict__.pop("_zx_assignments", None)
    return assignment


def role_end(*, assignment: RoleAssignment, valid_to: dt.date, by) -> RoleAssignment:
    if valid_to is None:
        raise ApplicationError("请填写截止日期。", field="valid_to")
    if valid_to < assignment.valid_from:
        raise ApplicationError("截止日期不能早于起始日期。", field="valid_to")
    with recorded_write(
        by=by, action="role.end", obj=assignment, allowed=can_manage_accounts(by, assignment.cppcc_id),
        message=f"角色「{assignment.get_role_display()}」截止于{valid_to:%Y-%m-%d}",
    ) as w:
        w.obj.valid_to = valid_to
        w.obj.save()
    return w.obj


# Organisations -------------------------------------------------------------------------------------

ORG_FIELDS = ["name", "short_name", "kind", "parent", "system", "duty", "liaison", "phone", "address", "sort", "is_active"]


def _validate_org(org: Organisation) -> None:
    if not (org.name or "").strip():
        raise ApplicationError("请填写组织名称。", field="name")
    if org.kind not in Organisation.Kind.values:
        raise ApplicationError("请选择组织类型。", field="kind")
    if org.parent_id:
        parent = org.parent
        if parent.cppcc_id != org.cppcc_id:
            raise ApplicationError("上级组织必须属于同一政协。", field="parent")
        seen, node = set(), parent
        while node is not None:
            if org.pk and node.pk == org.pk:
                raise ApplicationError("不能把组织设为自己或自己下级的下级（会形成循环）。", field="parent")
            if node.pk in seen:
                break
            seen.add(node.pk)
            node = node.parent
    if org.liaison_id and org.liaison.cppcc_id != org.cppcc_id:
        raise ApplicationError("联络人必须是本政协的用户。", field="liaison")
    if org.kind == Organisation.Kind.HANDLING_UNIT and not org.system:
        raise ApplicationError("承办单位须选择所属系统（党委、人大、政府、两院、群团或其他）。", field="system")
    if org.kind != Organisation.Kind.HANDLING_UNIT:
        org.system = ""
    clash = Organisation.objects.filter(cppcc_id=org.cppcc_id, kind=org.kind, name=org.name.strip()).exclude(pk=org.pk)
    if clash.exists():
        raise ApplicationError(f"已有同名的{Organisation.Kind(org.kind).label}「{org.name}」。", field="name")


def _save_org(org: Organisation) -> None:
    org.name = org.name.strip()
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        raise ApplicationError(f"已有同名的{Organisation.Kind(org.kind).label}「{org.name}」。", field="name")


def organisation_create(*, cppcc, name: str, kind: str, by, **data) -> Organisation:
    org = Organisation(cppcc_id=_cppcc_pk(cppcc), name=name or "", kind=kind)
    for key in ORG_FIELDS:
        if key in data and key not in {"name", "kind"} and (data[key] is not None or key in {"parent", "liaison"}):
            setattr(org, key, data[key])
    _validate_org(org)
    with recorded_write(
        by=by, action="organisation.create", allowed=can_manage_accounts(by, org.cppcc_id), message=f"新建组织「{org.name}」"
    ) as w:
        _save_org(org)
        w.obj = org
    return org


def organisation_update(*, organisation: Organisation, by, **data) -> Organisation:
    with recorded_write(
        by=by, action="organisation.update", obj=organisation, allowed=can_manage_accounts(by, organisation.cppcc_id),
        message="修改了组织信息",
    ) as w:
        org = w.obj
        for key in ORG_FIELDS:
            if key in data:
                setattr(org, key, data[key])
        _validate_org(org)
        _save_org(org)
    return org


# API tokens ----------------------------------------------------------------------------------------

def api_token_create(*, user: User, name: str, by) -> tuple[ApiToken, str]:
    """A personal token; returns (token, key). Only the hash is stored: show the key once."""
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写令牌用途，例如「数据同步脚本」。", field="name")
    key = "zx_" + secrets.token_urlsafe(32)
    with recorded_write(by=by, action="api_token.create", allowed=by.pk == user.pk, message=f"创建了 API 令牌「{name}」") as w:
        token = ApiToken.objects.create(user=user, name=name[:60], prefix=key[3:11], key_hash=ApiToken.hash_key(key))
        w.obj = token
    return token, key


def api_token_revoke(*, token: ApiToken, by) -> ApiToken:
    if token.revoked_at:
        raise ApplicationError("该令牌已吊销。")
    with recorded_write(
        by=by, action="api_token.revoke", obj=token, allowed=can_manage_token(by, token), message=f"吊销了 API 令牌「{token.name}」"
    ) as w:
        w.obj.revoked_at = timezone.now()
        w.obj.save()
    return w.obj


# Sign-in records (anonymous: no acting user, so the AuditLog row is written directly) -------------

def _security_audit(action: str, *, user: User | None, username: str, message: str) -> None:
    AuditLog.objects.create(
        cppcc_id=user.cppcc_id if user else None,
        actor=user if action in {"login.success", "logout"} else None,
        actor_name=(user.name if user else username)[:80],
        action=action,
        object_id=str(user.pk) if user else "",
        object_repr=message[:200],
        ip=client_ip(),
    )


@transaction.atomic
def login_record(*, username: str, success: bool, user: User | None = None) -> bool:
    """Record an attempt; returns True when this failure has just locked the account name."""
    key = selectors.login_key(username)
    target = user or selectors.user_by_login_name(username)
    LoginAttempt.objects.create(username=key, ip=client_ip(), success=success)
    if success:
        _security_audit("login.success", user=target, username=key, message=f"账号 {key} 登录成功")
        return False
    _security_audit("login.failure", user=target, username=key, message=f"账号 {key} 登录失败")
    if selectors.login_failures(key) == settings.LOGIN_MAX_FAILURES:
        _security_audit("login.lockout", user=target, username=key, message=f"账号 {key} 连续登录失败，已临时锁定")
        return True
    return False


def login_record_blocked(*, username: str) -> None:
    """An attempt while the name is locked: audited, but it neither counts nor extends the lock."""
    key = selectors.login_key(username)
    _security_audit("login.blocked", user=selectors.user_by_login_name(username), username=key, message=f"账号 {key} 锁定期间尝试登录")


def logout_record(*, user: User) -> None:
    _security_audit("logout", user=user, username=user.username, message=f"账号 {user.username} 退出登录")
