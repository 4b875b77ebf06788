"""JSON API: consent (for the acting user)."""

from __future__ import annotations

from ninja import Router

router = Router()
