"""The home page: one query for the region overview, however many places the pack has."""


def test_home_page_takes_one_query(client, region_pack, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/")

    assert response.status_code == 200
    assert "青森県" in response.content.decode()


def test_home_page_without_a_region_pack(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/")
    assert response.status_code == 200
