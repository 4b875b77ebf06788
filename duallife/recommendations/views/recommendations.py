"""The recommendation pages, both ways.

- ``/recommendations/``: 「あなたへのおすすめ」, a talent's recommended open sheets with the reasons,
  filters and the time the list was computed. Only for people with a talent profile (company
  members and staff without one get a 403; someone with no role yet is asked to create a profile).
- ``/sheets/<pk>/matches/``: 「この仕様書に合う人材」, for the members of the sheet's company, the
  coordinators of its area and operators (staff need MFA, like the talent search); anyone else
  gets a 404, so that a sheet's existence does not leak. Only published, open sheets list talents.

Thin: the stored lists are read through :mod:`..selectors.recommendations` (who sees what is
decided there), the
filters are GET forms whose unusable values are reported and dropped.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience
from duallife.core.paging import other_parameters
from duallife.engagements.models import Interest, Scout
from duallife.engagements.permissions import talent_of
from duallife.organizations.permissions import can_browse_talents
from duallife.organizations.views import forbidden

from ..forms import SheetMatchForm, TalentMatchForm
from ..models import SheetRecommendation
from ..permissions import get_sheet_for_matches, is_open
from ..selectors.recommendations import recommended_sheets_page, recommended_talents_page

#: How long after a profile is saved an empty list is explained as "still being computed".
COMPUTING_GRACE = datetime.timedelta(minutes=10)


# Talents; a signed-in person with no role yet is asked to create a profile (200).
@require_GET
@audience(talent=ALL)
def mine(request: HttpRequest) -> HttpResponse:
    """「あなたへのおすすめ」."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = talent_of(request.user)
    if profile is None:
        if can_browse_talents(request.user):
            return forbidden(
                request,
                _(
                    "「あなたへのおすすめ」は、人材プロフィールを登録した方のページです。"
                    "企業・自治体の方は、仕様書の管理から「この仕様書に合う人材」をご覧ください。"
                ),
            )
        return render(request, "recommendations/mine.html", {"profile": None})
    form = SheetMatchForm(request.GET or None)
    filters = form.filters()
    page = recommended_sheets_page(profile, filters, request.GET.get("page"))
    rows = page.object_list
    summary = SheetRecommendation.objects.filter(talent=profile).aggregate(
        entries=Count("pk"), computed_at=Max("computed_at")
    )
    marked = set(
        Interest.objects.filter(talent=profile, sheet_id__in=[row.sheet_id for row in rows]).values_list(
            "sheet_id", flat=True
        )
    )
    here = request.get_full_path()
    for row in rows:
        row.button = {"field": "sheet", "value": row.sheet_id, "on": row.sheet_id in marked, "next": here}
    context = {
        "profile": profile,
        "form": form,
        "page": page,
        "rows": rows,
        "total": page.paginator.count,
        "query": other_parameters(request),
        "filtered": form.active(),
        # nothing stored yet for a profile saved minutes ago: its refresh is probably still queued
        "computing": summary["entries"] == 0 and profile.updated_at > timezone.now() - COMPUTING_GRACE,
        "computed_at": summary["computed_at"],
    }
    return render(request, "recommendations/mine.html", context)


@require_GET
@personal_data_view
@audience(company=OWN, coordinator=AREA, operator=ALL, denied=NOT_FOUND, personal_data=True)
def sheet_matches(request: HttpRequest, pk) -> HttpResponse:
    """「この仕様書に合う人材」."""
    sheet, is_editor = get_sheet_for_matches(request.user, pk)
    open_now = is_open(sheet)
    form = TalentMatchForm(request.GET or None)
    filters = form.filters()
    page = None
    if open_now:
        page = recommended_talents_page(request.user, sheet, filters, request.GET.get("page"))
    rows = page.object_list if page is not None else []
    scouted = set(
        Scout.objects.filter(sheet=sheet, talent_id__in=[row.talent_id for row in rows]).values_list(
            "talent_id", flat=True
        )
    )
    for row in rows:
        row.scouted = row.talent_id in scouted
        row.percent = round(max(0.0, min(row.score, 1.0)) * 100)
    computed_at = max((row.computed_at for row in rows), default=None)
    context = {
        "sheet": sheet,
        "is_open": open_now,
        "is_editor": is_editor,
        "form": form,
        "page": page,
        "rows": rows,
        "total": page.paginator.count if page is not None else 0,
        "query": other_parameters(request),
        "filtered": form.active(),
        "computed_at": computed_at,
    }
    return render(request, "recommendations/matches.html", context)
