"""Line breaks of the twelve campaign messages at every banner size: never inside a word,
at the phrase where widths allow, alike for capitals, NFD input and abbreviations; a build
whose manifest lines never split a word; and what `campaign check` notes of the breaks."""
from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
import yaml
from helpers import shipped_specs

from pipeline.build.plan import Job, Selection, plan
from pipeline.build.run import build
from pipeline.catalog.sizes import SIZES
from pipeline.spec.load import load_specs
from pipeline.stages import Note, Unfit, register
from pipeline.stages.banner import STAGE, request_for
from pipeline.stages.banner.breaks import preflight, term_splits
from pipeline.stages.banner.render import layout_for
from pipeline.store.manifest import Manifest
from pipeline.text.segment import LexiconError, line_splits
from pipeline.text.vietnamese import upper_vi

ROOT = Path(__file__).resolve().parents[3]
# The twelve campaign messages; the outreach kit sets the theme (test_templates.py).
MESSAGES = sorted(p.stem for p in (ROOT / "specs/banners").glob("*.yaml")
                  if p.stem != "outreach-kit")
BANNER_SIZES = sorted({size for stem in MESSAGES for size in
                       yaml.safe_load((ROOT / f"specs/banners/{stem}.yaml").read_text(
                           encoding="utf-8"))["sizes"]})


@pytest.fixture(autouse=True)
def banner_stage():
    register(STAGE)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    register(STAGE)
    return load_specs(shipped_specs(tmp_path_factory.mktemp("shipped"), "banner"))


def national_request(specs, product_id: str, size: str):
    product = next(p for p in specs.products if p.id == product_id)
    return request_for(Job(specs.campaign, product, SIZES[size], "vi", None))


def split_words(lines) -> list[str]:
    """Line boundaries that fall between two syllables of one word of the lexicon."""
    return line_splits(lines)


def headline(layout) -> tuple[str, ...]:
    return tuple(line.text for line in layout.role_lines("headline"))


def test_every_message_and_size_is_covered():
    assert len(MESSAGES) == 12 and len(BANNER_SIZES) >= 9


@pytest.mark.parametrize("size", BANNER_SIZES)
@pytest.mark.parametrize("product_id", MESSAGES)
def test_no_word_is_split_and_nfd_sets_alike(shipped, product_id, size):
    req = national_request(shipped, product_id, size)
    assert req.upper                                        # the campaign sets capitals
    layout = layout_for(req)
    lines = headline(layout)
    assert " ".join(lines) == " ".join(upper_vi(req.headline).split())
    for role in ("headline", "kicker"):
        assert split_words([line.text for line in layout.role_lines(role)]) == [], role
    decomposed = dataclasses.replace(req, headline=unicodedata.normalize("NFD", req.headline))
    assert headline(layout_for(decomposed)) == lines
    as_capitals = dataclasses.replace(req, headline=upper_vi(req.headline), upper=False)
    assert headline(layout_for(as_capitals)) == lines


@pytest.mark.parametrize("product_id, size, expected", [
    # after the dash and the comma, not "... XÃ / HỘI"
    ("contribute-today", "street-5000x1500",
     ("THAM GIA BẢO HIỂM XÃ HỘI -", "ĐÓNG GÓP HÔM NAY, AN TÂM TƯƠNG LAI")),
    # before "vì", the phrase boundary
    ("partner-for-quality-life", "street-5000x1500",
     ("ĐỒNG HÀNH CÙNG BẢO HIỂM XÃ HỘI", "VÌ CUỘC SỐNG CHẤT LƯỢNG HƠN")),
    # the An Giang poster: "KHÔNG / NGỪNG HOÀN / THIỆN CHÍNH / SÁCH BHXH VÌ / ..."
    ("better-life-for-all", "poster-a3",
     ("KHÔNG NGỪNG", "HOÀN THIỆN", "CHÍNH SÁCH", "BHXH VÌ", "CUỘC SỐNG", "TỐT ĐẸP HƠN")),
    # abbreviations are words
    ("keep-your-pension", "street-5000x1500",
     ("NHẬN BHXH MỘT LẦN LÀ MẤT CƠ HỘI", "HƯỞNG LƯƠNG HƯU VÀ BHYT KHI VỀ GIÀ")),
    ("universal-coverage-duty", "poster-a3",
     ("BHXH, BHYT", "TOÀN DÂN -", "TRÁCH NHIỆM", "CỦA CẤP ỦY,", "CHÍNH QUYỀN",
      "VÀ TOÀN XÃ HỘI")),
    # "để dành" (to save) is a word, so no phrase break before its "để"
    ("workers-savings", "street-6000x1500",
     ("BẢO HIỂM XÃ HỘI TỰ NGUYỆN -", "CỦA ĐỂ DÀNH CỦA NGƯỜI LAO ĐỘNG")),
    # a narrow flag: "bảo hiểm xã hội" splits between its two words, never inside one
    ("contribute-today", "flag-600x2000",
     ("THAM GIA", "BẢO HIỂM", "XÃ HỘI -", "ĐÓNG GÓP", "HÔM NAY,", "AN TÂM", "TƯƠNG LAI")),
])
def test_break_choices(shipped, product_id, size, expected):
    assert headline(layout_for(national_request(shipped, product_id, size))) == expected


def test_a_word_too_wide_for_the_minimum_fails_naming_it(make_request):
    from pipeline.stages.banner.layout import BannerError

    req = make_request("flag-600x2000", headline="Thừa Thiên Huế", upper=True, kicker="",
                       footer=())
    wide = dataclasses.replace(req, size=dataclasses.replace(SIZES["flag-600x2000"],
                                                             viewing_distance_m=30))
    with pytest.raises(BannerError) as err:
        layout_for(wide)
    assert 'without splitting the word "THỪA THIÊN HUẾ"' in str(err.value)
    assert "\n" not in str(err.value)


def test_a_build_records_lines_that_never_split_a_word(shipped, tmp_path):
    jobs = plan(shipped, Selection(kinds=("banner",), provinces=("ba-ria-vung-tau", "ha-noi"),
                                   sizes=("flag-600x2000", "poster-a3", "street-5000x1500"),
                                   langs=("vi",)))
    report = build(shipped, jobs, tmp_path / "out")
    assert report.failed == []
    checked = 0
    for entry in Manifest.load(tmp_path / "out"):
        media = entry.media
        assert {"headline_lines", "kicker_lines", "footer_lines"} <= media.keys()
        for field, lines in media.items():
            if field.endswith("_lines"):
                assert split_words(lines) == [], (entry.path, field, lines)
                checked += 1
    assert checked >= 3 * 12 * 3 * 2
    assert any("BÀ RỊA - VŨNG TÀU" in " ".join(e.media["footer_lines"])
               for e in Manifest.load(tmp_path / "out"))


def test_term_splits():
    assert term_splits(("THAM GIA BẢO HIỂM", "XÃ HỘI")) == ["HIỂM / XÃ"]
    assert term_splits(("THAM GIA", "BẢO HIỂM XÃ HỘI")) == []


def test_check_notes_term_splits_per_product_and_size(shipped):
    jobs = plan(shipped, Selection(kinds=("banner",), products=("contribute-today",)))
    found = preflight(jobs)
    notes = [str(n) for n in found if isinstance(n, Note)]
    assert not [u for u in found if isinstance(u, Unfit)]
    assert any(line.startswith("note: specs/banners/contribute-today.yaml:") and
               line.endswith(": contribute-today flag-600x2000 (vi): the headline splits a "
                             "term between its words: HIỂM / XÃ") for line in notes)
    assert not any("street-" in line for line in notes)     # wide banners set it whole
    assert all("\n" not in line for line in notes)


def test_check_notes_a_word_that_cannot_be_set_whole_and_refuses_the_size(shipped):
    product = next(p for p in shipped.products if p.id == "contribute-today")
    product = dataclasses.replace(product, body=dataclasses.replace(
        product.body, text={"vi": "Thừa Thiên Huế"}))
    far = dataclasses.replace(SIZES["flag-600x2000"], viewing_distance_m=10)
    unfit, note = preflight([Job(shipped.campaign, product, far, "vi", None)])
    assert isinstance(unfit, Unfit) and unfit.size_name == "flag-600x2000"
    assert unfit.message.startswith("flag-600x2000 (vi, toàn quốc): headline does not fit")
    assert isinstance(note, Note) and str(note.where) == str(product.source)
    assert note.message.startswith("contribute-today flag-600x2000 (vi): ")
    assert 'without splitting the word "THỪA THIÊN HUẾ"' in note.message


def test_a_word_list_that_cannot_be_read_is_the_one_problem(shipped, monkeypatch):
    def broken():
        raise LexiconError("assets/lexicon/words.csv:2: word: 'lương' must have 2 to 5 "
                           "syllables (one syllable is always whole)")
    monkeypatch.setattr("pipeline.stages.banner.breaks.default_lexicon", broken)
    jobs = plan(shipped, Selection(kinds=("banner",), products=("contribute-today",)))
    found = preflight(jobs)
    assert all(isinstance(f, Unfit) for f in found)   # every banner would fail to lay out
    assert [str(f) for f in found] == [
        "assets/lexicon/words.csv:2: word: 'lương' must have 2 to 5 syllables (one "
        "syllable is always whole)"]
