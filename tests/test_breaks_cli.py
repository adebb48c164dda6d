"""`campaign breaks`: the lines a size would set (the check's notes: tests/stages/banner)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import shipped_specs

from pipeline.build.plan import plan
from pipeline.cli.breaks import breaks_command
from pipeline.spec.load import load_specs
from pipeline.stages import register
from pipeline.stages.banner import STAGE, request_for
from pipeline.text.segment import words


@pytest.fixture(autouse=True)
def banner_stage():
    register(STAGE)


@pytest.fixture(scope="module")
def specs_dir(tmp_path_factory):
    return shipped_specs(tmp_path_factory.mktemp("shipped"), "banner")


def run(*args):
    return CliRunner(mix_stderr=False).invoke(breaks_command, list(args))


def test_prints_the_lines_a_size_sets(specs_dir):
    result = run("Tham gia bảo hiểm xã hội - Đóng góp hôm nay, an tâm tương lai",
                 "--size", "street-5000x1500", "--specs", str(specs_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["THAM GIA BẢO HIỂM XÃ HỘI -",
                                          "ĐÓNG GÓP HÔM NAY, AN TÂM TƯƠNG LAI"]
    assert "street-5000x1500: 2 line(s), cap height" in result.stderr


def test_as_written_keeps_the_case(specs_dir):
    result = run("Bảo hiểm xã hội tỉnh Thừa Thiên Huế", "--size", "flag-600x2000",
                 "--as-written", "--specs", str(specs_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["Bảo hiểm xã hội", "tỉnh", "Thừa Thiên Huế"]


def test_a_term_split_between_its_words_is_noted(specs_dir):
    result = run("Tham gia bảo hiểm xã hội - Đóng góp hôm nay, an tâm tương lai",
                 "--size", "flag-600x2000", "--specs", str(specs_dir))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:3] == ["BẢO HIỂM", "XÃ HỘI -"]
    assert "note: a term is split between its words: HIỂM / XÃ" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--size", "street-5000x80"), "error: unknown size 'street-5000x80'"),
    (("--size", "poster-a3", "--province", "atlantis"), "error: unknown province 'atlantis'"),
])
def test_bad_options_are_one_line_errors(specs_dir, args, message):
    result = run("Lương hưu", *args, "--specs", str(specs_dir))
    assert result.exit_code == 1 and result.stderr.startswith(message)


def test_text_that_cannot_be_set_whole_fails_naming_the_word(specs_dir):
    result = run("Thừa Thiên Huế " * 30, "--size", "flag-600x2000", "--specs", str(specs_dir))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: headline does not fit flag-600x2000")


# -- breaks a Vietnamese reader would accept (issue 26) ----------------------------------

def lines(text: str, size: str, specs_dir) -> list[str]:
    result = CliRunner(mix_stderr=False).invoke(breaks_command, [text, "--size", size,
                                                                 "--specs", str(specs_dir)])
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("text, size, expected", [
    # no syllable alone on a flag's line
    ("Mỗi người dân một thẻ bảo hiểm y tế", "flag-600x2000",
     ["MỖI NGƯỜI DÂN", "MỘT THẺ", "BẢO HIỂM Y TẾ"]),
    # "cùng" opens the phrase it belongs to
    ("Cả nhà cùng an tâm", "flag-600x2000", ["CẢ NHÀ", "CÙNG AN TÂM"]),
    ("Cả nhà cùng an tâm", "poster-a3", ["CẢ NHÀ", "CÙNG AN TÂM"]),
    # of-the-campaign terms stay whole
    ("Chung tay vì an sinh xã hội", "flag-600x2000", ["CHUNG TAY VÌ", "AN SINH XÃ HỘI"]),
    ("Khám bệnh đúng tuyến được hưởng đủ quyền lợi", "flag-600x2000",
     ["KHÁM BỆNH", "ĐÚNG TUYẾN", "ĐƯỢC HƯỞNG", "ĐỦ QUYỀN LỢI"]),
    ("Trao tặng sổ bảo hiểm xã hội cho người dân", "poster-a3",
     ["TRAO TẶNG", "SỔ BẢO HIỂM XÃ HỘI", "CHO NGƯỜI DÂN"]),
])
def test_breaks_fall_between_phrases(text, size, expected, specs_dir):
    assert lines(text, size, specs_dir) == expected


def test_the_noun_của_để_dành_is_never_read_as_the_preposition(specs_dir):
    assert words("Của để dành của người lao động") == ("Của để dành", "của",
                                                       "người lao động")
    for size in ("flag-600x2000", "flag-800x2500", "poster-a3", "street-5000x1500"):
        set_lines = lines("Bảo hiểm xã hội tự nguyện - Của để dành của người lao động",
                          size, specs_dir)
        assert not any(line.endswith("CỦA") and following.startswith("ĐỂ DÀNH")
                       for line, following in zip(set_lines, set_lines[1:])), set_lines
        assert not any(line == "CỦA" for line in set_lines), set_lines


def test_a_flag_may_have_a_shorter_line_of_its_own(tmp_path):
    specs = shipped_specs(tmp_path, "banner")
    (specs / "banners" / "family.yaml").write_text(
        "kind: banner\nid: family\nupper: true\nlocalize: none\n"
        "sizes: [flag-600x2000, street-5000x800]\n"
        'text:\n  vi: "Tham gia bảo hiểm y tế hộ gia đình - Cả nhà cùng an tâm"\n'
        '  flag: {vi: "Cả nhà cùng an tâm"}\n', encoding="utf-8")
    loaded = load_specs(specs)
    jobs = {job.size_name: job for job in plan(loaded) if job.product.id == "family"}
    assert request_for(jobs["flag-600x2000"]).headline == "Cả nhà cùng an tâm"
    assert request_for(jobs["street-5000x800"]).headline.startswith("Tham gia")


def test_a_size_family_text_is_checked_like_the_text(tmp_path):
    from pipeline.errors import SpecErrors

    specs = shipped_specs(tmp_path, "banner")
    (specs / "banners" / "family.yaml").write_text(
        "kind: banner\nid: family\nlocalize: none\nsizes: [flag-600x2000]\n"
        'text:\n  vi: "Chung tay"\n  flag: {fr: "Ensemble"}\n', encoding="utf-8")
    with pytest.raises(SpecErrors) as caught:
        load_specs(specs)
    assert "text.flag.fr: unknown language" in str(caught.value.problems[0])


def test_a_caption_cue_never_ends_inside_đúng_tuyến():
    from pipeline.text.typeset import units

    assert "đúng tuyến" in units("Khám chữa bệnh đúng tuyến được hưởng đủ quyền lợi").texts
