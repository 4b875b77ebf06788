from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AccountDeletionLog, PersonalDataAccess, User
from .services import personal_data_access_log

# The admin signs in through allauth's login: email, MFA, and the django-axes lockout.
admin.site.login = secure_admin_login(admin.site.login)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("email", "last_name", "first_name", "is_active", "is_staff", "date_joined")
    search_fields = ("email", "last_name", "first_name")
    ordering = ("email",)
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "username", "password1", "password2")}),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            subject = self.get_object(request, object_id)
            if subject is not None and subject.pk != request.user.pk:
                personal_data_access_log(
                    by=request.user, subject=subject, what=_("管理画面: ユーザー情報の閲覧")
                )
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit records: nobody edits or deletes them through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccountDeletionLog)
class AccountDeletionLogAdmin(ReadOnlyAdmin):
    list_display = ("user_id", "deleted_at", "reason")
    list_filter = ("reason",)
    date_hierarchy = "deleted_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ("at", "by", "subject", "what")
    list_select_related = ("by", "subject")
    search_fields = ("what", "by__email", "subject__email")
    date_hierarchy = "at"
    raw_id_fields = ("by", "subject")
