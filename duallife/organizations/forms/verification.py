"""Staff forms of a company's verification: the list's filter and the decision (confirm by hand or
revoke, with a note). The rules are the services' (``services/verification.py``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..fields import text_field
from ..permissions import verification_refusal
from ..selectors import VERIFICATION_STATES
from ..services.verification import NOTE_MAX_LENGTH

STATE_LABELS = {
    "unverified": _("確認済みでない企業"),
    "verified": _("確認済みの企業"),
    "all": _("すべての企業"),
}


class VerificationQueueForm(forms.Form):
    state = forms.ChoiceField(
        label=_("表示する企業"),
        required=False,
        choices=[(state, STATE_LABELS[state]) for state in VERIFICATION_STATES],
        error_messages={"invalid_choice": _("表示する企業を選び直してください。")},
    )

    def state_value(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("state") or "unverified"
        return "unverified"


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("操作"),
        choices=[("confirm", _("確認済みにする")), ("revoke", _("確認を取り消す"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("「確認済みにする」か「確認を取り消す」を選んでください。"),
            "invalid_choice": _("「確認済みにする」か「確認を取り消す」を選んでください。"),
        },
    )
    note = text_field(
        _("メモ（確認した内容や理由）"),
        max_length=NOTE_MAX_LENGTH,
        required=True,
        rows=3,
        help_text=_(
            "企業には表示されません。"
            "例: 登記事項証明書と代表者の名刺で確認。本店は仙台市、登録は石巻工場の所在地。"
        ),
    )

    def __init__(self, *args, organization=None, **kwargs) -> None:
        """With ``organization``, only the decisions that can be taken on it now are shown (a
        company not yet verified has nothing to revoke), the one left already chosen; one sent
        anyway is refused with the reason."""
        super().__init__(*args, **kwargs)
        self.organization = organization
        if organization is not None:
            field = self.fields["decision"]
            allowed = [
                (value, label)
                for value, label in field.choices
                if verification_refusal(organization, value) is None
            ]
            field.widget.choices = allowed
            if len(allowed) == 1:
                field.initial = allowed[0][0]

    def clean_decision(self) -> str:
        decision = self.cleaned_data["decision"]
        refusal = verification_refusal(self.organization, decision) if self.organization else None
        if refusal:
            raise forms.ValidationError(refusal)
        return decision
