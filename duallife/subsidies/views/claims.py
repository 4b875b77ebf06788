"""Pages of claims: starting one for a contract, the payee's list, and the claim's page, where the
payee writes trips (fare prefilled from the region pack), attaches receipts, sees the engine's
answer before submitting, and reports; the program's managers review it on the same page
(``views.reviews``).

Thin: claims are loaded through ``permissions.get_claim_for_user`` (404 for anyone else; a staff
read is logged), input goes through a form, one service writes, a ``SupportError`` becomes a form
error or a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, audience
from duallife.core.errors import add_to_form
from duallife.core.formats import localized_place
from duallife.core.paging import page_of
from duallife.regions.models import Municipality

from ..errors import SupportError
from ..forms import (
    ClaimStartForm,
    DecisionNoteForm,
    FixForm,
    PayForm,
    ReceiptForm,
    ReportForm,
    SubmitForm,
    TripForm,
)
from ..models import Claim, ClaimTrip
from ..permissions import (
    EDITABLE_STATES,
    get_claim_for_user,
    get_program,
    intake_refusal,
    may_claim,
    step_refusal,
)
from ..selectors.claims import claims_for_payee, event_rows, payee_contracts, trips_of
from ..selectors.fares import pack_fares
from ..selectors.rules import claim_assessment, latest_version, reasons_from_json, rules_of
from ..services import claims as services
from ..texts import plain_status, prefecture_names, reason_text

#: Who may open a claim: its payee side (a company's members, or the talent) and the program's
#: managers; anyone else 404. Staff need MFA (trips and receipts are personal data).
CLAIM_SIDES = {"talent": OWN, "company": OWN, "coordinator": AREA, "operator": ALL}
PAYEE = {"talent": OWN, "company": OWN}


def _payee_roles_only(user) -> None:
    if not may_claim(user):
        raise PermissionDenied(_("交通費支援の申請は、受け入れ企業の担当者か人材本人が行います。"))


def _claim_url(claim: Claim, anchor: str = "") -> str:
    return reverse("subsidies:claim", args=[claim.pk]) + anchor


@require_http_methods(["GET", "POST"])
@login_required
@audience(talent=ALL, company=ALL)
def claim_start(request: HttpRequest, pk) -> HttpResponse:
    """Start a claim under a program for one of the person's contracts."""
    _payee_roles_only(request.user)
    program = get_program(pk)
    version = latest_version(program)
    rules = rules_of(version) if version else None
    contracts = payee_contracts(request.user, program, rules=rules)
    closed = intake_refusal(program, today=timezone.localdate())
    form = ClaimStartForm(
        request.POST or None, contracts=contracts, initial={"contract": request.GET.get("contract")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_create(
                program=program, contract=form.cleaned_data["contract"], by=request.user
            )
        except SupportError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("申請の下書きを作りました。往復を入力してください。"))
            return redirect(_claim_url(claim))
    context = {"program": program, "form": form, "closed": closed, "has_contracts": contracts.exists()}
    return render(request, "subsidies/claim_start.html", context, status=400 if form.errors else 200)


@require_safe
@login_required
@audience(talent=ALL, company=ALL)
def claim_list(request: HttpRequest) -> HttpResponse:
    _payee_roles_only(request.user)
    page = page_of(request, claims_for_payee(request.user))
    rows = [{"claim": claim, "status": plain_status(claim.state)} for claim in page.object_list]
    return render(request, "subsidies/claim_list.html", {"page": page, "rows": rows})


def _destinations(claim: Claim):
    rules = rules_of(claim.version)
    places = Municipality.objects.filter(role=Municipality.Role.PACK).select_related("prefecture")
    if rules.destination_prefectures:
        places = places.filter(prefecture__code__in=rules.destination_prefectures)
    return places.order_by("code")


def _trip_rows(claim: Claim, trips: list[ClaimTrip], names: dict[str, str]) -> list[dict]:
    return [
        {
            "trip": trip,
            "number": number,
            "origin": names.get(trip.origin_prefecture, trip.origin_prefecture),
            "destination": localized_place(trip.destination),
            "fare_changed": bool(trip.pack_fare_yen and trip.pack_fare_yen != trip.round_trip_fare_yen),
            "receipt_url": reverse("subsidies:receipt", args=[claim.pk, trip.pk]) if trip.receipt else "",
        }
        for number, trip in enumerate(trips, start=1)
    ]


def claim_context(request: HttpRequest, claim: Claim, side: str, **forms) -> dict:
    trips = trips_of(claim)
    editable = side == "payee" and claim.state in EDITABLE_STATES
    if claim.state in EDITABLE_STATES:
        version = latest_version(claim.program)
        outcome = claim_assessment(claim, version) if trips else None
        reasons = [reason_text(reason) for reason in outcome.reasons] if outcome else []
        payable = outcome.payable_yen if outcome else 0
        eligible = bool(outcome and outcome.eligible and outcome.payable_yen)
    else:
        version = claim.version
        reasons = [reason_text(reason) for reason in reasons_from_json(claim.assessment)]
        payable, eligible = claim.approved_yen or claim.assessed_yen, True
    destinations = _destinations(claim) if editable else None
    context = {
        "claim": claim,
        "program": claim.program,
        "side": side,
        "status": plain_status(claim.state),
        "trips": _trip_rows(claim, trips, prefecture_names()),
        "version": version,
        "payable": payable,
        "eligible": eligible,
        "reasons": reasons,
        "editable": editable,
        "closed": intake_refusal(claim.program, today=timezone.localdate()) if editable else None,
        "receipts_open": side == "payee" and claim.state in (*EDITABLE_STATES, Claim.State.APPROVED),
        "events": event_rows(claim) if side == "reviewer" else [],
    }
    if editable:
        initial = {"destination": claim.contract.sheet.municipality_id, "lodging_nights": 0}
        context["trip_form"] = forms.get("trip_form") or TripForm(initial=initial, destinations=destinations)
        context["fares"] = pack_fares(list(destinations))
        context["submit_form"] = forms.get("submit_form") or SubmitForm()
    if side == "payee" and claim.state == Claim.State.APPROVED:
        context["report_form"] = forms.get("report_form") or ReportForm()
    if side == "reviewer":
        steps = {
            step: step_refusal(request.user, claim, step) for step in ("approve", "return", "fix", "pay")
        }
        context["review"] = {
            "decide": steps["approve"] is None,
            "note_form": forms.get("note_form") or DecisionNoteForm(),
            "fix_form": forms.get("fix_form") or FixForm(initial={"amount_yen": claim.approved_yen})
            if steps["fix"] is None
            else None,
            "pay_form": forms.get("pay_form") or PayForm(initial={"paid_on": timezone.localdate()})
            if steps["pay"] is None
            else None,
            "pay_refusal": str(steps["pay"]) if claim.state == Claim.State.FIXED and steps["pay"] else "",
        }
    return context


def render_claim(
    request: HttpRequest, claim: Claim, side: str, *, status: int = 200, **forms
) -> HttpResponse:
    return render(
        request, "subsidies/claim_detail.html", claim_context(request, claim, side, **forms), status=status
    )


@require_safe
@personal_data_view
@audience(**CLAIM_SIDES, denied=NOT_FOUND, personal_data=True)
def claim_detail(request: HttpRequest, pk) -> HttpResponse:
    claim, side = get_claim_for_user(request.user, pk)
    return render_claim(request, claim, side)


def _payee_claim(request: HttpRequest, pk) -> Claim:
    claim, side = get_claim_for_user(request.user, pk)
    if side != "payee":
        raise Http404(_("交通費支援の申請が見つかりません。"))
    return claim


@require_POST
@login_required
@audience(**PAYEE, denied=NOT_FOUND)
def trip_add(request: HttpRequest, pk) -> HttpResponse:
    claim = _payee_claim(request, pk)
    form = TripForm(request.POST, request.FILES, destinations=_destinations(claim))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_trip_add(
                claim=claim,
                by=request.user,
                date=data["date"],
                origin_prefecture=data["origin_prefecture"].code,
                destination=data["destination"],
                round_trip_fare_yen=data["round_trip_fare_yen"],
                fare_reason=data["fare_reason"],
                lodging_nights=data["lodging_nights"] or 0,
                lodging_yen_per_night=data["lodging_yen_per_night"] or 0,
                other_subsidy=data["other_subsidy"],
                receipt=data["receipt"],
            )
        except SupportError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("往復を追加しました。"))
            return redirect(_claim_url(claim, "#trips"))
    return render_claim(request, claim, "payee", status=400, trip_form=form)


def _trip_of(claim: Claim, trip_pk) -> ClaimTrip:
    trip = ClaimTrip.objects.filter(claim=claim, pk=trip_pk).first()
    if trip is None:
        raise Http404(_("往復が見つかりません。"))
    return trip


@require_POST
@login_required
@audience(**PAYEE, denied=NOT_FOUND)
def trip_remove(request: HttpRequest, pk, trip_pk) -> HttpResponse:
    claim = _payee_claim(request, pk)
    try:
        services.claim_trip_remove(claim=claim, trip=_trip_of(claim, trip_pk), by=request.user)
    except SupportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("往復を削除しました。"))
    return redirect(_claim_url(claim, "#trips"))


@require_POST
@login_required
@audience(**PAYEE, denied=NOT_FOUND)
def receipt_attach(request: HttpRequest, pk, trip_pk) -> HttpResponse:
    claim = _payee_claim(request, pk)
    trip = _trip_of(claim, trip_pk)
    form = ReceiptForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("領収書のファイルを選んでください。"))
        return redirect(_claim_url(claim, "#trips"))
    try:
        services.claim_trip_receipt_attach(
            claim=claim, trip=trip, by=request.user, receipt=form.cleaned_data["receipt"]
        )
    except SupportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("領収書を添付しました。"))
    return redirect(_claim_url(claim, "#trips"))


@require_safe
@personal_data_view
@audience(**CLAIM_SIDES, denied=NOT_FOUND, personal_data=True)
def receipt(request: HttpRequest, pk, trip_pk) -> HttpResponse:
    """A trip's receipt as a download, for the payee side and the program's managers (logged)."""
    claim, _side = get_claim_for_user(
        request.user, pk, what=gettext_lazy("交通費支援の申請（%(claim)s）の領収書の閲覧")
    )
    trip = _trip_of(claim, trip_pk)
    if not trip.receipt:
        raise Http404(_("領収書が見つかりません。"))
    try:
        handle = trip.receipt.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("領収書が見つかりません。")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=trip.receipt_name, content_type=trip.receipt_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _payee_form_step(
    request: HttpRequest, pk, form_class, service, done: str, form_name: str
) -> HttpResponse:
    """A payee's step with a form: the service takes the form's fields; a refusal goes back to
    the form on the claim's page (400)."""
    claim = _payee_claim(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(claim=claim, by=request.user, **form.cleaned_data)
        except SupportError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, done)
            return redirect(_claim_url(claim))
    claim.refresh_from_db()
    return render_claim(request, claim, "payee", status=400, **{form_name: form})


@require_POST
@login_required
@audience(**PAYEE, denied=NOT_FOUND)
def claim_submit(request: HttpRequest, pk) -> HttpResponse:
    done = _("申請しました。審査の結果はお知らせでお伝えします。")
    return _payee_form_step(request, pk, SubmitForm, services.claim_submit, done, "submit_form")


@require_POST
@login_required
@audience(**PAYEE, denied=NOT_FOUND)
def claim_report(request: HttpRequest, pk) -> HttpResponse:
    return _payee_form_step(
        request, pk, ReportForm, services.claim_report, _("実績報告を送りました。"), "report_form"
    )


urlpatterns = [
    path("programs/<id:pk>/claims/new/", claim_start, name="claim_start"),
    path("claims/", claim_list, name="claims"),
    path("claims/<id:pk>/", claim_detail, name="claim"),
    path("claims/<id:pk>/trips/", trip_add, name="trip_add"),
    path("claims/<id:pk>/trips/<id:trip_pk>/remove/", trip_remove, name="trip_remove"),
    path("claims/<id:pk>/trips/<id:trip_pk>/receipt/", receipt, name="receipt"),
    path("claims/<id:pk>/trips/<id:trip_pk>/receipt/attach/", receipt_attach, name="receipt_attach"),
    path("claims/<id:pk>/submit/", claim_submit, name="claim_submit"),
    path("claims/<id:pk>/report/", claim_report, name="claim_report"),
]
