"""The system actor of one 政协: the `by` of automatic work (daily jobs). It holds no role and cannot log in."""
from zhengxie.accounts.models import User


def system_user(cppcc) -> User:
    user, created = User.objects.get_or_create(
        username=f"system-{cppcc.code}", defaults={"cppcc": cppcc, "display_name": "系统", "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
