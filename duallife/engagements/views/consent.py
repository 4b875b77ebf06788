"""Pages of consent: "who received my data" (提供記録) for the logged-in person.

It lists the provisions of their personal data to companies (which fields, to whom, on what basis,
when, kept until when) and the reads of their data by platform staff (when, what, which
organisation). Only ever the acting user's own records: nothing to load by id, nothing to leak.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import SIGNED_IN, audience

from ..selectors.consent import provisions_page, staff_reads_page


@personal_data_view
@audience(SIGNED_IN, personal_data=True)
def my_provisions(request: HttpRequest) -> HttpResponse:
    page, provisions = provisions_page(request.user, request.GET.get("page"))
    reads_page, reads = staff_reads_page(request.user, request.GET.get("reads_page"))
    context = {
        "page": page,
        "provisions": provisions,
        "reads_page": reads_page,
        "reads": reads,
    }
    return render(request, "engagements/consent/provisions.html", context)


urlpatterns = [
    path("my-data/provisions/", my_provisions, name="my_provisions"),
]
