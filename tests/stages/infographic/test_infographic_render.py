"""Given a small spec per chart kind, when rendered, then the real outputs are right:
exact pixels, brand band colours, text as text in the SVG with Vietnamese numbers,
embedded fonts in the PDF, alt text with the figures, identical bytes twice over."""
from __future__ import annotations

import dataclasses
import io
import re

import pytest
from PIL import Image

from pipeline.stages import StageError
from pipeline.stages.infographic import STAGE

RED, YELLOW = (0xC8, 0x10, 0x2E), (0xFF, 0xD4, 0x00)
KINDS = ("bars", "line", "donut", "big-number", "pictogram", "compare")


def outputs(rendered, key):
    job, result = rendered[key]
    return job, result, {f.suffix: f.data for f in result.files}


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def svg_texts(svg: bytes) -> list[str]:
    """The text of every <text> element, as a reader of the SVG would find it."""
    import html

    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>",
                                                 svg.decode("utf-8"))]


def close(pixel, colour, tolerance=3) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


@pytest.mark.parametrize("kind", KINDS)
def test_png_has_the_exact_size_and_the_brand_band(rendered, kind):
    _, result, files = outputs(rendered, f"{kind}/ig-portrait-1080x1350/vi")
    image = png(files[".png"])
    assert image.size == (1080, 1350)
    assert [round(d) for d in Image.open(io.BytesIO(files[".png"])).info["dpi"]] == [144, 144]
    # The band: 13 % of the short side tall, its top 0.9 % an accent stripe.
    band_top = 1350 - round(0.13 * 1080)
    for x in (3, 540, 1076):
        assert close(image.getpixel((x, 1346)), RED)
        assert close(image.getpixel((x, band_top + 4)), YELLOW)
    assert close(image.getpixel((3, 3)), (255, 255, 255))
    assert result.media["width_px"] == 1080 and result.media["height_px"] == 1350


@pytest.mark.parametrize("kind", KINDS)
def test_svg_keeps_headline_and_brand_as_text(rendered, kind):
    job, _, files = outputs(rendered, f"{kind}/ig-portrait-1080x1350/vi")
    texts = svg_texts(files[".svg"])
    assert job.product.body.headline["vi"] in texts
    assert "BẢO HIỂM XÃ HỘI VIỆT NAM" in texts
    assert "Đường dây nóng 1900 9068" in texts
    assert "Bảo hiểm xã hội - An sinh cho mọi nhà" in texts
    assert "font-family: 'Be Vietnam Pro'" in files[".svg"].decode() or \
        "font-family:'Be Vietnam Pro'" in files[".svg"].decode()


@pytest.mark.parametrize("kind, labels", [
    ("bars", ["18,26 triệu", "18,26", "17,5", "16,5", "10 triệu", "20 triệu", "2023"]),
    ("line", ["93,35 %", "91,01 %", "Mục tiêu 2025: 95 %", "25 %", "50 %", "2025"]),
    ("donut", ["93,35 %", "dân số có thẻ BHYT: 93,35 %", "Phần còn lại: 6,65 %"]),
    ("big-number", ["18,26 triệu", "+0,76 triệu", "so với năm 2022 (17,5 triệu), +4,3 %"]),
    ("pictogram", ["9/10", "93,35 % năm 2023 ≈ 9/10"]),
    ("compare", ["gấp 2,8 lần", "320 triệu đồng", "3,6 triệu đồng/tháng", "250 triệu",
                 "Thẻ BHYT do quỹ BHXH đóng: 162.000 đồng/tháng"]),
])
def test_numbers_in_the_svg_are_vietnamese_ticks_included(rendered, kind, labels):
    _, _, files = outputs(rendered, f"{kind}/ig-portrait-1080x1350/vi")
    texts = svg_texts(files[".svg"])
    joined = " ".join(texts)           # a label may wrap onto two lines
    for label in labels:
        assert label in texts or label in joined, (label, texts)
    assert not any(re.fullmatch(r"\d+\.\d+", t) for t in texts)   # no English decimals


@pytest.mark.parametrize("kind, figures", [
    ("bars", ["2021: 16,5 triệu", "2022: 17,5 triệu", "2023: 18,26 triệu", "+4,3 %"]),
    ("line", ["2023: 93,35 %", "95 % năm 2025", "1,65 điểm phần trăm"]),
    ("donut", ["93,35 %", "phần còn lại 6,65 %"]),
    ("big-number", ["18,26 triệu", "+0,76 triệu", "+4,3 %"]),
    ("pictogram", ["10 hình người, 9 hình được tô màu", "93,35 %"]),
    ("compare", ["320 triệu đồng", "3,6 triệu đồng/tháng", "902,88 triệu đồng",
                 "gấp 2,8 lần", "7 năm 5 tháng"]),
])
def test_alt_text_says_what_it_shows_with_the_figures(rendered, kind, figures):
    _, result, files = outputs(rendered, f"{kind}/ig-portrait-1080x1350/vi")
    alt = files[".txt"].decode("utf-8")
    assert alt.startswith("Infographic ")
    assert alt.strip() == result.media["alt_text"]
    for figure in figures:
        assert figure in alt, (figure, alt)
    assert "đường dây nóng 1900 9068" in alt


def test_pdf_embeds_the_brand_fonts_as_truetype_and_pins_its_dates(rendered):
    _, _, files = outputs(rendered, "bars/ig-portrait-1080x1350/vi")
    pdf = files[".pdf"]
    fonts = set(re.findall(rb"/BaseFont /([A-Z]{6}\+[\w-]+)", pdf))
    assert {f.split(b"+")[1] for f in fonts} == {b"BeVietnamPro-ExtraBold",
                                                b"BeVietnamPro-Medium"}
    assert len(fonts) == 2                      # one subset per face, Vietnamese included
    assert b"/FontFile2" in pdf and b"/CIDFontType2" in pdf
    assert b"CreationDate" not in pdf and b"ModDate" not in pdf
    page = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert (float(page.group(1)), float(page.group(2))) == (540, 675)   # 7.5 x 9.375 in


def test_a4_leaflet_is_an_exact_a4_page_and_a_300_dpi_png(rendered):
    _, _, files = outputs(rendered, "bars/ig-a4/vi")
    assert png(files[".png"]).size == (2480, 3508)
    page = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", files[".pdf"])
    assert round(float(page.group(1)), 1) == 595.3 and round(float(page.group(2)), 1) == 841.9


def test_english_variant_uses_english_number_formats(rendered):
    _, _, files = outputs(rendered, "bars/ig-portrait-1080x1350/en")
    texts = svg_texts(files[".svg"])
    assert "18.26 million" in texts and "Hotline 1900 9068" in texts
    assert "VIET NAM SOCIAL SECURITY" not in texts and "Viet Nam Social Security" in texts


@pytest.mark.parametrize("key", ["bars/ig-portrait-1080x1350/vi",
                                 "compare/ig-portrait-1080x1350/en"])
def test_same_inputs_give_identical_bytes(rendered, key):
    job, first, _ = outputs(rendered, key)
    again = STAGE.render_job(job)
    assert [(f.suffix, f.data) for f in again.files] == \
        [(f.suffix, f.data) for f in first.files]
    assert again.media == first.media


@pytest.mark.parametrize("kind", KINDS)
def test_the_lines_as_set_are_facts_and_keep_words_whole(rendered, kind):
    from pipeline.text.segment import Gap, gaps

    job, result, files = outputs(rendered, f"{kind}/ig-portrait-1080x1350/vi")
    media = result.media
    assert " ".join(media["headline_lines"]) == job.product.body.headline["vi"]
    assert media["subtitle_lines"] and media["source_lines"] and media["key_text_lines"]
    texts = svg_texts(files[".svg"])
    for field in ("headline_lines", "subtitle_lines", "key_text_lines", "source_lines"):
        lines = media[field]
        assert all(line in texts for line in lines), field       # drawn as recorded
        for upper, lower in zip(lines, lines[1:]):
            before, after = upper.split(), lower.split()
            assert gaps(tuple(before + after))[len(before) - 1] != Gap.INSIDE, (upper, lower)


def test_figures_the_law_does_not_allow_fail_the_render_naming_the_product(rendered):
    job, _ = rendered["compare/ig-portrait-1080x1350/vi"]
    request = STAGE.request(job)
    spec = request.spec
    short = dataclasses.replace(request, spec=dataclasses.replace(
        spec, compare=dataclasses.replace(spec.compare, contribution_years=10)))
    with pytest.raises(StageError, match=r"^compare: 10 contribution years: a pension needs "
                                         r"at least 20 \(Law on Social Insurance 2014"):
        STAGE.render(short)
