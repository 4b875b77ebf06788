"""Loading support programs from ``data/subsidies/<slug>-<fiscal_year>.toml``.

Every file is read and checked before anything is written; any problem in any file stops the
load with every problem listed (file and key) and nothing saved. Then, in one transaction, each
program is created or updated and gets a new version of its rules only when they differ from its
latest version, so loading the same files again changes nothing.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from duallife.engine.subsidies import RulesError, rules_from_mapping

from .models import Program, ProgramVersion

FILE_NAME = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<year>\d{4})\.toml$")

#: What a problem code says, for the command's output.
PROBLEMS = {
    "unknown_key": "知らないキーです",
    "missing": "必須のキーがありません",
    "not_text": "文字列で書いてください",
    "not_a_year": "年度を西暦の整数で書いてください（例: 2026）",
    "not_a_payee": '"company" か "talent" にしてください',
    "not_a_date": "TOMLの日付で書いてください（例: 2026-04-01）",
    "not_a_rate": '"1/2" のような分数（1以下）で書いてください',
    "not_yen": "0以上の整数（円）で書いてください",
    "not_a_count": "1以上の整数で書いてください",
    "not_a_flag": "true か false にしてください",
    "not_a_scope": '"trip" か "claim" にしてください',
    "not_prefectures": '都道府県コード（"01"〜"47"）の配列にしてください',
    "span_and_cap_go_together": "複数年度の上限と年度数は両方書いてください",
    "lodging_not_covered": "宿泊費の上限は covers_lodging = true のときだけ書けます",
    "bad_file_name": "ファイル名は <識別子>-<年度>.toml にしてください",
    "year_differs": "fiscal_year がファイル名の年度と違います",
    "not_toml": "TOMLとして読めません",
}


class ProgramFilesInvalid(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _json_rules(data: dict) -> dict:
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in data.items()
    }


def read_program_files(directory: Path) -> list[tuple[str, int, dict, str]]:
    """Every program file of ``directory``, checked: (slug, year, data, file name)."""
    problems: list[str] = []
    programs = []
    for path in sorted(directory.glob("*.toml")):
        match = FILE_NAME.match(path.name)
        if match is None:
            problems.append(f"{path.name}: {PROBLEMS['bad_file_name']}")
            continue
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{path.name}: {PROBLEMS['not_toml']}（{exc}）")
            continue
        try:
            rules = rules_from_mapping(data)
        except RulesError as exc:
            problems += [f"{path.name}: {key}: {PROBLEMS.get(code, code)}" for key, code in exc.problems]
            continue
        year = int(match["year"])
        if rules.fiscal_year != year:
            problems.append(f"{path.name}: fiscal_year: {PROBLEMS['year_differs']}")
            continue
        programs.append((match["slug"], year, data, path.name))
    if problems:
        raise ProgramFilesInvalid(problems)
    return programs


@transaction.atomic
def subsidy_programs_load(*, directory: Path) -> LoadReport:
    """Load every program file of ``directory`` (see the module's docstring)."""
    report = LoadReport()
    for slug, year, data, file_name in read_program_files(directory):
        rules = _json_rules(data)
        program, created = Program.objects.select_for_update().get_or_create(
            slug=slug,
            fiscal_year=year,
            defaults={
                "name": data["name"],
                "owner_name": data["owner"],
                "budget_yen": data["budget_yen"],
                "payee": data["payee"],
            },
        )
        label = f"{slug}-{year}"
        if not created:
            program.name, program.owner_name = data["name"], data["owner"]
            program.budget_yen, program.payee = data["budget_yen"], data["payee"]
            program.save(update_fields=["name", "owner_name", "budget_yen", "payee", "updated_at"])
        latest = program.versions.order_by("-number").first()
        if latest is not None and latest.rules == rules:
            report.unchanged.append(label)
            continue
        ProgramVersion.objects.create(
            program=program,
            number=(latest.number + 1) if latest else 1,
            rules=rules,
            source=data["source"],
            source_date=data["source_date"],
            loaded_from=file_name,
        )
        (report.created if created else report.new_versions).append(label)
    return report
