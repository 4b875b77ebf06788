"""The fictional texts of ``duallife demo``: names, coordinator bodies, company types, talent
personas and spec-sheet templates. Data only (plus a few pure helpers); the writing is done by
:func:`duallife.core.services.demo_data_create` through the services of each app.

Everything here is invented and marked as such: organisations carry ``（デモ）`` in their name,
spec sheets, companies and talents say so in their texts, web sites are ``https://*.example.jp``
and addresses end in ``@example.jp`` (a domain reserved for examples). Places are real (the region
pack's municipalities); the companies in them are not. Skills, themes and industries are referred
to by their vocabulary keys (``data/vocabulary/*.csv``), so a renamed skill keeps working.

Placeholders in the templates (``str.format``): ``{place}`` municipality, ``{pref}`` prefecture,
``{short}`` the company's name without its legal form, ``{business}``, ``{product}``,
``{buyers}``, ``{strength}``, ``{asset}`` (from the company type).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO_MARK = "（デモ）"
SHEET_NOTE = "※デモ用の架空の仕様書です。実在の企業・募集ではありません。"
COMPANY_NOTE = "（デモ用の架空の企業です）"
TALENT_NOTE = "※デモ用の架空の人物です。"
REGION_NOTE = "※デモ用の架空の窓口です。実在の自治体・団体の方針ではありません。"

#: Pack prefectures in the order companies are spread over them (宮城 and 秋田 first: the small
#: demo's two coordinator bodies look after those two).
COMPANY_PREFECTURES = ("04", "05", "02", "03", "06", "07", "15")

# --- People's names (common surnames and given names; combinations are invented) ---------------

FAMILY_NAMES: tuple[tuple[str, str], ...] = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("髙橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("𠮷田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("齋藤", "サイトウ"),
    ("清水", "シミズ"),
    ("阿部", "アベ"),
    ("菅原", "スガワラ"),
    ("千葉", "チバ"),
    ("及川", "オイカワ"),
    ("三浦", "ミウラ"),
    ("工藤", "クドウ"),
    ("成田", "ナリタ"),
    ("熊谷", "クマガイ"),
    ("遠藤", "エンドウ"),
    ("今野", "コンノ"),
    ("菊地", "キクチ"),
    ("小野寺", "オノデラ"),
    ("武田", "タケダ"),
    ("斉藤", "サイトウ"),
    ("大友", "オオトモ"),
    ("石川", "イシカワ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
)

GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("翔太", "ショウタ"),
    ("健太", "ケンタ"),
    ("大輔", "ダイスケ"),
    ("拓也", "タクヤ"),
    ("直樹", "ナオキ"),
    ("達也", "タツヤ"),
    ("和也", "カズヤ"),
    ("亮", "リョウ"),
    ("悠斗", "ユウト"),
    ("蓮", "レン"),
    ("誠", "マコト"),
    ("浩二", "コウジ"),
    ("聡", "サトシ"),
    ("陽介", "ヨウスケ"),
    ("慎也", "シンヤ"),
    ("隆", "タカシ"),
    ("美咲", "ミサキ"),
    ("陽子", "ヨウコ"),
    ("真由美", "マユミ"),
    ("彩", "アヤ"),
    ("麻衣", "マイ"),
    ("恵", "メグミ"),
    ("奈々", "ナナ"),
    ("結衣", "ユイ"),
    ("千尋", "チヒロ"),
    ("智子", "トモコ"),
    ("沙織", "サオリ"),
    ("裕子", "ユウコ"),
    ("里奈", "リナ"),
    ("香織", "カオリ"),
    ("由紀", "ユキ"),
    ("明日香", "アスカ"),
)

# --- Places --------------------------------------------------------------------------------------

#: Where demo companies are (by prefecture; looked up by name in the region pack).
COMPANY_TOWNS: dict[str, tuple[str, ...]] = {
    "02": (
        "青森市",
        "弘前市",
        "八戸市",
        "十和田市",
        "五所川原市",
        "むつ市",
        "黒石市",
        "平川市",
        "三戸町",
        "深浦町",
    ),
    "03": (
        "盛岡市",
        "花巻市",
        "北上市",
        "一関市",
        "奥州市",
        "遠野市",
        "宮古市",
        "釜石市",
        "大船渡市",
        "紫波町",
    ),
    "04": (
        "仙台市",
        "石巻市",
        "気仙沼市",
        "塩竈市",
        "大崎市",
        "登米市",
        "白石市",
        "名取市",
        "南三陸町",
        "松島町",
    ),
    "05": (
        "秋田市",
        "能代市",
        "横手市",
        "大館市",
        "男鹿市",
        "湯沢市",
        "由利本荘市",
        "大仙市",
        "仙北市",
        "五城目町",
    ),
    "06": (
        "山形市",
        "米沢市",
        "鶴岡市",
        "酒田市",
        "新庄市",
        "天童市",
        "寒河江市",
        "長井市",
        "南陽市",
        "高畠町",
    ),
    "07": (
        "福島市",
        "会津若松市",
        "郡山市",
        "いわき市",
        "白河市",
        "喜多方市",
        "相馬市",
        "二本松市",
        "南会津町",
        "三春町",
    ),
    "15": (
        "新潟市",
        "長岡市",
        "上越市",
        "三条市",
        "燕市",
        "佐渡市",
        "村上市",
        "十日町市",
        "南魚沼市",
        "糸魚川市",
    ),
}

#: Towns on the sea, for the companies that live from it.
COASTAL_TOWNS: dict[str, tuple[str, ...]] = {
    "02": ("八戸市", "むつ市", "深浦町"),
    "03": ("宮古市", "釜石市", "大船渡市"),
    "04": ("石巻市", "気仙沼市", "塩竈市", "南三陸町"),
    "05": ("男鹿市", "能代市"),
    "06": ("酒田市", "鶴岡市"),
    "07": ("いわき市", "相馬市"),
    "15": ("佐渡市", "村上市", "糸魚川市", "上越市"),
}

#: Where talents live in the Tokyo area (display names only; no municipality is stored).
HOME_AREAS: dict[str, tuple[str, ...]] = {
    "13": ("世田谷", "杉並", "品川", "練馬", "江東", "中野", "武蔵野", "調布", "町田", "板橋"),
    "14": ("横浜", "川崎", "藤沢", "相模原", "鎌倉"),
    "11": ("さいたま", "川口", "所沢", "越谷", "川越"),
    "12": ("千葉", "船橋", "柏", "市川", "浦安"),
}


# --- Coordinator bodies ------------------------------------------------------------------------


@dataclass(frozen=True)
class CoordinatorSpec:
    key: str  # slug part and e-mail part: demo-coord-<key>, coordinator-<key>@example.jp
    name: str  # without the demo mark
    name_kana: str
    prefecture: str
    body_type: str  # CoordinatorProfile.BodyType value
    town: str | None = None  # the body's own municipality, by name
    #: (prefecture code, municipality name or None for the whole prefecture)
    scopes: tuple[tuple[str, str | None], ...] = ()
    region_vision: str = ""
    talent_needed: str = ""


COORDINATORS: tuple[CoordinatorSpec, ...] = (
    CoordinatorSpec(
        key="miyagi",
        name="宮城県 副業・兼業人材窓口",
        name_kana="ミヤギケン フクギョウ ケンギョウ ジンザイマドグチ",
        prefecture="04",
        body_type="prefecture",
        scopes=(("04", None),),
        region_vision=(
            "仙台の都市の力と、三陸の海・県北の田園の仕事をつなぎ、首都圏で働く人が"
            "本業を続けたまま宮城の会社の右腕になれる県を目指します。"
        ),
        talent_needed=(
            "水産加工や食品の会社の販路開拓・ネット販売、製造業のDXに力を貸してくださる方。"
            "月に数日、オンライン中心で関われる方を歓迎します。"
        ),
    ),
    CoordinatorSpec(
        key="akita",
        name="秋田県 プロフェッショナル人材戦略拠点",
        name_kana="アキタケン プロフェッショナルジンザイセンリャクキョテン",
        prefecture="05",
        body_type="pro_talent_center",
        scopes=(("05", None),),
        region_vision=(
            "人口減少の先頭を走る県だからこそ、外の力を借りて新しい仕事の形をつくります。"
            "酒蔵、木工、農業の会社が、首都圏の専門人材と一緒に次の十年の計画を描いています。"
        ),
        talent_needed=(
            "事業承継や新規事業の計画づくり、海外への販路開拓を経験した方。"
            "経営者の相談相手として、長く関わってくださる方を求めています。"
        ),
    ),
    CoordinatorSpec(
        key="aomori",
        name="青森県 副業人材活用デスク",
        name_kana="アオモリケン フクギョウジンザイカツヨウデスク",
        prefecture="02",
        body_type="prefecture",
        scopes=(("02", None),),
        region_vision=("りんごと海の幸、冬の雪までを強みに変えて、県外に稼ぎに行ける会社を増やします。"),
        talent_needed=("農産物や加工品のブランドづくり、観光のプロモーションに携わってきた方を歓迎します。"),
    ),
    CoordinatorSpec(
        key="iwate",
        name="いわて副業人材センター",
        name_kana="イワテフクギョウジンザイセンター",
        prefecture="03",
        body_type="pro_talent_center",
        scopes=(("03", None),),
        region_vision=(
            "沿岸の復興で育った人のつながりを土台に、内陸の製造業と沿岸の水産業の両方で、"
            "首都圏の人材と一緒に挑戦する会社を応援します。"
        ),
        talent_needed=("生産管理や品質管理の改善、採用広報の立て直しに力を貸してくださる方を求めています。"),
    ),
    CoordinatorSpec(
        key="yamagata",
        name="山形県 関係人口・副業人材窓口",
        name_kana="ヤマガタケン カンケイジンコウ フクギョウジンザイマドグチ",
        prefecture="06",
        body_type="prefecture",
        scopes=(("06", None),),
        region_vision=(
            "果物と食文化、ものづくりの技を持つ会社が、首都圏の人と組んで新しい商品とお客様を"
            "生み出す県を目指します。"
        ),
        talent_needed=("商品開発やパッケージのデザイン、ネット販売の仕組みづくりを経験した方を歓迎します。"),
    ),
    CoordinatorSpec(
        key="fukushima",
        name="ふくしま副業人材ネットワーク",
        name_kana="フクシマフクギョウジンザイネットワーク",
        prefecture="07",
        body_type="other",
        scopes=(("07", None),),
        region_vision=(
            "浜通り・中通り・会津の三つの地域それぞれの強みを生かし、"
            "外の力を取り入れて事業を生まれ変わらせる会社を増やします。"
        ),
        talent_needed=("新規事業の立ち上げ、広報・PR、生成AIを使った業務の効率化に詳しい方を求めています。"),
    ),
    CoordinatorSpec(
        key="niigata",
        name="にいがたプロ人材拠点",
        name_kana="ニイガタプロジンザイキョテン",
        prefecture="15",
        body_type="pro_talent_center",
        scopes=(("15", None),),
        region_vision=(
            "燕三条の金属加工から佐渡の観光まで、首都圏から近い強みを生かして、"
            "通いながら関わる人材が当たり前にいる県を目指します。"
        ),
        talent_needed=("製造業の営業戦略や海外展開、観光地のマーケティングを経験した方を歓迎します。"),
    ),
    CoordinatorSpec(
        key="ishinomaki",
        name="石巻市 産業振興課 副業人材担当",
        name_kana="イシノマキシ サンギョウシンコウカ フクギョウジンザイタントウ",
        prefecture="04",
        body_type="municipality",
        town="石巻市",
        scopes=(("04", "石巻市"),),
        region_vision=(
            "水産の町として、獲る・加工する・届けるまでを一つの物語にして、全国に売り込める町を目指します。"
        ),
        talent_needed=(
            "水産加工品のネット販売や、首都圏の飲食店への販路開拓を手伝ってくださる方を求めています。"
        ),
    ),
    CoordinatorSpec(
        key="tono",
        name="遠野市 移住・交流推進室",
        name_kana="トオノシ イジュウ コウリュウスイシンシツ",
        prefecture="03",
        body_type="municipality",
        town="遠野市",
        scopes=(("03", "遠野市"),),
        region_vision=(
            "物語の里の暮らしと農の営みを大切にしながら、町の外に住む人も一緒に町をつくる仲間に"
            "なってもらえる仕組みを育てます。"
        ),
        talent_needed=(
            "体験ツアーの企画や、町の魅力を伝えるWebサイト・SNSの発信に関わってくださる方を歓迎します。"
        ),
    ),
    CoordinatorSpec(
        key="aizu",
        name="会津若松商工会議所 地域人材相談室",
        name_kana="アイヅワカマツショウコウカイギショ チイキジンザイソウダンシツ",
        prefecture="07",
        body_type="chamber",
        town="会津若松市",
        scopes=(("07", "会津若松市"), ("07", "喜多方市")),
        region_vision=(
            "漆器や酒造りなど城下町の伝統産業と、ICTの新しい産業が並び立つ会津を、"
            "外の人材と一緒に次の世代につなぎます。"
        ),
        talent_needed=("伝統産業のブランドづくりや海外展開、中小企業のDXを支えてくださる方を求めています。"),
    ),
    CoordinatorSpec(
        key="tsuruoka",
        name="鶴岡市 食文化産業連携室",
        name_kana="ツルオカシ ショクブンカサンギョウレンケイシツ",
        prefecture="06",
        body_type="municipality",
        town="鶴岡市",
        scopes=(("06", "鶴岡市"),),
        region_vision=("在来作物と精進料理の食文化を生かし、食の仕事で世界とつながる町を目指します。"),
        talent_needed=("食品の商品開発やインバウンドの受け入れ、飲食店の経営改善に詳しい方を歓迎します。"),
    ),
    CoordinatorSpec(
        key="gojome",
        name="五城目町 まちづくり課",
        name_kana="ゴジョウメマチ マチヅクリカ",
        prefecture="05",
        body_type="municipality",
        town="五城目町",
        scopes=(("05", "五城目町"),),
        region_vision=(
            "五百年続く朝市と森の暮らしを土台に、町の外から来た人が新しい仕事を起こせる町を目指します。"
        ),
        talent_needed=(
            "小さな事業の立ち上げや、クラウドファンディングでの資金集めを伴走してくださる方を求めています。"
        ),
    ),
    CoordinatorSpec(
        key="sado",
        name="佐渡市 地域振興課",
        name_kana="サドシ チイキシンコウカ",
        prefecture="15",
        body_type="municipality",
        town="佐渡市",
        scopes=(("15", "佐渡市"),),
        region_vision=("島の自然と歴史を守りながら、観光と一次産業で島の外から稼げる仕事を増やします。"),
        talent_needed=(
            "観光のマーケティングや、海産物・お米のネット販売に力を貸してくださる方を歓迎します。"
        ),
    ),
    CoordinatorSpec(
        key="yukiwari",
        name="ゆきわり信用金庫 地域創生部",
        name_kana="ユキワリシンヨウキンコ チイキソウセイブ",
        prefecture="06",
        body_type="regional_bank",
        town="山形市",
        scopes=(("06", None), ("07", None)),
        region_vision=(
            "取引先の経営課題に、お金だけでなく人でも応える金融機関を目指し、"
            "副業人材の紹介と伴走を続けています。"
        ),
        talent_needed=(
            "財務や事業承継、経営計画づくりの経験がある方。取引先の経営者の相談相手になってくださる方を求めています。"
        ),
    ),
)


# --- Companies --------------------------------------------------------------------------------

#: Invented name parts (with their readings) for company names.
BRAND_WORDS: tuple[tuple[str, str], ...] = (
    ("雪灯り", "ユキアカリ"),
    ("こもれび", "コモレビ"),
    ("みずなら", "ミズナラ"),
    ("ゆきわり", "ユキワリ"),
    ("はるかぜ", "ハルカゼ"),
    ("まほろば", "マホロバ"),
    ("あかね", "アカネ"),
    ("しずく", "シズク"),
    ("そよかぜ", "ソヨカゼ"),
    ("いろは", "イロハ"),
    ("ひだまり", "ヒダマリ"),
    ("やまなみ", "ヤマナミ"),
    ("かがり火", "カガリビ"),
    ("白樺", "シラカバ"),
    ("朝凪", "アサナギ"),
    ("月見草", "ツキミソウ"),
    ("青嵐", "セイラン"),
    ("雪室", "ユキムロ"),
    ("森の音", "モリノオト"),
    ("風花", "カザハナ"),
    ("野の花", "ノノハナ"),
    ("山彦", "ヤマビコ"),
    ("稲穂", "イナホ"),
    ("結", "ユイ"),
    ("紬", "ツムギ"),
    ("凪", "ナギ"),
    ("茜雲", "アカネグモ"),
    ("川霧", "カワギリ"),
    ("新雪", "シンセツ"),
    ("雪解", "ユキゲ"),
    ("千草", "チグサ"),
    ("鈴蘭", "スズラン"),
    ("若葉", "ワカバ"),
    ("緑風", "リョクフウ"),
    ("花咲", "ハナサキ"),
    ("天の川", "アマノガワ"),
    ("雲雀", "ヒバリ"),
    ("山吹", "ヤマブキ"),
    ("虹", "ニジ"),
    ("木洩れ日", "コモレビ"),
    ("北斗星", "ホクトセイ"),
)

COMPANY_SIZES = ("1-5", "6-20", "21-50", "51-100", "101-300", "301+")


@dataclass(frozen=True)
class CompanyType:
    """A kind of company with the words its texts are built from."""

    key: str
    industry: str  # 日本標準産業分類の大分類コード
    tail: tuple[str, str]  # name part and reading: ("醸造", "ジョウゾウ")
    forms: tuple[str, ...]  # legal forms: "株式会社{}" …
    business: str  # 〜を手がけています
    product: str
    buyers: str
    strength: str  # short: goes into a title
    asset: str
    experience: str  # a free "welcome" skill for its sheets
    founded: tuple[int, int]
    sizes: tuple[str, ...]
    sheets: tuple[str, ...]  # spec-sheet template keys that suit it (at least 5)
    vision: str
    strategy: str
    region_meaning: str
    appeal: str
    top_message: str
    coastal: bool = False


COMPANY_TYPES: tuple[CompanyType, ...] = (
    CompanyType(
        key="miso",
        industry="E",
        tail=("醸造", "ジョウゾウ"),
        forms=("株式会社{}", "有限会社{}", "{}株式会社"),
        business="味噌と醤油の醸造",
        product="味噌",
        buyers="スーパーや百貨店",
        strength="天然醸造の技術",
        asset="地元産の大豆と米",
        experience="食品業界の経験",
        founded=(1870, 1960),
        sizes=("6-20", "21-50"),
        sheets=(
            "ec-web-marketing",
            "product-development",
            "channel-development",
            "branding",
            "overseas",
            "sns-fans",
        ),
        vision="毎日の食卓に、手間を惜しまない{product}を。{place}の発酵の文化を次の世代につなぎます。",
        strategy=(
            "県内のスーパー向けの売上は安定していますが、人口が減るなかで先細りは避けられません。"
            "これからの三年で、ネット販売と首都圏の{buyers}との取引を育て、売上の三割を県外で生み出します。"
        ),
        region_meaning="{asset}と、冬の冷え込みがあってこその味です。蔵の見学や仕込み体験を通じて、地域の子どもたちにも発酵の面白さを伝えています。",
        appeal="一年以上かけて熟成させる{product}づくりの現場に、いつでも立ち会えます。売り方の提案には蔵元が自ら向き合います。",
        top_message="先代から受け継いだ蔵を、次の百年につなぐのが私の仕事です。外の目で、私たちが当たり前だと思っていることの価値を教えてください。",
    ),
    CompanyType(
        key="sake",
        industry="E",
        tail=("酒造", "シュゾウ"),
        forms=("{}株式会社", "合名会社{}", "株式会社{}"),
        business="日本酒の醸造",
        product="日本酒",
        buyers="酒販店や飲食店",
        strength="寒仕込みの酒造り",
        asset="地元の酒米と雪解け水",
        experience="酒類の販売経験",
        founded=(1800, 1950),
        sizes=("6-20", "21-50"),
        sheets=(
            "overseas",
            "ec-web-marketing",
            "branding",
            "tour-planning",
            "channel-development",
            "sns-fans",
        ),
        vision="{place}の米と水でしか醸せない酒を、世界の食卓に届けます。",
        strategy="国内の日本酒の消費が減るなか、海外への輸出と、蔵を訪ねてもらう酒蔵ツーリズムを二つの柱に育てます。",
        region_meaning="{asset}に支えられた酒造りです。米を育てる農家さんとの契約栽培を二十年続けています。",
        appeal="仕込みの季節には、蔵人と同じ時間を過ごして酒造りを肌で知ることができます。杜氏は新しい挑戦に前向きです。",
        top_message="酒は土地そのものです。{place}の冬の厳しさと、それを乗り越える人の営みを、一緒に伝えてくれる方を待っています。",
    ),
    CompanyType(
        key="seafood",
        industry="E",
        tail=("水産", "スイサン"),
        forms=("株式会社{}", "{}株式会社", "有限会社{}"),
        business="水産加工品の製造",
        product="水産加工品",
        buyers="スーパーや生協",
        strength="水揚げ当日の加工",
        asset="目の前の漁港",
        experience="食品業界の経験",
        founded=(1950, 2012),
        sizes=("21-50", "51-100", "101-300"),
        sheets=(
            "ec-web-marketing",
            "product-development",
            "channel-development",
            "dx-kintone",
            "overseas",
            "production-kaizen",
        ),
        vision="三陸の海の恵みを、いちばんおいしい形で全国の食卓に届けます。",
        strategy="震災後に建て直した工場を生かし、業務用中心の売上を、自社ブランドの商品とネット販売で少しずつ置き換えていきます。",
        region_meaning="{asset}に揚がる魚があってこその会社です。漁師さんや仲買さんと一緒に、浜の仕事を次の世代に残したいと考えています。",
        appeal="朝の水揚げから加工、出荷までを一日で見られる現場です。社員は若手も多く、新しい提案を歓迎する雰囲気があります。",
        top_message="海とともに生きる町の会社として、外から来る人の知恵を借りながら、もう一段強い会社になりたいと思っています。",
        coastal=True,
    ),
    CompanyType(
        key="apple",
        industry="A",
        tail=("農園", "ノウエン"),
        forms=("{}", "株式会社{}", "合同会社{}"),
        business="りんごの栽培と加工品づくり",
        product="りんご",
        buyers="果物専門店や百貨店",
        strength="五十年続く園地",
        asset="昼と夜の寒暖差",
        experience="農産物の流通の経験",
        founded=(1955, 2015),
        sizes=("1-5", "6-20"),
        sheets=(
            "ec-web-marketing",
            "product-development",
            "sns-fans",
            "channel-development",
            "overseas",
            "branding",
        ),
        vision="畑から食卓まで、顔の見えるりんごづくりを続けます。",
        strategy="生の果実に頼らず、ジュースやドライフルーツなど一年中売れる加工品と、ネットでの直接販売を育てます。",
        region_meaning="{asset}が、甘くて日持ちのするりんごを育てます。近所の農家さんと協力して、収穫期の人手を地域で融通しあっています。",
        appeal="季節ごとに変わる畑の仕事を体験しながら、商品づくりに関われます。収穫祭には毎年、首都圏の仲間が集まります。",
        top_message="りんごの木は、植えてから実がなるまで何年もかかります。長い目で一緒に畑を育ててくれる方に出会いたいです。",
    ),
    CompanyType(
        key="ryokan",
        industry="M",
        tail=("館", "カン"),
        forms=("株式会社{}", "有限会社{}"),
        business="温泉旅館の経営",
        product="温泉宿",
        buyers="旅行会社",
        strength="源泉かけ流しの湯",
        asset="山あいの温泉街",
        experience="旅館・ホテルでの勤務経験",
        founded=(1890, 1990),
        sizes=("6-20", "21-50", "51-100"),
        sheets=("sns-fans", "tour-planning", "inbound", "recruiting", "dx-kintone", "generative-ai"),
        vision="湯と郷土料理で、また帰ってきたくなる第二のふるさとをつくります。",
        strategy="旅行会社経由の団体客に頼る形から、個人のお客様の直接予約と、長く滞在するワーケーションのお客様へと軸足を移します。",
        region_meaning="{asset}の一軒として、周りの宿や商店と協力して町歩きの楽しみをつくっています。",
        appeal="お客様の声がすぐに届く現場です。企画したプランがその週末に形になる手応えを味わえます。",
        top_message="宿は町の玄関です。外から来た方の目で、私たちの町の魅力を掘り起こしてください。",
    ),
    CompanyType(
        key="precision",
        industry="E",
        tail=("精工", "セイコウ"),
        forms=("株式会社{}", "{}株式会社"),
        business="精密部品の切削加工",
        product="精密部品",
        buyers="メーカーの購買担当",
        strength="ミクロン単位の加工技術",
        asset="工業団地の協力工場",
        experience="製造業での勤務経験",
        founded=(1960, 2000),
        sizes=("21-50", "51-100", "101-300"),
        sheets=(
            "channel-development",
            "dx-kintone",
            "production-kaizen",
            "recruiting",
            "new-business",
            "data-demand",
        ),
        vision="小さな部品で、世界のものづくりを支える会社であり続けます。",
        strategy="特定の取引先に頼る売上構成を改め、医療機器や半導体の分野で新しいお客様を開拓します。",
        region_meaning="{asset}と一緒に、地域で仕事を分け合いながら育ってきました。地元の高校の卒業生が毎年入社しています。",
        appeal="最新の加工機と熟練の職人の技が並ぶ現場です。データに基づく改善の提案を、工場長が一緒に試します。",
        top_message="技術には自信がありますが、それを伝える力と仕組みが足りません。一緒に会社の次の形をつくってください。",
    ),
    CompanyType(
        key="lacquer",
        industry="E",
        tail=("漆工房", "ウルシコウボウ"),
        forms=("{}", "株式会社{}"),
        business="漆器の製造と販売",
        product="漆器",
        buyers="雑貨店や百貨店",
        strength="江戸時代から続く塗りの技",
        asset="山の漆と木地師の仲間",
        experience="工芸品の販売経験",
        founded=(1780, 1950),
        sizes=("1-5", "6-20"),
        sheets=(
            "ec-web-marketing",
            "branding",
            "overseas",
            "product-development",
            "sns-fans",
            "crowdfunding",
        ),
        vision="毎日使える漆の器で、暮らしに長く使い続ける楽しみを届けます。",
        strategy="贈答品中心の商品を、普段使いの器と海外向けの商品に広げ、直接販売の割合を高めます。",
        region_meaning="{asset}があってこその仕事です。分業で成り立つ産地を守るため、若い職人の育成にも取り組んでいます。",
        appeal="職人の手仕事を間近に見ながら、伝統と新しさの間で商品を考えられます。",
        top_message="産地の技を絶やさないために、作り方だけでなく売り方も変える時が来ています。力を貸してください。",
    ),
    CompanyType(
        key="it",
        industry="G",
        tail=("システムズ", "システムズ"),
        forms=("株式会社{}",),
        business="地元企業向けのシステム開発",
        product="業務システム",
        buyers="県内の中小企業",
        strength="地元企業の業務を知る開発力",
        asset="地元の高専と大学",
        experience="受託開発の経験",
        founded=(1985, 2018),
        sizes=("6-20", "21-50", "51-100"),
        sheets=("channel-development", "recruiting", "hr-system", "new-business", "generative-ai", "pr"),
        vision="ITの力で、地方の中小企業がもっと強くなる未来をつくります。",
        strategy="受託開発に加えて、地元の業種に合わせたクラウドサービスを自社で持ち、安定した収益の柱にします。",
        region_meaning="{asset}の卒業生が地元で働き続けられる場所でありたいと考えています。",
        appeal="お客様の顔が見える距離でシステムをつくれます。リモートワークが当たり前の職場です。",
        top_message="地方にこそ、ITで解ける課題がたくさんあります。その面白さを一緒に味わいましょう。",
    ),
    CompanyType(
        key="construction",
        industry="D",
        tail=("建設", "ケンセツ"),
        forms=("{}株式会社", "株式会社{}"),
        business="住宅と公共工事の建設",
        product="住宅リフォーム",
        buyers="首都圏からの移住者",
        strength="雪国の家づくりの技術",
        asset="地元の職人",
        experience="建設業での勤務経験",
        founded=(1950, 1995),
        sizes=("21-50", "51-100"),
        sheets=(
            "recruiting",
            "dx-kintone",
            "hr-system",
            "generative-ai",
            "new-business",
            "finance-succession",
        ),
        vision="雪に強く、冬も暖かい家と町を、次の世代に残します。",
        strategy="公共工事に頼る売上から、空き家の改修や省エネ住宅のリフォームへと事業を広げます。",
        region_meaning="{asset}と一緒に、道路や学校、災害時の復旧まで地域の暮らしを支えてきました。",
        appeal="現場の職人と事務所の社員の距離が近く、改善の提案がすぐに形になります。",
        top_message="建設業は人がすべてです。若い人が誇りを持って働ける会社に変わるために、外の知恵を借りたいと思っています。",
    ),
    CompanyType(
        key="printing",
        industry="E",
        tail=("印刷", "インサツ"),
        forms=("{}株式会社", "株式会社{}"),
        business="印刷とデザイン",
        product="印刷物",
        buyers="自治体や地元企業",
        strength="印刷とデザインの一貫体制",
        asset="長年の取引先",
        experience="広告・出版業界の経験",
        founded=(1930, 1990),
        sizes=("6-20", "21-50"),
        sheets=("new-business", "dx-kintone", "recruiting", "generative-ai", "finance-succession", "pr"),
        vision="紙とデジタルの両方で、地域の情報を届ける会社になります。",
        strategy="印刷の需要が減るなか、デザインとWeb制作、自治体の広報の支援へと仕事の中身を変えていきます。",
        region_meaning="{asset}の広報を、半世紀にわたって陰で支えてきました。町の行事のポスターの多くは当社製です。",
        appeal="地域のあらゆる業種の仕事に関われます。社内にデザイナーが三人いて、相談しながら進められます。",
        top_message="印刷会社が地域のためにできることは、まだたくさんあるはずです。新しい役割を一緒に見つけてください。",
    ),
    CompanyType(
        key="transport",
        industry="H",
        tail=("運輸", "ウンユ"),
        forms=("{}株式会社", "株式会社{}"),
        business="地域の物流と貸切バス",
        product="物流サービス",
        buyers="県内の荷主企業",
        strength="地域の隅々まで届ける配送網",
        asset="地元の荷主と道の駅",
        experience="物流業界での勤務経験",
        founded=(1950, 1990),
        sizes=("51-100", "101-300"),
        sheets=("dx-kintone", "data-demand", "recruiting", "hr-system", "generative-ai", "new-business"),
        vision="人と物の流れを止めず、過疎の町の暮らしを支え続けます。",
        strategy="運転手の不足に備え、配車の効率化と共同配送で、少ない人数でも回る仕組みに変えていきます。",
        region_meaning="{asset}を結ぶ配送は、町の暮らしの生命線です。買い物が難しいお年寄りへの配達も担っています。",
        appeal="地域の暮らしを支えている実感を持てる仕事です。データを使った改善を始めたばかりで、伸びしろがあります。",
        top_message="物流が止まれば町が止まります。持続できる仕組みを、外の力も借りてつくりたいと思っています。",
    ),
    CompanyType(
        key="confectionery",
        industry="E",
        tail=("菓子舗", "カシホ"),
        forms=("{}", "有限会社{}", "株式会社{}"),
        business="和菓子の製造と販売",
        product="和菓子",
        buyers="百貨店や土産物店",
        strength="職人の手包みの技",
        asset="地元の小豆ともち米",
        experience="食品業界の経験",
        founded=(1880, 1970),
        sizes=("6-20", "21-50"),
        sheets=(
            "ec-web-marketing",
            "product-development",
            "sns-fans",
            "channel-development",
            "branding",
            "finance-succession",
        ),
        vision="季節の移ろいを映す和菓子で、暮らしに小さな楽しみを届けます。",
        strategy="土産物としての売上を守りつつ、若い世代の日常のおやつとして選ばれる商品とネット販売を育てます。",
        region_meaning="{asset}を使い、町の祭りや行事とともに歩んできた店です。",
        appeal="職人と一緒に試作を重ね、店頭でお客様の反応をすぐに確かめられます。",
        top_message="伝統の味を守ることと、新しいお客様に出会うことは両立できると信じています。",
    ),
    CompanyType(
        key="dairy",
        industry="A",
        tail=("牧場", "ボクジョウ"),
        forms=("株式会社{}", "有限会社{}"),
        business="牛の飼育と乳製品づくり",
        product="チーズとヨーグルト",
        buyers="レストランや食料品店",
        strength="放牧で育てた牛の生乳",
        asset="広い牧草地と澄んだ空気",
        experience="食品業界の経験",
        founded=(1960, 2010),
        sizes=("6-20", "21-50"),
        sheets=(
            "ec-web-marketing",
            "product-development",
            "sns-fans",
            "channel-development",
            "tour-planning",
            "new-business",
        ),
        vision="牛が草を食む風景ごと、牧場の恵みを届けます。",
        strategy="生乳の出荷に頼らず、乳製品と牧場体験を組み合わせて、牧場の価値を直接お客様に届けます。",
        region_meaning="{asset}があってこその牧場です。近くの農家さんと堆肥と飼料を融通し合う循環を大切にしています。",
        appeal="牛の世話から商品づくり、お客様との交流まで、牧場のすべてに関われます。",
        top_message="牧場の暮らしは大変ですが、それ以上に豊かです。その豊かさを一緒に伝えてください。",
    ),
    CompanyType(
        key="supermarket",
        industry="I",
        tail=("ストア", "ストア"),
        forms=("株式会社{}",),
        business="食品スーパーの経営",
        product="地場の食品",
        buyers="地元の生産者",
        strength="地元の生産者との近さ",
        asset="地元の生産者と常連のお客様",
        experience="小売業での勤務経験",
        founded=(1960, 1995),
        sizes=("51-100", "101-300", "301+"),
        sheets=("data-demand", "dx-kintone", "recruiting", "hr-system", "generative-ai", "sns-fans"),
        vision="町の台所として、毎日の買い物の楽しみを守り続けます。",
        strategy="大型店との競争のなか、地場の食品の品ぞろえと配達サービスで、地域に欠かせない店であり続けます。",
        region_meaning="{asset}に支えられてきた店です。買い物に来られないお年寄りのための移動販売も続けています。",
        appeal="売り場の変化がすぐに数字に表れる仕事です。店長たちは新しい試みに前向きです。",
        top_message="地域の人口が減っても、暮らしを支える店はなくせません。続けられる形を一緒に考えてください。",
    ),
    CompanyType(
        key="travel",
        industry="N",
        tail=("トラベル", "トラベル"),
        forms=("株式会社{}", "合同会社{}"),
        business="地元発の体験ツアーの企画",
        product="体験ツアー",
        buyers="首都圏の旅行会社",
        strength="地元の人しか知らない案内先",
        asset="四季の自然と祭り",
        experience="旅行業界での勤務経験",
        founded=(1995, 2020),
        sizes=("1-5", "6-20"),
        sheets=("tour-planning", "inbound", "sns-fans", "pr", "ec-web-marketing", "generative-ai"),
        vision="地元の人の暮らしそのものを、旅の目的地にします。",
        strategy="首都圏と海外の個人旅行のお客様に向けて、少人数で深く地域を知る体験を増やしていきます。",
        region_meaning="{asset}、そして受け入れてくれる農家や漁師さんがいてこその仕事です。",
        appeal="地域のたくさんの人と出会いながら、旅の企画を形にできます。",
        top_message="観光は、地域の人が自分の町を誇りに思うきっかけにもなります。その輪に加わってください。",
    ),
    CompanyType(
        key="welfare",
        industry="P",
        tail=("ケア", "ケア"),
        forms=("株式会社{}", "合同会社{}"),
        business="介護と福祉のサービス",
        product="介護サービス",
        buyers="地域の家族",
        strength="訪問と通いの両方を担う体制",
        asset="地域の医療機関と民生委員",
        experience="医療・福祉の現場での経験",
        founded=(2000, 2018),
        sizes=("21-50", "51-100"),
        sheets=("recruiting", "hr-system", "dx-kintone", "generative-ai", "pr"),
        vision="住み慣れた町で、最期まで自分らしく暮らせる地域をつくります。",
        strategy="人手が限られるなかでも質を落とさないよう、記録の電子化と職員の育成に力を入れます。",
        region_meaning="{asset}と連携して、ひとり暮らしのお年寄りの見守りを続けています。",
        appeal="利用者さんと家族から直接感謝の言葉が届く仕事です。職員の声を聞きながら改善を進めています。",
        top_message="介護の仕事の価値を、もっと多くの人に知ってほしいと思っています。外の視点を貸してください。",
    ),
    CompanyType(
        key="restaurant",
        industry="M",
        tail=("食堂", "ショクドウ"),
        forms=("合同会社{}", "株式会社{}"),
        business="地元の食材を使った食堂",
        product="郷土料理",
        buyers="首都圏の食料品店",
        strength="地元食材の郷土料理",
        asset="近くの農家と漁港",
        experience="飲食業界での勤務経験",
        founded=(1970, 2018),
        sizes=("1-5", "6-20"),
        sheets=("sns-fans", "product-development", "ec-web-marketing", "inbound", "branding", "crowdfunding"),
        vision="町の食材と台所の知恵を、食べる人の笑顔につなげます。",
        strategy="店で人気の料理を瓶詰めや冷凍のお取り寄せ商品にして、店の外でも売れる仕組みをつくります。",
        region_meaning="{asset}から毎朝届く食材が、献立を決めます。町の寄り合い所のような店でもあります。",
        appeal="料理人と一緒に、店の味をどう商品にするかを考えられます。",
        top_message="小さな食堂ですが、町の味を守る役目があると思っています。その味を遠くまで届けたいのです。",
    ),
    CompanyType(
        key="forestry",
        industry="A",
        tail=("林業", "リンギョウ"),
        forms=("株式会社{}", "{}株式会社"),
        business="森林の整備と木材の販売",
        product="県産材",
        buyers="首都圏の工務店",
        strength="伐採から製材までの一貫体制",
        asset="町の面積の八割を占める森",
        experience="木材・住宅業界の経験",
        founded=(1950, 2000),
        sizes=("6-20", "21-50"),
        sheets=("new-business", "channel-development", "pr", "dx-kintone", "recruiting", "crowdfunding"),
        vision="森を育て、使い、また育てる循環を、百年先まで続けます。",
        strategy="丸太のまま出荷する売り方から、家具や内装材として価値をつけて売る事業へと広げます。",
        region_meaning="{asset}を守ることが、町の水と暮らしを守ることにつながっています。",
        appeal="山の現場から商品づくりまで、木の一生に関われます。",
        top_message="森の仕事は、百年単位の仕事です。長い時間軸で一緒に考えてくれる方を待っています。",
    ),
    CompanyType(
        key="fishery",
        industry="B",
        tail=("漁業", "ギョギョウ"),
        forms=("有限会社{}", "株式会社{}"),
        business="定置網漁と鮮魚の直販",
        product="鮮魚",
        buyers="首都圏の飲食店",
        strength="定置網の鮮魚の産地直送",
        asset="目の前の豊かな漁場",
        experience="水産・飲食業界の経験",
        founded=(1950, 2010),
        sizes=("6-20", "21-50"),
        sheets=(
            "ec-web-marketing",
            "channel-development",
            "new-business",
            "sns-fans",
            "overseas",
            "tour-planning",
        ),
        vision="獲るだけの漁業から、届けるまでを担う漁業へ。",
        strategy="市場に出すだけでなく、首都圏の飲食店への直接販売と加工品で、魚の値段を自分たちで決められるようにします。",
        region_meaning="{asset}と、それを守ってきた浜の人たちとともにある会社です。",
        appeal="早朝の網起こしから、魚が料理になるまでを見届けられます。",
        top_message="浜の仕事を若い人が継ぎたくなる姿に変えたい。その挑戦に加わってください。",
        coastal=True,
    ),
    CompanyType(
        key="realestate",
        industry="K",
        tail=("不動産", "フドウサン"),
        forms=("株式会社{}", "有限会社{}"),
        business="空き家の再生と賃貸",
        product="空き家の活用",
        buyers="移住を考える人",
        strength="町内の空き家の情報網",
        asset="古い町並みと空き家",
        experience="不動産業界の経験",
        founded=(1975, 2015),
        sizes=("1-5", "6-20"),
        sheets=("new-business", "pr", "dx-kintone", "generative-ai", "recruiting"),
        vision="空き家を、町の新しい入口に変えます。",
        strategy="空き家を改修して、二地域居住の人やお試し移住の人に貸す事業を育てます。",
        region_meaning="{asset}は、町の歴史そのものです。一軒でも多く次の住み手につなぎたいと考えています。",
        appeal="町の人と外から来る人の間に立つ仕事です。改修の企画から関われます。",
        top_message="家は人が住んでこそ生き続けます。外から来る人の目線で、町の住まいを一緒に考えてください。",
    ),
    CompanyType(
        key="community",
        industry="R",
        tail=("まちづくり", "マチヅクリ"),
        forms=("一般社団法人{}",),
        business="まちづくりの活動",
        product="まちづくり",
        buyers="町外の応援者",
        strength="住民と役場をつなぐ力",
        asset="商店街と朝市",
        experience="NPO・地域活動の経験",
        founded=(2005, 2020),
        sizes=("1-5",),
        sheets=("website-probono", "crowdfunding", "pr", "tour-planning", "new-business", "sns-fans"),
        vision="住む人も、訪れる人も、関わる人も、この町の担い手です。",
        strategy="町の外に住む応援者を増やし、その人たちと一緒に空き店舗の活用や祭りの運営を続けられる仕組みをつくります。",
        region_meaning="{asset}を舞台に、住民と役場、町外の仲間をつないでいます。",
        appeal="町の人と顔の見える関係のなかで、企画をすぐに試せます。",
        top_message="小さな町だからこそ、一人の力が町を変えます。その一人になってください。",
    ),
    CompanyType(
        key="school",
        industry="O",
        tail=("ラボ", "ラボ"),
        forms=("株式会社{}", "合同会社{}"),
        business="子ども向けのプログラミング教室と学習塾",
        product="プログラミング教室",
        buyers="地元の保護者",
        strength="地元の学校との連携",
        asset="地元の小中学校",
        experience="教育業界での勤務経験",
        founded=(2008, 2021),
        sizes=("1-5", "6-20"),
        sheets=("new-business", "pr", "recruiting", "sns-fans", "generative-ai"),
        vision="どこに住んでいても、子どもが学びたいことを学べる町にします。",
        strategy="教室に通えない子どもに向けたオンライン授業を広げ、町外の講師にも加わってもらいます。",
        region_meaning="{asset}と連携して、放課後の学びの場をつくっています。",
        appeal="子どもたちの成長を間近に感じられます。オンラインでも授業に関われます。",
        top_message="地方の子どもたちに、都会と同じだけの選択肢を。その思いに共感してくださる方を待っています。",
    ),
    CompanyType(
        key="brewery",
        industry="E",
        tail=("ブルワリー", "ブルワリー"),
        forms=("合同会社{}", "株式会社{}"),
        business="クラフトビールの醸造",
        product="クラフトビール",
        buyers="ビアバーや酒販店",
        strength="地元の果物を使った醸造",
        asset="地元の果樹園",
        experience="酒類の販売経験",
        founded=(2012, 2022),
        sizes=("1-5", "6-20"),
        sheets=(
            "ec-web-marketing",
            "branding",
            "overseas",
            "sns-fans",
            "channel-development",
            "crowdfunding",
        ),
        vision="一杯のビールから、町の農産物のファンを増やします。",
        strategy="地元の果物を使った季節限定のビールを軸に、首都圏のビアバーとの取引とネット販売を広げます。",
        region_meaning="{asset}で規格外になった果物を買い取り、ビールに生かしています。",
        appeal="仕込みから販売まで、小さなチームで何でも挑戦できる会社です。",
        top_message="ビールは町の物語を運ぶ器です。その物語を一緒に広げてください。",
    ),
    CompanyType(
        key="textile",
        industry="E",
        tail=("織物", "オリモノ"),
        forms=("株式会社{}", "有限会社{}"),
        business="織物の製造",
        product="織物",
        buyers="アパレルや雑貨のブランド",
        strength="手織りの技と草木染め",
        asset="雪国の手仕事の文化",
        experience="アパレル業界の経験",
        founded=(1900, 1980),
        sizes=("6-20", "21-50"),
        sheets=("ec-web-marketing", "branding", "overseas", "product-development", "crowdfunding", "pr"),
        vision="雪国の手仕事を、いまの暮らしに合う形で世界に届けます。",
        strategy="問屋を通した販売から、自社ブランドの小物とアパレルとの協業へと売り方を変えていきます。",
        region_meaning="{asset}が、この織物を生みました。冬の手仕事を伝える教室も開いています。",
        appeal="職人の技と、デザインの新しい発想が出会う現場です。",
        top_message="伝統は、変わり続けることで守られると考えています。新しい風を吹き込んでください。",
    ),
)

COMPANY_SHARED_APPEAL = (
    "打ち合わせはオンラインが中心です。現地に来ていただくときは、社員が駅までお迎えにあがります。"
)
COMPANY_SHARED_CLOSING = "{place}でお会いできるのを楽しみにしています。"
TOP_TITLES = {
    "株式会社": "代表取締役",
    "有限会社": "代表取締役",
    "合同会社": "代表社員",
    "合名会社": "代表社員",
    "一般社団法人": "代表理事",
}


def top_title_for(form: str) -> str:
    for prefix, title in TOP_TITLES.items():
        if prefix in form:
            return title
    return "代表"


# --- Spec sheets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetTemplate:
    key: str
    title: str
    issue: str
    outcome: str
    why_you: str
    themes: tuple[str, ...]
    required: tuple[str, ...]  # skill keys
    welcome: tuple[str, ...]  # skill keys; the company type's experience is added as a free skill
    days: tuple[int, int]
    work_style: str
    visits: int
    duration: int
    #: monthly fee options (min, max); ``None`` for a プロボノ sheet
    fees: tuple[tuple[int, int], ...] | None
    travel_paid_by: str
    subsidy_applies: bool = False
    fee_reasons: dict[tuple[int, int], str] = field(default_factory=dict)


SHEET_TEMPLATES: dict[str, SheetTemplate] = {
    template.key: template
    for template in (
        SheetTemplate(
            key="ec-web-marketing",
            title="{product}のネット販売を伸ばすウェブマーケティング",
            issue=(
                "{place}で{business}を手がけています。県内の取引先への売上は安定していますが、"
                "数年前に始めたネットショップの売上は月十数万円にとどまっています。社内にウェブに詳しい人がおらず、"
                "広告やアクセスの数字を見ても、次に何をすればよいかを決められずにいます。"
            ),
            outcome=(
                "6か月で、ネットショップの月商を今の2倍にするための販促計画をつくり、"
                "社員が自分で回せる広告・SNS運用の手順書を残す。"
            ),
            why_you=(
                "首都圏のお客様にネットで商品を届けた経験のある方に、買う人の目で私たちの{product}と売り方を"
                "見直していただきたいのです。数字を一緒に読み解き、社員に運用のコツを手渡してくれる方を求めています。"
            ),
            themes=("marketing",),
            required=("web-marketing", "web-analytics"),
            welcome=("sns-operation", "ec"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="sns-fans",
            title="Instagramで{product}のファンを増やすSNS運用",
            issue=(
                "{place}で{business}を手がけています。Instagramのアカウントはあるものの、投稿は月に数回で、"
                "フォロワーも知り合いが中心です。{product}のこだわりや作り手の顔を伝えたいのに、"
                "何をどう撮って書けばよいのかが分からず、続けられていません。"
            ),
            outcome=(
                "4か月で、月12本の投稿を社員だけで続けられる運用ルールと、撮影・文章のひな形をつくり、"
                "フォロワーを今の3倍にする。"
            ),
            why_you=(
                "Instagramで商品やお店のファンを増やしてきた方に、{product}の伝え方を一緒に考えていただきたいです。"
                "撮影の仕方から文章の癖まで、社員が真似できる形で教えてくれる方を探しています。"
            ),
            themes=("marketing", "pr"),
            required=("sns-operation", "instagram"),
            welcome=("photography", "copywriting"),
            days=(1, 3),
            work_style="remote",
            visits=0,
            duration=4,
            fees=((30_000, 40_000), (30_000, 50_000)),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="product-development",
            title="首都圏の暮らしに合う{product}の新商品を企画する",
            issue=(
                "{place}で{business}を手がけています。{strength}には自信がありますが、商品の顔ぶれは十年以上"
                "ほとんど変わっていません。主な買い手は地元の年配の方で、首都圏の若い世代や共働きの家庭に"
                "選ばれる{product}をどうつくればよいのか、社内だけでは答えが出せずにいます。"
            ),
            outcome=(
                "6か月で、首都圏の暮らしに合う新商品2品の企画書と試作品をつくり、"
                "都内の店舗で試験販売して反応を確かめる。"
            ),
            why_you=(
                "消費者向けの商品企画を手がけてきた方に、首都圏の暮らしの感覚を持ち込んでいただきたいのです。"
                "{strength}をどう商品に落とし込むか、職人と同じ机で試作を重ねてくれる方を求めています。"
            ),
            themes=("product-development", "marketing"),
            required=("product-development", "market-research"),
            welcome=("packaging-design", "pricing"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="channel-development",
            title="首都圏の{buyers}への販路を開く営業戦略づくり",
            issue=(
                "{place}で{business}を手がけています。売上の八割が県内の取引先で、首都圏の{buyers}とは"
                "付き合いがありません。展示会に何度か出ましたが、名刺交換のあと商談につなげられず、"
                "どこに、どんな条件で売り込めばよいのかが定まっていません。"
            ),
            outcome="6か月で、首都圏で狙う取引先の候補30社の一覧と提案資料をつくり、そのうち5社と商談の場を持つ。",
            why_you=(
                "首都圏の{buyers}に商品を売り込んだ経験のある方に、商談の組み立て方から条件の決め方まで、"
                "一緒に考えていただきたいのです。社長と一緒に商談の場に立ち、振り返りまで付き合ってくれる方を求めています。"
            ),
            themes=("sales-strategy",),
            required=("sales-strategy", "channel-development"),
            welcome=("b2b-sales", "trade-shows"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000),),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="branding",
            title="{product}の魅力を伝えるブランドとパッケージの再設計",
            issue=(
                "{place}で{business}を手がけています。{strength}が自慢ですが、ラベルやパッケージは二十年前のままで、"
                "売り場では他社の商品に埋もれてしまいます。お客様からは「品物はいいのに、贈り物には選びにくい」"
                "という声もいただいています。"
            ),
            outcome=(
                "5か月で、{product}のブランドの考え方をまとめた資料と、新しいパッケージのデザイン案3点をつくり、"
                "次の商品から使い始める。"
            ),
            why_you=(
                "商品のブランドづくりやパッケージのデザインを手がけてきた方に、私たちの強みを言葉と形にして"
                "いただきたいのです。職人の話をじっくり聞き、その思いを売り場で伝わるデザインに変えてくれる方を求めています。"
            ),
            themes=("branding-design", "marketing"),
            required=("branding", "packaging-design"),
            welcome=("logo-design", "copywriting"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=5,
            fees=((40_000, 50_000), (30_000, 50_000)),
            travel_paid_by="company",
        ),
        SheetTemplate(
            key="overseas",
            title="{product}の海外展開に向けた輸出の足がかりづくり",
            issue=(
                "{place}で{business}を手がけています。台湾やアメリカから来たお客様に{product}を喜んでいただく機会が増え、"
                "海外で売りたいという思いが強くなりました。ただ、輸出の手続きや現地の売り先の探し方が分からず、"
                "商社に相談したきり話が進んでいません。"
            ),
            outcome=(
                "6か月で、最初に狙う国を1つに絞った輸出計画と、現地の取引先候補10社への提案資料をつくり、"
                "3社とオンラインで商談する。"
            ),
            why_you=(
                "海外への販路開拓や貿易実務を経験した方に、最初の一歩の踏み出し方を教えていただきたいのです。"
                "手続きの段取りから現地の売り先との英語のやりとりまで、社員と一緒に進めてくれる方を求めています。"
            ),
            themes=("overseas", "sales-strategy"),
            required=("overseas-expansion", "export-trade"),
            welcome=("english", "cross-border-ec"),
            days=(2, 4),
            work_style="remote",
            visits=0,
            duration=6,
            fees=((40_000, 50_000), (30_000, 50_000)),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="tour-planning",
            title="{place}ならではの体験ツアーを企画し、首都圏から人を呼ぶ",
            issue=(
                "{place}には{asset}がありますが、訪れる人の多くは日帰りで、地元にお金が落ちる仕組みが"
                "できていません。{business}を手がける私たちの持ち味を生かして、首都圏の人が泊まりがけで"
                "来たくなる体験をつくりたいと考えています。"
            ),
            outcome="6か月で、首都圏の20〜40代に向けた体験ツアーを2本企画し、モニターツアーを1回実施して参加者の声をまとめる。",
            why_you=(
                "旅行や体験の企画を手がけてきた方に、首都圏のお客様の目で{place}の素材を選び、組み立てていただきたいのです。"
                "月に2回ほど現地を一緒に歩き、地元の人をつなぐところから関わってくれる方を求めています。"
            ),
            themes=("tourism", "community"),
            required=("tour-planning", "destination-marketing"),
            welcome=("event-planning", "web-marketing"),
            days=(2, 4),
            work_style="hybrid",
            visits=2,
            duration=6,
            fees=((30_000, 50_000),),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="inbound",
            title="海外からのお客様を迎える英語の案内と予約の仕組みづくり",
            issue=(
                "{place}を訪れる海外からのお客様が増えていますが、案内や予約の受け付けは日本語だけで、"
                "電話での問い合わせには身振り手振りで対応しています。せっかく来ていただいたのに、"
                "{product}の魅力を十分に伝えられていないのが悩みです。"
            ),
            outcome="5か月で、英語の案内資料とウェブ予約の仕組みを整え、海外からの予約を月10件受けられる状態にする。",
            why_you=(
                "訪日客の受け入れや英語での接客を経験した方に、海外のお客様がつまずく場面を一緒に洗い出して"
                "いただきたいのです。案内文づくりから予約の流れまで、現場の社員と形にしてくれる方を求めています。"
            ),
            themes=("tourism", "overseas"),
            required=("inbound", "english"),
            welcome=("website-production", "customer-service"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=5,
            fees=((30_000, 50_000),),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="crowdfunding",
            title="クラウドファンディングで{product}の新しい挑戦を広げる",
            issue=(
                "{place}で{business}を手がけています。{strength}を生かした新しい挑戦を始めたいのですが、"
                "設備の資金が足りず、応援してくれる人をどう集めればよいのかも分かりません。"
                "クラウドファンディングを使いたいと考えていますが、社内に経験者がいません。"
            ),
            outcome="4か月で、クラウドファンディングのページと返礼品の設計を終えて公開し、目標額300万円の達成を目指す。",
            why_you=(
                "クラウドファンディングで支援を集めた経験のある方に、私たちの思いが伝わる物語づくりと返礼品の"
                "組み立てを手伝っていただきたいのです。公開後の発信まで一緒に走ってくれる方を求めています。"
            ),
            themes=("new-business", "marketing"),
            required=("crowdfunding", "copywriting"),
            welcome=("sns-operation", "video-production"),
            days=(2, 4),
            work_style="remote",
            visits=0,
            duration=4,
            fees=((30_000, 50_000),),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="pr",
            title="{short}の取り組みを全国に届ける広報・PRの立ち上げ",
            issue=(
                "{place}で{business}を手がけています。{strength}をはじめ、伝えたい取り組みはたくさんあるのに、"
                "広報の担当者がおらず、新聞やテレビに取り上げられたのも数年前の一度きりです。"
                "採用や取引でも、知られていないことが壁になっています。"
            ),
            outcome="6か月で、年間の広報計画と報道機関向けの発表資料を3本つくり、地元紙やウェブメディアに2回以上取り上げられる。",
            why_you=(
                "企業や団体の広報・PRを担当してきた方に、私たちの取り組みのどこがニュースになるのかを見極めて"
                "いただきたいのです。社員に取材して記事の種を探すところから、一緒に手を動かしてくれる方を求めています。"
            ),
            themes=("pr",),
            required=("pr", "writing"),
            welcome=("sns-operation", "photography"),
            days=(2, 4),
            work_style="remote",
            visits=0,
            duration=6,
            fees=((30_000, 50_000),),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="website-probono",
            title="{short}の活動を伝えるWebサイトの作り直し（プロボノ）",
            issue=(
                "{place}で{business}に取り組んでいます。活動のお知らせは紙のチラシと手作りのブログが頼りで、"
                "町外の人や若い世代に届いていません。移住を考える人から「どんな活動をしているのかが分からない」"
                "という声もいただいています。"
            ),
            outcome="3か月で、活動内容と参加の仕方が分かるWebサイトを公開し、スタッフが自分で更新できる手順書を残す。",
            why_you=(
                "Webサイトの制作や文章づくりを仕事にしている方に、プロボノとして力を貸していただきたいのです。"
                "報酬はお支払いできませんが、町の人たちとの出会いと、地域の行事に参加する機会を用意しています。"
            ),
            themes=("community", "pr"),
            required=("website-production", "writing"),
            welcome=("web-design", "photography"),
            days=(1, 2),
            work_style="remote",
            visits=0,
            duration=3,
            fees=None,
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="dx-kintone",
            title="紙とExcelの管理をkintoneで仕組み化する業務改善",
            issue=(
                "{place}で{business}を手がけています。受注や顧客の管理は紙の台帳と担当者ごとのExcelに分かれていて、"
                "同じ内容を何度も書き写しています。担当者が休むと状況が分からなくなり、"
                "月末の集計には毎回二日かかっています。"
            ),
            outcome="6か月で、受注と顧客の管理をkintoneにまとめ、月末の集計にかかる時間を2日から半日に減らす。",
            why_you=(
                "kintoneなどで中小企業の業務を仕組み化してきた方に、現場の流れを一緒に整理していただきたいのです。"
                "パソコンが得意でない社員にも寄り添い、使い続けられる形に落とし込んでくれる方を求めています。"
            ),
            themes=("dx-it", "productivity"),
            required=("kintone", "business-improvement"),
            welcome=("excel", "rpa"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="generative-ai",
            title="生成AIで書類づくりと問い合わせ対応の手間を減らす",
            issue=(
                "{place}で{business}を手がけています。見積書や報告書、問い合わせへの返信など、書類づくりに"
                "社員の時間の多くが取られています。生成AIが役に立つと聞いて試しましたが、何に使えば安全で"
                "効果があるのかが分からず、使う人も限られています。"
            ),
            outcome="4か月で、生成AIを使う業務を3つに絞って手順とルールをまとめ、書類づくりにかかる時間を3割減らす。",
            why_you=(
                "生成AIを業務に取り入れた経験のある方に、私たちの仕事のどこで使えるかを見極めていただきたいのです。"
                "社員向けの勉強会を開き、情報の扱いのルールまで一緒に決めてくれる方を求めています。"
            ),
            themes=("dx-it", "productivity"),
            required=("generative-ai", "business-improvement"),
            welcome=("google-workspace", "training"),
            days=(1, 3),
            work_style="remote",
            visits=0,
            duration=4,
            fees=((30_000, 40_000), (30_000, 50_000)),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="recruiting",
            title="若手が応募したくなる採用広報と採用の仕組みづくり",
            issue=(
                "{place}で{business}を手がけています。ここ数年、若手の採用が思うように"
                "できていません。求人票をハローワークに出すだけで、仕事の面白さや職場の雰囲気を伝える手段を"
                "持っていないことが原因だと考えています。"
            ),
            outcome="6か月で、採用ページと社員紹介の記事5本をつくり、来年春の採用で20〜30代の応募を10件集める。",
            why_you=(
                "採用広報や人事の仕事を経験した方に、若い世代に響く伝え方を教えていただきたいのです。"
                "社員への取材に同席し、私たちが気づいていない職場の魅力を一緒に言葉にしてくれる方を求めています。"
            ),
            themes=("hr",),
            required=("recruiting", "recruitment-marketing"),
            welcome=("sns-operation", "writing"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000),),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="hr-system",
            title="社員が成長を実感できる評価と育成の人事制度づくり",
            issue=(
                "{place}で{business}を手がけています。社員が増えてきましたが、評価や給与は社長の判断で"
                "決めてきました。若手から「何をすれば評価されるのか分からない」という声が上がり、"
                "昨年は期待していた社員が二人辞めています。"
            ),
            outcome="8か月で、役割ごとの評価基準と育成の計画をまとめた人事制度をつくり、来年度の評価から使い始める。",
            why_you=(
                "中小企業の人事制度づくりに関わった経験のある方に、社員の声を聞きながら仕組みを設計して"
                "いただきたいのです。経営者と社員の間に立ち、納得できる基準を一緒に探してくれる方を求めています。"
            ),
            themes=("hr", "management-strategy"),
            required=("hr-system-design", "organization-development"),
            welcome=("training", "labor-management"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=8,
            fees=((40_000, 50_000), (30_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="finance-succession",
            title="事業承継に向けた財務の見える化と資金繰りの改善",
            issue=(
                "{place}で{business}を手がけています。社長は70歳を迎え、息子への事業承継を考え始めました。"
                "ところが決算書の数字を社長しか理解しておらず、借入や資金繰りの状況を後継者に引き継げる形に"
                "なっていません。金融機関との話し合いも控えています。"
            ),
            outcome="6か月で、部門ごとの損益が分かる管理表と、5年分の資金繰りの見通しをまとめた事業承継計画をつくる。",
            why_you=(
                "財務や経理の実務に加え、事業承継や金融機関とのやりとりを経験した方に、数字の整理から計画づくり"
                "まで伴走していただきたいのです。後継者の相談相手になってくれる方を求めています。"
            ),
            themes=("finance", "business-succession"),
            required=("financial-accounting", "business-succession"),
            welcome=("cash-flow", "business-planning"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((40_000, 50_000), (80_000, 100_000)),
            travel_paid_by="company",
            subsidy_applies=True,
            fee_reasons={
                (
                    80_000,
                    100_000,
                ): "金融機関との協議の資料づくりまで担っていただくため、目安より高めに設定しています。"
            },
        ),
        SheetTemplate(
            key="new-business",
            title="{strength}を生かした新規事業の事業計画づくり",
            issue=(
                "{place}で{business}を手がけています。本業の売上は少しずつ減っており、{strength}を生かした"
                "新しい事業の柱をつくる必要があります。いくつかの案はあるものの、市場の大きさや採算を確かめる"
                "方法が分からず、社内の議論が堂々めぐりになっています。"
            ),
            outcome="6か月で、新規事業の案を2つに絞って市場調査を行い、3年間の収支計画を含む事業計画書を完成させる。",
            why_you=(
                "新規事業の立ち上げや事業計画づくりを経験した方に、私たちのアイデアを冷静に評価していただきたいのです。"
                "{strength}の価値を外の目で見極め、社長と議論を重ねてくれる方を求めています。"
            ),
            themes=("new-business", "management-strategy"),
            required=("new-business", "business-planning"),
            welcome=("market-research", "subsidy-applications"),
            days=(2, 4),
            work_style="hybrid",
            visits=1,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
        SheetTemplate(
            key="data-demand",
            title="売上と在庫のデータを分析し、需要予測の仕組みをつくる",
            issue=(
                "{place}で{business}を手がけています。毎日の売上や出荷のデータは十年分たまっていますが、"
                "発注や人の手配は担当者の勘に頼っています。品切れと売れ残りが同じ月に起きることも多く、"
                "データを生かせていないことがもったいないと感じています。"
            ),
            outcome="6か月で、過去のデータから需要を予測するExcelの仕組みをつくり、売れ残りによる廃棄を2割減らす。",
            why_you=(
                "データ分析を仕事にしてきた方に、たまったデータから何が読み取れるかを一緒に探していただきたいのです。"
                "難しい仕組みではなく、現場の担当者が毎日使える形にまとめてくれる方を求めています。"
            ),
            themes=("dx-it", "productivity"),
            required=("data-analysis", "excel"),
            welcome=("python", "database"),
            days=(2, 4),
            work_style="remote",
            visits=0,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="none",
        ),
        SheetTemplate(
            key="production-kaizen",
            title="製造現場の改善活動と生産管理の仕組みの見直し",
            issue=(
                "{place}で{business}を手がけています。注文は増えているのに、現場では段取り替えや探し物に"
                "時間がかかり、残業が減りません。改善活動を始めたこともありますが、続ける仕組みがなく、"
                "いつの間にか元に戻ってしまいました。"
            ),
            outcome="6か月で、工程ごとの作業時間を測って改善の計画を立て、主力の工程の作業時間を15%短くする。",
            why_you=(
                "製造現場の改善や生産管理を経験した方に、月2回ほど現場に立って、私たちと一緒にムダを探して"
                "いただきたいのです。若手の班長を育て、改善を続けられる仕組みを残してくれる方を求めています。"
            ),
            themes=("productivity",),
            required=("production-management", "lean-manufacturing"),
            welcome=("quality-control", "iot"),
            days=(2, 4),
            work_style="hybrid",
            visits=2,
            duration=6,
            fees=((30_000, 50_000), (40_000, 50_000)),
            travel_paid_by="company",
            subsidy_applies=True,
        ),
    )
}

#: A coordinator's review comment when returning a sheet, and the fix the company makes before it
#: submits again: (comment, field, text appended to the field — or the value for ``fee_reason``).
RETURN_ROUNDS: tuple[tuple[str, str, str], ...] = (
    (
        "現地に来ていただく時期と、交通費をどこまで負担するかを「なぜあなたが必要か」の最後に書き添えてください。"
        "首都圏から通う方が予定を立てやすくなります。",
        "why_you",
        "現地には月初の打ち合わせに合わせて来ていただき、往復の交通費は当社が負担します。",
    ),
    (
        "成果物・ゴールに、途中で確かめる区切り（例：3か月目の中間報告）を加えてください。"
        "双方が進み具合を確かめやすくなります。",
        "outcome",
        "3か月目に中間報告の場を設け、進め方を一緒に見直す。",
    ),
    (
        "背景・課題に、これまでに試したことと、その結果を一文加えてください。"
        "応募する方が、どこから手を付ければよいかを判断できます。",
        "issue",
        "これまでに社内で勉強会を開いたこともありますが、日々の仕事に追われて続きませんでした。",
    ),
    (
        "報酬の考え方（打ち合わせの回数や、成果物の量との関係）を「報酬の理由」に一言書いてください。",
        "fee_reason",
        "月2回のオンライン打ち合わせと、成果物のとりまとめを含めた金額です。",
    ),
)


# --- Talents -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    role: str  # for display names: 「弘前出身のWebマーケター」
    jobs: tuple[str, ...]
    industries: tuple[str, ...]
    skills: tuple[str, ...]  # vocabulary keys, most relevant first
    themes: tuple[str, ...]
    intro: str


PERSONAS: tuple[Persona, ...] = (
    Persona(
        role="Webマーケター",
        jobs=(
            "都内のIT企業でWebマーケティングを担当",
            "通販会社で広告運用とアクセス解析を担当",
            "広告代理店でデジタル広告のプランナー",
        ),
        industries=("G", "I", "L"),
        skills=(
            "web-marketing",
            "web-analytics",
            "web-advertising",
            "sns-operation",
            "seo",
            "content-marketing",
        ),
        themes=("marketing", "pr"),
        intro="ネット広告とアクセス解析で、売上につながる集客の仕組みをつくってきました",
    ),
    Persona(
        role="商品企画",
        jobs=(
            "食品メーカーで商品企画を担当",
            "雑貨メーカーで商品開発のリーダー",
            "コンビニチェーンで商品開発を担当",
        ),
        industries=("E", "I"),
        skills=(
            "product-development",
            "market-research",
            "food-product-development",
            "packaging-design",
            "pricing",
        ),
        themes=("product-development", "branding-design"),
        intro="消費者調査から試作、発売までの商品づくりを一通り経験してきました",
    ),
    Persona(
        role="法人営業",
        jobs=(
            "食品商社で法人営業を担当",
            "メーカーで首都圏の量販店向け営業を担当",
            "IT企業で営業チームのマネージャー",
        ),
        industries=("I", "E", "G"),
        skills=("b2b-sales", "sales-strategy", "channel-development", "trade-shows", "sales-management"),
        themes=("sales-strategy", "new-business"),
        intro="首都圏の小売店や百貨店のバイヤーとの商談を十年以上続けてきました",
    ),
    Persona(
        role="経理・財務",
        jobs=("上場企業の経理部で決算を担当", "会計事務所で中小企業の財務を支援", "ベンチャー企業の管理部長"),
        industries=("J", "L", "G"),
        skills=(
            "financial-accounting",
            "management-accounting",
            "cash-flow",
            "bookkeeping",
            "subsidy-applications",
        ),
        themes=("finance", "business-succession"),
        intro="決算や資金繰りの実務と、経営者への数字の説明を担ってきました",
    ),
    Persona(
        role="人事",
        jobs=(
            "人材サービス会社で採用支援を担当",
            "メーカーの人事部で制度設計を担当",
            "IT企業の採用チームのリーダー",
        ),
        industries=("R", "E", "G"),
        skills=(
            "recruiting",
            "hr-system-design",
            "training",
            "recruitment-marketing",
            "organization-development",
        ),
        themes=("hr", "management-strategy"),
        intro="採用と人事制度づくり、社員研修の企画に携わってきました",
    ),
    Persona(
        role="エンジニア",
        jobs=(
            "Web系企業でサーバーサイドのエンジニア",
            "SIerでシステム開発のプロジェクトリーダー",
            "スタートアップでバックエンドの開発を担当",
        ),
        industries=("G",),
        skills=("web-development", "python", "cloud-infrastructure", "database", "javascript"),
        themes=("dx-it", "productivity"),
        intro="Webサービスと業務システムの開発を、設計から運用まで手がけてきました",
    ),
    Persona(
        role="DX推進",
        jobs=(
            "メーカーの情報システム部門でDXを推進",
            "ITコンサル会社で中小企業のDXを支援",
            "物流会社で業務改善を担当",
        ),
        industries=("G", "L", "H"),
        skills=("dx", "kintone", "business-improvement", "rpa", "google-workspace", "no-code"),
        themes=("dx-it", "productivity"),
        intro="紙とExcelの業務を、現場の人が使い続けられる仕組みに置き換えてきました",
    ),
    Persona(
        role="デザイナー",
        jobs=(
            "デザイン事務所でグラフィックデザイナー",
            "事業会社のインハウスデザイナー",
            "制作会社でWebデザインを担当",
        ),
        industries=("L", "G"),
        skills=("design", "web-design", "logo-design", "packaging-design", "ui-ux-design", "illustration"),
        themes=("branding-design", "pr"),
        intro="ロゴやパッケージ、Webサイトのデザインを数多く手がけてきました",
    ),
    Persona(
        role="広報・PR",
        jobs=("PR会社で企業広報を支援", "メーカーの広報部で報道対応を担当", "出版社で雑誌の編集を担当"),
        industries=("L", "E", "G"),
        skills=("pr", "writing", "editing", "photography", "copywriting"),
        themes=("pr", "branding-design"),
        intro="企業の広報と、取材・記事づくりの仕事を続けてきました",
    ),
    Persona(
        role="経営コンサルタント",
        jobs=(
            "コンサルティング会社で中小企業の経営支援を担当",
            "金融機関で事業再生を担当",
            "事業会社の経営企画部",
        ),
        industries=("L", "J"),
        skills=(
            "business-strategy",
            "business-planning",
            "management-consulting",
            "business-succession",
            "new-business",
        ),
        themes=("management-strategy", "business-succession", "new-business"),
        intro="中小企業の経営計画づくりと新規事業の立ち上げを支援してきました",
    ),
    Persona(
        role="観光プランナー",
        jobs=(
            "旅行会社で国内ツアーの企画を担当",
            "鉄道会社で観光の地域連携を担当",
            "ホテルでマーケティングを担当",
        ),
        industries=("N", "H", "M"),
        skills=("tour-planning", "destination-marketing", "inbound", "event-planning", "english"),
        themes=("tourism", "community"),
        intro="地域の素材を組み合わせた旅の企画と、観光地のプロモーションに関わってきました",
    ),
    Persona(
        role="海外営業",
        jobs=("商社で食品の輸出を担当", "メーカーで海外営業を担当", "越境ECの運営会社でマーケティングを担当"),
        industries=("I", "E"),
        skills=("overseas-expansion", "export-trade", "cross-border-ec", "english", "chinese"),
        themes=("overseas", "sales-strategy"),
        intro="アジアと北米への輸出と、現地の取引先の開拓を担当してきました",
    ),
    Persona(
        role="データアナリスト",
        jobs=(
            "小売チェーンでデータ分析を担当",
            "IT企業でデータサイエンティスト",
            "コンサル会社でデータ活用を支援",
        ),
        industries=("I", "G", "L"),
        skills=("data-analysis", "python", "machine-learning", "excel", "generative-ai"),
        themes=("dx-it", "marketing"),
        intro="売上や顧客のデータを分析し、需要予測や施策の効果検証を担ってきました",
    ),
    Persona(
        role="EC運営",
        jobs=("アパレル企業でEC運営を担当", "食品通販会社で店長を担当", "D2Cブランドの立ち上げを担当"),
        industries=("I", "E"),
        skills=("ec", "ec-marketplace", "d2c", "sales-promotion", "crm"),
        themes=("marketing", "sales-strategy"),
        intro="ネットショップの運営と販促、リピーターづくりを担当してきました",
    ),
    Persona(
        role="地域づくり",
        jobs=(
            "NPOで地域づくりの事業を担当",
            "まちづくり会社でプロジェクトを担当",
            "自治体向けのコンサル会社に勤務",
        ),
        industries=("R", "L"),
        skills=(
            "community-development",
            "facilitation",
            "event-planning",
            "crowdfunding",
            "public-private-partnership",
        ),
        themes=("community", "new-business"),
        intro="住民の話し合いの進行や、地域のイベントの企画・運営に関わってきました",
    ),
    Persona(
        role="生産管理",
        jobs=(
            "自動車部品メーカーで生産管理を担当",
            "食品工場で品質管理を担当",
            "電子部品メーカーで工場の改善を担当",
        ),
        industries=("E",),
        skills=(
            "production-management",
            "quality-control",
            "lean-manufacturing",
            "food-safety",
            "purchasing",
        ),
        themes=("productivity",),
        intro="工場の生産計画と改善活動、品質管理の仕組みづくりを担ってきました",
    ),
)

FREE_SKILLS: tuple[str, ...] = (
    "日本酒の知識",
    "中小企業診断士",
    "簿記2級",
    "ドローン撮影",
    "キャンプ場の運営経験",
    "フードコーディネーター",
    "スキーの指導経験",
    "古民家の改修経験",
    "社会保険労務士",
    "宅地建物取引士",
    "ワインの知識",
    "行政書士",
    "野菜ソムリエ",
    "商工会での勤務経験",
)

MOTIVE_SENTENCES: dict[str, str] = {
    "regional_contribution": "本業で身につけた力を、地域の会社の役に立てたいと考えています。",
    "skill_up": "本業とは違う環境で、経営に近い仕事に挑戦して力を伸ばしたいです。",
    "income": "副業として、無理のない範囲で継続的にお手伝いできればと思っています。",
    "give_back": "育ててもらった地元に、少しでも恩返しがしたいと思っています。",
    "consider_moving": "将来は東北への移住も考えていて、まずは仕事を通じて地域を知りたいです。",
}

TALENT_JOB_YEARS = (3, 5, 8, 10, 12, 15, 20)
TALENT_FEES: tuple[int | None, ...] = (None, 30_000, 30_000, 40_000, 50_000, 50_000, 60_000, 80_000, 50_000)
TALENT_DAYS = (1, 2, 2, 3, 4, 4, 4, 5, 6, 8)


def short_place(name: str) -> str:
    """「弘前市」→「弘前」, 「秋田県」→「秋田」 (for display names); towns and villages keep their suffix."""
    for suffix in ("市", "県", "府", "都"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


# --- Engagements: applications, scouts, messages, contracts, check-ins --------------------------

#: Application messages; ``{title}`` the sheet, ``{job}`` the talent's current job.
APPLICATION_MESSAGES = (
    "「{title}」を拝見しました。{job}として積み上げてきた経験が、そのまま活かせそうだと感じています。"
    "まずはオンラインで、いまの状況を伺えればうれしいです。",
    "{job}の仕事をしています。平日の夜と週末を中心に、月に数日なら無理なく続けられます。"
    "数字を一緒に見ながら、小さく始めて確かめていく進め方が得意です。",
    "募集の背景を読んで、前職で似た立ち上げを経験したことを思い出しました。"
    "最初の三か月で何を変えるか、面談で具体的にご相談させてください。",
    "東北の会社の仕事に本業の外から関わりたいと考えていました。{job}の視点で、"
    "お客様に届く言葉や仕組みを一緒に作れたらと思います。",
)

#: Scout messages ("why we need you"); ``{name}`` the talent's display name, ``{title}`` the sheet.
SCOUT_MESSAGES = (
    "{name}さんのプロフィールを拝見し、これまでのご経験こそ私たちに足りないものだと感じました。"
    "「{title}」について、まずは三十分ほどお話を聞いていただけませんか。",
    "{name}さん、はじめまして。社内だけでは答えが出ない課題があり、外の視点を持つ方を探しています。"
    "「{title}」の仕様書を読んで、関心を持っていただけたらうれしいです。",
    "{name}さんのスキルと関心のあるテーマが、「{title}」で私たちが取り組みたいことにぴったり重なっていました。"
    "月に数日からで構いません。一度ご相談させてください。",
)

#: A short thread: (side, text) with side "company" or "talent".
THREAD = (
    ("company", "ご応募ありがとうございます。来週のどこかで、オンラインで三十分ほどお話しできますか。"),
    ("talent", "ありがとうございます。火曜か木曜の夜八時以降でしたら、いつでも大丈夫です。"),
    ("company", "では木曜の夜八時にお願いします。当日までに、いまの売上の数字を簡単にまとめておきます。"),
    ("talent", "承知しました。事前に拝見できると助かります。楽しみにしています。"),
)

DECLINE_REASONS = (
    "今回は、現地に月二回以上来られる方を優先することにしました。ご応募ありがとうございました。",
    "ほかの方と先に話が進んだため、今回は見送らせてください。またの機会にぜひご相談させてください。",
    "",
)
WITHDRAW_REASONS = ("本業の繁忙期と重なってしまったため、今回は辞退させてください。", "")
SCOUT_DECLINE_REASONS = ("いまは本業に集中したい時期のため、お気持ちだけ頂戴します。", "")

#: Check-in answers: (rating 1–5, on track, comment).
CHECKIN_ANSWERS = (
    (5, True, "月二回の定例で進み具合を確かめられていて、順調です。"),
    (4, True, "最初の一か月は手探りでしたが、役割分担がはっきりしてきました。"),
    (3, True, "予定より少し遅れていますが、来月で取り戻せる見込みです。"),
    (2, False, "打ち合わせの日程がなかなか合わず、作業が止まりがちです。相談させてください。"),
)
EARLY_END_NOTES = (
    "本業の部署異動で時間が取れなくなったため、双方で話し合って区切りをつけました。",
    "会社の方針が変わり、取り組みを一時止めることになりました。",
)
REFERRAL_NOTE = "取引先の紹介で、外部人材の活用を検討し始めた会社です。"
