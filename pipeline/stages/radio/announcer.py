"""The announcer's script of a spot (.txt and a one-page PDF): every line in order with its
normalized wording, the pauses and jingles between, the time it may take and the file name
its take must have, so a commune station can record the spot in a local voice."""
from __future__ import annotations

import io
import os
from functools import lru_cache

from ...text.segment import NO_BREAK_SPACE, bind
from .render import Spot
from .request import RadioRequest
from .script import Line

TEXT_FONT = "Be Vietnam Pro Medium"
TITLE = "KỊCH BẢN CHO PHÁT THANH VIÊN / Announcer's script"


def take_name(request: RadioRequest, line: Line) -> str:
    """The take's file name under the spot's folder (localized lines: in the province's)."""
    if line.localized and request.province_slug is not None:
        return f"{request.province_slug}/{line.take}.wav"
    return f"{line.take}.wav"


def _header(request: RadioRequest, spot: Spot) -> list[str]:
    spec, office = request.spec, request.office
    voices = ", ".join(f"{name} ({backend})" for name, backend in spot.backends.items())
    return [
        f"{spec.title} — {request.product}",
        f"Đơn vị / Office: {office}",
        f"Tối đa / Limit: {spec.max_seconds:g} s · bản hiện tại / this build: "
        f"{spot.seconds:.1f} s · {spec.loudness_lufs:g} LUFS · giọng / voices: {voices}",
        f"Thu mỗi câu thành một tệp WAV, đặt tên đúng như cột \"Tệp\", vào thư mục "
        f"{spec.take_folder}/; bản dựng sau tự dùng các tệp này. / Record each line as its "
        f"own WAV, named as listed, in {spec.take_folder}/; the next build uses the takes.",
    ]


def rows(request: RadioRequest, spot: Spot) -> list[tuple[str, str, str, str]]:
    """(take file, voice, wording, time) per line; pauses and jingles fill the wording."""
    durations = {p.line.label: p.end_s - p.start_s for p in spot.placed}
    out = []
    for line in spot.lines:
        if line.kind == "jingle":
            name = "mở đầu / intro" if line.jingle == "intro" else "kết / outro"
            out.append(("", "", f"[nhạc hiệu {name}]", f"{durations[line.label]:.1f} s"))
        elif line.kind == "pause":
            out.append(("", "", "[nghỉ / pause]", f"{line.seconds:.1f} s"))
        else:
            target = spot.targets.get(line.label, 0.0)
            out.append((take_name(request, line), line.voice, line.spoken,
                        f"≤ {target:.1f} s (máy đọc {durations[line.label]:.1f} s)"))
    return out


def announcer_text(request: RadioRequest, spot: Spot) -> str:
    lines = [TITLE, "=" * len(TITLE), *_header(request, spot), ""]
    for take, voice, words, seconds in rows(request, spot):
        if take:
            lines.append(f"{take}  [{voice}]  {seconds}")
            lines.append(f"    {words}")
        else:
            lines.append(f"{words}  {seconds}")
    return "\n".join(lines) + "\n"


def register_fonts(display_font: str) -> tuple[str, str]:
    """The reportlab names of the script's text and heading fonts, registered once."""
    return _fonts(TEXT_FONT, display_font)


@lru_cache(maxsize=4)
def _fonts(regular_name: str, bold_name: str) -> tuple[str, str]:
    """Register the brand fonts with reportlab once per process; their reportlab names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from ...media.fonts import resolve_font

    names = []
    for name in (regular_name, bold_name):
        path = resolve_font(name).path
        key = os.path.splitext(os.path.basename(path))[0]
        if key not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(key, str(path)))
        names.append(key)
    return names[0], names[1]


def _word_binder(display_font: str):
    """Paragraph wraps at every space; no-break spaces keep a word's syllables on one line
    (bảo hiểm, người lao động), when both fonts can draw that space."""
    from ...media.fonts import missing_glyphs, resolve_font

    if any(missing_glyphs(NO_BREAK_SPACE, resolve_font(name).path)
           for name in (TEXT_FONT, display_font)):
        return lambda text: text
    return bind


def announcer_pdf(request: RadioRequest, spot: Spot) -> bytes:
    """One A4 page; the type shrinks (down to 6 pt) until the whole script fits."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    regular, bold = register_fonts(request.display_font)
    keep = _word_binder(request.display_font)
    width, height = A4
    margin = 14 * mm
    usable_w = width - 2 * margin
    for size in (10.0, 9.0, 8.0, 7.0, 6.0):
        body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size * 1.3)
        small = ParagraphStyle("small", parent=body, fontSize=size * 0.85,
                               leading=size * 1.1)
        title = ParagraphStyle("title", fontName=bold, fontSize=size + 4,
                               leading=(size + 4) * 1.25)
        head = [Paragraph(escape(TITLE), title)] + [Paragraph(escape(keep(t)), body)
                                                    for t in _header(request, spot)]
        table = _table(rows(request, spot), body, small, keep, usable_w)
        head_h = sum(p.wrap(usable_w, height)[1] + 2 for p in head)
        _, table_h = table.wrap(usable_w, height)
        if head_h + 6 + table_h <= height - 2 * margin:
            break
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(f"{request.spec.title} — {request.product}")
    canvas.setAuthor(request.organization)
    y = height - margin
    for paragraph in head:
        _, h = paragraph.wrap(usable_w, height)
        y -= h
        paragraph.drawOn(canvas, margin, y)
        y -= 2
    table.drawOn(canvas, margin, y - 6 - table_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _table(script_rows, body, small, keep, usable_w: float):
    """The script as a table: take file, voice, wording, time."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph("Tệp / take", small), Paragraph("Giọng", small),
             Paragraph("Lời đọc / wording", small), Paragraph("Thời lượng", small)]]
    for take, voice, words, seconds in script_rows:
        data.append([Paragraph(escape(take), small), Paragraph(escape(voice), small),
                     Paragraph(escape(keep(words)), body), Paragraph(escape(seconds), small)])
    table = Table(data, colWidths=[usable_w * 0.24, usable_w * 0.12, usable_w * 0.46,
                                   usable_w * 0.18])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F2F2F2")),
    ]))
    return table
