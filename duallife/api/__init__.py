"""The JSON API, version 1: the instance, its routers and its one exception handler.

Each app contributes a router (``<app>/api.py`` or ``<app>/api/<topic>.py``) built with the pieces
in :mod:`duallife.core.api` (session auth, the error shape). Endpoints raise; they do not catch:
a service's :class:`~duallife.core.errors.DomainError` answers its ``status`` with its message and
field, an access function's ``Http404`` answers 404, bad parameters answer 400 — all as
``{"detail": …, "errors": […]}``. OpenAPI at /api/v1/openapi.json.

The API lives outside the language-prefixed URLs, so it answers in the language the caller asks
for (the ``django_language`` cookie, then ``Accept-Language``), Japanese by default: see
:mod:`duallife.core.middleware`.
"""

import re

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from duallife.core.errors import DomainError
from duallife.core.middleware import security_logger
from duallife.core.views import API_DETAILS
from duallife.engagements.api import applications as engagement_applications
from duallife.engagements.api import consent as engagement_consent
from duallife.engagements.api import contracts as engagement_contracts
from duallife.engagements.api import messages as engagement_messages
from duallife.engagements.api import referrals as engagement_referrals
from duallife.engagements.api import scouts as engagement_scouts
from duallife.notifications.api import router as notifications_router
from duallife.organizations.api import router as organizations_router
from duallife.postings.api import cowriting as sheets_cowriting
from duallife.postings.api import listing as sheets_listing
from duallife.postings.api import sheets as my_sheets
from duallife.recommendations.api import router as recommendations_router
from duallife.simulator.api import router as simulator_router
from duallife.vocabulary.api import router as vocabulary_router

api = NinjaAPI(
    title="Dual Life Tohoku API",
    version="1",
    description="デュアルライフ東北の公開API。金額は円（整数）、時間は分。",
    urls_namespace="api-v1",
)


# Wording for the pydantic error types our parameters can produce.
_ERROR_MESSAGES = {
    "missing": gettext_lazy("必須です"),
    "greater_than_equal": gettext_lazy("%(ge)s以上で指定してください"),
    "greater_than": gettext_lazy("%(gt)sより大きい値で指定してください"),
    "less_than_equal": gettext_lazy("%(le)s以下で指定してください"),
    "less_than": gettext_lazy("%(lt)s未満で指定してください"),
    "int_parsing": gettext_lazy("整数で指定してください"),
    "int_from_float": gettext_lazy("整数で指定してください"),
    "int_type": gettext_lazy("整数で指定してください"),
    "decimal_parsing": gettext_lazy("数値で指定してください"),
    "decimal_type": gettext_lazy("数値で指定してください"),
    "float_parsing": gettext_lazy("数値で指定してください"),
    "finite_number": gettext_lazy("有限の数値で指定してください"),
    "literal_error": gettext_lazy("%(expected)s のいずれかで指定してください"),
    "enum": gettext_lazy("%(expected)s のいずれかで指定してください"),
    "string_too_long": gettext_lazy("%(max_length)s文字以内で指定してください"),
    "string_type": gettext_lazy("文字列で指定してください"),
}
_MALFORMED = gettext_lazy("形式が正しくありません")


def _describe(err: dict) -> tuple[str, str]:
    loc = list(err.get("loc", []))
    # ("query", "days") → "days"; a JSON body's ("body", "payload", "title") → "title".
    parts = loc[2:] if len(loc) > 2 and loc[0] == "body" else loc[1:]
    field = ".".join(str(p) for p in parts) or "request"
    template = str(_ERROR_MESSAGES.get(err.get("type", ""), _MALFORMED))
    try:
        message = template % (err.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        message = str(_MALFORMED)
    return field, message


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    """Malformed parameters: 400 with a message and the fields at fault."""
    described: dict[str, str] = {}
    for err in exc.errors:
        field, message = _describe(err)
        described.setdefault(field, message)
    fields = sorted(described)
    # Translators: one field at fault in a bad API request, e.g. "days (must be an integer)".
    items = [_("%(field)s（%(problem)s）") % {"field": f, "problem": described[f]} for f in fields]
    # Translators: separator between the fields at fault in a bad API request.
    detail = _("入力に誤りがあります: %(fields)s") % {"fields": _("、").join(items)}
    return api.create_response(request, {"detail": detail, "errors": fields}, status=400)


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


#: Messages Django and ninja write themselves (in English, for developers): never shown as they are.
_FRAMEWORK_MESSAGE = re.compile(r"No .* matches the given query\.|docs_url = |Cannot parse request body|CSRF")


def _ours(message: str) -> bool:
    """Whether ``message`` is one of our messages (worded for people), not the framework's."""
    if not message or _FRAMEWORK_MESSAGE.match(message):
        return False
    # Our messages are Japanese, or translated when another language is active.
    return _has_japanese(message) or not translation.get_language().startswith("ja")


_HTTP_MESSAGES = {
    401: gettext_lazy("ログインが必要です。ログインしてから、もう一度お試しください。"),
    403: gettext_lazy("この操作は許可されていません。"),
    404: gettext_lazy("見つかりません。"),
    405: gettext_lazy("このURLではその操作（HTTPメソッド）は使えません。"),
}
_CSRF_MESSAGE = gettext_lazy(
    "CSRFトークンが確認できません。ページを読み込み直してから、もう一度お試しください。"
)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    """Anonymous callers of an authenticated endpoint: 401."""
    return api.create_response(request, {"detail": str(_HTTP_MESSAGES[401]), "errors": []}, status=401)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """Errors raised inside ninja (auth, CSRF) or by our endpoints: the same JSON shape."""
    message = str(exc.message)  # a lazy text is worded here, in the caller's language
    if exc.status_code == 403 and "CSRF" in message:
        detail = str(_CSRF_MESSAGE)
    elif _ours(message):
        detail = message
    else:
        detail = str(_HTTP_MESSAGES.get(exc.status_code, gettext_lazy("リクエストを処理できませんでした。")))
    return api.create_response(request, {"detail": detail, "errors": []}, status=exc.status_code)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    """A rule refused the request: the error's status, its message and the field at fault."""
    fields = [exc.field] if exc.field else []
    return api.create_response(request, {"detail": str(exc.message), "errors": fields}, status=exc.status)


@api.exception_handler(MultiPartParserError)
@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
def malformed_request(request, exc):
    """A body Django refuses while reading it (multipart without a boundary, too many fields, a
    bad file name): 400 in the API's shape, with ``DEBUG`` on as well as off."""
    security_logger.warning("refused %s: %s", request.path, exc)
    return api.create_response(request, {"detail": str(API_DETAILS[400]), "errors": []}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    message = str(exc)
    detail = message if _ours(message) else str(_HTTP_MESSAGES[404])
    return api.create_response(request, {"detail": detail, "errors": []}, status=404)


api.add_router("/simulator/", simulator_router, tags=["simulator"])
api.add_router("/", sheets_listing.router, tags=["sheets"])
api.add_router("/my/", my_sheets.router, tags=["my sheets"])
api.add_router("/my/", sheets_cowriting.router, tags=["co-writing"])
api.add_router("/organizations/", organizations_router, tags=["organizations"])
api.add_router("/vocabulary/", vocabulary_router, tags=["vocabulary"])
api.add_router("/my/", engagement_applications.router, tags=["applications"])
api.add_router("/my/", engagement_scouts.router, tags=["scouts and interests"])
api.add_router("/my/", engagement_messages.router, tags=["messages"])
api.add_router("/my/", engagement_contracts.router, tags=["contracts and check-ins"])
api.add_router("/my/", engagement_referrals.router, tags=["referrals"])
api.add_router("/my/", engagement_consent.router, tags=["consent"])
api.add_router("/my/", notifications_router, tags=["notifications"])
api.add_router("/my/", recommendations_router, tags=["recommendations"])
