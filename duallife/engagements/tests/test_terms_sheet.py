"""The terms sheet (PDF) of a contract: Japanese text a reader can extract, the CJK font embedded,
the フリーランス法's items, the contractor's name only with consent, and only for the two sides."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from duallife.engagements.models import Application
from duallife.engagements.services.applications import application_submit
from duallife.testing.engagements import APPLY_MESSAGE, propose, record, to_offer
from duallife.testing.talents import make_talent_user

S = Application.Status


def text_of(document: bytes) -> str:
    """The text of every page through the font's Unicode map, without the spaces a reader puts
    between CJK glyphs (and the NUL that pypdf reads as the high byte of each two-byte code)."""
    reader = PdfReader(io.BytesIO(document))
    return "".join("".join(page.extract_text().replace("\x00", "").split()) for page in reader.pages)


def embedded_fonts(document: bytes) -> list[str]:
    """The base names of the fonts whose program is inside the file."""
    names = []
    for page in PdfReader(io.BytesIO(document)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.append(str(descendant.get_object()["/BaseFont"]))
    return names


@pytest.fixture
def offer(world, application):
    return to_offer(application, world.owner)


def download(client, user, application) -> bytes:
    client.force_login(user)
    response = client.get(f"/applications/{application.pk}/contract/terms.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_confirmed_contracts_terms_sheet_reads_in_japanese_with_the_font_embedded(client, world, offer):
    record(offer, world.owner, payment_day=10, inspection_days=5)

    document = download(client, world.owner, offer)

    assert document.startswith(b"%PDF")
    text = text_of(document)
    for expected in (
        "業務委託の取引条件（明示書）",
        world.company.name,
        "山田花子",  # the talent shared their name when applying
        "業務委託をした日",
        "味噌の新商品を首都圏のECで売るための販路づくり",
        "オンライン（月1回は会津若松市の事務所）",
        "月額40,000円（税込）",
        "毎月末日締め、翌月10日払い",
        "各月の末日から5日以内",
        "銀行振込",
        "60日以内",
        "フリーランス法",
    ):
        assert expected in text, expected
    assert "（案）" not in text
    assert any("NotoSansCJK" in name for name in embedded_fonts(document))
    assert download(client, world.talent, offer).startswith(b"%PDF")


def test_before_confirmation_the_sheet_is_a_draft_with_its_version(client, world, offer):
    propose(offer, world.owner)
    propose(offer, world.owner, days_per_month=5)
    text = text_of(download(client, world.talent, offer))
    assert "業務委託の取引条件（明示書）（案）" in text
    assert "第2版" in text
    assert "受託する方が確認した日（未確認）" in text


def test_without_consent_the_company_sees_the_display_name_only(client, world, sheet):
    user = make_talent_user("private")
    application = application_submit(sheet=sheet, by=user, message=APPLY_MESSAGE)
    offer = to_offer(application, world.owner)
    propose(offer, world.owner)
    text = text_of(download(client, world.owner, offer))
    assert application.talent.family_name not in text
    assert f"{application.talent.display_name}（表示名" in text


def test_only_the_two_sides_download_it(client, world, offer, staff_mfa):
    record(offer, world.owner)
    url = f"/applications/{offer.pk}/contract/terms.pdf"
    assert client.get(url).status_code == 302  # to log in
    for user in (world.stranger, world.nobody, world.far_coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 404
    for user in (world.coordinator, world.operator):  # they follow the application, not its terms
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_there_is_nothing_to_download_before_terms_are_proposed_or_after_they_are_withdrawn(
    client, world, offer
):
    client.force_login(world.owner)
    url = f"/applications/{offer.pk}/contract/terms.pdf"
    assert client.get(url).status_code == 404
    proposal = propose(offer, world.owner)
    proposal.state = proposal.State.WITHDRAWN
    proposal.save()
    assert client.get(url).status_code == 404
    assert client.get("/applications/abc/contract/terms.pdf").status_code == 404
