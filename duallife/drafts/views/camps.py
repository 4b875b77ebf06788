"""Pages of a draft's camps (合宿).

- ``camp_create`` (the organiser): the form; a new camp is announced to the players and teams;
- ``camp`` (public): what, when, where (an online camp's place only for the registered and the
  organiser), seats left, and for the viewer the register / cancel buttons or why they cannot;
  the organiser also sees the registrants (display names and organisation names only);
- ``camp_register`` / ``camp_cancel`` (POST): one service each; a refusal shows the camp page
  again with the reason (400);
- ``camp_attendance`` (the organiser, behind staff MFA): 出席／欠席 for every registrant in one POST;
- ``camp_edit`` / ``camp_delete`` (the organiser, before the camp starts): the create form again,
  and a confirmation page before cancelling (then a POST).

Whether the viewer may register, and why not, is
:func:`~duallife.drafts.permissions.camps.camp_registration_refusal` — the same function the
service asks before it takes a seat.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from duallife.accounts.mfa import mfa_setup_required, personal_data_view
from duallife.core.audience import ALL, OWN, PUBLIC, SIGNED_IN, audience
from duallife.organizations.views import forbidden

from ..errors import CampInputError, DraftError
from ..forms.camps import AttendanceForm, CampForm, RegisterForm, camp_initial
from ..links import camp_url
from ..models import CampRegistration, DraftCamp, DraftEvent
from ..permissions.camps import (
    camp_edit_refusal,
    camp_registration_refusal,
    camp_started,
    get_camp,
    may_register,
)
from ..permissions.events import get_event, organizes
from ..permissions.players import player_of
from ..permissions.teams import get_team, teams_of
from ..selectors.camps import attendance_summary, registrant_label, registrants, seats_taken
from ..services.camps import (
    camp_attendance_record,
    camp_cancel,
    camp_create,
    camp_delete,
    camp_register,
    camp_update,
)
from .common import login


def _camp_url(event: DraftEvent, camp: DraftCamp) -> str:
    return camp_url(event.pk, camp.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@audience(coordinator=OWN, operator=ALL)
def camp_create_view(request: HttpRequest, pk) -> HttpResponse:
    if not request.user.is_authenticated:
        return login(request)
    event = get_event(pk)
    if not organizes(request.user, event):
        return forbidden(request, _("合宿をつくれるのは、このドラフト会議の主催者と事務局です。"))
    status = 200
    if request.method == "POST":
        form = CampForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                camp = camp_create(event=event, by=request.user, **data)
            except CampInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("合宿「%(title)s」をつくりました。") % {"title": camp.title})
                return redirect(_camp_url(event, camp))
        status = 400
    else:
        form = CampForm(initial={"mode": DraftCamp.Mode.ONLINE, "capacity": 30})
    context = {"event": event, "form": form}
    return render(request, "drafts/camps/create.html", context, status=status)


def _register_options(player, teams) -> list[dict]:
    """One register button per way the viewer may take part: as the player, for each team."""
    options = []
    if player is not None:
        options.append({"team": None, "label": _("選手として参加登録する")})
    for team in teams:
        options.append(
            {"team": team, "label": _("%(team)sとして参加登録する") % {"team": team.organization.name}}
        )
    return options


def _camp_page(
    request: HttpRequest, event: DraftEvent, camp: DraftCamp, *, error: str = "", status: int = 200
):
    user = request.user
    now = timezone.now()
    organizer = organizes(user, event)
    registration = None
    if user.is_authenticated:
        registration = (
            CampRegistration.objects.filter(camp=camp, user=user).select_related("team__organization").first()
        )
    registered = seats_taken(camp)
    seats_left = max(camp.capacity - registered, 0)
    started = camp_started(camp, now=now)
    # Registrants are people: staff see them behind MFA like every page with personal data.
    staff_needs_mfa = organizer and mfa_setup_required(user)
    rows = []
    if organizer and not staff_needs_mfa:
        rows = [{"registration": r, "label": registrant_label(r)} for r in registrants(camp)]
    # the service's own refusals, explained on the page (none while the viewer holds a seat)
    refusal = None if registration is not None else camp_registration_refusal(user, camp)
    why_not = refusal.code if refusal is not None else ""
    options = []
    if registration is None and refusal is None:
        options = _register_options(player_of(user, event), list(teams_of(user, event)))
    context = {
        "event": event,
        "camp": camp,
        "registered": registered,
        "seats_left": seats_left,
        "started": started,
        "ended": now >= camp.ends_at,
        "registration": registration,
        "options": options,
        "why_not": why_not,
        "show_place": camp.mode == DraftCamp.Mode.ONSITE or organizer or registration is not None,
        "organizer": organizer,
        "staff_needs_mfa": staff_needs_mfa,
        "rows": rows,
        "error": error,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': _camp_url(event, camp)})}",
    }
    return render(request, "drafts/camps/detail.html", context, status=status)


@require_safe
@audience(PUBLIC)
def camp_detail(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    return _camp_page(request, event, camp)


@require_POST
@audience(talent=OWN, company=OWN, coordinator=OWN)
def camp_register_view(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_camp_url(event, camp))
    if not may_register(request.user, event):
        return forbidden(
            request, _("合宿に参加登録できるのは、このドラフト会議の選手と、参加チームのメンバーです。")
        )
    form = RegisterForm(request.POST)
    if not form.is_valid():
        return _camp_page(request, event, camp, error=form.errors["team"][0], status=400)
    team_pk = form.cleaned_data["team"]
    team = get_team(event, team_pk) if team_pk else None
    try:
        registration = camp_register(camp=camp, by=request.user, team=team)
    except DraftError as exc:
        return _camp_page(request, event, camp, error=exc.message, status=400)
    if registration.team_id:
        text = _("「%(title)s」に%(team)sとして参加登録しました。") % {
            "title": camp.title,
            "team": registration.team.organization.name,
        }
    else:
        text = _("「%(title)s」に参加登録しました。") % {"title": camp.title}
    messages.success(request, text)
    return redirect(_camp_url(event, camp))


@require_POST
@audience(SIGNED_IN)
def camp_cancel_view(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    if not request.user.is_authenticated:
        return redirect_to_login(_camp_url(event, camp))
    try:
        camp_cancel(camp=camp, by=request.user)
    except DraftError as exc:
        return _camp_page(request, event, camp, error=exc.message, status=400)
    messages.success(request, _("「%(title)s」の参加登録を取り消しました。") % {"title": camp.title})
    return redirect(_camp_url(event, camp))


@require_http_methods(["GET", "HEAD", "POST"])
@personal_data_view
@audience(coordinator=OWN, operator=ALL, personal_data=True)
def camp_attendance(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    if not organizes(request.user, event):
        return forbidden(request, _("出欠を記録できるのは、このドラフト会議の主催者と事務局です。"))
    rows = registrants(camp)
    started = camp_started(camp)
    status = 200
    error = ""
    if request.method == "POST":
        form = AttendanceForm(request.POST, registrations=rows)
        if form.is_valid():
            try:
                camp_attendance_record(camp=camp, by=request.user, attended=form.attended())
            except DraftError as exc:
                error = exc.message
            else:
                messages.success(request, _("出欠を保存しました。"))
                return redirect(reverse("drafts:camp_attendance", args=[event.pk, camp.pk]))
        else:
            error = _("出欠を保存できませんでした。選び直してください。")
        status = 400
    else:
        form = AttendanceForm(registrations=rows)
    context = {
        "event": event,
        "camp": camp,
        "form": form,
        "started": started,
        "summary": attendance_summary(rows),
        "error": error,
    }
    return render(request, "drafts/camps/attendance.html", context, status=status)


def _organiser_camp(request: HttpRequest, pk, camp_pk, message: str):
    """(event, camp, None) for the organiser; (…, a response) for anyone else."""
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    if not request.user.is_authenticated:
        return event, camp, login(request)
    if not organizes(request.user, event):
        return event, camp, forbidden(request, message)
    return event, camp, None


@require_http_methods(["GET", "HEAD", "POST"])
@audience(coordinator=OWN, operator=ALL)
def camp_edit(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event, camp, denied = _organiser_camp(
        request, pk, camp_pk, _("合宿を変更できるのは、このドラフト会議の主催者と事務局です。")
    )
    if denied is not None:
        return denied
    cannot_edit = camp_edit_refusal(camp)
    status = 200
    error = ""
    form = CampForm(request.POST if request.method == "POST" else None, initial=camp_initial(camp))
    if request.method == "POST":
        if cannot_edit:
            error = cannot_edit
        elif form.is_valid():
            try:
                camp = camp_update(camp=camp, by=request.user, **form.cleaned_data)
            except CampInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("合宿「%(title)s」を保存しました。") % {"title": camp.title})
                return redirect("drafts:camp", pk=event.pk, camp_pk=camp.pk)
        status = 400
    context = {
        "event": event,
        "camp": camp,
        "form": form,
        "started": cannot_edit is not None,
        "error": error,
        "registered": seats_taken(camp),
    }
    return render(request, "drafts/manage/camp_edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@audience(coordinator=OWN, operator=ALL)
def camp_delete_view(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event, camp, denied = _organiser_camp(
        request, pk, camp_pk, _("合宿を中止できるのは、このドラフト会議の主催者と事務局です。")
    )
    if denied is not None:
        return denied
    status = 200
    error = ""
    if request.method == "POST":
        title = camp.title
        try:
            told = camp_delete(camp=camp, by=request.user)
        except DraftError as exc:
            error, status = exc.message, 400
        else:
            messages.success(
                request,
                _("合宿「%(title)s」を中止しました。参加登録していた%(count)d人にお知らせしました。")
                % {"title": title, "count": told},
            )
            return redirect("drafts:detail", pk=event.pk)
    context = {
        "event": event,
        "camp": camp,
        "started": camp_started(camp),
        "registered": seats_taken(camp),
        "error": error,
    }
    return render(request, "drafts/manage/camp_delete.html", context, status=status)


urlpatterns = [
    path("<id:pk>/camps/new/", camp_create_view, name="camp_create"),
    path("<id:pk>/camps/<id:camp_pk>/", camp_detail, name="camp"),
    path("<id:pk>/camps/<id:camp_pk>/register/", camp_register_view, name="camp_register"),
    path("<id:pk>/camps/<id:camp_pk>/cancel/", camp_cancel_view, name="camp_cancel"),
    path("<id:pk>/camps/<id:camp_pk>/attendance/", camp_attendance, name="camp_attendance"),
    path("<id:pk>/camps/<id:camp_pk>/edit/", camp_edit, name="camp_edit"),
    path("<id:pk>/camps/<id:camp_pk>/delete/", camp_delete_view, name="camp_delete"),
]
