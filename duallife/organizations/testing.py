"""Helpers for tests that need people in every role (used by the organisations and talents tests).

``make_cast()`` returns users keyed by role: ``talent``, ``member`` and ``admin`` of the Miyagi
company ``sendai-co``, ``other`` (a member of another company), ``coordinator`` (scope: Miyagi),
``far_coordinator`` (scope: Akita), ``operator``; staff roles have MFA set up. Needs the region
pack loaded (the ``region_pack`` fixture).
"""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from duallife.accounts.models import User
from duallife.regions.models import Prefecture

from .models import CompanyProfile, CoordinatorProfile, CoordinatorScope, Membership, Organization


def make_user(name: str, **extra) -> User:
    # no password: tests log in with force_login, and hashing one costs a third of a second
    return User.objects.create_user(username=name, email=f"{name}@example.jp", password=None, **extra)


def give_mfa(user: User) -> None:
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})


def make_company(slug: str, *, prefecture_code: str = "04", municipality=None, **profile) -> Organization:
    organization = Organization.objects.create(
        kind=Organization.Kind.COMPANY,
        name=profile.pop("name", f"{slug} 株式会社"),
        name_kana=profile.pop("name_kana", ""),
        slug=slug,
        prefecture=Prefecture.objects.get(code=prefecture_code),
        municipality=municipality,
        is_active=profile.pop("is_active", True),
    )
    CompanyProfile.objects.create(organization=organization, **profile)
    return organization


def make_coordinator(
    slug: str, *, prefecture_code: str = "04", scope_codes=("04",), **profile
) -> Organization:
    organization = Organization.objects.create(
        kind=Organization.Kind.COORDINATOR,
        name=profile.pop("name", f"{slug} 支援センター"),
        slug=slug,
        prefecture=Prefecture.objects.get(code=prefecture_code),
        is_active=profile.pop("is_active", True),
    )
    profile.setdefault("body_type", CoordinatorProfile.BodyType.PREFECTURE)
    CoordinatorProfile.objects.create(organization=organization, **profile)
    for code in scope_codes:
        CoordinatorScope.objects.create(
            organization=organization, prefecture=Prefecture.objects.get(code=code)
        )
    return organization


def join(user: User, organization: Organization, role: str = Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(user=user, organization=organization, role=role)


def make_cast() -> dict[str, User]:
    company = make_company("sendai-co", name="仙台テスト株式会社")
    other_company = make_company("akita-co", prefecture_code="05", name="秋田テスト株式会社")
    miyagi = make_coordinator("miyagi-pref", name="宮城県 副業人材窓口")
    akita = make_coordinator(
        "akita-pref", prefecture_code="05", scope_codes=("05",), name="秋田県 副業人材窓口"
    )
    secretariat = Organization.objects.create(
        kind=Organization.Kind.SECRETARIAT, name="事務局", slug="secretariat", prefecture=company.prefecture
    )
    cast = {
        name: make_user(name)
        for name in ("talent", "member", "admin", "other", "coordinator", "far_coordinator", "operator")
    }
    join(cast["member"], company)
    join(cast["admin"], company, Membership.Role.ADMIN)
    join(cast["other"], other_company)
    join(cast["coordinator"], miyagi)
    join(cast["far_coordinator"], akita)
    join(cast["operator"], secretariat)
    for name in ("coordinator", "far_coordinator", "operator"):
        give_mfa(cast[name])
    return cast


def image_upload(
    name: str = "photo.jpg", *, image_format: str = "JPEG", size=(64, 48), exif: bytes | None = None
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 80, 40))
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, image_format, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}[
        image_format
    ]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
