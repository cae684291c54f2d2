from zhengxie.core.roles import Role
from zhengxie.notifications.models import Notification


def test_the_api_lists_my_messages_in_pages(city, persona, send, login):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    for i in range(3):
        send(recipients=[member], kind="system", title=f"消息{i}", cppcc=city)
    send(recipients=[other], kind="system", title="别人的", cppcc=city)
    data = login(member).get("/api/v1/notifications/", {"page_size": 2}).json()
    assert data["count"] == 3 and len(data["items"]) == 2
    assert data["items"][0]["title"] == "消息2" and data["items"][0]["kind_label"] == "系统通知"


def test_the_api_counts_unread_and_marks_read(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="一", cppcc=city)
    send(recipients=[member], kind="account", title="二", cppcc=city)
    client = login(member)
    assert client.get("/api/v1/notifications/unread-count").json() == {"count": 2}
    note = Notification.objects.get(title="一")
    body = client.post(f"/api/v1/notifications/{note.pk}/read").json()
    assert body["read_at"] is not None
    assert client.get("/api/v1/notifications/unread-count").json() == {"count": 1}
    unread = client.get("/api/v1/notifications/", {"unread_only": True}).json()
    assert [i["title"] for i in unread["items"]] == ["二"]
    assert client.post("/api/v1/notifications/read-all").json() == {"count": 1}


def test_the_api_hides_other_peoples_messages(city, persona, send, login):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    send(recipients=[other], kind="system", title="他人", cppcc=city)
    response = login(member).post(f"/api/v1/notifications/{Notification.objects.get().pk}/read")
    assert response.status_code == 404 and response.json()["detail"] == "没有找到该记录，或您无权查看。"


def test_the_api_needs_authentication(client):
    assert client.get("/api/v1/notifications/unread-count").status_code == 401
