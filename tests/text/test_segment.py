"""The Vietnamese word segmenter: which syllables form a word, and the gaps between them."""
import unicodedata

import pytest

from pipeline.text.segment import (
    Gap,
    LexiconError,
    bind,
    default_lexicon,
    gaps,
    load_lexicon,
    syllable_key,
    words,
)
from pipeline.text.vietnamese import upper_vi


@pytest.mark.parametrize("text, expected", [
    ("Tham gia bảo hiểm xã hội", ("Tham gia", "bảo hiểm xã hội")),
    ("Đóng góp hôm nay, an tâm tương lai", ("Đóng góp", "hôm nay,", "an tâm", "tương lai")),
    # "của để dành" (savings) is a noun, not the preposition của (issue 26)
    ("Của để dành của người lao động", ("Của để dành", "của", "người lao động")),
    ("vì cuộc sống tốt đẹp hơn", ("vì", "cuộc sống", "tốt đẹp", "hơn")),
    ("giảm bớt khó khăn tài chính khi gặp rủi ro",
     ("giảm bớt", "khó khăn", "tài chính", "khi", "gặp", "rủi ro")),
    ("Trách nhiệm của cấp ủy, chính quyền", ("Trách nhiệm", "của", "cấp ủy,", "chính quyền")),
    # abbreviations are words of their own
    ("BHXH, BHYT toàn dân", ("BHXH,", "BHYT", "toàn dân")),
    ("chính sách BHXH", ("chính sách", "BHXH")),
    # a phone number is one word; province names are in the campaign lexicon
    ("Đường dây nóng 1900 9068", ("Đường dây nóng", "1900 9068")),
    ("tỉnh Bà Rịa - Vũng Tàu", ("tỉnh", "Bà Rịa", "-", "Vũng Tàu")),
    ("Thừa Thiên Huế", ("Thừa Thiên Huế",)),
])
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("form", [upper_vi, lambda s: unicodedata.normalize("NFD", s),
                                  lambda s: upper_vi(unicodedata.normalize("NFD", s))])
def test_capitals_and_nfd_segment_alike(form):
    text = "Tham gia bảo hiểm xã hội - Đóng góp hôm nay, an tâm tương lai"
    assert [len(w.split()) for w in words(form(text))] == [len(w.split()) for w in words(text)]


def test_tone_placement_does_not_matter():
    # old style (hoà, uỷ) and new style (hòa, ủy) are one word in either list
    assert syllable_key("hoà") == syllable_key("hòa") == syllable_key("HÒA")
    assert words("Đảng uỷ") == ("Đảng uỷ",) and words("ĐẢNG ỦY") == ("ĐẢNG ỦY",)
    assert len(words("lan toả")) == len(words("lan tỏa")) == 1


def test_a_word_never_runs_past_punctuation():
    # "xã hội" is a word, but not across the comma
    assert words("xã, hội") == ("xã,", "hội")


@pytest.mark.parametrize("text, expected", [
    ("bảo hiểm xã hội", [Gap.INSIDE, Gap.COMPOUND, Gap.INSIDE]),
    ("người lao động", [Gap.COMPOUND, Gap.INSIDE]),
    ("an sinh, cho mọi nhà", [Gap.INSIDE, Gap.PUNCT, Gap.WORD, Gap.INSIDE]),
    ("lương hưu và BHYT", [Gap.INSIDE, Gap.PHRASE, Gap.WORD]),
    ("hôm nay - an tâm", [Gap.INSIDE, Gap.WORD, Gap.PUNCT, Gap.INSIDE]),
])
def test_gaps(text, expected):
    assert list(gaps(tuple(text.split()))) == expected


def test_bind_glues_syllables_with_no_break_spaces():
    assert bind("Tham gia bảo hiểm xã hội - gọi 1900 9068") == (
        "Tham\xa0gia bảo\xa0hiểm xã\xa0hội\xa0- gọi 1900\xa09068")


def test_a_designer_extends_the_campaign_lexicon(tmp_path):
    words_csv = tmp_path / "words.csv"
    words_csv.write_text("word,note\nmùa vận động,campaign season\n", encoding="utf-8")
    lexicon = load_lexicon(campaign=words_csv)
    assert words("mùa vận động", lexicon) == ("mùa vận động",)
    assert words("mùa vận động") == ("mùa", "vận động")          # not in the shipped lists


@pytest.mark.parametrize("rows, message", [
    ("word,note\nlương,one syllable\n", "words.csv:2: word: 'lương' must have 2 to 5"),
    ("term,note\nlương hưu,\n", "words.csv:1: the header must start with 'word'"),
])
def test_a_bad_campaign_lexicon_row_names_file_and_line(tmp_path, rows, message):
    words_csv = tmp_path / "words.csv"
    words_csv.write_text(rows, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(campaign=words_csv)


def test_the_shipped_lexicon_has_the_campaign_terms():
    lexicon = default_lexicon()
    for term in ("bảo hiểm xã hội", "bảo hiểm y tế", "lương hưu", "đảng ủy", "an sinh",
                 "người lao động", "hộ gia đình", "khó khăn", "cuộc sống"):
        assert tuple(syllable_key(s) for s in term.split()) in lexicon, term


def test_a_campaign_lexicon_that_is_not_utf8_is_named(tmp_path):
    words_csv = tmp_path / "words.csv"
    words_csv.write_bytes("word,note\nl\u01b0\u01a1ng h\u01b0u,\n".encode("utf-16"))
    with pytest.raises(LexiconError, match="words.csv:1: not UTF-8"):
        load_lexicon(campaign=words_csv)


def test_line_splits_finds_words_and_terms_split_across_lines():
    from pipeline.text.segment import Gap, line_splits

    assert line_splits(("BẢO HIỂM XÃ", "HỘI")) == ["XÃ / HỘI"]
    assert line_splits(("BẢO HIỂM", "XÃ HỘI")) == []
    assert line_splits(("BẢO HIỂM", "XÃ HỘI"), Gap.COMPOUND) == ["HIỂM / XÃ"]
    assert line_splits(("ĐÓNG GÓP HÔM NAY,", "AN TÂM"), Gap.COMPOUND) == []
