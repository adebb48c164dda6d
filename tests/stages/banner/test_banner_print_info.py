"""What a print shop's tools read off a banner PDF: metadata, XMP, /Lang, and the job line
in the bleed, which never changes a pixel inside the trim."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET

import numpy as np
import pypdfium2 as pdfium
import pytest

from pipeline.build.plan import Selection, plan
from pipeline.catalog.sizes import SIZES
from pipeline.spec.load import load_specs
from pipeline.stages import register
from pipeline.stages.banner import STAGE, request_for
from pipeline.stages.banner.pdf import render_pdf
from pipeline.stages.banner.render import layout_for, render_banner
from pipeline.stages.banner.slug import (
    MIN_EM_MM,
    PrintLabel,
    artwork_digest,
    job_line_text,
    place_job_line,
)

LABEL = PrintLabel(product_id="keep-your-pension", size_name="street-10000x2000",
                   province_slug="quang-ninh", province_name="Quảng Ninh", lang="vi",
                   organization="Bảo hiểm xã hội Việt Nam",
                   theme="Bảo hiểm xã hội - An sinh cho mọi nhà",
                   created=dt.date(2024, 5, 6))
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmp": "http://ns.adobe.com/xap/1.0/"}
PRINT_SIZES = [name for name, s in SIZES.items()
               if s.family in ("street", "flag", "pano", "poster")]


def labelled(make_request, size="street-10000x2000", **changes):
    label = dataclasses.replace(LABEL, size_name=size, **changes)
    return make_request(size, print_label=label)


def pdf_bytes(req) -> bytes:
    return render_banner(req).file("print").data


def xmp_of(data: bytes) -> ET.Element:
    match = re.search(rb"<\?xpacket begin=.*?<\?xpacket end=\"[rw]\"\?>", data, re.S)
    assert match, "no XMP packet"
    return ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", match.group(0)))


def job_line_boxes(data: bytes, product_id: str) -> tuple[str, list, tuple, tuple]:
    """The job line's text, its character boxes, the TrimBox and the MediaBox (PDF units)."""
    page = pdfium.PdfDocument(data)[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start = text.rindex(product_id)           # drawn last; the headline has no slug in it
    end = text.index("\n", start) if "\n" in text[start:] else len(text)
    boxes = [textpage.get_charbox(i) for i in range(start, end) if not text[i].isspace()]
    return text[start:end], boxes, page.get_trimbox(), page.get_mediabox()


def test_info_dictionary_and_lang_say_what_the_banner_is(make_request):
    data = pdf_bytes(labelled(make_request))
    info = pdfium.PdfDocument(data).get_metadata_dict()
    assert info["Title"].endswith(" — keep-your-pension")
    assert info["Author"] == "Bảo hiểm xã hội Việt Nam"
    assert info["Subject"] == "Bảo hiểm xã hội - An sinh cho mọi nhà"
    assert info["Keywords"] == "keep-your-pension, street-10000x2000, quang-ninh, vi"
    assert info["Creator"] == "campaign media pipeline"
    # The campaign's first day at midnight in Vietnam, not the build clock.
    assert info["CreationDate"] == "D:20240506000000+07'00'"
    assert re.search(rb"/Lang \(vi-VN\)", data)


def test_the_title_is_the_headline_as_set_and_the_product(make_request):
    req = labelled(make_request, size="poster-a3")
    lines = [line.text for line in layout_for(req).role_lines("headline")]
    info = pdfium.PdfDocument(pdf_bytes(req)).get_metadata_dict()
    assert info["Title"] == " ".join(lines) + " — keep-your-pension"


def test_xmp_packet_matches_the_info_dictionary(make_request):
    data = pdf_bytes(labelled(make_request))
    info = pdfium.PdfDocument(data).get_metadata_dict()
    desc = xmp_of(data).find(".//rdf:Description", NS)
    assert desc.find("dc:title/rdf:Alt/rdf:li", NS).text == info["Title"]
    assert desc.find("dc:creator/rdf:Seq/rdf:li", NS).text == info["Author"]
    assert desc.find("dc:description/rdf:Alt/rdf:li", NS).text == info["Subject"]
    assert [li.text for li in desc.findall("dc:subject/rdf:Bag/rdf:li", NS)] == [
        "keep-your-pension", "street-10000x2000", "quang-ninh", "vi"]
    assert desc.find("pdf:Keywords", NS).text == info["Keywords"]
    assert desc.find("pdf:Producer", NS).text == info["Producer"]
    assert desc.find("dc:language/rdf:Bag/rdf:li", NS).text == "vi-VN"
    assert desc.find("xmp:CreateDate", NS).text == "2024-05-06T00:00:00+07:00"
    # Referenced from the catalog, and left unfiltered so tools can read it as text.
    assert re.search(rb"/Metadata \d+ 0 R", data)
    assert re.search(rb"/Subtype /XML /Type /Metadata", data)


def test_english_variant_is_tagged_en(make_request):
    data = pdf_bytes(labelled(make_request, lang="en"))
    assert re.search(rb"/Lang \(en\)", data)
    desc = xmp_of(data).find(".//rdf:Description", NS)
    assert desc.find("dc:language/rdf:Bag/rdf:li", NS).text == "en"


def test_metadata_and_job_line_keep_the_bytes_deterministic(make_request):
    req = labelled(make_request)
    assert pdf_bytes(req) == pdf_bytes(req)
    other = pdf_bytes(labelled(make_request, province_slug="ha-noi", province_name="Hà Nội"))
    assert other != pdf_bytes(req)


def test_job_line_on_a_user_unit_page_sits_above_the_trim_and_states_the_scale(make_request):
    req = labelled(make_request)
    data = pdf_bytes(req)
    text, boxes, trim, media = job_line_boxes(data, "keep-your-pension")
    assert "Quảng Ninh (quang-ninh)" in text
    assert "thành phẩm/finished 10.000 × 2.000 mm" in text
    assert "mép may/hem 50 mm" in text
    assert ("vẽ tỉ lệ 1:2 — in gấp 2 lần (UserUnit 2) / "
            "drawn at 1:2 — print at 2× (UserUnit 2)") in text
    digest = artwork_digest(layout_for(req))
    assert text.endswith(f"mã/digest {digest}") and re.fullmatch(r"[0-9a-f]{8}", digest)
    for left, bottom, right, top in boxes:
        assert bottom > trim[3] and top <= media[3]          # in the top bleed only
        assert left >= trim[0] and right <= trim[2]


def test_job_line_on_a_vertical_flag_runs_up_the_bleed_beside_the_trim(make_request):
    req = dataclasses.replace(labelled(make_request, size="flag-800x2500"), vertical=True)
    text, boxes, trim, media = job_line_boxes(pdf_bytes(req), "keep-your-pension")
    assert "túi luồn cán/pole pocket 40 mm trên + dưới/top + bottom" in text
    assert "UserUnit" not in text
    for left, bottom, right, top in boxes:
        assert right < trim[0] and left >= media[0]          # in the left bleed only
        assert bottom >= trim[1] and top <= trim[3]


def test_a_poster_bleed_is_too_narrow_so_only_the_metadata_says_it(make_request):
    req = labelled(make_request, size="poster-a3")
    result = render_pdf(layout_for(req), label=req.print_label)
    assert result.job_line is None
    assert "digest" not in pdfium.PdfDocument(result.data)[0].get_textpage().get_text_range()
    assert pdfium.PdfDocument(result.data).get_metadata_dict()["Keywords"].startswith(
        "keep-your-pension, poster-a3")


@pytest.mark.parametrize("size", ["street-10000x2000", "flag-800x2500", "pano-4000x2000"])
def test_trim_area_is_pixel_identical_with_and_without_the_job_line(make_request, px, size):
    req = labelled(make_request, size=size)
    layout = layout_for(req)
    scale = 0.6 if SIZES[size].width_mm > 2000 else 2.0
    with_line = render_pdf(layout, label=req.print_label)
    without = render_pdf(layout, label=req.print_label, job_line=False)
    assert with_line.job_line is not None and without.job_line is None
    a, _ = px.rasterize_pdf(with_line.data, scale)
    b, _ = px.rasterize_pdf(without.data, scale)
    bleed = round(SIZES[size].bleed_mm * scale)
    trim = (slice(bleed, a.shape[0] - bleed), slice(bleed, a.shape[1] - bleed))
    assert np.array_equal(a[trim], b[trim])
    changed_rows = np.nonzero((a != b).any(axis=(1, 2)))[0]
    assert len(changed_rows) and changed_rows.max() < bleed    # the line is drawn, above


def test_the_digest_tells_two_versions_apart(make_request):
    one = layout_for(labelled(make_request))
    other = layout_for(dataclasses.replace(labelled(make_request), headline="Đóng góp hôm nay"))
    assert artwork_digest(one) != artwork_digest(other)
    assert artwork_digest(one) == artwork_digest(layout_for(labelled(make_request)))
    assert artwork_digest(one, {"#C8102E": (0, 100, 80, 5)}) != artwork_digest(one)


@pytest.mark.parametrize("size", PRINT_SIZES)
@pytest.mark.parametrize("vertical", [False, True])
def test_the_job_line_never_reaches_into_the_trim_or_off_the_page(make_request, size,
                                                                  vertical):
    req = labelled(make_request, size=size)
    layout = dataclasses.replace(layout_for(req), rotated=vertical)
    if vertical:
        layout = dataclasses.replace(layout, frame_w_mm=layout.frame_h_mm,
                                     frame_h_mm=layout.frame_w_mm)
    text = job_line_text(req.print_label, layout.size, 2, "0123abcd")
    line = place_job_line(text, layout, req.text_font, "#FFFFFF")
    bleed = SIZES[size].bleed_mm
    if line is None:
        assert bleed < 10, f"{size}: a {bleed} mm bleed should hold the job line"
        return
    assert line.em_mm >= MIN_EM_MM
    assert line.ink_bottom_mm >= layout.frame_h_mm + 3.0 - 1e-9   # clear of the cut
    assert line.ink_top_mm <= layout.frame_h_mm + bleed            # on the page
    assert line.x_mm >= 10.0 and line.x_mm + line.width_mm <= layout.frame_w_mm - 10.0 + 1e-9


def test_a_planned_job_gets_its_label_from_campaign_and_province(project):
    register(STAGE)
    project.write("specs/banners/b.yaml", 'kind: banner\nid: b\ntext: {vi: "Đóng góp"}\n'
                                          "sizes: [street-4000x800]\nlocalize: [quang-ninh]\n")
    specs = load_specs(project.specs)
    job = plan(specs, Selection(kinds=("banner",)))[0]
    label = request_for(job).print_label
    assert label == PrintLabel(
        product_id="b", size_name="street-4000x800", province_slug="quang-ninh",
        province_name="Quảng Ninh", lang="vi",
        organization=specs.campaign.organization["vi"], theme=specs.campaign.theme["vi"],
        created=specs.campaign.window_start)
