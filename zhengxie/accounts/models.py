import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.core.roles import Role


class User(AbstractUser):
    """A login. Belongs to one 政协; what it may do comes from its RoleAssignments."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    display_name = models.CharField("姓名", max_length=40, blank=True)
    phone = models.CharField("手机", max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def name(self) -> str:
        return self.display_name or self.username


class Organisation(TimeStampedModel):
    """One node of a 政协's organisation tree."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "专门委员会"
        PARTY = "party", "党派"
        PEOPLE_ORG = "people_org", "人民团体"
        SECTOR = "sector", "界别"
        HANDLING_UNIT = "handling_unit", "承办单位"
        OFFICE = "office", "机关委室"
        MEMBER_HOME = "member_home", "委员之家"
        UPPER = "upper", "上级机关"
        GROUP = "group", "分组"

    class System(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "党委"
        PEOPLES_CONGRESS = "peoples_congress", "人大"
        GOVERNMENT = "government", "政府"
        JUDICIAL = "judicial", "两院"
        MASS_ORG = "mass_org", "群团"
        OTHER = "other", "其他"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="organisations")
    name = models.CharField("名称", max_length=80)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    system = models.CharField("系统", max_length=20, choices=System.choices, blank=True)
    duty = models.TextField("职责说明", blank=True)
    liaison = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="联络人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.CharField("联系电话", max_length=40, blank=True)
    address = models.CharField("地址", max_length=120, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "组织机构"
        ordering = ["kind", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "kind", "name"], name="uniq_org_name_per_kind")]
        indexes = [models.Index(fields=["cppcc", "kind"])]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(TimeStampedModel):
    """(user, role, organisation, valid from/to): a person may hold several at once."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, verbose_name="所在组织", null=True, blank=True, on_delete=models.PROTECT, related_name="role_assignments"
    )
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "角色分配"
        ordering = ["user_id", "role"]
        indexes = [models.Index(fields=["user", "valid_from"])]

    def __str__(self) -> str:
        org = f"（{self.organisation}）" if self.organisation_id else ""
        return f"{self.user} · {self.get_role_display()}{org}"

    @staticmethod
    def valid_on(day) -> Q:
        return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class LoginAttempt(models.Model):
    """One sign-in attempt of an account name (lower-cased). Failures since the last success count for the lock;
    an administrator's unlock is recorded as a success row with a note."""

    username = models.CharField("账号", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    success = models.BooleanField("成功", default=False)
    note = models.CharField("说明", max_length=60, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {'成功' if self.success else '失败'}"


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the key is shown once on creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=60)
    prefix = models.CharField("前缀", max_length=8, db_index=True)
    key_hash = models.CharField("密钥摘要", max_length=64, unique=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "API令牌"

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
