"""Company self-registration: a signed-up user with a verified email registers a Tohoku company and
becomes its first admin.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch

from ..errors import RegistrationInvalid
from ..models import CompanyProfile, Membership, Organization
from .profiles import add_problem, corporate_number_problem
from .verification import company_verification_check


def company_registration_problems(
    *,
    user,
    name: str,
    prefecture: Prefecture | None,
    municipality: Municipality | None,
    corporate_number: str = "",
) -> dict[str | None, list[str]]:
    """Everything that stops ``user`` from registering a company with these details."""
    from allauth.account.models import EmailAddress

    errors: dict[str | None, list[str]] = {}
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        add_problem(errors, None, _("企業を登録する前に、メールアドレスの確認を済ませてください。"))
    if not name.strip():
        add_problem(errors, "name", _("企業名を入力してください。"))
    if prefecture is None or prefecture.pack_id is None:
        add_problem(errors, "prefecture", _("所在地は対象地域（東北7県）の都道府県から選んでください。"))
    if municipality is None:
        add_problem(errors, "municipality", _("所在地の市区町村を選んでください。"))
    elif mismatch := municipality_mismatch(municipality, prefecture):
        add_problem(errors, "municipality", mismatch)
    if problem := corporate_number_problem(corporate_number):
        add_problem(errors, "corporate_number", problem)
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
    corporate_number: str = "",
) -> Organization:
    """A signed-up user registers their company and becomes its first admin.

    The profile starts empty but for the 法人番号, if given; the admin fills it in on the edit page
    and invites colleagues. The company is compared with the published 法人番号 data at once: a
    match marks it verified, anything else leaves it unverified with a note (never refused).
    """
    corporate_number = corporate_number.strip()
    errors = company_registration_problems(
        user=user,
        name=name,
        prefecture=prefecture,
        municipality=municipality,
        corporate_number=corporate_number,
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
    CompanyProfile.objects.create(organization=organization, corporate_number=corporate_number)
    Membership.objects.create(user=user, organization=organization, role=Membership.Role.ADMIN)
    return company_verification_check(organization=organization)
