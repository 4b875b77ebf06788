"""Nominations (指名): the player's answer, the team's message, and what came of it.

``nominations`` shows one section per role the viewer has in the event: the player's own
nominations with 受諾する / 辞退する (``nomination_respond``, which first shows what the answer
means and asks to confirm it, then answers); the team's nominations with the
message form (``nomination_message_save``) and, once accepted, how to continue and the outcome
form (``nomination_outcome_record``); for the organiser every nomination, filterable by status,
with the outcome form and a summary of outcomes. Anyone without a role gets 403; a nomination
someone is not concerned by is a 404. Refused input re-renders the page with status 400 and the
message next to the nomination it concerns. What each side may do now is asked of
:mod:`duallife.drafts.permissions.nominations`, as the services ask it before they write.

``nomination`` is the nominated player's page of one nomination: the team's message, what
accepting commits to and what it does not, the question thread with the nominating team (the
team and player's message thread: the player asks here while the nomination is pending, the team
answers in the thread) and the answer buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, NOT_FOUND, OWN, audience
from duallife.engagements.permissions import scoutable_sheets
from duallife.organizations.views import forbidden
from duallife.talents.permissions import visible_talents

from ..errors import DraftError
from ..forms.nominations import AnswerForm, MessageForm, OutcomeForm, QuestionForm, StatusFilterForm
from ..links import nomination_url, nominations_url
from ..models import DraftEvent, Nomination
from ..permissions.events import get_event, negotiation_open, nomination_day_reached
from ..permissions.nominations import (
    Roles,
    answer_refusal,
    get_nomination_for_user,
    question_refusal,
    roles_of,
)
from ..selectors.messages import thread_messages
from ..selectors.nominations import (
    nominations_of_event,
    nominations_of_player,
    nominations_of_teams,
    outcome_summary,
)
from ..selectors.runs import has_runs
from ..services.nominations import (
    nomination_message_save,
    nomination_outcome_record,
    nomination_question_ask,
    nomination_respond,
)

PLAYER, TEAM, ORGANISER = "player", "team", "organiser"


@dataclass
class Failed:
    """A refused POST to show again: which nomination, in which section, and the bound form."""

    pk: int
    section: str
    kind: str  # "answer" | "message" | "outcome"
    form: object = None
    error: str = ""


@dataclass
class Card:
    nomination: Nomination
    section: str
    message_form: MessageForm | None = None
    outcome_form: OutcomeForm | None = None
    error: str = ""
    can_answer: bool = False
    answers_not_yet: bool = False  # pending, before the nomination day opens the window
    can_message: bool = False
    scout: bool = False


def _auto_id(section: str, pk: int) -> str:
    return f"id_{section}-{pk}-%s"


def _card(nomination: Nomination, section: str, event: DraftEvent, failed: Failed | None, user) -> Card:
    mine = failed is not None and failed.pk == nomination.pk and failed.section == section
    open_ = negotiation_open(event)
    card = Card(nomination=nomination, section=section, error=failed.error if mine else "")
    if section == PLAYER:
        pending = nomination.status == Nomination.Status.PENDING
        card.can_answer = answer_refusal(user, nomination, event=event) is None
        card.answers_not_yet = pending and not nomination_day_reached(event)
        return card
    card.can_message = open_ and section == TEAM
    if card.can_message:
        card.message_form = (
            failed.form
            if mine and failed.kind == "message"
            else MessageForm(
                initial={"message": nomination.message}, auto_id=_auto_id(section, nomination.pk)
            )
        )
    if nomination.status == Nomination.Status.ACCEPTED:
        card.outcome_form = (
            failed.form
            if mine and failed.kind == "outcome"
            else OutcomeForm(
                initial={"outcome": nomination.outcome or None, "note": nomination.outcome_note},
                auto_id=_auto_id(section, nomination.pk),
            )
        )
    return card


def _page(
    request: HttpRequest,
    event: DraftEvent,
    roles: Roles,
    *,
    failed: Failed | None = None,
    status: int = 200,
) -> HttpResponse:
    filter_form = StatusFilterForm(request.GET if request.method == "GET" else None)
    status_filter = (
        filter_form.cleaned_data["status"] if filter_form.is_bound and filter_form.is_valid() else ""
    )
    user = request.user
    context: dict = {"event": event, "roles": roles, "window_open": negotiation_open(event), "failed": failed}
    if roles.player is not None:
        context["has_run"] = has_runs(event)
        context["player_cards"] = [
            _card(n, PLAYER, event, failed, user) for n in nominations_of_player(roles.player)
        ]
    if roles.teams:
        team_cards = [_card(n, TEAM, event, failed, user) for n in nominations_of_teams(roles.team_ids)]
        accepted = [c.nomination.player.talent_id for c in team_cards if c.outcome_form is not None]
        if accepted and scoutable_sheets(request.user).exists():
            visible = set(visible_talents(request.user).filter(pk__in=accepted).values_list("pk", flat=True))
            for card in team_cards:
                card.scout = card.nomination.player.talent_id in visible
        context["team_cards"] = team_cards
    if roles.organiser:
        context.update(
            {
                "organiser_cards": [
                    _card(n, ORGANISER, event, failed, user)
                    for n in nominations_of_event(event, status=status_filter)
                ],
                "filter_form": filter_form,
                "filter_invalid": filter_form.is_bound and not filter_form.is_valid(),
                "status_filter": status_filter,
                "outcomes": outcome_summary(event),
            }
        )
    return render(request, "drafts/nominations/list.html", context, status=status)


def _back(nomination: Nomination, section: str) -> HttpResponse:
    url = nominations_url(nomination.run.event_id)
    return redirect(f"{url}#{section}-nomination-{nomination.pk}")


def _section(request: HttpRequest, roles: Roles, nomination: Nomination) -> str:
    wanted = request.POST.get("section")
    if wanted == ORGANISER and roles.organiser:
        return ORGANISER
    if wanted == TEAM and nomination.team_id in roles.team_ids:
        return TEAM
    return TEAM if nomination.team_id in roles.team_ids else ORGANISER


def _first_error(form) -> str:
    for errors in form.errors.values():
        for error in errors:
            return error
    return _("入力内容を確認してください。")


@require_GET
@personal_data_view
@audience(talent=OWN, company=OWN, coordinator=OWN, operator=ALL, personal_data=True)
def nominations(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    roles = roles_of(request.user, event)
    if not roles.any:
        return forbidden(
            request,
            _("指名のページを見られるのは、このドラフト会議の選手・チーム・主催者だけです。"),
        )
    return _page(request, event, roles)


@require_POST
@personal_data_view
@audience(
    talent=OWN,
    readers={"company": OWN, "coordinator": OWN, "operator": ALL},
    denied=NOT_FOUND,
    personal_data=True,
)
def nomination_respond_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination, roles = get_nomination_for_user(request.user, pk)
    event = nomination.run.event
    if roles.player is None or roles.player.pk != nomination.player_id:
        return forbidden(request, _("指名に回答できるのは、指名された本人だけです。"))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        failed = Failed(pk=nomination.pk, section=PLAYER, kind="answer", error=_first_error(form))
        return _page(request, event, roles, failed=failed, status=400)
    accept = form.cleaned_data["answer"] == "accept"
    if not form.cleaned_data["confirmed"]:
        # the first press only shows what the answer means; the confirmation page's button answers
        refusal = answer_refusal(request.user, nomination, event=event)
        if refusal:
            failed = Failed(pk=nomination.pk, section=PLAYER, kind="answer", error=refusal)
            return _page(request, event, roles, failed=failed, status=400)
        return render(
            request,
            "drafts/nominations/confirm.html",
            {"event": event, "nomination": nomination, "accept": accept},
        )
    try:
        nomination_respond(nomination=nomination, by=request.user, accept=accept)
    except DraftError as exc:
        failed = Failed(pk=nomination.pk, section=PLAYER, kind="answer", error=exc.message)
        return _page(request, event, roles, failed=failed, status=400)
    team = nomination.team.organization.name
    if accept:
        messages.success(
            request,
            _("指名を受諾しました。%(team)sにお知らせしました。メッセージで今後の進め方を相談しましょう。")
            % {"team": team},
        )
    else:
        messages.success(request, _("指名を辞退しました。%(team)sにお知らせしました。") % {"team": team})
    return _back(nomination, PLAYER)


@require_POST
@personal_data_view
@audience(
    company=OWN, coordinator=OWN, operator=ALL, readers={"talent": OWN}, denied=NOT_FOUND, personal_data=True
)
def nomination_message_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination, roles = get_nomination_for_user(request.user, pk)
    event = nomination.run.event
    if not (roles.organiser or nomination.team_id in roles.team_ids):
        return forbidden(
            request, _("チームからのメッセージを書けるのは、指名したチームのメンバーと主催者です。")
        )
    section = _section(request, roles, nomination)
    form = MessageForm(request.POST, auto_id=_auto_id(section, nomination.pk))
    if form.is_valid():
        try:
            nomination_message_save(
                nomination=nomination, by=request.user, message=form.cleaned_data["message"]
            )
        except DraftError as exc:
            form.add_error("message", exc.message)
        else:
            messages.success(request, _("チームからのメッセージを保存しました。"))
            return _back(nomination, section)
    failed = Failed(pk=nomination.pk, section=section, kind="message", form=form, error=_first_error(form))
    return _page(request, event, roles, failed=failed, status=400)


@require_POST
@personal_data_view
@audience(
    company=OWN, coordinator=OWN, operator=ALL, readers={"talent": OWN}, denied=NOT_FOUND, personal_data=True
)
def nomination_outcome_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination, roles = get_nomination_for_user(request.user, pk)
    event = nomination.run.event
    if not (roles.organiser or nomination.team_id in roles.team_ids):
        return forbidden(request, _("その後の状況を記録できるのは、主催者・事務局・指名したチームです。"))
    section = _section(request, roles, nomination)
    form = OutcomeForm(request.POST, auto_id=_auto_id(section, nomination.pk))
    if form.is_valid():
        try:
            recorded = nomination_outcome_record(
                nomination=nomination,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except DraftError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("その後の状況を「%(outcome)s」として記録しました。")
                % {"outcome": recorded.get_outcome_display()},
            )
            return _back(nomination, section)
    failed = Failed(pk=nomination.pk, section=section, kind="outcome", form=form, error=_first_error(form))
    return _page(request, event, roles, failed=failed, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@personal_data_view
@audience(
    talent=OWN,
    readers={"company": OWN, "coordinator": OWN, "operator": ALL},
    denied=NOT_FOUND,
    personal_data=True,
)
def nomination(request: HttpRequest, pk: int) -> HttpResponse:
    nomination, roles = get_nomination_for_user(request.user, pk)
    if roles.player is None or roles.player.pk != nomination.player_id:
        return forbidden(request, _("このページを見られるのは、指名された本人だけです。"))
    event = nomination.run.event
    can_ask = question_refusal(request.user, nomination) is None
    form = QuestionForm() if can_ask else None
    status = 200
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                message = nomination_question_ask(
                    nomination=nomination, by=request.user, body=form.cleaned_data["body"]
                )
            except DraftError as exc:
                form.add_error("body", exc.message)
            else:
                messages.success(
                    request,
                    _("質問を%(team)sに送りました。回答はこのページに表示されます。")
                    % {"team": nomination.team.organization.name},
                )
                return redirect(f"{nomination_url(nomination.pk)}#message-{message.pk}")
        status = 400
    context = {
        "event": event,
        "nomination": nomination,
        "rows": thread_messages(nomination.team, nomination.player),
        "form": form,
        "can_answer": answer_refusal(request.user, nomination, event=event) is None,
        "answers_not_yet": nomination.status == Nomination.Status.PENDING
        and not nomination_day_reached(event),
    }
    return render(request, "drafts/nominations/detail.html", context, status=status)


urlpatterns = [
    path("<id:pk>/nominations/", nominations, name="nominations"),
    path("nominations/<id:pk>/", nomination, name="nomination"),
    path("nominations/<id:pk>/respond/", nomination_respond_view, name="nomination_respond"),
    path("nominations/<id:pk>/message/", nomination_message_view, name="nomination_message"),
    path("nominations/<id:pk>/outcome/", nomination_outcome_view, name="nomination_outcome"),
]
