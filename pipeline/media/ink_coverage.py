"""Total area coverage (TAC) of a print PDF's pages, from what its content paints.

A wide-format printer and an offset press both limit the sum of C + M + Y + K at any spot
(the output profile's ink limit): over it, ink pools, smears or never dries. The brand's
print colours are flat inks, so the page's highest coverage is the highest coverage among
the colours it paints, not something a rendering has to find: this walks each page's
content stream once, keeps the current fill and stroke colour, and at every painting
operator counts the colour in use if what it paints can reach inside the TrimBox. Crop and
fold marks (registration colour, 400 %) lie outside the trim and so do not count, as a
shop's preflight does not count them. Images count their own highest pixel.

Conservative where it cannot be exact: a sub-path counts when its bounding box (control
points included) meets the trim, clipping is ignored, and text always counts. The test
suite holds the figure against Ghostscript's CMYK rendering (tests/media/test_pdfx.py).
Anything the walk cannot measure (RGB, shadings, patterns, inline images) is an error,
never a silent zero.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

PATH_OPS = {"m", "l", "c", "v", "y", "re"}
FILL_OPS = {"f", "F", "f*"}
STROKE_OPS = {"S", "s"}
BOTH_OPS = {"B", "B*", "b", "b*"}
PAINT_OPS = FILL_OPS | STROKE_OPS | BOTH_OPS | {"n"}
TEXT_SHOW_OPS = {"Tj", "TJ", "'", '"'}
# Text rendering modes (ISO 32000-1 9.3.6): which of fill and stroke each one paints.
TEXT_MODES = {0: (True, False), 1: (False, True), 2: (True, True), 3: (False, False),
              4: (True, False), 5: (False, True), 6: (True, True), 7: (False, False)}


class InkError(ValueError):
    """Content whose ink this module cannot measure, or that a CMYK print file must not
    hold (RGB); the message names the page."""


@dataclass(frozen=True)
class PageInk:
    page: int                 # 1-based
    max_pct: float            # highest C+M+Y+K painted inside the trim, percent


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: CTM' = M x CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def meets(box: Box, points: Iterable[tuple[float, float]]) -> bool:
    """Whether the points' bounding box overlaps the box's interior (touching is not)."""
    xs, ys = zip(*points)
    x0, y0, x1, y1 = box
    return max(xs) > x0 and min(xs) < x1 and max(ys) > y0 and min(ys) < y1


def _num(values) -> list[float]:
    return [float(v) for v in values]


@dataclass
class _State:
    """What of the graphics state the walk needs; q/Q save and restore a copy."""
    ctm: Matrix = IDENTITY
    fill: float = 100.0            # the initial colour is DeviceGray black (8.4.1)
    stroke: float = 100.0
    fill_space: str = "DeviceGray"
    stroke_space: str = "DeviceGray"
    text_mode: int = 0


class _Walker:
    """One page's content: the graphics state, the path being built, the highest ink."""

    def __init__(self, page_no: int, trim: Box):
        self.page_no, self.trim = page_no, trim
        self.max_pct = 0.0

    def fail(self, what: str) -> InkError:
        return InkError(f"page {self.page_no}: {what}")

    def run(self, instructions, resources, ctm: Matrix, depth: int = 0) -> None:
        import pikepdf

        state, saved = _State(ctm=ctm), []
        subpaths: list[list[tuple[float, float]]] = []
        for item in instructions:
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                raise self.fail("an inline image (not measured; draw it as an XObject)")
            operands, op = item.operands, str(item.operator)
            if op == "q":
                saved.append(replace(state))
            elif op == "Q":
                state = saved.pop()
            elif op == "cm":
                state.ctm = multiply(tuple(_num(operands)), state.ctm)
            elif op == "Tr":
                state.text_mode = int(operands[0])
            elif op in PATH_OPS:
                self._path(op, _num(operands), state.ctm, subpaths)
            elif op in PAINT_OPS:
                if op != "n" and any(meets(self.trim, sp) for sp in subpaths):
                    self._paint(op in FILL_OPS | BOTH_OPS, op in STROKE_OPS | BOTH_OPS, state)
                subpaths = []
            elif op in TEXT_SHOW_OPS:
                self._paint(*TEXT_MODES[state.text_mode], state)
            elif op == "Do":
                self._xobject(resources, operands[0], state.ctm, state.fill, depth)
            elif op == "sh":                    # fills the clip: counted, as text is
                self.count(self._shading_max(resources, operands[0]))
            else:
                self._colour(op, operands, state, resources)

    def _path(self, op: str, nums: list[float], ctm: Matrix, subpaths: list) -> None:
        if op == "re":
            x, y, w, h = nums
            subpaths.append([apply(ctm, px, py)
                             for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))])
            return
        points = [apply(ctm, nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
        if op == "m" or not subpaths:
            subpaths.append(points)
        else:
            subpaths[-1].extend(points)

    def _paint(self, fill: bool, stroke: bool, state: _State) -> None:
        if fill:
            self.count(state.fill)
        if stroke:
            self.count(state.stroke)

    def _colour(self, op: str, operands, state: _State, resources) -> None:
        """The colour operators (others, such as text positioning, change no ink)."""
        lower = op[0].islower()
        if op in ("k", "K"):
            value, space = 100 * sum(_num(operands)), "DeviceCMYK"
        elif op in ("g", "G"):
            value, space = 100 * (1 - float(operands[0])), "DeviceGray"
        elif op in ("rg", "RG"):
            raise self.fail(f"an RGB colour ({op} {' '.join(map(str, operands))}) "
                            "on a CMYK print page")
        elif op in ("cs", "CS"):
            value, space = 100.0, self._space(resources, operands[0])
        elif op in ("sc", "scn", "SC", "SCN"):
            space = state.fill_space if lower else state.stroke_space
            value = self._in_space(space, _num(operands))
        else:
            return
        if lower:
            state.fill, state.fill_space = value, space
        else:
            state.stroke, state.stroke_space = value, space

    def count(self, pct: float) -> None:
        self.max_pct = max(self.max_pct, pct)

    def _space(self, resources, name) -> str:
        """A colour space operand's family: DeviceCMYK, DeviceGray or Separation."""
        if str(name) in ("/DeviceCMYK", "/DeviceGray"):
            return str(name)[1:]
        spaces = resources.get("/ColorSpace") if resources is not None else None
        return self._family(spaces.get(name) if spaces is not None else None, name)

    def _family(self, space, name) -> str:
        import pikepdf

        if isinstance(space, pikepdf.Name) and str(space) in ("/DeviceCMYK", "/DeviceGray"):
            return str(space)[1:]
        if isinstance(space, pikepdf.Array) and len(space):
            family = str(space[0])
            if family == "/ICCBased" and int(space[1].get("/N", 0)) == 4:
                return "DeviceCMYK"
            if family == "/Separation":
                return "Separation"
        raise self.fail(f"colour space {name} is not CMYK, grey or a separation")

    def _in_space(self, space: str, values: list[float]) -> float:
        if space == "DeviceCMYK":
            return 100 * sum(values)
        if space in ("DeviceGray",):
            return 100 * (1 - values[0])
        return 100 * values[0]                  # one separation ink at this tint

    def _shading_max(self, resources, name) -> float:
        """A gradient's highest ink: at one of its stops, as each piece of an axial or
        radial shading is linear (Type 2, N 1) between the colours it joins."""
        import pikepdf

        shading = resources["/Shading"][name]
        space = shading.get("/ColorSpace")
        if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceCMYK", "/DeviceGray"):
            space = resources.get("/ColorSpace", {}).get(space)
        kind = self._family(space, shading.get("/ColorSpace"))
        stops = self._stops(shading["/Function"])
        return max(self._in_space(kind, stop) for stop in stops)

    def _stops(self, function) -> list[list[float]]:
        kind = int(function.get("/FunctionType", -1))
        if kind == 2 and float(function.get("/N", 1)) == 1:
            return [_num(function.get("/C0", [0])), _num(function.get("/C1", [1]))]
        if kind == 3:
            return [stop for part in function["/Functions"] for stop in self._stops(part)]
        raise self.fail(f"a shading function of type {kind} (its ink is not measured)")

    def _xobject(self, resources, name, ctm: Matrix, fill: float, depth: int) -> None:
        xobject = resources["/XObject"][name]
        subtype = str(xobject.get("/Subtype"))
        if subtype == "/Form":
            if depth > 8:
                raise self.fail("form XObjects nested deeper than 8")
            import pikepdf

            matrix = tuple(_num(xobject.get("/Matrix", IDENTITY)))
            inner = pikepdf.parse_content_stream(xobject)
            self.run(inner, xobject.get("/Resources", resources), multiply(matrix, ctm),
                     depth + 1)
            return
        corners = [apply(ctm, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        if not meets(self.trim, corners):
            return
        if xobject.get("/ImageMask", False):
            self.count(fill)
            return
        self.count(self._image_max(xobject, name))

    def _image_max(self, xobject, name) -> float:
        import numpy as np
        from pikepdf import PdfImage

        image = PdfImage(xobject)
        if image.mode == "CMYK":
            if [str(f) for f in image.filters] == ["/DCTDecode"]:
                return _jpeg_max(xobject.read_raw_bytes())
            return _cmyk_max(np.asarray(image.as_pil_image(), dtype=np.uint16))
        if image.mode in ("L", "1"):
            pixels = np.asarray(image.as_pil_image().convert("L"), dtype=np.uint16)
            return float(255 - pixels.min()) * 100 / 255
        raise self.fail(f"image {name} is {image.mode}, not CMYK: convert it with the "
                        "output profile (pipeline/media/pdfx.py)")


def _cmyk_max(pixels) -> float:
    """The highest C+M+Y+K of 8-bit CMYK samples, in percent."""
    return float(pixels.sum(axis=2).max()) * 100 / 255


@functools.lru_cache(maxsize=8)
def _jpeg_max(jpeg: bytes) -> float:
    """A CMYK JPEG's highest ink, decoded once a worker: every province's banner of a
    product carries the same photo. PIL undoes Adobe's inverted CMYK as the PDF's /Decode
    asks (the test suite holds it against Ghostscript)."""
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as image:
        return _cmyk_max(np.asarray(image, dtype=np.uint16))


def page_ink(pdf) -> list[PageInk]:
    """Each page's highest total area coverage inside its TrimBox (a pikepdf.Pdf)."""
    import pikepdf

    result = []
    for number, page in enumerate(pdf.pages, start=1):
        trim = tuple(float(v) for v in page.trimbox)
        walker = _Walker(number, (min(trim[0], trim[2]), min(trim[1], trim[3]),
                                  max(trim[0], trim[2]), max(trim[1], trim[3])))
        walker.run(pikepdf.parse_content_stream(page), page.resources, IDENTITY)
        result.append(PageInk(number, round(walker.max_pct, 1)))
    return result
