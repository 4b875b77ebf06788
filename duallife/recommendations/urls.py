from django.urls import path

from . import views

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", views.mine, name="mine"),
    path("sheets/<str:pk>/matches/", views.sheet_matches, name="sheet_matches"),
]

# Saved searches and the weekly digest's opt-ins (views_saved.py).
from . import views_saved  # noqa: E402

urlpatterns += views_saved.urlpatterns
