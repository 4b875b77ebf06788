import pytest

from duallife.organizations.models import Membership, Organization
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.accounts import make_user, with_totp
from duallife.testing.organizations import make_cast, make_org
from duallife.testing.vocabulary import forget_vocabulary, load_vocabulary_for_tests


@pytest.fixture
def vocabulary(db):
    report = load_vocabulary_for_tests()
    yield report
    forget_vocabulary()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded photos land in a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


@pytest.fixture
def cast(region_pack):
    return make_cast()


@pytest.fixture
def places(db):
    """Miyagi and Akita with one city each (no region pack)."""
    miyagi = Prefecture.objects.create(
        code="04", lg_code="040002", name="宮城県", name_kana="みやぎけん", name_en="Miyagi"
    )
    akita = Prefecture.objects.create(
        code="05", lg_code="050008", name="秋田県", name_kana="あきたけん", name_en="Akita"
    )
    return {
        "miyagi": miyagi,
        "akita": akita,
        "sendai": Municipality.objects.create(
            code="041009", prefecture=miyagi, name="仙台市", name_kana="せんだいし"
        ),
        "akita_city": Municipality.objects.create(
            code="052019", prefecture=akita, name="秋田市", name_kana="あきたし"
        ),
    }


@pytest.fixture
def tenants(places):
    """Two companies and the secretariat with their admins, a member and an operator (with TOTP)."""
    company = make_org(Organization.Kind.COMPANY, "sendai-co", prefecture=places["miyagi"])
    other = make_org(Organization.Kind.COMPANY, "akita-co", prefecture=places["akita"])
    secretariat = make_org(Organization.Kind.SECRETARIAT, "office", prefecture=places["miyagi"])
    admin = make_user("admin@sendai.example.jp", signed_up=True)
    member = make_user("member@sendai.example.jp", signed_up=True)
    other_admin = make_user("admin@akita.example.jp", signed_up=True)
    operator = with_totp(make_user("op@office.example.jp", signed_up=True))
    Membership.objects.create(user=admin, organization=company, role=Membership.Role.ADMIN)
    Membership.objects.create(user=member, organization=company)
    Membership.objects.create(user=other_admin, organization=other, role=Membership.Role.ADMIN)
    Membership.objects.create(user=operator, organization=secretariat)
    return {
        "company": company,
        "other": other,
        "admin": admin,
        "member": member,
        "other_admin": other_admin,
        "operator": operator,
        **places,
    }
