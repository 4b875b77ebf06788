"""Pages of support programs: the public list and each program's page (its rules in words and the
budget's burn-down, with a chart, its table and a CSV), and, for the owning body's coordinators and
operators, the programs they manage, the edit page, the claims queue and the exports.

Thin: programs are loaded through ``permissions`` (404 for a program one does not manage), input
goes through a form, one service writes.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from duallife.accounts.mfa import personal_data_view
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, AREA, NOT_FOUND, PUBLIC, audience
from duallife.core.errors import add_to_form
from duallife.core.formats import localized_name
from duallife.core.paging import other_parameters, page_of
from duallife.core.texts import worded_for_storage
from duallife.engine.subsidies import fiscal_year_of
from duallife.organizations.permissions import is_coordinator, is_operator
from duallife.regions.models import Prefecture

from ..errors import SupportError
from ..forms import ClaimFilterForm, ProgramForm, program_initial
from ..models import Claim
from ..permissions import get_program, get_program_for_manager, intake_refusal, managed_programs
from ..selectors import exports
from ..selectors.claims import claims_of_program, state_counts, waiting_counts
from ..selectors.programs import burn_down, public_programs, versions_by_program
from ..selectors.rules import latest_version, rules_of
from ..services.programs import program_update
from ..texts import rules_lines


def _chart(rows) -> dict:
    return {
        "type": "line",
        "unit": _("円"),
        "categories": [formats.date_format(row.month, "YEAR_MONTH_FORMAT") for row in rows],
        "series": [
            {"name": _("交付決定（未払）"), "data": [row.reserved_yen for row in rows]},
            {"name": _("支払済"), "data": [row.paid_yen for row in rows]},
            {"name": _("残り"), "data": [row.remaining_yen for row in rows]},
        ],
    }


@require_safe
@audience(PUBLIC)
def program_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = fiscal_year_of(today)
    programs = list(public_programs())
    versions = versions_by_program(programs)
    rows = [
        {
            "program": program,
            "version": versions.get(program.pk),
            "closed": intake_refusal(program, today=today) if program.fiscal_year == year else None,
            "current": program.fiscal_year == year,
        }
        for program in programs
    ]
    return render(request, "subsidies/program_list.html", {"rows": rows, "fiscal_year": year})


@require_safe
@audience(PUBLIC)
def program_detail(request: HttpRequest, pk) -> HttpResponse:
    program = get_program(pk)
    today = timezone.localdate()
    version = latest_version(program)
    rules = rules_of(version) if version else None
    down = burn_down(program, today=today)
    context = {
        "program": program,
        "version": version,
        "rules": rules,
        "rule_lines": rules_lines(rules) if rules else [],
        "burn": down,
        "chart": _chart(down.rows),
        "closed": intake_refusal(program, today=today),
        "manages": managed_programs(request.user).filter(pk=program.pk).exists(),
    }
    return render(request, "subsidies/program_detail.html", context)


@require_safe
@audience(PUBLIC)
def program_burn_down_csv(request: HttpRequest, pk) -> HttpResponse:
    program = get_program(pk)
    down = burn_down(program, today=timezone.localdate())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [_("月"), _("予算額（円）"), _("交付決定（未払・円）"), _("支払済（円）"), _("残り（円）")]
    )
    for row in down.rows:
        writer.writerow(
            [
                row.month.strftime("%Y-%m"),
                program.budget_yen,
                row.reserved_yen,
                row.paid_yen,
                row.remaining_yen,
            ]
        )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{program.slug}-{program.fiscal_year}-budget.csv"'
    )
    return response


# --- The owning body's pages ------------------------------------------------------------------------


def _staff_only(user) -> None:
    if not (is_coordinator(user) or is_operator(user)):
        raise PermissionDenied(_("交通費支援の制度の管理は、自治体・支援機関と事務局の担当者が行います。"))


@require_safe
@personal_data_view
@audience(coordinator=ALL, operator=ALL, personal_data=True)
def manage(request: HttpRequest) -> HttpResponse:
    """The programs the person manages, with their budget use and the claims waiting for them."""
    _staff_only(request.user)
    programs = list(managed_programs(request.user).select_related("owner_organization"))
    waiting = waiting_counts(programs)
    rows = [{"program": program, "waiting": waiting.get(program.pk, 0)} for program in programs]
    return render(request, "subsidies/manage.html", {"rows": rows})


@require_safe
@personal_data_view
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND, personal_data=True)
def program_claims(request: HttpRequest, pk) -> HttpResponse:
    _staff_only(request.user)
    program = get_program_for_manager(request.user, pk)
    form = ClaimFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page = page_of(request, claims_of_program(program, state=state))
    counts = state_counts(program)
    context = {
        "program": program,
        "form": form,
        "page": page,
        "counts": [
            (label, counts[value]) for value, label in Claim.State.choices if value != Claim.State.DRAFT
        ],
        "query": other_parameters(request, "page"),
    }
    return render(request, "subsidies/program_claims.html", context)


@require_http_methods(["GET", "POST"])
@personal_data_view
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND, personal_data=True)
def program_edit(request: HttpRequest, pk) -> HttpResponse:
    """The rules, budget, intake period and required documents; changed rules make a new version."""
    _staff_only(request.user)
    program = get_program_for_manager(request.user, pk)
    version = latest_version(program)
    if request.method == "POST":
        form = ProgramForm(request.POST, assigns_owner=is_operator(request.user))
        if form.is_valid():
            try:
                new = program_update(
                    program=program, by=request.user, rules=form.rules(), settings=form.settings()
                )
            except SupportError as exc:
                add_to_form(form, exc)
            else:
                if new is None:
                    messages.success(request, _("設定を保存しました（ルールは変わっていません）。"))
                else:
                    messages.success(
                        request,
                        _("ルールの第%(number)s版を保存しました。これからの申請はこの版で計算します。")
                        % {"number": new.number},
                    )
                return redirect("subsidies:program", program.pk)
    else:
        form = ProgramForm(
            initial=program_initial(program, version.rules if version else {}),
            assigns_owner=is_operator(request.user),
        )
    return render(
        request, "subsidies/program_edit.html", {"program": program, "form": form, "version": version}
    )


def _export_rows(request: HttpRequest, pk):
    _staff_only(request.user)
    program = get_program_for_manager(request.user, pk)
    claims = exports.export_claims(program)
    prefectures = {p.code: localized_name(p) for p in Prefecture.objects.all()}
    subjects = {claim.talent.user_id: claim.talent.user for claim in claims if claim.talent.user_id}
    for user in subjects.values():
        personal_data_access_log(
            by=request.user,
            subject=user,
            what=worded_for_storage(
                gettext_lazy("「%(program)s」の申請の書き出し"), program=program.name[:80]
            ),
        )
    return program, exports.export_rows(program, claims, prefectures)


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@personal_data_view
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND, personal_data=True)
def program_export_csv(request: HttpRequest, pk) -> HttpResponse:
    program, rows = _export_rows(request, pk)
    return _download(
        exports.as_csv(rows),
        content_type="text/csv; charset=utf-8",
        filename=f"{program.slug}-{program.fiscal_year}-claims.csv",
    )


@require_safe
@personal_data_view
@audience(coordinator=AREA, operator=ALL, outside=NOT_FOUND, personal_data=True)
def program_export_xlsx(request: HttpRequest, pk) -> HttpResponse:
    program, rows = _export_rows(request, pk)
    return _download(
        exports.as_xlsx(rows, title=f"{program.slug}-{program.fiscal_year}"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{program.slug}-{program.fiscal_year}-claims.xlsx",
    )


urlpatterns = [
    path("", program_list, name="programs"),
    path("programs/<id:pk>/", program_detail, name="program"),
    path("programs/<id:pk>/budget.csv", program_burn_down_csv, name="program_budget_csv"),
    path("manage/", manage, name="manage"),
    path("manage/programs/<id:pk>/claims/", program_claims, name="program_claims"),
    path("manage/programs/<id:pk>/edit/", program_edit, name="program_edit"),
    path("manage/programs/<id:pk>/claims.csv", program_export_csv, name="program_export_csv"),
    path("manage/programs/<id:pk>/claims.xlsx", program_export_xlsx, name="program_export_xlsx"),
]
