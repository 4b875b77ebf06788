"""Loading support programs from ``data/subsidies/<slug>-<fiscal_year>.toml``.

Every file is read and checked before anything is written; any problem in any file stops the
load with every problem listed (file and key) and nothing saved. Then, in one transaction, each
program is created or updated and gets a new version of its rules only when they differ from its
latest version, so loading the same files again changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.formats import format_yen
from duallife.engine.subsidies import RulesError, rules_from_mapping
from duallife.organizations.permissions import is_operator

from ..errors import SupportError, SupportPermissionError
from ..models import Program, ProgramVersion

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
            notes=data.get("notes", "").strip(),
            loaded_from=file_name,
        )
        (report.created if created else report.new_versions).append(label)
    return report


#: What a problem code says on the program's edit page (the same codes the loader words).
EDIT_PROBLEMS = {
    "unknown_key": gettext_lazy("この項目は使えません。"),
    "missing": gettext_lazy("入力してください。"),
    "not_text": gettext_lazy("文字で入力してください。"),
    "not_a_year": gettext_lazy("年度を西暦で入力してください。"),
    "not_a_payee": gettext_lazy("支払先を選んでください。"),
    "not_a_date": gettext_lazy("日付を入力してください。"),
    "not_a_rate": gettext_lazy("補助率は「1/2」のような1以下の分数で入力してください。"),
    "not_yen": gettext_lazy("0以上の整数（円）で入力してください。"),
    "not_a_count": gettext_lazy("1以上の整数で入力してください。"),
    "not_a_flag": gettext_lazy("はい・いいえで選んでください。"),
    "not_a_scope": gettext_lazy("下限の適用範囲を選んでください。"),
    "not_prefectures": gettext_lazy("都道府県を1つ以上選んでください。"),
    "span_and_cap_go_together": gettext_lazy("複数年度の上限と年度数は両方入力してください。"),
    "lodging_not_covered": gettext_lazy("宿泊費の上限は、宿泊費を対象にするときだけ入力できます。"),
}

#: The settings of a program that are not rules (no new version when they change).
SETTINGS = ("intake_opens_on", "intake_closes_on", "required_documents", "two_person_rule")


@transaction.atomic
def program_update(*, program: Program, by, rules: dict, settings: dict) -> ProgramVersion | None:
    """Change a program in the product: ``rules`` are the file's keys (all of them, as the edit
    page sends them), ``settings`` the intake period, required documents and the two-person rule.
    Changed rules make a new version (new claims use it; decided claims keep theirs). Returns the
    new version, or None when the rules did not change. Every problem is reported at once."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    data = {key: value for key, value in rules.items() if value not in (None, "", [], ())}
    data["fiscal_year"] = program.fiscal_year
    data["payee"] = data.get("payee", program.payee)
    if isinstance(data.get("source_date"), str):  # the rules of a stored version: ISO text
        with contextlib.suppress(ValueError):  # else reported as not a date below
            data["source_date"] = datetime.date.fromisoformat(data["source_date"])
    problems: list[tuple[str, str]] = []
    try:
        checked = rules_from_mapping(data)
    except RulesError as exc:
        problems = exc.problems
        checked = None
    errors = {key: str(EDIT_PROBLEMS.get(code, code)) for key, code in problems}
    if checked is not None:
        if checked.budget_yen < program.reserved_yen + program.paid_yen:
            errors["budget_yen"] = _(
                "予算額は、交付決定済みと支払済みの合計（%(used)s）より少なくできません。"
            ) % {"used": format_yen(program.reserved_yen + program.paid_yen)}
        if checked.payee != program.payee and program.claims.exists():
            errors["payee"] = _("申請がある制度の支払先は変えられません。")
    opens, closes = settings.get("intake_opens_on"), settings.get("intake_closes_on")
    if opens and closes and closes < opens:
        errors["intake_closes_on"] = _("受付終了日は受付開始日より後にしてください。")
    if errors:
        raise SupportError(errors={field: [message] for field, message in errors.items()})
    if "owner_organization" in settings:
        if not is_operator(by):
            raise SupportPermissionError(_("担当する組織を決めるのは事務局です。"))
        program.owner_organization = settings["owner_organization"]
    for key in SETTINGS:
        if key in settings:
            setattr(program, key, settings[key] if settings[key] is not None else getattr(program, key))
    program.intake_opens_on, program.intake_closes_on = opens, closes
    program.name, program.owner_name = checked.name, checked.owner
    program.budget_yen, program.payee = checked.budget_yen, checked.payee
    program.warned_percent = min(program.warned_percent, _crossed(program))
    program.save()
    stored = _json_rules(data)
    latest = program.versions.order_by("-number").first()
    if latest is not None and latest.rules == stored:
        return None
    return ProgramVersion.objects.create(
        program=program,
        number=(latest.number + 1) if latest else 1,
        rules=stored,
        source=checked.source,
        source_date=checked.source_date,
        notes=checked.notes,
        created_by=by,
    )


def _crossed(program: Program) -> int:
    """The highest warning level the program's use has reached (a larger budget lowers it)."""
    return max((level for level in (80, 95, 100) if program.used_percent >= level), default=0)
