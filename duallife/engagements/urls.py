from .views import applications, consent, contracts, messages, referrals, scouts

app_name = "engagements"

urlpatterns = [
    *applications.urlpatterns,
    *scouts.urlpatterns,
    *messages.urlpatterns,
    *contracts.urlpatterns,
    *referrals.urlpatterns,
    *consent.urlpatterns,
]
