"""The form that runs the nominations: which side proposes, and the lottery's seed where the
event allows ties (the rules live in :mod:`duallife.drafts.services.runs`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from ..models import DraftRun

SEED_MAX = 2**63 - 1


class RunForm(forms.Form):
    proposing = forms.ChoiceField(
        label=gettext_lazy("申し込む側"),
        choices=DraftRun.Proposing.choices,
        initial=DraftRun.Proposing.PLAYERS,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "ふつうは「選手から申し込む」を選びます。選手にとって最も良い結果（選手に最適）になり、"
            "どの選手も、ほかの安定な結果より悪いチームに決まることはありません。"
            "「チームから申し込む」は、チームにとって最も良い結果になります。"
        ),
        error_messages={
            "required": gettext_lazy("申し込む側を選んでください。"),
            "invalid_choice": gettext_lazy("申し込む側は、選手かチームのどちらかを選んでください。"),
        },
    )
    seed = forms.IntegerField(
        label=gettext_lazy("抽選のシード（任意）"),
        required=False,
        min_value=0,
        max_value=SEED_MAX,
        help_text=gettext_lazy(
            "同順位を抽選で並べるときの種です。空欄なら自動で決め、実行の記録に残します。"
            "同じシードで再計算すると、同じ結果になります。"
        ),
        error_messages={
            "invalid": gettext_lazy("シードは0以上の整数で入力してください。"),
            "min_value": gettext_lazy("シードは0以上の整数で入力してください。"),
            "max_value": gettext_lazy("シードが大きすぎます。もっと小さい整数を入力してください。"),
        },
    )

    def __init__(self, *args, allow_ties: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_ties:
            del self.fields["seed"]
