"""Draws the campaign's template library (the .svg files beside this script).

The SVGs are the product: a designer opens and edits them in Inkscape like any other
template (docs/templates.md). This script is how they were first drawn, so that every
shape of size gets the same design with its slots kept inside that size's hems and safe
margins. Run it again only to redraw the library from scratch:

    .venv/bin/python assets/templates/draw.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from pipeline.catalog.sizes import SIZES  # noqa: E402

RED, DARK, DEEP, YELLOW, WHITE = "#C8102E", "#9E0C24", "#7A0A1C", "#FFD400", "#FFFFFF"
OVER = 0.04          # artwork runs this share past the viewBox, into any bleed

# file -> the sizes it serves (within 2 % of one shape); the first gives the viewBox.
LIBRARY = {
    "bang-ron-5x1.svg": ("wide", ["street-4000x800", "street-10000x2000"]),
    "bang-ron-6x1.svg": ("wide", ["street-5000x800"]),
    "bang-ron-4x1.svg": ("wide", ["street-6000x1500"]),
    "bang-ron-10x3.svg": ("wide", ["street-5000x1500"]),
    "bang-ten-gian-hang.svg": ("wide", ["booth-3000x500"]),
    "the-lien-ket.svg": ("wide", ["social-1200x630"]),
    "phong-san-khau.svg": ("stage", ["stage-8000x4500", "stage-6000x3400"]),
    "co-phuon-3x10.svg": ("tall", ["flag-600x2000"]),
    "co-phuon-8x25.svg": ("tall", ["flag-800x2500"]),
    "co-phuon-1x3.svg": ("tall", ["flag-1000x3000"]),
    "ap-phich.svg": ("photo", ["poster-a3", "poster-a2"]),
    "standee-80.svg": ("photo", ["standee-800x2000"]),
    "standee-85.svg": ("photo", ["standee-850x2000"]),
    "the-vuong.svg": ("photo", ["social-1080x1080"]),
    "bai-dang-4x5.svg": ("photo", ["social-1080x1350"]),
    "tin-9x16.svg": ("photo", ["social-1080x1920"]),
    "bien-de-ban-a5.svg": ("tent", ["tent-a5"]),
}


def margins(names: list[str]) -> tuple[float, float, float, float, float, float]:
    """(W, H, left/right, top, bottom margin) in the first size's mm: the largest share
    any of the sizes keeps clear, plus 1 % so a 2 % shape difference never crosses it."""
    first = SIZES[names[0]]
    w, h = first.width_mm, first.height_mm
    mx = max((s.hem_mm + s.safe_mm) / s.width_mm for s in map(SIZES.get, names)) + 0.01
    my = max((s.hem_mm + s.safe_mm + s.pocket_mm) / s.height_mm
             for s in map(SIZES.get, names)) + 0.01
    return w, h, mx * w, my * h, my * h, min(w, h)


def head(w: float, h: float, title: str) -> list[str]:
    ox, oy = OVER * w, OVER * h
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:g}mm" height="{h:g}mm" '
        f'viewBox="0 0 {w:g} {h:g}">',
        f"  <title>{title}</title>",
        "  <defs>",
        f'    <linearGradient id="nen" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{RED}"/><stop offset="1" stop-color="{DARK}"/>'
        "</linearGradient>",
        "  </defs>",
        f'  <rect id="nen-do" x="{-ox:g}" y="{-oy:g}" width="{w + 2 * ox:g}" '
        f'height="{h + 2 * oy:g}" fill="url(#nen)"/>',
    ]


def rect(ident: str, x, y, w, h, **data) -> str:
    extra = "".join(f' data-{k.replace("_", "-")}="{v}"' for k, v in data.items())
    return (f'  <rect id="{ident}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="none"{extra}/>')


def rays(cx: float, cy: float, r: float, count: int = 9) -> list[str]:
    """A fan of soft rays behind the logo: the 'an sinh' (shelter) motif."""
    import math

    out = []
    for i in range(count):
        a0 = math.radians(-90 + (i - count / 2) * 14)
        a1 = a0 + math.radians(6)
        out.append(f'  <path d="M{cx:.1f} {cy:.1f} L{cx + r * math.cos(a0):.1f} '
                   f'{cy + r * math.sin(a0):.1f} L{cx + r * math.cos(a1):.1f} '
                   f'{cy + r * math.sin(a1):.1f} Z" fill="{WHITE}" fill-opacity="0.06"/>')
    return out


def wide(names: list[str]) -> str:
    w, h, mx, mt, mb, _ = margins(names)
    ox, oy = OVER * w, OVER * h
    band = max(0.32 * h, mb + 0.2 * h)
    out = head(w, h, "Băng rôn: logo, khẩu hiệu, văn phòng và đường dây nóng")
    # The accent wedge at the right end and a white hairline before it.
    wx = w - min(1.35 * h, 0.16 * w)
    out += [f'  <path id="nem-vang" d="M{wx:.1f} {-oy:.1f} L{w + ox:.1f} {-oy:.1f} '
            f'L{w + ox:.1f} {h + oy:.1f} L{wx + 0.35 * h:.1f} {h + oy:.1f} Z" fill="{YELLOW}"/>',
            f'  <path d="M{wx - 0.06 * h:.1f} {-oy:.1f} L{wx - 0.03 * h:.1f} {-oy:.1f} '
            f'L{wx + 0.32 * h:.1f} {h + oy:.1f} L{wx + 0.29 * h:.1f} {h + oy:.1f} Z" '
            f'fill="{WHITE}"/>',
            f'  <rect id="dai-chan" x="{-ox:.1f}" y="{h - band:.1f}" width="{wx + 0.23 * h + ox:.1f}" '
            f'height="{band + oy:.1f}" fill="{DEEP}"/>']
    logo = min(h - band - mt - 0.06 * h, 0.5 * h)
    out += rays(mx + logo / 2, mt + logo / 2, 1.2 * h)
    right = wx - 0.12 * h
    text_x = mx + logo + 0.05 * h
    out.append(rect("image-logo", mx, mt, logo, logo))
    kicker_h = (0.16 if w > 3 * h else 0.24) * (h - band - mt)
    out.append(rect("slot-kicker", text_x, mt, right - text_x, kicker_h, align="left"))
    out.append(rect("slot-headline", text_x, mt + kicker_h + 0.04 * h, right - text_x,
                    h - band - mt - kicker_h - 0.1 * h, align="left", upper="true"))
    row = band - mb + h - h + 0.0
    row_y = h - band + 0.15 * band
    row_h = h - mb - row_y
    out.append(rect("slot-office", mx, row_y, 0.5 * (wx - mx), row_h, align="left",
                    max_lines="2"))
    out.append(rect("slot-hotline", mx + 0.53 * (wx - mx), row_y,
                    0.47 * (wx - mx) - 0.05 * h, row_h, align="right", color="accent"))
    del row
    return "\n".join(out + ["</svg>", ""])


def stage(names: list[str]) -> str:
    w, h, mx, mt, mb, _ = margins(names)
    ox, oy = OVER * w, OVER * h
    out = head(w, h, "Phông sân khấu lễ phát động: logo, tên tháng vận động, khẩu hiệu, ảnh")
    split = 0.62 * w
    out += [f'  <path id="khung-anh" d="M{split:.1f} {-oy:.1f} L{w + ox:.1f} {-oy:.1f} '
            f'L{w + ox:.1f} {h + oy:.1f} L{split - 0.12 * w:.1f} {h + oy:.1f} Z" '
            f'fill="{DEEP}"/>']
    band = 0.16 * h
    out += [f'  <rect id="dai-chan" x="{-ox:.1f}" y="{h - band:.1f}" width="{w + 2 * ox:.1f}" '
            f'height="{band + oy:.1f}" fill="{DEEP}"/>',
            f'  <rect x="{-ox:.1f}" y="{h - band - 0.012 * h:.1f}" width="{w + 2 * ox:.1f}" '
            f'height="{0.012 * h:.1f}" fill="{YELLOW}"/>']
    out += rays(mx + 0.08 * h, mt + 0.08 * h, 0.9 * h)
    photo_x = split + 0.02 * w
    out.append(rect("image-photo", photo_x, mt, w - mx - photo_x, h - band - mt - 0.04 * h))
    logo = 0.16 * h
    out.append(rect("image-logo", mx, mt, logo, logo))
    out.append(rect("slot-organization", mx + logo + 0.02 * w, mt + 0.03 * h,
                    split - 0.14 * w - logo - 0.02 * w, 0.1 * h, align="left", upper="true",
                    max_lines="2"))
    top = mt + logo + 0.05 * h
    out.append(rect("slot-kicker", mx, top, split - 0.14 * w - mx, 0.07 * h, align="left"))
    out.append(rect("slot-headline", mx, top + 0.09 * h, split - 0.14 * w - mx,
                    h - band - top - 0.17 * h, align="left", upper="true"))
    row_y = h - band + 0.2 * band
    row_h = h - mb - row_y
    out.append(rect("slot-dates", mx, row_y, 0.3 * w, row_h, align="left"))
    out.append(rect("slot-office", mx + 0.32 * w, row_y, 0.33 * w, row_h, max_lines="2"))
    out.append(rect("slot-hotline", 0.67 * w, row_y, w - mx - 0.67 * w, row_h, align="right",
                    color="accent"))
    return "\n".join(out + ["</svg>", ""])


def tall(names: list[str]) -> str:
    w, h, mx, mt, mb, _ = margins(names)
    ox, oy = OVER * w, OVER * h
    out = head(w, h, "Cờ phướn: logo, khẩu hiệu dọc, đường dây nóng")
    out += [f'  <path id="nem-vang" d="M{-ox:.1f} {h - mb - 0.2 * h:.1f} L{w + ox:.1f} '
            f'{h - mb - 0.26 * h:.1f} L{w + ox:.1f} {h + oy:.1f} L{-ox:.1f} {h + oy:.1f} Z" '
            f'fill="{YELLOW}"/>',
            f'  <path id="dai-chan" d="M{-ox:.1f} {h - mb - 0.17 * h:.1f} L{w + ox:.1f} '
            f'{h - mb - 0.23 * h:.1f} L{w + ox:.1f} {h + oy:.1f} L{-ox:.1f} {h + oy:.1f} Z" '
            f'fill="{DEEP}"/>']
    inner = w - 2 * mx
    out += rays(w / 2, mt + inner * 0.35, 0.9 * h)
    logo = 0.7 * inner
    out.append(rect("image-logo", (w - logo) / 2, mt, logo, logo))
    top = mt + logo + 0.04 * h
    out.append(rect("slot-headline", mx, top, inner, h - mb - 0.26 * h - top, upper="true"))
    out.append(rect("slot-hotline", mx, h - mb - 0.13 * h, inner, 0.13 * h - 0.01 * h,
                    color="accent", max_lines="3"))
    return "\n".join(out + ["</svg>", ""])


def photo(names: list[str]) -> str:
    w, h, mx, mt, mb, _ = margins(names)
    ox, oy = OVER * w, OVER * h
    out = head(w, h, "Áp phích / standee / thẻ mạng xã hội: logo, ảnh, khẩu hiệu, liên hệ")
    inner = w - 2 * mx
    photo_top = 0.40 * h
    photo_h = 0.30 * h
    out += [f'  <path id="nen-anh" d="M{-ox:.1f} {photo_top - 0.03 * h:.1f} L{w + ox:.1f} '
            f'{photo_top - 0.06 * h:.1f} L{w + ox:.1f} {photo_top + photo_h + 0.03 * h:.1f} '
            f'L{-ox:.1f} {photo_top + photo_h + 0.06 * h:.1f} Z" fill="{YELLOW}"/>']
    out.append(rect("image-photo", -ox, photo_top, w + 2 * ox, photo_h))
    out += [f'  <rect id="dai-chan" x="{-ox:.1f}" y="{photo_top + photo_h + 0.065 * h:.1f}" '
            f'width="{w + 2 * ox:.1f}" height="{h - photo_top - photo_h - 0.065 * h + oy:.1f}" '
            f'fill="{DEEP}"/>']
    logo = min(0.1 * h, 0.24 * inner)
    out.append(rect("image-logo", mx, mt, logo, logo))
    out.append(rect("slot-organization", mx + logo + 0.03 * w, mt, inner - logo - 0.03 * w,
                    logo, align="left", upper="true", max_lines="2"))
    top = mt + logo + 0.02 * h
    out.append(rect("slot-headline", mx, top, inner, photo_top - 0.07 * h - top,
                    upper="true", align="left"))
    row = photo_top + photo_h + 0.09 * h
    rest = h - mb - row
    out.append(rect("slot-kicker", mx, row, inner, 0.3 * rest, color="accent", align="left"))
    out.append(rect("slot-office", mx, row + 0.36 * rest, inner, 0.26 * rest, align="left",
                    max_lines="2"))
    out.append(rect("slot-hotline", mx, row + 0.66 * rest, inner, 0.34 * rest, align="left",
                    color="accent"))
    return "\n".join(out + ["</svg>", ""])


def tent(names: list[str]) -> str:
    w, h, mx, mt, mb, _ = margins(names)
    ox, oy = OVER * w, OVER * h
    out = head(w, h, "Biển để bàn A5: logo, lời mời, đường dây nóng và mã QR gọi nhanh")
    inner = w - 2 * mx
    out += [f'  <rect id="dai-chan" x="{-ox:.1f}" y="{0.56 * h:.1f}" width="{w + 2 * ox:.1f}" '
            f'height="{0.44 * h + oy:.1f}" fill="{DEEP}"/>',
            f'  <rect x="{-ox:.1f}" y="{0.55 * h:.1f}" width="{w + 2 * ox:.1f}" '
            f'height="{0.012 * h:.1f}" fill="{YELLOW}"/>']
    logo = 0.2 * inner
    out.append(rect("image-logo", mx, mt, logo, logo))
    out.append(rect("slot-organization", mx + logo + 0.04 * w, mt, inner - logo - 0.04 * w,
                    logo, align="left", upper="true", max_lines="2"))
    top = mt + logo + 0.03 * h
    out.append(rect("slot-headline", mx, top, inner, 0.53 * h - top, upper="true"))
    qr = 0.42 * inner
    out.append(rect("qr-hotline", mx, 0.6 * h, qr, qr))
    out.append(rect("slot-kicker", mx + qr + 0.05 * w, 0.6 * h, inner - qr - 0.05 * w,
                    qr * 0.45, align="left", color="accent", max_lines="3"))
    out.append(rect("slot-hotline", mx + qr + 0.05 * w, 0.6 * h + qr * 0.5,
                    inner - qr - 0.05 * w, qr * 0.5, align="left", max_lines="2"))
    out.append(rect("slot-office", mx, 0.6 * h + qr + 0.03 * h, inner,
                    h - mb - (0.6 * h + qr + 0.03 * h), align="left", max_lines="2"))
    return "\n".join(out + ["</svg>", ""])


DESIGNS = {"wide": wide, "stage": stage, "tall": tall, "photo": photo, "tent": tent}


def main() -> None:
    for name, (design, sizes) in LIBRARY.items():
        (HERE / name).write_text(DESIGNS[design](sizes), encoding="utf-8")
        print("drew", name, "for", ", ".join(sizes))


if __name__ == "__main__":
    main()
