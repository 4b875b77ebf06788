"""The programs in public (rules in words, the budget's burn-down with its table and CSV), and the
owning body's pages: the claims queue, the edit page that makes rule versions, the exports."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from duallife.accounts.models import PersonalDataAccess
from duallife.regions.models import Municipality
from duallife.subsidies.models import BudgetEntry, Program
from duallife.subsidies.selectors.programs import burn_down
from duallife.subsidies.services.claims import claim_create, claim_submit, claim_trip_add
from duallife.testing.accounts import give_mfa
from duallife.testing.subsidies import (
    SENDAI_FARE,
    approved,
    claim_of,
    contract_of,
    make_program,
    paid,
    submitted,
    trip_day,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(world):
    return make_program(world)


def test_a_programs_page_says_its_rules_and_its_budget_in_public(client, world, program):
    approved(program, contract_of(world), world.owner, world.coordinator)
    page = client.get(reverse("subsidies:program", args=[program.pk])).content.decode()
    assert "運賃などの対象経費の1/2（50%）を支援します。" in page
    assert "往復運賃が10,000円を超える往復が対象です。" in page
    assert "989,440円" in page  # remaining after one approval of 10,560円
    assert 'data-chart-data="budget-chart-data"' in page
    assert "月末ごとの予算の状況" in page  # the table beside the chart
    listing = client.get(reverse("subsidies:programs")).content.decode()
    assert program.name in listing
    assert "受付中" in listing


def test_the_burn_down_csv_has_a_bom_and_one_row_per_month(client, world, program):
    response = client.get(reverse("subsidies:program_budget_csv", args=[program.pk]))
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "月"
    assert rows[1][0] == f"{program.fiscal_year}-04"
    assert all(row[1] == str(program.budget_yen) for row in rows[1:])


def test_the_forecast_runs_out_at_the_last_30_days_rate(world):
    program = make_program(world, budget_yen=100_000)
    claim = approved(program, contract_of(world), world.owner, world.coordinator)
    today = timezone.localdate()
    BudgetEntry.objects.filter(claim=claim).update(at=timezone.now() - datetime.timedelta(days=10))
    program.refresh_from_db()
    down = burn_down(program, today=today)
    rate = claim.approved_yen // 30
    assert down.rate_per_day_yen == rate
    assert down.runs_out_on == today + datetime.timedelta(days=-(-program.remaining_yen // rate))
    BudgetEntry.objects.filter(claim=claim).update(at=timezone.now() - datetime.timedelta(days=40))
    assert burn_down(program, today=today).runs_out_on is None  # nothing reserved lately


def test_the_page_warns_past_80_and_95_percent(client, world):
    program = make_program(world, budget_yen=12_000)
    approved(program, contract_of(world), world.owner, world.coordinator)  # 10,560: 88 %
    page = client.get(reverse("subsidies:program", args=[program.pk])).content.decode()
    assert "予算の88%を使いました。" in page
    program.refresh_from_db()
    program.budget_yen = 11_000  # 96 %
    program.save()
    page = client.get(reverse("subsidies:program", args=[program.pk])).content.decode()
    assert "受付が間もなく終わる見込みです" in page


def test_the_owning_body_edits_the_rules_and_a_new_version_is_made(client, world, program):
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    url = reverse("subsidies:program_edit", args=[program.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "name": program.name, "owner": "宮城県", "budget_yen": "2000000", "payee": "company",
        "source": "試験用の要綱（改正）", "source_date": "2026-10-01", "rate": "2/3",
        "min_round_trip_yen": "10000", "floor_scope": "trip", "round_down_to_yen": "1000",
        "destination_prefectures": ["04"], "intake_closes_on": "2027-02-28", "two_person_rule": "on",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    program.refresh_from_db()
    version = program.versions.order_by("-number").first()
    assert version.number == 2
    assert version.rules["rate"] == "2/3"
    assert version.rules["round_down_to_yen"] == 1000
    assert version.created_by == world.coordinator
    assert program.budget_yen == 2_000_000
    assert program.intake_closes_on == datetime.date(2027, 2, 28)
    # the same input again changes nothing
    client.post(url, data)
    assert program.versions.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rate": "3/2"}, "1以下の分数"),
        ({"budget_yen": "-5"}, "0以上の数"),
        ({"lodging_cap_per_night_yen": "9000"}, "宿泊費を対象にするときだけ"),
        ({"cap_per_person_multi_year_yen": "1500000"}, "両方入力してください"),
        ({"intake_opens_on": "2027-03-01", "intake_closes_on": "2026-04-01"}, "受付開始日より後"),
    ],
)
def test_bad_rules_are_refused_on_their_fields_and_nothing_changes(client, world, program, changes, message):
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    data = {
        "name": program.name, "owner": "宮城県", "budget_yen": "1000000", "payee": "company",
        "source": "試験用の要綱", "source_date": "2026-04-01", "rate": "1/2", "floor_scope": "trip",
        "round_down_to_yen": "1",
    } | changes  # fmt: skip
    response = client.post(reverse("subsidies:program_edit", args=[program.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert program.versions.count() == 1


def test_the_budget_cannot_go_below_what_is_reserved_and_paid(client, world, program):
    approved(program, contract_of(world), world.owner, world.coordinator)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    data = {
        "name": program.name, "owner": "宮城県", "budget_yen": "5000", "payee": "company",
        "source": "試験用の要綱", "source_date": "2026-04-01", "rate": "1/2", "floor_scope": "trip",
        "round_down_to_yen": "1",
    }  # fmt: skip
    response = client.post(reverse("subsidies:program_edit", args=[program.pk]), data)
    assert "10,560円" in response.content.decode()
    program.refresh_from_db()
    assert program.budget_yen == 1_000_000


def test_only_the_owning_body_and_operators_manage_a_program(client, world, program):
    for person in (world.far_coordinator, world.coordinator, world.operator):
        give_mfa(person)
    urls = [
        reverse(name, args=[program.pk])
        for name in ("subsidies:program_claims", "subsidies:program_edit", "subsidies:program_export_csv")
    ]
    client.force_login(world.far_coordinator)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.force_login(world.owner)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    for person in (world.coordinator, world.operator):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    client.logout()
    assert all(reverse("account_login") in client.get(url)["Location"] for url in urls)


def test_the_exports_give_one_row_per_trip_with_the_rules_version(client, world, program):
    claim = paid(program, contract_of(world), world.owner, world.coordinator, world.operator,
                 fares=(SENDAI_FARE, 18_000), receipts=True)  # fmt: skip
    claim_of(program, contract_of(world), world.owner)  # a draft: not exported
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    response = client.get(reverse("subsidies:program_export_csv", args=[program.pk]))
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert {row["往復"] for row in rows} == {"1", "2"}
    assert {row["ルールの版"] for row in rows} == {"1"}
    assert rows[1]["往復運賃（円）"] == "18000"
    assert rows[1]["運賃を変えた理由"] == "早割"
    assert rows[0]["支払額（円）"] == str(claim.paid_yen)
    assert rows[0]["状態"] == "支払済"
    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=world.talent).exists()
    book = load_workbook(
        io.BytesIO(client.get(reverse("subsidies:program_export_xlsx", args=[program.pk])).content)
    )
    sheet = book.active
    values = list(sheet.values)
    assert values[0][0] == "申請番号"
    assert len(values) == 3
    assert values[1][11] == SENDAI_FARE  # numbers stay numbers


def test_the_queue_filters_by_state_and_asks_a_fixed_number_of_queries(
    client, world, program, django_assert_max_num_queries
):
    for _n in range(2):
        submitted(program, contract_of(world), world.owner)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    url = reverse("subsidies:program_claims", args=[program.pk])
    with django_assert_max_num_queries(19):
        client.get(url)
    for _n in range(3):
        submitted(program, contract_of(world), world.owner)
    with django_assert_max_num_queries(19):
        page = client.get(url + "?state=submitted").content.decode()
    assert "申請 5件" in page
    assert "申請 0件" not in client.get(url + "?state=approved").content.decode()


def test_the_public_pages_ask_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for slug in ("a-one", "b-two", "c-three"):
        make_program(world, slug=slug)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("subsidies:programs")).status_code == 200
    program = Program.objects.get(slug="a-one")
    with django_assert_max_num_queries(10):
        assert client.get(reverse("subsidies:program", args=[program.pk])).status_code == 200


def test_an_operator_gives_a_program_its_owning_body_and_a_coordinator_cannot(client, world):
    program = make_program(world, slug="unowned")
    program.owner_organization = None
    program.save()
    give_mfa(world.operator)
    client.force_login(world.operator)
    url = reverse("subsidies:program_edit", args=[program.pk])
    assert "担当する組織" in client.get(url).content.decode()
    body = world.coordinator.memberships.get().organization
    data = {
        "name": program.name, "owner": "宮城県", "budget_yen": "1000000", "payee": "company",
        "source": "試験用の要綱", "source_date": "2026-04-01", "rate": "1/2", "floor_scope": "trip",
        "round_down_to_yen": "1", "min_round_trip_yen": "10000", "destination_prefectures": ["04"],
        "owner_organization": str(body.pk),
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert program.owner_organization == body
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    assert "担当する組織" not in client.get(url).content.decode()
    client.post(url, data | {"owner_organization": ""})  # not a field of theirs: ignored
    program.refresh_from_db()
    assert program.owner_organization == body


def test_words_a_spreadsheet_would_run_are_exported_as_text(client, world, program):
    claim = claim_create(program=program, contract=contract_of(world), by=world.owner)
    claim_trip_add(
        claim=claim, by=world.owner, date=trip_day(), origin_prefecture="13",
        destination=Municipality.objects.get(code="041009"), round_trip_fare_yen=20_000,
        fare_reason='=HYPERLINK("http://example.com","x")',
    )  # fmt: skip
    claim_submit(claim=claim, by=world.owner, declared=True)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("subsidies:program_export_csv", args=[program.pk])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0]["運賃を変えた理由"] == '\'=HYPERLINK("http://example.com","x")'
    response = client.get(reverse("subsidies:program_export_xlsx", args=[program.pk]))
    cell = load_workbook(io.BytesIO(response.content)).active.cell(row=2, column=14)
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")


def test_reviewers_do_not_see_drafts(client, world, program):
    draft = claim_of(program, contract_of(world), world.owner)
    give_mfa(world.coordinator)
    client.force_login(world.coordinator)
    assert client.get(reverse("subsidies:claim", args=[draft.pk])).status_code == 404
    page = client.get(reverse("subsidies:program_claims", args=[program.pk])).content.decode()
    assert f"申請 {draft.pk}" not in page


def test_a_programs_page_reads_in_english(client, world):
    program = make_program(world, max_claims_per_person_per_fy=1, max_people_per_company_per_fy=3)
    page = client.get("/en" + reverse("subsidies:program", args=[program.pk])).content.decode()
    assert "1/2 (50%)" in page
    assert "Each person may make up to 1 claim a fiscal year." in page
    assert "A company may claim for up to 3 people a fiscal year." in page
    assert "¥10,000" in page
    for japanese in ("円", "年度", "（", "・受け入れ"):
        assert japanese not in page.replace(program.name, "").replace("宮城県", "")
