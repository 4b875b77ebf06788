"""The JSON API of the shared vocabularies: skills with their synonyms, themes, industries."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_vocabulary_endpoints(client, world):
    skills = client.get("/api/v1/vocabulary/skills").json()
    themes = client.get("/api/v1/vocabulary/themes").json()
    industries = client.get("/api/v1/vocabulary/industries").json()

    assert skills[0] == {
        "key": "web-marketing",
        "name": "ウェブマーケティング",
        "name_en": "Web marketing",
        "category": "marketing",
        "synonyms": ["Webマーケティング", "Webマーケ"],
    }
    assert [t["key"] for t in themes] == ["marketing", "product-development", "new-business", "dx-it"]
    assert industries == [{"code": "E", "name": "製造業", "name_en": "Manufacturing"}]
