from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duallife.vocabulary.errors import VocabularyLoadError
from duallife.vocabulary.services import vocabulary_dir, vocabulary_load


class Command(BaseCommand):
    help = (
        "スキル・テーマ・産業分類の語彙（data/vocabulary/*.csv）を検証し、"
        "1つのトランザクションで読み込みます。何度実行しても重複しません。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument("--path", help="語彙ファイルのフォルダ（省略時は data/vocabulary）")

    def handle(self, *args, path: str | None = None, **options):
        directory = Path(path) if path else vocabulary_dir()
        if not directory.is_dir():
            raise CommandError(f"語彙ファイルのフォルダが見つかりません: {directory}")
        try:
            report = vocabulary_load(directory=directory)
        except VocabularyLoadError as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            summary = f"語彙ファイルに {len(exc.problems)} 件の誤りがあります。何も読み込んでいません。"
            raise CommandError(f"{summary}\n{lines}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        status = "更新しました" if report.changed else "変更はありません"
        self.stdout.write(self.style.SUCCESS(f"語彙: {status}"))
