from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duallife.content.errors import ContentLoadError
from duallife.content.services import content_dir, content_files_load


class Command(BaseCommand):
    help = (
        "利用規約・プライバシーポリシー・運営者情報・よくある質問・アクセシビリティ方針"
        "（data/content/*.md）を検証し、いま有効な版と違うページだけを新しい版として公開します。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument("--path", help="ページのフォルダ（省略時は data/content）")

    def handle(self, *args, path: str | None = None, **options):
        directory = Path(path) if path else content_dir()
        if not directory.is_dir():
            raise CommandError(f"ページのフォルダが見つかりません: {directory}")
        try:
            published = content_files_load(directory=directory)
        except ContentLoadError as exc:
            lines = "\n".join(f"  {problem}" for problem in exc.problems)
            raise CommandError(
                f"ページのファイルに {len(exc.problems)} 件の誤りがあります。何も公開していません。\n{lines}"
            ) from None
        if published:
            self.stdout.write(
                self.style.SUCCESS(f"ページ: {', '.join(published)} を新しい版として公開しました")
            )
        else:
            self.stdout.write(self.style.SUCCESS("ページ: 変更はありません"))
