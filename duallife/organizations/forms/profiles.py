"""The profile forms: a company's profile, a coordinator body's region page, and their photos. They
check what was typed and build the services' input; the rules that decide whether a profile may be
saved live in :mod:`duallife.organizations.services.profiles` (the forms ask them too, so a user
sees every problem at once, in Japanese)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.regions.models import Municipality, Prefecture
from duallife.vocabulary.models import IndustryGroup

from ..fields import clean_kana_field, clean_phone_field, clean_web_url, text_field, url_field
from ..images import ImageRejected, check_image
from ..models import CompanyProfile, Organization, OrganizationPhoto
from ..services import profiles as profile_services
from .registration import CompanyIdentityFields, apply_service_errors

LONG_TEXT = 2000


# --- photos -------------------------------------------------------------------------------------


class NewPhotoMixin(forms.Form):
    new_photo = forms.FileField(
        label=_("写真を追加"),
        required=False,
        help_text=_(
            "JPEG・PNG・WebP、5MBまで、全部で8枚まで。位置情報などの撮影データは保存時に取り除きます。"
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={
            "invalid": _("ファイルを選び直してください。"),
            "empty": _("ファイルが空です。写真のファイルを選び直してください。"),
        },
    )
    new_photo_alt_text = text_field(
        _("追加する写真の説明（代替テキスト）"),
        max_length=200,
        help_text=_(
            "写真が見えない方にも伝わるよう、写っているものを1文で。"
            "例: 港に並ぶ漁船と、朝の水揚げをする社員たち"
        ),
    )
    new_photo_caption = text_field(
        _("追加する写真のキャプション（任意）"),
        max_length=200,
        help_text=_("例: 毎朝6時の水揚げ（石巻漁港）"),
    )

    def clean_new_photo(self):
        upload = self.cleaned_data.get("new_photo")
        if upload:
            try:
                check_image(upload)
            except ImageRejected as exc:
                raise forms.ValidationError(str(exc), code="bad_image") from None
        return upload

    def new_photo_input(self) -> profile_services.NewPhoto | None:
        upload = self.cleaned_data.get("new_photo")
        if not upload:
            return None
        return profile_services.NewPhoto(
            upload=upload,
            alt_text=self.cleaned_data.get("new_photo_alt_text", ""),
            caption=self.cleaned_data.get("new_photo_caption", ""),
        )

    def clean_photo_fields(self, cleaned: dict) -> None:
        upload = cleaned.get("new_photo")
        if upload and not (cleaned.get("new_photo_alt_text") or "").strip():
            self.add_error(
                "new_photo_alt_text",
                _("写真の説明（代替テキスト）を入力してください。目の見えない方にも写真の内容が伝わります。"),
            )
        if (
            not upload
            and "new_photo" not in self.errors
            and (
                (cleaned.get("new_photo_alt_text") or "").strip()
                or (cleaned.get("new_photo_caption") or "").strip()
            )
        ):
            self.add_error("new_photo", _("説明を入力した写真のファイルを選んでください。"))


class PhotoEditForm(forms.Form):
    photo_id = forms.IntegerField(widget=forms.HiddenInput)
    alt_text = text_field(_("写真の説明（代替テキスト）"), max_length=200)
    caption = text_field(_("キャプション"), max_length=200)
    position = forms.IntegerField(
        label=_("表示順"),
        min_value=0,
        max_value=99,
        initial=0,
        error_messages={
            "invalid": _("表示順は0〜99の数字で入力してください。"),
            "min_value": _("表示順は0〜99の数字で入力してください。"),
            "max_value": _("表示順は0〜99の数字で入力してください。"),
            "required": _("表示順を入力してください。"),
        },
    )
    delete = forms.BooleanField(label=_("この写真を削除する"), required=False)

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("delete")
            and "alt_text" not in self.errors
            and not (cleaned.get("alt_text") or "").strip()
        ):
            self.add_error("alt_text", _("写真の説明（代替テキスト）を入力してください。"))
        return cleaned

    def to_edit(self) -> profile_services.PhotoEdit:
        data = self.cleaned_data
        return profile_services.PhotoEdit(
            photo_id=data["photo_id"],
            alt_text=data.get("alt_text", ""),
            caption=data.get("caption", ""),
            position=data.get("position") or 0,
            delete=bool(data.get("delete")),
        )


PhotoEditFormSet = forms.formset_factory(
    PhotoEditForm,
    extra=0,
    max_num=profile_services.MAX_PHOTOS,
    validate_max=True,
    absolute_max=profile_services.MAX_PHOTOS,
)


def photo_formset(photos: list[OrganizationPhoto], data=None) -> forms.BaseFormSet:
    initial = [
        {"photo_id": p.pk, "alt_text": p.alt_text, "caption": p.caption, "position": p.position}
        for p in photos
    ]
    formset = PhotoEditFormSet(data=data, initial=initial, prefix="photos")
    for number, (form, photo) in enumerate(zip(formset.forms, photos, strict=False), start=1):
        form.photo = photo
        form.fields["alt_text"].label = _("写真%(number)dの説明（代替テキスト）") % {"number": number}
        form.fields["caption"].label = _("写真%(number)dのキャプション") % {"number": number}
        form.fields["position"].label = _("写真%(number)dの表示順") % {"number": number}
        form.fields["delete"].label = _("写真%(number)dを削除する") % {"number": number}
    return formset


def photo_changes(formset: forms.BaseFormSet, form: NewPhotoMixin) -> profile_services.PhotoChanges:
    return profile_services.PhotoChanges(
        edits=tuple(f.to_edit() for f in formset.forms if f.cleaned_data), new=form.new_photo_input()
    )


# --- company profile ----------------------------------------------------------------------------


class CompanyProfileForm(CompanyIdentityFields, NewPhotoMixin):
    industry = IdModelChoiceField(
        label=_("業種"),
        queryset=IndustryGroup.objects.none(),
        required=False,
        empty_label=_("選んでください"),
        help_text=_("日本標準産業分類の大分類から、主な事業に近いものを選んでください。"),
        error_messages={"invalid_choice": _("業種を選び直してください。")},
    )
    size = forms.ChoiceField(
        label=_("従業員規模"),
        required=False,
        choices=[("", _("選んでください")), *CompanyProfile.Size.choices],
        error_messages={"invalid_choice": _("従業員規模を選び直してください。")},
    )
    founded_year = forms.IntegerField(
        label=_("創業年（西暦）"),
        required=False,
        help_text=_("例: 1952"),
        error_messages={"invalid": _("創業年は西暦の数字4桁で入力してください（例: 1952）。")},
    )
    website = url_field(
        _("ウェブサイト"),
        _("お持ちでなければ空欄で構いません。このページがそのまま御社の紹介ページになります。"),
    )
    summary = text_field(
        _("ひとことで言うと"),
        max_length=200,
        help_text=_(
            "一覧にも表示される紹介文です（200文字まで）。"
            "例: 宮城県石巻市で三代続く、金華さばの加工会社です。"
        ),
    )
    vision = text_field(
        _("ビジョン"),
        max_length=LONG_TEXT,
        rows=4,
        help_text=_("10年後にどうなっていたいか。例: 石巻の魚を、東京の食卓の「いつもの味」にする。"),
    )
    strategy = text_field(
        _("戦略・これから取り組むこと"),
        max_length=LONG_TEXT,
        rows=4,
        help_text=_(
            "ビジョンに向けて、この1〜3年で何をするか。"
            "例: ネット通販を始め、首都圏の飲食店への直販を3倍にする。"
        ),
    )
    region_meaning = text_field(
        _("地域との関わり"),
        max_length=LONG_TEXT,
        rows=4,
        help_text=_(
            "この土地で事業をする理由や、地域で果たしている役割。"
            "例: 地元の漁師12軒から毎朝仕入れ、町の雇用を支えています。"
        ),
    )
    appeal = text_field(
        _("外部人材にとっての魅力"),
        max_length=LONG_TEXT,
        rows=4,
        help_text=_(
            "副業・リモートで関わる人が得られるもの。"
            "例: 経営者と直接話して決められる。水揚げ見学と漁師町の食事つき。"
        ),
    )
    top_message = text_field(
        _("代表者メッセージ"),
        max_length=LONG_TEXT,
        rows=5,
        help_text=_("代表者から、一緒に働く人へのひとこと。"),
    )
    top_name = text_field(_("代表者名"), max_length=60, help_text=_("例: 阿部 浩一"))
    top_title = text_field(_("代表者の役職"), max_length=60, help_text=_("例: 代表取締役"))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        prefectures = Prefecture.objects.filter(pack__isnull=False) | Prefecture.objects.filter(
            pk=organization.prefecture_id
        )
        self.fields["prefecture"].queryset = prefectures.order_by("code")
        municipality_filter = Municipality.objects.filter(
            role=Municipality.Role.PACK, prefecture__pack__isnull=False
        )
        if organization.municipality_id:
            municipality_filter = municipality_filter | Municipality.objects.filter(
                pk=organization.municipality_id
            )
        self.fields["municipality"].queryset = municipality_filter
        self.fields["industry"].queryset = IndustryGroup.objects.order_by("code")

    @classmethod
    def initial_for(cls, organization: Organization) -> dict:
        profile = getattr(organization, "company", None)
        initial = {
            "name": organization.name,
            "name_kana": organization.name_kana,
            "prefecture": organization.prefecture_id,
            "municipality": organization.municipality_id or "",
        }
        if profile is not None:
            for field in profile_services.COMPANY_PROFILE_FIELDS:
                value = getattr(profile, field)
                initial[field] = value.pk if hasattr(value, "pk") else value
            initial["industry"] = profile.industry_id
        return initial

    def clean_website(self) -> str:
        return clean_web_url(self.cleaned_data.get("website", ""))

    def clean(self):
        cleaned = super().clean()
        self.clean_photo_fields(cleaned)
        if cleaned.get("name") and cleaned.get("prefecture"):
            # the service's own rules: place, 法人番号, founding year
            apply_service_errors(self, profile_services.company_profile_problems(self.to_data()))
        return cleaned

    def to_data(self) -> profile_services.CompanyProfileData:
        data = self.cleaned_data
        return profile_services.CompanyProfileData(
            name=data["name"],
            name_kana=data.get("name_kana", ""),
            prefecture=data["prefecture"],
            municipality=data.get("municipality"),
            corporate_number=data.get("corporate_number", ""),
            industry=data.get("industry"),
            size=data.get("size", ""),
            founded_year=data.get("founded_year"),
            website=data.get("website", ""),
            summary=data.get("summary", ""),
            vision=data.get("vision", ""),
            strategy=data.get("strategy", ""),
            region_meaning=data.get("region_meaning", ""),
            appeal=data.get("appeal", ""),
            top_message=data.get("top_message", ""),
            top_name=data.get("top_name", ""),
            top_title=data.get("top_title", ""),
        )

    def apply_service_errors(self, errors: dict[str | None, list[str]]) -> None:
        apply_service_errors(self, errors)


# --- coordinator body ---------------------------------------------------------------------------


class CoordinatorProfileForm(NewPhotoMixin):
    name_kana = text_field(
        _("名称（カナ）"), max_length=200, help_text=_("一覧の並び順に使います。例: イシノマキシ")
    )
    region_vision = text_field(
        _("地域のビジョン"),
        max_length=LONG_TEXT,
        rows=5,
        help_text=_("この地域がめざす姿。例: 水産業と観光の両輪で、若い世代が戻ってこられる町にする。"),
    )
    talent_needed = text_field(
        _("求める人材"),
        max_length=LONG_TEXT,
        rows=5,
        help_text=_(
            "どんな力を持つ人に、何を手伝ってほしいか。"
            "例: 水産加工会社の販路開拓を、月2日のリモートで伴走できる方。"
        ),
    )
    contact_email = forms.EmailField(
        label=_("窓口のメールアドレス"),
        required=False,
        max_length=254,
        help_text=_(
            "公開されます。担当者個人ではなく、窓口のアドレスにしてください。例: iju@city.example.lg.jp"
        ),
        error_messages={
            "invalid": _("メールアドレスを正しく入力してください（例: iju@city.example.lg.jp）。")
        },
    )
    contact_phone = forms.CharField(
        label=_("窓口の電話番号"),
        required=False,
        max_length=20,
        help_text=_("公開されます。例: 0225-95-1111"),
        error_messages={"max_length": _("電話番号は20文字以内で入力してください。")},
    )
    contact_url = url_field(
        _("窓口のページ"),
        _("公開されます。移住・副業人材の窓口のページなど。例: https://www.city.example.lg.jp/iju/"),
    )
    address = forms.CharField(
        label=_("所在地"),
        required=False,
        max_length=200,
        help_text=_("公開されます。郵便番号から建物・階まで。例: 〒986-8501 宮城県石巻市穀町14-1 3階"),
        error_messages={"max_length": _("所在地は200文字以内で入力してください。")},
    )

    @classmethod
    def initial_for(cls, organization: Organization) -> dict:
        profile = getattr(organization, "coordinator", None)
        initial = {"name_kana": organization.name_kana}
        if profile is not None:
            for field in profile_services.COORDINATOR_PROFILE_FIELDS:
                initial[field] = getattr(profile, field)
        return initial

    def clean_name_kana(self) -> str:
        return clean_kana_field(self.cleaned_data.get("name_kana", ""), label=_("名称（カナ）"))

    def clean_contact_phone(self) -> str:
        return clean_phone_field(self.cleaned_data.get("contact_phone", ""))

    def clean_contact_url(self) -> str:
        return clean_web_url(self.cleaned_data.get("contact_url", ""))

    def clean(self):
        cleaned = super().clean()
        self.clean_photo_fields(cleaned)
        return cleaned

    def to_data(self) -> profile_services.CoordinatorProfileData:
        data = self.cleaned_data
        return profile_services.CoordinatorProfileData(
            name_kana=data.get("name_kana", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_url=data.get("contact_url", ""),
            address=data.get("address", "").strip(),
            region_vision=data.get("region_vision", ""),
            talent_needed=data.get("talent_needed", ""),
        )

    def apply_service_errors(self, errors: dict[str | None, list[str]]) -> None:
        apply_service_errors(self, errors)
