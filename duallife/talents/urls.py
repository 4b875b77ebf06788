from django.urls import path

from . import views

app_name = "talents"

urlpatterns = [
    path("", views.search, name="search"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.profile_edit, name="profile_edit"),
    path("me/skills/preview/", views.skill_preview, name="skill_preview"),
    path("<id:pk>/", views.detail, name="detail"),
]
