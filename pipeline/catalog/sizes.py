"""The named size catalogue: physical formats for print, pixel formats for screens.

Sources and reasoning for every figure are in docs/sizes.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# Print rasters are opt-in (`raster: true` in a banner spec): the vector PDF is what
# shops print from, and a 30 Mpx PNG per province would make a full build take hours.
# Above this size a raster is refused even when asked for.
RASTER_LIMIT_PX = 60_000_000


@dataclass(frozen=True)
class Size:
    name: str
    family: str                  # street | flag | pano | poster | stage | standee | booth |
                                 # tent | led | social | infographic | leaflet | clip
    label_vi: str
    width_mm: float              # trim size; for screens the nominal physical size
    height_mm: float
    bleed_mm: float              # printed beyond the trim, cut off by the shop
    hem_mm: float                # hems, pole pockets and grommets: no text here
    safe_mm: float               # further inner margin inside the hem
    viewing_distance_m: float    # typical distance of a reader
    pocket_mm: float = 0.0       # pole pockets along the top and bottom edges (flags)
    dpi: int | None = None       # print raster resolution
    pixel_size: tuple[int, int] | None = None   # exact pixels of a screen format

    @property
    def is_screen(self) -> bool:
        return self.pixel_size is not None

    @property
    def raster_px(self) -> tuple[int, int]:
        """Pixel size of the full raster: exact for screens, trim+bleed at dpi for print."""
        if self.pixel_size is not None:
            return self.pixel_size
        assert self.dpi is not None
        return (round((self.width_mm + 2 * self.bleed_mm) / 25.4 * self.dpi),
                round((self.height_mm + 2 * self.bleed_mm) / 25.4 * self.dpi))

    @property
    def raster_by_default(self) -> bool:
        return self.is_screen

    @property
    def raster_allowed(self) -> bool:
        w, h = self.raster_px
        return w * h <= RASTER_LIMIT_PX

    @property
    def min_image_dpi(self) -> float:
        """The least resolution a photo may have on this size (see MIN_IMAGE_DPI); screens
        ask for 80 % of their own pixel density (a slight upscale is not seen)."""
        if self.pixel_size is not None:
            return 0.8 * self.pixel_size[0] / (self.width_mm / 25.4)
        return MIN_IMAGE_DPI.get(self.family, 150)

    @property
    def text_box_mm(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of the area text may use, in trim coordinates."""
        side = self.hem_mm + self.safe_mm
        end = side + self.pocket_mm
        return (side, end, self.width_mm - side, self.height_mm - end)


def _print(name, family, label_vi, w, h, *, bleed, hem, safe, view_m, dpi,
           pocket=0.0) -> Size:
    return Size(name, family, label_vi, w, h, bleed, hem, safe, view_m, pocket, dpi=dpi)


def _screen(name, family, label_vi, px, *, w_mm, h_mm, view_m, safe_mm,
            pocket=0.0) -> Size:
    return Size(name, family, label_vi, w_mm, h_mm, 0.0, 0.0, safe_mm, view_m, pocket,
                pixel_size=px)


# A photo must carry two pixels per arc-minute (20/20 acuity) at the nearest distance a
# reader stands: 175 / d dpi, rounded up to a round figure (docs/templates.md).
MIN_IMAGE_DPI = {"street": 24, "pano": 35, "flag": 45, "stage": 20, "booth": 90,
                 "standee": 120, "poster": 175, "tent": 300, "infographic": 300}


SIZES: dict[str, Size] = {s.name: s for s in (
    # Băng rôn: hung across streets and on fences, tied through grommets along the edges.
    _print("street-4000x800", "street", "Băng rôn 4 x 0,8 m", 4000, 800,
           bleed=20, hem=40, safe=20, view_m=12, dpi=72),
    _print("street-5000x800", "street", "Băng rôn 5 x 0,8 m", 5000, 800,
           bleed=20, hem=40, safe=20, view_m=12, dpi=72),
    _print("street-5000x1500", "street", "Băng rôn 5 x 1,5 m", 5000, 1500,
           bleed=20, hem=50, safe=30, view_m=20, dpi=50),
    _print("street-6000x1500", "street", "Băng rôn 6 x 1,5 m", 6000, 1500,
           bleed=20, hem=50, safe=30, view_m=20, dpi=50),
    _print("street-10000x2000", "street", "Băng rôn mặt tiền 10 x 2 m", 10000, 2000,
           bleed=30, hem=50, safe=50, view_m=30, dpi=30),
    # Cờ phướn: vertical flags on lamp posts; 75-100 mm pole pockets top and bottom
    # (hem + pocket = 90 mm there) keep text off the seams.
    _print("flag-600x2000", "flag", "Cờ phướn 0,6 x 2 m", 600, 2000,
           bleed=10, hem=50, safe=15, view_m=8, dpi=100, pocket=40),
    _print("flag-800x2500", "flag", "Cờ phướn 0,8 x 2,5 m", 800, 2500,
           bleed=10, hem=50, safe=20, view_m=10, dpi=100, pocket=40),
    _print("flag-1000x3000", "flag", "Cờ phướn 1 x 3 m", 1000, 3000,
           bleed=10, hem=50, safe=25, view_m=12, dpi=72, pocket=40),
    # Pano: billboards on frames, no hems but a frame lip.
    _print("pano-4000x2000", "pano", "Pano 4 x 2 m", 4000, 2000,
           bleed=30, hem=30, safe=40, view_m=20, dpi=50),
    _print("pano-6000x3000", "pano", "Pano 6 x 3 m", 6000, 3000,
           bleed=30, hem=30, safe=60, view_m=30, dpi=36),
    # Posters for notice boards and one-stop shops (portrait).
    _print("poster-a3", "poster", "Áp phích A3 (dọc)", 297, 420,
           bleed=3, hem=0, safe=12, view_m=2, dpi=150),
    _print("poster-a2", "poster", "Áp phích A2 (dọc)", 420, 594,
           bleed=3, hem=0, safe=15, view_m=3, dpi=150),
    # The outreach kit (docs/sizes.md#the-outreach-kit): a stage backdrop for the launch
    # ceremony, roll-up standees for one-stop counters and booths (the bottom 100 mm rolls
    # into the base, the top 30 mm is clamped in the bar: pocket), a booth header, and an
    # A5 table tent (one face; two are printed and stood back to back).
    _print("stage-8000x4500", "stage", "Phông sân khấu 8 x 4,5 m", 8000, 4500,
           bleed=30, hem=30, safe=120, view_m=12, dpi=36),
    _print("stage-6000x3400", "stage", "Phông sân khấu 6 x 3,4 m", 6000, 3400,
           bleed=30, hem=30, safe=90, view_m=10, dpi=45),
    _print("standee-800x2000", "standee", "Standee cuốn 0,8 x 2 m", 800, 2000,
           bleed=5, hem=0, safe=30, view_m=2, dpi=150, pocket=100),
    _print("standee-850x2000", "standee", "Standee cuốn 0,85 x 2 m", 850, 2000,
           bleed=5, hem=0, safe=30, view_m=2, dpi=150, pocket=100),
    _print("booth-3000x500", "booth", "Băng tên gian hàng 3 x 0,5 m", 3000, 500,
           bleed=10, hem=20, safe=20, view_m=5, dpi=100),
    _print("tent-a5", "tent", "Biển để bàn A5 (dọc)", 148, 210,
           bleed=3, hem=0, safe=8, view_m=1, dpi=300),
    # Screens: exact pixels; the physical size is nominal, for the legibility check.
    _screen("led-1920x1080", "led", "Màn hình LED 16:9", (1920, 1080),
            w_mm=1440, h_mm=810, view_m=5, safe_mm=48),
    _screen("social-1080x1080", "social", "Mạng xã hội vuông", (1080, 1080),
            w_mm=70, h_mm=70, view_m=0.35, safe_mm=4),
    _screen("social-1080x1350", "social", "Mạng xã hội dọc 4:5", (1080, 1350),
            w_mm=70, h_mm=87.5, view_m=0.35, safe_mm=4),
    # The page manager's set: the link card a shared URL shows (1.91:1), and a story, whose
    # top and bottom 250 px the app covers with its bars (pocket + safe = 16,2 mm).
    _screen("social-1200x630", "social", "Ảnh chia sẻ liên kết 1,91:1", (1200, 630),
            w_mm=70, h_mm=36.75, view_m=0.35, safe_mm=3),
    _screen("social-1080x1920", "social", "Tin (story) 9:16", (1080, 1920),
            w_mm=70, h_mm=124.4, view_m=0.35, safe_mm=4, pocket=12.2),
    # Infographics: phone-held social formats, a portal page seen at 60 cm, A4 leaflets
    # (office printers cannot print to the edge: no bleed, 10 mm safe margin).
    _screen("ig-square-1080", "infographic", "Infographic vuông 1:1", (1080, 1080),
            w_mm=70, h_mm=70, view_m=0.35, safe_mm=4),
    _screen("ig-portrait-1080x1350", "infographic", "Infographic dọc 4:5", (1080, 1350),
            w_mm=70, h_mm=87.5, view_m=0.35, safe_mm=4),
    _screen("ig-landscape-1920x1080", "infographic", "Infographic ngang 16:9",
            (1920, 1080), w_mm=340, h_mm=191, view_m=0.6, safe_mm=10),
    _screen("ig-story-1080x1920", "infographic", "Infographic story 9:16", (1080, 1920),
            w_mm=70, h_mm=124.4, view_m=0.35, safe_mm=6),
    _print("ig-a4", "infographic", "Tờ rơi A4 (dọc)", 210, 297,
           bleed=0, hem=0, safe=10, view_m=0.4, dpi=300),
    # Leaflets and brochures, handed out at one-stop shops and booths, read at arm's length
    # (40 cm); sheet layout, panels and folds are in pipeline/stages/leaflet/formats.py.
    _print("leaflet-a5", "leaflet", "Tờ rơi A5 (hai mặt)", 148, 210,
           bleed=3, hem=0, safe=10, view_m=0.4, dpi=300),
    _print("leaflet-a4", "leaflet", "Tờ rơi A4 (hai mặt)", 210, 297,
           bleed=3, hem=0, safe=12, view_m=0.4, dpi=300),
    _print("brochure-a4-trifold", "leaflet", "Tờ gấp A4 ba phần (gấp cuộn)", 297, 210,
           bleed=3, hem=0, safe=8, view_m=0.4, dpi=300),
    # Clips: a 9:16 video fills a ~6-inch phone (65 mm wide at 35 cm); 16:9 plays on a
    # 65-inch TV or the LED screens at one-stop shops, read from 5 m. Text safe zones by
    # platform are in pipeline/stages/clip/sizes.py.
    _screen("clip-1080x1920", "clip", "Video dọc 9:16 (Reels, TikTok, Zalo)", (1080, 1920),
            w_mm=65, h_mm=115.6, view_m=0.35, safe_mm=0),
    _screen("clip-1920x1080", "clip", "Video ngang 16:9 (TV, YouTube, màn hình LED)",
            (1920, 1080), w_mm=1440, h_mm=810, view_m=5, safe_mm=0),
    _screen("clip-1080x1080", "clip", "Video vuông 1:1 (bảng tin mạng xã hội)", (1080, 1080),
            w_mm=65, h_mm=65, view_m=0.35, safe_mm=0),
)}


def sizes_of(family: str) -> tuple[str, ...]:
    return tuple(name for name, size in SIZES.items() if size.family == family)


# -- custom sizes: the frame a province's street actually has ---------------------------

CUSTOM_MIN_MM = 200
CUSTOM_MAX_MM = 20_000
CUSTOM_MAX_ASPECT = 12          # a wider strip is a ribbon, not a banner anyone can read
CUSTOM_VIEW_M = (0.3, 100.0)


def custom_family(width_mm: int, height_mm: int) -> str:
    """The catalogue family whose rules a frame of this shape follows."""
    if width_mm >= 2.5 * height_mm:
        return "street"
    if height_mm >= 2.5 * width_mm:
        return "flag"
    return "pano" if max(width_mm, height_mm) >= 1000 else "poster"


def custom_size(width_mm: int, height_mm: int, view_m: float) -> Size:
    """A print size for a province's own frame. Bleed, hem and pole pocket come from the
    family's catalogue size nearest in area; the safe margin and dpi scale with the frame.
    ValueError (one line) when the frame is out of bounds."""
    for label, value in (("width", width_mm), ("height", height_mm)):
        if not CUSTOM_MIN_MM <= value <= CUSTOM_MAX_MM:
            raise ValueError(f"{label} {value} mm is out of range ({CUSTOM_MIN_MM} to "
                             f"{CUSTOM_MAX_MM} mm)")
    if max(width_mm, height_mm) > CUSTOM_MAX_ASPECT * min(width_mm, height_mm):
        raise ValueError(f"{width_mm} x {height_mm} mm is longer than {CUSTOM_MAX_ASPECT}:1; "
                         "no text on it could be read")
    low, high = CUSTOM_VIEW_M
    if not low <= view_m <= high:
        raise ValueError(f"viewing distance {view_m:g} m is out of range ({low:g} to "
                         f"{high:g} m)")
    family = custom_family(width_mm, height_mm)
    area = width_mm * height_mm
    model = min((s for s in SIZES.values() if s.family == family),
                key=lambda s: abs(math.log(area / (s.width_mm * s.height_mm))))
    scale = math.sqrt(area / (model.width_mm * model.height_mm))
    safe = min(max(round(model.safe_mm * scale), 5), min(width_mm, height_mm) // 10)
    # Larger frames are seen from further away: the dpi falls as the frame grows.
    dpi = min(max(round(model.dpi / scale), 24), 300)
    view = f"{view_m:g}".replace(".", "p")
    metres = f"{width_mm / 1000:g} x {height_mm / 1000:g} m".replace(".", ",")
    return _print(f"custom-{width_mm}x{height_mm}-v{view}m", family,
                  f"Khổ riêng {metres}", width_mm, height_mm, bleed=model.bleed_mm,
                  hem=model.hem_mm, safe=safe, view_m=view_m, dpi=dpi,
                  pocket=model.pocket_mm)
