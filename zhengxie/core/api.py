from ninja import Router, Schema

from zhengxie.accounts.selectors import roles_of
from zhengxie.core import todos

router = Router()


class MeOut(Schema):
    id: int
    username: str
    name: str
    cppcc: str | None
    roles: list[str]


@router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    u = request.auth
    return {"id": u.id, "username": u.username, "name": u.name, "cppcc": str(u.cppcc) if u.cppcc_id else None,
            "roles": sorted(roles_of(u))}


class TodoOut(Schema):
    kind: str
    module: str
    title: str
    url: str
    deadline: str | None
    status: str


@router.get("/todos", response=list[TodoOut], summary="我的待办")
def my_todos(request):
    return [
        {"kind": t.kind, "module": t.module, "title": t.title, "url": t.url,
         "deadline": t.deadline.isoformat() if t.deadline else None, "status": t.status()}
        for t in todos.todos_for(request.auth)
    ]
