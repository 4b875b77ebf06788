"""Pages: the user's notifications, opening one, marking all read, email settings, unsubscribe.

Thin: a notification is loaded through ``permissions.get_notification_for_user`` (404 for anyone
else's), input goes through a form, one service writes. Notification titles can name other people
(an applicant's display name), so the list and the open link are ``@personal_data_view`` (staff
need MFA). The unsubscribe page needs no login: its signed token is the permission.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import NOT_FOUND, OWNER, PUBLIC, SIGNED_IN, audience

from . import selectors, services
from .errors import NotificationError, UnsubscribeTokenError
from .forms import EmailSettingsForm
from .links import is_local_path
from .models import Kind
from .permissions import get_notification_for_user
from .tokens import unsubscribe_token_read


@require_GET
@personal_data_view
@audience(SIGNED_IN, personal_data=True)
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = selectors.notifications_page(request.user, request.GET.get("page"), unread_only=unread_only)
    unread_total = selectors.unread_count(request.user)
    context = {
        "page": page,
        "unread_only": unread_only,
        "query": "unread=1" if unread_only else "",
        "unread_total": unread_total,
        "unread_notifications": unread_total,  # the header's count, without asking twice
    }
    return render(request, "notifications/list.html", context)


@require_POST
@personal_data_view
@audience(**OWNER, denied=NOT_FOUND, personal_data=True)
def notification_open(request: HttpRequest, pk) -> HttpResponse:
    """Mark the notification read and go to what it is about (a path on this site only). A POST
    (the list's button): opening a page by GET never changes anything."""
    notification = get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification)
    if is_local_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
@login_required
@audience(SIGNED_IN)
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("%(count)d件のお知らせを既読にしました。") % {"count": count})
    else:
        messages.info(request, _("未読のお知らせはありません。"))
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@login_required
@audience(SIGNED_IN)
def email_settings(request: HttpRequest) -> HttpResponse:
    choices = selectors.email_preferences(request.user)
    initial = {"enabled_kinds": [choice.kind for choice in choices if choice.email]}
    # not "request.POST or None": unchecking every box posts nothing, and that is a choice too
    form = EmailSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_preferences_save(
                user=request.user, enabled_kinds=form.cleaned_data["enabled_kinds"]
            )
        except NotificationError as exc:
            form.add_error("enabled_kinds", exc.message)
        else:
            messages.success(request, _("メールの受け取り設定を保存しました。"))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


# RFC 8058: a mail provider's one-click unsubscribe is a POST with no cookie and no CSRF token.
# Exempting this one view is safe: without a valid signed token it changes nothing, and a token
# only ever turns one kind of email off for the person it was sent to.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@audience(PUBLIC)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: confirm which emails stop (a link preview must not unsubscribe). POST: stop them."""
    try:
        if request.method == "POST":
            _user, kind = services.email_unsubscribe(token=token)
        else:
            _user, kind = unsubscribe_token_read(token)
    except UnsubscribeTokenError as exc:
        return render(request, "notifications/unsubscribe_invalid.html", {"message": exc.message}, status=400)
    context = {"kind_label": Kind(kind).label, "token": token}
    if request.method == "POST":
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe.html", context)


urlpatterns = [
    path("", notification_list, name="list"),
    path("read-all/", notifications_read_all, name="read_all"),
    path("settings/", email_settings, name="settings"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
    path("<id:pk>/open/", notification_open, name="open"),
]
