"""Pages: referrals."""

from __future__ import annotations

urlpatterns: list = []
