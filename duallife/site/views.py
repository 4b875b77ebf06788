"""Pages composed from several apps. Today: the home page, with the region pack's overview."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from duallife.core.audience import PUBLIC, audience
from duallife.regions.selectors.overview import pack_prefectures


@audience(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", {"overview": pack_prefectures()})
