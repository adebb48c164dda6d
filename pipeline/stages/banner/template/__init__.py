"""Designer-drawn banner templates: an SVG whose named rects are filled per variant.

`read.py` parses an SVG as untrusted input (defusedxml, size and depth limits) and keeps
each element's line; `load.py` turns it into a `Template` (viewBox, slots, the artwork
to draw) or every problem it has, one line each; `artwork.py` draws the artwork as
vector with svglib. docs/templates.md is the designer's side of the same contract.
"""
