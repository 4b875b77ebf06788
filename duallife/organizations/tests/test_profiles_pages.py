"""Editing a company's or coordinator body's profile: who may, and bad input of every kind."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains

from duallife.organizations.models import CompanyProfile, Organization, OrganizationPhoto
from duallife.organizations.services.profiles import MAX_PHOTOS
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.organizations import image_upload
from duallife.vocabulary.models import IndustryGroup

COMPANY_EDIT = "/organizations/sendai-co/edit/"
BODY_EDIT = "/organizations/miyagi-pref/edit/"


def company_data(**overrides):
    data = {
        "name": "仙台テスト株式会社",
        "name_kana": "センダイテスト",
        "prefecture": str(Prefecture.objects.get(code="04").pk),
        "municipality": str(Municipality.objects.get(code="041009").pk),
        "corporate_number": "",
        "industry": "",
        "size": "6-20",
        "founded_year": "1990",
        "website": "",
        "summary": "仙台の会社です。",
        "vision": "ビジョン",
        "strategy": "",
        "region_meaning": "",
        "appeal": "",
        "top_message": "",
        "top_name": "",
        "top_title": "",
        "new_photo_alt_text": "",
        "new_photo_caption": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": str(MAX_PHOTOS),
    }
    data.update(overrides)
    return data


def with_photos(data, photos, **changes):
    data = dict(data)
    data["photos-TOTAL_FORMS"] = str(len(photos))
    data["photos-INITIAL_FORMS"] = str(len(photos))
    for index, photo in enumerate(photos):
        data[f"photos-{index}-photo_id"] = str(photo.pk)
        data[f"photos-{index}-alt_text"] = photo.alt_text
        data[f"photos-{index}-caption"] = photo.caption
        data[f"photos-{index}-position"] = str(photo.position)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def profile_snapshot():
    org = Organization.objects.get(slug="sendai-co")
    return (
        org.name,
        org.name_kana,
        org.municipality_id,
        CompanyProfile.objects.filter(organization=org).values().first(),
    )


@pytest.fixture
def member_client(client, cast):
    client.force_login(cast["member"])
    return client


# --- who may edit -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "company_status", "body_status"),
    [
        ("talent", 403, 403),
        ("other", 403, 403),
        ("member", 200, 403),
        ("admin", 200, 403),
        ("coordinator", 403, 200),
        ("far_coordinator", 403, 403),
        ("operator", 403, 403),
    ],
)
def test_only_members_may_edit_their_own_profile(client, cast, who, company_status, body_status):
    client.force_login(cast[who])

    assert client.get(COMPANY_EDIT).status_code == company_status
    assert client.get(BODY_EDIT).status_code == body_status

    response = client.post(COMPANY_EDIT, company_data(name="書き換え"))

    if company_status == 200:
        assert response.status_code == 302
        assert Organization.objects.get(slug="sendai-co").name == "書き換え"
    else:
        assert response.status_code == company_status
        assert Organization.objects.get(slug="sendai-co").name == "仙台テスト株式会社"


def test_a_forbidden_edit_explains_in_japanese(client, cast):
    client.force_login(cast["other"])

    response = client.get(COMPANY_EDIT)

    assertContains(response, "この組織のメンバーだけです", status_code=403)


def test_anonymous_visitors_are_sent_to_log_in(client, cast):
    response = client.get(COMPANY_EDIT)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/organizations/sendai-co/edit/")
    assert client.post(COMPANY_EDIT, company_data(name="乗っ取り")).status_code == 302
    assert Organization.objects.get(slug="sendai-co").name == "仙台テスト株式会社"


def test_an_inactive_company_cannot_be_edited(member_client):
    Organization.objects.filter(slug="sendai-co").update(is_active=False)

    assert member_client.get(COMPANY_EDIT).status_code == 404


# --- saving -------------------------------------------------------------------------------------


def test_member_saves_the_profile_and_sees_it_published(member_client, vocabulary):
    data = company_data(
        corporate_number="７０００－０１２０－５０００２",
        industry=str(IndustryGroup.objects.get(code="E").pk),
        name_kana="せんだいてすと",
        website="example.jp",
        vision="石巻の魚を東京の食卓へ。",
    )

    response = member_client.post(COMPANY_EDIT, data)

    assert response.status_code == 302
    assert response["Location"] == "/organizations/sendai-co/"
    org = Organization.objects.get(slug="sendai-co")
    assert org.name_kana == "センダイテスト"
    assert org.municipality.code == "041009"
    assert org.company.corporate_number == "7000012050002"
    assert org.company.industry.code == "E"
    assert org.company.website == "https://example.jp"
    page = member_client.get(response["Location"])
    assertContains(page, "プロフィールを保存しました。")
    assertContains(page, "石巻の魚を東京の食卓へ。")


def test_the_edit_form_shows_help_and_examples_in_japanese(member_client):
    response = member_client.get(COMPANY_EDIT)

    assertContains(response, "国税庁の法人番号公表サイト")
    assertContains(response, "例: 株式会社みちのく醸造")
    assertContains(response, 'aria-describedby="id_corporate_number_helptext"')
    assertContains(response, 'enctype="multipart/form-data"')


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"corporate_number": "8000012050002"}, "corporate_number", "法人番号が正しくありません"),
        ({"corporate_number": "12345"}, "corporate_number", "法人番号が正しくありません"),
        ({"name": ""}, "name", "企業名を入力してください。"),
        ({"name": "長" * 121}, "name", "企業名は120文字以内にしてください。"),
        ({"name_kana": "Sendai"}, "name_kana", "カタカナで入力してください"),
        ({"prefecture": ""}, "prefecture", "所在地の都道府県を選んでください。"),
        ({"prefecture": "999999"}, "prefecture", "所在地の都道府県を選び直してください。"),
        ({"municipality": "999999"}, "municipality", "所在地の市区町村を選び直してください。"),
        ({"founded_year": "1200年"}, "founded_year", "創業年は西暦の数字4桁で入力してください"),
        ({"founded_year": "3000"}, "founded_year", "創業年は600年から"),
        ({"size": "huge"}, "size", "従業員規模を選び直してください。"),
        ({"website": "javascript:alert(1)"}, "website", "URLを正しく入力してください"),
        ({"website": "ftp://example.jp/"}, "website", "http:// または https:// で始まるもの"),
        ({"summary": "あ" * 201}, "summary", "ひとことで言うとは200文字以内にしてください。"),
        ({"vision": "あ" * 2001}, "vision", "ビジョンは2000文字以内にしてください。"),
    ],
)
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(member_client, overrides, field, message):
    before = profile_snapshot()

    response = member_client.post(COMPANY_EDIT, company_data(**{"vision": "新しいビジョン", **overrides}))

    assert response.status_code == 200
    assertContains(response, message)
    assertContains(response, "入力内容を確認してください")
    assertContains(response, f'id="id_{field}_error"')
    assert profile_snapshot() == before


def test_municipality_must_be_in_the_chosen_prefecture(member_client):
    before = profile_snapshot()
    akita_city = Municipality.objects.get(code="052019")

    response = member_client.post(COMPANY_EDIT, company_data(municipality=str(akita_city.pk)))

    assertContains(response, "秋田市は宮城県の市区町村ではありません。")
    assert profile_snapshot() == before


def test_a_tampered_photo_formset_is_refused_without_a_500(member_client):
    response = member_client.post(COMPANY_EDIT, company_data(**{"photos-TOTAL_FORMS": "x"}))

    assert response.status_code == 200
    assert profile_snapshot()[0] == "仙台テスト株式会社"


# --- photos -------------------------------------------------------------------------------------


def post_photo(client, upload, *, alt="港の朝の水揚げ", **overrides):
    data = company_data(vision="写真と一緒に保存", new_photo_alt_text=alt, **overrides)
    data["new_photo"] = upload
    return client.post(COMPANY_EDIT, data)


def test_a_photo_is_stored_re_encoded_without_metadata(member_client, media_root):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    response = post_photo(member_client, image_upload("IMG_0001.JPG", size=(3000, 1000), exif=exif.tobytes()))

    assert response.status_code == 302
    photo = OrganizationPhoto.objects.get()
    assert photo.alt_text == "港の朝の水揚げ"
    assert photo.image.name.startswith("organizations/")
    assert photo.image.name.endswith(".jpg")
    assert "IMG_0001" not in photo.image.name
    stored = Path(media_root) / photo.image.name
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert image.size == (2400, 800)
        assert not image.getexif()
    assert (photo.width, photo.height) == (2400, 800)
    page = member_client.get("/organizations/sendai-co/")
    assertContains(page, 'alt="港の朝の水揚げ"')


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(member_client, image_format):
    response = post_photo(member_client, image_upload(f"p.{image_format.lower()}", image_format=image_format))

    assert response.status_code == 302
    assert OrganizationPhoto.objects.get().image.name.endswith(f".{image_format.lower()}")


def fake_upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: fake_upload("photo.jpg", b"this is not an image at all"), "画像として読み込めませんでした"),
        (lambda: image_upload("anim.gif", image_format="GIF"), "JPEG・PNG・WebP のいずれかの形式"),
        (lambda: fake_upload("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1)), "5MB以下にしてください"),
        (lambda: fake_upload("empty.jpg", b""), "ファイルが空です"),
        (lambda: fake_upload("cut.jpg", image_upload().read()[:200]), "画像"),
    ],
)
def test_a_bad_photo_leaves_the_whole_profile_unchanged(member_client, media_root, upload, message):
    before = profile_snapshot()

    response = post_photo(member_client, upload())

    assert response.status_code == 200
    assertContains(response, message)
    assert profile_snapshot() == before
    assert not OrganizationPhoto.objects.exists()
    assert not any(Path(media_root).rglob("*.*")) if Path(media_root).exists() else True


def test_a_photo_needs_alt_text(member_client):
    before = profile_snapshot()

    response = post_photo(member_client, image_upload(), alt="")

    assertContains(response, "写真の説明（代替テキスト）を入力してください。")
    assert profile_snapshot() == before
    assert not OrganizationPhoto.objects.exists()


def test_alt_text_without_a_file_is_pointed_out(member_client):
    response = member_client.post(COMPANY_EDIT, company_data(new_photo_alt_text="港の写真"))

    assertContains(response, "説明を入力した写真のファイルを選んでください。")


def test_at_most_eight_photos(member_client):
    for index in range(MAX_PHOTOS):
        assert post_photo(member_client, image_upload(f"{index}.jpg"), alt=f"写真{index}").status_code == 302
    photos = list(OrganizationPhoto.objects.order_by("position"))

    response = member_client.post(
        COMPANY_EDIT, with_photos(company_data(new_photo_alt_text="9枚目"), photos, new_photo=image_upload())
    )

    assertContains(response, "写真は8枚までです")
    assert OrganizationPhoto.objects.count() == MAX_PHOTOS


def test_photos_are_edited_and_deleted_with_their_files(
    member_client, media_root, django_capture_on_commit_callbacks
):
    post_photo(member_client, image_upload("a.jpg"), alt="一枚目")
    post_photo(member_client, image_upload("b.jpg"), alt="二枚目")
    first, second = OrganizationPhoto.objects.order_by("position")
    second_file = Path(media_root) / second.image.name
    assert second_file.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            COMPANY_EDIT,
            with_photos(
                company_data(),
                [first, second],
                **{
                    "photos-0-alt_text": "港で水揚げをする社員",
                    "photos-0-position": "5",
                    "photos-1-delete": "on",
                },
            ),
        )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.alt_text == "港で水揚げをする社員"
    assert first.position == 5
    assert not OrganizationPhoto.objects.filter(pk=second.pk).exists()
    assert not second_file.exists()


def test_a_kept_photo_needs_its_alt_text(member_client):
    post_photo(member_client, image_upload(), alt="一枚目")
    photo = OrganizationPhoto.objects.get()

    response = member_client.post(
        COMPANY_EDIT, with_photos(company_data(), [photo], **{"photos-0-alt_text": ""})
    )

    assertContains(response, "写真1の説明（代替テキスト）")
    photo.refresh_from_db()
    assert photo.alt_text == "一枚目"


def test_another_organisations_photo_cannot_be_touched(member_client, cast):
    other = Organization.objects.get(slug="akita-co")
    foreign = OrganizationPhoto.objects.create(
        organization=other, image="organizations/x.jpg", alt_text="秋田の写真"
    )

    response = member_client.post(
        COMPANY_EDIT, with_photos(company_data(), [foreign], **{"photos-0-delete": "on"})
    )

    assert response.status_code == 200
    assertContains(response, "この写真はすでに削除されています")
    assert OrganizationPhoto.objects.filter(pk=foreign.pk).exists()


# --- coordinator bodies -------------------------------------------------------------------------


def body_data(**overrides):
    data = {
        "name_kana": "ミヤギケン",
        "region_vision": "若い世代が戻れる県に。",
        "talent_needed": "販路開拓の伴走者。",
        "contact_email": "iju@pref.example.lg.jp",
        "contact_phone": "０２２－２１１－２１１１",
        "contact_url": "https://www.pref.example.lg.jp/iju/",
        "address": " 〒980-8570 宮城県仙台市青葉区本町3-8-1 ",
        "new_photo_alt_text": "",
        "new_photo_caption": "",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": str(MAX_PHOTOS),
    }
    data.update(overrides)
    return data


def test_coordinator_saves_its_region_page(client, cast):
    client.force_login(cast["coordinator"])

    response = client.post(BODY_EDIT, body_data())

    assert response.status_code == 302
    body = Organization.objects.get(slug="miyagi-pref").coordinator
    assert body.contact_phone == "022-211-2111"
    assert body.region_vision == "若い世代が戻れる県に。"
    assert body.address == "〒980-8570 宮城県仙台市青葉区本町3-8-1"
    page = client.get("/organizations/miyagi-pref/")
    assertContains(page, "〒980-8570 宮城県仙台市青葉区本町3-8-1")
    assertContains(page, "iju@pref.example.lg.jp")
    assertContains(page, "販路開拓の伴走者。")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contact_email": "not-an-email"}, "メールアドレスを正しく入力してください"),
        ({"contact_phone": "12-34"}, "電話番号は0から始まる10桁または11桁"),
        ({"contact_url": "javascript:alert(1)"}, "URLを正しく入力してください"),
        ({"name_kana": "みやぎ県"}, "カタカナで入力してください"),
        ({"address": "宮" * 201}, "所在地は200文字以内で入力してください"),
    ],
)
def test_coordinator_bad_input_is_refused(client, cast, overrides, message):
    client.force_login(cast["coordinator"])
    before = Organization.objects.get(slug="miyagi-pref").coordinator.region_vision

    response = client.post(BODY_EDIT, body_data(**overrides))

    assertContains(response, message)
    assert Organization.objects.get(slug="miyagi-pref").coordinator.region_vision == before


def test_pillow_decompression_bomb_is_refused(member_client):
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, "PNG")
    upload = fake_upload("bomb.png", buffer.getvalue(), content_type="image/png")

    response = post_photo(member_client, upload)

    assertContains(response, "画素数が大きすぎます")
    assert not OrganizationPhoto.objects.exists()
