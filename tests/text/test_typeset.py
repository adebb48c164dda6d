"""The one typesetter: breaks between words only, phrase and punctuation preferences,
balanced widths, no lone last syllable, and lines that always rejoin to the text."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.media.fonts import font_metrics, resolve_font
from pipeline.text.segment import Gap, gaps
from pipeline.text.typeset import Units, balanced_breaks, fit_text, units, widest_word, wrap


@pytest.fixture(scope="module")
def display():
    return font_metrics(resolve_font("Be Vietnam Pro ExtraBold").path)


def breaks(text, metrics, count, allow=Gap.WORD):
    para = units(text)
    return balanced_breaks(para, [metrics.advance_em(t) for t in para.texts],
                           metrics.advance_em(" "), count, allow)


def inside_word(lines) -> list[str]:
    """Line boundaries that fall between two syllables of one word."""
    bad = []
    for upper, lower in zip(lines, lines[1:]):
        before, after = upper.split(), lower.split()
        if gaps(tuple(before + after))[len(before) - 1] == Gap.INSIDE:
            bad.append(f"{before[-1]} / {after[0]}")
    return bad


def test_units_keep_words_and_attach_dashes():
    para = units("Tham gia bảo hiểm xã hội - Đóng góp hôm nay")
    assert para.texts == ("Tham gia", "bảo hiểm", "xã hội -", "Đóng góp", "hôm nay")
    assert para.gaps == (Gap.WORD, Gap.COMPOUND, Gap.PUNCT, Gap.WORD)
    assert para.syllables == (2, 2, 3, 2, 2)


def test_never_breaks_inside_a_word(display):
    # The old breaker set "Tham gia bảo hiểm / xã hội tự nguyện" (a term split in two).
    assert breaks("Tham gia bảo hiểm xã hội tự nguyện", display, 2) == (
        "Tham gia bảo hiểm xã hội", "tự nguyện")


def test_a_compound_term_splits_between_its_words_only_when_asked(display):
    assert breaks("bảo hiểm xã hội", display, 2) == ("bảo hiểm xã hội",)
    assert breaks("bảo hiểm xã hội", display, 2, Gap.COMPOUND) == ("bảo hiểm", "xã hội")


def test_prefers_punctuation_to_an_even_split(display):
    assert breaks("Bảo hiểm xã hội - An sinh cho mọi nhà", display, 2) == (
        "Bảo hiểm xã hội -", "An sinh cho mọi nhà")
    assert breaks("đóng góp hôm nay, an tâm tương lai", display, 2) == (
        "đóng góp hôm nay,", "an tâm tương lai")


def test_a_phrase_start_wins_a_tie_but_not_much_smaller_type():
    tie = Units(("x", "y", "z"), (Gap.WORD, Gap.PHRASE), (2, 2, 2))
    assert balanced_breaks(tie, [10, 0.2, 10], 1, 2) == ("x y", "z")
    assert balanced_breaks(tie, [10, 3, 6], 1, 2) == ("x", "y z")    # not 14 wide for 10


def test_no_lone_syllable_on_the_last_line(display):
    lines = breaks("ĐỒNG HÀNH CÙNG BẢO HIỂM XÃ HỘI VÌ CUỘC SỐNG CHẤT LƯỢNG HƠN", display, 4)
    assert len(lines[-1].split()) > 1


def test_balanced_breaks_prefers_narrowest_widest_line():
    para = units("aaaa b c dddd")
    assert balanced_breaks(para, [4, 1, 1, 4], 1, 2) == ("aaaa b", "c dddd")


def test_fit_text_is_largest_with_whole_words(display):
    block = fit_text("KHÔNG NGỪNG HOÀN THIỆN CHÍNH SÁCH BHXH VÌ CUỘC SỐNG TỐT ĐẸP HƠN",
                     display, 100.0, 200.0, 1000.0, 10)
    assert inside_word(block.lines) == []
    assert max(block.widths_em) * block.em == pytest.approx(100.0) or \
        block.height == pytest.approx(200.0)


def test_widest_word_names_what_could_not_be_split(display):
    assert widest_word(("NGƯỜI LAO ĐỘNG", "VÌ"), display) == "NGƯỜI LAO ĐỘNG"
    assert widest_word(("BHXH VÀ BHYT", "VÌ"), display) is None


def test_wrap_fills_the_fewest_lines_evenly():
    # greedy: "người tham gia" / "bảo hiểm xã hội năm" / "2023"; the same count, evened out
    lines = wrap("người tham gia bảo hiểm xã hội năm 2023", len, 20)
    assert lines == ("người tham gia", "bảo hiểm xã hội", "năm 2023")
    assert wrap("a\nb c", len, 10) == ("a", "b c")


SYLLABLES = ["bảo", "hiểm", "xã", "hội", "y", "tế", "lương", "hưu", "người", "lao", "động",
             "và", "cho", "an", "sinh", "BHXH", "-", "1900", "9068", "khó", "khăn", "ĐỂ",
             "DÀNH", "hoà", "uỷ"]
text_strategy = st.lists(st.sampled_from(SYLLABLES + ["tự,", "nguyện;"]), min_size=1,
                         max_size=14).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=text_strategy, count=st.integers(1, 6),
       nfd=st.booleans(), allow=st.sampled_from([Gap.WORD, Gap.COMPOUND]))
def test_set_lines_rejoin_to_the_text(display, text, count, nfd, allow):
    if nfd:
        text = unicodedata.normalize("NFD", text)
    lines = breaks(text, display, count, allow)
    assert " ".join(lines) == text
    assert 1 <= len(lines) <= count
    assert inside_word(lines) == []


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(text_strategy, min_size=1, max_size=3),
       width=st.floats(2.0, 40.0))
def test_fitted_and_wrapped_lines_rejoin_paragraph_by_paragraph(display, paragraphs, width):
    text = "\n".join(paragraphs)
    block = fit_text(text, display, width, None, 5.0, 10)
    assert " ".join(block.lines) == " ".join(text.split())
    wrapped = wrap(text, lambda s: display.advance_em(s), width / 3)
    assert " ".join(wrapped) == " ".join(text.split())
    if len(paragraphs) == 1:       # "\n" is the writer's break, wherever it falls
        assert inside_word(block.lines) == [] and inside_word(wrapped) == []


@settings(max_examples=100, deadline=None)
@given(text=text_strategy)
def test_bound_text_reads_the_same_and_glues_only_words(text):
    from pipeline.text.segment import NO_BREAK_SPACE, bind

    bound = bind(text)
    assert bound.replace(NO_BREAK_SPACE, " ") == text
    assert inside_word(bound.split(" ")) == []        # a wrapper breaking at spaces keeps words
