import os
import time
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from duallife.demo.errors import DemoDataError
from duallife.demo.plan import DEMO_ADMIN_EMAIL
from duallife.demo.services import demo_data_create

PASSWORD_ENV = "DUALLIFE_DEMO_PASSWORD"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal (full-width characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - _width(text))


class Command(BaseCommand):
    help = (
        "開発・見学用の架空のデモデータを作成します: 支援制度の例、事務局、自治体・支援機関、企業、人材、"
        "あらゆる状態の仕様書と、そのユーザー（管理者 admin を含め、全員 @example.jp）。"
        "何度実行しても重複しません。地域パックを先に読み込んでください（語彙は未登録なら読み込みます）。"
    )
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="デモ以外のユーザーがいるデータベースでも実行する",
        )
        parser.add_argument(
            "--small",
            action="store_true",
            help="テスト用の小さなデモ（自治体・支援機関2、企業6、人材30、仕様書20）にする",
        )

    def handle(self, *args, force: bool = False, small: bool = False, **options):
        password = os.environ.get(PASSWORD_ENV) or None
        started = time.monotonic()
        try:
            report = demo_data_create(password=password, force=force, small=small)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        seconds = time.monotonic() - started
        for line in report.lines():
            self.stdout.write(f"  {line}")

        if report.admin_created:
            self.stdout.write(f"  管理者ユーザー admin（{DEMO_ADMIN_EMAIL}）を作成しました。")
        else:
            self.stdout.write("  管理者ユーザー admin は作成済みです（パスワードは変更していません）。")
        if report.password:
            who = "今回作成したデモ用ユーザー全員に共通の"
            if password:
                self.stdout.write(f"  {who}パスワード: 環境変数 {PASSWORD_ENV} の値")
            else:
                self.stdout.write(
                    f"  {who}パスワード: {report.password}（表示はこの一度だけです。控えておいてください）"
                )
        elif report.users_created == 0:
            self.stdout.write("  新しく作成したユーザーはいません（既存のパスワードは変更していません）。")

        if report.sample_logins:
            self.stdout.write(
                "  ログインの例（メールアドレスでログインします。全員が同じデモ用パスワードです）:"
            )
            role_width = max(_width(role) for role, _email, _note in report.sample_logins) + 2
            email_width = max(_width(email) for _role, email, _note in report.sample_logins) + 2
            for role, email, note in report.sample_logins:
                self.stdout.write(f"    {_pad(role, role_width)}{_pad(email, email_width)}{note}")
            self.stdout.write(
                "  ※事務局と自治体・支援機関の職員は、個人情報や管理画面を開く前に"
                "二段階認証の設定を求められます。"
            )
        self.stdout.write(self.style.SUCCESS(f"デモデータを用意しました（{seconds:.1f}秒）。"))
