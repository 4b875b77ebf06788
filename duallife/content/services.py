"""Writes of pages and inquiries: one use case each.

Pages: the secretariat starts a draft (a copy of the version in force), saves it as often as it
likes, and publishes it as the next version number; a published version never changes. The
loader (``duallife load-content``) publishes the texts of ``data/content/`` as a new version only
when they differ from the version in force, so it can run on every deployment.

Inquiries: anyone may send one; at most :data:`INQUIRY_LIMIT` an hour from one address; the
secretariat moves it through new → in progress → closed with a note.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ContentError, ContentLoadError, InquiryLimitReached, TermsChanged
from .models import Inquiry, Page, PageVersion, TermsConsent
from .permissions import can_handle_inquiries, require_editor
from .selectors import TERMS_PAGE, draft_of, terms_in_force, version_in_force

INQUIRY_LIMIT = 5
INQUIRY_WINDOW = datetime.timedelta(hours=1)
TEXT_FIELDS = ("title_ja", "title_en", "body_ja", "body_en")


def _next_number(page: Page) -> int:
    """The number the page's next published version takes (call under the page's row lock)."""
    latest = page.versions.filter(status=PageVersion.Status.PUBLISHED).aggregate(n=Max("number"))["n"]
    return (latest or 0) + 1


def page_draft_start(*, page: Page, by) -> PageVersion:
    """The page's draft: the one waiting, or a new copy of the version in force."""
    require_editor(by)
    with transaction.atomic():
        Page.objects.select_for_update().get(pk=page.pk)
        draft = draft_of(page)
        if draft is not None:
            return draft
        current = version_in_force(page.slug)
        texts = {field: getattr(current, field) for field in TEXT_FIELDS} if current else {}
        if not current:
            texts = {"title_ja": page.slug, "title_en": page.slug, "body_ja": "", "body_en": ""}
        return PageVersion.objects.create(page=page, created_by=by, **texts)


def page_draft_save(*, version: PageVersion, by, change_note: str = "", **texts: str) -> PageVersion:
    """Save the draft's titles and bodies (both languages) and what changed."""
    require_editor(by)
    if not version.is_draft:
        raise ContentError(_("公開した版は変更できません。新しい下書きを作ってください。"), code="published")
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"page_draft_save: unknown fields {sorted(unknown)}")
    for field, value in texts.items():
        setattr(version, field, value.strip())
    version.change_note = change_note.strip()
    version.save()
    return version


def page_publish(*, version: PageVersion, by) -> PageVersion:
    """Publish the draft as the page's next version; it is in force from now on."""
    require_editor(by)
    with transaction.atomic():
        Page.objects.select_for_update().get(pk=version.page_id)
        version = PageVersion.objects.select_for_update().get(pk=version.pk)
        if not version.is_draft:
            raise ContentError(_("この版はもう公開されています。"), code="published")
        missing = [field for field in TEXT_FIELDS if not getattr(version, field).strip()]
        if missing:
            raise ContentError(
                _("題名と本文は日本語・英語の両方を書いてから公開してください。"), code="incomplete"
            )
        version.number = _next_number(version.page)
        version.status = PageVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.published_by = by
        version.save()
    return version


def page_text_load(*, slug: str, kind: str, change_note: str = "", **texts: str) -> PageVersion | None:
    """Publish ``texts`` as page ``slug``'s next version unless the version in force says the
    same (returns ``None`` then). For the loader of ``data/content/``; no editor is involved."""
    with transaction.atomic():
        page, _created = Page.objects.get_or_create(slug=slug, defaults={"kind": kind})
        Page.objects.select_for_update().get(pk=page.pk)
        current = version_in_force(slug)
        if current and all(getattr(current, field) == texts[field].strip() for field in TEXT_FIELDS):
            return None
        return PageVersion.objects.create(
            page=page,
            number=_next_number(page),
            status=PageVersion.Status.PUBLISHED,
            published_at=timezone.now(),
            change_note=change_note,
            **{field: texts[field].strip() for field in TEXT_FIELDS},
        )


def _count_inquiry(key: str) -> int:
    cache.add(key, 0, timeout=int(INQUIRY_WINDOW.total_seconds()))
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=int(INQUIRY_WINDOW.total_seconds()))
        return 1


def inquiry_submit(
    *, name: str, email: str, topic: str, body: str, sender_address: str, user=None, language: str = "ja"
) -> Inquiry:
    """Record an inquiry in the secretariat's queue. Refused past :data:`INQUIRY_LIMIT` an hour
    from one network address (and one signed-in person)."""
    keys = [f"content:inquiries:addr:{sender_address}"]
    if getattr(user, "is_authenticated", False):
        keys.append(f"content:inquiries:user:{user.pk}")
    if max(_count_inquiry(key) for key in keys) > INQUIRY_LIMIT:
        raise InquiryLimitReached(
            _("短い間にたくさんのお問い合わせを受け付けました。1時間ほどおいて、もう一度お送りください。")
        )
    return Inquiry.objects.create(
        name=name.strip(),
        email=email.strip(),
        topic=topic,
        body=body.strip(),
        user=user if getattr(user, "is_authenticated", False) else None,
        language=language[:8],
    )


def inquiry_update(*, inquiry: Inquiry, status: str, staff_note: str, by) -> Inquiry:
    """The secretariat moves an inquiry along and notes what it did."""
    if not can_handle_inquiries(by):
        raise ContentError(_("お問い合わせを扱えるのは事務局の方だけです。"), code="forbidden", status=403)
    if status not in Inquiry.Status.values:
        raise ContentError(_("状態を選び直してください。"), field="status")
    inquiry.status = status
    inquiry.staff_note = staff_note.strip()
    inquiry.save(update_fields=["status", "staff_note", "updated_at"])
    return inquiry


#: The kind of each page the loader knows; any other file is refused.
LOADED_PAGES = {
    "terms": Page.Kind.LEGAL,
    "privacy": Page.Kind.LEGAL,
    "accessibility": Page.Kind.LEGAL,
    "about": Page.Kind.HELP,
    "faq": Page.Kind.HELP,
}


def content_dir() -> Path:
    return Path(settings.BASE_DIR) / "data" / "content"


def _read_text(path: Path, problems: list[str]) -> tuple[str, str] | None:
    """(title, body) of a Markdown file whose first line is ``# Title``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: {error}")
        return None
    first, _newline, body = text.lstrip("\ufeff").partition("\n")
    if not first.startswith("# ") or not first[2:].strip():
        problems.append(f"{path.name}: 1行目は「# 題名」にしてください")
        return None
    if not body.strip():
        problems.append(f"{path.name}: 本文がありません")
        return None
    return first[2:].strip(), body.strip()


def content_files_load(*, directory: Path | None = None) -> list[str]:
    """Publish the pages of ``data/content/`` (``<slug>.ja.md`` and ``<slug>.en.md``) whose text
    differs from the version in force, in one transaction; nothing when any file is wrong.
    Returns the slugs published."""
    directory = directory or content_dir()
    problems: list[str] = []
    texts: dict[str, dict[str, str]] = {}
    for slug in LOADED_PAGES:
        for language in ("ja", "en"):
            path = directory / f"{slug}.{language}.md"
            if not path.is_file():
                problems.append(f"{path.name}: ありません")
                continue
            read = _read_text(path, problems)
            if read:
                title, body = read
                texts.setdefault(slug, {}).update({f"title_{language}": title, f"body_{language}": body})
    known = {f"{slug}.{language}.md" for slug in LOADED_PAGES for language in ("ja", "en")}
    problems += [
        f"{path.name}: 知らないページです"
        for path in sorted(directory.glob("*.md"))
        if path.name not in known
    ]
    if problems:
        raise ContentLoadError(problems)
    published = []
    with transaction.atomic():
        for slug, kind in LOADED_PAGES.items():
            if page_text_load(slug=slug, kind=kind, **texts[slug]) is not None:
                published.append(slug)
    return published


#: How long an answered inquiry is kept (the privacy policy says so).
INQUIRY_KEEP = datetime.timedelta(days=3 * 365)


def inquiries_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the inquiries closed more than :data:`INQUIRY_KEEP` ago. Returns how many."""
    now = now or timezone.now()
    deleted, _per_model = Inquiry.objects.filter(
        status=Inquiry.Status.CLOSED, updated_at__lt=now - INQUIRY_KEEP
    ).delete()
    return deleted


def terms_agree(*, user, version: PageVersion) -> TermsConsent:
    """Record that ``user`` agreed to ``version`` of the terms (once: agreeing again changes
    nothing). Only the version in force can be agreed to."""
    if version.page.slug != TERMS_PAGE or version.is_draft:
        raise ValueError("terms_agree: not a published version of the terms")
    if terms_in_force() != version:
        raise TermsChanged(
            _("利用規約が改定されました。新しい版をお読みのうえ、あらためて同意してください。")
        )
    consent, _created = TermsConsent.objects.get_or_create(user=user, version=version)
    return consent
