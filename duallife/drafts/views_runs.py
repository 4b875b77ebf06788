"""Draft pages (in progress)."""

urlpatterns: list = []
