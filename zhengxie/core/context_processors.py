from zhengxie.accounts.selectors import roles_of
from zhengxie.core.roles import Role

from . import nav


def shell(request):
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {"nav_items": [], "my_roles": [], "unread_count": 0}
    roles = roles_of(user)
    from zhengxie.notifications.selectors import unread_count

    return {
        "nav_items": nav.items_for(roles),
        "my_roles": [Role(r).label for r in sorted(roles)],
        "my_cppcc": user.cppcc,
        "unread_count": unread_count(user),
    }
