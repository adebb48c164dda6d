"""Flow of blocks through panels: the overflow and panel errors, unbroken words, what a
province changes, the QR code read back from a rendered page, print colours."""
from __future__ import annotations

import dataclasses
import io
import re

import pytest
from leaflet_helpers import A5, BROCHURE, content_streams

from pipeline.media.fonts import resolve_font
from pipeline.spec.model import Colors, PrintColors
from pipeline.stages import StageError
from pipeline.stages.leaflet.flow import LayoutError
from pipeline.stages.leaflet.render import layout, render_leaflet
from pipeline.stages.leaflet.request import LeafletRequest, Meta
from pipeline.stages.leaflet.spec import Block, LeafletSpec

COLORS = Colors("#C8102E", "#FFFFFF", "#FFD400")
LONG = ("Người lao động tự do tham gia bảo hiểm xã hội tự nguyện để có lương hưu và thẻ "
        "bảo hiểm y tế khi về già. ") * 6


def request(blocks, size="leaflet-a5", print_colors=None) -> LeafletRequest:
    spec = LeafletSpec("Thử", tuple(Block(kind, n, 10 + n, content, panel)
                                    for n, (kind, content, panel) in
                                    enumerate(blocks, start=1)))
    return LeafletRequest(spec, size, COLORS, print_colors,
                          resolve_font("Be Vietnam Pro ExtraBold").path,
                          resolve_font("Be Vietnam Pro Medium").path,
                          (("hotline", "Đường dây nóng: 1900 9068"),),
                          Meta("Thử", "Bảo hiểm xã hội Việt Nam", "Thử"),
                          "specs/leaflets/t.yaml:")


def test_a_block_left_over_after_the_last_panel_names_block_panel_and_mm():
    mm = 72 / 25.4
    one = layout(request([("paragraph", LONG, None)])).placed[0].height_pt / mm
    per_panel = int((185 + 3.0) // (one + 3.0))          # text area 185 mm, 3 mm gaps
    count = 2 * per_panel + 1                            # one more than both sides hold
    blocks = [("paragraph", LONG, None)] * count
    with pytest.raises(LayoutError) as caught:
        layout(request(blocks))
    message = str(caught.value)
    assert re.fullmatch(rf'specs/leaflets/t\.yaml:{10 + count}: block {count} \(paragraph '
                        r'"Người lao động tự do…"\) does not fit: panel \'back\', the '
                        r'last, overflows by \d+\.\d mm', message), message
    over_mm = float(message.rsplit(" ", 2)[-2])
    # The overflow is what the last block needs beyond the room the others left.
    placed = layout(request(blocks[:-1])).placed
    room_mm = placed[-1].y_pt / mm - 10                  # down to the 10 mm bottom margin
    assert over_mm == pytest.approx(one + 3.0 - room_mm, abs=0.1)


def test_a_block_taller_than_any_panel_says_by_how_much():
    with pytest.raises(LayoutError, match=r"block 1 \(paragraph .*\) is \d+\.\d mm taller "
                                          r"than panel 'front' \(text area 185\.0 mm\)"):
        layout(request([("paragraph", LONG * 5, None)]))


def test_copy_that_does_not_fit_fails_the_render_naming_size_and_province():
    too_tall = dataclasses.replace(request([("paragraph", LONG * 5, None)]),
                                   province="quang-ninh")
    with pytest.raises(StageError) as caught:
        render_leaflet(too_tall)
    assert re.fullmatch(r"specs/leaflets/t\.yaml:11: block 1 \(paragraph .*\) is \d+\.\d mm "
                        r"taller than panel 'front' \(text area 185\.0 mm\) "
                        r"\(leaflet-a5, quang-ninh\)", str(caught.value)), str(caught.value)


def test_panel_jumps_forward_and_refuses_to_go_back_or_to_a_missing_panel():
    placed = layout(request([("paragraph", "Một.", None), ("paragraph", "Hai.", "back")])).placed
    assert [p.panel.name for p in placed] == ["front", "back"]
    with pytest.raises(LayoutError, match="asks for panel 'front', but the blocks before it"):
        layout(request([("paragraph", "Một.", "back"), ("paragraph", "Hai.", "front")]))
    with pytest.raises(LayoutError, match="leaflet-a5 does not have \\(panels: front, back\\)"):
        layout(request([("paragraph", "Một.", "flap")]))


def test_a_url_wider_than_the_panel_is_an_error_not_a_clipped_line():
    url = "https://baohiemxahoi.gov.vn/" + "a" * 120
    with pytest.raises(LayoutError, match=r"block 1 \(qr .*\) has a word or code \d+\.\d mm "
                                          r"wider than panel 'front'"):
        layout(request([("qr", _qr(url), None)]))


def _qr(url):
    from pipeline.stages.leaflet.spec import Qr
    return Qr(url)


def test_lines_break_between_words_never_inside_one():
    from pipeline.text.typeset import units

    text = "Bảo hiểm xã hội tự nguyện giúp người lao động tự do có lương hưu khi về già"
    placed = layout(request([("paragraph", text, None)], size="brochure-a4-trifold"))
    paragraph = placed.placed[0].piece.flowable
    paragraph.wrap(30 * 72 / 25.4, 1000)                 # a narrow column: many breaks
    lines = [" ".join(w.replace("\u00a0", " ") for w in line[1])
             for line in paragraph.blPara.lines]
    assert len(lines) > 4
    words = units(text).texts
    rebuilt = []
    for line in lines:                                   # every line is whole words
        taken = []
        while words and " ".join(taken + [words[0]]) in line and \
                line.startswith(" ".join(taken + [words[0]])):
            taken.append(words[0])
            words = words[1:]
        assert " ".join(taken) == line
        rebuilt += taken
    assert not words and "lao động" in rebuilt


def test_provinces_change_the_contact_lines_only(rendered):
    first = rendered(A5, "ha-noi").media["panels"]
    other = rendered(A5, "quang-ninh").media["panels"]
    for a, b in zip(first, other):
        differ = [(x, y) for x, y in zip(a["text"], b["text"]) if x != y]
        if a["name"] == "back":
            assert differ == [("Bảo hiểm xã hội thành phố Hà Nội",
                               "Bảo hiểm xã hội tỉnh Quảng Ninh")]
        else:
            assert a == b


def test_qr_code_on_the_rendered_page_decodes_to_the_spec_url(rendered, shipped):
    import zxingcpp
    from PIL import Image

    for product, role in ((BROCHURE, "preview-1"), (A5, "preview-2")):
        image = Image.open(io.BytesIO(rendered(product).file(role).data))
        found = [b.text for b in zxingcpp.read_barcodes(image)
                 if b.format == zxingcpp.BarcodeFormat.QRCode]
        spec = next(p for p in shipped.products if p.id == product).body
        assert found == [b.content.url for b in spec.blocks if b.kind == "qr"]


def test_brochure_figure_agrees_with_the_pension_vs_one_time_arithmetic(shipped):
    """The bars are typed into the spec; they must stay what the infographic computes from
    specs/infographics/pension-vs-one-time.yaml's inputs."""
    from pipeline.stages.infographic.compare import CompareInputs, compare

    result = compare(CompareInputs(contribution_years=20, average_salary_vnd=7_000_000,
                                   retirement_age=61, pension_years=20, sex="male"))
    spec = next(p for p in shipped.products if p.id == BROCHURE).body
    figure = next(b.content for b in spec.blocks if b.kind == "figure")
    assert [bar.value for bar in figure.bars] == [result.one_time_vnd,
                                                  result.pension_total_vnd, result.total_vnd]


def test_print_colors_paint_the_brand_in_its_cmyk_inks_and_nothing_in_rgb():
    inks = PrintColors((0, 100, 81, 4), (0, 0, 0, 0), (0, 17, 100, 0))
    blocks = [("heading", "Bảo hiểm xã hội", None), ("paragraph", "Lương hưu.", None)]
    result = render_leaflet(dataclasses.replace(request(blocks), print_colors=inks))
    pages = b"".join(s for s in content_streams(result.file("print").data) if b"BT" in s)
    assert b"0 1 .81 .04 k" in pages                    # brand red, from the table
    assert b"1 1 1 1 K" in pages                        # registration crop marks
    assert b" rg" not in pages and b" RG" not in pages
    assert result.media["color_space"] == "CMYK"
    plain = render_leaflet(request(blocks))
    assert plain.media["color_space"] == "RGB" and b" k\n" not in b"".join(
        content_streams(plain.file("print").data))


def test_a4_flows_through_two_columns_a_side():
    blocks = [("paragraph", LONG, None)] * 3 + [("paragraph", "Mặt sau.", "back-left")]
    placed = layout(request(blocks, size="leaflet-a4")).placed
    mm = 72 / 25.4
    names = [p.panel.name for p in placed]
    assert names[-1] == "back-left" and names[0] == "front-left"
    assert {p.panel.name for p in placed[:3]} <= {"front-left", "front-right"}
    right = [p for p in placed if p.panel.name == "front-right"]
    left = [p for p in placed if p.panel.name == "front-left"]
    # Columns: the right column's text starts at the middle of the sheet plus its margin.
    assert all(p.x_pt == pytest.approx((105 + 12) * mm) for p in right)
    assert all(p.x_pt == pytest.approx(12 * mm) for p in left)


def test_a_glyph_missing_from_the_fonts_fails_instead_of_printing_a_box():
    with pytest.raises(LayoutError, match=r"block 1 \(contact\): the font Be Vietnam Pro "
                                          r"ExtraBold has no glyph for '☃' \(U\+2603\)"):
        layout(dataclasses.replace(request([("contact", None, None)]),
                                   contact=(("question", "Văn phòng ☃"),)))


def test_type_sizes_never_go_below_the_floors():
    from pipeline.stages.leaflet.look import MIN_BODY_PT, MIN_SOURCE_PT, SIZES_PT, SOURCE_ROLES

    assert (MIN_BODY_PT, MIN_SOURCE_PT) == (9, 8)
    for role, (size, leading) in SIZES_PT.items():
        assert size >= (MIN_SOURCE_PT if role in SOURCE_ROLES else MIN_BODY_PT), role
        assert leading >= 1.15 * size, role


def test_contact_box_lists_what_the_localization_data_has(shipped):
    from pipeline.catalog.provinces import Province
    from pipeline.stages.leaflet.request import contact_lines

    office = Province("quang-ninh", 22, "Quảng Ninh", "Tỉnh Quảng Ninh", "tinh",
                      address="Số 1 đường Thử nghiệm (dữ liệu thử)", phone="0203 000 0001")
    assert contact_lines(shipped.campaign, office) == (
        ("question", "Bảo hiểm xã hội tỉnh Quảng Ninh"),
        ("body", "Địa chỉ: Số 1 đường Thử nghiệm (dữ liệu thử)"),
        ("body", "Điện thoại: 0203 000 0001"),
        ("hotline", "Đường dây nóng: 1900 9068"))
    assert contact_lines(shipped.campaign, None) == (
        ("question", "Bảo hiểm xã hội Việt Nam"), ("hotline", "Đường dây nóng: 1900 9068"))
