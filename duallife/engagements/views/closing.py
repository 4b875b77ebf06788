"""Closing a sheet by hand, with care: the company first sees who is still in conversation, keeps
the conversations with a meeting booked if it wishes, and writes (or accepts kind default) words
for the others. Thin: the sheet is loaded for its editors only (404 for anyone else), a form
parses, one service closes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from duallife.core.audience import NOT_FOUND, OWN, audience
from duallife.core.errors import DomainError, add_to_form
from duallife.postings.models import SpecSheet
from duallife.postings.permissions import get_sheet_for_editor

from ..forms.contracts import CloseSheetForm
from ..selectors.applications import open_conversations
from ..services.closing import sheet_close_with_care


@login_required
@audience(company=OWN, denied=NOT_FOUND)
def sheet_close(request: HttpRequest, pk) -> HttpResponse:
    sheet = get_sheet_for_editor(request.user, pk)
    if sheet.status != SpecSheet.Status.PUBLISHED:
        messages.info(request, _("この仕様書は公開中ではないため、募集を終了する操作はありません。"))
        return redirect("postings:dashboard")
    conversations = open_conversations(sheet)
    initial = {"keep_open": [app.pk for app in conversations if app.booked]}
    data = request.POST if request.method == "POST" else None
    form = CloseSheetForm(data, initial=initial, conversations=conversations)
    if request.method == "POST" and form.is_valid():
        try:
            sheet_close_with_care(sheet=sheet, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("「%(title)s」の募集を終了しました。") % {"title": sheet.title})
            return redirect("postings:dashboard")
    context = {
        "sheet": sheet,
        "form": form,
        "conversations": conversations,
        "booked": [app for app in conversations if app.booked],
    }
    return render(
        request,
        "engagements/closing/close.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("sheets/<id:pk>/close/", sheet_close, name="sheet_close"),
]
