"""The JSON API of the public listing: search, filters, pages, a sheet's detail."""

from __future__ import annotations

import pytest

from duallife.postings.models import SpecSheet
from duallife.testing.postings import AKITA

Status = SpecSheet.Status


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


# --- Public reads ------------------------------------------------------------------------------


def test_sheet_list_uses_the_listing_search_and_filters(client, world, make_sheet):
    shown = make_sheet(Status.PUBLISHED)
    make_sheet(
        Status.PUBLISHED,
        organization=world.other_company,
        municipality=AKITA,
        title="秋田の酒蔵の営業戦略を一緒に作る",
    )
    make_sheet(Status.DRAFT)

    everything = client.get("/api/v1/sheets").json()
    searched = client.get("/api/v1/sheets", {"q": "Ｗｅｂマーケ", "prefecture": "04", "fee": 30000}).json()

    assert everything["count"] == 2
    assert (searched["count"], searched["page"], searched["pages"], searched["per_page"]) == (1, 1, 1, 20)
    item = searched["results"][0]
    assert item["id"] == shown.pk
    assert item["url"] == f"/sheets/{shown.pk}/"
    assert item["municipality"] == {
        "code": "041009",
        "name": "仙台市",
        "prefecture_code": "04",
        "prefecture": "宮城県",
    }
    assert item["required_skills"] == [
        {"name": "ウェブマーケティング", "key": "web-marketing"},
        {"name": "データ分析", "key": "data-analysis"},
    ]
    assert {"name": "食品業界の経験", "key": None} in item["welcome_skills"]
    assert item["organization"] == {"slug": "sendai-miso", "name": "sendai-misoの名前", "kind": "company"}
    assert "issue" not in item


def test_sheet_list_past_the_last_page_is_empty(client, make_sheet):
    make_sheet(Status.PUBLISHED)

    body = client.get("/api/v1/sheets", {"page": 5}).json()

    assert (body["count"], body["pages"], body["results"]) == (1, 1, [])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"days": 0}, "days"),
        ({"fee": -1}, "fee"),
        ({"sort": "random"}, "sort"),
        ({"closes_after": "来月"}, "closes_after"),
    ],
)
def test_sheet_list_bad_parameters_are_400_in_japanese(client, world, params, field):
    response = client.get("/api/v1/sheets", params)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert has_japanese(response.json()["detail"])


def test_sheet_detail(client, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)

    body = client.get(f"/api/v1/sheets/{sheet.pk}").json()

    assert body["status"] == "published"
    assert body["issue"].startswith("創業百二十年")
    assert body["why_you"].startswith("首都圏の消費者")
    assert body["openings"] == 1


def test_closed_sheet_detail_says_so_and_hidden_ones_are_404(client, make_sheet):
    closed = make_sheet(Status.CLOSED)
    draft = make_sheet()

    assert client.get(f"/api/v1/sheets/{closed.pk}").json()["closed_reason"] == "filled"
    response = client.get(f"/api/v1/sheets/{draft.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "仕様書が見つかりません。", "errors": []}
    assert client.get(f"/api/v1/sheets/{2**63 - 1}").status_code == 404
