"""The one check of a product's text, used by every stage's parser: each language the
product lists has its text, and the brand's fonts have every glyph of it."""
from __future__ import annotations

from ..media.fonts import missing_glyphs


def check_text(fields, context, node, name: str, text: dict[str, str]) -> bool:
    """Report, at `node`, the languages `text` lacks and the glyphs the fonts lack."""
    ok = True
    for lang in context.languages:
        if lang not in text:
            fields.problems.add(node.where, name, f"no '{lang}' text, but languages lists "
                                                  f"{lang}")
            ok = False
    for lang, value in text.items():
        ok = check_glyphs(fields, context, node, f"{name}.{lang}", value) and ok
    return ok


def check_glyphs(fields, context, node, name: str, text: str) -> bool:
    """One line for the first glyph a brand font lacks (display font first)."""
    for font in context.fonts:
        missing = missing_glyphs(text, font.path)
        if missing:
            char = missing[0]
            fields.problems.add(node.where, name, f"the font {font.name} has no glyph for "
                                                  f"{char!r} (U+{ord(char):04X})")
            fields.ok = False
            return False
    return True
