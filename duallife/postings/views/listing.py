"""The public pages: the listing of published sheets (search, filters, sorting; htmx swaps the
results) and a sheet's page, shown to whoever may see the sheet (with the applying and 気になる
panel of engagements once it is published).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from duallife.core.audience import PUBLIC, audience
from duallife.organizations.links import organization_url
from duallife.subsidies.selectors.programs import place_offers

from .. import permissions, selectors
from ..forms.listing import ListingForm
from ..models import SpecSheet

Status = SpecSheet.Status


@audience(PUBLIC)
def sheet_list(request: HttpRequest) -> HttpResponse:
    choices = selectors.listing_choices()
    form = ListingForm(request.GET or None, choices=choices)
    filters = form.filters()
    page = selectors.published_sheets_page(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "sheets": [(sheet, organization_url(sheet.organization)) for sheet in page.object_list],
        "query": query.urlencode(),
        "filtered": form.is_bound and form.active(),
    }
    template = "postings/_results.html" if request.htmx else "postings/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# A published or closed sheet; postings.permissions narrows the others to its company, invited
# collaborators and the reviewers of its area; anyone else gets a 404. The travel-cost support
# programs for the sheet's visits come from subsidies (four queries; none without visits).
@audience(PUBLIC)
def sheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = permissions.get_sheet_for_user(request.user, pk)
    is_editor = permissions.is_sheet_editor(request.user, sheet)
    context = {
        "sheet": sheet,
        "organization_url": organization_url(sheet.organization),
        "is_editor": is_editor,
        "can_close": is_editor and sheet.status == Status.PUBLISHED,
        "reviewer_matches": not is_editor
        and sheet.status == Status.PUBLISHED
        and permissions.can_review_sheet(request.user, sheet),
        "support": place_offers(
            sheet.municipality, trips_per_month=sheet.visits_per_month, today=timezone.localdate()
        ),
    }
    if sheet.status in (Status.PUBLISHED, Status.CLOSED):  # applying and 気になる (engagements)
        from duallife.engagements.views.scouts import sheet_page_context

        context["engagement"] = sheet_page_context(request, sheet)
    return render(request, "postings/detail.html", context)


urlpatterns = [
    path("", sheet_list, name="list"),
    path("<id:pk>/", sheet_detail, name="detail"),
]
