"""Pages: the message thread of an application.

- the thread is a part of the application page (``thread_panel``): the messages, the form for the
  two sides, and which messages are new; opening the page marks the thread read;
- ``post`` writes a message: without JavaScript it redirects back to ``#thread`` (or shows the page
  again with the form's errors), with htmx it answers the thread alone, to swap in place;
- ``attachment`` sends an attachment as a download, after the same permission check as the page.
  Files are never linked by their storage URL.

Staff (coordinators, operators) read the thread; each read of it and of an attachment is logged.

The casual talk of a scout (まずは話を聞く) is the same thread on the scout's page (``talk_panel``,
``talk_post``, ``talk_read``), between the scouted talent and the sending side only, text only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from duallife.accounts.mfa import personal_data_view
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import NOT_FOUND, OWNER, audience

from ..errors import EngagementError
from ..forms.messages import MessageForm, TalkMessageForm
from ..models import Application, Message, Scout
from ..permissions import (
    APPLICATION_SIDES,
    Side,
    get_application_for_user,
    get_attachment_for_user,
    get_scout_for_user,
    log_thread_read,
    talk_refusal,
)
from ..selectors import messages as message_reads
from ..services.messages import (
    CLOSED_STATUSES,
    kind_label,
    message_post,
    talk_mark_read,
    talk_message_post,
    thread_mark_read,
)
from ..wording import worded_for_storage

#: The newest messages the page shows at first; ``?thread=all`` shows every one.
THREAD_LIMIT = 100
FORM_PREFIX = "message"
#: Where ``post`` leaves a form with errors for the panel of the page it shows again.
BOUND_FORM_ATTRIBUTE = "engagements_message_form"


def size_label(size: int) -> str:
    """「830バイト」「12.5KB」「3.2MB」."""
    if size < 1024:
        return _("%(size)dバイト") % {"size": size}
    if size < 1024 * 1024:
        return _("%(size)sKB") % {"size": f"{size / 1024:.1f}"}
    return _("%(size)sMB") % {"size": f"{size / 1024 / 1024:.1f}"}


def _author_label(message: Message, application: Application, viewer_id: int) -> str:
    if message.author_id is None:
        return _("退会した利用者")
    if message.author_id == viewer_id:
        return _("あなた")
    if message.author_id == application.talent.user_id:
        return _("%(name)sさん（応募者）") % {"name": application.talent.display_name}
    return application.sheet.organization.name


def _talk_author_label(message: Message, scout: Scout, viewer_id: int) -> str:
    if message.author_id is None:
        return _("退会した利用者")
    if message.author_id == viewer_id:
        return _("あなた")
    if message.author_id == scout.talent.user_id:
        return _("%(name)sさん") % {"name": scout.talent.display_name}
    if message.author_id == scout.sender_id:
        return scout.sender_organization.name
    return scout.sheet.organization.name


def _row(message: Message, *, author: str, viewer_id: int, read_to, attachment_url: str = "") -> dict:
    return {
        "pk": message.pk,
        "body": message.body,
        "created_at": message.created_at,
        "author": author,
        "mine": message.author_id == viewer_id,
        "is_new": message.author_id != viewer_id and (read_to is None or message.created_at > read_to),
        "attachment_name": message.attachment_name if message.attachment else "",
        "attachment_url": attachment_url if message.attachment else "",
        "attachment_label": kind_label(message.attachment_type) if message.attachment else "",
        "attachment_size": size_label(message.attachment_size) if message.attachment else "",
    }


def _shown(request: HttpRequest, thread) -> tuple[list[Message], int]:
    """The newest :data:`THREAD_LIMIT` messages of a thread (every one with ``?thread=all``), and
    how many it has."""
    total = thread.count()
    show_all = request.GET.get("thread") == "all"
    return list(thread if show_all or total <= THREAD_LIMIT else thread[total - THREAD_LIMIT :]), total


def _panel(rows: list[dict], total: int, *, form, closed: bool, page_url: str, post: str, read: str) -> dict:
    return {
        "messages": rows,
        "total": total,
        "hidden": total - len(rows),
        "unread": sum(1 for row in rows if row["is_new"]),
        "form": form,
        "closed": closed,
        "all_url": page_url + "?thread=all#thread",
        "post_url": post,
        "read_url": read,
    }


def thread_context(request: HttpRequest, application: Application, side: Side, *, form=None) -> dict:
    """The thread as ``user`` sees it. Opening it changes nothing: the page marks it read with a
    POST (:func:`read`, sent by htmx when the page loads, or by its button without JavaScript)."""
    viewer_id = request.user.pk
    read_to = message_reads.last_read_at(request.user, application)
    shown, total = _shown(request, message_reads.thread_messages(application))
    rows = [
        _row(
            m,
            author=_author_label(m, application, viewer_id),
            viewer_id=viewer_id,
            read_to=read_to,
            attachment_url=reverse("engagements:message_attachment", args=[application.pk, m.pk]),
        )
        for m in shown
    ]
    log_thread_read(request.user, application, side, messages=total, via="page")
    closed = application.status in CLOSED_STATUSES
    can_post = side in ("talent", "company") and not closed
    panel = _panel(
        rows,
        total,
        form=(form or MessageForm(prefix=FORM_PREFIX)) if can_post else None,
        closed=closed,
        page_url=reverse("engagements:application_detail", args=[application.pk]),
        post=reverse("engagements:message_post", args=[application.pk]),
        read=reverse("engagements:thread_read", args=[application.pk]),
    )
    panel["staff"] = side == "staff"
    return panel


def talk_context(request: HttpRequest, scout: Scout, *, form=None) -> dict:
    """The casual talk of a scout as one of its two sides sees it (the scout's page is only theirs).
    Like the thread, opening it changes nothing; :func:`talk_read` marks it read."""
    viewer_id = request.user.pk
    read_to = message_reads.talk_last_read_at(request.user, scout)
    shown, total = _shown(request, message_reads.talk_messages(scout))
    rows = [
        _row(m, author=_talk_author_label(m, scout, viewer_id), viewer_id=viewer_id, read_to=read_to)
        for m in shown
    ]
    refusal = talk_refusal(scout)
    panel = _panel(
        rows,
        total,
        form=(form or TalkMessageForm(prefix=FORM_PREFIX)) if refusal is None else None,
        closed=refusal is not None,
        page_url=reverse("engagements:scout_detail", args=[scout.pk]),
        post=reverse("engagements:talk_post", args=[scout.pk]),
        read=reverse("engagements:talk_read", args=[scout.pk]),
    )
    panel["closed_note"] = refusal or ""
    return panel


def talk_panel(request: HttpRequest, scout: Scout) -> dict | None:
    """For the scout's page: its casual talk, once one started (None before, and once it became an
    application: the application's page holds it then)."""
    if scout.talk_started_at is None or scout.status == Scout.Status.ACCEPTED:
        return None
    return talk_context(request, scout, form=getattr(request, BOUND_FORM_ATTRIBUTE, None))


def thread_panel(request: HttpRequest, application: Application, side: Side) -> dict:
    return thread_context(request, application, side, form=getattr(request, BOUND_FORM_ATTRIBUTE, None))


def _thread_url(application: Application) -> str:
    return reverse("engagements:application_detail", args=[application.pk]) + "#thread"


def _fragment(request, application, side, *, form=None, notice="", error="", status=200) -> HttpResponse:
    context = {
        "application": application,
        "panel": thread_context(request, application, side, form=form),
        "notice": notice,
        "error": error,
    }
    return render(request, "engagements/messages/_thread.html", context, status=status)


def _show_page_again(request: HttpRequest, application: Application, form: MessageForm) -> HttpResponse:
    """The application page with the form's errors and what was typed (no JavaScript)."""
    return _page_again(request, "engagements:application_detail", application.pk, form)


def _page_again(request: HttpRequest, name: str, pk: int, form) -> HttpResponse:
    """The page ``name`` with the form's errors and what was typed. The page is found through its
    URL name: it shows this module's panel, so it cannot be imported here."""
    setattr(request, BOUND_FORM_ATTRIBUTE, form)
    page = resolve(reverse(name, args=[pk]))
    response = page.func(request, pk)
    response.status_code = 400
    return response


# Staff of the area read the thread; the service refuses their messages with the reason.
@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def post(request: HttpRequest, pk) -> HttpResponse:
    application, side = get_application_for_user(request.user, pk)
    form = MessageForm(request.POST, request.FILES, prefix=FORM_PREFIX)
    refused = ""
    if form.is_valid():
        try:
            message_post(
                application=application,
                by=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except EngagementError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                refused = exc.message
        else:
            if request.htmx:
                return _fragment(request, application, side, notice=_("メッセージを送りました。"))
            messages.success(request, _("メッセージを送りました。"))
            return redirect(_thread_url(application))
    if refused:
        if request.htmx:
            return _fragment(request, application, side, error=refused)
        messages.error(request, refused)
        return redirect(_thread_url(application))
    if request.htmx:
        return _fragment(request, application, side, form=form)
    return _show_page_again(request, application, form)


@require_POST
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def read(request: HttpRequest, pk) -> HttpResponse:
    """Mark the thread read up to now (the page's POST once it has shown what was new)."""
    application, _side = get_application_for_user(request.user, pk)
    thread_mark_read(application=application, user=request.user)
    if request.htmx:
        return HttpResponse("")  # the button's form is swapped away
    return redirect(_thread_url(application))


@require_safe
@personal_data_view
@audience(**APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)
def attachment(request: HttpRequest, pk, message_pk) -> HttpResponse:
    """One attachment as a download, for those who may see the application (others: 404)."""
    message, side = get_attachment_for_user(request.user, pk, message_pk)
    application = message.application
    try:
        handle = message.attachment.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("添付ファイルが見つかりません。")) from None
    if side == "staff":
        personal_data_access_log(
            by=request.user,
            subject=application.talent.user,
            what=worded_for_storage(
                gettext_lazy("「%(sheet)s」への応募の添付ファイル「%(file)s」の閲覧"),
                sheet=application.sheet.title[:60],
                file=message.attachment_name[:60],
            ),
        )
    response = FileResponse(
        handle, as_attachment=True, filename=message.attachment_name, content_type=message.attachment_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- The casual talk of a scout ---------------------------------------------------------------


def _talk_url(scout: Scout) -> str:
    return reverse("engagements:scout_detail", args=[scout.pk]) + "#thread"


def _talk_fragment(request, scout, *, form=None, notice="", error="", status=200) -> HttpResponse:
    context = {"panel": talk_context(request, scout, form=form), "notice": notice, "error": error}
    return render(request, "engagements/messages/_thread.html", context, status=status)


# The scouted talent and the sending side (the scout's own page: anyone else gets a 404).
@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_post(request: HttpRequest, pk) -> HttpResponse:
    scout, _side = get_scout_for_user(request.user, pk)
    form = TalkMessageForm(request.POST, prefix=FORM_PREFIX)
    refused = ""
    if form.is_valid():
        try:
            talk_message_post(scout=scout, by=request.user, body=form.cleaned_data["body"])
        except EngagementError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                refused = exc.message
                scout.refresh_from_db(fields=["status"])
        else:
            if request.htmx:
                return _talk_fragment(request, scout, notice=_("メッセージを送りました。"))
            messages.success(request, _("メッセージを送りました。"))
            return redirect(_talk_url(scout))
    if refused:
        if request.htmx:
            return _talk_fragment(request, scout, error=refused)
        messages.error(request, refused)
        return redirect(_talk_url(scout))
    if request.htmx:
        return _talk_fragment(request, scout, form=form)
    return _page_again(request, "engagements:scout_detail", scout.pk, form)


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def talk_read(request: HttpRequest, pk) -> HttpResponse:
    """Mark the casual talk read up to now (the scout page's POST once it has shown what was new)."""
    scout, _side = get_scout_for_user(request.user, pk)
    talk_mark_read(scout=scout, user=request.user)
    if request.htmx:
        return HttpResponse("")
    return redirect(_talk_url(scout))


urlpatterns = [
    path("scouts/<id:pk>/messages/", talk_post, name="talk_post"),
    path("scouts/<id:pk>/messages/read/", talk_read, name="talk_read"),
    path("applications/<id:pk>/messages/", post, name="message_post"),
    path("applications/<id:pk>/messages/read/", read, name="thread_read"),
    path("applications/<id:pk>/messages/<id:message_pk>/attachment/", attachment, name="message_attachment"),
]
