"""Forms of the account pages. Rules live in the services; forms check shape and types."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.organizations.models import CoordinatorProfile, Membership
from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Municipality, Prefecture

from .models import AccountDeletionLog


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("現在のパスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("本人確認のため、ログインに使っているパスワードを入力してください。"),
    )
    reason = forms.ChoiceField(
        label=_("削除の理由（任意）"),
        choices=AccountDeletionLog.Reason.choices,
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("削除すると元に戻せないことを理解しました"),
        error_messages={"required": _("確認のチェックを入れてください。")},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("招待する方のメールアドレス"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("メールアドレスの形式が正しくありません。")},
    )
    role = forms.ChoiceField(
        label=_("権限"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_("管理者は、メンバーの招待や組織情報の編集ができます。"),
    )


def _municipalities():
    return Municipality.objects.filter(role=Municipality.Role.PACK).select_related("prefecture")


class CoordinatorBodyForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=120)
    name_kana = forms.CharField(label=_("名称（カナ）"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("URL用の識別子"),
        max_length=80,
        help_text=_("半角英数字・ハイフン・アンダースコア。例: miyagi-pref"),
        error_messages={"invalid": _("半角英数字・ハイフン・アンダースコアで入力してください。")},
    )
    body_type = forms.ChoiceField(label=_("種別"), choices=CoordinatorProfile.BodyType.choices)
    prefecture = IdModelChoiceField(
        label=_("所在地（都道府県）"),
        queryset=Prefecture.objects.order_by("code"),
        error_messages={"invalid_choice": _("一覧から都道府県を選んでください。")},
    )
    municipality = IdModelChoiceField(
        label=_("所在地（市区町村）"),
        queryset=_municipalities(),
        required=False,
        help_text=_("県や広域の機関は空欄のままにしてください。"),
        error_messages={"invalid_choice": _("一覧から市区町村を選んでください。")},
    )
    contact_email = forms.EmailField(label=_("連絡先メール"), required=False)
    contact_phone = forms.CharField(label=_("連絡先電話"), max_length=20, required=False)
    contact_url = forms.URLField(label=_("窓口のページ"), required=False, assume_scheme="https")
    admin_email = forms.EmailField(
        label=_("最初の管理者として招待するメールアドレス（任意）"),
        required=False,
        help_text=_("入力すると、このアドレスに管理者としての招待メールを送ります。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_municipalities(self)


class ScopeGrantForm(forms.Form):
    prefecture = IdModelChoiceField(
        label=_("都道府県"),
        queryset=Prefecture.objects.order_by("code"),
        error_messages={"invalid_choice": _("一覧から都道府県を選んでください。")},
    )
    municipality = IdModelChoiceField(
        label=_("市区町村"),
        queryset=_municipalities(),
        required=False,
        help_text=_("空欄にすると、都道府県全域が担当地域になります。"),
        error_messages={"invalid_choice": _("一覧から市区町村を選んでください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_municipalities(self)
