"""PDF/X figures for `make bench`: what making a print PDF PDF/X-4 costs per file.

For one Quảng Ninh job of each shipped print size (banners) and each leaflet: the best of
REPEAT warm runs of reportlab's PDF alone, of `to_pdfx4` on it (output intent, XMP, boxes
and fonts checked, ink coverage walked), of the ink walk alone, and the bytes before and
after; then the cost for the campaign's print PDFs on 2 workers. For comparison, what
measuring the ink by rendering would cost instead: Ghostscript's CMYK rendering of the
trim (tiff32nc), one process per file as a build would need it.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from timing import best_of

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = "quang-ninh"
REPEAT = 5
WORKERS = 2


def _sources():
    """(name, reportlab-only PDF maker) for one job of each print size and each leaflet."""
    from pipeline.build.plan import Selection, plan
    from pipeline.spec.load import load_specs
    from pipeline.stages import STAGES
    from pipeline.stages.banner.pdf import render_pdf as banner_pdf
    from pipeline.stages.banner.render import layout_for
    from pipeline.stages.builtin import register_builtin
    from pipeline.stages.leaflet.pdf import render_pdf as leaflet_pdf
    from pipeline.stages.leaflet.render import layout

    register_builtin()
    specs = load_specs(ROOT / "specs")
    jobs = plan(specs, Selection(kinds=("banner", "leaflet"), provinces=(PROVINCE,)))
    seen, sources = set(), []
    for job in jobs:
        if job.size.is_screen or (job.kind, job.size_name) in seen:
            continue
        seen.add((job.kind, job.size_name))
        req = STAGES[job.kind].request(job)
        if job.kind == "banner":
            sources.append(("banner", job.size_name, lambda r=req: banner_pdf(
                layout_for(r), crop_marks=r.crop_marks, inks=dict(r.inks),
                label=r.print_label).data))
        else:
            def make(r=req):
                result = layout(r)
                return leaflet_pdf(result.sheet, result.placed, result.look, r.meta)
            sources.append(("leaflet", job.size_name, make))
    every = plan(specs, Selection(kinds=("banner", "leaflet")))
    counts = {kind: sum(1 for j in every if j.kind == kind and not j.size.is_screen)
              for kind in ("banner", "leaflet")}
    return sources, counts


def _gs_seconds(data: bytes, dpi: int) -> float | None:
    gs = shutil.which("gs")
    if gs is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.pdf"
        path.write_bytes(data)
        start = time.perf_counter()
        subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dUseTrimBox",
                        "-sDEVICE=tiff32nc", f"-r{dpi}", f"-sOutputFile={tmp}/p-%d.tif",
                        str(path)], check=True, capture_output=True)
        return time.perf_counter() - start


def bench_pdfx(rows: list[str]) -> None:
    import pikepdf

    from pipeline.media.ink_coverage import page_ink
    from pipeline.media.pdfx import to_pdfx4

    sources, counts = _sources()
    convert_ms: dict[str, list[float]] = {"banner": [], "leaflet": []}
    for kind, name, make in sources:
        drawn_s, pdf = best_of(make, REPEAT)
        pdfx_s, result = best_of(lambda p=pdf: to_pdfx4(p), REPEAT)

        def walk(p=pdf):
            with pikepdf.open(io.BytesIO(p)) as doc:
                return page_ink(doc)
        ink_s, _ = best_of(walk, REPEAT)
        # Ghostscript at the resolution the tests hold the ink to (a leaflet's lines whole)
        gs_s = _gs_seconds(result.data, 30 if name.startswith(("poster", "leaflet",
                                                                "brochure")) else 4)
        gs_text = f"{gs_s * 1000:.0f} ms" if gs_s is not None else "gs not installed"
        convert_ms[kind].append(pdfx_s * 1000)
        rows.append(f"| PDF/X-4 | {name}: reportlab PDF {drawn_s * 1000:.1f} ms, "
                    f"{len(pdf) / 1000:.0f} kB; to_pdfx4 (ink walk {ink_s * 1000:.1f} ms) | "
                    f"**{pdfx_s * 1000:.1f} ms**, {len(result.data) / 1000:.0f} kB; "
                    f"rendering the ink instead: {gs_text} |")
    total_ms = sum(counts[k] * sum(v) / len(v) for k, v in convert_ms.items())
    rows.append(f"| PDF/X-4 | the campaign's {counts['banner']:,} banner and "
                f"{counts['leaflet']:,} leaflet print PDFs at their kind's mean, on {WORKERS} "
                f"workers | **{total_ms / 1000 / WORKERS:.1f} s** of a clean build |")
