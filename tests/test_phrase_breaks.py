"""Line breaks a Vietnamese reader would accept (issue 26): set by the banner layout
itself through `campaign breaks`, with the shipped campaign's word lists."""
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
