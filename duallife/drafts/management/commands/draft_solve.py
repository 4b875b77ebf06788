"""``duallife draft-solve --input instance.json [--proposing players|teams]``: the draft's
nominations from a JSON file, no database. Prints ``{"matches": …, "unmatched_players": …,
"blocking_pairs": 0}``. Invalid input: exit code 2 and a Japanese message naming the offending id.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from duallife.engine.draft import DraftInputError, Proposing, parse_instance, solve

INVALID = 2


class Command(BaseCommand):
    help = "ドラフトの指名（受入保留方式）をJSONファイルから計算し、結果をJSONで出力します。"

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="入力JSONファイル（- で標準入力）")
        parser.add_argument(
            "--proposing",
            choices=[p.value for p in Proposing],
            default=Proposing.PLAYERS.value,
            help="申し込む側: players（選手に最適、既定）または teams（チームに最適）",
        )
        parser.add_argument("--allow-ties", action="store_true", help="同順位を認め、抽選で順序を決める")
        parser.add_argument("--seed", type=int, default=None, help="同順位の抽選に使う整数")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(INVALID)

    def handle(self, *args, **options):
        path = options["input"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as exc:
            self._fail(f"入力ファイルを読めません: {exc.strerror}（{path}）")
        except UnicodeDecodeError:
            self._fail(f"入力ファイルはUTF-8で保存してください（{path}）")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self._fail(f"JSONとして読めません: {exc.msg}（{exc.lineno}行{exc.colno}列）")
        try:
            instance = parse_instance(data, allow_ties=options["allow_ties"], seed=options["seed"])
        except DraftInputError as exc:
            self._fail(str(exc))
        result = solve(instance, Proposing(options["proposing"]))
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
