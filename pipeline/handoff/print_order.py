"""The print order sheet (phiếu đặt in) a province sends to its print shop with its files.

One row per print PDF: what it is, its finished size, the page as drawn and the scale to
print it at, bleed, finishing (hems, grommets, pole pockets), a suggested material for the
size family, an empty quantity column the province fills in, and the file's SHA-256 so
the shop can confirm it received the right file. A PDF to print and sign, a CSV for a
spreadsheet. Pure: manifest entries in, bytes out; materials and their sources are in
docs/sizes.md ("Materials").
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.sax.saxutils import escape

from ..catalog.sizes import SIZES, Size
from ..store.sheets import csv_bytes
from ..text.vietnamese import format_number

PT_PER_MM = 72 / 25.4
SHEET_NAME = "phieu-dat-in"
TEXT_FONT = "Be Vietnam Pro Medium"          # the brand text font (specs/campaign.yaml)
HEADING_FONT = "Be Vietnam Pro Bold"
GROMMET_PITCH_MM = 600                       # about every 2 ft, docs/sizes.md [S12][S13]

# Suggested material per size family (docs/sizes.md, "Materials", gives the sources).
MATERIAL_VI = {
    "street": "Bạt hiflex in mặt trước (PVC frontlit) 440 g/m² (13 oz); treo ngang đường "
              "nơi gió mạnh: 610 g/m² (18 oz)",
    "pano": "Bạt hiflex in mặt trước (PVC frontlit) 440 g/m² (13 oz), căng khung",
    "flag": "Vải lụa / polyester dệt kim 110–115 g/m², in chuyển nhiệt",
    "poster": "Giấy couché 150–200 g/m²",
    # The outreach kit's materials are shop conventions (docs/sizes.md), not sourced grades.
    "stage": "Bạt hiflex in mặt trước (PVC frontlit) 440 g/m², căng khung sân khấu",
    "standee": "Bạt PET/PP chống quăn 200–250 µm, lắp chân standee cuốn",
    "booth": "Decal PP bồi formex (PVC foam) 3–5 mm",
    "tent": "Giấy couché hoặc bìa 250–300 g/m², cán màng mờ",
}
MATERIAL_UNKNOWN_VI = "Theo tư vấn của nhà in"

COLUMNS = ("STT", "Tệp", "Sản phẩm", "Ngôn ngữ", "Khổ", "Thành phẩm (mm)",
           "Trang PDF như vẽ (mm)", "Tỉ lệ in", "Tràn lề (mm)",
           "Gia công (mép, khoen, túi luồn cán)", "Vật liệu đề xuất", "Số lượng", "SHA-256")


@dataclass(frozen=True)
class OrderRow:
    file: str
    product: str
    lang: str
    size_label: str
    finished_mm: str
    page_drawn_mm: str
    scale: str
    bleed_mm: str
    finishing: str
    material: str
    sha256: str

    def cells(self, number: int) -> list[str]:
        return [str(number), self.file, self.product, self.lang, self.size_label,
                self.finished_mm, self.page_drawn_mm, self.scale, self.bleed_mm,
                self.finishing, self.material, "", self.sha256]


def mm_text(value: float) -> str:
    """A length in Vietnamese number format: 10.000, 87,5 (as the banner job line)."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def sheet_name(province_slug: str, extension: str) -> str:
    return f"{SHEET_NAME}-{province_slug}{extension}"


def is_print_file(entry: dict) -> bool:
    return entry.role == "print" and entry.path.endswith(".pdf")


def finishing_vi(size: Size) -> str:
    """What the shop sews, welds or mounts, from the size's hem and pole pockets."""
    hem = mm_text(size.hem_mm)
    if size.family == "flag":
        return (f"May mép {hem} mm hai cạnh dài; túi luồn cán {mm_text(size.pocket_mm)} mm "
                "ở đầu trên và đầu dưới")
    if size.family == "street":
        return (f"May hoặc hàn mép {hem} mm; đóng khoen (ô-dê) quanh mép, cách nhau khoảng "
                f"{mm_text(GROMMET_PITCH_MM)} mm")
    if size.family in ("pano", "stage"):
        return f"Căng lên khung; chừa {hem} mm mép bọc khung"
    if size.family == "standee":
        return (f"Lắp vào chân cuốn: {mm_text(size.pocket_mm)} mm dưới cuộn vào hộp chân, "
                "đầu trên kẹp thanh treo")
    if size.family == "tent":
        return "Xén theo đường cắt; in hai mặt, dán lưng vào nhau trên giá chữ A"
    return "Xén theo đường cắt (crop marks); không may mép"


def _scale_vi(user_unit: int) -> str:
    if user_unit <= 1:
        return "1:1"
    return f"vẽ 1:{user_unit}, in gấp {user_unit} lần (UserUnit {user_unit})"


def order_row(entry: dict) -> OrderRow:
    """The sheet's row for one print PDF's manifest entry."""
    media, size_name = entry.media, entry.size or ""
    size = SIZES.get(size_name)
    unit = int(media.get("user_unit", 1))
    width, height = media.get("width_mm"), media.get("height_mm")
    page = media.get("page_pt")
    return OrderRow(
        file=PurePosixPath(entry.path).name, product=entry.product,
        lang=entry.lang,
        size_label=f"{size.label_vi} ({size_name})" if size else size_name,
        finished_mm=f"{mm_text(width)} × {mm_text(height)}" if width and height else "",
        page_drawn_mm=(f"{mm_text(round(page[0] / PT_PER_MM))} × "
                       f"{mm_text(round(page[1] / PT_PER_MM))}" if page else ""),
        scale=_scale_vi(unit), bleed_mm=mm_text(media.get("bleed_mm", 0)),
        finishing=finishing_vi(size) if size else "",
        material=MATERIAL_VI.get(size.family, MATERIAL_UNKNOWN_VI) if size
        else MATERIAL_UNKNOWN_VI,
        sha256=entry.sha256)


def order_rows(entries, province_slug: str) -> list[OrderRow]:
    """One row per print PDF of the province, sorted by file path."""
    chosen = [e for e in entries
              if is_print_file(e) and e.province == province_slug]
    return [order_row(e) for e in sorted(chosen, key=lambda e: e.path)]


def order_sheet(entries, province_slug: str, campaign_title: str,
                province_name: str = "") -> tuple[bytes, bytes]:
    """(PDF, CSV) of the province's print order sheet, in Vietnamese; deterministic."""
    rows = order_rows(entries, province_slug)
    csv_data = csv_bytes(COLUMNS, (row.cells(i) for i, row in enumerate(rows, 1)))
    where = f"{province_name} ({province_slug})" if province_name else province_slug
    return _sheet_pdf(rows, where, campaign_title), csv_data


def order_sheet_files(entries, province_slug: str, campaign_title: str,
                      province_name: str = "") -> dict[str, bytes]:
    """{file name: bytes} of the sheet, for a hand-over folder or zip; empty when the
    province has no print PDF among `entries` (screens, radio)."""
    entries = list(entries)
    if not order_rows(entries, province_slug):
        return {}
    pdf, csv_data = order_sheet(entries, province_slug, campaign_title, province_name)
    return {sheet_name(province_slug, ".pdf"): pdf, sheet_name(province_slug, ".csv"): csv_data}


# -- the PDF ---------------------------------------------------------------------------

# Column widths in mm across A4 landscape's 277 mm between 10 mm margins.
_PDF_COLUMNS = (("STT", 10), ("Tệp / khổ", 49), ("Thành phẩm (mm)", 20),
                ("Trang PDF như vẽ (mm), tỉ lệ in", 28), ("Tràn lề (mm)", 12),
                ("Gia công", 41), ("Vật liệu đề xuất", 41), ("Số lượng", 16),
                ("SHA-256", 60))
_NOTES = (
    "Tỉnh điền số lượng cần in vào cột Số lượng, ký xác nhận và gửi phiếu cùng các tệp "
    "cho nhà in.",
    "Nhà in đối chiếu mã SHA-256 của từng tệp trước khi in (Windows: certutil -hashfile "
    "<tệp> SHA256; Linux, macOS: sha256sum <tệp>).",
    "Trang PDF dài hơn 5,08 m được vẽ thu nhỏ và mang /UserUnit: in theo kích thước thành "
    "phẩm, không theo kích thước trang mà một số phần mềm hiển thị.",
    "Mỗi tệp có dòng thông tin in ở phần tràn lề phía trên (sản phẩm, tỉnh, khổ, mã nội "
    "dung); phần này bị xén bỏ.",
)


def _fonts() -> tuple[str, str]:
    from ..media.fonts import resolve_font
    from ..media.pdf_fonts import register_ttf

    return (register_ttf(str(resolve_font(TEXT_FONT).path)),
            register_ttf(str(resolve_font(HEADING_FONT).path)))


def _pdf_cells(row: OrderRow, number: int) -> list[str]:
    sha = f"{row.sha256[:32]}<br/>{row.sha256[32:]}"
    return [str(number), f"{escape(row.file)}<br/>{escape(row.size_label)}",
            escape(row.finished_mm), f"{escape(row.page_drawn_mm)}<br/>{escape(row.scale)}",
            escape(row.bleed_mm), escape(row.finishing), escape(row.material), "", sha]


def _sheet_pdf(rows: list[OrderRow], where: str, campaign_title: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    text_font, heading_font = _fonts()
    body = ParagraphStyle("body", fontName=text_font, fontSize=7.5, leading=9.5)
    small = ParagraphStyle("small", parent=body, fontSize=6.2, leading=8)
    head = ParagraphStyle("head", parent=body, fontName=heading_font)
    title = ParagraphStyle("title", parent=head, fontSize=15, leading=19)
    note = ParagraphStyle("note", parent=body, fontSize=8.5, leading=11)
    table = [[Paragraph(name, head) for name, _ in _PDF_COLUMNS]]
    for number, row in enumerate(rows, 1):
        cells = _pdf_cells(row, number)
        table.append([Paragraph(c, small if i == len(cells) - 1 else body)
                      for i, c in enumerate(cells)])
    grid = LongTable(table, colWidths=[w * mm for _, w in _PDF_COLUMNS], repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), text_font),     # else the table selects Helvetica
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [Paragraph(f"PHIẾU ĐẶT IN — {escape(campaign_title)}", title),
             Paragraph(f"Tỉnh, thành phố: {escape(where)} · {len(rows)} tệp in", note),
             Spacer(0, 2 * mm),
             *[Paragraph(f"• {escape(line)}", note) for line in _NOTES],
             Spacer(0, 3 * mm), grid, Spacer(0, 8 * mm),
             Paragraph("Người lập phiếu (ký, ghi rõ họ tên): ......................"
                       "          Ngày: ....../....../........", note)]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
        topMargin=10 * mm, bottomMargin=12 * mm, invariant=1, lang="vi-VN",
        title=f"Phiếu đặt in — {campaign_title} — {where}", author="campaign media pipeline",
        subject="Phiếu đặt in", keywords=f"{SHEET_NAME}, {where}",
        creator="campaign media pipeline",
        initialFontName=text_font)

    def page_number(canvas, document):
        canvas.setFont(text_font, 7.5)
        canvas.drawRightString(landscape(A4)[0] - 10 * mm, 6 * mm,
                               f"{SHEET_NAME} · {where} · trang {document.page}")

    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()
