"""URLs of the draft (``/drafts/``). Each page module owns its own ``urlpatterns``."""

from .views import camps, choices, events, messages, nominations, players, results, runs, teams

app_name = "drafts"

urlpatterns = [
    *events.urlpatterns,
    *teams.urlpatterns,
    *players.urlpatterns,
    *choices.urlpatterns,
    *runs.urlpatterns,
    *results.urlpatterns,
    *nominations.urlpatterns,
    *camps.urlpatterns,
    *messages.urlpatterns,
]
