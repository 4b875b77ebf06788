from django.core.management.base import BaseCommand
from django.utils import timezone

from duallife.recommendations.services.digests import digests_send_weekly


class Command(BaseCommand):
    help = (
        "今週の週次ダイジェスト（保存した検索条件に合う新着の仕様書・人材）を、希望した方に送ります。"
        "同じ週に何度実行しても、一人に送るのは一度だけです。"
        "Celery beat を使わない環境では cron などで週に一度（月曜の朝など）実行してください。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def handle(self, *args, **options):
        def report_error(user, exc):
            self.stderr.write(f"ユーザー {user.pk} のダイジェストを作れませんでした: {exc}")

        report = digests_send_weekly(now=timezone.now(), on_error=report_error)
        self.stdout.write(
            self.style.SUCCESS(
                f"週次ダイジェスト: {report.sent} 人に送信、新着なし {report.empty} 人、"
                f"今週は送信済み {report.already} 人、失敗 {report.failed} 人。"
            )
        )
