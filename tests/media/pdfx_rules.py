"""A PDF/X-4 structure check written from ISO 15930-7:2010, not from our writer.

Each rule names the clause it comes from. The clause numbers follow the public clause maps
of PDF/X-4 preflight tools (the ISO text itself is not in this repository); the rule text
is the standard's requirement as those maps and the PDF/X-4 overviews state it. One house
rule is marked as such: with a CMYK output intent we refuse ICC-based RGB too (X-4 allows
it, colour-managed), because our brand gives print inks for every colour.

`problems(data)` returns one line per violation; an empty list is a conforming file.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pikepdf

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
      "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
      "pdfxid": "http://www.npes.org/pdfx/ns/id/"}
FORBIDDEN_ANNOTS = {"/Sound", "/Movie", "/3D", "/RichMedia", "/Screen"}


def problems(data: bytes) -> list[str]:
    found: list[str] = []
    header = re.match(rb"%PDF-1\.(\d)", data)
    # 6.1 File structure: PDF/X-4 is based on PDF 1.6; the header says 1.6 at most.
    if not header or int(header.group(1)) > 6:
        found.append("6.1: header is not %PDF-1.0 .. %PDF-1.6")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        # 6.2.2 Security: no encryption.
        if pdf.is_encrypted:
            found.append("6.2.2: the file is encrypted")
        # 6.1 / ISO 32000-1 14.4: the trailer has a file identifier (ID, two strings).
        ids = pdf.trailer.get("/ID")
        if ids is None or len(ids) != 2:
            found.append("6.1: trailer /ID is missing")
        intent_space = _output_intent(pdf, found)
        _info_and_xmp(pdf, found)
        for number, page in enumerate(pdf.pages, start=1):
            _boxes(number, page, found)
            _annotations(number, page, found)
            _fonts_and_colour(number, page, page.resources, intent_space, found, set())
    return found


def _output_intent(pdf, found: list[str]) -> str | None:
    """6.2.3 Output intent: exactly one /GTS_PDFX entry in the catalog's OutputIntents, with
    an OutputConditionIdentifier and, in PDF/X-4 (not X-4p), an embedded ICC output profile
    (device class prtr or mntr, a 1, 3 or 4 component space)."""
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        found.append(f"6.2.3: {len(intents)} OutputIntents with /S /GTS_PDFX (need 1)")
        return None
    intent = intents[0]
    if not isinstance(intent.get("/OutputConditionIdentifier"), pikepdf.String):
        found.append("6.2.3: OutputConditionIdentifier missing")
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        found.append("6.2.3: DestOutputProfile (embedded ICC profile) missing")
        return None
    icc = profile.read_bytes()
    device_class, space = icc[12:16], icc[16:20].strip()
    if device_class not in (b"prtr", b"mntr"):
        found.append(f"6.2.3: profile class {device_class!r} is not prtr or mntr")
    if int(profile.get("/N", 0)) != {b"GRAY": 1, b"RGB": 3, b"CMYK": 4}.get(space, -1):
        found.append(f"6.2.3: profile /N {profile.get('/N')} does not match its {space!r}")
    if icc[8] < 2:
        found.append("6.2.3: ICC profile version below 2")
    return space.decode()


def _xmp(pdf) -> ET.Element | None:
    if "/Metadata" not in pdf.Root:
        return None
    packet = pdf.Root.Metadata.read_bytes()
    return ET.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", packet))


def _xmp_value(root: ET.Element, tag: str) -> str | None:
    prefix, name = tag.split(":")
    ns = NS[prefix]
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        attribute = description.get(f"{{{ns}}}{name}")
        if attribute is not None:
            return attribute
        element = description.find(f"{prefix}:{name}", NS)
        if element is not None:
            text = "".join(element.itertext()).strip()
            return text
    return None


def _info_and_xmp(pdf, found: list[str]) -> None:
    """6.7 Metadata: a catalog Metadata stream whose XMP says pdfxid:GTS_PDFXVersion
    PDF/X-4, with dc:title, xmp:CreateDate, xmp:ModifyDate, xmpMM:DocumentID, VersionID and
    RenditionClass, and pdf:Trapped True or False; the Info dictionary's Trapped likewise
    True or False, and its GTS_PDFXVersion (kept for older readers) the same version."""
    info = pdf.docinfo
    if not str(info.get("/GTS_PDFXVersion", "")).startswith("PDF/X-4"):
        found.append("6.7: Info GTS_PDFXVersion is not PDF/X-4")
    if str(info.get("/Trapped")) not in ("/True", "/False"):
        found.append(f"6.7: Info Trapped is {info.get('/Trapped')}, not /True or /False")
    root = _xmp(pdf)
    if root is None:
        found.append("6.7: no XMP metadata stream in the catalog")
        return
    if _xmp_value(root, "pdfxid:GTS_PDFXVersion") != "PDF/X-4":
        found.append("6.7: XMP pdfxid:GTS_PDFXVersion is not PDF/X-4")
    if _xmp_value(root, "pdf:Trapped") not in ("True", "False"):
        found.append("6.7: XMP pdf:Trapped is not True or False")
    for tag in ("dc:title", "xmp:CreateDate", "xmp:ModifyDate", "xmpMM:DocumentID",
                "xmpMM:VersionID", "xmpMM:RenditionClass"):
        if not _xmp_value(root, tag):
            found.append(f"6.7: XMP {tag} missing")
    if str(info.get("/Title", "")) != (_xmp_value(root, "dc:title") or ""):
        found.append("6.7: Info Title and XMP dc:title disagree")


def _rect(value) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(a, b, eps: float = 1e-3) -> bool:
    return (a[0] >= b[0] - eps and a[1] >= b[1] - eps and a[2] <= b[2] + eps
            and a[3] <= b[3] + eps)


def _boxes(number: int, page, found: list[str]) -> None:
    """6.2.1 Page boxes: every page has a TrimBox or an ArtBox, not both; the TrimBox
    (ArtBox) lies within the BleedBox, which lies within the MediaBox (and CropBox)."""
    obj = page.obj
    has_trim, has_art = "/TrimBox" in obj, "/ArtBox" in obj
    if has_trim == has_art:
        found.append(f"6.2.1: page {number} has {'both' if has_trim else 'neither'} "
                     "TrimBox and ArtBox")
        return
    inner = _rect(obj["/TrimBox" if has_trim else "/ArtBox"])
    media = _rect(page.mediabox)
    bleed = _rect(obj.get("/BleedBox", media))
    crop = _rect(obj.get("/CropBox", media))
    if not (_inside(inner, bleed) and _inside(bleed, media) and _inside(bleed, crop)):
        found.append(f"6.2.1: page {number}: Trim {inner} / Bleed {bleed} / Media {media} "
                     "are not nested")


def _annotations(number: int, page, found: list[str]) -> None:
    """6.4 Annotations: no sound, movie, 3D or rich media annotations."""
    for annot in page.obj.get("/Annots", []):
        if str(annot.get("/Subtype")) in FORBIDDEN_ANNOTS:
            found.append(f"6.4: page {number} has a {annot.get('/Subtype')} annotation")


def _embedded(font) -> bool:
    if str(font.get("/Subtype")) == "/Type3":
        return "/CharProcs" in font
    if str(font.get("/Subtype")) == "/Type0":
        font = font["/DescendantFonts"][0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _space_kind(space) -> str:
    if isinstance(space, pikepdf.Name):
        return str(space)
    if isinstance(space, pikepdf.Array) and str(space[0]) == "/ICCBased":
        return {1: "ICC-Gray", 3: "ICC-RGB", 4: "ICC-CMYK"}[int(space[1].get("/N"))]
    return str(space[0]) if isinstance(space, pikepdf.Array) else str(space)


def _fonts_and_colour(number, holder, resources, intent: str | None, found, seen) -> None:
    """6.3 Fonts: every font is embedded. 6.2.4 Colour: device-dependent RGB only with an
    RGB output intent (or a DefaultRGB space); with a CMYK intent we also refuse ICC-based
    RGB (house rule, see the module's docstring)."""
    if resources is None:
        return
    for name, font in resources.get("/Font", {}).items():
        if not _embedded(font):
            found.append(f"6.3: page {number}: font {name} ({font.get('/BaseFont')}) "
                         "is not embedded")
    rgb_allowed = intent == "RGB" or "/DefaultRGB" in resources.get("/ColorSpace", {})
    spaces = {str(k): _space_kind(v) for k, v in resources.get("/ColorSpace", {}).items()}
    for operands, operator in pikepdf.parse_content_stream(holder, "rg RG cs CS"):
        op = str(operator)
        kind = "/DeviceRGB" if op in ("rg", "RG") else spaces.get(str(operands[0]),
                                                                   str(operands[0]))
        if kind == "/DeviceRGB" and not rgb_allowed:
            found.append(f"6.2.4: page {number}: DeviceRGB ({op}) with a {intent} intent")
        if kind == "ICC-RGB" and intent == "CMYK":
            found.append(f"house: page {number}: ICC-based RGB with a CMYK intent")
    for name, xobject in resources.get("/XObject", {}).items():
        if xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        if str(xobject.get("/Subtype")) == "/Image":
            kind = _space_kind(xobject.get("/ColorSpace", pikepdf.Name.DeviceGray))
            if (kind == "/DeviceRGB" and not rgb_allowed) or (
                    kind == "ICC-RGB" and intent == "CMYK"):
                found.append(f"6.2.4: page {number}: image {name} is {kind}")
        elif str(xobject.get("/Subtype")) == "/Form":
            _fonts_and_colour(number, xobject, xobject.get("/Resources"), intent, found, seen)
