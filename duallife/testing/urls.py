"""A URLconf for the MFA tests: the site's URLs plus one view of each kind marked as personal data.

Only tests that ask for it use it (``pytest.mark.urls``); the route-audience test walks the site's
URLconf, not this one. Its two views declare their audience all the same."""

from django.http import HttpResponse
from django.urls import path
from django.views import View

from duallife.accounts.mfa import PersonalDataViewMixin, personal_data_view
from duallife.core.audience import SIGNED_IN, audience
from duallife.urls import urlpatterns as site_urlpatterns


@personal_data_view
@audience(SIGNED_IN, personal_data=True)
def function_view(request):
    return HttpResponse("personal data")


@audience(SIGNED_IN, personal_data=True)
class ClassView(PersonalDataViewMixin, View):
    def get(self, request):
        return HttpResponse("personal data")


urlpatterns = [
    path("test/personal-data/function/", function_view),
    path("test/personal-data/class/", ClassView.as_view()),
    *site_urlpatterns,
]
