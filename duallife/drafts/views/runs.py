"""The organiser's nomination runs (実行・監査・再計算).

- ``runs``: readiness of the next run, the form that runs it (``draft_run_execute``), and every
  run so far. A second round is the same button: players holding a pending or accepted
  nomination sit out, teams keep only their free places, declined pairs are not offered again.
- ``run_detail``: one run's audit (its stored input summarised, the seed, the result with
  display names); ``run_replay`` solves the stored input again (``draft_run_replay``) and says
  whether the answer is the stored one; ``run_download`` serves the stored input or result as
  a JSON attachment.

The run pages are the organiser's (anyone else 403, anonymous users to the login page); they
show display names, so staff need MFA. Whether a run may happen today is
:func:`~duallife.drafts.permissions.runs.run_refusal`, which the readiness panel explains.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, OWN, audience
from duallife.engine.draft import DraftInputError
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.runs import RunForm
from ..permissions.events import get_event, organizes
from ..permissions.runs import get_run
from ..selectors.runs import run_audit, run_readiness, runs_of, with_runners
from ..services.runs import draft_run_execute, draft_run_replay
from ..texts import input_error_text

DOWNLOAD_PARTS = {"input": "instance", "result": "result"}


def _organiser_only(request: HttpRequest) -> HttpResponse:
    return forbidden(request, _("指名の実行と記録を見られるのは、このドラフト会議の主催者と事務局だけです。"))


@require_http_methods(["GET", "POST"])
@personal_data_view
@audience(coordinator=OWN, operator=ALL, personal_data=True)
def runs(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not organizes(request.user, event):
        return _organiser_only(request)
    form = RunForm(request.POST if request.method == "POST" else None, allow_ties=event.allow_ties)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                run = draft_run_execute(
                    event=event,
                    by=request.user,
                    proposing=form.cleaned_data["proposing"],
                    seed=form.cleaned_data.get("seed"),
                )
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _(
                        "第%(number)d回の指名を実行しました（指名%(count)d件）。指名された選手とチームにお知らせしました。"
                    )
                    % {"number": run.number, "count": run.nominations.count()},
                )
                return redirect("drafts:run_detail", event.pk, run.number)
        status = 400
    context = {
        "event": event,
        "form": form,
        "readiness": run_readiness(event),
        "runs": with_runners(runs_of(event), event),
    }
    return render(request, "drafts/runs/list.html", context, status=status)


@require_GET
@personal_data_view
@audience(coordinator=OWN, operator=ALL, personal_data=True)
def run_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    event = get_event(pk)
    if not organizes(request.user, event):
        return _organiser_only(request)
    run = with_runners([get_run(event, number)], event)[0]
    context = {"event": event, "run": run, "audit": run_audit(run)}
    return render(request, "drafts/runs/detail.html", context)


@require_POST
@personal_data_view
@audience(coordinator=OWN, operator=ALL, personal_data=True)
def run_replay(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    event = get_event(pk)
    if not organizes(request.user, event):
        return _organiser_only(request)
    run = get_run(event, number)
    try:
        replayed = draft_run_replay(run)
    except DraftInputError as exc:
        messages.error(
            request, _("保存されている入力を読めませんでした：%(error)s") % {"error": input_error_text(exc)}
        )
    else:
        if replayed == run.result:
            messages.success(
                request,
                _("保存されている入力から再計算しました。結果は保存されている結果と一致しました。"),
            )
        else:
            messages.error(
                request,
                _(
                    "保存されている入力から再計算しましたが、結果が保存されている結果と一致しませんでした。事務局に連絡してください。"
                ),
            )
    return redirect("drafts:run_detail", event.pk, run.number)


@require_GET
@personal_data_view
@audience(coordinator=OWN, operator=ALL, personal_data=True)
def run_download(request: HttpRequest, pk: int, number: int, part: str) -> HttpResponse:
    event = get_event(pk)
    if not organizes(request.user, event):
        return _organiser_only(request)
    if part not in DOWNLOAD_PARTS:
        raise Http404
    run = get_run(event, number)
    body = json.dumps(getattr(run, DOWNLOAD_PARTS[part]), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="draft-{event.pk}-run-{run.number}-{part}.json"'
    return response


urlpatterns = [
    path("<id:pk>/runs/", runs, name="runs"),
    path("<id:pk>/runs/<id:number>/", run_detail, name="run_detail"),
    path("<id:pk>/runs/<id:number>/replay/", run_replay, name="run_replay"),
    path("<id:pk>/runs/<id:number>/<str:part>.json", run_download, name="run_download"),
]
