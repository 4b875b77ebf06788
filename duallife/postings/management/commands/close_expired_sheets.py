from django.core.management.base import BaseCommand
from django.utils import timezone

from duallife.postings.services.sheets import spec_sheets_close_expired


class Command(BaseCommand):
    help = (
        "締切日を過ぎた公開中の仕様書を「募集終了（締切）」にします。何度実行しても同じ結果です。"
        "Celery beat を使わない環境では cron などで毎日実行してください。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def handle(self, *args, **options):
        closed = spec_sheets_close_expired(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"締切を過ぎた仕様書 {closed} 件を終了しました。"))
