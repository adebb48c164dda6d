"""PDF/X-4 (ISO 15930-7:2010) from a CMYK print PDF: what a shop's preflight asks of it.

`to_pdfx4(pdf)` takes the bytes reportlab wrote (CMYK inks, TrimBox and BleedBox on every
page, embedded fonts, an XMP packet from pdf_info.apply_info) and returns PDF/X-4 bytes:
an output intent (/S /GTS_PDFX) naming the printing condition with its ICC profile
embedded, GTS_PDFXVersion and Trapped in the Info dictionary and the XMP, the XMP media
management ids, a PDF 1.6 header and a trailer /ID derived from the content (same input,
same bytes). It refuses, naming the page, what PDF/X-4 with a CMYK intent cannot hold
(RGB, a page with no TrimBox, a font not embedded) and a page whose ink is over the
profile's limit (pipeline/media/ink_coverage.py).

Why PDF/X-4 and not PDF/X-1a: the street, pano and 10 m banners are wider than 5080 mm and
carry /UserUnit, a PDF 1.6 key; PDF/X-1a:2003 is PDF 1.4 and cannot hold it. Nothing here
is transparent, so X-1a's flattening would change nothing the shop sees either.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path

from .ink_coverage import InkError, page_ink

PDFX_VERSION = "PDF/X-4"
COLOR_DIR = Path(__file__).resolve().parent / "color"     # package data: installed with it


@dataclass(frozen=True)
class PrintCondition:
    """A characterized printing condition and the profile built from its data."""
    identifier: str           # OutputConditionIdentifier: the ICC registry's name
    info: str                 # what a person reads in a preflight report
    profile_name: str         # the profile's own description ('desc' tag)
    profile_path: Path
    ink_limit_pct: float      # the profile's total area coverage limit
    registry: str = "http://www.color.org"


# pipeline/media/color/README.md says how the profile was built and under which licence.
FOGRA39_300 = PrintCondition(
    identifier="FOGRA39",
    info="Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1/2), ink limit 300 %",
    profile_name="FOGRA39L coated, TAC 300% (ArgyllCMS colprof)",
    profile_path=COLOR_DIR / "FOGRA39L-300.icc",
    ink_limit_pct=300.0)


class PdfxError(ValueError):
    """The PDF cannot be PDF/X-4 as it is; the message names the page and what to change."""


@dataclass(frozen=True)
class Pdfx:
    data: bytes
    facts: dict               # manifest media facts: version, condition, profile, ink


@functools.cache
def _profile_stream(path: Path) -> bytes:
    """The profile Flate-compressed once a process: a worker writes hundreds of PDFs."""
    return zlib.compress(path.read_bytes(), 9)


def to_pdfx4(pdf: bytes, condition: PrintCondition = FOGRA39_300) -> Pdfx:
    """PDF/X-4 bytes of a CMYK print PDF, and the facts a manifest records about them.

    The input must have a TrimBox on every page and an XMP packet (pdf_info.apply_info);
    PdfxError names the page of anything else X-4 refuses, and a page over the ink limit.
    Pure: the same bytes in give the same bytes out.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        _check_pages(doc)
        try:
            inks = page_ink(doc)
        except InkError as exc:
            raise PdfxError(str(exc)) from None
        over = [p for p in inks if p.max_pct > condition.ink_limit_pct]
        if over:
            p = over[0]
            raise PdfxError(
                f"page {p.page}: total area coverage {p.max_pct:g} % is over the "
                f"{condition.ink_limit_pct:g} % limit of {condition.identifier} "
                f"({condition.profile_name}); lighten the colour's CMYK values")
        _add_output_intent(doc, condition)
        digest = hashlib.sha256(pdf).digest()
        _mark_version(doc, uuid.UUID(bytes=digest[:16], version=4))
        out = io.BytesIO()
        # Streams as they are (the XMP stays uncompressed, as readers sniff it); no object
        # streams, so a shop's older tools read every object.
        doc.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 deterministic_id=True, min_version="1.6", fix_metadata_version=False)
    return Pdfx(out.getvalue(), {
        "pdfx_version": PDFX_VERSION,
        "output_condition": condition.identifier,
        "output_profile": condition.profile_name,
        "ink_limit_pct": condition.ink_limit_pct,
        "max_ink_pct": [p.max_pct for p in inks],
    })


def _check_pages(doc) -> None:
    """A TrimBox inside the BleedBox inside the MediaBox on every page, fonts embedded."""
    for number, page in enumerate(doc.pages, start=1):
        if "/TrimBox" not in page.obj:
            raise PdfxError(f"page {number}: no TrimBox (PDF/X-4 needs the cut on every page)")
        trim, bleed, media = (_box(page.obj.get(k, page.mediabox))
                              for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
        if not (_within(trim, bleed) and _within(bleed, media)):
            raise PdfxError(f"page {number}: TrimBox {trim} must lie within BleedBox "
                            f"{bleed} within MediaBox {media}")
        fonts = page.resources.get("/Font", {})
        for name, font in fonts.items():
            if not _embedded(font):
                raise PdfxError(f"page {number}: font {name} "
                                f"({font.get('/BaseFont', '?')}) is not embedded")


def _box(value) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _within(inner, outer, tolerance: float = 1e-3) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def _embedded(font) -> bool:
    if str(font.get("/Subtype")) == "/Type3":
        return True
    if str(font.get("/Subtype")) == "/Type0":
        font = font["/DescendantFonts"][0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _add_output_intent(doc, condition: PrintCondition) -> None:
    import pikepdf

    profile = pikepdf.Stream(doc, _profile_stream(condition.profile_path))
    profile.stream_dict = pikepdf.Dictionary(
        N=4, Alternate=pikepdf.Name.DeviceCMYK, Filter=pikepdf.Name.FlateDecode)
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=condition.identifier, OutputCondition=condition.info,
        RegistryName=condition.registry, Info=condition.profile_name,
        DestOutputProfile=doc.make_indirect(profile))
    doc.Root.OutputIntents = pikepdf.Array([doc.make_indirect(intent)])


def _mark_version(doc, document_id: uuid.UUID) -> None:
    """GTS_PDFXVersion and Trapped in the Info dictionary, and in the XMP with the media
    management ids X-4 asks for; nothing here is trapped, so Trapped is False."""
    import pikepdf

    if "/Metadata" not in doc.Root:
        raise PdfxError("no XMP metadata: write the PDF with pipeline.media.pdf_info."
                        "apply_info (PDF/X-4 identifies itself there)")
    info = doc.docinfo
    if not str(info.get("/Title", "")):
        raise PdfxError("no document title: PDF/X-4 needs one (pdf_info.apply_info)")
    info["/GTS_PDFXVersion"] = pikepdf.String(PDFX_VERSION)
    info["/Trapped"] = pikepdf.Name("/False")
    packet = doc.Root.Metadata.read_bytes()
    doc.Root.Metadata.write(xmp_with_pdfx(packet, document_id))


PDFX_DESCRIPTION = (
    '<rdf:Description rdf:about=""'
    ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"'
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
    ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">\n'
    '<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>\n'
    '<pdf:Trapped>False</pdf:Trapped>\n'
    '<xmpMM:DocumentID>uuid:{id}</xmpMM:DocumentID>\n'
    '<xmpMM:InstanceID>uuid:{id}</xmpMM:InstanceID>\n'
    '<xmpMM:VersionID>1</xmpMM:VersionID>\n'
    '<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n'
    '</rdf:Description>\n')


def xmp_with_pdfx(packet: bytes, document_id: uuid.UUID) -> bytes:
    """The XMP packet with one more rdf:Description: the PDF/X identification."""
    block = PDFX_DESCRIPTION.format(version=PDFX_VERSION, id=document_id).encode()
    updated, count = re.subn(rb"</rdf:RDF>", lambda _m: block + b"</rdf:RDF>", packet,
                             count=1)
    if not count:
        raise PdfxError("the XMP packet has no rdf:RDF element to add PDF/X's to")
    return updated


def print_ready(pdf: bytes, cmyk: bool) -> tuple[bytes, dict]:
    """What a print stage ships: PDF/X-4 when the PDF is painted in the brand's CMYK inks,
    else (an RGB brand: no inks to be faithful to) the PDF as it is, saying it is no PDF/X."""
    if not cmyk:
        return pdf, {"pdfx_version": None}
    result = to_pdfx4(pdf)
    return result.data, result.facts


@functools.cache
def _srgb_to_print(profile_path: Path):
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(profile_path)),
        "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def print_cmyk(image, condition: PrintCondition = FOGRA39_300):
    """A photo (PIL image, taken as sRGB) in the printing condition's CMYK, converted
    with its profile as a shop's RIP would: the ink limit holds for photos too."""
    from PIL import ImageCms

    return ImageCms.applyTransform(image.convert("RGB"),
                                   _srgb_to_print(condition.profile_path))


@functools.lru_cache(maxsize=8)
def print_photo(path: str) -> bytes:
    """A photo file as a CMYK JPEG in FOGRA39_300 (print_cmyk): reportlab embeds a JPEG
    as it is, so a print PDF carries the photo at its own size, not as raw samples; made
    once a worker, as every province's banner of a product places the same photo."""
    from PIL import Image

    with Image.open(path) as photo:
        out = io.BytesIO()
        print_cmyk(photo).save(out, "JPEG", quality=85, subsampling=2)   # as the source
    return out.getvalue()


def photo_reader(path: str):
    """The print photo (print_photo) as a reportlab image: embedded as the JPEG it is,
    and named by its bytes, where reportlab would decode 15 Mpx to name it by its pixels."""
    from reportlab.lib.utils import ImageReader

    class _Jpeg(ImageReader):
        def getRGBData(self):           # reportlab's name for the image (its digest)
            self._dataA = None          # a JPEG has no alpha to mask with
            return data

    data = print_photo(path)
    return _Jpeg(io.BytesIO(data))
