"""A URLconf for the MFA tests: the site's URLs plus one view of each kind marked as personal data."""

from django.http import HttpResponse
from django.urls import path
from django.views import View

from duallife.accounts.mfa import PersonalDataViewMixin, personal_data_view
from duallife.urls import urlpatterns as site_urlpatterns


@personal_data_view
def function_view(request):
    return HttpResponse("personal data")


class ClassView(PersonalDataViewMixin, View):
    def get(self, request):
        return HttpResponse("personal data")


urlpatterns = [
    path("test/personal-data/function/", function_view),
    path("test/personal-data/class/", ClassView.as_view()),
    *site_urlpatterns,
]
