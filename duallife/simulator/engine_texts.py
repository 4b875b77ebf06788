"""The engine's cost messages (:mod:`duallife.engine.costs`), listed for the catalogue.

The engine is pure Python: it raises :class:`~duallife.engine.costs.CostInputError` with a Japanese
template (its code) and parameters, and marks nothing for translation. Listing the templates here
puts them in this app's catalogue, so :func:`~duallife.simulator.errors.translated_message` can word
them in the reader's language. A test keeps this list and the engine's templates equal.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

ENGINE_TEXTS = (
    gettext_noop("目的地が重複しています: %(code)s"),
    gettext_noop("月あたりの往復回数"),
    gettext_noop("補助率"),
    gettext_noop("補助率（%）"),
    gettext_noop("家賃"),
    gettext_noop("1往復あたりの補助上限"),
    gettext_noop("月あたりの補助上限"),
    gettext_noop("月あたりの支援額"),
    gettext_noop("補助率による補助と月あたりの支援額は、どちらか一方だけを指定してください。"),
    gettext_noop("月あたりの支援額は、東京に住み東北で副業する試算（B）でだけ使えます。"),
    gettext_noop("補助率は0以上1以下（0%%〜100%%）で指定してください。"),
    gettext_noop("%(label)sは数値で指定してください。"),
    gettext_noop("試算の種類は A か B で指定してください。"),
    gettext_noop("%(label)sは整数（円・分）で指定してください。"),
    gettext_noop("%(label)sは0以上で指定してください。"),
    gettext_noop("%(label)sは%(maximum)s以下で指定してください。"),
    gettext_noop("%(label)sは整数（円）で指定してください。"),
    gettext_noop("月あたりの往復回数を指定してください。"),
    gettext_noop("月あたりの往復回数は0以上31以下で指定してください。"),
    gettext_noop("月あたりの往復回数は小数第1位までで指定してください。"),
    gettext_noop("補助率の分母が大きすぎます。"),
    gettext_noop("補助率（%%）は0以上100以下で指定してください。"),
    gettext_noop("補助率（%%）は小数第4位までで指定してください。"),
    gettext_noop("%(label)sは数字で指定してください（例: %(example)s）。"),
    gettext_noop("%(label)sは有限の数値で指定してください。"),
    gettext_noop("補助率を指定してください。"),
    gettext_noop("補助率は小数第6位までで指定してください。"),
    gettext_noop("補助の上限を指定するときは補助率も指定してください。"),
    gettext_noop("目的地のコードがありません。"),
    gettext_noop("往復運賃"),
    gettext_noop("片道所要時間"),
    gettext_noop("出発地と目的地が同じです。別の地域を選んでください。"),
    gettext_noop("出発地の家賃"),
    gettext_noop("目的地の家賃"),
    gettext_noop("出発地の家賃データがありません。家賃を入力してください。"),
    gettext_noop("目的地の家賃データがありません。家賃を入力してください。"),
    gettext_noop("補助の指定が不正です。"),
    gettext_noop("地域のコードがありません。"),
    gettext_noop("経由地 %(origin)s と %(destination)s の間の運賃・所要時間のデータがありません。"),
    gettext_noop("地域 %(code)s のデータがありません。"),
    gettext_noop("地域 %(code)s の経由地 %(gateway)s のデータがありません。"),
    gettext_noop("出発地から東京駅までの往復運賃"),
    gettext_noop("出発地から東京駅までの片道時間"),
    gettext_noop("経由地から目的地までの往復運賃"),
    gettext_noop("経由地から目的地までの片道時間"),
    gettext_noop("月の宿泊数"),
    gettext_noop("1泊あたりの宿泊費"),
    gettext_noop("%(label)sは整数（分）で指定してください。"),
    gettext_noop("月の宿泊数は整数（泊）で指定してください。"),
    gettext_noop("月の宿泊数は0以上31以下（1か月の日数まで）で指定してください。"),
    gettext_noop("宿泊費を加えるときは、月の宿泊数と1泊あたりの宿泊費の両方を指定してください。"),
    gettext_noop("区間の種類が不正です。"),
    gettext_noop("区間の指定が不正です。"),
    gettext_noop("宿泊の指定が不正です。"),
)
