"""Coordinator bodies and their scopes: an operator creates a body (with its first admin) and grants
it prefectures or municipalities. Written with the accounts app; the pages live in
:mod:`duallife.accounts.views`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch

from .. import permissions
from ..errors import CoordinatorSetupError, InvitationError
from ..models import CoordinatorProfile, CoordinatorScope, Membership, Organization
from .invitations import invitation_create


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
    if mismatch := municipality_mismatch(municipality, prefecture):
        raise CoordinatorSetupError("municipality_mismatch", mismatch, field="municipality")
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
    if mismatch := municipality_mismatch(municipality, prefecture):
        raise CoordinatorSetupError("municipality_mismatch", mismatch, field="municipality")
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
