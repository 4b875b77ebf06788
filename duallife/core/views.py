"""Site-wide views that need no app: the health check and the error pages.

Error pages answer in the page language, with the site's layout. Under ``/api/`` they answer
JSON instead (``{"detail": "…", "errors": []}`` in Japanese, like every API error), since API clients cannot
read an HTML page. A page for a bad request must not fail itself: if the layout cannot be
rendered, a minimal page without it is sent.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

API_PREFIX = "/api/"

# The API speaks Japanese whatever the client's language (see duallife/api.py).
API_DETAILS = {
    400: "リクエストの形式が正しくありません。パラメータの数や長さを見直してください。",
    403: "このリクエストは受け付けられません。",
    404: "指定したAPIのパスはありません。/api/v1/docs で利用できるAPIを確認してください。",
    500: "サーバーで一時的なエラーが発生しました。時間をおいて再度お試しください。",
}
CSRF_API_DETAIL = "リクエストの送信元を確認できなかったため、受け付けませんでした。"


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _api_error(status: int, detail: str) -> JsonResponse:
    # The shape of every API error (duallife/api.py): a Japanese detail and the fields at fault.
    return JsonResponse(
        {"detail": detail, "errors": []}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _error_page(request: HttpRequest, template: str, status: int, *, title: str, text: str) -> HttpResponse:
    """The error page with the site's layout, or a minimal one if the layout itself fails."""
    try:
        return TemplateResponse(request, template, status=status).render()
    except Exception:  # an error page must answer whatever went wrong
        body = (
            '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
            f"<title>{escape(title)} | デュアルライフ東北</title></head>"
            f"<body><main><h1>{escape(title)}</h1><p>{escape(text)}</p>"
            '<p><a href="/">トップページへ戻る</a></p></main></body></html>'
        )
        return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a request Django refused before any view (e.g. more than 1,000 parameters)."""
    if _is_api(request):
        return _api_error(400, API_DETAILS[400])
    return _error_page(
        request,
        "400.html",
        400,
        title=_("リクエストを処理できませんでした"),
        text=_("アドレスが長すぎるか、送信された項目が多すぎる可能性があります。"),
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(403, API_DETAILS[403])
    return _error_page(
        request,
        "403.html",
        403,
        title=_("このページを開く権限がありません"),
        text=_("このページは、権限のある方だけが利用できます。"),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (e.g. an old page's language switch).

    Settings: ``CSRF_FAILURE_VIEW = "duallife.core.views.csrf_failure"``. The page carries a
    fresh token, so the visitor can simply try again.
    """
    if _is_api(request):
        return _api_error(403, CSRF_API_DETAIL)
    return _error_page(
        request,
        "403_csrf.html",
        403,
        title=_("ページの有効期限が切れました"),
        text=_("ページを再読み込みしてから、もう一度お試しください。"),
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(404, API_DETAILS[404])
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _api_error(500, API_DETAILS[500])
    return render(request, "500.html", status=500)
