"""Banner figures for `make bench`: per asset against a floor, and the whole banner set."""
from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parent.parent
SIZES = ("street-5000x800", "street-10000x2000")
STREET_SIZES = ("street-4000x800", "street-5000x800", "street-5000x1500", "street-6000x1500",
                "street-10000x2000")
REPEAT = 20


def _best(fn):
    return best_of(fn, REPEAT)


def measure_one(size_name: str) -> dict:
    """Run in a fresh process: warm timings of our painters and of the floor."""
    from PIL import Image
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas

    from pipeline.catalog.sizes import SIZES as CATALOGUE
    from pipeline.media.fonts import resolve_font
    from pipeline.stages.banner.layout import BannerRequest, Colors, layout_slogan
    from pipeline.stages.banner.pdf import render_pdf
    from pipeline.stages.banner.raster import render_preview_and_thumb
    from pipeline.stages.banner.render import normalized

    size = CATALOGUE[size_name]
    display = resolve_font("Be Vietnam Pro ExtraBold").path
    request = normalized(BannerRequest(
        headline="Tham gia bảo hiểm xã hội - Đóng góp hôm nay, an tâm tương lai",
        kicker="Bảo hiểm xã hội - An sinh cho mọi nhà",
        footer=("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH",
                "Đường dây nóng 1900 9068"),
        size=size, colors=Colors("#C8102E", "#FFFFFF", "#FFD400"), display_font=display,
        text_font=resolve_font("Be Vietnam Pro Medium").path, upper=True))
    layout_s, layout = _best(lambda: layout_slogan(request))
    pdf_s, pdf = _best(lambda: render_pdf(layout))
    preview_s, (preview, _thumb) = _best(lambda: render_preview_and_thumb(layout))

    pdfmetrics.registerFont(TTFont("FloorFont", str(display)))
    w_pt = (size.width_mm + 2 * size.bleed_mm) / 25.4 * 72
    h_pt = (size.height_mm + 2 * size.bleed_mm) / 25.4 * 72
    scale = 1 if max(w_pt, h_pt) <= 14400 else 2      # same page limit as ours

    def floor_pdf():
        buffer = io.BytesIO()
        c = rl_canvas.Canvas(buffer, pagesize=(w_pt / scale, h_pt / scale), invariant=1,
                             initialFontName="FloorFont")
        c.setFillColorRGB(0.78, 0.06, 0.18)
        c.rect(0, 0, w_pt / scale, h_pt / scale, fill=1, stroke=0)
        c.setFont("FloorFont", 200 / scale)
        c.setFillColorRGB(1, 1, 1)
        c.drawString(50, h_pt / scale / 2, request.headline)
        c.showPage()
        c.save()
        return buffer.getvalue()

    floor_pdf_s, _ = _best(floor_pdf)
    preview_px = preview.pixel_size

    def floor_preview():
        image = Image.new("RGB", preview_px, (200, 16, 46))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=88)
        return buffer.getvalue()

    floor_preview_s, _ = _best(floor_preview)
    return {
        "size": size_name, "layout_s": layout_s, "pdf_s": pdf_s, "pdf_bytes": len(pdf.data),
        "preview_s": preview_s, "preview_px": list(preview_px),
        "floor_pdf_s": floor_pdf_s, "floor_preview_s": floor_preview_s,
        "user_unit": pdf.user_unit,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_banners(rows: list[str]) -> None:
    for size_name in SIZES:
        out = subprocess.run([sys.executable, __file__, "one", size_name], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        m = json.loads(out)
        ours = m["layout_s"] + m["pdf_s"] + m["preview_s"]
        floor = m["floor_pdf_s"] + m["floor_preview_s"]
        rows.append(
            f"| banner | {size_name}: layout {m['layout_s'] * 1000:.1f} ms + PDF "
            f"{m['pdf_s'] * 1000:.1f} ms ({m['pdf_bytes'] / 1024:.0f} kB, UserUnit "
            f"{m['user_unit']}) + preview {m['preview_s'] * 1000:.1f} ms "
            f"({m['preview_px'][0]}x{m['preview_px'][1]}); floor PDF "
            f"{m['floor_pdf_s'] * 1000:.1f} ms + preview {m['floor_preview_s'] * 1000:.1f} "
            f"ms; peak RSS {m['peak_rss_mb']:.0f} MB | **{ours / floor:.2f}x floor** "
            f"(target ≤ 3x) |")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pipeline", "build", "specs", "--kind", "banner",
               "-j", "2", "--out", tmp]
        for size_name in STREET_SIZES:
            cmd += ["--size", size_name]
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise SystemExit(result.stderr[-2000:])
        jobs = result.stdout.split("Built ")[1].split(",")[0]
    rows.append(f"| banner | whole street banner set (12 messages x 63 provinces x 5 street "
                f"sizes = {jobs} assets, PDF + preview + thumbnail), -j 2 | "
                f"**{seconds:.1f} s** (target < 300 s) |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        print(json.dumps(measure_one(sys.argv[2])))
