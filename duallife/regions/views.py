from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "regions/overview.html", {"prefectures": selectors.pack_prefectures()})


def prefecture_detail(request: HttpRequest, code: str) -> HttpResponse:
    raise Http404


def municipality_detail(request: HttpRequest, code: str) -> HttpResponse:
    raise Http404
