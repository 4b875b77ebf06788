from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from duallife.api import api
from duallife.core import views as core_views
from duallife.site import views as site_views

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path("", site_views.home, name="home"),
    path("", include("duallife.content.urls")),
    path("regions/", include("duallife.regions.urls")),
    path("simulator/", include("duallife.simulator.urls")),
    path("sheets/", include("duallife.postings.urls")),
    path("organizations/", include("duallife.organizations.urls")),
    path("talents/", include("duallife.talents.urls")),
    path("", include("duallife.engagements.urls")),
    path("", include("duallife.recommendations.urls")),
    path("drafts/", include("duallife.drafts.urls")),
    path("support/", include("duallife.subsidies.urls")),
    path("notifications/", include("duallife.notifications.urls")),
    path("accounts/", include("duallife.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "duallife.core.views.bad_request"
handler403 = "duallife.core.views.permission_denied"
handler404 = "duallife.core.views.page_not_found"
handler500 = "duallife.core.views.server_error"
