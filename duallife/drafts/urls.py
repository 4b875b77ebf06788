"""URLs of the draft (``/drafts/``). Each page module owns its own ``urlpatterns``."""

from . import views_camps, views_choices, views_events, views_manage, views_messages, views_runs

app_name = "drafts"

urlpatterns = (
    views_events.urlpatterns
    + views_choices.urlpatterns
    + views_runs.urlpatterns
    + views_camps.urlpatterns
    + views_messages.urlpatterns
    + views_manage.urlpatterns
)
