"""What a print shop's own tools read about a PDF: the document information dictionary,
the catalog's /Lang and an XMP metadata packet saying the same.

Preflight tools (pdfinfo, mutool, Acrobat, RIPs) show the Info dictionary; newer ones and
PDF/A validators read XMP and flag the two when they disagree, so both are written from
one `DocumentInfo`. Dates come from the campaign, never the clock: same input, same bytes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CREATOR = "campaign media pipeline"
# Vietnam has kept UTC+7 without daylight saving since 1975; a campaign date is a local day.
VN_UTC_OFFSET_H = 7


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str                  # BCP 47, e.g. vi-VN
    created: dt.date           # midnight of this day, Vietnam time

    @property
    def keywords_text(self) -> str:
        return ", ".join(self.keywords)


def pdf_date(day: dt.date) -> str:
    """PDF date string (ISO 32000-1 7.9.4) of midnight that day in Vietnam."""
    return f"D:{day:%Y%m%d}000000+{VN_UTC_OFFSET_H:02d}'00'"


def xmp_date(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+{VN_UTC_OFFSET_H:02d}:00"


def xmp_packet(info: DocumentInfo, producer: str) -> bytes:
    """An XMP packet (ISO 16684-1) with Dublin Core, PDF and XMP basic properties."""
    # Imported here: saxutils brings urllib, http and ssl, which a request never needs.
    from xml.sax.saxutils import escape

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    def alt(value: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{text(value)}</rdf:li></rdf:Alt>'

    when = xmp_date(info.created)
    subjects = "".join(f"<rdf:li>{text(k)}</rdf:li>" for k in info.keywords)
    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/">\n'
        '<dc:format>application/pdf</dc:format>\n'
        f'<dc:title>{alt(info.title)}</dc:title>\n'
        f'<dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>\n'
        f'<dc:description>{alt(info.subject)}</dc:description>\n'
        f'<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>\n'
        f'<dc:language><rdf:Bag><rdf:li>{text(info.lang)}</rdf:li></rdf:Bag></dc:language>\n'
        f'<pdf:Keywords>{text(info.keywords_text)}</pdf:Keywords>\n'
        f'<pdf:Producer>{text(producer)}</pdf:Producer>\n'
        f'<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>\n'
        f'<xmp:CreateDate>{when}</xmp:CreateDate>\n'
        f'<xmp:ModifyDate>{when}</xmp:ModifyDate>\n'
        f'<xmp:MetadataDate>{when}</xmp:MetadataDate>\n'
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n'
        '<?xpacket end="r"?>')
    return body.encode("utf-8")


def apply_info(canvas, info: DocumentInfo) -> None:
    """Info dictionary, /Lang and an uncompressed XMP stream on a reportlab canvas.

    reportlab leaves the XMP stream unfiltered (PDF/A asks for that; tools sniff it as
    text)."""
    # Imported here: a request names its DocumentInfo, and requests are made in the
    # build's own process, which draws no PDF.
    from reportlab.pdfbase.pdfdoc import XMP, PDFString

    canvas.setTitle(info.title)
    canvas.setAuthor(info.author)
    canvas.setSubject(info.subject)
    canvas.setKeywords(info.keywords_text)
    canvas.setCreator(CREATOR)
    stamp = pdf_date(info.created)
    canvas.setDateFormatter(lambda *_ymdhms: stamp)
    doc = canvas._doc
    doc.Catalog.Lang = PDFString(info.lang)
    packet = xmp_packet(info, doc.info.producer)
    doc.Catalog.Metadata = XMP(creator=lambda _doc: packet)
