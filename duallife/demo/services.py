"""Filling a fresh database with demo content: ``demo_data_create`` (the ``demo`` command).

It builds a whole fictional marketplace on top of the region pack: support programmes, the
secretariat with its operator, coordinator bodies with their scopes, companies with full profiles,
talents, spec sheets in every state, engagements and draft events (see ``builders/``; each module
says which writes go through the owning app's service and which are written directly). The texts
are data (``data/demo/*.toml``, read by :mod:`.content`); the recommendation lists are rebuilt
once at the end, on the engine's vectorised path.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from duallife.content.models import TermsConsent
from duallife.content.selectors import terms_in_force
from duallife.content.services import content_files_load
from duallife.notifications.services import notification_emails_off
from duallife.recommendations.services.recommendations import (
    recommendations_deferred,
    recommendations_rebuild_all,
)
from duallife.regions.models import Prefecture
from duallife.vocabulary.models import IndustryGroup, Skill, Theme
from duallife.vocabulary.services import VocabularyLoadError, vocabulary_load

from .builders.marketplace import marketplace
from .builders.programs import programs
from .builders.world import DemoRun
from .content import DemoContent, demo_content
from .errors import DemoDataError, RealUsersPresent, RegionPackNotLoaded
from .plan import DEMO_ADMIN_EMAIL, DEMO_ADMIN_USERNAME, DEMO_EMAIL_DOMAIN, DEMO_FULL, DEMO_SMALL
from .report import DemoReport


def demo_real_user_count() -> int:
    """Users the demo did not create: anyone whose address is outside the example domain."""
    return get_user_model().objects.exclude(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").count()


def demo_data_create(*, password: str | None = None, force: bool = False, small: bool = False) -> DemoReport:
    """Fill the database with clearly fictional demo content. Idempotent.

    Needs the default region pack loaded; loads the vocabulary when it is missing. Refuses when
    real users exist unless ``force``. ``password`` is the one password of every demo user
    created now (the admin included); a random one otherwise (``report.password``). A re-run
    creates only what is missing and never changes a password. ``small`` makes a small demo for
    tests (2 coordinator bodies, 6 companies, 30 talents, 20 sheets in every state); it is the
    first part of the full demo, so running the full demo afterwards adds the rest.
    """
    content = demo_content()  # a malformed data file stops the run before anything is written
    slug = settings.DEFAULT_REGION_PACK
    if not Prefecture.objects.filter(pack__slug=slug).exists():
        raise RegionPackNotLoaded(
            f"地域パック「{slug}」が読み込まれていません。"
            f"先に `duallife load-region-pack {slug}` を実行してください。"
        )
    real_users = demo_real_user_count()
    if real_users and not force:
        raise RealUsersPresent(
            f"デモ以外のユーザーが{real_users}人登録されています。"
            "実運用のデータベースにデモデータを入れないよう、処理を中止しました。"
            "それでも実行する場合は --force を付けてください。"
        )

    report = DemoReport(small=small)
    report.vocabulary_loaded = _demo_vocabulary(content)
    _demo_pages()
    chosen = password or secrets.token_urlsafe(12)
    with _no_query_log():
        with transaction.atomic(), recommendations_deferred(), notification_emails_off():
            _demo_admin(report, chosen)
            programs(report, content, slug)
            marketplace(DemoRun(report=report, size=DEMO_SMALL if small else DEMO_FULL, password=chosen))
            _demo_terms_agreed()
        recommendations_rebuild_all()
    if report.admin_created or report.users_created:
        report.password = chosen
    return report


@contextmanager
def _no_query_log() -> Iterator[None]:
    """Under ``DEBUG`` Django keeps every SQL statement in ``connection.queries`` and, on SQLite,
    runs a second query for each to quote its parameters for that log: a sixth of the demo's
    time, for a log nobody reads (it keeps the last 9,000 of ~50,000). Off while the demo runs;
    a test's query capture (``CaptureQueriesContext``) still sees every statement."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def _demo_pages() -> None:
    """The terms, privacy policy and help pages of ``data/content/`` when none are published yet
    (they are the service's own texts, not demo data: ``duallife load-content`` keeps them)."""
    if terms_in_force() is None:
        content_files_load()


def _demo_terms_agreed() -> None:
    """Every demo person agreed to the terms in force when they signed up."""
    terms = terms_in_force()
    if terms is None:
        return
    users = (
        get_user_model()
        .objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
        .exclude(terms_consents__version=terms)
    )
    TermsConsent.objects.bulk_create(
        [TermsConsent(user_id=pk, version=terms) for pk in users.values_list("pk", flat=True)]
    )


def _demo_vocabulary(content: DemoContent) -> bool:
    """Load the vocabulary when it lacks what the demo uses; True when it was loaded now."""
    if not _vocabulary_missing(content):
        return False
    try:
        vocabulary_load()
    except VocabularyLoadError as exc:
        raise DemoDataError(f"語彙を読み込めませんでした。\n{exc}") from None
    missing = _vocabulary_missing(content)
    if missing:
        raise DemoDataError("語彙にデモで使う項目がありません: " + "、".join(sorted(missing)[:10]))
    return True


def _vocabulary_missing(content: DemoContent) -> set[str]:
    templates = content.sheets.template
    personas = content.talents.persona
    skills = {key for template in templates for key in template.required + template.welcome}
    skills |= {key for persona in personas for key in persona.skills}
    themes = {key for template in templates for key in template.themes}
    themes |= {key for persona in personas for key in persona.themes}
    industries = {kind.industry for kind in content.companies.company_type}
    industries |= {code for persona in personas for code in persona.industries}
    missing = {
        f"skill:{k}" for k in skills - set(Skill.objects.filter(key__in=skills).values_list("key", flat=True))
    }
    missing |= {
        f"theme:{k}" for k in themes - set(Theme.objects.filter(key__in=themes).values_list("key", flat=True))
    }
    missing |= {
        f"industry:{c}"
        for c in industries
        - set(IndustryGroup.objects.filter(code__in=industries).values_list("code", flat=True))
    }
    return missing


def _demo_admin(report: DemoReport, password: str) -> None:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return
    admin = user_model.objects.create_superuser(
        username=DEMO_ADMIN_USERNAME, email=DEMO_ADMIN_EMAIL, password=password
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    report.admin_created = True
