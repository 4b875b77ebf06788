"""Before the region pack is loaded, region pages are not found (apart from the tests that load
the pack: those share one pack per module)."""


def test_prefecture_page_is_404_before_any_pack_is_loaded(client, db):
    assert client.get("/regions/05/").status_code == 404
