"""``duallife rebuild-recommendations``: what the nightly Celery beat task does."""

from django.core.management.base import BaseCommand

from duallife.recommendations.services.recommendations import recommendations_rebuild_all


class Command(BaseCommand):
    help = (
        "おすすめ（人材ごとの仕様書、仕様書ごとの人材）をすべて計算し直します。"
        "Celery beat を使わない環境では cron などで毎晩実行してください。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def handle(self, *args, **options):
        report = recommendations_rebuild_all()
        self.stdout.write(
            self.style.SUCCESS(
                f"おすすめを計算し直しました: 人材 {report.talents} 人・公開中の仕様書 {report.sheets} 件、"
                f"人材向け {report.sheet_entries} 件・仕様書向け {report.talent_entries} 件。"
            )
        )
