"""Pages of scouts and 気になる, and what the sheet, talent and prefecture pages show of them.

- ``/scouts/``: the talent's received scouts (pending first, with the answer date);
- ``/scouts/sent/``: scouts sent by the user's company or coordinator body, with the quota left;
- ``/scouts/new/?talent=&sheet=``: write a scout for one of the sender's open sheets;
- ``/scouts/<id>/``: one scout; the talent accepts (choosing what the company receives), declines,
  or first asks for a casual talk (まずは話を聞く: ``talk/``), whose messages are on the same page;
  the sending side may close the talk (``talk/close/``);
- ``/interests/``: the talent's 気になる, each with the "tell the company my display name" switch;
- ``/interests/toggle/``: the 気になる button (a plain form; htmx swaps just the button).

Thin: scouts and interests are loaded through ``permissions`` (404 for anyone else), one service
writes, and its :class:`EngagementError` becomes a form error or a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, NOT_FOUND, OWN, OWNER, SIGNED_IN, audience
from duallife.core.ids import parse_id
from duallife.core.paging import page_of
from duallife.organizations.views import forbidden
from duallife.postings.models import SpecSheet
from duallife.postings.permissions import get_sheet_for_public
from duallife.regions.models import Prefecture
from duallife.talents.permissions import visible_talents

from ..errors import EngagementError
from ..forms.scouts import (
    AcceptForm,
    DeclineForm,
    InterestToggleForm,
    ScoutForm,
    SharingForm,
    SheetPickForm,
    TalkCloseForm,
    TalkStartForm,
)
from ..models import Application, Interest, Scout
from ..permissions import (
    authenticated,
    can_send_scouts,
    get_interest_for_owner,
    get_scout_for_user,
    is_company_side,
    scout_answerable,
    scoutable_sheets,
    sees_prefecture_interest,
    talent_of,
    talk_may_start,
)
from ..selectors.interests import (
    interest_counts_for_prefectures,
    interest_counts_for_sheets,
    interest_of,
    interested_names,
    interests_of_talent,
)
from ..selectors.messages import talk_unread_counts
from ..selectors.scouts import answered_scouts, scout_quota, sent_scouts, talking_scouts, waiting_scouts
from ..services import interests as interest_services
from ..services import scouts as services
from .messages import talk_panel


def _report(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


# --- The talent's inbox and the senders' list -----------------------------------------------------


@personal_data_view
@audience(SIGNED_IN, personal_data=True)
def inbox(request: HttpRequest) -> HttpResponse:
    can_send = can_send_scouts(request.user)
    has_profile = talent_of(request.user) is not None
    if can_send and not has_profile:
        return redirect("engagements:scouts_sent")
    now = timezone.now()
    answered = page_of(request, answered_scouts(request.user, now=now))
    talking = talking_scouts(request.user)
    unread = talk_unread_counts(request.user, [scout.pk for scout in talking])
    context = {
        "tab": "received",
        "can_send": can_send,
        "has_profile": has_profile,
        "pending": waiting_scouts(request.user, now=now),
        "talking": [(scout, unread[scout.pk]) for scout in talking],
        "answered": answered.object_list,
        "page": answered,
    }
    return render(request, "engagements/scouts/inbox.html", context)


@personal_data_view
@audience(company=ALL, coordinator=ALL, operator=ALL, personal_data=True)
def sent(request: HttpRequest) -> HttpResponse:
    if not can_send_scouts(request.user):
        return forbidden(
            request, _("スカウトを送れるのは、企業のメンバーと自治体・支援機関・事務局の方です。")
        )
    page = page_of(request, sent_scouts(request.user))
    scouts = list(page.object_list)
    talks = [scout.pk for scout in scouts if scout.talk_started_at is not None]
    unread = talk_unread_counts(request.user, talks) if talks else {}
    context = {
        "tab": "sent",
        "can_send": True,
        "has_profile": talent_of(request.user) is not None,
        "page": page,
        "scouts": [(scout, unread.get(scout.pk, 0)) for scout in scouts],
        "quota": scout_quota(request.user),
    }
    return render(request, "engagements/scouts/sent.html", context)


# --- One scout ------------------------------------------------------------------------------------


# The scouted talent and the members of the sending organisation and of the sheet's company.
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def detail(request: HttpRequest, pk) -> HttpResponse:
    scout, side = get_scout_for_user(request.user, pk)
    now = timezone.now()
    answerable = side == "talent" and scout_answerable(scout, now=now)
    talking = scout.status == Scout.Status.TALKING
    context = {
        "scout": scout,
        "side": side,
        "sheet": scout.sheet,
        "answerable": answerable,
        "overdue": scout.status == Scout.Status.PENDING and not scout_answerable(scout, now=now),
        "accept_form": AcceptForm(prefix="accept") if answerable else None,
        "decline_form": DeclineForm(prefix="decline") if answerable else None,
        "talk_form": TalkStartForm(prefix="talk") if answerable and talk_may_start(scout, now=now) else None,
        "close_form": TalkCloseForm(prefix="close") if side == "sender" and talking else None,
        "talk": talk_panel(request, scout),
    }
    return render(request, "engagements/scouts/detail.html", context)


def _back(scout: Scout) -> HttpResponse:
    return redirect("engagements:scout_detail", scout.pk)


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def accept(request: HttpRequest, pk) -> HttpResponse:
    scout, _side = get_scout_for_user(request.user, pk)
    form = AcceptForm(request.POST, prefix="accept")
    if not form.is_valid():
        _report(request, form)
        return _back(scout)
    try:
        services.scout_accept(
            scout=scout,
            by=request.user,
            shared_fields=form.cleaned_data["shared_fields"],
            message=form.cleaned_data["message"],
        )
    except EngagementError as exc:
        scout.refresh_from_db()
        if scout.application_id and scout.talent.user_id == request.user.pk:  # a double-click
            return redirect("engagements:application_detail", scout.application_id)
        messages.error(request, exc.message)
        return _back(scout)
    messages.success(request, _("スカウトを承諾しました。企業とのやりとりは、この応募のページで行えます。"))
    return redirect("engagements:application_detail", scout.application_id)


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def decline(request: HttpRequest, pk) -> HttpResponse:
    scout, _side = get_scout_for_user(request.user, pk)
    form = DeclineForm(request.POST, prefix="decline")
    if not form.is_valid():
        _report(request, form)
        return _back(scout)
    try:
        services.scout_decline(scout=scout, by=request.user, reason=form.cleaned_data["reason"])
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("スカウトを辞退しました。送った方にお知らせしました。"))
    return _back(scout)


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk(request: HttpRequest, pk) -> HttpResponse:
    """まずは話を聞く: the scouted talent opens a casual talk on the scout."""
    scout, _side = get_scout_for_user(request.user, pk)
    form = TalkStartForm(request.POST, prefix="talk")
    if not form.is_valid():
        _report(request, form)
        return _back(scout)
    try:
        services.scout_talk_start(scout=scout, by=request.user, message=form.cleaned_data["message"])
    except EngagementError as exc:
        messages.error(request, exc.message)
        return _back(scout)
    messages.success(
        request,
        _("カジュアル面談を始めました。企業とメッセージで話せます。応募するまで、氏名や連絡先は届きません。"),
    )
    return redirect(reverse("engagements:scout_detail", args=[scout.pk]) + "#thread")


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_close(request: HttpRequest, pk) -> HttpResponse:
    """The sending side ends the casual talk, with optional words for the talent."""
    scout, _side = get_scout_for_user(request.user, pk)
    form = TalkCloseForm(request.POST, prefix="close")
    if not form.is_valid():
        _report(request, form)
        return _back(scout)
    try:
        services.scout_talk_close(scout=scout, by=request.user, message=form.cleaned_data["message"])
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("カジュアル面談を終えました。人材の方にお礼とともにお知らせしました。"))
    return _back(scout)


# --- Writing a scout ------------------------------------------------------------------------------


def _talent_to_scout(request: HttpRequest):
    pk = parse_id(request.GET.get("talent"), not_found=_("人材が見つかりません。"))
    talent = visible_talents(request.user).filter(pk=pk).first()
    if talent is None or talent.user_id == request.user.pk:
        raise Http404(_("人材が見つかりません。"))
    return talent


def _chosen_sheet(request: HttpRequest, sheets: list[SpecSheet]) -> SpecSheet | None:
    raw = request.GET.get("sheet")
    if not raw:
        return None
    return next((sheet for sheet in sheets if str(sheet.pk) == raw.strip()), None)


@personal_data_view
@audience(company=ALL, coordinator=ALL, operator=ALL, personal_data=True)
def new(request: HttpRequest) -> HttpResponse:
    if not can_send_scouts(request.user):
        return forbidden(
            request, _("スカウトを送れるのは、企業のメンバーと自治体・支援機関・事務局の方です。")
        )
    talent = _talent_to_scout(request)
    sheets = list(scoutable_sheets(request.user)[:200])
    sheet = _chosen_sheet(request, sheets)
    pick_form = SheetPickForm(initial={"sheet": sheet.pk} if sheet else None, sheets=sheets)
    form = None
    if sheet is not None:
        if request.method == "POST":
            form = ScoutForm(request.POST)
            if form.is_valid():
                try:
                    scout = services.scout_send(
                        sheet=sheet, talent=talent, by=request.user, message=form.cleaned_data["message"]
                    )
                except EngagementError as exc:
                    form.add_error("message" if exc.field == "message" else None, exc.message)
                else:
                    messages.success(request, _("スカウトを送りました。回答があるとお知らせが届きます。"))
                    return redirect("engagements:scout_detail", scout.pk)
        else:
            form = ScoutForm(initial={"message": sheet.why_you})
    existing = Scout.objects.filter(sheet=sheet, talent=talent).first() if sheet is not None else None
    applied = sheet is not None and Application.objects.filter(sheet=sheet, talent=talent).exists()
    context = {
        "talent": talent,
        "sheets": sheets,
        "sheet": sheet,
        "sheet_unknown": bool(request.GET.get("sheet")) and sheet is None,
        "pick_form": pick_form,
        "form": form if not (existing or applied) else None,
        "existing": existing,
        "applied": applied,
        "quota": scout_quota(request.user),
    }
    return render(request, "engagements/scouts/new.html", context)


# --- 気になる --------------------------------------------------------------------------------------


def _safe_next(request: HttpRequest, candidate: str, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _interest_target(form) -> tuple[SpecSheet | None, Prefecture | None, str]:
    """The sheet or prefecture the button is for (404 if unknown), and its page."""
    if form.cleaned_data.get("sheet"):
        sheet = get_sheet_for_public(form.cleaned_data["sheet"])
        return sheet, None, reverse("postings:detail", args=[sheet.pk])
    prefecture = Prefecture.objects.filter(code=form.cleaned_data["prefecture"]).first()
    if prefecture is None:
        raise Http404(_("県が見つかりません。"))
    return None, prefecture, reverse("regions:prefecture", args=[prefecture.code])


@require_POST
@audience(SIGNED_IN)
def interest_toggle(request: HttpRequest) -> HttpResponse:
    form = InterestToggleForm(request.POST)
    fallback = reverse("engagements:interests")
    if not authenticated(request.user):
        return redirect_to_login(_safe_next(request, request.POST.get("next", ""), fallback))
    if not form.is_valid():
        _report(request, form)
        return redirect(_safe_next(request, request.POST.get("next", ""), fallback))
    sheet, prefecture, page = _interest_target(form)
    back = _safe_next(request, form.cleaned_data["next"], page)
    try:
        on = interest_services.interest_toggle(
            by=request.user, sheet=sheet, prefecture=prefecture, on=form.cleaned_data["on"]
        )
    except EngagementError as exc:
        if request.htmx:
            talent = talent_of(request.user)
            was_on = interest_of(talent, sheet=sheet, prefecture=prefecture) is not None
            button = _button(sheet=sheet, prefecture=prefecture, on=was_on, next_url=back)
            button["error"] = exc.message
            return render(request, "engagements/interests/_button.html", {"button": button})
        messages.error(request, exc.message)
        return redirect(back)
    if request.htmx:
        button = _button(sheet=sheet, prefecture=prefecture, on=on, next_url=back)
        return render(request, "engagements/interests/_button.html", {"button": button})
    messages.success(request, _("「気になる」に追加しました。") if on else _("「気になる」から外しました。"))
    return redirect(back)


@personal_data_view
@audience(SIGNED_IN, personal_data=True)
def interests(request: HttpRequest) -> HttpResponse:
    items = interests_of_talent(request.user)
    sheets = page_of(request, items.filter(sheet__isnull=False))
    context = {
        "has_profile": talent_of(request.user) is not None,
        "sheet_interests": sheets.object_list,
        "page": sheets,
        "prefecture_interests": list(items.filter(prefecture__isnull=False)),
        "here": request.get_full_path(),
    }
    return render(request, "engagements/interests/list.html", context)


@require_POST
@personal_data_view
@audience(talent=OWN, denied=NOT_FOUND, personal_data=True)
def interest_sharing(request: HttpRequest, pk) -> HttpResponse:
    interest = get_interest_for_owner(request.user, pk)
    form = SharingForm(request.POST)
    if not form.is_valid():
        _report(request, form)
        return redirect("engagements:interests")
    try:
        interest_services.interest_set_sharing(
            interest=interest, by=request.user, share_identity=form.cleaned_data["share_identity"]
        )
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("企業に表示名を知らせるようにしました。")
            if interest.share_identity
            else _("表示名を知らせないようにしました。企業には人数だけが伝わります。"),
        )
    return redirect("engagements:interests")


# --- What other pages show --------------------------------------------------------------------------


def _login_url(next_url: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def _button(*, sheet=None, prefecture=None, on: bool, next_url: str) -> dict:
    """The 気になる button's state, for ``engagements/interests/_button.html``."""
    return {
        "field": "sheet" if sheet is not None else "prefecture",
        "value": sheet.pk if sheet is not None else prefecture.code,
        "on": on,
        "next": next_url,
    }


def sheet_is_open(sheet: SpecSheet) -> bool:
    return sheet.status == SpecSheet.Status.PUBLISHED and (
        sheet.closes_on is None or sheet.closes_on >= timezone.localdate()
    )


def sheet_page_context(request: HttpRequest, sheet: SpecSheet) -> dict:
    """For the sheet page: how this visitor applies, their 気になる, and (for the company) the count."""
    user = request.user
    company_side = is_company_side(user, sheet)
    talent = None if company_side else talent_of(user)
    here = request.get_full_path()
    context = {
        "is_open": sheet_is_open(sheet),
        "anonymous": not authenticated(user),
        "company_side": company_side,
        "talent": talent,
        "login_url": _login_url(here),
        "application": None,
        "button": None,
    }
    if talent is not None:
        context["application"] = Application.objects.filter(sheet=sheet, talent=talent).only("pk").first()
        on = Interest.objects.filter(sheet=sheet, talent=talent).exists()
        if on or sheet.status == SpecSheet.Status.PUBLISHED:
            context["button"] = _button(sheet=sheet, on=on, next_url=here)
    if company_side:
        context["interest_count"] = interest_counts_for_sheets([sheet.pk]).get(sheet.pk, 0)
        context["interested_names"] = interested_names(sheet)
    return context


def talent_page_context(request: HttpRequest, talent) -> dict:
    """For the talent page: the スカウトする link, for those who may send scouts."""
    user = request.user
    if talent.user_id == getattr(user, "pk", None) or not can_send_scouts(user):
        return {"scout_url": None}
    return {"scout_url": f"{reverse('engagements:scout_new')}?talent={talent.pk}"}


def prefecture_page_context(request: HttpRequest, prefecture: Prefecture) -> dict:
    """For a prefecture page: the talent's 気になる button, the count for staff of the area."""
    user = request.user
    talent = talent_of(user)
    here = request.get_full_path()
    context = {
        "prefecture": prefecture,
        "anonymous": not authenticated(user),
        "login_url": _login_url(here),
        "button": None,
        "count": None,
    }
    if talent is not None:
        on = Interest.objects.filter(prefecture=prefecture, talent=talent).exists()
        context["button"] = _button(prefecture=prefecture, on=on, next_url=here)
    if sees_prefecture_interest(user, prefecture):
        context["count"] = interest_counts_for_prefectures([prefecture.pk]).get(prefecture.pk, 0)
    return context


urlpatterns = [
    path("scouts/", inbox, name="scouts"),
    path("scouts/sent/", sent, name="scouts_sent"),
    path("scouts/new/", new, name="scout_new"),
    path("scouts/<id:pk>/", detail, name="scout_detail"),
    path("scouts/<id:pk>/accept/", accept, name="scout_accept"),
    path("scouts/<id:pk>/decline/", decline, name="scout_decline"),
    path("scouts/<id:pk>/talk/", talk, name="scout_talk"),
    path("scouts/<id:pk>/talk/close/", talk_close, name="scout_talk_close"),
    path("interests/", interests, name="interests"),
    path("interests/toggle/", interest_toggle, name="interest_toggle"),
    path("interests/<id:pk>/sharing/", interest_sharing, name="interest_sharing"),
]
