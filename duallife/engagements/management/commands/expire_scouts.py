from django.core.management.base import BaseCommand
from django.utils import timezone

from duallife.engagements.services.scouts import scouts_expire


class Command(BaseCommand):
    help = (
        "回答期限を過ぎた回答待ちのスカウトを「期限切れ」にし、送った方にお知らせします。"
        "何度実行しても同じ結果です。Celery beat を使わない環境では cron などで毎日実行してください。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def handle(self, *args, **options):
        expired = scouts_expire(now=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"期限を過ぎたスカウト {expired} 件を期限切れにしました。"))
