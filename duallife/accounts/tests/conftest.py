import pytest

from duallife.regions.models import Municipality, Prefecture


@pytest.fixture
def places(db):
    """Two prefectures with a municipality each: enough for organisations and talent profiles,
    without loading the whole region pack."""
    miyagi = Prefecture.objects.create(
        code="04", lg_code="040002", name="宮城県", name_kana="みやぎけん", name_en="Miyagi"
    )
    tokyo = Prefecture.objects.create(
        code="13", lg_code="130001", name="東京都", name_kana="とうきょうと", name_en="Tokyo"
    )
    sendai = Municipality.objects.create(
        code="041009", prefecture=miyagi, name="仙台市", name_kana="せんだいし"
    )
    setagaya = Municipality.objects.create(
        code="131121", prefecture=tokyo, name="世田谷区", name_kana="せたがやく"
    )
    return {"miyagi": miyagi, "tokyo": tokyo, "sendai": sendai, "setagaya": setagaya}
