"""The banner stage through the spine: spec checks, builds, manifest facts, shipped specs."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import shipped_specs

from pipeline.build.plan import Selection, plan
from pipeline.build.run import build
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs
from pipeline.stages import register
from pipeline.stages.banner import STAGE
from pipeline.store.manifest import Manifest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def banner_stage():
    register(STAGE)


def banner(project, text='{vi: "Đóng góp hôm nay, an tâm tương lai"}', extra=""):
    project.write("specs/banners/b.yaml", f"kind: banner\nid: b\ntext: {text}\nupper: true\n"
                                          "sizes: [street-10000x2000, social-1080x1080]\n"
                                          "localize: [quang-ninh, ha-noi]\n" + extra)


def test_a_glyph_the_font_lacks_is_a_spec_problem(project):
    banner(project, text='{vi: "Bảo hiểm ☂ xã hội"}')
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    assert [str(p) for p in info.value.problems] == [
        "specs/banners/b.yaml:3:7: text.vi: the font Be Vietnam Pro ExtraBold has no glyph "
        "for '☂' (U+2602)"]


def test_a_listed_language_without_text_is_a_spec_problem(project):
    banner(project, extra="languages: [vi, en]\n")
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    assert [str(p) for p in info.value.problems] == [
        "specs/banners/b.yaml:3:7: text: no 'en' text, but languages lists en"]


def test_a_localized_build_records_print_facts_and_the_office_line(project):
    banner(project)
    specs = load_specs(project.specs)
    report = build(specs, plan(specs), project.out)
    assert report.failed == [] and len(report.built) == 4
    entries = {e.path: e for e in Manifest.load(project.out)}
    pdf_entry = entries["banners/quang-ninh/b_street-10000x2000_vi.pdf"]
    media = pdf_entry.media
    assert media["user_unit"] == 2 and media["width_mm"] == 10000
    assert media["page_pt"] == pytest.approx([(10000 + 60) / 25.4 * 72 / 2,
                                              (2000 + 60) / 25.4 * 72 / 2], abs=0.01)
    assert media["cap_height_mm"] >= 150 and media["hotline_cap_height_mm"] >= 150
    assert media["contrast_ratio"]["headline"] == pytest.approx(5.88, abs=0.01)
    assert media["font"] == {"name": "Be Vietnam Pro ExtraBold", "version": "1.002"}
    assert media["headline_lines"] == ["ĐÓNG GÓP HÔM NAY, AN TÂM TƯƠNG LAI"]
    assert pdf_entry.inputs["files"].keys() == {
        "fontpkg_be_vietnam_pro/files/BeVietnamPro-ExtraBold.ttf",
        "fontpkg_be_vietnam_pro/files/BeVietnamPro-Medium.ttf",
        # the word lists that decide the line breaks (the pipeline's own: the test
        # project has none, so they are named by file), and the output profile PDF/X embeds
        "vi-words.txt", "words.csv", "FOGRA39L-300.icc"}
    roles = sorted(e.role for e in entries.values() if e.province == "ha-noi")
    assert roles == ["preview", "preview", "print", "raster", "thumb", "thumb"]
    text = _pdf_text(project.out / "banners/quang-ninh/b_street-10000x2000_vi.pdf")
    assert "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH" in text and "0203 000 0001" in text
    text = _pdf_text(project.out / "banners/ha-noi/b_street-10000x2000_vi.pdf")
    assert "BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI" in text and "1900 9068" in text


def _pdf_text(path: Path) -> str:
    page = pdfium.PdfDocument(path.read_bytes())[0]
    return page.get_textpage().get_text_range()


def test_text_that_cannot_fit_fails_that_asset_only(project):
    long = " ".join(["Tham gia bảo hiểm xã hội tự nguyện"] * 8)
    banner(project, text=f'{{vi: "{long}"}}')
    specs = load_specs(project.specs)
    report = build(specs, plan(specs, Selection(sizes=("street-10000x2000",))), project.out)
    assert report.built == []
    job_id, reason = report.failed[0]
    assert job_id == "banner/b/street-10000x2000/vi/ha-noi"
    assert reason.startswith("b: headline does not fit street-10000x2000 at the legibility "
                             "minimum of 150.0 mm cap height (5 mm per m at 30 m)")


@pytest.fixture(scope="module")
def shipped_banners(tmp_path_factory) -> Path:
    return shipped_specs(tmp_path_factory.mktemp("shipped"), "banner")


@pytest.mark.parametrize("province", ["ba-ria-vung-tau", "ho-chi-minh"])
def test_every_shipped_banner_renders_for_the_longest_province_names(shipped_banners,
                                                                     province):
    specs = load_specs(shipped_banners)
    jobs = plan(specs, Selection(kinds=("banner",), provinces=(province,)))
    assert len(jobs) >= 12 * 5
    for job in jobs:
        rendered = STAGE.render_job(job)
        assert {f.role for f in rendered.files} >= {"preview", "thumb"}


def test_a_print_raster_can_be_asked_for_one_size_only(project):
    banner(project, extra="raster: [street-10000x2000]\n")
    specs = load_specs(project.specs)
    build(specs, plan(specs, Selection(provinces=("ha-noi",))), project.out)
    rasters = {e.size: e.media for e in Manifest.load(project.out)
               if e.role == "raster"}
    assert set(rasters) == {"street-10000x2000", "social-1080x1080"}
    assert rasters["street-10000x2000"]["dpi"] == 30
    assert rasters["street-10000x2000"]["raster_px"] == [round(10060 / 25.4 * 30),
                                                         round(2060 / 25.4 * 30)]


def test_an_unknown_size_in_the_raster_list_is_a_spec_problem(project):
    banner(project, extra="raster: [street-10000x200]\n")
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    assert [str(p) for p in info.value.problems] == [
        "specs/banners/b.yaml:7:10: raster[0]: unknown name 'street-10000x200'; did you mean "
        "'street-10000x2000' or 'street-5000x800' or 'street-4000x800'? (campaign sizes "
        "lists them)"]
