"""The no-JavaScript ranking form of the preference lists.

:class:`RankingForm`: one select per team (for a player) or per player (for a team) with
「選ばない（受け入れない）」 or a number; equal numbers form a tied group (the service refuses them
unless the event allows ties), and gaps do not matter — only the order counts. Every rule stays in
:mod:`duallife.drafts.services.choices`.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.utils.translation import gettext as _

RANK_PREFIX = "rank_"


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
