"""What every builder shares: the places and vocabulary the demo is built from (read once), the
run's clock, report and password, and the demo users.

Users and their verified addresses are written in bulk, all with one password hash: an account
has no rule of its own here (the demo's addresses are reserved for examples and verified by
construction). A user whose address someone outside the demo holds stops the run.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.vocabulary.models import IndustryGroup, Skill, Theme

from ..content import DemoContent, demo_content
from ..errors import DemoDataError
from ..plan import DEMO_EMAIL_DOMAIN, DEMO_USERNAME_PREFIX, Account, DemoSize
from ..report import DemoReport


class World:
    """Places of the pack and the vocabulary, read once, and the demo's texts."""

    def __init__(self, content: DemoContent | None = None) -> None:
        self.content = content or demo_content()
        self.prefectures = {p.code: p for p in Prefecture.objects.order_by("code")}
        pack = list(
            Municipality.objects.filter(role=Municipality.Role.PACK)
            .select_related("prefecture")
            .order_by("code")
        )
        self.towns = {(m.prefecture.code, m.name): m for m in pack}
        self.towns_by_prefecture: dict[str, list[Municipality]] = {}
        for municipality in pack:
            self.towns_by_prefecture.setdefault(municipality.prefecture.code, []).append(municipality)
        self.capitals = {m.prefecture.code: m for m in pack if m.is_capital}
        self.pack_codes = [
            code for code in sorted(self.towns_by_prefecture) if self.prefectures[code].pack_id is not None
        ]
        self.other_codes = [code for code in self.prefectures if code not in self.pack_codes]
        self.skills = {s.key: s for s in Skill.objects.order_by("position", "key")}
        self.themes = {t.key: t for t in Theme.objects.order_by("position", "key")}
        self.industries = {i.code: i for i in IndustryGroup.objects.order_by("code")}
        #: Towns with a municipal coordinator body (companies settle there more often).
        self.featured_towns: dict[str, tuple[str, ...]] = {}
        for spec in self.content.coordinators.coordinator:
            for code, town in spec.scopes:
                if town:
                    self.featured_towns[code] = (*self.featured_towns.get(code, ()), town)

    def town(self, prefecture_code: str, name: str | None) -> Municipality:
        return self.towns.get((prefecture_code, name or "")) or self.capitals[prefecture_code]

    def skill_text(self, key: str, rng: random.Random) -> str:
        """A skill as a person might type it: mostly its name, sometimes a synonym (表記ゆれ)."""
        skill = self.skills[key]
        synonyms = [s for s in skill.synonyms.split("|") if s.strip()]
        roll = rng.random()
        return rng.choice(synonyms) if synonyms and roll < 0.15 else skill.name


@dataclass
class DemoRun:
    """One run of the demo: what it builds from, what it has made so far, and its clock."""

    report: DemoReport
    size: DemoSize
    password: str
    world: World = field(default_factory=World)
    now: datetime.datetime = field(default_factory=timezone.now)

    def __post_init__(self) -> None:
        self.content = self.world.content
        self.today = timezone.localdate(self.now)
        self.password_hash = make_password(self.password)  # once: hashing costs a third of a second

    def users(self, accounts: list[Account]) -> dict[str, Any]:
        """The demo users for ``accounts`` by email, created (verified, demo password) when missing."""
        from allauth.account.models import EmailAddress

        user_model = get_user_model()
        by_username = {
            user.username: user
            for user in user_model.objects.filter(username__startswith=DEMO_USERNAME_PREFIX)
        }
        taken = {
            email.lower()
            for email in user_model.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").values_list(
                "email", flat=True
            )
        }
        users: dict[str, Any] = {}
        new = []
        for account in accounts:
            user = by_username.get(account.username)
            if user is not None:
                users[account.email] = user
            elif account.email in taken:
                raise DemoDataError(f"{account.email} は、デモ以外のユーザーがすでに使っています。")
            else:
                new.append(
                    user_model(username=account.username, email=account.email, password=self.password_hash)
                )
        created = user_model.objects.bulk_create(new, batch_size=500)
        EmailAddress.objects.bulk_create(
            (EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in created),
            batch_size=500,
        )
        users.update({user.email: user for user in created})
        self.report.users_created += len(created)
        return users


def profiles_of(users) -> list[TalentProfile]:
    """The talent profiles of ``users``, in their order (a user without one is left out)."""
    profiles = {p.user_id: p for p in TalentProfile.objects.filter(user__in=users).select_related("user")}
    return [profiles[user.pk] for user in users if user.pk in profiles]
