"""Cyrillic and Greek letters that look like a Latin letter, and the letter they mimic.

Derived from Unicode's confusables data (UTS #39, `confusables.txt`) as the PyPI package
confusable-homoglyphs 3.3.1 ships it (`confusables.json`, MIT licence): every entry whose
character is a Cyrillic or Greek letter and one of whose look-alikes is a single ASCII
letter. Generated once; 75 letters. Vietnamese is Latin script with its
diacritics (chữ Quốc ngữ), so none of these belongs in its text.
"""
from __future__ import annotations

LATIN_LOOKALIKE: dict[str, str] = {
    "\u037a": "i", "\u037f": "J", "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z",
    "\u0397": "H", "\u0399": "l", "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O",
    "\u03a1": "P", "\u03a4": "T", "\u03a5": "Y", "\u03a7": "X", "\u03b1": "a", "\u03b3": "y",
    "\u03b9": "i", "\u03bd": "v", "\u03bf": "o", "\u03c1": "p", "\u03c3": "o", "\u03c5": "u",
    "\u03d2": "Y", "\u03dc": "F", "\u03f1": "p", "\u03f2": "c", "\u03f3": "j", "\u03f9": "C",
    "\u03fa": "M", "\u0405": "S", "\u0406": "l", "\u0408": "J", "\u0410": "A", "\u0412": "B",
    "\u0415": "E", "\u041a": "K", "\u041c": "M", "\u041d": "H", "\u041e": "O", "\u0420": "P",
    "\u0421": "C", "\u0422": "T", "\u0423": "Y", "\u0425": "X", "\u042c": "b", "\u0430": "a",
    "\u0433": "r", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
    "\u0445": "x", "\u0455": "s", "\u0456": "i", "\u0458": "j", "\u0461": "w", "\u0474": "V",
    "\u0475": "v", "\u04ae": "Y", "\u04af": "y", "\u04bb": "h", "\u04bd": "e", "\u04c0": "l",
    "\u04cf": "i", "\u0501": "d", "\u050c": "G", "\u051b": "q", "\u051c": "W", "\u051d": "w",
    "\u1d26": "r", "\u1fbe": "i", "\ua647": "i",
}
