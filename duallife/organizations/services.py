"""Writes for organisations: every business rule about organisations lives in one service here."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.engine.corporate_number import is_valid_corporate_number
from duallife.regions.models import Municipality, Prefecture
from duallife.vocabulary.models import IndustryGroup

from . import permissions
from .errors import CoordinatorSetupError, InvitationError, ProfileInvalid, RegistrationInvalid
from .images import ImageRejected, check_image, prepare_image
from .links import invitation_accept_url
from .models import (
    CompanyProfile,
    CoordinatorProfile,
    CoordinatorScope,
    Invitation,
    Membership,
    Organization,
    OrganizationPhoto,
)
from .permissions import invitation_acceptance_error

# =================================================================================================
# Invitations, coordinator bodies and scopes
# (written with the accounts app; the views live in duallife/accounts/views.py)
# =================================================================================================

INVITATION_VALID_FOR = timedelta(days=7)


def _normalize_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("invalid_email", _("メールアドレスの形式が正しくありません。")) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}".lower()


def _invitation_email_send(invitation_pk: int, base_url: str | None) -> None:
    invitation = Invitation.objects.select_related("organization").get(pk=invitation_pk)
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "role_label": invitation.get_role_display(),
        "accept_url": invitation_accept_url(invitation, base_url=base_url),
        "expires_at": timezone.localtime(invitation.expires_at),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


def invitation_create(
    *,
    organization: Organization,
    email: str,
    by,
    role: str = Membership.Role.MEMBER,
    base_url: str | None = None,
) -> Invitation:
    """Invite ``email`` to ``organization``; the mail with a single-use link leaves on commit.

    A new invitation replaces a pending one to the same address (a "resend").
    """
    if not permissions.can_invite(by, organization):
        raise PermissionDenied
    email = _normalize_email(email)
    if role not in Membership.Role.values:
        raise InvitationError("invalid_role", _("権限の指定が正しくありません。"))
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise InvitationError("already_member", _("このメールアドレスの方は、すでにこの組織のメンバーです。"))
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            organization=organization, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organization=organization,
            email=email,
            role=role,
            token=secrets.token_urlsafe(32),
            invited_by=by,
            expires_at=now + INVITATION_VALID_FOR,
        )
        transaction.on_commit(lambda: _invitation_email_send(invitation.pk, base_url))
    return invitation


def invitation_accept(*, token: str, user) -> Membership:
    """Join the organisation: the user must be logged in with the invited, verified address."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first() if token else None
        if invitation is None:
            raise InvitationError("not_found", _("招待が見つかりません。リンクをもう一度ご確認ください。"))
        error = invitation_acceptance_error(invitation=invitation, user=user)
        if error:
            raise error
        membership, created = Membership.objects.select_for_update().get_or_create(
            user=user, organization=invitation.organization, defaults={"role": invitation.role}
        )
        if not created and invitation.role == Membership.Role.ADMIN and membership.role != invitation.role:
            membership.role = Membership.Role.ADMIN
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Cancel a pending invitation (idempotent); an accepted one cannot be revoked."""
    if not permissions.can_invite(by, invitation.organization):
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise InvitationError(
                "used",
                _("この招待はすでに承諾されているため、取り消せません。メンバーの管理から外してください。"),
            )
        if not invitation.revoked_at:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation


def coordinator_body_create(
    *,
    by,
    name: str,
    slug: str,
    prefecture: Prefecture,
    body_type: str,
    municipality: Municipality | None = None,
    name_kana: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    contact_url: str = "",
    admin_email: str = "",
    base_url: str | None = None,
) -> Organization:
    """An operator registers a coordinator body (自治体・支援機関), optionally inviting its first admin."""
    if not permissions.is_operator(by):
        raise PermissionDenied
    name = (name or "").strip()
    slug = (slug or "").strip().lower()
    if not name:
        raise CoordinatorSetupError("name_required", _("名称を入力してください。"), field="name")
    try:
        validate_slug(slug)
    except ValidationError:
        raise CoordinatorSetupError(
            "invalid_slug",
            _("URL用の識別子は半角英数字・ハイフン・アンダースコアで入力してください。"),
            field="slug",
        ) from None
    if body_type not in CoordinatorProfile.BodyType.values:
        raise CoordinatorSetupError("invalid_body_type", _("種別を選んでください。"), field="body_type")
    if municipality is not None and municipality.prefecture_id != prefecture.pk:
        raise CoordinatorSetupError(
            "municipality_mismatch",
            _("市区町村が選んだ都道府県のものではありません。"),
            field="municipality",
        )
    with transaction.atomic():
        if Organization.objects.select_for_update().filter(slug=slug).exists():
            raise CoordinatorSetupError(
                "slug_taken", _("このURL用の識別子はすでに使われています。"), field="slug"
            )
        organization = Organization.objects.create(
            kind=Organization.Kind.COORDINATOR,
            name=name,
            name_kana=(name_kana or "").strip(),
            slug=slug,
            prefecture=prefecture,
            municipality=municipality,
        )
        CoordinatorProfile.objects.create(
            organization=organization,
            body_type=body_type,
            contact_email=(contact_email or "").strip(),
            contact_phone=(contact_phone or "").strip(),
            contact_url=(contact_url or "").strip(),
        )
        if admin_email:
            try:
                invitation_create(
                    organization=organization,
                    email=admin_email,
                    role=Membership.Role.ADMIN,
                    by=by,
                    base_url=base_url,
                )
            except InvitationError as exc:
                raise CoordinatorSetupError(exc.code, exc.message, field="admin_email") from None
    return organization


def scope_grant(
    *, organization: Organization, prefecture: Prefecture, by, municipality: Municipality | None = None
) -> CoordinatorScope:
    """An operator lets a coordinator body see an area: a whole prefecture or one municipality."""
    if not permissions.is_operator(by):
        raise PermissionDenied
    if organization.kind != Organization.Kind.COORDINATOR:
        raise CoordinatorSetupError(
            "not_coordinator", _("担当地域を付与できるのは自治体・支援機関だけです。")
        )
    if municipality is not None and municipality.prefecture_id != prefecture.pk:
        raise CoordinatorSetupError(
            "municipality_mismatch",
            _("市区町村が選んだ都道府県のものではありません。"),
            field="municipality",
        )
    with transaction.atomic():
        # Lock the body so two grants at once cannot both pass the checks below.
        Organization.objects.select_for_update().get(pk=organization.pk)
        existing = CoordinatorScope.objects.filter(organization=organization, prefecture=prefecture)
        if existing.filter(municipality__isnull=True).exists():
            raise CoordinatorSetupError(
                "already_covered",
                _("%(prefecture)s全域がすでに担当地域です。") % {"prefecture": prefecture.name},
            )
        if municipality is not None and existing.filter(municipality=municipality).exists():
            raise CoordinatorSetupError(
                "duplicate", _("%(place)sはすでに担当地域です。") % {"place": municipality.name}
            )
        return CoordinatorScope.objects.create(
            organization=organization, prefecture=prefecture, municipality=municipality, granted_by=by
        )


# =================================================================================================
# Profiles: company profiles, coordinator bodies' region pages, photos
# (the views live in duallife/organizations/views.py)
# =================================================================================================

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
    region_vision: str = ""
    talent_needed: str = ""


COORDINATOR_PROFILE_FIELDS = (
    "contact_email",
    "contact_phone",
    "contact_url",
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


def _add(errors: dict[str | None, list[str]], field: str | None, message: str) -> None:
    errors.setdefault(field, []).append(message)


def company_profile_problems(data: CompanyProfileData) -> dict[str | None, list[str]]:
    """Why ``data`` cannot be saved as a company profile (empty when it can)."""
    errors: dict[str | None, list[str]] = {}
    if not data.name.strip():
        _add(errors, "name", _("企業名を入力してください。"))
    if data.municipality is not None and data.municipality.prefecture_id != data.prefecture.pk:
        _add(
            errors,
            "municipality",
            _(
                "%(municipality)sは%(prefecture)sの市区町村ではありません。都道府県か市区町村を選び直してください。"
            )
            % {"municipality": data.municipality.name, "prefecture": data.prefecture.name},
        )
    if data.corporate_number and not is_valid_corporate_number(data.corporate_number):
        _add(
            errors,
            "corporate_number",
            _(
                "法人番号が正しくありません。13桁の数字を、国税庁の法人番号公表サイトの表記のとおり入力してください。"
            ),
        )
    if data.size and data.size not in CompanyProfile.Size.values:
        _add(errors, "size", _("従業員規模を選び直してください。"))
    if (
        data.founded_year is not None
        and not MIN_FOUNDED_YEAR <= data.founded_year <= timezone.localdate().year
    ):
        _add(
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
            _add(errors, "photos", _("この写真はすでに削除されています。ページを開き直してください。"))
            continue
        if edit.delete:
            deleted.add(edit.photo_id)
        elif not edit.alt_text.strip():
            _add(errors, "photos", _("写真の説明（代替テキスト）を入力してください。"))
    if changes.new is not None:
        if not changes.new.alt_text.strip():
            _add(
                errors,
                "new_photo_alt_text",
                _("写真の説明（代替テキスト）を入力してください。目の見えない方にも写真の内容が伝わります。"),
            )
        if len(existing - deleted) + 1 > MAX_PHOTOS:
            _add(
                errors,
                "new_photo",
                _("写真は%(max)d枚までです。追加する前に、いずれかの写真を削除してください。")
                % {"max": MAX_PHOTOS},
            )
        try:
            check_image(changes.new.upload)
        except ImageRejected as exc:
            _add(errors, "new_photo", str(exc))
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
        org.name = data.name.strip()
        org.name_kana = data.name_kana.strip()
        org.prefecture = data.prefecture
        org.municipality = data.municipality
        org.save(update_fields=["name", "name_kana", "prefecture", "municipality", "updated_at"])
        profile, _created = CompanyProfile.objects.get_or_create(organization=org)
        for field in COMPANY_PROFILE_FIELDS:
            value = getattr(data, field)
            setattr(profile, field, value.strip() if isinstance(value, str) else value)
        profile.save()

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


# --- Company registration ---------------------------------------------------------------------


def company_registration_problems(
    *, user, name: str, prefecture: Prefecture | None, municipality: Municipality | None
) -> dict[str | None, list[str]]:
    """Everything that stops ``user`` from registering a company with these details."""
    from allauth.account.models import EmailAddress

    errors: dict[str | None, list[str]] = {}
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        _add(errors, None, _("企業を登録する前に、メールアドレスの確認を済ませてください。"))
    if not name.strip():
        _add(errors, "name", _("企業名を入力してください。"))
    if prefecture is None or prefecture.pack_id is None:
        _add(errors, "prefecture", _("所在地は対象地域（東北7県）の都道府県から選んでください。"))
    if municipality is None:
        _add(errors, "municipality", _("所在地の市区町村を選んでください。"))
    elif prefecture is not None and municipality.prefecture_id != prefecture.pk:
        _add(errors, "municipality", _("市区町村は、選んだ都道府県のものを選んでください。"))
    return errors


def _new_company_slug() -> str:
    while True:
        slug = f"c-{secrets.token_hex(4)}"
        if not Organization.objects.filter(slug=slug).exists():
            return slug


@transaction.atomic
def company_register(
    *,
    user,
    name: str,
    name_kana: str = "",
    prefecture: Prefecture | None,
    municipality: Municipality | None,
) -> Organization:
    """A signed-up user registers their company and becomes its first admin.

    The profile starts empty; the admin fills it in on the edit page and invites colleagues.
    """
    errors = company_registration_problems(
        user=user, name=name, prefecture=prefecture, municipality=municipality
    )
    if errors:
        raise RegistrationInvalid(errors)
    organization = Organization.objects.create(
        kind=Organization.Kind.COMPANY,
        name=name.strip(),
        name_kana=name_kana.strip(),
        slug=_new_company_slug(),
        prefecture=prefecture,
        municipality=municipality,
    )
    CompanyProfile.objects.create(organization=organization)
    Membership.objects.create(user=user, organization=organization, role=Membership.Role.ADMIN)
    return organization
