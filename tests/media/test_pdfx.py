"""Every print PDF a build ships is PDF/X-4 by tools we did not write: qpdf finds no
structural error, Ghostscript renders every page without a warning, a checker written from
ISO 15930-7 (pdfx_rules.py) finds nothing, and the ink coverage the manifest records is
what Ghostscript's CMYK rendering paints inside the trim."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from pdfx_rules import problems
from PIL import Image
from reportlab.lib import colors
from reportlab.pdfgen import canvas as rl_canvas

from pipeline.catalog.sizes import SIZES
from pipeline.media.fonts import resolve_font
from pipeline.media.pdf_fonts import register_ttf
from pipeline.media.pdf_info import DocumentInfo, apply_info
from pipeline.media.pdfx import FOGRA39_300, PdfxError, to_pdfx4
from pipeline.stages import StageError
from pipeline.stages.banner.layout import PrintLabel
from pipeline.stages.banner.render import BannerRequest, Colors, render_banner

ROOT = Path(__file__).resolve().parents[2]
PRINT_FAMILIES = ("street", "flag", "pano", "poster", "stage", "standee", "booth", "tent")
INKS = (("#C8102E", (0.0, 92.0, 77.0, 22.0)), ("#FFD400", (0.0, 17.0, 100.0, 0.0)),
        ("#FFFFFF", (0.0, 0.0, 0.0, 0.0)))
LABEL = PrintLabel(product_id="keep-your-pension", size_name="poster-a3",
                   province_slug="quang-ninh", province_name="Quảng Ninh", lang="vi",
                   organization="Bảo hiểm xã hội Việt Nam",
                   theme="Bảo hiểm xã hội - An sinh cho mọi nhà",
                   created=dt.date(2024, 5, 6))


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: `make .venv/.installed-test` installs it"
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict[str, dict]]:
    """Quảng Ninh's banners (every shipped print size, the 6 m and 10 m ones with
    /UserUnit, the SVG templates' with gradients and a photo, the outreach kit) and
    leaflets, as `campaign build` ships them; PDF path -> media facts."""
    out = tmp_path_factory.mktemp("print")
    for kind in ("banner", "leaflet"):
        subprocess.run([sys.executable, "-m", "pipeline", "build", "specs", "--out", str(out),
                        "--province", "quang-ninh", "--kind", kind, "-j", "1"],
                       cwd=ROOT, check=True, capture_output=True, timeout=300,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    pdfs = {out / e["path"]: e["media"] for e in manifest["assets"]
            if e["role"] == "print" and e["path"].endswith(".pdf")}
    return out, pdfs


@pytest.fixture(scope="module")
def every_size(fonts) -> dict[str, tuple[bytes, dict]]:
    """One labelled CMYK banner of every print size in the catalogue, panos included."""
    display, text = fonts
    result = {}
    for name, size in SIZES.items():
        if size.family in PRINT_FAMILIES:
            req = BannerRequest(
                headline="Tham gia bảo hiểm xã hội tự nguyện", kicker="An sinh xã hội",
                footer=("BẢO HIỂM XÃ HỘI VIỆT NAM", "Đường dây nóng 1900 9068"), size=size,
                colors=Colors("#C8102E", "#FFFFFF", "#FFD400"), display_font=display,
                text_font=text, inks=INKS, product="p",
                print_label=dataclasses.replace(LABEL, size_name=name))
            rendered = render_banner(req)
            result[name] = (rendered.file("print").data, rendered.media)
    return result


@pytest.fixture(scope="module")
def fonts():
    return (resolve_font("Be Vietnam Pro ExtraBold").path,
            resolve_font("Be Vietnam Pro Medium").path)


def all_pdfs(built, every_size, tmp_path) -> dict[str, tuple[bytes, dict]]:
    files = {p.name: (p.read_bytes(), media) for p, media in built[1].items()}
    files.update({f"size {n}": v for n, v in every_size.items()})
    return files


def test_the_build_ships_every_print_family_as_pdfx(built):
    _, pdfs = built
    names = " ".join(p.name for p in pdfs)
    for part in ("street-10000x2000", "street-6000x1500", "flag-", "poster-a3",
                 "stage-8000x4500", "standee-", "booth-", "tent-a5",       # the outreach kit
                 "protect-every-family_poster-a3",                         # a template's photo
                 "leaflet-a5", "brochure-a4-trifold"):
        assert part in names
    assert {m["pdfx_version"] for m in pdfs.values()} == {"PDF/X-4"}
    assert {m["output_profile"] for m in pdfs.values()} == {FOGRA39_300.profile_name}
    assert {m["ink_limit_pct"] for m in pdfs.values()} == {300.0}


def test_qpdf_finds_no_error_in_any_print_pdf(built, every_size, tmp_path):
    qpdf = tool("qpdf")
    failures = []
    for name, (data, _) in all_pdfs(built, every_size, tmp_path).items():
        path = tmp_path / "check.pdf"
        path.write_bytes(data)
        run = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        if run.returncode != 0 or "No syntax or stream encoding errors" not in run.stdout:
            failures.append(f"{name}: {run.stdout.strip()} {run.stderr.strip()}")
    assert failures == []


@pytest.fixture(scope="module")
def rendered(built, every_size, tmp_path_factory) -> dict[str, tuple[list[str], list, list]]:
    """Ghostscript's CMYK rendering of one built PDF of each size (the products of a size
    differ only in their words), the SVG template product's, every leaflet and every
    catalogue size: name ->
    (what gs said, the recorded max_ink_pct, each page's rendered max C+M+Y+K)."""
    gs, tmp = tool("gs"), tmp_path_factory.mktemp("gs")
    chosen: dict[str, tuple[bytes, dict]] = {}
    for path, media in sorted(built[1].items()):
        size = path.stem.split("_")[1]
        templated = path.name.startswith("protect-every-family")     # SVG art and a photo
        if size not in {n.split("_")[1] for n in chosen} or "leaflet" in path.parts[-3] \
                or templated:
            chosen[path.name] = (path.read_bytes(), media)
    chosen.update({f"size_{n}": v for n, v in every_size.items()})
    result = {}
    for name, (data, media) in chosen.items():
        # The trim only, at a resolution that keeps a leaflet's text lines whole.
        dpi = 4 if SIZES.get(name.split("_")[1], SIZES["poster-a3"]).width_mm > 700 else 30
        said, pages = gs_render(gs, data, tmp, dpi)
        result[name] = (said, media["max_ink_pct"], pages)
    return result


def gs_render(gs: str, data: bytes, tmp: Path, dpi: int) -> tuple[list[str], list[float]]:
    """What Ghostscript says rendering every page inside its trim (stopping at any warning),
    and each page's highest C+M+Y+K in percent."""
    path = tmp / "render.pdf"
    path.write_bytes(data)
    run = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR",
                          "-dPDFSTOPONWARNING", "-dUseTrimBox", "-sDEVICE=tiff32nc",
                          f"-r{dpi}", f"-sOutputFile={tmp}/page-%d.tif", str(path)],
                         capture_output=True, text=True)
    said = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    if run.returncode:
        said.append(f"exit {run.returncode}")
    pages = []
    for n in range(1, len(list(tmp.glob("page-*.tif"))) + 1):
        page = tmp / f"page-{n}.tif"
        with Image.open(page) as image:
            assert image.mode == "CMYK"
            pages.append(float(np.asarray(image, dtype=int).sum(axis=2).max()) * 100 / 255)
        page.unlink()
    return said, pages


def test_ghostscript_renders_every_page_without_a_word(rendered):
    assert {name: said for name, (said, _, pages) in rendered.items() if said or not pages} \
        == {}
    assert any("brochure" in name for name in rendered)
    assert "size_pano-6000x3000" in rendered


def test_every_print_pdf_meets_the_pdfx4_rules(built, every_size, tmp_path):
    found = {name: problems(data)
             for name, (data, _) in all_pdfs(built, every_size, tmp_path).items()}
    assert {name: p for name, p in found.items() if p} == {}


def test_the_recorded_ink_coverage_is_what_ghostscript_paints(rendered):
    """Within two 8-bit steps: the flat inks are the same numbers in both."""
    for name, (_, recorded, pages) in rendered.items():
        assert len(recorded) == len(pages), name
        assert all(abs(a - b) <= 1.6 for a, b in zip(recorded, pages)), (name, recorded, pages)
    # The brand red's footer shade (0/92/77/57) is the darkest ink a banner paints.
    assert rendered["size_poster-a3"][1] == [226.0]


def _cmyk_pdf(c: float, m: float, y: float, k: float, rgb: bool = False,
              font: str | None = "brand") -> bytes:
    """A one-page A6 print PDF painted in one colour, trim 3 mm inside the page; `font`
    None leaves reportlab's base-14 Helvetica, which no file embeds."""
    out = io.BytesIO()
    w, h = 111 * 2.835, 154 * 2.835
    trim = (8.5, 8.5, w - 8.5, h - 8.5)
    initial = register_ttf(str(resolve_font("Be Vietnam Pro Medium").path)) if font else None
    canvas = rl_canvas.Canvas(out, pagesize=(w, h), invariant=1, trimBox=trim,
                              bleedBox=(0, 0, w, h), initialFontName=initial)
    apply_info(canvas, DocumentInfo("Thử mực", "BHXH", "thử", (), "vi-VN",
                                    dt.date(2024, 1, 1)))
    canvas.setFillColor(colors.Color(1, 0, 0) if rgb else colors.CMYKColor(c, m, y, k))
    canvas.rect(20, 20, 100, 100, stroke=0, fill=1)
    canvas.setStrokeColor(colors.CMYKColor(1, 1, 1, 1))      # a mark in the bleed only
    canvas.line(0, 4, 6, 4)
    canvas.showPage()
    return canvas.getpdfdata()


def test_a_page_over_the_profiles_ink_limit_is_an_error_naming_the_page():
    with pytest.raises(PdfxError, match=r"page 1: total area coverage 350 % is over the "
                                        r"300 % limit of FOGRA39"):
        to_pdfx4(_cmyk_pdf(1, 1, 1, 0.5))


def test_registration_marks_outside_the_trim_do_not_count():
    assert to_pdfx4(_cmyk_pdf(0.2, 0.3, 0.4, 0.1)).facts["max_ink_pct"] == [100.0]


def test_rgb_on_a_cmyk_print_page_is_refused():
    with pytest.raises(PdfxError, match=r"page 1: an RGB colour \(rg 1 0 0\)"):
        to_pdfx4(_cmyk_pdf(0, 0, 0, 0, rgb=True))


def test_a_banner_whose_inks_are_too_dark_fails_naming_the_product_and_page(fonts):
    display, text = fonts
    req = BannerRequest(headline="Tham gia bảo hiểm", kicker="An sinh",
                        footer=("BHXH VIỆT NAM",), size=SIZES["poster-a3"],
                        colors=Colors("#C8102E", "#FFFFFF", "#FFD400"), display_font=display,
                        text_font=text, product="dark", print_label=LABEL,
                        inks=(("#C8102E", (90.0, 100.0, 100.0, 40.0)), *INKS[1:]))
    with pytest.raises(StageError, match=r"dark: page 1: total area coverage 330 %"):
        render_banner(req)


def test_a_font_not_embedded_is_refused():
    with pytest.raises(PdfxError, match=r"page 1: font /F1 \(/Helvetica\) is not embedded"):
        to_pdfx4(_cmyk_pdf(0.2, 0.3, 0.4, 0.1, font=None))


def test_the_conversion_is_deterministic_and_keeps_what_was_drawn():
    source = _cmyk_pdf(0.2, 0.3, 0.4, 0.1)
    first, second = to_pdfx4(source).data, to_pdfx4(source).data
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf, pikepdf.open(io.BytesIO(source)) as before:
        assert pdf.pages[0].Contents.read_bytes() == before.pages[0].Contents.read_bytes()
        profile = pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    assert profile == FOGRA39_300.profile_path.read_bytes()


def test_the_checker_catches_what_a_plain_pdf_lacks():
    """The rules are not vacuous: reportlab's own PDF, before conversion, breaks them."""
    found = problems(_cmyk_pdf(0.2, 0.3, 0.4, 0.1))
    assert "6.2.3: 0 OutputIntents with /S /GTS_PDFX (need 1)" in found
    assert "6.7: XMP pdfxid:GTS_PDFXVersion is not PDF/X-4" in found
    assert any(p.startswith("6.2.4: page 1: DeviceRGB") for p in problems(
        _with_intent(_cmyk_pdf(0, 0, 0, 0, rgb=True))))


def _with_intent(pdf: bytes) -> bytes:
    """An RGB page given a CMYK output intent by hand, as a careless writer might."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        profile = pikepdf.Stream(doc, FOGRA39_300.profile_path.read_bytes())
        profile.stream_dict = pikepdf.Dictionary(N=4)
        doc.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            S=pikepdf.Name.GTS_PDFX, OutputConditionIdentifier="FOGRA39",
            DestOutputProfile=profile)])
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()


def test_the_profile_is_the_cmyk_output_profile_we_name():
    from PIL import ImageCms

    profile = ImageCms.getOpenProfile(str(FOGRA39_300.profile_path))
    assert ImageCms.getProfileDescription(profile).strip() == FOGRA39_300.profile_name
    data = FOGRA39_300.profile_path.read_bytes()
    assert (data[12:16], data[16:20]) == (b"prtr", b"CMYK")
