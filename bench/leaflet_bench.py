"""Leaflet figures for `make bench`: a warm render against a floor, and the whole set.

Warm render: in a fresh process, the stage is warmed as a worker would be (fonts, imports)
and renders one province's job once; then the best of REPEAT renders of the same job
(PDF + one PNG per page + thumbnail). Floor, in the same process: bare reportlab drawing
the same pages (same sheet size, same fonts, the same text per panel broken into lines by
textwrap, no layout), written to PDF with the same settings and rasterized by the same
pdfium call, so the floor is the cost of the output itself.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parent.parent
PRODUCTS = ("an-sinh-cho-moi-nha", "voluntary-freelancers")
PROVINCE = "quang-ninh"
REPEAT = 7


def _best(fn):
    return best_of(fn, REPEAT)


def _job(product: str):
    from pipeline.build.plan import Selection, plan
    from pipeline.spec.load import load_specs
    from pipeline.stages.builtin import register_builtin

    register_builtin()
    specs = load_specs(ROOT / "specs")
    selection = Selection(kinds=("leaflet",), products=(product,), provinces=(PROVINCE,))
    return plan(specs, selection)[0]


def _floor(media: dict, display: str, text: str) -> bytes:
    """The same pages, bare: each panel's text wrapped by character count, drawn line by
    line in the brand fonts, on pages of the same size with the same PDF settings."""
    from reportlab.pdfgen import canvas as rl_canvas

    from pipeline.stages.leaflet.preview import render_previews

    mm = 72 / 25.4
    width, height = (v + 20 for v in media["page_mm"])
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=(width * mm, height * mm), invariant=1,
                              pageCompression=1, initialFontName=text, lang="vi-VN")
    for page in range(1, media["pages"] + 1):
        for panel in (p for p in media["panels"] if p["page"] == page):
            y = (height - 25) * mm
            chars = int(panel["width_mm"] * 0.45)
            for index, block in enumerate(panel["text"]):
                canvas.setFont(display if index == 0 else text, 10)
                for line in textwrap.wrap(block, chars):
                    canvas.drawString((10 + panel["x_mm"] + 8) * mm, y, line)
                    y -= 14
        canvas.showPage()
    pdf = canvas.getpdfdata()
    render_previews(pdf)
    return pdf


def measure_one(product: str) -> dict:
    """Run in a fresh process: cold, warm and floor timings of one leaflet job."""
    start = time.perf_counter()
    from pipeline.media.pdf_fonts import register_ttf
    from pipeline.stages.leaflet import STAGE, request_for
    from pipeline.stages.leaflet.pdf import render_pdf
    from pipeline.stages.leaflet.preview import render_previews
    from pipeline.stages.leaflet.render import layout

    job = _job(product)
    STAGE.warm(request_for(job))
    first = STAGE.render_job(job)
    cold_s = time.perf_counter() - start
    warm_s, rendered = _best(lambda: STAGE.render_job(job))
    request = request_for(job)
    layout_s, placed = _best(lambda: layout(request))
    pdf_s, pdf = _best(lambda: render_pdf(placed.sheet, placed.placed, placed.look,
                                          request.meta))
    preview_s, _ = _best(lambda: render_previews(pdf))
    display = register_ttf(str(request.display_font))
    text = register_ttf(str(request.text_font))
    floor_s, floor_pdf = _best(lambda: _floor(rendered.media, display, text))
    assert [f.data for f in first.files] == [f.data for f in rendered.files]
    return {"product": product, "size": job.size_name, "cold_s": cold_s, "warm_s": warm_s,
            "layout_s": layout_s, "pdf_s": pdf_s, "preview_s": preview_s,
            "floor_s": floor_s, "pdf_bytes": len(pdf), "floor_bytes": len(floor_pdf)}


def bench_leaflets(rows: list[str]) -> None:
    for product in PRODUCTS:
        out = subprocess.run([sys.executable, __file__, "one", product], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        m = json.loads(out)
        rows.append(
            f"| leaflet | {m['product']} ({m['size']}), warm render (best of {REPEAT}): "
            f"layout {m['layout_s'] * 1000:.1f} ms + PDF {m['pdf_s'] * 1000:.1f} ms "
            f"({m['pdf_bytes'] / 1024:.0f} kB) + previews {m['preview_s'] * 1000:.1f} ms; "
            f"cold {m['cold_s']:.2f} s; floor (bare reportlab, same pages, same previews) "
            f"{m['floor_s'] * 1000:.1f} ms | **{m['warm_s'] * 1000:.0f} ms** (target < 300 ms), "
            f"{m['warm_s'] / m['floor_s']:.2f}x floor |")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pipeline", "build", "specs", "--kind", "leaflet",
               "-j", "2", "--out", tmp]
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(result.stderr[-2000:])
        jobs = result.stdout.split("Built ")[1].split(",")[0]
    rows.append(f"| leaflet | whole leaflet set (2 products x 63 provinces = {jobs} jobs, "
                f"PDF + page previews + thumbnail), -j 2 | **{seconds:.1f} s** |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        print(json.dumps(measure_one(sys.argv[2])))
