"""Layout: sizes from real metrics, legibility minimums, diacritics room (line breaks:
tests/text/test_typeset.py)."""
import math

import pytest

from pipeline.catalog.sizes import SIZES
from pipeline.stages.banner.layout import BannerError, layout_slogan
from pipeline.stages.banner.render import normalized


def inside(box, outer, tol=1e-6):
    return (box[0] >= outer[0] - tol and box[1] >= outer[1] - tol
            and box[2] <= outer[2] + tol and box[3] <= outer[3] + tol)


def trim_box_of(layout, line):
    (x0, y0), (x1, y1) = (layout.to_trim(*line.box_mm[:2]), layout.to_trim(*line.box_mm[2:]))
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


@pytest.mark.parametrize("size", ["street-4000x800", "street-10000x2000", "flag-600x2000",
                                  "poster-a3", "pano-4000x2000", "social-1080x1080",
                                  "led-1920x1080"])
def test_every_line_box_sits_in_the_text_box_at_legible_size(make_request, size):
    layout = layout_slogan(normalized(make_request(size)))
    text_box = SIZES[size].text_box_mm
    minimum = 5 * SIZES[size].viewing_distance_m
    assert layout.warnings == ()
    for line in layout.lines:
        assert inside(trim_box_of(layout, line), text_box), (line.role, line.text)
        assert line.cap_height_mm >= minimum - 1e-6, (line.role, line.text)


def test_line_boxes_do_not_overlap(make_request):
    layout = layout_slogan(normalized(make_request("poster-a3")))
    boxes = sorted((line.box_mm for line in layout.lines), key=lambda b: -b[3])
    for upper, lower in zip(boxes, boxes[1:]):
        if upper[0] < lower[2] and lower[0] < upper[2]:      # same column
            assert lower[3] <= upper[1] + 1e-6


def test_headline_is_as_large_as_the_area_allows(make_request):
    layout = layout_slogan(normalized(make_request("street-4000x800")))
    head = layout.role_lines("headline")
    left, _, right, _ = SIZES["street-4000x800"].text_box_mm
    # One of the two limits binds: the widest line spans the box, or the block fills the
    # area between kicker and band.
    widest = max(line.width_mm for line in head)
    assert widest == pytest.approx(right - left, rel=1e-6) or len(head) > 1


def test_known_layout_figures(make_request):
    """Pinned figures for the brand fonts: a change here is a visible change on the street."""
    layout = layout_slogan(normalized(make_request("street-4000x800")))
    head = layout.role_lines("headline")
    assert [line.text for line in head] == ["Tham gia bảo hiểm xã hội tự nguyện để hưởng lương hưu"]
    assert head[0].cap_height_mm == pytest.approx(101.8, abs=0.5)
    assert layout.role_lines("hotline")[0].cap_height_mm == pytest.approx(60.0, abs=0.01)
    assert layout.contrast["headline"] == pytest.approx(5.88, abs=0.01)


def test_tall_flag_stacks_short_lines(make_request):
    street = layout_slogan(normalized(make_request("street-4000x800")))
    flag = layout_slogan(normalized(make_request("flag-600x2000")))
    assert len(flag.role_lines("headline")) >= 4 > len(street.role_lines("headline"))


def test_forced_break_is_kept(make_request):
    layout = layout_slogan(normalized(make_request("street-10000x2000",
                                                   headline="Lương hưu\nchỗ dựa tuổi già")))
    assert [l.text for l in layout.role_lines("headline")] == ["Lương hưu", "chỗ dựa tuổi già"]


def test_cannot_fit_names_size_and_minimum(make_request):
    long = " ".join(["Bảo hiểm xã hội tự nguyện"] * 12)
    with pytest.raises(BannerError) as err:
        layout_slogan(normalized(make_request("street-4000x800", headline=long)))
    assert str(err.value).startswith(
        "headline does not fit street-4000x800 at the legibility minimum of "
        "60.0 mm cap height (5 mm per m at 12 m)")
    assert "\n" not in str(err.value)


def test_allow_small_turns_the_failure_into_a_warning(make_request):
    long = " ".join(["Bảo hiểm xã hội tự nguyện"] * 12)
    layout = layout_slogan(normalized(make_request("street-4000x800", headline=long,
                                                   allow_small=True)))
    assert any("headline does not fit street-4000x800" in w for w in layout.warnings)
    assert layout.role_lines("headline")[0].cap_height_mm < 60


def test_hotline_is_held_to_the_same_rule(make_request):
    # A number cannot wrap; this one is too long for A3 at 10 mm cap height.
    footer = ("BẢO HIỂM XÃ HỘI VIỆT NAM", "Đường dây nóng 19009068190090681900906819009068")
    with pytest.raises(BannerError, match=r'footer line "Đường dây nóng.*" does not fit '
                                          r"poster-a3 at the legibility minimum of 10.0 mm"):
        layout_slogan(normalized(make_request("poster-a3", footer=footer)))


def test_stacked_diacritics_get_room_above_the_caps(make_request):
    layout = layout_slogan(normalized(make_request(
        "street-10000x2000", headline="BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH – ỆỘỮỞẪ")))
    for line in layout.role_lines("headline"):
        cap_top = line.baseline_mm + line.cap_height_mm
        # Ẫ reaches ~1.15 em; the box must hold it, well above the cap height.
        assert line.ink_top_mm > cap_top + 0.3 * line.em_mm
        assert line.box_mm[3] > line.ink_top_mm


def test_vertical_flag_turns_the_frame(make_request):
    layout = layout_slogan(normalized(make_request("flag-800x2500", vertical=True)))
    assert layout.rotated and layout.frame_w_mm == 2500 and layout.frame_h_mm == 800
    text_box = SIZES["flag-800x2500"].text_box_mm
    for line in layout.lines:
        assert inside(trim_box_of(layout, line), text_box)


def test_footer_band_reaches_into_the_bleed(make_request):
    layout = layout_slogan(normalized(make_request("street-4000x800")))
    (band,) = layout.fills
    bleed = SIZES["street-4000x800"].bleed_mm
    assert (band.x0_mm, band.y0_mm, band.x1_mm) == (-bleed, -bleed, 4000 + bleed)
    footer_top = max(l.box_mm[3] for l in layout.lines if l.role in ("footer", "hotline"))
    head_bottom = min(l.box_mm[1] for l in layout.role_lines("headline"))
    assert footer_top < band.y1_mm < head_bottom
    assert not math.isclose(band.y1_mm, footer_top)


def test_no_line_starts_with_a_dash(make_request):
    layout = layout_slogan(normalized(make_request("flag-600x2000")))
    kicker = [l.text for l in layout.role_lines("kicker")]
    assert len(kicker) > 1 and not any(l.startswith("–") for l in kicker)


def test_office_phone_goes_with_the_hotline_which_is_the_last_number(make_request):
    footer = ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH",
              "Điện thoại 0203 000 0001", "Đường dây nóng 1900 9068")
    layout = layout_slogan(normalized(make_request("street-5000x800", footer=footer)))
    roles = {line.text: line.role for line in layout.lines}
    assert roles["Đường dây nóng 1900 9068"] == "hotline"
    assert roles["Điện thoại 0203 000 0001"] == "contact"
    right = 5000 - 60
    for line in layout.lines:
        if line.role in ("contact", "hotline"):
            assert line.x_mm + line.width_mm == pytest.approx(right)      # right column
        elif line.role == "footer":
            assert line.x_mm == pytest.approx(60)                         # left column


def test_secondary_lines_yield_room_to_the_headline_but_the_hotline_does_not(make_request):
    # A long provincial office name on a 5 x 1.5 m banner seen at 20 m: at full size the
    # four footer lines leave the headline under 100 mm; the office lines may shrink.
    footer = ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH BÀ RỊA - VŨNG TÀU",
              "Đường dây nóng 1900 9068")
    layout = layout_slogan(normalized(make_request(
        "street-5000x1500", footer=footer, upper=True,
        kicker="Bảo hiểm xã hội - An sinh cho mọi nhà",
        headline="Bảo hiểm xã hội giúp giảm bớt khó khăn tài chính khi gặp rủi ro")))
    assert layout.role_lines("headline")[0].cap_height_mm >= 100
    assert layout.role_lines("hotline")[0].cap_height_mm >= 100
    for line in layout.role_lines("footer") + layout.role_lines("kicker"):
        assert 60 - 1e-6 <= line.cap_height_mm < 100
    assert not layout.warnings
