from django.core.management.base import BaseCommand

from duallife.postings.services.sheets import spec_sheets_reindex


class Command(BaseCommand):
    help = "仕様書の検索用テキストと品質スコアを作り直します（スキル語彙や組織名を変えた後に実行）。"
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def handle(self, *args, **options):
        count = spec_sheets_reindex()
        self.stdout.write(self.style.SUCCESS(f"仕様書 {count} 件の検索用テキストを更新しました。"))
