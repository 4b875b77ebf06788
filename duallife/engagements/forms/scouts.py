"""Forms for scouts and 気になる: parsing and ranges only (the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.ids import MAX_ID

from ..models import ShareableField
from ..services.scouts import MESSAGE_MAX_CHARS, MESSAGE_MIN_CHARS, REASON_MAX_CHARS, TALK_MESSAGE_MAX_CHARS

ON_OFF = [("1", _("オン")), ("0", _("オフ"))]


def _on(value: str) -> bool:
    return value == "1"


class SheetPickForm(forms.Form):
    """Step one of a scout (GET): which of the sender's open sheets it is for."""

    sheet = forms.TypedChoiceField(label=_("スカウトする仕様書"), coerce=int)

    def __init__(self, *args, sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [("", _("選んでください")), *((s.pk, s.title) for s in sheets)]


class ScoutForm(forms.Form):
    message = forms.CharField(
        label=_("あなたが必要な理由"),
        min_length=MESSAGE_MIN_CHARS,
        max_length=MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "この方のどの経験に、なぜ期待しているのかを具体的に書いてください（30〜2000文字）。"
            "仕様書の「あなたが必要な理由」を下書きとして入れてあります。この方に合わせて書き直してください。"
        ),
        error_messages={
            "required": _("メッセージを書いてください。"),
            "min_length": _("メッセージは30文字以上で書いてください。"),
            "max_length": _("メッセージは2000文字以内にしてください。"),
        },
    )


class AcceptForm(forms.Form):
    shared_fields = forms.MultipleChoiceField(
        label=_("企業に知らせる項目"),
        choices=ShareableField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "承諾すると、チェックした項目がこの案件の企業に届きます（承諾が同意になり、記録されます）。"
            "チェックしない項目は届きません。表示名、スキル、関心のあるテーマ、稼働できる日数は企業に見えます。"
        ),
    )
    message = forms.CharField(
        label=_("企業へのひとこと（任意）"),
        max_length=MESSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TalkStartForm(forms.Form):
    """まずは話を聞く: an optional first message of the casual talk."""

    message = forms.CharField(
        label=_("最初のメッセージ（任意）"),
        max_length=TALK_MESSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "聞いてみたいことなどを書けます（2000文字まで）。あとからメッセージで送ることもできます。"
        ),
        error_messages={
            "max_length": _("メッセージは%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。")
        },
    )


class TalkCloseForm(forms.Form):
    """The sending side ends a casual talk, with optional words of thanks."""

    message = forms.CharField(
        label=_("人材の方へのひとこと（任意）"),
        max_length=TALK_MESSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("書かなければ、お礼の定型文が届きます（2000文字まで）。"),
        error_messages={
            "max_length": _("メッセージは%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。")
        },
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("辞退の理由（任意・送った方に伝わります）"),
        max_length=REASON_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InterestToggleForm(forms.Form):
    """The 気になる button: one sheet or one prefecture, and the state wanted after the click."""

    sheet = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    prefecture = forms.RegexField(regex=r"^\d{2}$", required=False)
    on = forms.TypedChoiceField(choices=ON_OFF, coerce=_on)
    next = forms.CharField(required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if bool(data.get("sheet")) == bool(data.get("prefecture")):
            raise forms.ValidationError(_("案件か県のどちらか一つを指定してください。"))
        return data


class SharingForm(forms.Form):
    share_identity = forms.TypedChoiceField(label=_("企業に表示名を知らせる"), choices=ON_OFF, coerce=_on)
