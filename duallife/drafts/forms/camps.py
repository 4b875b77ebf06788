"""Forms of the camp pages: parsing and ranges only (the rules are in
:mod:`duallife.drafts.services.camps`). A camp is edited with the create form, :class:`CampForm`.

Dates and times are typed and shown in Tokyo time (``Asia/Tokyo``), whatever the server's zone.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duallife.core.ids import is_id

from ..models import CampRegistration, DraftCamp
from ..selectors.camps import registrant_label
from ..services.camps import CAPACITY_MAX, CAPACITY_MIN, DESCRIPTION_MAX, PLACE_MAX, TITLE_MAX

TOKYO = ZoneInfo("Asia/Tokyo")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class TokyoDateTimeField(forms.DateTimeField):
    """A date and time typed in Tokyo time (``<input type="datetime-local">``)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        with timezone.override(TOKYO):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(TOKYO):
            return super().prepare_value(value)


class CampForm(forms.Form):
    title = forms.CharField(
        label=_("名称"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("名称を入力してください。"),
            "max_length": _("名称は%(limit_value)d文字以内で入力してください。"),
        },
        help_text=_("例：石巻の漁港で1泊2日の現地合宿"),
    )
    mode = forms.ChoiceField(
        label=_("開催方法"),
        choices=DraftCamp.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("開催方法を選んでください。"),
            "invalid_choice": _("開催方法は「オンライン」か「現地」から選んでください。"),
        },
    )
    place = forms.CharField(
        label=_("会場・参加用URL"),
        max_length=PLACE_MAX,
        required=False,
        error_messages={"max_length": _("会場は%(limit_value)d文字以内で入力してください。")},
        help_text=_(
            "現地で開くときは会場、オンラインのときは参加用のURLなど（どちらも必須。"
            "オンラインの参加方法は、参加登録した人と主催者にだけ表示します）。"
        ),
    )
    starts_at = TokyoDateTimeField(
        label=_("開始"),
        error_messages={
            "required": _("開始の日時を入力してください。"),
            "invalid": _("開始の日時は「2027-02-10 13:00」の形で入力してください。"),
        },
        help_text=_("日本時間。例：2027-02-10 13:00"),
    )
    ends_at = TokyoDateTimeField(
        label=_("終了"),
        error_messages={
            "required": _("終了の日時を入力してください。"),
            "invalid": _("終了の日時は「2027-02-10 17:00」の形で入力してください。"),
        },
        help_text=_("日本時間。希望リストの締切までに終わるようにしてください。"),
    )
    capacity = forms.IntegerField(
        label=_("定員（人）"),
        min_value=CAPACITY_MIN,
        max_value=CAPACITY_MAX,
        error_messages={
            "required": _("定員を入力してください。"),
            "invalid": _("定員は半角数字で入力してください。"),
            "min_value": _("定員は%(limit_value)s人以上にしてください。"),
            "max_value": _("定員は%(limit_value)s人以下にしてください。"),
        },
        help_text=_("選手とチームのメンバーを合わせた人数（1〜1000人）。"),
    )
    description = forms.CharField(
        label=_("内容"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("内容は%(limit_value)d文字以内で入力してください。")},
        help_text=_("プログラム、持ち物、交通費の扱いなど。"),
    )


def camp_initial(camp: DraftCamp) -> dict:
    return {
        "title": camp.title,
        "mode": camp.mode,
        "place": camp.place,
        "starts_at": camp.starts_at,
        "ends_at": camp.ends_at,
        "capacity": camp.capacity,
        "description": camp.description,
    }


class RegisterForm(forms.Form):
    """The register button: empty ``team`` registers as the player, a team id for that team."""

    team = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("参加するチームを選び直してください。"),
            "min_value": _("参加するチームを選び直してください。"),
        },
    )


ATTENDANCE_CHOICES = [("1", _("出席")), ("0", _("欠席")), ("", _("未記録"))]
_VALUES = {"1": True, "0": False, "": None}
_FIELD = re.compile(r"^attended-(.*)$")


def attendance_field_name(registration_id: int) -> str:
    return f"attended-{registration_id}"


class AttendanceForm(forms.Form):
    """One 出席／欠席 choice per registration (left 未記録 when not known).

    Fields for ids that are not the camp's registrations are kept (:meth:`attended` gives them to
    the service, which refuses them); a field name whose id is not a number is an error."""

    def __init__(self, *args, registrations: list[CampRegistration], **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            initial = {True: "1", False: "0", None: ""}[registration.attended]
            self.fields[attendance_field_name(registration.pk)] = forms.ChoiceField(
                label=registrant_label(registration),
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("出欠は「出席」「欠席」「未記録」から選んでください。")},
            )
        self.foreign: dict[int, bool | None] = {}

    def rows(self):
        """(registration, bound field) for the table."""
        return [(r, self[attendance_field_name(r.pk)]) for r in self.registrations]

    def clean(self):
        cleaned = super().clean()
        if self.data is None:
            return cleaned
        for key in self.data:
            match = _FIELD.match(key)
            if not match or key in self.fields:
                continue
            raw_id, value = match[1], self.data.get(key)
            if not is_id(raw_id) or value not in _VALUES:  # a registration id as sent back
                raise forms.ValidationError(
                    _("出欠の送信内容を読めませんでした。ページを開き直してください。")
                )
            self.foreign[int(raw_id)] = _VALUES[value]
        return cleaned

    def attended(self) -> dict[int, bool | None]:
        """Registration id → attended, for every choice sent (a row not sent keeps its value)."""
        values = {
            r.pk: _VALUES[self.cleaned_data[attendance_field_name(r.pk)]]
            for r in self.registrations
            if attendance_field_name(r.pk) in self.data
        }
        values.update(self.foreign)
        return values
