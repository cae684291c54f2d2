import datetime as dt

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from . import selectors, services

router = Router()


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class CountOut(Schema):
    count: int


@router.get("/", response=list[NotificationOut], summary="我的消息（分页）")
@paginate(PageNumberPagination)
def notification_list(request, unread_only: bool = False, kind: str = "", q: str = ""):
    return selectors.inbox_for(request.auth, unread_only=unread_only, kind=kind or None, q=q)


@router.get("/unread-count", response=CountOut, summary="未读消息数")
def notification_unread_count(request):
    return {"count": selectors.unread_count(request.auth)}


@router.post("/{int:pk}/read", response=NotificationOut, summary="标为已读")
def notification_read(request, pk: int):
    return services.notification_mark_read(notification=selectors.notification_get_for(request.auth, pk), by=request.auth)


@router.post("/read-all", response=CountOut, summary="全部标为已读")
def notification_read_all(request):
    return {"count": services.notification_mark_all_read(by=request.auth)}
