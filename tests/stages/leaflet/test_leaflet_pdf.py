"""The print PDF read back with pdfium: page boxes, fonts, vectors only, metadata, and the
text of every panel in reading order equal to the spec's copy."""
from __future__ import annotations

import re

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from leaflet_helpers import A5, BROCHURE, PT_PER_MM, content_streams, words

from pipeline.stages.leaflet.formats import SLUG_MM, sheet_for


def _pdf(rendered, product):
    return pdfium.PdfDocument(rendered(product).file("print").data)


@pytest.mark.parametrize("product, size, pages", [
    (BROCHURE, (297, 210), 2), (A5, (148, 210), 2)])
def test_page_boxes_are_trim_plus_bleed_plus_slug(rendered, product, size, pages):
    doc = _pdf(rendered, product)
    assert len(doc) == pages
    slug, bleed = SLUG_MM * PT_PER_MM, 3 * PT_PER_MM
    w, h = size[0] * PT_PER_MM, size[1] * PT_PER_MM
    for page in doc:
        assert page.get_trimbox() == pytest.approx((slug, slug, slug + w, slug + h), abs=0.01)
        assert page.get_bleedbox() == pytest.approx(
            (slug - bleed, slug - bleed, slug + w + bleed, slug + h + bleed), abs=0.01)
        assert page.get_mediabox() == pytest.approx((0, 0, w + 2 * slug, h + 2 * slug),
                                                    abs=0.01)


@pytest.mark.parametrize("product", [BROCHURE, A5])
def test_every_font_is_an_embedded_subset_and_there_is_no_image(rendered, product):
    doc = _pdf(rendered, product)
    for page in doc:
        kinds = [obj.type for obj in page.get_objects(max_depth=5)]
        assert raw.FPDF_PAGEOBJ_IMAGE not in kinds          # chart and QR are vectors
        assert raw.FPDF_PAGEOBJ_TEXT in kinds and raw.FPDF_PAGEOBJ_PATH in kinds
        for obj in page.get_objects(max_depth=5):
            if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                font = raw.FPDFTextObj_GetFont(obj.raw)
                assert raw.FPDFFont_GetIsEmbedded(font) == 1
    data = rendered(product).file("print").data
    assert b"/Helvetica" not in data and b"/Subtype /Image" not in data
    assert len(re.findall(rb"/FontFile2", data)) == 2        # display + text, one each
    assert set(re.findall(rb"/BaseFont /(\S+)", data)) == {      # subset-tagged names
        b"AAAAAA+BeVietnamPro-ExtraBold", b"AAAAAA+BeVietnamPro-Medium"}


def test_metadata_names_the_title_the_organization_and_vietnamese(rendered):
    data = rendered(BROCHURE).file("print").data
    doc = pdfium.PdfDocument(data)
    meta = doc.get_metadata_dict()
    assert meta["Title"] == "Bảo hiểm xã hội - An sinh cho mọi nhà"
    assert meta["Author"] == "Bảo hiểm xã hội Việt Nam"
    assert b"/Lang (vi-VN)" in data and b"<rdf:li>vi-VN</rdf:li>" in data     # Info + XMP
    assert meta["CreationDate"].startswith("D:20240506")       # the campaign's start
    assert meta["Subject"].endswith("Bảo hiểm xã hội thành phố Hà Nội")


def _panel_text(page, sheet, panel) -> str:
    left = (SLUG_MM + panel.x_mm) * PT_PER_MM
    right = left + panel.width_mm * PT_PER_MM
    top = (SLUG_MM * 2 + sheet.size.height_mm) * PT_PER_MM
    return page.get_textpage().get_text_bounded(left + 0.5, 0, right - 0.5, top)


@pytest.mark.parametrize("product, size", [(BROCHURE, "brochure-a4-trifold"),
                                           (A5, "leaflet-a5")])
def test_text_of_each_panel_in_reading_order_equals_the_spec(rendered, shipped, job_for,
                                                             product, size):
    result = rendered(product)
    doc = pdfium.PdfDocument(result.file("print").data)
    sheet = sheet_for(size)
    facts = {p["name"]: p for p in result.media["panels"]}
    spec = next(p for p in shipped.products if p.id == product).body
    printed: list[str] = []
    for panel in sheet.panels:
        extracted = words(_panel_text(doc[panel.page], sheet, panel))
        assert extracted == words(" ".join(facts[panel.name]["text"])), panel.name
        printed += extracted
    # Nothing dropped, nothing reordered: the blocks' copy, in spec order, is what the
    # panels print in reading order.
    assert printed == words(" ".join(_spec_copy(spec, job_for(product))))


def _spec_copy(spec, job) -> list[str]:
    from pipeline.stages.leaflet.pieces import format_value
    from pipeline.stages.leaflet.request import contact_lines

    copy: list[str] = []
    for block in spec.blocks:
        content = block.content
        if block.kind in ("heading", "paragraph"):
            copy.append(content)
        elif block.kind == "bullets":
            copy += [f"• {item}" for item in content]
        elif block.kind == "qa":
            copy += [text for pair in content for text in pair]
        elif block.kind == "figure":
            copy.append(content.title)
            copy += [t for bar in content.bars for t in (bar.label,
                                                         format_value(content, bar.value))]
            copy.append(content.source_line)
        elif block.kind == "qr":
            copy.append(content.url)
        elif block.kind == "contact":
            copy += [text for _, text in contact_lines(job.campaign, job.province)]
    return copy


def test_brochure_panels_roll_fold_with_the_fold_in_panel_narrower(rendered):
    panels = {p["name"]: p for p in rendered(BROCHURE).media["panels"]}
    assert [p for p in panels] == ["front", "flap", "inside-left", "inside-middle",
                                   "inside-right", "back"]
    assert panels["flap"]["width_mm"] == panels["inside-right"]["width_mm"] == 97
    assert {panels[n]["width_mm"] for n in ("front", "back", "inside-left",
                                            "inside-middle")} == {100}
    # The fold-in panel backs the flap: same place when the sheet is turned over.
    assert panels["flap"]["x_mm"] == 0 and panels["inside-right"]["x_mm"] == 200
    assert rendered(BROCHURE).media["folds_mm"] == [[97, 197], [100, 200]]


def test_fold_marks_are_dashed_at_the_folds_and_outside_the_bleed(rendered):
    pdf = rendered(BROCHURE).file("print").data
    pages = [s for s in content_streams(pdf) if b"BT" in s]
    assert len(pages) == 2
    bleed, height = 3 * PT_PER_MM, 210 * PT_PER_MM        # the stream draws in trim space
    for stream, folds_mm in zip(pages, ((97, 197), (100, 200))):
        dashed = stream.split(b"] 0 d", 1)[1].split(b"[] 0 d", 1)[0]
        segments = [tuple(map(float, m)) for m in re.findall(
            rb"([\d.-]+) ([\d.-]+) m ([\d.-]+) ([\d.-]+) l", dashed)]
        assert sorted({round(x0 / PT_PER_MM, 2) for x0, _, _, _ in segments}) == list(folds_mm)
        for _, y0, _, y1 in segments:
            assert all(y < -bleed or y > height + bleed for y in (y0, y1))


def test_minimum_text_sizes_and_colour_space_are_recorded(rendered):
    media = rendered(A5).media
    assert media["min_text_pt"]["body_pt"] >= 9
    assert media["min_text_pt"]["source_pt"] >= 8
    assert media["color_space"] in ("RGB", "CMYK")
    assert [f["name"] for f in media["fonts"]] == ["Be Vietnam Pro ExtraBold",
                                                   "Be Vietnam Pro Medium"]


def test_same_job_gives_the_same_bytes(job_for):
    from pipeline.stages.leaflet import STAGE

    first = STAGE.render_job(job_for(A5, "quang-ninh"))
    second = STAGE.render_job(job_for(A5, "quang-ninh"))
    assert [f.data for f in first.files] == [f.data for f in second.files]
