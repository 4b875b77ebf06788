"""Properties of the normaliser that hold for any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.skills import normalize, search_terms, search_text

# Characters people type into skill and posting fields, full- and half-width, plus the tricky ones.
TYPED = st.text(
    alphabet=st.sampled_from(
        list(
            "あいうえおかきくけこさしすせそたちつてとなにぬねのまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽぁぃぅぇぉっゃゅょゔー"
        )
        + list(
            "アイウエオカキクケコサシスセソタチツテトナニヌネノマミムメモヤユヨラリルレロワヲンガギグゲゴパピプペポァィゥェォッャュョヴヵヶ"
        )
        + list("ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝﾞﾟｰ･")
        + list("abcdefgxyzABCDEFGXYZｗｅｂＷＥＢ0123456789０１２３")
        + list("人事広報営業戦略商品開発新規事業財務観光地域誰何歓迎経験未")
        + list(" 　・/／-－―‐~〜、。,.!！?？()（）「」+#&\n\t\u200b")
    ),
    max_size=40,
)
ANY_TEXT = st.text(max_size=40)


@settings(deadline=None, max_examples=300)
@given(TYPED)
def test_normalize_is_idempotent_on_typed_text(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(deadline=None, max_examples=200)
@given(ANY_TEXT)
def test_normalize_is_idempotent_on_any_unicode(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(deadline=None, max_examples=200)
@given(TYPED)
def test_normal_form_has_single_spaces_and_no_edges(text):
    once = normalize(text)
    assert once == once.strip()
    assert "  " not in once
    assert "\n" not in once


@settings(deadline=None, max_examples=200)
@given(TYPED)
def test_a_text_is_found_by_its_own_search_terms(text):
    row = search_text(text)
    assert all(term in row for term in search_terms(text))
