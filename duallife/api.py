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


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    """Malformed parameters: 400 with a Japanese message and the fields at fault."""
    fields = sorted({".".join(str(p) for p in err.get("loc", [])[1:]) or "request" for err in exc.errors})
    return api.create_response(
        request,
        {"detail": "入力に誤りがあります: " + "、".join(fields), "errors": fields},
        status=400,
    )


api.add_router("/simulator/", simulator_router, tags=["simulator"])
