"""Admin for operators: engagements to look up, read-only.

Every change of an application, scout, message, consent record, contract, check-in or referral
goes through the services (``services/``): they keep the status machine legal, lock rows in order,
write the history and the consent records, and tell the people concerned. The admin therefore
shows and changes nothing else, and only operators (members of the secretariat, or superusers)
open it. Opening one record that holds a talent's personal data is written to the staff access
log, like every other staff read.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from duallife.accounts.services import personal_data_access_log
from duallife.organizations.permissions import is_operator

from .models import (
    Application,
    ApplicationEvent,
    CheckIn,
    CheckInAnswer,
    ConsentRecord,
    Contract,
    Interest,
    Message,
    Referral,
    Scout,
    ThreadRead,
)
from .wording import worded_for_storage


def is_admin_operator(user) -> bool:
    """Active staff accounts that are superusers or members of the secretariat."""
    if not (getattr(user, "is_active", False) and getattr(user, "is_staff", False)):
        return False
    return bool(user.is_superuser or is_operator(user))


class OperatorReadOnlyAdmin(admin.ModelAdmin):
    """Visible to operators only; nobody adds, changes or deletes through the admin."""

    #: ``obj -> User`` whose personal data the change page shows (logged), or None.
    personal_data_of = None
    personal_data_label = ""

    def has_module_permission(self, request) -> bool:
        return is_admin_operator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_admin_operator(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if (
            request.method == "GET"
            and self.personal_data_of is not None
            and self.has_view_permission(request)
        ):
            obj = self.get_object(request, object_id)
            subject = self.personal_data_of(obj) if obj is not None else None
            if subject is not None and subject.pk != request.user.pk:
                personal_data_access_log(
                    by=request.user,
                    subject=subject,
                    what=worded_for_storage(_("管理画面: %(what)s"), what=self.personal_data_label),
                )
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_admin_operator(request.user)

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["at", "from_status", "to_status", "by", "note"]


class CheckInInline(ReadOnlyInline):
    model = CheckIn
    fields = ["kind", "due_on", "status", "alerted_at", "closed_at"]


class AnswerInline(ReadOnlyInline):
    model = CheckInAnswer
    fields = ["side", "rating", "on_track", "comment", "answered_at"]


@admin.register(Application)
class ApplicationAdmin(OperatorReadOnlyAdmin):
    list_display = ["pk", "sheet", "talent", "status", "origin", "referrer", "created_at", "updated_at"]
    list_filter = ["status", "origin"]
    search_fields = ["sheet__title", "talent__display_name"]
    list_select_related = ["sheet", "talent", "referrer"]
    raw_id_fields = ["sheet", "talent", "referrer"]
    date_hierarchy = "created_at"
    inlines = [EventInline]
    personal_data_label = _("応募の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.talent.user


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(OperatorReadOnlyAdmin):
    list_display = ["at", "application", "from_status", "to_status"]
    list_filter = ["to_status"]
    raw_id_fields = ["application", "by"]
    date_hierarchy = "at"
    personal_data_label = _("応募の経過の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.application.talent.user


@admin.register(ConsentRecord)
class ConsentRecordAdmin(OperatorReadOnlyAdmin):
    list_display = ["granted_at", "talent_user_id", "recipient", "basis", "keep_until"]
    list_filter = ["basis"]
    search_fields = ["recipient__name"]
    list_select_related = ["recipient"]
    raw_id_fields = ["talent_user", "application", "recipient"]
    date_hierarchy = "granted_at"
    personal_data_label = _("個人情報の提供記録の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.talent_user


@admin.register(Contract)
class ContractAdmin(OperatorReadOnlyAdmin):
    list_display = [
        "recorded_at",
        "organization",
        "sheet",
        "talent",
        "contract_type",
        "starts_on",
        "ended_on",
    ]
    list_filter = ["contract_type", "ended_early", "end_reason"]
    search_fields = ["organization__name", "sheet__title", "talent__display_name"]
    list_select_related = ["organization", "sheet", "talent"]
    raw_id_fields = ["application", "sheet", "organization", "talent", "referrer", "recorded_by"]
    date_hierarchy = "recorded_at"
    inlines = [CheckInInline]
    personal_data_label = _("成約の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.talent.user


@admin.register(Scout)
class ScoutAdmin(OperatorReadOnlyAdmin):
    list_display = ["created_at", "sender_organization", "sheet", "talent", "status", "expires_at"]
    list_filter = ["status"]
    search_fields = ["sheet__title", "sender_organization__name", "talent__display_name"]
    list_select_related = ["sender_organization", "sheet", "talent"]
    raw_id_fields = ["sheet", "talent", "sender", "sender_organization", "application"]
    personal_data_label = _("スカウトの閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.talent.user


@admin.register(Message)
class MessageAdmin(OperatorReadOnlyAdmin):
    list_display = ["created_at", "application", "scout", "attachment_size"]
    raw_id_fields = ["application", "scout", "author"]
    # the stored file has no URL (private storage): show its name, type and size, not a link
    exclude = ["attachment"]
    date_hierarchy = "created_at"
    personal_data_label = _("メッセージの閲覧")

    @staticmethod
    def personal_data_of(obj):
        return (obj.application or obj.scout).talent.user


@admin.register(CheckIn)
class CheckInAdmin(OperatorReadOnlyAdmin):
    list_display = ["due_on", "contract", "kind", "status", "alerted_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["contract"]
    inlines = [AnswerInline]
    personal_data_label = _("フォローアップの回答の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.contract.talent.user


@admin.register(Interest)
class InterestAdmin(OperatorReadOnlyAdmin):
    list_display = ["created_at", "sheet", "prefecture", "share_identity"]
    list_filter = ["share_identity"]
    list_select_related = ["sheet", "prefecture"]
    raw_id_fields = ["talent", "sheet"]


@admin.register(Referral)
class ReferralAdmin(OperatorReadOnlyAdmin):
    list_display = ["registered_at", "referrer", "company", "note"]
    search_fields = ["referrer__name", "company__name"]
    list_select_related = ["referrer", "company"]
    raw_id_fields = ["referrer", "company", "registered_by"]


@admin.register(ThreadRead)
class ThreadReadAdmin(OperatorReadOnlyAdmin):
    list_display = ["application", "scout", "user_id", "last_read_at"]
    raw_id_fields = ["application", "scout", "user"]
    personal_data_label = _("既読状況の閲覧")

    @staticmethod
    def personal_data_of(obj):
        return obj.user
