"""The leaflet spec and brand.print_colors as `campaign check` reads them: every mistake
is one line naming the file, the line and the field."""
from __future__ import annotations

import io
import re
import subprocess

import numpy as np
import pikepdf
import pytest
from PIL import Image

from pipeline.build.plan import plan
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs
from pipeline.stages.leaflet import STAGE

HEAD = """\
kind: leaflet
id: t
title: "Thử"
sizes: [leaflet-a5]
languages: [vi]
blocks:
"""


def _load(project, blocks: str, campaign_extra: str = ""):
    if campaign_extra:
        path = project.specs / "campaign.yaml"
        path.write_text(path.read_text(encoding="utf-8") + campaign_extra, encoding="utf-8")
    project.write("specs/leaflets/t.yaml", HEAD + blocks)
    return load_specs(project.specs)


def _problems(project, blocks: str, campaign_extra: str = "") -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        _load(project, blocks, campaign_extra)
    return [str(p) for p in caught.value.problems]


def test_a_good_spec_loads_with_its_blocks_in_order(project):
    specs = _load(project, """\
  - heading: "Ai được tham gia?"
  - bullets: ["Công dân Việt Nam từ đủ 15 tuổi."]
  - qa: [{q: "Đóng bao nhiêu?", a: "22% thu nhập tự chọn."}]
  - contact: true
  - qr: {url: "https://baohiemxahoi.gov.vn"}
""")
    body = specs.products[0].body
    assert [b.kind for b in body.blocks] == ["heading", "bullets", "qa", "contact", "qr"]
    assert [b.line for b in body.blocks] == [7, 8, 9, 10, 11]
    assert body.blocks[2].content == (("Đóng bao nhiêu?", "22% thu nhập tự chọn."),)


def test_a_block_with_two_kinds_or_none_is_named_by_line(project):
    problems = _problems(project, """\
  - heading: "A"
    paragraph: "B"
  - panel: back
""")
    assert problems[0].startswith("specs/leaflets/t.yaml:7:5: blocks[0]: a block has "
                                  "exactly one of: heading, paragraph")
    assert "(found: heading, paragraph)" in problems[0]
    assert problems[1].startswith("specs/leaflets/t.yaml:9:5: blocks[1]:")
    assert problems[1].endswith("(found: none)")


def test_unknown_panel_bad_url_and_unsourced_bars_are_spec_problems(project):
    problems = "\n".join(_problems(project, """\
  - paragraph: "A"
    panel: inside-centre
  - qr: {url: "baohiemxahoi.gov.vn"}
  - figure:
      title: "Số"
      bars: [{label: "Một lần", value: 280000000}]
"""))
    assert "t.yaml:8:12: blocks[0].panel: unknown name 'inside-centre'; did you mean " \
           "'inside-left' or" in problems
    assert "t.yaml:9:9: blocks[1].qr: 'baohiemxahoi.gov.vn' is not a web address" in problems
    assert "t.yaml:11:7: blocks[2].figure: bars need a source" in problems


def test_a_figure_reads_its_dataset_and_sidecar_credit(project):
    project.write("data/participants.csv", "year,voluntary\n2022,1510000\n2023,1830000\n")
    project.write("data/participants.source.yaml", """\
        publisher: Bảo hiểm xã hội Việt Nam
        title: Số liệu
        url: https://vss.gov.vn/
        date: "2024-01-21"
        units: {voluntary: người}
        credit: {vi: "Nguồn: BHXH Việt Nam", en: "Source: VSS"}
        """)
    specs = _load(project, """\
  - figure:
      title: "Người tham gia tự nguyện"
      data: data/participants.csv
      column: voluntary
      format: millions
      decimals: 2
""")
    figure = specs.products[0].body.blocks[0].content
    assert [(b.label, b.value) for b in figure.bars] == [("2022", 1510000), ("2023", 1830000)]
    assert figure.source_line == "Nguồn: BHXH Việt Nam"
    from pipeline.stages.leaflet.pieces import format_value
    assert format_value(figure, 1830000) == "1,83 triệu"


def test_a_photo_under_250_dpi_fails_check_and_a_sharp_one_is_the_only_image(project):
    Image.new("RGB", (600, 400), "#777777").save(project.root / "data/small.png")
    problems = _problems(project, """\
  - photo: {file: data/small.png, credit: "Ảnh: BHXH Việt Nam", width_mm: 80}
""")
    assert problems == ["specs/leaflets/t.yaml:7:12: blocks[0].photo: small.png: 600 px "
                        "across 80 mm is 190 dpi; print needs at least 250 dpi (at most "
                        "61 mm wide)"]
    specs = _load(project, """\
  - photo: {file: data/small.png, credit: "Ảnh: BHXH Việt Nam", width_mm: 60}
""")
    rendered = STAGE.render_job(plan(specs)[0])
    assert rendered.file("print").data.count(b"/Subtype /Image") == 1
    assert rendered.media["photos"] == 1


def test_a_photo_on_a_cmyk_leaflet_is_converted_with_the_print_profile(project):
    """An sRGB black photo becomes the profile's rich black, under its 300 % ink limit,
    where a naive conversion would give 100 % K or, undone by a RIP, 400 %."""
    Image.new("RGB", (800, 600), "#000000").save(project.root / "data/black.png")
    specs = _load(project, """\
  - photo: {file: data/black.png, credit: "Ảnh: BHXH Việt Nam", width_mm: 60}
""", PRINT)
    rendered = STAGE.render_job(plan(specs)[0])
    with pikepdf.open(io.BytesIO(rendered.file("print").data)) as pdf:
        images = [x for page in pdf.pages for x in page.resources.get("/XObject", {}).values()
                  if x.Subtype == "/Image"]
        assert [str(x.ColorSpace) for x in images] == ["/DeviceCMYK"]
        pixel = np.asarray(pikepdf.PdfImage(images[0]).as_pil_image(), dtype=int)[0, 0]
    assert 280 < pixel.sum() * 100 / 255 <= 300
    assert rendered.media["pdfx_version"] == "PDF/X-4"
    assert 280 < max(rendered.media["max_ink_pct"]) <= 300
    # Ghostscript paints the same ink on the page (no inverted Decode between them).
    (project.root / "p.pdf").write_bytes(rendered.file("print").data)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseTrimBox",
                    "-sDEVICE=tiff32nc", "-r30", "-dFirstPage=1", "-dLastPage=1",
                    f"-sOutputFile={project.root}/p.tif", str(project.root / "p.pdf")],
                   check=True)
    with Image.open(project.root / "p.tif") as page:
        painted = np.asarray(page, dtype=int).sum(axis=2).max() * 100 / 255
    assert abs(painted - rendered.media["max_ink_pct"][0]) <= 1.6


def test_leaflets_are_vietnamese_only(project):
    project.write("specs/leaflets/t.yaml", HEAD.replace("[vi]", "[vi, en]")
                  + '  - paragraph: "A"\n')
    with pytest.raises(SpecErrors, match="languages: leaflets are set in Vietnamese only"):
        load_specs(project.specs)


PRINT = """\
  print_colors:
    background: [0, 100, 81, 4]
    text: [0, 0, 0, 0]
    accent: [0, 17, 100, 0]
"""


def test_print_colors_are_optional_and_read_as_cmyk_percentages(project):
    assert _load(project, '  - paragraph: "A"\n').campaign.brand.print_colors is None
    specs = _load(project, '  - paragraph: "A"\n', PRINT)
    inks = specs.campaign.brand.print_colors
    assert inks.background == (0, 100, 81, 4)
    assert inks.by_hex(specs.campaign.brand.colors)["#FFD400"] == (0, 17, 100, 0)


def test_bad_print_colors_name_the_colour_and_the_problem(project):
    problems = _problems(project, '  - paragraph: "A"\n',
                         PRINT.replace("[0, 100, 81, 4]", "[0, 100, 81]")
                         .replace("[0, 17, 100, 0]", "[0, 17, 180, 0]"))
    assert any(p.endswith("brand.print_colors.background: expected [C, M, Y, K] "
                          "(4 percentages), got 3 values") for p in problems), problems
    assert any("brand.print_colors.accent[2]: 180 % is out of range (0 % to 100 %)" in p
               for p in problems), problems


def test_shipped_print_colors_are_the_documented_rgb_to_cmyk_formula(shipped):
    """specs/campaign.yaml says how its CMYK values were made; they must still be that."""
    def device_cmyk(hex_color: str) -> tuple[int, ...]:
        r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
        k = 1 - max(r, g, b)
        cmy = [0.0, 0.0, 0.0] if k == 1 else [(1 - c - k) / (1 - k) for c in (r, g, b)]
        return tuple(round(100 * v) for v in (*cmy, k))

    brand = shipped.campaign.brand
    for hex_color, inks in brand.print_colors.by_hex(brand.colors).items():
        assert inks == device_cmyk(hex_color), hex_color


def test_check_reports_copy_that_does_not_fit_with_the_line_of_the_block(project):
    """`campaign check`'s preflight lays each size out before anything is built."""
    from pipeline.stages.leaflet.fit import preflight

    long = "Người lao động tự do tham gia bảo hiểm xã hội tự nguyện để có lương hưu. " * 20
    specs = _load(project, "".join(f'  - paragraph: "{long}"\n' for _ in range(8)))
    problems = preflight(plan(specs))
    assert len(problems) == 1
    match = re.fullmatch(r'specs/leaflets/t\.yaml:(\d+):5: blocks: block (\d) \(paragraph "Người '
                         r'lao động tự do…"\) does not fit: panel \'back\', the last, '
                         r'overflows by \d+\.\d mm \(leaflet-a5, toan-quoc\)', str(problems[0]))
    assert match, problems[0]
    assert problems[0].size_name == "leaflet-a5"
    assert int(match[1]) == 6 + int(match[2])          # the block's own line
