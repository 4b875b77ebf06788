"""Pages: notifications, email settings, unsubscribe."""

from __future__ import annotations

urlpatterns: list = []
