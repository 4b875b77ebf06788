"""Site-wide views that need no app: liveness (``/healthz``), readiness (``/readyz``) and the
error pages.

Error pages answer in the page language, with the site's layout. Under ``/api/`` they answer
JSON instead (``{"detail": "…", "errors": []}`` in the caller's language, like every API
error), since API clients cannot read an HTML page. A page for a bad request must not fail
itself: if the layout cannot be rendered, a minimal page without it is sent.
"""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu import Connection

from duallife.core.audience import PUBLIC, audience

API_PREFIX = "/api/"

# The API speaks the caller's language (cookie, then Accept-Language; see duallife/api).
API_DETAILS = {
    400: gettext_lazy("リクエストの形式が正しくありません。パラメータの数や長さを見直してください。"),
    403: gettext_lazy("このリクエストは受け付けられません。"),
    404: gettext_lazy("指定したAPIのパスはありません。/api/v1/docs で利用できるAPIを確認してください。"),
    500: gettext_lazy("サーバーで一時的なエラーが発生しました。時間をおいて再度お試しください。"),
}
CSRF_API_DETAIL = gettext_lazy("リクエストの送信元を確認できなかったため、受け付けませんでした。")


@audience(PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _check_migrations() -> str:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not plan else f"{len(plan)} migration(s) not applied"


def _check_cache() -> str:
    key = "readyz:probe"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        return "not answering"
    if getattr(cache, "redis_available", True) is False:
        return "Redis unreachable: answering from this process's memory"
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (tasks run in-process)"
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as broker:
        broker.ensure_connection(max_retries=1, timeout=1)
    return "ok"


def _check_static_files() -> str:
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest is None:
        return "ok (no manifest in this setting)"
    if not staticfiles_storage.manifest_storage.exists(manifest):
        return "no manifest: run collectstatic"
    return "ok"


#: What readiness checks, and whether a failure stops the instance from serving (the cache and
#: the broker have fallbacks: the site works, degraded, without them).
READINESS_CHECKS = {
    "database": (_check_database, True),
    "migrations": (_check_migrations, True),
    "static_files": (_check_static_files, True),
    "cache": (_check_cache, False),
    "broker": (_check_broker, False),
}


@audience(PUBLIC)
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database, its migrations, the static files' manifest, the cache and the
    broker. 503 when the instance cannot serve pages (database, migrations, static files);
    200 with ``"status": "degraded"`` when only the cache or the broker is down."""
    checks: dict[str, str] = {}
    failing = degraded = False
    for name, (check, essential) in READINESS_CHECKS.items():
        try:
            result = check()
        except Exception as exc:  # a readiness probe reports every failure, it never raises
            result = f"error: {type(exc).__name__}: {exc}"[:300]
        checks[name] = result
        if not result.startswith("ok"):
            failing |= essential
            degraded |= not essential
    status = "failing" if failing else "degraded" if degraded else "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if failing else 200)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _api_error(request: HttpRequest, status: int, detail: str) -> JsonResponse:
    # The shape of every API error (duallife/api): a detail and the fields at fault.
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        text = str(detail)
    response = JsonResponse(
        {"detail": text, "errors": []}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response.headers["Content-Language"] = language
    return response


def _error_page(request: HttpRequest, template: str, status: int, *, title: str, text: str) -> HttpResponse:
    """The error page with the site's layout, or a minimal one if the layout itself fails."""
    try:
        return TemplateResponse(request, template, status=status).render()
    except Exception:  # an error page must answer whatever went wrong
        body = (
            f'<!DOCTYPE html><html lang="{escape(translation.get_language())}"><head><meta charset="utf-8">'
            f"<title>{escape(title)} | {escape(_('デュアルライフ東北'))}</title></head>"
            f"<body><main><h1>{escape(title)}</h1><p>{escape(text)}</p>"
            f'<p><a href="/">{escape(_("トップページへ戻る"))}</a></p></main></body></html>'
        )
        return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a request Django refused before any view (e.g. more than 1,000 parameters)."""
    if _is_api(request):
        return _api_error(request, 400, API_DETAILS[400])
    return _error_page(
        request,
        "400.html",
        400,
        title=_("リクエストを処理できませんでした"),
        text=_("アドレスが長すぎるか、送信された項目が多すぎる可能性があります。"),
    )


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 403, API_DETAILS[403])
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
        return _api_error(request, 403, CSRF_API_DETAIL)
    return _error_page(
        request,
        "403_csrf.html",
        403,
        title=_("ページの有効期限が切れました"),
        text=_("ページを再読み込みしてから、もう一度お試しください。"),
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 404, API_DETAILS[404])
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _api_error(request, 500, API_DETAILS[500])
    return render(request, "500.html", status=500)
