from django.core.management.base import BaseCommand, CommandError

from duallife.regions.packs import SLUG, PackValidationError, packs_dir
from duallife.regions.services import region_pack_load


class Command(BaseCommand):
    help = "地域パック（data/regions/<slug>/）を検証し、1つのトランザクションで読み込みます。"
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument("slug", help="地域パックの識別子（例: tohoku）")
        parser.add_argument(
            "--path",
            help="地域パックのフォルダ（省略時は data/regions/<slug>）。"
            "フォルダ名は問わず、マニフェストの slug が <slug> と同じであること",
        )

    def handle(self, *args, slug: str, path: str | None = None, **options):
        from pathlib import Path

        if not SLUG.match(slug):
            raise CommandError(f"地域パックの識別子は英小文字・数字・ハイフンで指定してください: {slug!r}")
        directory = Path(path) if path else packs_dir() / slug
        if not directory.is_dir():
            raise CommandError(f"地域パック {slug!r} が見つかりません: {directory}")
        try:
            report = region_pack_load(slug=slug, directory=directory)
        except PackValidationError as exc:
            lines = "\n".join(f"  {e}" for e in exc.problems)
            summary = (
                f"地域パック {slug!r} に {len(exc.problems)} 件の誤りがあります。何も読み込んでいません。"
            )
            raise CommandError(f"{summary}\n{lines}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        status = "更新しました" if report.changed else "変更はありません"
        self.stdout.write(self.style.SUCCESS(f"地域パック {report.pack} {report.version}: {status}"))
