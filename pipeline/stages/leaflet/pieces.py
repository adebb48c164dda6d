"""Blocks of copy -> one reportlab flowable each, with the text it prints in reading order.

Line breaks fall between Vietnamese words only: the syllables of a word (as
pipeline.text.typeset.units finds them) are bound with U+00A0, which reportlab's
Paragraph never breaks at.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from pipeline.media.qr import qr_modules
from pipeline.text.typeset import units
from pipeline.text.vietnamese import format_millions, format_number, format_percent

from . import flowables as fl
from .look import Look
from .spec import Block, Figure, Photo, Qr

BULLET = "•"
SPACE_AFTER_MM = {"heading": 1.5, "title": 4.0}
DEFAULT_SPACE_AFTER_MM = 3.0
INLINE_LABEL_CHARS = 12     # bar labels this short (years) go beside the bar


@dataclass(frozen=True)
class Piece:
    block: Block
    flowable: Flowable
    texts: tuple[str, ...]           # as printed, in reading order
    roles: tuple[str, ...]           # type styles used (look.SIZES_PT keys)
    space_after_mm: float


def bound(text: str) -> str:
    """Paragraph markup of `text`: escaped, each word's syllables joined by U+00A0."""
    return " ".join(escape(unit).replace(" ", "\u00a0") for unit in units(text).texts)


def _para(text: str, look: Look, role: str, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(bound(text), style or look.style(role))


def piece(block: Block, look: Look, contact: tuple[tuple[str, str], ...]) -> Piece:
    make = _MAKERS[block.kind]
    flowable, texts, roles = make(block, look, contact)
    key = "title" if block.kind == "heading" and block.level == 1 else block.kind
    return Piece(block, flowable, tuple(texts), tuple(roles),
                 SPACE_AFTER_MM.get(key, DEFAULT_SPACE_AFTER_MM))


def _heading(block: Block, look: Look, contact):
    if block.level == 1:
        return fl.Band(_para(block.content, look, "title"), look), [block.content], ["title"]
    return _para(block.content, look, "heading"), [block.content], ["heading"]


def _paragraph(block: Block, look: Look, contact):
    return _para(block.content, look, "body"), [block.content], ["body"]


def _bullets(block: Block, look: Look, contact):
    style = ParagraphStyle("bullet", parent=look.style("body"), leftIndent=4 * mm,
                           bulletIndent=0.5 * mm)
    parts = [Paragraph(bound(item), style, bulletText=BULLET) for item in block.content]
    return fl.Stack(parts, gap=1 * mm), [f"{BULLET} {item}" for item in block.content], ["body"]


def _qa(block: Block, look: Look, contact):
    parts: list[Flowable] = []
    texts: list[str] = []
    for question, answer in block.content:
        if parts:
            parts.append(Spacer(0, 1.2 * mm))
        parts += [_para(question, look, "question"), _para(answer, look, "body")]
        texts += [question, answer]
    return fl.Stack(parts, gap=0.6 * mm), texts, ["question", "body"]


def _figure(block: Block, look: Look, contact):
    """Bars with the value after each; short labels (years) stand in a column on the
    left, longer ones above their bar. The last bar is highlighted."""
    figure: Figure = block.content
    largest = max(bar.value for bar in figure.bars) or 1.0
    label_style = look.style("label")
    inline = all(len(bar.label) <= INLINE_LABEL_CHARS for bar in figure.bars)
    label_w = max(stringWidth(bar.label, label_style.fontName, label_style.fontSize)
                  for bar in figure.bars) if inline else 0.0
    parts: list[Flowable] = [_para(figure.title, look, "question")]
    texts = [figure.title]
    for index, bar in enumerate(figure.bars):
        value = format_value(figure, bar.value)
        label = _para(bar.label, look, "label")
        row = fl.BarRow(bar.value / largest, Paragraph(_unbreakable(value), look.style("value")),
                        look, index == len(figure.bars) - 1,
                        label if inline else None, label_w)
        parts += [row] if inline else [label, row]
        texts += [bar.label, value]
    parts.append(_para(figure.source_line, look, "source"))
    texts.append(figure.source_line)
    return fl.Stack(parts, gap=0.8 * mm), texts, ["question", "label", "value", "source"]


def _unbreakable(text: str) -> str:
    """A value and its unit on one line: "1,83 triệu người" never wraps."""
    return escape(text).replace(" ", "\u00a0")


def format_value(figure: Figure, value: float) -> str:
    """Vietnamese number format: 1.830.000, 1,83 triệu, 39,25 %; then the unit."""
    if figure.number_format == "millions":
        text = format_millions(value, figure.decimals)
    elif figure.number_format == "percent":
        text = format_percent(value, figure.decimals)
    else:
        text = format_number(value, figure.decimals)
    return f"{text} {figure.unit}" if figure.unit else text


def _qr(block: Block, look: Look, contact):
    qr: Qr = block.content
    caption = Paragraph(escape(qr.url), look.style("label"))
    return fl.QrCode(qr_modules(qr.url), qr.size_mm * mm, caption, look), [qr.url], ["label"]


def _contact(block: Block, look: Look, contact):
    parts = [_para(text, look, role) for role, text in contact]
    return fl.ContactBox(parts, look), [text for _, text in contact], \
        [role for role, _ in contact]


def _photo(block: Block, look: Look, contact):
    photo: Photo = block.content
    credit = _para(photo.credit, look, "source")
    return (fl.Photo(str(photo.file), photo.width_mm * mm, photo.height_mm * mm, credit,
                     cmyk=look.inks is not None),
            [photo.credit], ["source"])


_MAKERS = {"heading": _heading, "paragraph": _paragraph, "bullets": _bullets, "qa": _qa,
           "figure": _figure, "qr": _qr, "contact": _contact, "photo": _photo}
