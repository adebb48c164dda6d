"""`campaign breaks`: the lines a size would set (the check's notes: tests/stages/banner)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import shipped_specs

from pipeline.cli.breaks import breaks_command
from pipeline.stages import register
from pipeline.stages.banner import STAGE


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
