"""Forms of the preference lists, the nomination run and the nominations.

:class:`RankingForm` is the no-JavaScript ranking: one select per team (for a player) or per
player (for a team) with 「選ばない（受け入れない）」 or a number; equal numbers form a tied group
(the service refuses them unless the event allows ties), and gaps do not matter — only the order
counts. The other forms parse one button or one small text each; every rule stays in the services.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import DraftRun, Nomination
from .services import OUTCOME_NOTE_MAX
from .services_nominations import MESSAGE_MAX

RANK_PREFIX = "rank_"
SEED_MAX = 2**63 - 1


def rank_field_name(pk: int) -> str:
    return f"{RANK_PREFIX}{pk}"


class RankingForm(forms.Form):
    """One select per option (``options``: ``(pk, name)`` pairs in display order).

    ``kind`` names the other side in messages (「チーム」 or 「選手」). ``ranking()`` gives the
    chosen pks, most wanted first, as the services take them: a group of equal numbers is a list.
    """

    def __init__(self, *args, options: list[tuple[int, str]], kind: str, initial_ranks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        count = len(options)
        choices = [("", _("選ばない（受け入れない）"))] + [(str(n), str(n)) for n in range(1, count + 1)]
        invalid = _("順位は「選ばない（受け入れない）」か、1〜%(count)dの数字から選んでください。") % {
            "count": count
        }
        initial_ranks = initial_ranks or {}
        for pk, name in options:
            self.fields[rank_field_name(pk)] = forms.TypedChoiceField(
                label=_("「%(name)s」の順位") % {"name": name},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=initial_ranks.get(pk, ""),
                error_messages={"invalid_choice": invalid.replace("%", "%%")},
            )
            self.fields[rank_field_name(pk)].option_pk = pk
            self.fields[rank_field_name(pk)].option_name = name

    def clean(self):
        cleaned = super().clean()
        names = set(self.fields)
        posted = [key for key in self.data if key.startswith(RANK_PREFIX)]
        if any(key not in names for key in posted):
            raise forms.ValidationError(
                _("このドラフト会議に参加していない%(kind)sが含まれています。") % {"kind": self.kind},
                code="unknown",
            )
        if any(name not in self.data for name in names):
            raise forms.ValidationError(
                _("%(kind)sの一覧が変わりました。ページを読み込み直して、もう一度選んでください。")
                % {"kind": self.kind},
                code="missing",
            )
        return cleaned

    def chosen(self) -> list[tuple[int, int]]:
        """``(rank, pk)`` for every option given a number, in order."""
        return sorted(
            (self.cleaned_data[name], field.option_pk)
            for name, field in self.fields.items()
            if self.cleaned_data.get(name) is not None
        )

    def ranking(self) -> list:
        """Most wanted first; options sharing a number form a list (a tied group)."""
        ranking: list = []
        for _rank, group in groupby(self.chosen(), key=lambda pair: pair[0]):
            pks = [pk for _r, pk in group]
            ranking.append(pks if len(pks) > 1 else pks[0])
        return ranking

    def tied_field_names(self) -> list[str]:
        """The fields sharing their number with another one."""
        chosen = self.chosen()
        ranks = [rank for rank, _pk in chosen]
        return [rank_field_name(pk) for rank, pk in chosen if ranks.count(rank) > 1]


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


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", gettext_lazy("受諾する")), ("decline", gettext_lazy("辞退する"))],
        error_messages={
            "required": gettext_lazy("「受諾する」か「辞退する」のボタンで回答してください。"),
            "invalid_choice": gettext_lazy("「受諾する」か「辞退する」のボタンで回答してください。"),
        },
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("チームからのメッセージ"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy("メッセージは%(limit_value)d文字以内で入力してください。")
        },
    )

    def clean_message(self):
        if self.is_bound and "message" not in self.data:
            raise forms.ValidationError(
                _("メッセージの欄が送られていません。ページを読み込み直して、もう一度お試しください。"),
                code="missing",
            )
        return self.cleaned_data["message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "指名した理由や、これからの進め方を選手に伝えます（%(max)d文字以内）。"
            "選手が名前の公開に同意していれば、結果ページにも載ります。"
        ) % {"max": MESSAGE_MAX}


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("その後の状況"),
        choices=Nomination.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("その後の状況を選んでください。"),
            "invalid_choice": gettext_lazy(
                "その後の状況は、移住・二地域居住・副業・協業・なしから選んでください。"
            ),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("メモ（任意）"),
        required=False,
        max_length=OUTCOME_NOTE_MAX,
        error_messages={"max_length": gettext_lazy("メモは%(limit_value)d文字以内で入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _("例：月2回、石巻に通っています（%(max)d文字以内）") % {
            "max": OUTCOME_NOTE_MAX
        }


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("状態"),
        required=False,
        choices=[("", gettext_lazy("すべて")), *Nomination.Status.choices],
    )
