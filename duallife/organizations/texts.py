"""Sentences about a company's verification, worded when read in the reader's language: the note a
company reads about its last comparison with the published 法人番号 data (what did not match and
what happens next, never an accusation), and what the 確認済み badge says was checked."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from duallife.core.formats import format_date, localized_place

from .models import Organization, VerificationMethod, VerificationOutcome


def _date(value: str) -> str:
    try:
        return format_date(datetime.date.fromisoformat(value))
    except (TypeError, ValueError):
        return ""


def verified_explanation(organization: Organization) -> str:
    """What the badge stands for (for its accessible text and the company page)."""
    if organization.verification_method == VerificationMethod.REGISTRY:
        return _("法人番号と商号・所在地を国税庁の公表データで確認しました。")
    return _("地域の支援機関または事務局の担当者が、この企業の実在を確認しました。")


def verification_note(organization: Organization) -> str:
    """The note the company's members read about the last comparison ("" when there is nothing
    to say: verified, or never compared)."""
    if organization.verified_at is not None:
        return ""
    if organization.verification_revoked_at is not None:
        return _(
            "「確認済み」の表示は、担当の支援機関または事務局が取り消しました。"
            "法人番号・企業名・所在地を見直して保存すると、あらためて照合します。"
            "ご不明な点は、所在地を担当する支援機関にお問い合わせください。"
        )
    detail = organization.verification_detail or {}
    words = {
        "registered_name": detail.get("registered_name", ""),
        "registered_place": detail.get("registered_place", ""),
        "entered_name": organization.name,
        "entered_place": localized_place(organization.municipality, organization.prefecture),
        "closed_on": _date(detail.get("closed_on", "")),
        "data_date": _date(detail.get("data_date", "")),
    }
    outcome = organization.verification_outcome
    if outcome == VerificationOutcome.NO_NUMBER:
        return _(
            "法人番号を入力すると、国税庁の公表データと照合し、一致すれば「確認済み」と表示します。"
            "個人事業などで法人番号がない場合は、担当の支援機関が確認することもあります。"
        )
    if outcome == VerificationOutcome.REGISTRY_EMPTY:
        return _(
            "法人番号の照合に使う公表データを、まだ読み込んでいません。"
            "読み込み後に自動で照合し、一致すれば「確認済み」と表示します。それまでも、ほかの機能はそのままお使いいただけます。"
        )
    if outcome == VerificationOutcome.NOT_FOUND:
        return (
            _(
                "入力された法人番号は、読み込み済みの公表データ（%(data_date)s更新分まで）に見つかりませんでした。"
                "設立から間もない法人は、公表までに日数がかかることがあります。"
                "番号に誤りがなければ、データの更新後に自動で照合します。"
            )
            % words
        )
    if outcome == VerificationOutcome.CLOSED:
        return (
            _(
                "公表データでは、この法人番号の登記記録が%(closed_on)sに閉鎖されています。"
                "合併などで法人番号が変わった場合は、新しい法人番号を入力してください。"
            )
            % words
        )
    if outcome == VerificationOutcome.NAME_MISMATCH:
        return (
            _(
                "公表データの商号「%(registered_name)s」と、登録された企業名「%(entered_name)s」が一致しませんでした。"
                "商号のとおりに企業名を直すと、自動で照合し直します。"
                "通称で掲載したい場合は、担当の支援機関が確認します。"
            )
            % words
        )
    if outcome == VerificationOutcome.PLACE_MISMATCH:
        return (
            _(
                "公表データの所在地（%(registered_place)s）と、登録された所在地（%(entered_place)s）の市区町村が一致しませんでした。"
                "公表データは本店の所在地です。支店や事業所の所在地で登録している場合は、担当の支援機関が確認します。"
            )
            % words
        )
    if outcome == VerificationOutcome.NAME_AND_PLACE_MISMATCH:
        return (
            _(
                "公表データの商号「%(registered_name)s」・所在地（%(registered_place)s）と、"
                "登録された企業名・所在地が一致しませんでした。法人番号に誤りがないか、ご確認ください。"
                "誤りがなければ、担当の支援機関が確認します。"
            )
            % words
        )
    return ""
