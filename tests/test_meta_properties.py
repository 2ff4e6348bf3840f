"""Properties of ``Meta`` on any input: every value read from the text slices back to it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replyparse

# Pieces that steer the layout: header keys, 文号, class and disclosure marks, salutations,
# dates, headings, furniture, closing and organ names.
_PIECES = st.sampled_from(
    [*"网友“”代表委员：:（）()一二三、.1234567890年月日〇号届次会议第政协人大—-页共\n\u3000 ",
     "联系人：", "联系电话：", "抄送：", "附件：", "发文字号：", "辽发改函〔2021〕123号", "A类",
       "主动公开", "签发人：", "作者：", "发布时间：", "2021年5月28日", "二〇二一年五月二十八日",
       "何金箭代表：", "张三等5名代表：", "一、", "（一）", "1.", "在资金方面：", "\n— 3 —\n",
       "感谢您对", "此复", "辽宁省财政厅", "《关于…的建议》", "省十三届人大五次会议",
       "第经济发展类289号提案的答复", "(A类12号)提案答复的函",
       "\n办公室\u3000\u30002021年5月28日印发", "印发"]
)
_TEXT = st.lists(_PIECES, max_size=80).map("".join)
_SLICED = ("addressee", "addressee_role", "responder", "author", "source", "issuer",
           "index_number", "printer")
# Read from the title lines joined without their breaks (a wrapped 《…》): equal but for white
# space, like the title.
_JOINED = ("title", "proposal_title", "proposal_class", "reply_kind")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_TEXT)
def test_meta_values_slice_the_text(text: str) -> None:
    letter = replyparse.parse(text)
    meta = letter.meta
    assert not [w for w in letter.warnings if w.startswith("internal error")]
    for name in _SLICED:
        value = getattr(meta, name)
        if value is not None:
            start, end = meta.spans[name]
            assert text[start:end] == value, name
    if meta.doc_number is not None:
        start, end = meta.doc_number.span
        assert text[start:end] == meta.doc_number.text
    for contact in meta.contacts:
        assert text[contact.span[0] : contact.span[1]] == contact.text
    for name in _JOINED:
        value = getattr(meta, name)
        if value is not None:
            start, end = meta.spans[name]
            assert "".join(text[start:end].split()) == "".join(value.split()), name
