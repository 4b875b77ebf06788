"""Pages: messages."""

from __future__ import annotations

urlpatterns: list = []
