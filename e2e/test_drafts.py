"""The draft (ドラフト会議) in the browser, as the demo's visitor, talent, company and operator use it:
every page has one h1 and is axe-clean (WCAG 2 A/AA), and the main steps — answering a nomination,
entering an event and ranking its teams, joining as a team and writing to a player, checking a
nomination run and recording what came of it — are done through the pages, reached by their links.

The demo holds three events (``duallife/demo/builders/drafts.py``): 2025 answered, 2026 in its negotiation
window with a pending nomination for talent-0001, 2027 open for entries.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    COMPANY_ADMIN,
    DEMO_ADMIN_PASSWORD,
    PHONE_VIEWPORT,
    TALENT,
    assert_no_axe_violations,
    horizontal_overflow,
    log_in,
    totp_now,
)

pytestmark = pytest.mark.e2e

ANSWERED = "東北ドラフト会議2025（デモ）"
NEGOTIATING = "東北ドラフト会議2026（デモ）"
OPEN = "みやぎ移住ドラフト2027（デモ）"
OPERATOR = "operator@example.jp"


def _ok(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, f"{path} answered {response.status}"
    _checked(page)


def _follow(page: Page, name: str | re.Pattern, *, exact: bool = True) -> None:
    """Click the first link called ``name`` and check the page it opens."""
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=exact).first.click()
    _checked(page)


def _checked(page: Page) -> None:
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)


def _back_to(page: Page, event: str) -> None:
    """Back to the event page through the breadcrumb."""
    with page.expect_navigation():
        page.get_by_role("navigation", name="パンくずリスト").get_by_role("link", name=event).click()


def _event(page: Page, name: str) -> None:
    _ok(page, "/drafts/")
    _follow(page, name)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_a_visitor_reads_the_events_teams_results_and_camps(page: Page, page_errors: list[str]) -> None:
    for name in (ANSWERED, OPEN, NEGOTIATING):
        _event(page, name)
    # no role without logging in: the event page offers the login
    expect(page.get_by_role("link", name="ログインする", exact=True)).to_be_visible()

    with page.expect_navigation():  # the first team of the 2026 event
        page.get_by_role("region", name=re.compile("参加するチーム")).get_by_role("link").first.click()
    _checked(page)
    expect(page.get_by_role("heading", name="地域の戦略")).to_be_visible()
    page.go_back()
    _follow(page, "指名の結果を見る")
    expect(page.get_by_role("heading", level=1)).to_contain_text("指名の結果")
    expect(page.get_by_role("cell", name=re.compile("回答待ち")).first).to_be_visible()
    page.go_back()
    _follow(page, "オンライン合宿：チーム紹介と相談会")
    expect(page.get_by_text("この合宿は終わりました。")).to_be_visible()

    page.set_viewport_size(PHONE_VIEWPORT)
    _ok(page, "/drafts/")
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_the_talent_accepts_its_nomination_then_enters_and_ranks_the_next_event(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, TALENT)
    _event(page, NEGOTIATING)
    _follow(page, "あなたへの指名")
    card = page.locator(".nomination-card").filter(has_text="回答待ち").first
    expect(card).to_contain_text("からの指名")
    accept = card.get_by_role("button", name="受諾する")
    accept.focus()
    expect(accept).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("受諾しますか")
    expect(page.get_by_text("契約（成約）ではありません")).to_be_visible()
    _checked(page)
    with page.expect_navigation():
        page.get_by_role("button", name="受諾を確定する").click()
    expect(page.get_by_role("status")).to_contain_text("指名を受諾しました")
    expect(page.locator(".nomination-card").first).to_contain_text("受諾しました")
    expect(page.get_by_role("button", name="受諾する")).to_have_count(0)
    _checked(page)

    _event(page, OPEN)
    _follow(page, "選手としてエントリーする")
    page.get_by_label("自己アピール").fill("週末に宮城へ通い、地域の商品の販路づくりを手伝いたいです。")
    page.get_by_label("結果ページで表示名を公開してよい").check()
    with page.expect_navigation():
        page.get_by_role("button", name="エントリーする").click()
    expect(page.get_by_role("status")).to_contain_text("エントリーしました")
    _checked(page)

    _follow(page, "希望リスト（行きたいチームの順位）")
    first_team = page.get_by_role("combobox", name=re.compile("の順位$")).first
    team_name = page.locator(".ranking-table th[scope=row]").first.inner_text()
    first_team.focus()
    page.keyboard.press("ArrowDown")  # 「選ばない」 → 1
    expect(first_team).to_have_value("1")
    with page.expect_navigation():
        page.get_by_role("button", name="希望リストを保存する").click()
    expect(page.get_by_role("status")).to_contain_text("希望リストを保存しました")
    expect(page.get_by_role("region", name="保存した希望リスト")).to_contain_text(team_name)
    expect(page.get_by_role("combobox", name=re.compile("の順位$")).first).to_have_value("1")
    _checked(page)

    _back_to(page, OPEN)
    _follow(page, "チームとのメッセージ")
    expect(page.get_by_role("link", name=re.compile("にメッセージを送る$")).first).to_be_visible()

    _back_to(page, OPEN)
    _follow(page, "エントリー内容（自己アピール・表示名の公開）")
    _follow(page, "エントリーを取り消す（辞退する）")  # the confirmation only: nothing is removed
    expect(page.get_by_role("heading", level=1)).to_contain_text("辞退")
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_a_company_joins_an_event_as_a_team_and_writes_to_a_player(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, COMPANY_ADMIN)
    _event(page, OPEN)
    _follow(page, "チームとして参加する")
    page.get_by_label("チームとして参加する機関・企業").select_option(index=1)
    page.get_by_label("地域の戦略").fill("酒蔵の仕込みと販路づくりを、首都圏の方と一緒に進めます。")
    page.get_by_label("求める人と理由").fill("ECの運用経験がある方。海外への発信も一緒に考えたい。")
    page.get_by_label("暮らしの様子").fill("仙台から車で40分。蔵の隣にお試し住宅があります。")
    with page.expect_navigation():
        page.get_by_role("button", name="チームとして参加する").click()
    expect(page.get_by_role("status")).to_contain_text("チームとして参加しました")
    expect(page.get_by_role("heading", level=1)).to_contain_text("（チーム）")
    expect(page.get_by_text("酒蔵の仕込みと販路づくり")).to_be_visible()
    _checked(page)

    _back_to(page, OPEN)
    _follow(page, "選手の一覧")  # company members are not staff: no two-factor step
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    _follow(page, re.compile("とメッセージ$"), exact=False)
    page.get_by_role("textbox", name="メッセージ").fill(
        "はじめまして。合宿の前に、一度オンラインでお話ししませんか。"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="送信する").click()
    expect(page.get_by_role("status")).to_contain_text("メッセージを送りました")
    expect(page.locator(".thread-message-mine")).to_contain_text("一度オンラインでお話ししませんか")
    _checked(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def _set_up_two_factor(page: Page) -> None:
    page.goto("/accounts/2fa/totp/activate/")
    if page.locator("#id_password").count():  # allauth asks for the password again first
        page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("load")
        page.goto("/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_now(secret))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")


def test_the_operator_checks_a_run_records_an_outcome_and_reads_attendance(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, OPERATOR)
    _set_up_two_factor(page)  # staff open personal data only with a second factor

    _event(page, NEGOTIATING)
    expect(page.get_by_role("heading", name="主催者として")).to_be_visible()
    _follow(page, "指名の実行と記録")
    expect(page.get_by_role("heading", name="準備の状況")).to_be_visible()
    _follow(page, "第1回")
    expect(page.get_by_role("heading", level=1)).to_contain_text("監査")
    with page.expect_navigation():
        page.get_by_role("button", name="再計算して確認").click()
    expect(page.get_by_role("status")).to_contain_text("結果は保存されている結果と一致しました")
    _checked(page)

    _back_to(page, NEGOTIATING)
    _follow(page, "指名の一覧とその後の記録")
    expect(page.get_by_role("table", name="受諾された指名のその後")).to_be_visible()
    record = page.get_by_role("button", name="その後の状況を記録する")
    card = page.locator(".nomination-card").filter(has=record).first  # an accepted nomination
    title = card.locator("h3").inner_text()
    card.get_by_label("二地域居住").check()
    card.get_by_label("メモ（任意）").fill("月に一度、週末に滞在しています。")
    with page.expect_navigation():
        card.get_by_role("button", name="その後の状況を記録する").click()
    expect(page.get_by_role("status")).to_contain_text("「二地域居住」として記録しました")
    expect(page.locator(".nomination-card").filter(has_text=title)).to_contain_text("記録済み：二地域居住")
    _checked(page)

    _back_to(page, NEGOTIATING)
    _follow(page, "現地合宿：まちを歩いて、会社を訪ねる")
    expect(page.get_by_role("heading", name="参加登録した人（主催者向け）")).to_be_visible()
    _follow(page, "出欠を記録する")
    expect(page.get_by_role("heading", level=1)).to_contain_text("出欠の記録")
    expect(page.get_by_role("radio", name="出席").first).to_be_checked()

    # the organiser's forms of the open event, and their error state
    _event(page, OPEN)
    _follow(page, "ドラフト会議の内容・日程を編集する")
    _back_to(page, OPEN)
    _follow(page, "合宿をつくる")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("合宿をつくる|作成")).last.click()
    expect(page.locator(".field-error, .errorlist, [role=alert]").first).to_be_visible()
    _checked(page)
    _back_to(page, OPEN)
    _follow(page, "オンライン合宿：チーム紹介と相談会")
    _follow(page, "合宿を編集する")
    page.go_back()
    _follow(page, "合宿を中止する")  # the confirmation only
    _ok(page, "/drafts/new/")
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []
