"""Reads of engagements worth naming: lists with filters and the applicant card. Bounded queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.organizations.permissions import companies_of

from ..models import OPEN_STATUSES, Application, ShareableField
from ..permissions import applications_with_details, talent_of


def talent_applications(user) -> QuerySet[Application]:
    """The acting talent's applications, newest activity first."""
    talent = talent_of(user)
    if talent is None:
        return Application.objects.none()
    return applications_with_details().filter(talent=talent).order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class PipelineFilters:
    sheet_id: int | None = None
    status: str = ""
    query: str = ""


def company_pipeline(user, filters: PipelineFilters = PipelineFilters()) -> QuerySet[Application]:
    """Applications to the sheets of the user's companies, filtered."""
    qs = applications_with_details().filter(sheet__organization__in=companies_of(user))
    if filters.sheet_id:
        qs = qs.filter(sheet_id=filters.sheet_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.query:
        qs = qs.filter(
            Q(talent__display_name__icontains=filters.query) | Q(sheet__title__icontains=filters.query)
        )
    return qs.order_by("-updated_at", "-pk")


#: Cards a column of the board shows; the rest are in the list (its link says how many).
BOARD_CARDS = 10


def pipeline_columns(user, filters: PipelineFilters = PipelineFilters()) -> list[dict]:
    """The board: one column per status, in pipeline order, each with how many applications it
    holds (``count``) and the newest of them (at most :data:`BOARD_CARDS`). One query for the
    counts and one per status that has any."""
    pipeline = company_pipeline(user, filters)
    counts = dict(pipeline.order_by().values_list("status").annotate(n=Count("pk")))
    return [
        {
            "status": value,
            "label": label,
            "count": counts.get(value, 0),
            "applications": list(pipeline.filter(status=value)[:BOARD_CARDS]) if counts.get(value) else [],
        }
        for value, label in Application.Status.choices
    ]


def applicant_counts(sheet_ids) -> dict[int, dict[str, int]]:
    """Per sheet: how many applications in all, open, and contracted (one query)."""
    rows = (
        Application.objects.filter(sheet_id__in=list(sheet_ids))
        .values("sheet_id")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        )
    )
    return {row["sheet_id"]: {"total": row["total"], "open": row["open"]} for row in rows}


def full_name(talent) -> str:
    """「山田 花子（ヤマダ ハナコ）」: shown only to the talent and to companies they consented to."""
    return _("%(family)s %(given)s（%(family_kana)s %(given_kana)s）") % {
        "family": talent.family_name,
        "given": talent.given_name,
        "family_kana": talent.family_name_kana,
        "given_kana": talent.given_name_kana,
    }


def applicant_card(application: Application, fields: frozenset[str]) -> list[tuple[str, str]]:
    """What the company may see of the applicant: the consented fields only (label, value)."""
    talent = application.talent
    rows: list[tuple[str, str]] = []
    if ShareableField.NAME in fields:
        rows.append((_("氏名"), full_name(talent)))
    if ShareableField.EMAIL in fields:
        rows.append((_("メールアドレス"), talent.user.email))
    if ShareableField.PHONE in fields:
        rows.append((_("電話番号"), talent.phone or _("（未登録）")))
    if ShareableField.CURRENT_JOB in fields:
        industry = str(talent.current_industry) if talent.current_industry_id else ""
        rows.append(
            (
                _("現在の仕事・業種"),
                " / ".join(part for part in (talent.current_job, industry) if part) or _("（未登録）"),
            )
        )
    if ShareableField.HOMETOWN in fields:
        place = talent.hometown_municipality or talent.hometown_prefecture
        rows.append((_("出身地"), str(place) if place else _("（未登録）")))
    if ShareableField.SELF_INTRODUCTION in fields:
        rows.append((_("自己紹介"), talent.self_introduction or _("（未登録）")))
    return rows


def open_conversations(sheet, *, excluding: int | None = None) -> list[Application]:
    """The sheet's open applications (oldest first), each marked ``booked`` when a meeting is set
    for a time still to come. One query; shows display names only."""
    now = timezone.now()
    applications = list(
        Application.objects.filter(sheet=sheet, status__in=OPEN_STATUSES)
        .exclude(pk=excluding)
        .select_related("talent")
        .order_by("created_at", "pk")
    )
    for application in applications:
        application.booked = (
            application.status == Application.Status.INTERVIEW
            and application.interview_at is not None
            and application.interview_at >= now
        )
    return applications
