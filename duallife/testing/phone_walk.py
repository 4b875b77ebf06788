"""The phone walk's table: one page of each page template, as the person who uses it.

``e2e/test_phone_walk.py`` opens them at 390 × 844; a test in ``duallife/core/tests/`` fails when a
page template is neither walked nor listed in ``NOT_WALKED`` with a reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from allauth.mfa.totp.internal.auth import TOTP

from duallife.content.models import Inquiry
from duallife.organizations.models import Membership, Organization
from duallife.subsidies.models import Claim

from .accounts import make_user
from .browser import COMPANY_ADMIN, DEMO_ADMIN_PASSWORD, TALENT
from .organizations import make_company

TEMPLATES = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}


#: Staff the walk signs in as: made for it on the browser tests' site (``create_walk_staff``, a
#: step of its set-up), with an authenticator app whose secret the walk knows, so that it opens
#: staff pages with personal data whatever the other browser tests did to the demo's staff.
WALK_OPERATOR = "walk-operator@example.jp"
WALK_COORDINATOR = "walk-coordinator@example.jp"
WALK_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
#: A company of the walk's own (a company joins each draft event once: the browser tests that
#: join one with the demo's company leave it nothing to join).
WALK_COMPANY = "walk-company@example.jp"
#: A member of the company that made the demo's first travel-support claim (the payee's pages).
WALK_CLAIMANT = "walk-claimant@example.jp"
CLAIM = r"^/support/claims/\d+/$"


@dataclass(frozen=True)
class Visit:
    template: str
    who: str | None  # None: a visitor
    path: str
    #: Links to follow from ``path``, one pattern per step: the first link (in the main content)
    #: of each step whose page has a link for the next step.
    follow: tuple[str, ...] = ()
    #: A list: its first result (not a filter's field) must be on the first screen.
    results: bool = False

    def __str__(self) -> str:
        return self.template


def _v(template: str, who: str | None, path: str, *follow: str) -> Visit:
    return Visit(template, who, path, follow)


def _list(template: str, who: str | None, path: str) -> Visit:
    return Visit(template, who, path, results=True)


EVENT = r"^/drafts/\d+/$"
WALK = [
    # Visitors
    _v("site/home.html", None, "/"),
    _list("postings/list.html", None, "/sheets/"),
    _v("postings/detail.html", None, "/sheets/", r"^/sheets/\d+/$"),
    _v("regions/overview.html", None, "/regions/"),
    _v("regions/prefecture.html", None, "/regions/04/"),
    _v("regions/municipality.html", None, "/regions/m/041009/"),
    _v("simulator/index.html", None, "/simulator/?destination=041009&trips_per_month=2"),
    _list("drafts/events/list.html", None, "/drafts/"),
    _v("drafts/events/detail.html", None, "/drafts/", EVENT),
    _v("drafts/results/results.html", None, "/drafts/", EVENT, r"^/drafts/\d+/results/$"),
    _v("drafts/events/team.html", None, "/drafts/", EVENT, r"^/drafts/\d+/teams/\d+/$"),
    _list("organizations/directory.html", None, "/organizations/"),
    _v("organizations/company_detail.html", None, "/organizations/", r"^/organizations/c-[\w-]+/$"),
    _v("organizations/coordinator_detail.html", None, "/organizations/demo-coord-miyagi/"),
    _v("content/page.html", None, "/terms/"),
    _v("content/history.html", None, "/pages/terms/history/"),
    _v("content/contact.html", None, "/contact/"),
    _v("account/login.html", None, "/accounts/login/"),
    _v("account/signup.html", None, "/accounts/signup/"),
    _v("account/verification_sent.html", None, "/accounts/confirm-email/"),
    _v("account/password_reset.html", None, "/accounts/password/reset/"),
    _v("account/password_reset_done.html", None, "/accounts/password/reset/done/"),
    _v("account/password_reset_from_key.html", None, "/accounts/password/reset/key/1-set-password/"),
    _v("account/password_reset_from_key_done.html", None, "/accounts/password/reset/key/done/"),
    _v("404.html", None, "/no-such-page/"),
    # A talent
    _v("site/dashboard.html", TALENT, "/"),
    _v("accounts/me.html", TALENT, "/accounts/me/"),
    _v("accounts/delete.html", TALENT, "/accounts/me/delete/"),
    _v("talents/me.html", TALENT, "/talents/me/"),
    _v("talents/edit.html", TALENT, "/talents/me/edit/"),
    _v("organizations/forbidden.html", TALENT, "/talents/"),
    _list("recommendations/mine.html", TALENT, "/recommendations/"),
    _v("recommendations/saved_searches/list.html", TALENT, "/saved-searches/"),
    _list("engagements/applications/mine.html", TALENT, "/applications/"),
    _v("engagements/applications/detail.html", TALENT, "/applications/", r"^/applications/\d+/$"),
    _v(
        "engagements/applications/apply.html",
        TALENT,
        "/recommendations/",
        r"^/sheets/\d+/$",
        r"^/sheets/\d+/apply/$",
    ),
    _v("engagements/scouts/inbox.html", TALENT, "/scouts/"),
    _v("engagements/scouts/detail.html", TALENT, "/scouts/", r"^/scouts/\d+/$"),
    _v("engagements/interests/list.html", TALENT, "/interests/"),
    _v("engagements/consent/provisions.html", TALENT, "/my-data/provisions/"),
    _list("notifications/list.html", TALENT, "/notifications/"),
    _v("notifications/settings.html", TALENT, "/notifications/settings/"),
    _v("mfa/index.html", TALENT, "/accounts/2fa/"),
    _v("account/logout.html", TALENT, "/accounts/logout/"),
    _v("drafts/events/entry_edit.html", TALENT, "/drafts/", EVENT, r"^/drafts/\d+/entry/$"),
    _v("drafts/choices/player.html", TALENT, "/drafts/", EVENT, r"^/drafts/\d+/my-list/$"),
    _v("drafts/messages/list.html", TALENT, "/drafts/", EVENT, r"^/drafts/\d+/messages/$"),
    _v("drafts/nominations/list.html", TALENT, "/drafts/", EVENT, r"^/drafts/\d+/nominations/$"),
    _v(
        "drafts/nominations/detail.html",
        TALENT,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/nominations/$",
        r"^/drafts/nominations/\d+/$",
    ),
    _v("postings/invitations.html", TALENT, "/sheets/invitations/"),
    _v("drafts/camps/detail.html", TALENT, "/drafts/", EVENT, r"^/drafts/\d+/camps/\d+/$"),
    # A company
    _list("postings/dashboard.html", COMPANY_ADMIN, "/sheets/mine/"),
    _v("postings/form.html", COMPANY_ADMIN, "/sheets/new/"),
    _v("postings/versions.html", COMPANY_ADMIN, "/sheets/mine/", r"^/sheets/\d+/versions/$"),
    _v("postings/cowrite.html", COMPANY_ADMIN, "/sheets/mine/", r"^/sheets/\d+/cowrite/$"),
    _v("engagements/closing/close.html", COMPANY_ADMIN, "/sheets/mine/", r"^/sheets/\d+/close/$"),
    _v("recommendations/matches.html", COMPANY_ADMIN, "/sheets/mine/", r"^/sheets/\d+/matches/$"),
    _list("engagements/applications/pipeline.html", COMPANY_ADMIN, "/applications/pipeline/"),
    _v("engagements/scouts/sent.html", COMPANY_ADMIN, "/scouts/sent/"),
    _v("engagements/scouts/new.html", COMPANY_ADMIN, "/talents/", r"^/talents/\d+/$", r"^/scouts/new/"),
    _list("talents/search.html", COMPANY_ADMIN, "/talents/"),
    _v("talents/detail.html", COMPANY_ADMIN, "/talents/", r"^/talents/\d+/$"),
    _v("organizations/edit.html", COMPANY_ADMIN, "/accounts/me/", r"^/organizations/[\w-]+/edit/$"),
    _v("organizations/register.html", COMPANY_ADMIN, "/organizations/new/"),
    _v(
        "accounts/organization_invite.html",
        COMPANY_ADMIN,
        "/accounts/me/",
        r"^/accounts/organizations/[\w-]+/invite/$",
    ),
    _v("drafts/events/join.html", WALK_COMPANY, "/drafts/", EVENT, r"^/drafts/\d+/join/$"),
    _v("drafts/events/team_edit.html", COMPANY_ADMIN, "/drafts/", EVENT, r"^/drafts/\d+/teams/\d+/edit/$"),
    _v("drafts/choices/team.html", COMPANY_ADMIN, "/drafts/", EVENT, r"^/drafts/\d+/teams/\d+/list/$"),
    _v("drafts/events/players.html", COMPANY_ADMIN, "/drafts/", EVENT, r"^/drafts/\d+/players/$"),
    _v(
        "drafts/messages/thread.html",
        COMPANY_ADMIN,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/messages/$",
        r"^/drafts/\d+/messages/\d+/\d+/$",
    ),
    # A coordinator, with two-factor authentication
    _list("postings/review_queue.html", WALK_COORDINATOR, "/sheets/review/"),
    _v("accounts/verifications.html", WALK_COORDINATOR, "/accounts/verifications/"),
    _v(
        "accounts/verification.html",
        WALK_COORDINATOR,
        "/accounts/verifications/?state=all",
        r"^/accounts/verifications/\d+/$",
    ),
    _v("postings/review.html", WALK_COORDINATOR, "/sheets/review/", r"^/sheets/review/\d+/$"),
    _v("engagements/contracts/followups.html", WALK_COORDINATOR, "/followups/"),
    _v("engagements/referrals/list.html", WALK_COORDINATOR, "/referrals/"),
    _v("engagements/referrals/new.html", WALK_COORDINATOR, "/referrals/new/"),
    _v("drafts/events/create.html", WALK_COORDINATOR, "/drafts/new/"),
    _v("drafts/manage/event_edit.html", WALK_COORDINATOR, "/drafts/", EVENT, r"^/drafts/\d+/edit/$"),
    _v("drafts/camps/create.html", WALK_COORDINATOR, "/drafts/", EVENT, r"^/drafts/\d+/camps/new/$"),
    _v(
        "drafts/manage/camp_edit.html",
        WALK_COORDINATOR,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/camps/\d+/$",
        r"^/drafts/\d+/camps/\d+/edit/$",
    ),
    _v(
        "drafts/manage/camp_delete.html",
        WALK_COORDINATOR,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/camps/\d+/$",
        r"^/drafts/\d+/camps/\d+/delete/$",
    ),
    _v(
        "drafts/camps/attendance.html",
        WALK_COORDINATOR,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/camps/\d+/$",
        r"^/drafts/\d+/camps/\d+/attendance/$",
    ),
    _v("drafts/runs/list.html", WALK_COORDINATOR, "/drafts/", EVENT, r"^/drafts/\d+/runs/$"),
    _v(
        "drafts/runs/detail.html",
        WALK_COORDINATOR,
        "/drafts/",
        EVENT,
        r"^/drafts/\d+/runs/$",
        r"^/drafts/\d+/runs/\d+/$",
    ),
    # Travel-cost support: the public programs, a claimant's claims, the secretariat's review
    _list("subsidies/program_list.html", None, "/support/"),
    _v("subsidies/program_detail.html", None, "/support/", r"^/support/programs/\d+/$"),
    _list("subsidies/claim_list.html", WALK_CLAIMANT, "/support/claims/"),
    _v("subsidies/claim_detail.html", WALK_CLAIMANT, "/support/claims/", CLAIM),
    _v(
        "subsidies/claim_start.html",
        WALK_CLAIMANT,
        "/support/",
        r"^/support/programs/\d+/$",
        r"^/support/programs/\d+/claims/new/$",
    ),
    _v("subsidies/manage.html", WALK_OPERATOR, "/support/manage/"),
    _v(
        "subsidies/program_claims.html",
        WALK_OPERATOR,
        "/support/manage/",
        r"^/support/manage/programs/\d+/claims/$",
    ),
    _v(
        "subsidies/program_edit.html",
        WALK_OPERATOR,
        "/support/manage/",
        r"^/support/manage/programs/\d+/edit/$",
    ),
    # An operator, with two-factor authentication
    _v("content/editor_list.html", WALK_OPERATOR, "/pages/"),
    _v("content/edit.html", WALK_OPERATOR, "/pages/terms/edit/"),
    _v("content/inquiries.html", WALK_OPERATOR, "/contact/inquiries/?status=new"),
    _v("content/inquiry.html", WALK_OPERATOR, "/contact/inquiries/?status=new", r"^/contact/inquiries/\d+/$"),
    _v("accounts/operator_bodies.html", WALK_OPERATOR, "/accounts/operator/coordinator-bodies/"),
    _v(
        "accounts/operator_body.html",
        WALK_OPERATOR,
        "/accounts/operator/coordinator-bodies/",
        r"^/accounts/operator/coordinator-bodies/[\w-]+/$",
    ),
]

#: Page templates the walk does not open, and why.
NOT_WALKED = {
    "base.html": "the layout every page extends",
    "400.html": "a malformed request: test_pages_axe opens it at phone width",
    "403.html": "the same layout as 404.html, shown with a reason on refused actions",
    "403_csrf.html": "only after a forged or expired form",
    "429.html": "only when a rate limit is hit",
    "500.html": "a static page for server errors",
    "account/account_inactive.html": "only for a deactivated account",
    "account/lockout.html": "only after ten wrong passwords",
    "accounts/invitation_accept.html": "opened from an invitation email's signed link",
    "content/contact_sent.html": "only after sending the contact form",
    "content/terms_agree.html": "only after the terms change (the content tests check it)",
    "notifications/unsubscribe.html": "opened from an email's signed link",
    "notifications/unsubscribe_done.html": "only after unsubscribing",
    "notifications/unsubscribe_invalid.html": "a broken unsubscribe link",
    "recommendations/saved_searches/create.html": "only when saving a search fails",
    "drafts/manage/withdraw.html": "past the demo entry deadline (test_players_pages)",
    "drafts/events/enter.html": "other browser tests enter the demo talent first (test_drafts opens it)",
    "engagements/contracts/checkin.html": "no contract in the small demo: test_contracts_axe opens it",
    "drafts/nominations/confirm.html": "only after pressing an answer (a POST): test_drafts opens it",
}


def page_templates() -> set[str]:
    """Every template a page renders (not partials ``_*.html``, email bodies, form widgets or
    allauth's building blocks), named as Django loads them."""
    names = set()
    for path in TEMPLATES.glob("**/templates/**/*.html"):
        parts = path.parts
        name = "/".join(parts[parts.index("templates") + 1 :])
        if (
            path.name.startswith("_")
            or "/email" in name
            or name.startswith(("forms/", "includes/", "allauth/", "core/"))
        ):
            continue
        if "mail" in path.stem or name.startswith("django/"):
            continue
        names.add(name)
    return names


def create_walk_staff() -> None:
    """The walk's operator (in the secretariat) and coordinator (in the first coordinator body
    covering 宮城県), with the demo's password and an authenticator app; a company of its own
    with its admin (for the page where a company joins a draft event); a member of the company
    of the first travel-support claim; and an inquiry for the secretariat's queue."""
    bodies = {
        WALK_OPERATOR: Organization.objects.filter(kind=Organization.Kind.SECRETARIAT).order_by("pk").first(),
        WALK_COORDINATOR: Organization.objects.filter(
            kind=Organization.Kind.COORDINATOR, scopes__prefecture__code="04"
        )
        .order_by("pk")
        .first(),
    }
    for email, body in bodies.items():
        user = make_user(email, signed_up=True, password=DEMO_ADMIN_PASSWORD)
        Membership.objects.create(user=user, organization=body, role=Membership.Role.ADMIN)
        TOTP.activate(user, WALK_TOTP_SECRET)
    claimant = Claim.objects.order_by("pk").first()
    if claimant is not None:
        user = make_user(WALK_CLAIMANT, signed_up=True, password=DEMO_ADMIN_PASSWORD)
        Membership.objects.create(user=user, organization=claimant.company, role=Membership.Role.MEMBER)
    company = make_company("walk-company", name="歩行テスト株式会社")
    company_admin = make_user(WALK_COMPANY, signed_up=True, password=DEMO_ADMIN_PASSWORD)
    Membership.objects.create(user=company_admin, organization=company, role=Membership.Role.ADMIN)
    Inquiry.objects.create(
        name="デモ 問い合わせ",
        email="asking@example.jp",
        topic=Inquiry.Topic.OTHER,
        body="掲載の流れを教えてください。",
    )
