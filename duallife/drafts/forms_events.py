"""Forms of the event pages: parsing and ranges only (the rules live in the services).

Dates are typed as ``2027-04-01`` (or ``2027/04/01``); the preference deadline is a date and time
in Tokyo time. Yen amounts accept 全角 digits, commas and a trailing 円 (「３，０００円」 → 3000).
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from duallife.organizations.models import Organization
from duallife.regions.models import Prefecture

from .services import NAME_MAX, PITCH_MAX, RULES_MAX
from .services_teams import TEAM_TEXT_MAX

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"]
YEAR_MIN, YEAR_MAX = 2000, 2100
REBATE_MAX = 200
CAPACITY_MAX = 100
FEE_MAX = 10_000_000
PK_PATTERN = re.compile(r"[0-9]{1,18}")


def _sane_year(value) -> None:
    if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            _("%(low)d年から%(high)d年までの日付を入力してください。"),
            code="year",
            params={"low": YEAR_MIN, "high": YEAR_MAX},
        )


def date_field(label, *, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        validators=[_sane_year],
        error_messages={
            "required": _("日付を入力してください。"),
            "invalid": _("日付を「2027-04-01」の形で入力してください。"),
        },
    )


class YenField(forms.IntegerField):
    """Integer yen; 「３，０００円」 and 「3,000」 read as 3000."""

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace("円", "").strip()
        return super().to_python(value)


def yen_field(label, *, help_text: str = "") -> YenField:
    message = _("0〜10,000,000円の整数で入力してください。")
    return YenField(
        label=label,
        min_value=0,
        max_value=FEE_MAX,
        initial=0,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("金額を入力してください（無料なら0）。"),
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def text_field(
    label, limit: int, *, required: bool = False, rows: int = 5, help_text: str = "", required_message=None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or _("入力してください。"),
            "max_length": _("%(limit_value)d文字以内で入力してください（今は%(show_value)d文字）。"),
        },
    )


class OrganizerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class PrefecturesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Prefecture) -> str:
        return obj.name

    def clean(self, value):
        # An id no row can have (「²」, or more digits than a database integer holds) would reach
        # the database in ``pk__in`` and fail there: refuse it as any other unknown choice.
        if isinstance(value, (list, tuple)):
            for pk in value:
                if not PK_PATTERN.fullmatch(str(pk)):
                    raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)


class EventForm(forms.Form):
    """A new draft event, for :func:`~.services.draft_event_create`."""

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
        validators=[_sane_year],
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


class EntryForm(forms.Form):
    pitch = text_field(
        _("自己アピール"),
        PITCH_MAX,
        required=True,
        rows=8,
        help_text=_("どんなことで地域の役に立ちたいか、どんな暮らしをしたいか（2000文字以内）。"),
        required_message=_("自己アピールを入力してください。"),
    )
    name_public = forms.BooleanField(
        label=_("結果ページで表示名を公開してよい"),
        required=False,
        help_text=_("公開しない場合、結果ページでは「選手（非公開）」と表示されます。あとから変更できます。"),
    )

    def __init__(self, *args, pitch_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if pitch_locked:
            del self.fields["pitch"]


class TeamTextsForm(forms.Form):
    strategy = text_field(
        _("地域の戦略"),
        TEAM_TEXT_MAX,
        help_text=_("地域として何に取り組み、どんな未来をめざしているか。"),
    )
    wants = text_field(
        _("求める人と理由"),
        TEAM_TEXT_MAX,
        help_text=_("どんな人に来てほしいか、なぜその人が必要なのか。"),
    )
    life = text_field(
        _("暮らしの様子"),
        TEAM_TEXT_MAX,
        help_text=_("住まい、仕事、子育て、移動など、ここでの暮らしが想像できること。"),
    )


class PartnerChoiceField(PrefecturesField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.prefecture.name}）"


class TeamEditForm(TeamTextsForm):
    """The team page's texts and, for the lead organisation or the organiser before the deadline,
    the consortium's partner companies (``partners`` is absent otherwise)."""

    partners = PartnerChoiceField(
        label=_("コンソーシアムの参加企業"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "一緒にチームを組む対象地域の企業を選びます。選んだ企業のメンバーも、このチームとして希望リスト・メッセージ・指名への対応ができます。"
        ),
        error_messages={
            "invalid_choice": _("選べる企業の一覧から選んでください。"),
            "invalid_pk_value": _("選べる企業の一覧から選んでください。"),
        },
    )

    capacity = forms.IntegerField(
        label=_("このチームが指名できる人数"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_(
            "空欄なら、ドラフト会議の「1チームが指名できる人数」になります（主催者だけが変更できます）。"
        ),
        error_messages={
            "invalid": _("指名できる人数は1〜100の整数で入力してください。"),
            "min_value": _("指名できる人数は1〜100の整数で入力してください。"),
            "max_value": _("指名できる人数は1〜100の整数で入力してください。"),
        },
    )

    def __init__(self, *args, candidates=None, capacity_editable: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is None:
            del self.fields["partners"]
        else:
            self.fields["partners"].queryset = candidates
        if not capacity_editable:
            del self.fields["capacity"]


class TeamJoinForm(TeamTextsForm):
    organization = OrganizerField(
        label=_("チームとして参加する機関・企業"),
        queryset=Organization.objects.none(),
        empty_label=_("選んでください"),
        error_messages={
            "required": _("チームとして参加する機関・企業を選んでください。"),
            "invalid_choice": _("チームとして参加する機関・企業を一覧から選んでください。"),
        },
    )
    field_order = ["organization", "strategy", "wants", "life"]

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
