"""The desk in Vietnamese (issue 26): facts in Vietnamese words and number format,
products by their slogans, the campaign's name on every page."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from pipeline.desk import words
from pipeline.desk.cards import Card, facts_of, role_label, size_label
from pipeline.spec.load import load_specs

TEMPLATES = Path(__file__).resolve().parents[2] / "pipeline" / "desk" / "templates"

BANNER_MEDIA = {"width_mm": 600, "height_mm": 2000, "cap_height_mm": 45.45,
                "min_cap_height_mm": 40.0, "contrast_ratio": {"headline": 5.88},
                "legibility": {"min_cap_height": "40.0 mm cap height (5 mm per m at 8 m)"}}


def test_a_banners_facts_are_vietnamese_words_and_numbers():
    assert facts_of(BANNER_MEDIA) == (
        "Kích thước 0,6 x 2 m", "Chữ hoa cao 45,5 mm", "Tương phản ≥ 5,9:1",
        "Chữ hoa tối thiểu 40 mm (5 mm cho mỗi mét, xem từ 8 m)")
    assert facts_of({"duration_s": 28.852, "integrated_lufs": -16.04}) == (
        "Thời lượng 28,9 giây", "Độ lớn -16 LUFS")


def test_files_and_times_are_named_as_a_province_writes_them():
    assert role_label("preview-1") == "Ảnh xem trước trang 1"
    assert size_label(2_345_678) == "2,3 MB" and size_label(12_345) == "12 kB"
    assert words.when("2026-12-07T11:30:05+00:00") == "07/12/2026 11:30"
    assert words.variant("flag-600x2000", "vi").endswith("· tiếng Việt")
    assert words.upload_status("refused") == "không dùng được"
    assert words.variant("custom-2500x700-v10m", "vi") == "Khổ riêng 2,5 x 0,7 m · tiếng Việt"
    assert facts_of({"width_mm": 70, "height_mm": 70, "raster_px": [1080, 1080]},
                    screen=True)[0] == "Kích thước 1.080 x 1.080 px"


def test_products_are_shown_by_their_slogans_with_the_campaign_name(project, builtin_stages):
    project.write("specs/banners/b.yaml", 'kind: banner\nid: contribute-today\n'
                  'text: {vi: "Đóng góp hôm nay, an tâm tương lai", en: "Contribute today"}\n'
                  "sizes: [flag-600x2000]\nlanguages: [vi, en]\n")
    specs = load_specs(project.specs)
    said = words.slogans(specs)
    assert said["contribute-today", "vi"] == "Đóng góp hôm nay, an tâm tương lai"
    assert said["contribute-today", "en"] == "Contribute today"
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    env.filters.update(role=role_label, bytes=size_label)
    env.globals.update(campaign_title=specs.campaign.title["vi"],
                       slogan=lambda product, lang="vi": said[product, lang])
    card = Card("banner/contribute-today/flag-600x2000/vi", words.variant("flag-600x2000",
                                                                          "vi"),
                None, None, facts_of(BANNER_MEDIA), (), None, "contribute-today", "vi")
    html = env.get_template("card.html").render(card=card)
    assert "<h3>Đóng góp hôm nay, an tâm tương lai</h3>" in html
    assert "contribute-today" not in html.replace('id="card-banner-contribute-today', "")
    page = env.get_template("signed_out.html").render()
    assert "Tháng thử nghiệm" in page          # the campaign's title, in the header
