"""Profiles: a company's profile, a coordinator body's region page, and their photos (checked,
resized and stored with the profile). The pages live in :mod:`duallife.organizations.views`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.engine.corporate_number import is_valid_corporate_number
from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch
from duallife.vocabulary.models import IndustryGroup

from .. import permissions
from ..errors import ProfileInvalid
from ..images import ImageRejected, check_image, prepare_image
from ..models import CompanyProfile, CoordinatorProfile, Organization, OrganizationPhoto
from .verification import company_verification_check

MAX_PHOTOS = 8
MIN_FOUNDED_YEAR = 600  # the oldest companies still trading in Japan were founded in the 6th century


@dataclass(frozen=True)
class CompanyProfileData:
    name: str
    prefecture: Prefecture
    name_kana: str = ""
    municipality: Municipality | None = None
    corporate_number: str = ""
    industry: IndustryGroup | None = None
    size: str = ""
    founded_year: int | None = None
    website: str = ""
    summary: str = ""
    vision: str = ""
    strategy: str = ""
    region_meaning: str = ""
    appeal: str = ""
    top_message: str = ""
    top_name: str = ""
    top_title: str = ""


COMPANY_PROFILE_FIELDS = (
    "corporate_number",
    "industry",
    "size",
    "founded_year",
    "website",
    "summary",
    "vision",
    "strategy",
    "region_meaning",
    "appeal",
    "top_message",
    "top_name",
    "top_title",
)


@dataclass(frozen=True)
class CoordinatorProfileData:
    name_kana: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_url: str = ""
    address: str = ""
    region_vision: str = ""
    talent_needed: str = ""


COORDINATOR_PROFILE_FIELDS = (
    "contact_email",
    "contact_phone",
    "contact_url",
    "address",
    "region_vision",
    "talent_needed",
)


@dataclass(frozen=True)
class PhotoEdit:
    """A change to a photo already on the page: its alt text, caption and order, or removal."""

    photo_id: int
    alt_text: str
    caption: str = ""
    position: int = 0
    delete: bool = False


@dataclass(frozen=True)
class NewPhoto:
    upload: UploadedFile
    alt_text: str
    caption: str = ""


@dataclass(frozen=True)
class PhotoChanges:
    edits: tuple[PhotoEdit, ...] = ()
    new: NewPhoto | None = None


def add_problem(errors: dict[str | None, list[str]], field: str | None, message: str) -> None:
    errors.setdefault(field, []).append(message)


def corporate_number_problem(number: str) -> str | None:
    """Why ``number`` (already cleaned of spaces and dashes) is not a 法人番号; ``None`` if empty or valid."""
    if number and not is_valid_corporate_number(number):
        return _(
            "法人番号が正しくありません。13桁の数字を、国税庁の法人番号公表サイトの表記のとおり入力してください。"
        )
    return None


def company_profile_problems(data: CompanyProfileData) -> dict[str | None, list[str]]:
    """Why ``data`` cannot be saved as a company profile (empty when it can)."""
    errors: dict[str | None, list[str]] = {}
    if not data.name.strip():
        add_problem(errors, "name", _("企業名を入力してください。"))
    if mismatch := municipality_mismatch(data.municipality, data.prefecture):
        add_problem(errors, "municipality", mismatch)
    if problem := corporate_number_problem(data.corporate_number):
        add_problem(errors, "corporate_number", problem)
    if data.size and data.size not in CompanyProfile.Size.values:
        add_problem(errors, "size", _("従業員規模を選び直してください。"))
    if (
        data.founded_year is not None
        and not MIN_FOUNDED_YEAR <= data.founded_year <= timezone.localdate().year
    ):
        add_problem(
            errors,
            "founded_year",
            _("創業年は%(min)d年から%(max)d年までの西暦で入力してください。")
            % {"min": MIN_FOUNDED_YEAR, "max": timezone.localdate().year},
        )
    return errors


def photo_problems(organization: Organization, changes: PhotoChanges) -> dict[str | None, list[str]]:
    """Why ``changes`` cannot be applied to ``organization``'s photos (empty when they can)."""
    errors: dict[str | None, list[str]] = {}
    existing = set(OrganizationPhoto.objects.filter(organization=organization).values_list("pk", flat=True))
    deleted = set()
    for edit in changes.edits:
        if edit.photo_id not in existing:
            add_problem(errors, "photos", _("この写真はすでに削除されています。ページを開き直してください。"))
            continue
        if edit.delete:
            deleted.add(edit.photo_id)
        elif not edit.alt_text.strip():
            add_problem(errors, "photos", _("写真の説明（代替テキスト）を入力してください。"))
    if changes.new is not None:
        if not changes.new.alt_text.strip():
            add_problem(
                errors,
                "new_photo_alt_text",
                _("写真の説明（代替テキスト）を入力してください。目の見えない方にも写真の内容が伝わります。"),
            )
        if len(existing - deleted) + 1 > MAX_PHOTOS:
            add_problem(
                errors,
                "new_photo",
                _("写真は%(max)d枚までです。追加する前に、いずれかの写真を削除してください。")
                % {"max": MAX_PHOTOS},
            )
        try:
            check_image(changes.new.upload)
        except ImageRejected as exc:
            add_problem(errors, "new_photo", str(exc))
    return errors


def _merge(*parts: dict[str | None, list[str]]) -> dict[str | None, list[str]]:
    merged: dict[str | None, list[str]] = {}
    for part in parts:
        for field, messages in part.items():
            merged.setdefault(field, []).extend(messages)
    return merged


def company_profile_update(
    *, organization: Organization, by, data: CompanyProfileData, photos: PhotoChanges = PhotoChanges()
) -> Organization:
    """Save a company's public profile (and its photo changes) in one transaction, or nothing."""
    if organization.kind != Organization.Kind.COMPANY or not permissions.can_edit_organization(
        by, organization
    ):
        raise PermissionDenied
    errors = _merge(company_profile_problems(data), photo_problems(organization, photos))
    if errors:
        raise ProfileInvalid(errors)

    def write(org: Organization) -> None:
        profile, _created = CompanyProfile.objects.get_or_create(organization=org)
        before = (org.name, org.prefecture_id, org.municipality_id, profile.corporate_number)
        org.name = data.name.strip()
        org.name_kana = data.name_kana.strip()
        org.prefecture = data.prefecture
        org.municipality = data.municipality
        org.save(update_fields=["name", "name_kana", "prefecture", "municipality", "updated_at"])
        for field in COMPANY_PROFILE_FIELDS:
            value = getattr(data, field)
            setattr(profile, field, value.strip() if isinstance(value, str) else value)
        profile.save()
        if before != (org.name, org.prefecture_id, org.municipality_id, profile.corporate_number):
            company_verification_check(organization=org)  # the details verified are no longer these

    return _save_with_photos(organization, photos, write)


def coordinator_profile_update(
    *,
    organization: Organization,
    by,
    data: CoordinatorProfileData,
    photos: PhotoChanges = PhotoChanges(),
) -> Organization:
    """Save a coordinator body's region page: its vision, the talent it needs, its office contact."""
    if organization.kind != Organization.Kind.COORDINATOR or not permissions.can_edit_organization(
        by, organization
    ):
        raise PermissionDenied
    errors = photo_problems(organization, photos)
    if errors:
        raise ProfileInvalid(errors)

    def write(org: Organization) -> None:
        org.name_kana = data.name_kana.strip()
        org.save(update_fields=["name_kana", "updated_at"])
        profile, _created = CoordinatorProfile.objects.get_or_create(
            organization=org, defaults={"body_type": CoordinatorProfile.BodyType.OTHER}
        )
        for field in COORDINATOR_PROFILE_FIELDS:
            setattr(profile, field, getattr(data, field).strip())
        profile.save()

    return _save_with_photos(organization, photos, write)


def _save_with_photos(organization: Organization, photos: PhotoChanges, write) -> Organization:
    prepared = None
    if photos.new is not None:
        try:
            prepared = prepare_image(photos.new.upload)
        except ImageRejected as exc:
            raise ProfileInvalid({"new_photo": [str(exc)]}) from None
    stored: list[str] = []
    removed: list[str] = []
    try:
        with transaction.atomic():
            org = Organization.objects.select_for_update().get(pk=organization.pk)
            write(org)
            current = {p.pk: p for p in OrganizationPhoto.objects.filter(organization=org)}
            for edit in photos.edits:
                photo = current.get(edit.photo_id)
                if photo is None:
                    continue
                if edit.delete:
                    removed.append(photo.image.name)
                    del current[photo.pk]
                    photo.delete()
                    continue
                photo.alt_text = edit.alt_text.strip()
                photo.caption = edit.caption.strip()
                photo.position = edit.position
                photo.save(update_fields=["alt_text", "caption", "position"])
            if prepared is not None:
                if len(current) >= MAX_PHOTOS:  # checked again under the lock
                    raise ProfileInvalid(
                        {"new_photo": [_("写真は%(max)d枚までです。") % {"max": MAX_PHOTOS}]}
                    )
                photo = OrganizationPhoto(
                    organization=org,
                    alt_text=photos.new.alt_text.strip(),
                    caption=photos.new.caption.strip(),
                    position=max((p.position for p in current.values()), default=0) + 1,
                    width=prepared.width,
                    height=prepared.height,
                )
                photo.image.save(
                    f"{uuid.uuid4().hex}.{prepared.extension}", ContentFile(prepared.content), save=False
                )
                stored.append(photo.image.name)
                photo.save()
            transaction.on_commit(lambda: _delete_files(removed))
    except BaseException:
        _delete_files(stored)
        raise
    organization.refresh_from_db()
    return organization


def _delete_files(names: list[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)
