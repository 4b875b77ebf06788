"""The demo's travel-cost support: the programs of data/subsidies, mid-year, with claims in every
state made through the support services; a second run adds none."""

from django.db.models import Sum

from duallife.demo.services import demo_data_create
from duallife.subsidies.models import BudgetEntry, Claim, Program


def test_the_demo_shows_programs_mid_year_with_claims_in_every_state(region_pack):
    report = demo_data_create(password="demo-password-123", small=True)

    assert Program.objects.count() == 5
    assert Claim.objects.count() == report.created["support claims"] > 0
    states = set(Claim.objects.values_list("state", flat=True))
    assert states == set(Claim.State.values)
    miyagi = Program.objects.get(slug="miyagi-doublework")
    assert miyagi.owner_organization is not None
    assert miyagi.owner_organization.slug == "demo-coord-miyagi"
    # the ledger spreads over the months so far and adds up to the program's running sums
    for program in Program.objects.filter(claims__isnull=False).distinct():
        entries = BudgetEntry.objects.filter(program=program)
        reserved = entries.filter(kind="reserve").aggregate(s=Sum("amount_yen"))["s"] or 0
        released = entries.filter(kind__in=("release", "pay")).aggregate(s=Sum("amount_yen"))["s"] or 0
        paid = entries.filter(kind="pay").aggregate(s=Sum("amount_yen"))["s"] or 0
        assert program.reserved_yen == reserved - released
        assert program.paid_yen == paid
        assert program.reserved_yen + program.paid_yen <= program.budget_yen
    months = {entry.at.month for entry in BudgetEntry.objects.all()}
    assert len(months) >= 2


def test_a_second_demo_run_adds_no_claims(region_pack):
    demo_data_create(password="demo-password-123", small=True)
    before = Claim.objects.count()
    demo_data_create(small=True)
    assert Claim.objects.count() == before
