"""/django-admin/ (superusers only): read-mostly views; day-to-day changes go through the in-app pages,
whose services check permissions and write the audit log."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiToken, LoginAttempt, Organisation, RoleAssignment, User


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "organisation", "valid_from", "valid_to", "note"]
    readonly_fields = fields
    can_delete = False
    verbose_name = verbose_name_plural = "角色分配"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "cppcc", "phone", "is_active", "last_login"]
    list_filter = ["cppcc", "is_active", "is_superuser"]
    search_fields = ["username", "display_name", "phone", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["display_name", "cppcc", "phone", "email"]}),
        ("状态", {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "cppcc", "display_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [RoleAssignmentInline]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "system", "parent", "cppcc", "phone", "is_active"]
    list_filter = ["cppcc", "kind", "system", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "organisation", "valid_from", "valid_to", "cppcc"]
    list_filter = ["cppcc", "role"]
    search_fields = ["user__username", "user__display_name"]


@admin.register(LoginAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    list_display = ["username", "success", "ip", "note", "at"]
    list_filter = ["success"]
    search_fields = ["username", "ip"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    exclude = ["key_hash"]
