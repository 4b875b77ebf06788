"""Companies, coordinator bodies, the secretariat, memberships, and people in every role.

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
from duallife.organizations.models import (
    CompanyProfile,
    CoordinatorProfile,
    CoordinatorScope,
    Membership,
    Organization,
)
from duallife.regions.models import Municipality, Prefecture

from .accounts import give_mfa, make_user


def make_org(
    kind: str,
    slug: str,
    *,
    prefecture: str | Prefecture = "04",
    municipality: str | Municipality | None = None,
    name: str = "",
    **fields,
) -> Organization:
    """An organisation of ``kind`` without a profile; ``prefecture`` and ``municipality`` are
    codes or rows; the name defaults to ``<slug>の名前``."""
    if isinstance(prefecture, str):
        prefecture = Prefecture.objects.get(code=prefecture)
    if isinstance(municipality, str):
        municipality = Municipality.objects.get(code=municipality)
    return Organization.objects.create(
        kind=kind,
        name=name or f"{slug}の名前",
        slug=slug,
        prefecture=prefecture,
        municipality=municipality,
        **fields,
    )


def make_company(slug: str, *, prefecture_code: str = "04", municipality=None, **profile) -> Organization:
    """A company with its profile (``profile``: the CompanyProfile fields)."""
    organization = make_org(
        Organization.Kind.COMPANY,
        slug,
        prefecture=prefecture_code,
        municipality=municipality,
        name=profile.pop("name", f"{slug} 株式会社"),
        name_kana=profile.pop("name_kana", ""),
        is_active=profile.pop("is_active", True),
    )
    CompanyProfile.objects.create(organization=organization, **profile)
    return organization


def make_coordinator_body(
    slug: str, *, prefecture_code: str = "04", scope_codes=("04",), **profile
) -> Organization:
    """A coordinator body (a prefecture's desk unless ``body_type`` says otherwise) whose scope is
    the prefectures ``scope_codes``."""
    organization = make_org(
        Organization.Kind.COORDINATOR,
        slug,
        prefecture=prefecture_code,
        name=profile.pop("name", f"{slug} 支援センター"),
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
    miyagi = make_coordinator_body("miyagi-pref", name="宮城県 副業人材窓口")
    akita = make_coordinator_body(
        "akita-pref", prefecture_code="05", scope_codes=("05",), name="秋田県 副業人材窓口"
    )
    secretariat = make_org(
        Organization.Kind.SECRETARIAT, "secretariat", prefecture=company.prefecture, name="事務局"
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
