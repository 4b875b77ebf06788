"""The whole fictional marketplace, in order: the secretariat, coordinator bodies, companies,
talents, spec sheets, engagements and draft events, then the command's table of sample log-ins.

The demo's notifications stay in the app: they are marked as emailed (one statement), so the mails
queued with them send nothing and nobody gets demo mail.
"""

from __future__ import annotations

from duallife.notifications.models import Notification
from duallife.postings.selectors import review_queue

from ..plan import DEMO_ADMIN_EMAIL, DEMO_ADMIN_USERNAME, DEMO_EMAIL_DOMAIN
from . import organizations, sheets, talents
from .drafts import DemoDrafts
from .engagements import DemoEngagements
from .subsidies import DemoSupport
from .world import DemoRun


def marketplace(run: DemoRun) -> None:
    operator = organizations.secretariat(run)
    coordinators = organizations.coordinators(run, operator)
    companies = organizations.companies(run)
    organizations.verifications(run, companies, coordinators, operator)
    people = talents.talents(run)
    sheets.sheets(run, companies, coordinators, operator)
    DemoEngagements(run, companies, coordinators, people).build()
    DemoDrafts(run, coordinators=coordinators, companies=companies, talents=people).build()
    DemoSupport(run, coordinators, operator).build()
    Notification.objects.filter(
        user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}", emailed_at__isnull=True
    ).update(emailed_at=run.now)
    run.report.sample_logins = _sample_logins(operator, coordinators, companies, people)


def _sample_logins(operator, coordinators, companies, people) -> list[tuple[str, str, str]]:
    logins = [("事務局（運営）", operator.email, "全地域の審査・自治体と支援機関の登録")]
    if coordinators:
        _spec, body, user = coordinators[0]
        logins.append(
            ("自治体・支援機関", user.email, f"{body.name}・審査待ち {review_queue(user).count()}件")
        )
    if companies:
        _plan, company, user = companies[0]
        logins.append(("企業の管理者", user.email, f"{company.name}・仕様書 {company.spec_sheets.count()}件"))
    if people:
        talent = people[0]
        talent.refresh_from_db()
        logins.append(("人材", talent.email, talent.talent.display_name))
    logins.append(("管理画面", DEMO_ADMIN_EMAIL, f"ユーザー名 {DEMO_ADMIN_USERNAME}"))
    return logins
