"""What a banner PDF says about itself to a print shop: the document metadata, and a job
line printed in the bleed beyond the artwork's top edge (cut off with the bleed).

The job line names product, province, language, finished size, hem and pole-pocket
allowance, the UserUnit scale on pages drawn smaller, and a digest of the artwork, so a
shop holding 63 provinces of near-identical red banners can tell each sheet apart.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.catalog.sizes import Size
from pipeline.media.fonts import font_metrics
from pipeline.media.pdf_info import DocumentInfo
from pipeline.text.localized import in_language
from pipeline.text.vietnamese import format_number, nfc

from .layout import BannerLayout, PlacedLine, PrintLabel

LANG_TAGS = {"vi": "vi-VN", "en": "en"}
NATIONAL_VI = "Toàn quốc"
SEPARATOR = "  ·  "

# Where the job line may go, in the bleed above the frame's top edge. It keeps clear of
# the trim by a share of the bleed (a large-format cut can wander a few mm) and of the
# page edge, where some RIPs clip.
CLEAR_OF_TRIM_SHARE = 0.4
CLEAR_OF_TRIM_MIN_MM = 3.0
CLEAR_OF_EDGE_SHARE = 0.1
INSET_MM = 10.0            # from the trim's side edges: clear of the crop marks
MAX_EM_MM = 6.0            # about 17 pt: read at arm's length on the print-shop floor
MIN_EM_MM = 2.0            # about 5.7 pt: smaller is not read; then there is no job line
DIGEST_HEX = 8


def label_for(job) -> PrintLabel:
    """The print label of a planned banner job."""
    campaign, lang = job.campaign, job.lang
    province = job.province
    return PrintLabel(
        product_id=job.product.id, size_name=job.size_name, province_slug=job.province_slug,
        province_name=nfc(province.name) if province else NATIONAL_VI, lang=lang,
        organization=nfc(in_language(campaign.organization, lang)),
        theme=nfc(in_language(campaign.theme, lang)),
        created=campaign.window_start)


def document_info(label: PrintLabel, headline: str) -> DocumentInfo:
    return DocumentInfo(
        title=f"{headline} — {label.product_id}", author=label.organization,
        subject=label.theme,
        keywords=(label.product_id, label.size_name, label.province_slug, label.lang),
        lang=LANG_TAGS.get(label.lang, label.lang), created=label.created)


def artwork_digest(layout: BannerLayout, inks: dict | None = None) -> str:
    """First hex digits of a SHA-256 of everything painted inside the bleed: two versions
    of a banner differ here exactly when their artwork differs."""
    painted = {
        "size": layout.size.name, "rotated": layout.rotated, "background": layout.background,
        "fills": [(f.x0_mm, f.y0_mm, f.x1_mm, f.y1_mm, f.color) for f in layout.fills],
        "lines": [(line.role, line.text, Path(line.font).name, line.em_mm, line.x_mm,
                   line.baseline_mm, line.color) for line in layout.lines],
        "inks": sorted((k, list(v)) for k, v in (inks or {}).items()),
    }
    # Rounded to a micrometre: float noise between platforms must not change the digest.
    canonical = json.dumps(_rounded(painted), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:DIGEST_HEX]


def _rounded(value):
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def mm_text(value: float) -> str:
    """A length in Vietnamese number format: 10.000, 87,5."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def allowance_text(size: Size) -> str:
    """Hems and pole pockets in both languages: what the shop sews or welds."""
    parts = []
    if size.hem_mm:
        parts.append(f"mép may/hem {mm_text(size.hem_mm)} mm")
    if size.pocket_mm:
        parts.append(f"túi luồn cán/pole pocket {mm_text(size.pocket_mm)} mm trên + dưới/"
                     "top + bottom")
    return ", ".join(parts) or "không may mép/no hem"


def scale_text(user_unit: int) -> str:
    n = user_unit
    return (f"vẽ tỉ lệ 1:{n} — in gấp {n} lần (UserUnit {n}) / "
            f"drawn at 1:{n} — print at {n}× (UserUnit {n})")


def job_line_text(label: PrintLabel, size: Size, user_unit: int, digest: str) -> str:
    parts = [label.product_id, f"{label.province_name} ({label.province_slug})", label.lang,
             f"{size.name}: thành phẩm/finished {mm_text(size.width_mm)} × "
             f"{mm_text(size.height_mm)} mm",
             f"tràn lề/bleed {mm_text(size.bleed_mm)} mm", allowance_text(size)]
    if user_unit > 1:
        parts.append(scale_text(user_unit))
    parts.append(f"mã/digest {digest}")
    return SEPARATOR.join(parts)


def place_job_line(text: str, layout: BannerLayout, font: Path, color: str
                   ) -> PlacedLine | None:
    """The job line in the bleed above the frame's top edge, in frame millimetres; None
    when the bleed is too narrow to hold it legibly (posters' 3 mm: see docs/banners.md)."""
    bleed = layout.size.bleed_mm
    clear = max(CLEAR_OF_TRIM_MIN_MM, CLEAR_OF_TRIM_SHARE * bleed)
    band = bleed - clear - CLEAR_OF_EDGE_SHARE * bleed
    metrics = font_metrics(font)
    top_em, bottom_em = metrics.ink_em(text)
    width_mm = layout.frame_w_mm - 2 * INSET_MM
    if band <= 0 or width_mm <= 0:
        return None
    em = min(MAX_EM_MM, band / (top_em + bottom_em), width_mm / metrics.advance_em(text))
    if em < MIN_EM_MM:
        return None
    baseline = layout.frame_h_mm + clear + bottom_em * em
    return PlacedLine(
        role="job", text=text, font=font, em_mm=em, x_mm=INSET_MM, baseline_mm=baseline,
        width_mm=metrics.advance_em(text) * em, ink_top_mm=baseline + top_em * em,
        ink_bottom_mm=baseline - bottom_em * em, pad_mm=0.0,
        cap_height_mm=metrics.cap_height_em * em, color=color,
        runs=tuple((dx * em, run) for dx, run in metrics.runs(text)))
