"""The demo's spec sheets (仕様書) in every state.

Every step goes through the postings services, which hold the workflow's rules: a sheet is
written (``spec_sheet_create``), submitted, returned with a coordinator's comment, fixed
(``spec_sheet_update``) and submitted again, approved, closed by its company, or closed by the
daily task once its closing date passed (``spec_sheets_close_expired``). Only the dates are
written directly, in bulk: the steps all ran just now, so their events, versions and the sheets'
own timestamps are spread over the past weeks afterwards (no rule is involved in when a demo
step happened).
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.utils import timezone

from duallife.postings.models import SpecSheet, SpecSheetEvent, SpecSheetVersion
from duallife.postings.services.approval import spec_sheet_approve, spec_sheet_return
from duallife.postings.services.sheets import (
    spec_sheet_close,
    spec_sheet_create,
    spec_sheet_submit,
    spec_sheet_update,
    spec_sheets_close_expired,
)
from duallife.regions.models import Municipality

from ..content import SheetTemplate
from ..plan import (
    DRAFT,
    EXPIRED,
    FILLED,
    PUBLISHED,
    RETURNED,
    SHEETS_PER_COMPANY,
    STATUS_PATTERN,
    SUBMITTED,
    WITHDRAWN,
    rng,
)
from .organizations import CompanyPlan
from .world import DemoRun, World

#: How long ago a sheet's last step was, by state (days, low–high).
LAST_STEP_DAYS_AGO = {
    DRAFT: (0.05, 20),
    SUBMITTED: (0.05, 7),
    RETURNED: (0.1, 10),
    PUBLISHED: (0.05, 30),
    FILLED: (0.5, 20),
    WITHDRAWN: (0.5, 20),
}
#: The closing date a sheet is written with, in days from today, by state.
CLOSES_IN_DAYS = {PUBLISHED: (14, 45), FILLED: (5, 40), WITHDRAWN: (5, 40), EXPIRED: (30, 30)}
CLOSES_IN_DAYS_DEFAULT = (21, 60)


def sheet_slots(world: World, companies, count: int) -> list[tuple[CompanyPlan, Any, Any, SheetTemplate]]:
    """Which company writes which sheet: companies in order, a few sheets each, the first ``count``."""
    templates = world.content.sheet_templates
    slots = []
    for plan, company, user in companies:
        order = list(plan.kind.sheets)
        rng("company-sheets", plan.index).shuffle(order)
        for key in order[: SHEETS_PER_COMPANY[plan.index % len(SHEETS_PER_COMPANY)]]:
            slots.append((plan, company, user, templates[key]))
    return slots[:count]


def sheet_data(
    world: World,
    plan: CompanyPlan,
    template: SheetTemplate,
    state: str,
    draw: random.Random,
    today: datetime.date,
) -> dict[str, Any]:
    """What the company writes on the sheet (the postings services' ``SheetData``)."""
    words = plan.words
    fee = draw.choice(template.fees) if template.fees else None
    in_progress = state == DRAFT and draw.random() < 0.5  # a draft still being written
    low, high = CLOSES_IN_DAYS.get(state, CLOSES_IN_DAYS_DEFAULT)
    closes_on = today + datetime.timedelta(days=draw.randint(low, high))
    return {
        "title": template.title.format(**words),
        "issue": f"{template.issue.format(**words)}\n\n{world.content.notes.sheet}",
        "outcome": "" if in_progress else template.outcome.format(**words),
        "why_you": "" if in_progress else template.why_you.format(**words),
        "municipality": plan.town,
        "themes": list(template.themes),
        "required_skills": [world.skill_text(key, draw) for key in template.required],
        "welcome_skills": [
            *(world.skill_text(key, draw) for key in template.welcome),
            plan.kind.experience,
        ],
        "days_per_month_min": template.days[0],
        "days_per_month_max": template.days[1],
        "work_style": template.work_style,
        "visits_per_month": template.visits,
        "duration_months": template.duration,
        "fee_min_yen": fee[0] if fee else None,
        "fee_max_yen": fee[1] if fee else None,
        "is_probono": fee is None,
        "fee_reason": template.fee_reason(fee) if fee else "",
        "contract_type": "outsourcing" if fee else "probono",
        "travel_paid_by": template.travel_paid_by,
        "subsidy_applies": template.subsidy_applies,
        "openings": 2 if draw.random() < 0.15 else 1,
        "closes_on": None if in_progress else closes_on,
    }


def sheets(run: DemoRun, companies, coordinators, operator) -> None:
    """Write this size of demo's sheets that are missing, each walked to its state."""
    slots = sheet_slots(run.world, companies, run.size.sheets)
    written = set(
        SpecSheet.objects.filter(
            organization__in=[company for _plan, company, _user in companies]
        ).values_list("organization_id", "title")
    )
    made: list[tuple[SpecSheet, str, random.Random]] = []
    for number, (plan, company, user, template) in enumerate(slots):
        state = STATUS_PATTERN[number % len(STATUS_PATTERN)]
        draw = rng("sheet", number)
        data = sheet_data(run.world, plan, template, state, draw, run.today)
        if (company.pk, data["title"]) in written:
            run.report.existing["sheets"] += 1
            continue
        reviewer = _reviewer(plan.town, coordinators, operator)
        sheet = _walk(run, company, user, reviewer, template, state, data, draw)
        made.append((sheet, state, draw))
        run.report.created["sheets"] += 1
        run.report.sheets_created[state] += 1
    if any(state == EXPIRED for _sheet, state, _draw in made):
        spec_sheets_close_expired(today=run.today)  # the daily task, as it would have run
    _backdate(run, made)


def _reviewer(town: Municipality, coordinators, operator):
    """The coordinator of the sheet's town, else of its prefecture, else the operator."""
    prefecture_wide = None
    for spec, _body, user in coordinators:
        for code, name in spec.scopes:
            if code != town.prefecture.code:
                continue
            if name == town.name:
                return user
            if name is None and prefecture_wide is None:
                prefecture_wide = user
    return prefecture_wide or operator


def _walk(run: DemoRun, company, user, reviewer, template, state: str, data: dict, draw: random.Random):
    """Take a new sheet through the workflow services up to ``state``."""
    sheet = spec_sheet_create(organization=company, by=user, data=data)
    if state == DRAFT:
        return sheet
    spec_sheet_submit(sheet=sheet, by=user)
    if state == SUBMITTED:
        return sheet
    content = run.content.sheets
    rounds = [r for r in content.return_round if template.fees or r.field != "fee_reason"]
    comment, field_name, fix = draw.choice(rounds)
    if state == RETURNED:
        return spec_sheet_return(sheet=sheet, by=reviewer, comment=comment)
    if draw.random() < 0.25:  # returned once, fixed and submitted again: version 2 is published
        spec_sheet_return(sheet=sheet, by=reviewer, comment=comment)
        note = f"\n\n{run.content.notes.sheet}"
        if field_name == "fee_reason":
            value = fix
        elif field_name == "issue":
            value = data["issue"].replace(note, fix + note)
        else:
            value = data[field_name] + fix
        spec_sheet_update(sheet=sheet, by=user, data={field_name: value})
        spec_sheet_submit(sheet=sheet, by=user)
    spec_sheet_approve(sheet=sheet, by=reviewer, comment=draw.choice(content.approve_comments))
    if state in (FILLED, WITHDRAWN):
        reason = SpecSheet.ClosedReason.FILLED if state == FILLED else SpecSheet.ClosedReason.WITHDRAWN
        return spec_sheet_close(sheet=sheet, by=user, reason=reason)
    if state == EXPIRED:
        # Time passes: the closing date is now behind us (the daily task then closes it).
        past = run.today - datetime.timedelta(days=draw.randint(1, 30))
        SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=past)
        sheet.closes_on = past
    return sheet


def _backdate(run: DemoRun, made: list[tuple[SpecSheet, str, random.Random]]) -> None:
    """Spread the new sheets' histories over the past weeks (their steps all ran just now)."""
    pks = [sheet.pk for sheet, _state, _draw in made]
    fresh = SpecSheet.objects.in_bulk(pks)
    events: dict[int, list[SpecSheetEvent]] = defaultdict(list)
    for event in SpecSheetEvent.objects.filter(sheet_id__in=pks).order_by("pk"):
        events[event.sheet_id].append(event)
    versions: dict[int, list[SpecSheetVersion]] = defaultdict(list)
    for version in SpecSheetVersion.objects.filter(sheet_id__in=pks).order_by("sheet_id", "number"):
        versions[version.sheet_id].append(version)
    changed_versions = []
    for sheet, state, draw in made:
        changed_versions += _history(run, fresh[sheet.pk], state, draw, events[sheet.pk], versions[sheet.pk])
    SpecSheetEvent.objects.bulk_update([e for sheet_events in events.values() for e in sheet_events], ["at"])
    SpecSheetVersion.objects.bulk_update(changed_versions, ["created_at", "snapshot"])
    SpecSheet.objects.bulk_update(
        list(fresh.values()), ["created_at", "updated_at", "submitted_at", "published_at", "closed_at"]
    )


def _history(run: DemoRun, sheet: SpecSheet, state: str, draw: random.Random, events, versions) -> list:
    """Date ``sheet``'s events, versions and timestamps (in place); returns the versions dated."""

    def days(low: float, high: float) -> datetime.timedelta:
        return datetime.timedelta(minutes=round(draw.uniform(low, high) * 24 * 60))

    if state == EXPIRED:
        night = datetime.datetime.combine(sheet.closes_on + datetime.timedelta(days=1), datetime.time(0, 10))
        end = min(timezone.make_aware(night), run.now - datetime.timedelta(minutes=1))
    else:
        end = run.now - days(*LAST_STEP_DAYS_AGO[state])
    times = [end] if events else []
    for event in reversed(events[1:]):
        times.insert(0, times[0] - _gap(event, days))
    created = times[0] - days(1, 10) if events else end

    submits = []
    for event, at in zip(events, times, strict=True):
        event.at = at
        if event.to_status == SpecSheet.Status.SUBMITTED:
            submits.append(at)
    dated = []
    for version, at in zip(versions, submits, strict=False):
        version.created_at = at
        version.snapshot = {
            **version.snapshot,
            "closes_on": sheet.closes_on.isoformat() if sheet.closes_on else None,
        }
        dated.append(version)
    sheet.created_at = created
    sheet.updated_at = times[-1] if events else created
    if submits:
        sheet.submitted_at = submits[-1]
    for event, at in zip(events, times, strict=True):
        if event.to_status == SpecSheet.Status.PUBLISHED:
            sheet.published_at = at
        elif event.to_status == SpecSheet.Status.CLOSED:
            sheet.closed_at = at
    return dated


def _gap(event, days) -> datetime.timedelta:
    """How long before ``event`` the step before it happened."""
    status = SpecSheet.Status
    if event.to_status == status.SUBMITTED:
        return days(1, 5)  # fixed after a return
    if event.to_status in (status.PUBLISHED, status.RETURNED):
        return days(0.5, 4)  # a coordinator's review
    if event.by_id is None:
        return days(20, 45)  # published → expired
    return days(10, 40)  # published → filled or withdrawn
