"""The entry form of a player: parsing and length only (the rules live in
:mod:`duallife.drafts.services.players`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.players import PITCH_MAX
from .fields import text_field


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
