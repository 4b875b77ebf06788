"""The secretariat, the coordinator bodies and the companies of the demo.

Through the organisations' services (they hold the rules): ``coordinator_body_create``,
``scope_grant`` and ``coordinator_profile_update`` for a coordinator body; ``company_register``
(the registering user must have a verified address; the company's first admin) and
``company_profile_update`` for a company. Written directly: the secretariat (no service creates
one: it exists once per site) and the demo staff's memberships of the secretariat and of their
coordinator bodies (a membership has no rule of its own). The demo companies have no 法人番号 (they
are fictional), so most are confirmed by hand through ``company_verification_confirm`` by the
coordinator whose area covers them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duallife.organizations.models import CoordinatorScope, Membership, Organization, VerificationEvent
from duallife.organizations.permissions import can_verify_company
from duallife.organizations.services.coordinators import coordinator_body_create, scope_grant
from duallife.organizations.services.profiles import (
    CompanyProfileData,
    CoordinatorProfileData,
    company_profile_update,
    coordinator_profile_update,
)
from duallife.organizations.services.registration import company_register
from duallife.organizations.services.verification import company_verification_confirm
from duallife.regions.models import Municipality, Prefecture

from ..content import CompanyType, CoordinatorSpec
from ..plan import (
    DEMO_EMAIL_DOMAIN,
    SECRETARIAT_SLUG,
    Account,
    company_account,
    coordinator_account,
    operator_account,
    rng,
)
from .world import DemoRun, World


def secretariat(run: DemoRun):
    """The secretariat and its operator (returns the operator)."""
    account = operator_account()
    operator = run.users([account])[account.email]
    spec = run.content.coordinators.secretariat
    body = Organization.objects.filter(slug=SECRETARIAT_SLUG).first()
    if body is None:
        body = Organization.objects.create(
            kind=Organization.Kind.SECRETARIAT,
            name=spec.name + run.content.mark,
            name_kana=spec.name_kana,
            slug=SECRETARIAT_SLUG,
            prefecture=run.world.prefectures[spec.prefecture],
            municipality=run.world.capitals[spec.prefecture],
        )
    Membership.objects.get_or_create(
        user=operator, organization=body, defaults={"role": Membership.Role.ADMIN}
    )
    return operator


def coordinators(run: DemoRun, operator) -> list[tuple[CoordinatorSpec, Any, Any]]:
    """(spec, body, its admin) of each coordinator body of this size of demo."""
    world, content = run.world, run.content
    specs = content.coordinators.coordinator[: run.size.coordinators]
    users = run.users([coordinator_account(spec.key) for spec in specs])
    existing = {
        org.slug: org for org in Organization.objects.filter(slug__in=[f"demo-coord-{s.key}" for s in specs])
    }
    bodies = []
    for spec in specs:
        user = users[coordinator_account(spec.key).email]
        slug = f"demo-coord-{spec.key}"
        contact_email = f"madoguchi-{spec.key}@{DEMO_EMAIL_DOMAIN}"
        contact_url = f"https://{spec.key}.{DEMO_EMAIL_DOMAIN}/"
        body = existing.get(slug)
        created = body is None
        if created:
            body = coordinator_body_create(
                by=operator,
                name=spec.name + content.mark,
                slug=slug,
                prefecture=world.prefectures[spec.prefecture],
                body_type=spec.body_type,
                municipality=world.towns.get((spec.prefecture, spec.town or "")),
                name_kana=spec.name_kana,
                contact_email=contact_email,
                contact_url=contact_url,
            )
        granted = set(
            CoordinatorScope.objects.filter(organization=body).values_list(
                "prefecture__code", "municipality__name"
            )
        )
        for code, town in spec.scopes:
            if (code, town) not in granted:
                scope_grant(
                    organization=body,
                    prefecture=world.prefectures[code],
                    municipality=world.towns[(code, town)] if town else None,
                    by=operator,
                )
        Membership.objects.get_or_create(
            user=user, organization=body, defaults={"role": Membership.Role.ADMIN}
        )
        if created:
            coordinator_profile_update(
                organization=body,
                by=user,
                data=CoordinatorProfileData(
                    name_kana=spec.name_kana,
                    contact_email=contact_email,
                    contact_url=contact_url,
                    address=spec.address,
                    region_vision=f"{spec.region_vision}\n{content.notes.region}",
                    talent_needed=spec.talent_needed,
                ),
            )
        run.report.count("coordinators", created=created)
        bodies.append((spec, body, user))
    return bodies


@dataclass(frozen=True)
class CompanyPlan:
    index: int
    account: Account
    kind: CompanyType
    name: str
    name_kana: str
    short: str
    form: str
    prefecture: Prefecture
    town: Municipality
    founded: int
    size: str
    top_name: str

    @property
    def words(self) -> dict[str, str]:
        return {
            "place": self.town.name,
            "pref": self.prefecture.name,
            "short": self.short,
            "business": self.kind.business,
            "product": self.kind.product,
            "buyers": self.kind.buyers,
            "strength": self.kind.strength,
            "asset": self.kind.asset,
        }


def company_plan(world: World, index: int) -> CompanyPlan:
    """Company number ``index``: its kind, name, place and founder, drawn from its own generator."""
    content = world.content
    draw = rng("company", index)
    types = content.companies.company_type
    kind = types[index % len(types)]
    form = kind.forms[(index // len(types)) % len(kind.forms)]
    brand_words = content.companies.brand_words
    brand, brand_kana = brand_words[index % len(brand_words)]
    short = brand + kind.tail[0]
    places = content.places
    code = places.company_prefectures[index % len(places.company_prefectures)]
    roll = draw.random()
    if kind.coastal:
        town = draw.choice(places.coastal_towns[code])
    elif world.featured_towns.get(code) and roll < 0.3:
        town = draw.choice(world.featured_towns[code])
    elif roll < 0.5:
        town = world.capitals[code].name
    else:
        town = draw.choice(places.company_towns[code])
    family = draw.choice(content.people.family_names)[0]
    given = draw.choice(content.people.given_names)[0]
    return CompanyPlan(
        index=index,
        account=company_account(index),
        kind=kind,
        name=form.format(short) + content.mark,
        name_kana=brand_kana + kind.tail[1],
        short=short,
        form=form,
        prefecture=world.prefectures[code],
        town=world.town(code, town),
        founded=draw.randint(*kind.founded),
        size=draw.choice(kind.sizes),
        top_name=f"{family} {given}",
    )


def company_profile_data(world: World, plan: CompanyPlan) -> CompanyProfileData:
    companies = world.content.companies
    kind, words = plan.kind, plan.words
    return CompanyProfileData(
        name=plan.name,
        name_kana=plan.name_kana,
        prefecture=plan.prefecture,
        municipality=plan.town,
        industry=world.industries[kind.industry],
        size=plan.size,
        founded_year=plan.founded,
        website=f"https://company-{plan.index + 1:03d}.{DEMO_EMAIL_DOMAIN}/",
        summary=f"{plan.town.name}で{kind.business}を手がけています（{plan.founded}年創業）。"
        f"{world.content.notes.company}",
        vision=kind.vision.format(**words),
        strategy=kind.strategy.format(**words),
        region_meaning=kind.region_meaning.format(**words),
        appeal=kind.appeal.format(**words) + companies.shared_appeal,
        top_message=kind.top_message.format(**words) + companies.shared_closing.format(**words),
        top_name=plan.top_name,
        top_title=companies.top_title_for(plan.form),
    )


def companies(run: DemoRun) -> list[tuple[CompanyPlan, Any, Any]]:
    """(plan, company, its admin) of each company of this size of demo."""
    plans = [company_plan(run.world, index) for index in range(run.size.companies)]
    users = run.users([plan.account for plan in plans])
    existing = {
        org.name: org
        for org in Organization.objects.filter(
            kind=Organization.Kind.COMPANY, name__in=[p.name for p in plans]
        )
    }
    made = []
    for plan in plans:
        user = users[plan.account.email]
        company = existing.get(plan.name)
        created = company is None
        if created:
            company = company_register(
                user=user,
                name=plan.name,
                name_kana=plan.name_kana,
                prefecture=plan.prefecture,
                municipality=plan.town,
            )
            company = company_profile_update(
                organization=company, by=user, data=company_profile_data(run.world, plan)
            )
        run.report.count("companies", created=created)
        made.append((plan, company, user))
    return made


#: Every fifth demo company stays unverified, so the staff's list of companies to confirm has rows.
UNVERIFIED_EVERY = 5


def verifications(run: DemoRun, companies_made, coordinators_made, operator) -> None:
    """Most demo companies shown as 確認済み: confirmed by hand (they have no 法人番号) by the demo
    coordinator whose area covers them, or the operator where none does; a company verified,
    revoked or confirmed before (a rerun) is left as it is."""
    for plan, company, _user in companies_made:
        if plan.index % UNVERIFIED_EVERY == UNVERIFIED_EVERY - 1:
            continue
        staff_acted = company.verification_events.exclude(action=VerificationEvent.Action.CHECKED)
        if company.verified_at is not None or staff_acted.exists():
            continue
        staff = next(
            (user for _spec, _body, user in coordinators_made if can_verify_company(user, company)), operator
        )
        company_verification_confirm(
            organization=company, by=staff, note=run.content.notes.verification, now=run.now
        )
