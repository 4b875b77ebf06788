"""``duallife process-checkins [--today YYYY-MM-DD]``: the daily follow-up job, by hand or from cron."""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from duallife.core.formats import format_date
from duallife.engagements.services.contracts import MISSED_AFTER_DAYS, checkins_process_due


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"--today は「2026-12-01」の形の日付で指定してください（指定された値：{value}）。"
        ) from None


class Command(BaseCommand):
    help = (
        "成約の開始日を迎えた契約を稼働中にし、実施日を迎えたフォローアップの回答を双方に依頼し、"
        f"{MISSED_AFTER_DAYS}日たっても回答のないものを未回答として地域のコーディネーターに知らせます。"
        "何度実行しても同じ通知は送りません。Celery beat を使わない環境では cron などで毎日実行してください。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument("--today", help="処理する日（YYYY-MM-DD）。省略すると今日です。")

    def handle(self, *args, **options):
        today = parse_day(options["today"]) if options.get("today") else timezone.localdate()
        result = checkins_process_due(today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"{format_date(today)}の処理："
                f"稼働を開始した契約 {result['started']} 件、"
                f"回答を依頼したフォローアップ {result['announced']} 件、"
                f"未回答にしたフォローアップ {result['missed']} 件。"
            )
        )
