"""JSON API: the acting user's notifications."""

from __future__ import annotations

from ninja import Router

router = Router()
