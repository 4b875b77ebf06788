"""Pages: the message thread of an application.

- the thread is a part of the application page (``thread_panel``): the messages, the form for the
  two sides, and which messages are new; opening the page marks the thread read;
- ``post`` writes a message: without JavaScript it redirects back to ``#thread`` (or shows the page
  again with the form's errors), with htmx it answers the thread alone, to swap in place;
- ``attachment`` sends an attachment as a download, after the same permission check as the page.
  Files are never linked by their storage URL.

Staff (coordinators, operators) read the thread; each read of it and of an attachment is logged.
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
from duallife.core.audience import NOT_FOUND, audience

from ..errors import EngagementError
from ..forms.messages import MessageForm
from ..models import Application, Message
from ..permissions import (
    APPLICATION_SIDES,
    Side,
    get_application_for_user,
    get_attachment_for_user,
    log_thread_read,
)
from ..selectors import messages as message_reads
from ..services.messages import CLOSED_STATUSES, kind_label, message_post, thread_mark_read
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


def _row(message: Message, application: Application, *, viewer_id: int, read_to) -> dict:
    return {
        "pk": message.pk,
        "body": message.body,
        "created_at": message.created_at,
        "author": _author_label(message, application, viewer_id),
        "mine": message.author_id == viewer_id,
        "is_new": message.author_id != viewer_id and (read_to is None or message.created_at > read_to),
        "attachment_name": message.attachment_name if message.attachment else "",
        "attachment_label": kind_label(message.attachment_type) if message.attachment else "",
        "attachment_size": size_label(message.attachment_size) if message.attachment else "",
    }


def thread_context(request: HttpRequest, application: Application, side: Side, *, form=None) -> dict:
    """The thread as ``user`` sees it. Opening it changes nothing: the page marks it read with a
    POST (:func:`read`, sent by htmx when the page loads, or by its button without JavaScript)."""
    read_to = message_reads.last_read_at(request.user, application)
    thread = message_reads.thread_messages(application)
    total = thread.count()
    show_all = request.GET.get("thread") == "all"
    shown = thread if show_all or total <= THREAD_LIMIT else thread[total - THREAD_LIMIT :]
    rows = [_row(m, application, viewer_id=request.user.pk, read_to=read_to) for m in shown]
    log_thread_read(request.user, application, side, messages=total, via="page")
    closed = application.status in CLOSED_STATUSES
    can_post = side in ("talent", "company") and not closed
    return {
        "messages": rows,
        "total": total,
        "hidden": total - len(rows),
        "unread": sum(1 for row in rows if row["is_new"]),
        "form": (form or MessageForm(prefix=FORM_PREFIX)) if can_post else None,
        "closed": closed,
        "staff": side == "staff",
    }


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
    """The application page with the form's errors and what was typed (no JavaScript). The page is
    found through its URL name: it shows this module's thread panel, so it cannot be imported here."""
    setattr(request, BOUND_FORM_ATTRIBUTE, form)
    page = resolve(reverse("engagements:application_detail", args=[application.pk]))
    response = page.func(request, application.pk)
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


urlpatterns = [
    path("applications/<id:pk>/messages/", post, name="message_post"),
    path("applications/<id:pk>/messages/read/", read, name="thread_read"),
    path("applications/<id:pk>/messages/<id:message_pk>/attachment/", attachment, name="message_attachment"),
]
