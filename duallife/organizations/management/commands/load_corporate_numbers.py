from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duallife.organizations.errors import CorporateRegistryInvalid
from duallife.organizations.registry_files import ENCODINGS
from duallife.organizations.services.corporate_registry import corporate_registry_load


class Command(BaseCommand):
    help = (
        "国税庁の法人番号公表サイトの基本3情報（全件データ・差分データのCSV、またはそのzip）を検証し、"
        "1つのトランザクションで読み込みます。何度実行しても重複しません。読み込み後、法人番号を登録した企業を照合し直します。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSVファイル、またはCSVを1つ含むzipファイル")
        parser.add_argument(
            "--encoding",
            choices=list(ENCODINGS),
            default="auto",
            help="文字コード（auto: ファイルの先頭から判定。shift_jis / utf-8）",
        )

    def handle(self, *args, path: str, encoding: str = "auto", **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"ファイルが見つかりません: {file}")
        try:
            report = corporate_registry_load(path=file, encoding=encoding)
        except CorporateRegistryInvalid as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            summary = f"{file.name} を読み込めません。何も読み込んでいません。"
            raise CommandError(f"{summary}\n{lines}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        status = "更新しました" if report.changed else "変更はありません"
        self.stdout.write(self.style.SUCCESS(f"法人番号の公表データ: {status}"))
