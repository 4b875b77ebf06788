"""Forms of the team pages: joining as a team, and the team page's texts, partners and places
(parsing and ranges only; the rules live in :mod:`duallife.drafts.services.teams`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.organizations.models import Organization

from ..services.teams import PLACES_MAX, TEAM_TEXT_MAX
from .fields import OrganizerField, PrefecturesField, text_field


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
        return _("%(name)s（%(prefecture)s）") % {"name": obj.name, "prefecture": obj.prefecture.name}


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
        max_value=PLACES_MAX,
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
