"""Read-only JSON of organisations' public profiles, mounted at ``/api/v1/organizations/``: only what
the public pages show — no memberships, no personal data."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from duallife.core.api import ErrorOut
from duallife.core.audience import PUBLIC, audience
from duallife.postings.models import SpecSheet
from duallife.regions.api import PlaceOut
from duallife.vocabulary.api import IndustryOut

from .links import organization_url
from .selectors import public_organizations

router = Router()


class PrefectureRefOut(Schema):
    code: str
    name: str


class CompanyProfileOut(Schema):
    corporate_number: str
    industry: IndustryOut | None
    size: str
    founded_year: int | None
    website: str
    summary: str
    vision: str
    strategy: str
    region_meaning: str
    appeal: str
    top_message: str
    top_name: str
    top_title: str


class CoordinatorProfileOut(Schema):
    body_type: str
    contact_email: str
    contact_phone: str
    contact_url: str
    address: str
    region_vision: str
    talent_needed: str


class VerificationOut(Schema):
    method: str = Field(description="registry（国税庁の公表データと一致）または manual（担当者が確認）")
    verified_at: str = Field(description="確認した日時（ISO 8601）")


class OrganizationOut(Schema):
    slug: str
    name: str
    name_kana: str
    kind: str = Field(description="company（企業）または coordinator（自治体・支援機関）")
    prefecture: PrefectureRefOut
    municipality: PlaceOut | None
    url: str | None = Field(description="公開ページのパス（まだない場合は null）")
    company: CompanyProfileOut | None
    coordinator: CoordinatorProfileOut | None
    published_sheets: int = Field(description="公開中の仕様書の件数")
    verification: VerificationOut | None = Field(
        description="確認済みの企業のみ: 確認の方法と日時（確認済みでなければ null）"
    )


def _related(obj, name: str):
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None


def _company(profile) -> dict | None:
    if profile is None:
        return None
    industry = profile.industry
    return {
        "corporate_number": profile.corporate_number,
        "industry": {"code": industry.code, "name": industry.name, "name_en": industry.name_en}
        if industry
        else None,
        "size": profile.size,
        "founded_year": profile.founded_year,
        "website": profile.website,
        "summary": profile.summary,
        "vision": profile.vision,
        "strategy": profile.strategy,
        "region_meaning": profile.region_meaning,
        "appeal": profile.appeal,
        "top_message": profile.top_message,
        "top_name": profile.top_name,
        "top_title": profile.top_title,
    }


def _coordinator(profile) -> dict | None:
    if profile is None:
        return None
    return {
        "body_type": profile.body_type,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "contact_url": profile.contact_url,
        "address": profile.address,
        "region_vision": profile.region_vision,
        "talent_needed": profile.talent_needed,
    }


@router.get(
    "/{slug}",
    response={200: OrganizationOut, 400: ErrorOut, 404: ErrorOut},
    summary="企業・自治体・支援機関の公開プロフィール",
    operation_id="organizations_detail",
)
@audience(PUBLIC)
def organization_detail(request: HttpRequest, slug: str = Path(..., max_length=80)):
    organization = public_organizations().filter(slug=slug).first()
    if organization is None:
        return Status(404, {"detail": _("企業・団体が見つかりません。"), "errors": []})
    place = organization.municipality
    return Status(
        200,
        {
            "slug": organization.slug,
            "name": organization.name,
            "name_kana": organization.name_kana,
            "kind": organization.kind,
            "prefecture": {"code": organization.prefecture.code, "name": organization.prefecture.name},
            "municipality": (
                {
                    "code": place.code,
                    "name": place.name,
                    "prefecture_code": organization.prefecture.code,
                    "prefecture": organization.prefecture.name,
                }
                if place
                else None
            ),
            "url": organization_url(organization, language=settings.LANGUAGE_CODE),
            "company": _company(_related(organization, "company"))
            if organization.kind == organization.Kind.COMPANY
            else None,
            "coordinator": _coordinator(_related(organization, "coordinator"))
            if organization.kind == organization.Kind.COORDINATOR
            else None,
            "published_sheets": SpecSheet.objects.filter(
                organization=organization, status=SpecSheet.Status.PUBLISHED
            ).count(),
            "verification": {
                "method": organization.verification_method,
                "verified_at": organization.verified_at.isoformat(),
            }
            if organization.verified_at is not None
            else None,
        },
    )
