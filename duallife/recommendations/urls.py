from django.urls import path

from .views import recommendations, saved_searches

app_name = "recommendations"

urlpatterns = [
    path("recommendations/", recommendations.mine, name="mine"),
    path("sheets/<id:pk>/matches/", recommendations.sheet_matches, name="sheet_matches"),
    *saved_searches.urlpatterns,
]
