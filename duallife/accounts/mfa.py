"""Staff roles (coordinators, operators, Django staff) must turn on MFA before they may open the
admin or any page that shows other people's personal data.

For views, use ``@personal_data_view`` (functions) or ``PersonalDataViewMixin`` (classes): the
user must be logged in, and a staff-role user without an authenticator app or security key is
sent to the MFA setup page first. ``StaffMFAMiddleware`` does the same for the whole admin.
APIs can ask ``mfa_setup_required(user)`` and answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.organizations.permissions import is_staff_role

# A second factor proper: recovery codes alone only back one of these up.
MFA_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_mfa(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type__in=MFA_TYPES).exists()


def mfa_setup_required(user) -> bool:
    """True for a staff-role user who has no second factor yet."""
    return is_staff_role(user) and not has_mfa(user)


#: What the API answers (403) a staff member without a second factor who asks for personal data.
MFA_REQUIRED = gettext_lazy(
    "個人情報を扱うには、二段階認証の設定が必要です。設定してから、もう一度お試しください。"
)


def staff_without_mfa(user) -> bool:
    """A coordinator or operator who has not set up MFA yet: refused (403) before personal data."""
    return mfa_setup_required(user)


def redirect_to_mfa_setup(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _(
            "管理画面や個人情報を扱うページを開くには、二段階認証の設定が必要です。"
            "認証アプリ（またはセキュリティキー）を登録してください。"
        ),
    )
    url = reverse("mfa_index")
    if getattr(request, "htmx", False):
        # an htmx request would swap the MFA page into a fragment: make the browser go there
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


def personal_data_view(view: Callable) -> Callable:
    """Mark a view as showing personal data: login required, and MFA for staff roles."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if mfa_setup_required(request.user):
            return redirect_to_mfa_setup(request)
        return view(request, *args, **kwargs)

    wrapper.personal_data = True
    return wrapper


class PersonalDataViewMixin:
    """``personal_data_view`` for class-based views (put it first among the bases)."""

    personal_data = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if mfa_setup_required(request.user):
            return redirect_to_mfa_setup(request)
        return super().dispatch(request, *args, **kwargs)
