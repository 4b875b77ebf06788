"""Schemas of places that every app's API answers with (the region pages have no JSON of their own)."""

from __future__ import annotations

from ninja import Field, Schema


class PlaceOut(Schema):
    code: str = Field(description="全国地方公共団体コード（6桁）")
    name: str
    prefecture_code: str
    prefecture: str
