from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<str:code>/", views.prefecture_detail, name="prefecture"),
    path("m/<str:code>/", views.municipality_detail, name="municipality"),
]
