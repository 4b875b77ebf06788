import csv
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from duallife.testing.simulator import TABLE_5_6_2, TOKYO, TOKYO_RENT


def simulate(*args: str) -> str:
    out = io.StringIO()
    call_command("simulate", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize("code", sorted(TABLE_5_6_2))
def test_json_reproduces_table_5_6_2(region_pack, code):
    body = json.loads(
        simulate("--origin", TOKYO, "--destination", code, "--trips-per-month", "2", "--format", "json")
    )
    name, total = TABLE_5_6_2[code]
    assert body["destination"]["name"] == name
    assert body["monthly_total_yen"] == total
    assert body["baseline_total_yen"] == TOKYO_RENT


def test_json_matches_the_api(client, region_pack):
    params = {"destination": "041009", "trips_per_month": "2.5", "subsidy_rate": "0.3", "mode": "B"}
    api = client.get("/api/v1/simulator/cost", params).json()
    cli = json.loads(
        simulate(
            "--destination", "041009", "--trips-per-month", "2.5", "--subsidy-rate", "0.3", "--mode", "B",
            "--format", "json",
        )
    )  # fmt: skip
    assert cli == api


def test_text_is_japanese_and_explains_the_break_even(region_pack):
    text = simulate("--destination", "041009", "--trips-per-month", "2")
    assert "仙台市" in text
    assert "104,305円" in text
    assert "月2.0往復までなら東京より安い" in text
    assert "出典" in text


def test_all_as_csv_has_a_bom_japanese_headers_and_every_destination(region_pack):
    output = simulate("--all", "--format", "csv")

    assert output.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(output.removeprefix("\ufeff"))))
    assert {row["目的地コード"]: int(row["合計（円/月）"]) for row in rows} == {
        code: total for code, (_, total) in TABLE_5_6_2.items()
    }
    assert [row["目的地コード"] for row in rows] == sorted(TABLE_5_6_2)
    sendai = next(row for row in rows if row["目的地"] == "仙台市")
    assert sendai["都道府県"] == "宮城県"
    assert sendai["損益分岐の往復回数（回/月）"] == "2.04"


def test_csv_written_to_a_file_starts_with_the_utf8_bom(region_pack, tmp_path):
    target = tmp_path / "costs.csv"
    simulate("--all", "--format", "csv", "--output", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "仙台市".encode() in data


def test_all_as_json_and_text(region_pack):
    body = json.loads(simulate("--all", "--format", "json", "--trips-per-month", "2"))
    assert [r["destination"]["code"] for r in body["results"]] == sorted(TABLE_5_6_2)
    assert body["sources"]
    text = simulate("--all")
    assert "仙台市" in text
    assert "104,305円" in text


@pytest.mark.parametrize(
    "args",
    [
        ("--destination", "041008"),
        ("--destination", "011002"),
        ("--destination", "131016"),
        ("--destination", "041009", "--trips-per-month", "abc"),
        ("--destination", "041009", "--trips-per-month", "-1"),
        ("--destination", "041009", "--trips-per-month", "1.25"),
        ("--destination", "041009", "--trips-per-month", "nan"),
        ("--destination", "041009", "--mode", "Z"),
        ("--destination", "041009", "--rent-yen", "12.5"),
        ("--destination", "041009", "--subsidy-rate", "2"),
        ("--destination", "041009", "--subsidy-cap-per-month-yen", "100"),
        ("--destination", "041009", "--format", "xml"),
        ("--all", "--destination", "041009"),
        (),
    ],
)
def test_bad_input_is_a_command_error_in_japanese(region_pack, args):
    with pytest.raises(CommandError) as info:
        simulate(*args)
    message = str(info.value)
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in message)
    assert "Traceback" not in message


def test_command_line_exit_code_and_no_traceback(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "duallife.settings",
        "DUALLIFE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "duallife.cli", "simulate", "--destination", "041008"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "検査数字" in done.stderr
    assert "Traceback" not in done.stderr


def test_origin_other_than_tokyo_is_refused(region_pack):
    # Sendai as the origin used to print "東北に住み、東京へ通う" for a life in Tokyo.
    for args in (("--destination", "131008"), ("--all",)):
        with pytest.raises(CommandError, match="埼玉県・千葉県・東京都・神奈川県"):
            simulate("--origin", "041009", *args)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--trips-per-month", "1e3"), "往復回数"),
        (("--trips-per-month", "1_0"), "往復回数"),
        (("--trips-per-month", "inf"), "往復回数"),
        (("--rent-yen", "1e5"), "家賃"),
        (("--subsidy-rate", "NaN"), "補助率"),
        (("--mode", "b"), "A か B"),
    ],
)
def test_the_command_parses_like_the_api(client, region_pack, args, words):
    with pytest.raises(CommandError) as info:
        simulate("--destination", "041009", *args)
    params = {"destination": "041009", "trips_per_month": "2"}
    params.update({args[0].removeprefix("--").replace("-", "_"): args[1]})
    api = client.get("/api/v1/simulator/cost", params).json()
    assert words in str(info.value)
    assert str(info.value) == api["detail"]


def test_full_width_arguments_are_read_as_half_width(region_pack):
    body = json.loads(
        simulate(
            "--destination", "０４１００９", "--trips-per-month", "２", "--mode", "Ａ", "--format", "json"
        )
    )
    assert body["monthly_total_yen"] == 104_305


def test_place_names_are_not_prefixed_twice(region_pack):
    from duallife.regions.models import Municipality
    from duallife.simulator.management.commands.simulate import _place_name

    assert _place_name(Municipality.objects.get(code="131008")) == "東京都特別区部"
    assert _place_name(Municipality.objects.get(code="041009")) == "宮城県仙台市"
