"""The JSON API, version 1. Each app contributes a router; OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from duallife.simulator.api import router as simulator_router

api = NinjaAPI(
    title="Dual Life Tohoku API",
    version="1",
    description="デュアルライフ東北の公開API。金額は円（整数）、時間は分。",
    urls_namespace="api-v1",
)


# Japanese wording for the pydantic error types our parameters can produce.
_ERROR_MESSAGES = {
    "missing": "必須です",
    "greater_than_equal": "{ge}以上で指定してください",
    "greater_than": "{gt}より大きい値で指定してください",
    "less_than_equal": "{le}以下で指定してください",
    "less_than": "{lt}未満で指定してください",
    "int_parsing": "整数で指定してください",
    "int_from_float": "整数で指定してください",
    "int_type": "整数で指定してください",
    "decimal_parsing": "数値で指定してください",
    "decimal_type": "数値で指定してください",
    "float_parsing": "数値で指定してください",
    "finite_number": "有限の数値で指定してください",
    "literal_error": "{expected} のいずれかで指定してください",
    "enum": "{expected} のいずれかで指定してください",
    "string_too_long": "{max_length}文字以内で指定してください",
    "string_type": "文字列で指定してください",
}


def _describe(err: dict) -> tuple[str, str]:
    field = ".".join(str(p) for p in err.get("loc", [])[1:]) or "request"
    template = _ERROR_MESSAGES.get(err.get("type", ""), "形式が正しくありません")
    try:
        message = template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        message = "形式が正しくありません"
    return field, message


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    """Malformed parameters: 400 with a Japanese message and the fields at fault."""
    described: dict[str, str] = {}
    for err in exc.errors:
        field, message = _describe(err)
        described.setdefault(field, message)
    fields = sorted(described)
    detail = "入力に誤りがあります: " + "、".join(f"{f}（{described[f]}）" for f in fields)
    return api.create_response(request, {"detail": detail, "errors": fields}, status=400)


api.add_router("/simulator/", simulator_router, tags=["simulator"])
