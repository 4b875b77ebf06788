"""The project's synonym table: variants SudachiPy's normalised forms do not fold.

SudachiPy already folds many spelling variants (ＳＮＳ→SNS, Web→ウェブ, サーバ→サーバー,
ヴァイオリン→バイオリン). What it leaves alone are abbreviations and loanword spellings common in
job postings (マーケ, パイソン, キントーン) and a few pairs that mean the same thing in this market
(広報 = PR, 人事 = HR, DX = デジタルトランスフォーメーション).

Each entry is ``(canonical, variants)``. Both sides are written as people type them; the
normaliser runs them through the same pipeline (without this table) at first use, so they match
token sequences, never raw substrings: ``PR`` becomes 広報 as a word, while ``PRO`` is untouched.
A canonical form must not itself be a variant of another entry (a test checks this), so applying
the table once is enough.
"""

from __future__ import annotations

SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Abbreviations common in postings.
    ("マーケティング", ("マーケ",)),
    ("コンサルティング", ("コンサル",)),
    ("プロジェクトマネジメント", ("プロマネ", "プロジェクト管理")),
    ("クラウドファンディング", ("クラファン",)),
    ("知的財産", ("知財",)),
    ("6次産業化", ("6次化", "六次化")),
    ("インスタグラム", ("インスタ", "Instagram")),
    ("情報システム", ("情シス",)),
    # Loanwords typed in katakana where the product is written in Latin letters.
    ("Python", ("パイソン",)),
    ("kintone", ("キントーン",)),
    ("Excel", ("エクセル",)),
    ("WordPress", ("ワードプレス",)),
    ("JavaScript", ("ジャバスクリプト", "ジャバ スクリプト")),
    ("Google", ("グーグル",)),
    ("YouTube", ("ユーチューブ",)),
    ("Facebook", ("フェイスブック",)),
    ("TikTok", ("ティックトック",)),
    ("Canva", ("キャンバ",)),
    ("Shopify", ("ショッピファイ",)),
    # Pairs that mean the same thing here.
    ("DX", ("デジタルトランスフォーメーション", "デジタル トランスフォーメーション")),
    ("広報", ("PR", "パブリックリレーションズ", "パブリック リレーションズ")),
    ("人事", ("HR", "ヒューマンリソース", "ヒューマン リソース")),
    ("AI", ("人工知能",)),
    ("ウェブサイト", ("Webサイト", "ホームページ", "HP")),
    ("EC", ("Eコマース", "イーコマース", "電子商取引")),
)
