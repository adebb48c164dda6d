"""Designer SVG templates: slots filled at print sizes, art drawn as vector, every bad
template refused in one line at its own file and line (docs/templates.md)."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from conftest import PT_PER_MM, decode, rasterize_pdf
from PIL import Image

from pipeline.catalog.sizes import SIZES
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs
from pipeline.stages import StageError, register
from pipeline.stages.banner import STAGE
from pipeline.stages.banner.render import BannerError, layout_for, render_banner
from pipeline.stages.banner.template.load import load_template
from pipeline.stages.banner.template.model import TemplateError
from pipeline.stages.banner.templated import ImageRef, placement, slot_box_mm

ROOT = Path(__file__).resolve().parents[3]
GREEN = "#00A651"
SLOTS = """
  <rect id="image-logo" x="150" y="150" width="400" height="400"/>
  <rect id="slot-headline" x="700" y="200" width="3800" height="800" data-align="left"
        data-upper="true"/>
  <rect id="slot-hotline" x="2600" y="1130" width="2200" height="260" data-align="right"
        data-color="accent"/>
"""


def svg(body: str, view: str = "0 0 5000 1500", head: str = "") -> str:
    return (f'{head}<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="{view}">\n'
            f'  <rect x="-100" y="-100" width="5200" height="1700" fill="#C8102E"/>\n'
            f'  <rect x="-100" y="1080" width="5200" height="520" fill="#7A0A1C"/>\n'
            f"{body}\n</svg>\n")


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def green_logo(tmp_path) -> ImageRef:
    path = write(tmp_path, "assets/images/logo.svg",
                 f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                 f'<rect width="10" height="10" fill="{GREEN}"/></svg>')
    return ImageRef(path, "assets/images/logo.svg")


@pytest.fixture
def templated(make_request, tmp_path, green_logo):
    def make(body=SLOTS, size="street-5000x1500", view="0 0 5000 1500", **changes):
        path = write(tmp_path, "assets/templates/t.svg", svg(body, view))
        texts = {"headline": "Tham gia bảo hiểm xã hội - An sinh cho mọi nhà",
                 "hotline": "Đường dây nóng 1900 9068", **changes.pop("texts", {})}
        return make_request(size, template=path, project_root=tmp_path,
                            slot_texts=tuple(texts.items()),
                            images=changes.pop("images", (("logo", green_logo),)),
                            inks=changes.pop("inks", None), **changes)
    return make


def template_problems(tmp_path, text: str) -> list[str]:
    path = write(tmp_path, "assets/templates/bad.svg", text)
    with pytest.raises(TemplateError) as info:
        load_template(path, tmp_path)
    return [str(p) for p in info.value.problems]


# -- filled slots in the real output ------------------------------------------------------

def test_the_headline_is_set_inside_its_slot_in_the_pdf(templated):
    req = templated()
    rendered = render_banner(req)
    pdf = pdfium.PdfDocument(rendered.file("print").data)
    page = pdf[0]
    text = page.get_textpage()
    size = req.size
    template = load_template(req.template, req.project_root)
    scale, origin = placement(template, size)
    x0, y0, x1, y1 = slot_box_mm(template.slot("text", "headline"), template, scale, origin)
    chars = [text.get_charbox(i) for i in range(text.count_chars())
             if text.get_text_range(i, 1).strip()]
    headline = [box for box in chars
                if (box[1] / PT_PER_MM - size.bleed_mm) > y0 - 1
                and (box[3] / PT_PER_MM - size.bleed_mm) < y1 + 1]
    assert len(headline) > 30
    for left, _, right, _ in headline:
        assert x0 - 0.5 <= left / PT_PER_MM - size.bleed_mm
        assert right / PT_PER_MM - size.bleed_mm <= x1 + 0.5
    assert "BẢO HIỂM XÃ HỘI" in text.get_text_range()
    assert rendered.media["slots"]["headline"]["lines"][0].startswith("THAM GIA")


def test_the_logo_is_painted_in_its_colour_at_its_place(templated):
    req = templated()
    pixels, _ = rasterize_pdf(render_banner(req).file("print").data, px_per_mm=0.2)
    template = load_template(req.template, req.project_root)
    scale, origin = placement(template, req.size)
    x0, y0, x1, y1 = slot_box_mm(template.slot("image", "logo"), template, scale, origin)
    bleed, h = req.size.bleed_mm, req.size.height_mm
    cx, cy = (x0 + x1) / 2 + bleed, (h - (y0 + y1) / 2) + bleed
    assert tuple(pixels[round(cy * 0.2), round(cx * 0.2)]) == (0x00, 0xA6, 0x51)
    # ...and the preview, painted from the same art, agrees
    preview = decode(render_banner(req).file("preview").data)
    k = preview.shape[1] / req.size.width_mm
    r, g, b = preview[round((h - (y0 + y1) / 2) * k), round((x0 + x1) / 2 * k)]
    assert abs(int(r) - 0x00) < 12 and abs(int(g) - 0xA6) < 12 and abs(int(b) - 0x51) < 12


def test_the_artwork_is_vector_and_the_fonts_embedded(templated):
    data = render_banner(templated()).file("print").data
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data
    page = pdfium.PdfDocument(data)[0]
    kinds = {obj.type for obj in page.get_objects()}
    assert pdfium.raw.FPDF_PAGEOBJ_PATH in kinds and pdfium.raw.FPDF_PAGEOBJ_TEXT in kinds
    assert b"/FontFile2" in data and b"Helvetica" not in data


def test_artwork_runs_into_the_bleed_and_stops_there(templated):
    req = templated()
    pixels, _ = rasterize_pdf(render_banner(req).file("print").data, px_per_mm=0.2)
    # the corner of the page is bleed: the template's red background reaches it
    assert tuple(pixels[1, 1]) == (0xC8, 0x10, 0x2E)


def test_cmyk_pages_paint_the_brand_inks(templated):
    inks = (("#C8102E", (0, 92, 77, 22)), ("#FFD400", (0, 17, 100, 0)),
            ("#FFFFFF", (0, 0, 0, 0)))
    content = page_content(render_banner(templated(inks=inks)).file("print").data)
    assert re.search(rb"\b0 \.92 \.77 \.22 k\b", content)   # the background's ink
    assert not re.search(rb"\brg\b|\bRG\b", content)        # and no RGB colour anywhere


def page_content(data: bytes) -> bytes:
    """Every stream of the PDF, inflated: the page's operators, the drawings' forms."""
    out = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(stream))
        except zlib.error:
            out.append(stream)
    return b"\n".join(out)


def test_manifest_facts_name_the_template_slots_and_image(templated, tmp_path):
    photo = tmp_path / "assets/images/photo.jpg"
    Image.new("RGB", (2400, 1600), "#336699").save(photo)
    body = SLOTS + '<rect id="image-photo" x="3600" y="100" width="1300" height="900"/>'
    req = templated(body, images=(("logo", ImageRef(tmp_path / "assets/images/logo.svg",
                                                    "assets/images/logo.svg")),
                                  ("photo", ImageRef(photo, "assets/images/photo.jpg"))))
    media = render_banner(req).media
    assert media["template"]["file"] == "assets/templates/t.svg"
    assert len(media["template"]["sha256"]) == 64
    assert set(media["slots"]) == {"headline", "hotline"}
    assert media["slots"]["hotline"]["cap_height_mm"] >= 100.0     # 20 m viewing distance
    assert media["slots"]["headline"]["contrast_ratio"] >= 4.5
    # cover: 1600 px over the box's 900 mm height (the box is wider than the photo's shape)
    # cover: the photo (3:2) is scaled to the box's height (13:9 is narrower)
    assert media["images"]["photo"]["effective_dpi"] == pytest.approx(1600 / (900 / 25.4),
                                                                      abs=0.1)
    assert media["images"]["logo"]["effective_dpi"] is None          # vector


def test_a_focal_point_keeps_its_part_of_the_photo_in_view(templated, tmp_path):
    photo = tmp_path / "assets/images/photo.png"
    image = Image.new("RGB", (3000, 1000), "#0000FF")
    image.paste((255, 0, 0), (2000, 0, 3000, 1000))        # the right third is red
    image.save(photo)
    body = SLOTS.replace('width="3800"', 'width="3000"') + (
        '<rect id="image-photo" x="3900" y="100" width="900" height="900"/>')
    logo = ("logo", ImageRef(tmp_path / "assets/images/logo.svg", "assets/images/logo.svg"))
    for focus, expected in (((0.9, 0.5), (255, 0, 0)), ((0.1, 0.5), (0, 0, 255))):
        req = templated(body, images=(logo, ("photo", ImageRef(photo, "p.png", focus))))
        pixels, _ = rasterize_pdf(render_banner(req).file("print").data, px_per_mm=0.2)
        centre = ((100 + 450 + 20) * 0.2, (3900 + 450 + 20) * 0.2)
        assert tuple(pixels[round(centre[0]), round(centre[1])]) == expected


# -- what a template gets refused for ---------------------------------------------------

def test_a_template_of_another_shape_names_both_ratios_and_the_key(templated):
    req = templated(size="street-4000x800")
    with pytest.raises(StageError) as info:
        render_banner(req)
    message = str(info.value)
    assert "3,333:1" in message and "5,000:1" in message
    assert "`street-4000x800: <file>`" in message and "`street: <file>`" in message


def test_text_that_cannot_be_set_legibly_names_slot_size_and_cap_height(templated):
    body = SLOTS.replace('width="2200" height="260"', 'width="700" height="120"')
    with pytest.raises(BannerError) as info:
        layout_for(templated(body))
    message = str(info.value)
    assert "t.svg:" in message and "slot-hotline on street-5000x1500" in message
    assert "it needs 100.0 mm" in message


def test_a_slot_in_the_hem_says_how_far_to_keep_it(templated):
    body = SLOTS.replace('x="700" y="200"', 'x="10" y="200"')
    with pytest.raises(BannerError, match=r"slot-headline reaches into the hem or safe margin "
                                         r"of street-5000x1500 .*left 80 mm"):
        layout_for(templated(body))


def test_a_low_resolution_photo_says_the_dpi_it_has_and_needs(templated, tmp_path):
    photo = tmp_path / "assets/images/small.jpg"
    Image.new("RGB", (120, 80), "#336699").save(photo)
    body = SLOTS + '<rect id="image-photo" x="3600" y="100" width="1300" height="900"/>'
    logo = ("logo", ImageRef(tmp_path / "assets/images/logo.svg", "assets/images/logo.svg"))
    req = templated(body, size="poster-a3", view="0 0 297 420",
                    images=(logo, ("photo", ImageRef(photo, "assets/images/small.jpg"))))
    with pytest.raises(StageError) as info:
        render_banner(req)
    assert re.search(r"assets/images/small\.jpg \(120 x 80 px\) gives \d+ dpi there; poster "
                     r"needs 175 dpi \(a picture of at least \d+ x \d+ px\)", str(info.value))


def test_a_low_contrast_slot_is_refused(templated):
    body = SLOTS.replace('data-color="accent"', 'data-color="#8A0B20"')
    with pytest.raises(BannerError, match=r"slot-hotline on street-5000x1500: contrast "
                                         r"1\.\d\d:1"):
        layout_for(templated(body))


@pytest.mark.parametrize("text, expected", [
    ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">&x;</svg>',
     "assets/templates/bad.svg:2: declares an XML entity or external reference"),
    (svg('<image x="0" y="0" width="10" height="10" xlink:href="http://example.com/a.png"/>'),
     "<image>: the picture 'http://example.com/a.png' is outside the project"),
    (svg('<image x="0" y="0" width="10" height="10" xlink:href="../../../etc/x.png"/>'),
     "<image>: the picture '../../../etc/x.png' is outside the project"),
    (svg('<script>alert(1)</script>'), "<script>: scripts are not run"),
    (svg('<rect id="box" width="9" height="9" style="filter:url(#blur)"/>'),
     "<rect> id 'box': filter effects"),
    (svg('<g opacity="0.5"><rect width="1" height="1"/><rect width="2" height="2"/></g>'),
     "<g>: group opacity over 2 objects cannot be drawn faithfully"),
    (svg('<text x="0" y="9" font-family="Arial">Xin chào</text>'),
     "<text>: static text in font 'Arial', which the project does not have"),
    (svg('<circle id="slot-headline" r="5"/>'),
     "<circle> id 'slot-headline': a slot must be a <rect>"),
    (svg('<rect id="slot-headline" width="9" height="9" transform="rotate(30)"/>'),
     "a slot may be moved and scaled but not rotated"),
    (svg('<rect id="slot-headline" width="9" height="9" data-colour="accent"/>'),
     "unknown attribute data-colour on a text slot"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
     "<svg>: needs a viewBox"),
    ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'>" + "<g>" * 60
     + "</g>" * 60 + "</svg>", "elements nested deeper than 48 levels"),
    ("<svg><rect", "is not well-formed XML"),
    (svg('<path id="p" d="M3900 -60 L5060 Q"/>'),
     "<path> id 'p': the path data has 1 numbers after 'L', which takes 2 at a time"),
])
def test_a_bad_template_gets_one_line_with_its_place(tmp_path, text, expected):
    problems = template_problems(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("assets/templates/bad.svg") and "\n" not in p for p in problems)


def test_a_linked_picture_inside_the_project_is_accepted_and_stretching_refused(tmp_path):
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (300, 100), "#FF0000").save(tmp_path / "assets/pic.png")
    good = svg('<image x="0" y="0" width="30" height="10" xlink:href="../pic.png"/>')
    write(tmp_path, "assets/templates/good.svg", good)
    assert load_template(tmp_path / "assets/templates/good.svg", tmp_path).slots == ()
    stretched = svg('<image x="0" y="0" width="30" height="30" xlink:href="../pic.png"/>')
    assert any("is drawn into a box of another shape" in p
               for p in template_problems(tmp_path, stretched))


def test_event_attributes_are_dropped_from_the_artwork(tmp_path):
    path = write(tmp_path, "assets/templates/t.svg",
                 svg('<rect width="9" height="9" onclick="alert(1)" onload="x()"/>'))
    assert b"onclick" not in load_template(path, tmp_path).artwork


def test_an_oversized_file_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "assets/templates/huge.svg"
    path.parent.mkdir(parents=True)
    with path.open("wb") as out:
        out.truncate(21_000_000)
    with pytest.raises(TemplateError, match="21.0 MB is over the 20 MB limit"):
        load_template(path, tmp_path)


# -- specs and campaign check --------------------------------------------------------------

@pytest.fixture(autouse=True)
def banner_stage():
    register(STAGE)


def templated_spec(project, template_rel="assets/templates/t.svg", extra=""):
    project.write("specs/banners/b.yaml",
                  'kind: banner\nid: b\ntext: {vi: "An sinh cho mọi nhà"}\n'
                  f"template: {{street: {template_rel}}}\n"
                  "sizes: [street-5000x1500]\nlocalize: none\nlanguages: [vi]\n" + extra)


def test_check_lists_every_template_problem_at_its_line(project):
    project.write("assets/templates/t.svg", svg(
        '<rect id="slot-motto" x="700" y="200" width="3000" height="600"/>\n'
        '  <script/>\n  <rect id="image-mascot" x="1" y="1" width="9" height="9"/>'))
    templated_spec(project)
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    assert [str(p) for p in info.value.problems] == [
        "assets/templates/t.svg:4: slot-motto: specs/banners/b.yaml gives it nothing: add "
        "`fields: {motto: ...}` to the spec",
        "assets/templates/t.svg:5: <script>: scripts are not run in a print template: "
        "remove it",
        "assets/templates/t.svg:6: image-mascot: specs/banners/b.yaml gives it nothing: add "
        "`images: {mascot: ...}` to the spec"]


def test_a_template_path_outside_the_project_is_refused(project):
    templated_spec(project, template_rel="../outside.svg")
    with pytest.raises(SpecErrors, match=r"b\.yaml:4:\d+: template: '\.\./outside\.svg' leaves "
                                         r"the project"):
        load_specs(project.specs)


def test_campaign_check_reports_slot_problems_at_the_slot(project):
    project.write("assets/templates/t.svg", svg(
        '<rect id="slot-headline" x="700" y="200" width="300" height="50"/>'))
    templated_spec(project)
    result = subprocess.run([sys.executable, "-m", "pipeline", "check", "specs"],
                            cwd=project.root, capture_output=True, text=True)
    assert result.returncode != 0
    assert re.search(r"^assets/templates/t\.svg:4: slot-headline: street-5000x1500 \(vi, "
                     r"toàn quốc\): slot-headline on street-5000x1500: .* fits at [\d.]+ mm "
                     r"cap height; it needs 100\.0 mm", result.stdout + result.stderr, re.M)


# -- the shipped library ---------------------------------------------------------------

def test_every_shipped_template_loads_and_fits_the_sizes_it_is_named_for(builtin_stages):
    specs = load_specs(ROOT / "specs")
    from pipeline.stages.banner.template.load import aspect_problem

    used = 0
    for product in specs.products:
        choice = getattr(product.body, "template", "slogan")
        if isinstance(choice, str):
            continue
        for size_name in product.sizes:
            chosen = choice.for_size(size_name)
            assert chosen is not None, (product.id, size_name)
            size = SIZES[size_name]
            template = load_template(chosen[0], ROOT)
            assert aspect_problem(template, size_name, size.width_mm, size.height_mm) is None
            used += 1
    assert used >= 18          # the templated banner and the outreach kit's nine sizes


def test_the_kit_sizes_exist_with_bleed_safe_zone_and_viewing_distance():
    for name in ("stage-8000x4500", "stage-6000x3400", "standee-800x2000",
                 "standee-850x2000", "booth-3000x500", "tent-a5"):
        size = SIZES[name]
        assert size.bleed_mm > 0 and size.safe_mm > 0 and size.viewing_distance_m > 0
    assert SIZES["social-1200x630"].pixel_size == (1200, 630)
    assert SIZES["social-1080x1920"].pixel_size == (1080, 1920)
    story = SIZES["social-1080x1920"].text_box_mm
    assert story[1] / SIZES["social-1080x1920"].height_mm * 1920 >= 249   # app bars


def test_the_table_tent_carries_a_qr_code_that_dials_the_hotline(make_request):
    zxingcpp = pytest.importorskip("zxingcpp")
    from pipeline.stages.banner.templated import ImageRef as Ref

    root = ROOT
    req = make_request("tent-a5", template=root / "assets/templates/bien-de-ban-a5.svg",
                       project_root=root,
                       slot_texts=(("headline", "An sinh cho mọi nhà"), ("kicker", "Tháng vận"
                                   " động"), ("hotline", "Đường dây nóng 1900 9068"),
                                   ("office", "Bảo hiểm xã hội tỉnh Quảng Ninh"),
                                   ("organization", "Bảo hiểm xã hội Việt Nam")),
                       images=(("logo", Ref(root / "assets/images/logo-placeholder.svg",
                                            "assets/images/logo-placeholder.svg")),),
                       qr=(("hotline", "tel:19009068"),))
    pixels, _ = rasterize_pdf(render_banner(req).file("print").data, px_per_mm=8)
    codes = zxingcpp.read_barcodes(Image.fromarray(np.ascontiguousarray(pixels)))
    assert [code.text for code in codes] == ["tel:19009068"]


def test_a_province_fills_the_office_phone_and_address_slots(builtin_stages):
    import dataclasses

    from pipeline.build.plan import Job
    from pipeline.stages.banner import request_for

    specs = load_specs(ROOT / "specs")
    kit = next(p for p in specs.products if p.id == "outreach-kit")
    province = dataclasses.replace(specs.provinces["quang-ninh"], phone="0203 3835 506",
                                   address="Số 1 đường Cột Đồng Hồ, Hạ Long")
    req = request_for(Job(specs.campaign, kit, SIZES["tent-a5"], "vi", province))
    texts = dict(req.slot_texts)
    assert texts["office"] == "Bảo hiểm xã hội tỉnh Quảng Ninh"
    assert texts["phone"] == "Điện thoại 0203 3835 506"
    assert texts["address"] == "Số 1 đường Cột Đồng Hồ, Hạ Long"
    assert texts["kicker"] == "Tháng vận động triển khai bảo hiểm xã hội toàn dân"  # fields
    assert texts["dates"] == "6-21/5/2024"
    assert req.template == ROOT / "assets/templates/bien-de-ban-a5.svg"
    assert ROOT / "assets/images/logo-placeholder.svg" in req.inputs
    national = request_for(Job(specs.campaign, kit, SIZES["tent-a5"], "vi", None))
    assert dict(national.slot_texts)["office"] == ""
    media = render_banner(national).media
    assert media["slots"]["office"] == {"lines": []}       # left empty, never a placeholder


def test_sizes_a_mapping_does_not_name_keep_the_slogan_look(builtin_stages):
    from pipeline.build.plan import Job
    from pipeline.stages.banner import request_for

    specs = load_specs(ROOT / "specs")
    product = next(p for p in specs.products if p.id == "protect-every-family")
    req = request_for(Job(specs.campaign, product, SIZES["pano-4000x2000"], "vi", None))
    assert req.template is None and render_banner(req).media["template"] == "slogan"


def test_the_desk_card_names_the_template_a_banner_was_drawn_from(templated):
    from pipeline.desk.cards import facts_of

    facts = facts_of(render_banner(templated()).media)
    assert "Mẫu thiết kế t.svg" in facts
    assert any(fact.startswith("Chữ hoa cao ") for fact in facts)    # the headline's


INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="5000mm" height="1500mm" viewBox="0 0 5000 1500" version="1.1" id="svg1"
   inkscape:version="1.3.2 (091e20e, 2023-11-25)" sodipodi:docname="bang-ron.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:document-units="mm"/>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:title>Băng rôn</dc:title>
  </cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Nền" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:#c8102e;fill-opacity:1;stroke:none" id="rect1" width="5100"
       height="1600" x="-50" y="-50" />
    <path style="fill:#ffd400;stroke:none" d="m 4000,-50 h 1050 v 1600 h -700 z" id="path1"/>
  </g>
  <g inkscape:label="Chữ" inkscape:groupmode="layer" id="layer2"
     transform="translate(100,50)">
    <rect style="fill:none;stroke:#00ff00;stroke-width:4" id="slot-headline" width="3300"
       height="900" x="500" y="200" data-align="left" data-upper="true" />
    <text xml:space="preserve" style="font-size:60px;font-family:'Be Vietnam Pro';
       font-weight:600;fill:#ffffff" x="500" y="1300" id="text1"><tspan
       sodipodi:role="line" id="tspan1" x="500" y="1300">Vì an sinh của mọi nhà</tspan></text>
  </g>
</svg>
"""


def test_an_inkscape_file_with_layers_metadata_and_styles_works(make_request, tmp_path):
    path = write(tmp_path, "assets/templates/inkscape.svg", INKSCAPE)
    template = load_template(path, tmp_path)
    assert template.slot("text", "headline").box == (600.0, 250.0, 3300.0, 900.0)  # layer
    assert b"namedview" not in template.artwork and b"rdf:RDF" not in template.artwork
    req = make_request("street-5000x1500", template=path, project_root=tmp_path,
                       slot_texts=(("headline", "Tham gia bảo hiểm xã hội"),))
    rendered = render_banner(req)
    text = pdfium.PdfDocument(rendered.file("print").data)[0].get_textpage().get_text_range()
    assert "Vì an sinh của mọi nhà" in text            # the static text, in a brand font
    assert "THAM GIA BẢO HIỂM XÃ HỘI" in " ".join(text.split())
    fonts = set(re.findall(rb"/BaseFont /(?:[A-Z]{6}\+)?([\w-]+)", rendered.file("print").data))
    assert fonts == {b"BeVietnamPro-ExtraBold", b"BeVietnamPro-SemiBold"}, fonts


def test_a_spec_picture_must_be_an_image_inside_the_project_with_a_two_number_focus(project):
    project.write("assets/templates/t.svg", svg(SLOTS.replace(
        '<rect id="image-logo" x="150" y="150" width="400" height="400"/>',
        '<rect id="image-photo" x="150" y="150" width="400" height="400"/>')))
    project.write("assets/images/a.gif", "GIF89a")
    project.write("assets/images/a.png", "not read at load")
    for photo, expected in (
            ("{file: assets/images/a.gif}", "images.photo: 'assets/images/a.gif' is not an "
                                            "SVG, PNG or JPEG picture"),
            ("{file: assets/images/a.png, focus: [1]}", "images.photo: focus is [x, y]"),
            ("{file: ../a.png}", "images.photo: '../a.png' leaves the project")):
        templated_spec(project, extra=f"images:\n  photo: {photo}\n")
        with pytest.raises(SpecErrors) as info:
            load_specs(project.specs)
        lines = [str(p) for p in info.value.problems]
        assert len(lines) == 1 and lines[0].startswith("specs/banners/b.yaml:9:")
        assert expected in lines[0]        # and no second "gives it nothing" for the slot
