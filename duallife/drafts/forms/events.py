"""Forms of the event pages: parsing and ranges only (the rules live in
:mod:`duallife.drafts.services.events`).

Dates are typed as ``2027-04-01`` (or ``2027/04/01``); the preference deadline is a date and time
in Tokyo time. Yen amounts accept 全角 digits, commas and a trailing 円 (「３，０００円」 → 3000).
:class:`EventEditForm` is the create form without the organising body (it stays); once a run
exists every field but the name, the rebate and the rules is disabled, so that what a browser sends
for them is ignored.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duallife.organizations.models import Organization
from duallife.regions.models import Prefecture

from ..models import DraftEvent
from ..services.events import CAPACITY_MAX, FREE_FIELDS, NAME_MAX, REBATE_MAX, RULES_MAX
from .fields import OrganizerField, PrefecturesField, date_field, sane_year, text_field, yen_field

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]


class EventForm(forms.Form):
    """A new draft event, for :func:`~duallife.drafts.services.events.draft_event_create`."""

    organizer = OrganizerField(
        label=_("主催する機関"),
        queryset=Organization.objects.none(),
        empty_label=_("選んでください"),
        error_messages={
            "required": _("主催する機関を選んでください。"),
            "invalid_choice": _("主催する機関を一覧から選んでください。"),
        },
    )
    name = forms.CharField(
        label=_("名称"),
        max_length=NAME_MAX,
        help_text=_("例：みやぎ移住ドラフト会議2027"),
        error_messages={
            "required": _("名称を入力してください。"),
            "max_length": _("名称は%(limit_value)d文字以内で入力してください（今は%(show_value)d文字）。"),
        },
    )
    prefectures = PrefecturesField(
        label=_("対象地域（県）"),
        queryset=Prefecture.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("対象地域（県）を1つ以上選んでください。"),
            "invalid_choice": _("対象地域は一覧から選んでください。"),
            "invalid_pk_value": _("対象地域は一覧から選んでください。"),
        },
    )
    entry_opens_on = date_field(_("エントリー開始日"))
    entry_closes_on = date_field(_("エントリー締切日"))
    preferences_deadline = forms.DateTimeField(
        label=_("希望リストの締切（日本時間）"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "この日時を過ぎると、選手とチームの希望リストは変更できなくなります。合宿はこの前に開きます。"
        ),
        validators=[sane_year],
        error_messages={
            "required": _("希望リストの締切の日時を入力してください。"),
            "invalid": _("日時を「2027-05-31 18:00」の形で入力してください。"),
        },
    )
    nomination_on = date_field(_("指名日"), help_text=_("この日から結果ページで指名を公開します。"))
    negotiation_until = date_field(
        _("交渉期間の終了日"), help_text=_("選手は指名日からこの日までに、受諾か辞退かを回答します。")
    )
    team_capacity = forms.IntegerField(
        label=_("1チームが指名できる人数"),
        min_value=1,
        max_value=CAPACITY_MAX,
        initial=3,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("1チームが指名できる人数を入力してください。"),
            "invalid": _("1〜100の整数で入力してください。"),
            "min_value": _("1〜100の整数で入力してください。"),
            "max_value": _("1〜100の整数で入力してください。"),
        },
    )
    player_fee_yen = yen_field(
        _("参加費（選手・円）"), help_text=_("記録のみで、支払いはこのサイトでは扱いません。")
    )
    team_fee_yen = yen_field(_("参加費（チーム・円）"))
    rebate = forms.CharField(
        label=_("還元（交通費クーポンなど）"),
        required=False,
        max_length=REBATE_MAX,
        help_text=_("例：仙台までの交通費クーポン2,000円分"),
        error_messages={
            "max_length": _("%(limit_value)d文字以内で入力してください（今は%(show_value)d文字）。"),
        },
    )
    rules = text_field(_("ルール"), RULES_MAX, rows=8)
    allow_ties = forms.BooleanField(
        label=_("同順位を認める（抽選で決める）"),
        required=False,
        help_text=_(
            "認めると、同じ順位の相手は指名の実行時に抽選で順序を決め、その抽選のシードを記録します。"
        ),
    )

    SCHEDULE = (
        "entry_opens_on",
        "entry_closes_on",
        "preferences_deadline",
        "nomination_on",
        "negotiation_until",
    )

    def __init__(self, *args, organizers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers
        self.fields["prefectures"].queryset = Prefecture.objects.filter(pack__isnull=False).order_by("code")

    def schedule(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SCHEDULE}

    def event_fields(self) -> dict:
        """The cleaned values as the event services take them (all but the organiser)."""
        data = self.cleaned_data
        fields = ("name", "prefectures", "team_capacity", "player_fee_yen", "team_fee_yen", "rebate", "rules")
        return {
            **{name: data[name] for name in fields},
            "schedule": self.schedule(),
            "allow_ties": data["allow_ties"],
        }


def event_initial(event: DraftEvent) -> dict:
    """The event's values as the form shows them (the deadline in Tokyo time, to the minute)."""
    return {
        "name": event.name,
        "prefectures": [p.pk for p in event.prefectures.all()],
        "entry_opens_on": event.entry_opens_on,
        "entry_closes_on": event.entry_closes_on,
        "preferences_deadline": timezone.localtime(event.preferences_deadline),
        "nomination_on": event.nomination_on,
        "negotiation_until": event.negotiation_until,
        "team_capacity": event.team_capacity,
        "player_fee_yen": event.player_fee_yen,
        "team_fee_yen": event.team_fee_yen,
        "rebate": event.rebate,
        "rules": event.rules,
        "allow_ties": event.allow_ties,
    }


class EventEditForm(EventForm):
    """The event's fields for :func:`~duallife.drafts.services.events.draft_event_update`; ``solved`` (a run
    exists) leaves only the name, the rebate and the rules editable."""

    def __init__(self, *args, event: DraftEvent, solved: bool, **kwargs):
        kwargs.setdefault("initial", event_initial(event))
        super().__init__(*args, organizers=Organization.objects.none(), **kwargs)
        del self.fields["organizer"]
        self.solved = solved
        if solved:
            for name, field in self.fields.items():
                if name not in FREE_FIELDS:
                    field.disabled = True
