from .views import applications, closing, consent, contracts, messages, referrals, scouts

app_name = "engagements"

urlpatterns = [
    *applications.urlpatterns,
    *scouts.urlpatterns,
    *messages.urlpatterns,
    *contracts.urlpatterns,
    *closing.urlpatterns,
    *referrals.urlpatterns,
    *consent.urlpatterns,
]
