"""The payee side's steps of a claim: start it for a contract, write its trips (fare prefilled from
the region pack, changed only with a reason; lodging; a receipt), submit it with the declaration,
and report what was done (実績報告) once it was approved.

Every service is atomic and raises a :class:`~duallife.subsidies.errors.SupportError`; the rules
of who may do what are in :mod:`duallife.subsidies.permissions`.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_yen
from duallife.core.texts import Text, Yen
from duallife.core.uploads import UploadRefused, upload_check
from duallife.engine.subsidies import fiscal_year_of
from duallife.engine.subsidies.types import PREFECTURE_CODES
from duallife.regions.models import Municipality

from ..errors import SupportConflictError, SupportError, SupportPermissionError
from ..links import claim_url
from ..models import Claim, ClaimEvent, ClaimTrip, Program
from ..notices import manager_users, tell
from ..permissions import (
    contract_claim_refusal,
    edit_refusal,
    intake_refusal,
    is_payee_side,
    report_refusal,
    submit_refusal,
)
from ..selectors.fares import pack_fare
from ..selectors.rules import claim_assessment, latest_version, reasons_to_json, rules_of
from ..texts import reason_text

MAX_TRIPS = 62
MAX_FARE_YEN = 1_000_000
MAX_NIGHTS = 31
MAX_LODGING_YEN = 100_000
NOTE_MAX_CHARS = 2000


def _payee_only(claim: Claim, by) -> None:
    if not is_payee_side(by, claim):
        raise SupportPermissionError(_("この申請を変更できるのは申請者だけです。"))


@transaction.atomic
def claim_create(*, program: Program, contract, by, today: datetime.date | None = None) -> Claim:
    """A draft claim under ``program`` for ``contract``, by its payee side."""
    today = today or timezone.localdate()
    refusal = contract_claim_refusal(by, contract, program)
    if refusal:
        raise SupportPermissionError(refusal)
    closed = intake_refusal(program, today=today)
    if closed:
        raise SupportConflictError(closed, code="intake_closed")
    version = latest_version(program)
    if version is None:
        raise SupportConflictError(_("この制度のルールがまだ登録されていません。"), code="no_rules")
    claim = Claim.objects.create(
        program=program,
        version=version,
        contract=contract,
        company_id=contract.organization_id,
        talent_id=contract.talent_id,
        payee=program.payee,
        created_by=by,
    )
    ClaimEvent.objects.create(claim=claim, action=ClaimEvent.Action.CREATED, by=by)
    return claim


def _yen(value, *, field: str, label, maximum: int) -> int:
    if value is None or isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise SupportError(
            _("%(label)sは0から%(max)sまでの整数で入力してください。")
            % {"label": label, "max": formats.number_format(maximum, force_grouping=True)},
            field=field,
        )
    return value


def _receipt_fields(receipt) -> dict:
    if receipt is None:
        return {}
    try:
        checked = upload_check(receipt, field="receipt")
    except UploadRefused as exc:
        raise SupportError(str(exc), field="receipt", code=exc.code, status=exc.status) from None
    return {
        "receipt": checked.upload,
        "receipt_name": checked.name,
        "receipt_type": checked.kind.content_type,
        "receipt_size": checked.size,
    }


@transaction.atomic
def claim_trip_add(
    *,
    claim: Claim,
    by,
    date: datetime.date,
    origin_prefecture: str,
    destination: Municipality,
    round_trip_fare_yen: int | None = None,
    fare_reason: str = "",
    lodging_nights: int = 0,
    lodging_yen_per_night: int = 0,
    other_subsidy: bool = False,
    receipt=None,
) -> ClaimTrip:
    """A round trip added to a draft (or returned) claim. Without a fare, the pack's is used; a fare
    that differs from the pack's needs a reason."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _payee_only(claim, by)
    refusal = edit_refusal(claim)
    if refusal:
        raise refusal
    if claim.trips.count() >= MAX_TRIPS:
        raise SupportError(_("1件の申請に入れられる往復は%(max)s件までです。") % {"max": MAX_TRIPS})
    if not isinstance(date, datetime.date):
        raise SupportError(_("出発日を入力してください。"), field="date")
    if abs(fiscal_year_of(date) - claim.program.fiscal_year) > 1:
        raise SupportError(
            _("出発日は%(year)s年度の前後で入力してください。") % {"year": claim.program.fiscal_year},
            field="date",
        )
    if origin_prefecture not in PREFECTURE_CODES:
        raise SupportError(_("出発地の都道府県を選んでください。"), field="origin_prefecture")
    standard = pack_fare(destination)
    if round_trip_fare_yen is None:
        if not standard:
            raise SupportError(
                _("この行き先の標準運賃がありません。往復運賃を入力してください。"),
                field="round_trip_fare_yen",
            )
        round_trip_fare_yen = standard
    fare = _yen(round_trip_fare_yen, field="round_trip_fare_yen", label=_("往復運賃"), maximum=MAX_FARE_YEN)
    fare_reason = " ".join((fare_reason or "").split())[:200]
    if standard and fare != standard and not fare_reason:
        raise SupportError(
            _("標準運賃（%(fare)s）と違う運賃には理由を書いてください（例: 早割、経路の違い）。")
            % {"fare": format_yen(standard)},
            field="fare_reason",
        )
    nights = _yen(lodging_nights, field="lodging_nights", label=_("宿泊数"), maximum=MAX_NIGHTS)
    per_night = _yen(
        lodging_yen_per_night, field="lodging_yen_per_night", label=_("1泊の宿泊費"), maximum=MAX_LODGING_YEN
    )
    if nights and not per_night:
        raise SupportError(_("宿泊したときは1泊の宿泊費を入力してください。"), field="lodging_yen_per_night")
    return ClaimTrip.objects.create(
        claim=claim,
        date=date,
        origin_prefecture=origin_prefecture,
        destination=destination,
        round_trip_fare_yen=fare,
        pack_fare_yen=standard,
        fare_reason=fare_reason if fare != standard else "",
        lodging_nights=nights,
        lodging_yen_per_night=per_night if nights else 0,
        other_subsidy=bool(other_subsidy),
        **_receipt_fields(receipt),
    )


@transaction.atomic
def claim_trip_remove(*, claim: Claim, trip: ClaimTrip, by) -> None:
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _payee_only(claim, by)
    refusal = edit_refusal(claim)
    if refusal:
        raise refusal
    if trip.claim_id != claim.pk:
        raise SupportError(_("この申請の往復ではありません。"))
    if trip.receipt:
        trip.receipt.delete(save=False)
    trip.delete()


@transaction.atomic
def claim_trip_receipt_attach(*, claim: Claim, trip: ClaimTrip, by, receipt) -> ClaimTrip:
    """A receipt for a trip: while the claim is written, and after 交付決定 for the report."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _payee_only(claim, by)
    if claim.state not in (Claim.State.DRAFT, Claim.State.RETURNED, Claim.State.APPROVED):
        raise SupportError(_("この段階では領収書を変更できません。"), code="not_editable")
    if trip.claim_id != claim.pk:
        raise SupportError(_("この申請の往復ではありません。"))
    if receipt is None:
        raise SupportError(_("領収書のファイルを選んでください。"), field="receipt")
    fields = _receipt_fields(receipt)
    old = trip.receipt.name if trip.receipt else ""
    for name, value in fields.items():
        setattr(trip, name, value)
    trip.save()
    if old:
        trip.receipt.storage.delete(old)
    return trip


def _trips(claim: Claim) -> list[ClaimTrip]:
    return list(claim.trips.select_related("destination__prefecture"))


@transaction.atomic
def claim_submit(*, claim: Claim, by, declared: bool, now: datetime.datetime | None = None) -> Claim:
    """申請: the claim goes to review under the program's latest rules, with the declaration that
    no other subsidy pays its trips. A claim the rules refuse, or that would be paid nothing, is
    not sent (the reasons say why)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    claim = (
        Claim.objects.select_related("program", "contract", "talent")
        .select_for_update(of=("self",))
        .get(pk=claim.pk)
    )
    _payee_only(claim, by)
    version = latest_version(claim.program)
    trips = _trips(claim)
    refusal = submit_refusal(claim, rules=rules_of(version), today=today, trips=len(trips))
    if refusal:
        raise refusal
    if not declared:
        raise SupportError(
            _("ほかの補助を受けていないこと（受けている往復はそう記したこと）を申告してください。"),
            field="declared",
        )
    outcome = claim_assessment(claim, version)
    if not outcome.eligible or outcome.payable_yen == 0:
        raise SupportError(
            _("この内容では支援の対象になりません: %(reasons)s")
            % {"reasons": " ".join(reason_text(reason) for reason in outcome.reasons)},
            code="not_eligible",
        )
    claim.version = version
    claim.assessed_yen = outcome.payable_yen
    claim.assessment = reasons_to_json(outcome)
    claim.declared_no_other_subsidy = True
    claim.state = Claim.State.SUBMITTED
    claim.submitted_at = now
    claim.decision_note = ""
    claim.save()
    ClaimEvent.objects.create(
        claim=claim, action=ClaimEvent.Action.SUBMITTED, by=by, at=now, amount_yen=outcome.payable_yen
    )
    tell(
        manager_users(claim.program),
        title=Text(gettext_lazy("「%(program)s」に申請がありました"), program=claim.program.name),
        body=[Text(gettext_lazy("算定額: %(amount)s"), amount=Yen(outcome.payable_yen))],
        url=claim_url(claim.pk),
    )
    return claim


@transaction.atomic
def claim_report(*, claim: Claim, by, note: str = "", now: datetime.datetime | None = None) -> Claim:
    """実績報告: the trips were made; every trip has its receipt."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    claim = Claim.objects.select_related("program").select_for_update(of=("self",)).get(pk=claim.pk)
    _payee_only(claim, by)
    trips = _trips(claim)
    refusal = report_refusal(claim, trips_without_receipt=sum(1 for trip in trips if not trip.receipt))
    if refusal:
        raise refusal
    if any(trip.date > today for trip in trips):
        raise SupportError(
            _("まだ出発日が来ていない往復があります。往復を終えてから報告してください。"), code="trips_ahead"
        )
    note = (note or "").strip()
    if len(note) > NOTE_MAX_CHARS:
        raise SupportError(_("報告は%(max)s字以内で書いてください。") % {"max": NOTE_MAX_CHARS}, field="note")
    claim.state = Claim.State.REPORTED
    claim.reported_at = now
    claim.report_note = note
    claim.save(update_fields=["state", "reported_at", "report_note", "updated_at"])
    ClaimEvent.objects.create(claim=claim, action=ClaimEvent.Action.REPORTED, by=by, at=now, note=note)
    tell(
        manager_users(claim.program),
        title=Text(gettext_lazy("「%(program)s」の実績報告がありました"), program=claim.program.name),
        url=claim_url(claim.pk),
    )
    return claim
