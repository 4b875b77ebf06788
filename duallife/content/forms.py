"""Forms of the pages and the contact form: parsing and choices only (rules: services)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Inquiry, PageVersion
from .selectors import terms_in_force
from .services import terms_agree

TERMS_CHANGED = _("利用規約が改定されました。新しい版をお読みのうえ、あらためて同意してください。")

TITLE_MAX = PageVersion._meta.get_field("title_ja").max_length
BODY_MAX = 60_000


class PageDraftForm(forms.Form):
    title_ja = forms.CharField(label=_("題名（日本語）"), max_length=TITLE_MAX)
    title_en = forms.CharField(label=_("題名（英語）"), max_length=TITLE_MAX)
    body_ja = forms.CharField(
        label=_("本文（日本語）"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Markdownで書きます。「## 見出し」「- 箇条書き」「[リンク](/privacy/)」が使えます。"
            "HTMLは文字のまま表示します。"
        ),
    )
    body_en = forms.CharField(
        label=_("本文（英語）"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 18})
    )
    change_note = forms.CharField(
        label=_("改定の内容"),
        max_length=PageVersion._meta.get_field("change_note").max_length,
        required=False,
        help_text=_("履歴に表示します（例：問い合わせ先の電話番号を変更）。"),
    )


class InquiryForm(forms.Form):
    name = forms.CharField(label=_("お名前"), max_length=Inquiry._meta.get_field("name").max_length)
    email = forms.EmailField(label=_("メールアドレス"), help_text=_("お返事はこのアドレスにお送りします。"))
    topic = forms.ChoiceField(
        label=_("お問い合わせの種類"),
        choices=[("", _("選んでください")), *Inquiry.Topic.choices],
        error_messages={"invalid_choice": _("お問い合わせの種類を選び直してください。")},
    )
    body = forms.CharField(
        label=_("お問い合わせの内容"),
        min_length=10,
        max_length=Inquiry._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("10文字以上、4,000文字以内で書いてください。"),
    )


class InquiryUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("状態"), choices=Inquiry.Status.choices)
    staff_note = forms.CharField(
        label=_("対応メモ"),
        required=False,
        max_length=Inquiry._meta.get_field("staff_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TermsAgreementFields(forms.Form):
    """What sign-up adds to allauth's form (``ACCOUNT_SIGNUP_FORM_CLASS``): agreement to the terms
    in force, with the version shown kept in the form so that a change meanwhile is noticed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms_in_force()
        if self.terms is None:
            return
        self.fields["agree_terms"] = forms.BooleanField(
            label=_("利用規約とプライバシーポリシーに同意します"),
            help_text=format_html(
                str(
                    _(
                        '<a href="{terms}">利用規約（第{number}版）</a>と'
                        '<a href="{privacy}">プライバシーポリシー</a>をお読みください。'
                    )
                ),
                terms=reverse("content:terms"),
                number=self.terms.number,
                privacy=reverse("content:privacy"),
            ),
            error_messages={
                "required": _("登録するには、利用規約とプライバシーポリシーへの同意が必要です。")
            },
        )
        self.fields["terms_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=self.terms.number, required=False
        )

    def clean(self):
        cleaned = super().clean()
        if self.terms is not None and cleaned.get("terms_version") not in (None, self.terms.number):
            raise forms.ValidationError(TERMS_CHANGED, code="terms_changed")
        return cleaned

    def signup(self, request, user) -> None:
        """Called by allauth once the account exists: record the agreement."""
        if self.terms is not None:
            terms_agree(user=user, version=self.terms)


class TermsAgreeForm(forms.Form):
    """The first log-in after new terms: agree to them to go on."""

    agree_terms = forms.BooleanField(
        label=_("新しい利用規約に同意します"),
        error_messages={"required": _("続けるには、新しい利用規約への同意が必要です。")},
    )
    terms_version = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
