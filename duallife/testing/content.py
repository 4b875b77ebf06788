"""Builders for the pages and inquiries tests: the service's texts loaded, an operator (a member
of the secretariat, with MFA), a company member, a person who agreed to the terms in force."""

from __future__ import annotations

from duallife.accounts.models import User
from duallife.content.models import PageVersion
from duallife.content.selectors import terms_in_force
from duallife.content.services import content_files_load, page_draft_save, page_draft_start, page_publish
from duallife.organizations.models import Membership, Organization

from .accounts import give_mfa, make_user
from .organizations import join, make_company, make_org


def pages_loaded() -> PageVersion:
    """Every page of ``data/content/`` published as version 1; returns the terms."""
    content_files_load()
    return terms_in_force()


def make_operator(name: str = "operator", *, mfa: bool = True) -> User:
    secretariat = Organization.objects.filter(kind=Organization.Kind.SECRETARIAT).first() or make_org(
        Organization.Kind.SECRETARIAT, "secretariat"
    )
    user = make_user(name)
    join(user, secretariat, Membership.Role.ADMIN)
    if mfa:
        give_mfa(user)
    return user


def make_company_member(name: str = "company-member") -> User:
    user = make_user(name)
    join(user, make_company(f"{name}-co"), Membership.Role.ADMIN)
    return user


def new_terms(by: User, *, body_ja: str = "第2版の本文です。", note: str = "連絡先を変更") -> PageVersion:
    """A new version of the terms, written and published by the operator ``by``."""
    page = terms_in_force().page
    draft = page_draft_start(page=page, by=by)
    page_draft_save(version=draft, by=by, body_ja=body_ja, body_en="The second version.", change_note=note)
    return page_publish(version=draft, by=by)
