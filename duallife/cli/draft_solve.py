"""``duallife draft-solve --input instance.json [--proposing players|teams]``: the draft's
nominations from a JSON file, no database. Prints ``{"matches": …, "unmatched_players": …,
"blocking_pairs": 0}``. Invalid input: exit code 2 and a Japanese message naming the offending id.
"""

from __future__ import annotations

import json
import sys

from duallife.engine.draft import DraftInputError, Proposing, parse_instance, solve
from duallife.engine.ids import loads_json

from .command import InvalidInput

NAME = "draft-solve"
HELP = "ドラフトの指名（受入保留方式）をJSONファイルから計算し、結果をJSONで出力します。"


def add_arguments(parser) -> None:
    parser.add_argument("--input", required=True, help="入力JSONファイル（- で標準入力）")
    parser.add_argument(
        "--proposing",
        choices=[p.value for p in Proposing],
        default=Proposing.PLAYERS.value,
        help="申し込む側: players（選手に最適、既定）または teams（チームに最適）",
    )
    parser.add_argument("--allow-ties", action="store_true", help="同順位を認め、抽選で順序を決める")
    parser.add_argument("--seed", type=int, default=None, help="同順位の抽選に使う整数")


def _read(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as exc:
        raise InvalidInput(f"入力ファイルを読めません: {exc.strerror}（{path}）") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"入力ファイルはUTF-8で保存してください（{path}）") from None


def run(options, *, stdout, stderr) -> None:
    text = _read(options.input)
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"JSONとして読めません: {exc.msg}（{exc.lineno}行{exc.colno}列）") from None
    try:
        instance = parse_instance(data, allow_ties=options.allow_ties, seed=options.seed)
    except DraftInputError as exc:
        raise InvalidInput(str(exc)) from None
    result = solve(instance, Proposing(options.proposing))
    stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
