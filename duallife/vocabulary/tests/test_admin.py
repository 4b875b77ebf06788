"""The vocabulary admin lists and searches; editing happens in the CSV files."""

import pytest

from duallife.accounts.models import User
from duallife.testing.accounts import give_mfa


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("root", "root@example.jp", None)
    give_mfa(user)  # staff open the admin only with a second factor
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["skill", "theme", "industrygroup"])
def test_lists_and_search_work_and_nothing_is_editable(admin_client, vocabulary, model):
    response = admin_client.get(f"/admin/vocabulary/{model}/?q=マーケ")
    assert response.status_code == 200
    assert admin_client.get(f"/admin/vocabulary/{model}/add/").status_code == 403


def test_skill_search_finds_a_synonym(admin_client, vocabulary):
    response = admin_client.get("/admin/vocabulary/skill/?q=Webマーケ")

    assert "ウェブマーケティング" in response.content.decode()
