"""/api/v1/accounts/: organisations (everyone signed in), users (admin), own API tokens."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from . import selectors, services
from .permissions import can_manage_accounts

router = Router()


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    system: str
    phone: str
    is_active: bool

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


@router.get("/organisations", response=list[OrganisationOut], summary="组织机构（本政协）")
@paginate
def organisations(request, kind: str = "", q: str = ""):
    return selectors.organisation_list_for(request.auth, kind=kind or None, q=q.strip())


class UserOut(Schema):
    id: int
    username: str
    name: str
    phone: str
    email: str
    is_active: bool
    roles: list[str]

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return selectors.current_role_labels(obj)


@router.get("/users", response=list[UserOut], summary="用户（仅系统管理员）")
@paginate
def users(request, q: str = "", role: str = ""):
    if not can_manage_accounts(request.auth):
        raise PermissionDenied("只有本政协的系统管理员可以查看用户列表。")
    return selectors.user_list_for(request.auth, q=q.strip(), role=role)


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    key: str


@router.post("/tokens", response={201: TokenOut}, summary="为自己创建 API 令牌（密钥只返回这一次）")
def create_token(request, payload: TokenIn):
    token, key = services.api_token_create(user=request.auth, name=payload.name, by=request.auth)
    return Status(201, {"id": token.id, "name": token.name, "prefix": token.prefix, "key": key})
