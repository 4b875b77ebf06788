"""The console's ``subsidy-calc`` and the product give the same amounts for the same claims under
the same program file: the product's 交付決定 counts the earlier approvals as the console counts
the earlier lines."""

from __future__ import annotations

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from duallife.regions.models import Municipality
from duallife.subsidies.models import Program
from duallife.subsidies.services.claims import claim_create, claim_submit, claim_trip_add
from duallife.subsidies.services.programs import subsidy_programs_load
from duallife.subsidies.services.reviews import claim_approve
from duallife.testing.subsidies import contract_of

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "data" / "subsidies"
#: Three claims for one person: the third meets the national program's ¥500,000 a year.
CLAIMS = [
    [(datetime.date(2026, 6, 10), 61_000, 1, 9_000)] * 4,
    [(datetime.date(2026, 7, 8), 21_120, 0, 0), (datetime.date(2026, 7, 22), 9_800, 0, 0)] * 3,
    [(datetime.date(2026, 9, 2), 120_000, 2, 12_000)] * 3,
]


@pytest.mark.parametrize("slug", ["national-sidejob", "miyagi-doublework"])
def test_the_console_and_the_product_give_the_same_amounts(world, tmp_path, slug):
    subsidy_programs_load(directory=DATA)
    program = Program.objects.get(slug=slug, fiscal_year=2026)
    contract = contract_of(world)
    sendai = Municipality.objects.get(code="041009")
    lines, product = [], []
    for number, trips in enumerate(CLAIMS, start=1):
        claim = claim_create(program=program, contract=contract, by=world.owner, today=trips[0][0])
        for day, fare, nights, per_night in trips:
            claim_trip_add(
                claim=claim, by=world.owner, date=day, origin_prefecture="13", destination=sendai,
                round_trip_fare_yen=fare, fare_reason="実費", lodging_nights=nights,
                lodging_yen_per_night=per_night,
            )  # fmt: skip
        claim = claim_submit(claim=claim, by=world.owner, declared=True)
        claim = claim_approve(claim=claim, by=world.operator)
        product.append(claim.approved_yen)
        lines.append(
            {
                "id": number,
                "person": contract.talent_id,
                "company": contract.organization_id,
                "contract_months": 6,
                "trips": [
                    {
                        "date": day.isoformat(),
                        "origin_prefecture": "13",
                        "destination_prefecture": "04",
                        "round_trip_fare_yen": fare,
                        "lodging_nights": nights,
                        "lodging_yen_per_night": per_night,
                    }
                    for day, fare, nights, per_night in trips
                ],
            }
        )
    claims = tmp_path / "claims.jsonl"
    claims.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    out = StringIO()
    call_command("subsidy_calc", program=str(DATA / f"{slug}-2026.toml"), claims=str(claims), stdout=out)
    console = [json.loads(line)["payable_yen"] for line in out.getvalue().splitlines()]
    assert console == product
    assert len(set(product)) > 1  # the caps did something: the claims are not paid alike
