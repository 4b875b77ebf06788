import os

from django.core.management.base import BaseCommand, CommandError

from duallife.core.services import DemoDataError, demo_data_create

PASSWORD_ENV = "DUALLIFE_DEMO_PASSWORD"


class Command(BaseCommand):
    help = (
        "開発・見学用の架空のデモデータ（支援制度の例、管理者ユーザー admin）を作成します。"
        "何度実行しても重複しません。地域パックを先に読み込んでください。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="デモ以外のユーザーがいるデータベースでも実行する",
        )

    def handle(self, *args, force: bool = False, **options):
        password = os.environ.get(PASSWORD_ENV) or None
        try:
            report = demo_data_create(password=password, force=force)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.admin_created:
            self.stdout.write("  管理者ユーザー admin（admin@example.jp）を作成しました。")
            if password:
                self.stdout.write(f"  パスワード: 環境変数 {PASSWORD_ENV} の値")
            else:
                self.stdout.write(
                    f"  パスワード: {report.admin_password}（表示はこの一度だけです。控えておいてください）"
                )
        else:
            self.stdout.write("  管理者ユーザー admin は作成済みです（パスワードは変更していません）。")
        self.stdout.write(self.style.SUCCESS("デモデータを用意しました。"))
