from decimal import Decimal

import pytest

from duallife.regions.models import Route
from duallife.simulator import selectors as selectors_module
from duallife.simulator.errors import (
    InvalidInput,
    MalformedCode,
    NoRouteData,
    SimulatorError,
    UnknownMunicipality,
)
from duallife.simulator.selectors import (
    build_subsidy,
    compare_all,
    cost_dataset,
    cost_quote,
    parse_lg_code,
    quote_from_dataset,
)
from duallife.testing.simulator import TABLE_5_6_2, TOKYO, TOKYO_RENT


@pytest.mark.parametrize("code", ["041009", "131008", "022012", "221007", "151009"])
def test_real_codes_pass_the_check_digit(code):
    assert parse_lg_code(code) == code


@pytest.mark.parametrize(
    "code", ["041008", "131007", "02201", "0220120", "abcdef", "４１００９", "", None, "481009"]
)
def test_malformed_codes_are_rejected_in_japanese(code):
    with pytest.raises(MalformedCode) as info:
        parse_lg_code(code, label="目的地", field="destination")
    assert "目的地" in str(info.value)
    assert info.value.field == "destination"


@pytest.mark.parametrize("code", sorted(TABLE_5_6_2))
def test_quote_reproduces_table_5_6_2(region_pack, code, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        quote = cost_quote(origin_code=TOKYO, destination_code=code, trips_per_month=2)
    name, total = TABLE_5_6_2[code]
    assert quote.destination.name == name
    assert quote.result.monthly_total_yen == total
    assert quote.result.baseline_total_yen == TOKYO_RENT


def test_route_is_found_in_either_direction(region_pack):
    forward = cost_quote(destination_code="041009", trips_per_month=2)
    # A pack may store a route from the Tohoku side: the same fare and time count.
    Route.objects.filter(pk=forward.route.pk).update(origin=forward.destination, destination=forward.origin)

    backward = cost_quote(destination_code="041009", trips_per_month=2)

    assert backward.route.pk == forward.route.pk
    assert backward.result == forward.result


@pytest.mark.parametrize("origin", ["041009", "012025", "１３１００８x"])
def test_the_origin_can_only_be_tokyo(region_pack, origin):
    # Given a Tohoku city as the origin (the modes and labels are written for Tokyo)
    with pytest.raises(SimulatorError) as info:
        cost_quote(origin_code=origin, destination_code="131008", trips_per_month=2)
    assert info.value.field == "origin"
    with pytest.raises(SimulatorError):
        cost_dataset(origin)


def test_tokyo_as_origin_may_be_written_in_full_width_or_left_blank(region_pack):
    for origin in ("１３１００８", " 131008 ", "", None):
        quote = cost_quote(origin_code=origin, destination_code="０４１００９", trips_per_month="２")
        assert quote.origin.code == "131008"
        assert quote.result.monthly_total_yen == 104_305


def test_sources_say_what_they_were_used_for(region_pack):
    quote = cost_quote(origin_code=TOKYO, destination_code="041009", trips_per_month=2)
    used_for = {s.used_for for s in quote.sources}
    assert any("往復運賃" in u for u in used_for)
    rent = [s for s in quote.sources if "家賃" in s.used_for]
    assert len(rent) == 1  # both rents come from the same survey and year: one entry
    assert "仙台市" in rent[0].used_for
    assert rent[0].year == 2018


def test_unknown_and_missing_data_are_domain_errors(region_pack):
    with pytest.raises(UnknownMunicipality):
        cost_quote(destination_code="011002", trips_per_month=2)  # 札幌市: valid code, not in the pack
    # 弘前市 goes through 青森市; without 青森市's fares there is no trip to either.
    Route.objects.filter(destination__code="022012").delete()
    with pytest.raises(NoRouteData) as info:
        cost_quote(destination_code="022021", trips_per_month=2)
    assert "青森市" in str(info.value)
    with pytest.raises(InvalidInput):
        cost_quote(destination_code=TOKYO, trips_per_month=2)
    with pytest.raises(InvalidInput):
        cost_quote(destination_code="041009", trips_per_month="40")


def test_mode_a_override_replaces_the_destination_rent_and_its_source(region_pack):
    quote = cost_quote(destination_code="041009", trips_per_month=2, rent_override_yen=40_000)
    assert quote.result.monthly_total_yen == 40_000 + 42_240
    rent_uses = [s.used_for for s in quote.sources if "家賃" in s.used_for]
    assert rent_uses == ["家賃（東京都特別区部）"]


def test_subsidy_caps_need_a_rate():
    with pytest.raises(InvalidInput):
        build_subsidy(None, 1000, None)
    assert build_subsidy(None) is None
    with pytest.raises(InvalidInput):
        build_subsidy(Decimal("1.5"))


def test_dataset_groups_destinations_by_prefecture_code(region_pack, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        dataset = cost_dataset()
        groups = dataset.groups()
    assert [g.prefecture.code for g in groups] == ["02", "03", "04", "05", "06", "07", "15", "17", "22"]
    assert len(dataset.destinations) == 257 + 2  # every town of the pack and the comparison cities
    assert [d.code for d in dataset.compared()] == sorted(TABLE_5_6_2)
    rows = compare_all(dataset, trips_per_month=2)
    assert {r.destination.code: r.result.monthly_total_yen for r in rows} == {
        code: total for code, (_, total) in TABLE_5_6_2.items()
    }
    quote = quote_from_dataset(dataset, destination_code="041009", trips_per_month=2)
    assert quote.result.monthly_total_yen == 104_305


@pytest.mark.parametrize("code", ["\x00", "%00", "0" * 40, "４１００９"])
def test_malformed_codes_never_echo_control_characters_or_long_input(code):
    with pytest.raises(MalformedCode) as info:
        parse_lg_code(code, label="目的地", field="destination")
    assert "\x00" not in str(info.value)
    assert len(str(info.value)) < 60


def test_what_a_source_was_used_for_is_joined_with_a_translatable_separator(region_pack, monkeypatch):
    # The English catalogue maps the "list separator" 「、」 to ", "; stand in for it here.
    real = selectors_module.pgettext
    monkeypatch.setattr(
        selectors_module,
        "pgettext",
        lambda context, text: ", " if (context, text) == ("list separator", "、") else real(context, text),
    )

    quote = cost_quote(destination_code="041009", trips_per_month=2)

    rent = next(s for s in quote.sources if "家賃" in s.used_for)
    assert rent.used_for == "家賃（東京都特別区部）, 家賃（仙台市）"
