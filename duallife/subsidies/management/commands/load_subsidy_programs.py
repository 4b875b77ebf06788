from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from duallife.subsidies.services.programs import ProgramFilesInvalid, subsidy_programs_load


class Command(BaseCommand):
    help = "交通費支援の制度ファイル（data/subsidies/*.toml）を検証し、1つのトランザクションで読み込みます。"
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", dest="directory", help="制度ファイルのフォルダ（省略時は data/subsidies）"
        )

    def handle(self, *args, directory: str | None = None, **options):
        directory = Path(directory) if directory else Path(settings.BASE_DIR) / "data" / "subsidies"
        if not directory.is_dir():
            raise CommandError(f"制度ファイルのフォルダが見つかりません: {directory}")
        try:
            report = subsidy_programs_load(directory=directory)
        except ProgramFilesInvalid as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"制度ファイルに {len(exc.problems)} 件の誤りがあります。何も読み込んでいません。\n{lines}"
            ) from None
        for label in report.created:
            self.stdout.write(f"  追加: {label}")
        for label in report.new_versions:
            self.stdout.write(f"  新しい版: {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"制度 {len(report.created)}件を追加、{len(report.new_versions)}件に新しい版、"
                f"{len(report.unchanged)}件は変更なし"
            )
        )
