"""Web and e-mail addresses, read the way Vietnamese radio reads them.

"https://baohiemxahoi.gov.vn" -> "bảo hiểm xã hội chấm gờ ô vê chấm vê en";
"hotro@baohiemxahoi.gov.vn" -> "hỗ trợ a còng bảo hiểm xã hội chấm gờ ô vê chấm vê en".

- The scheme ("https://") is not said: listeners type the name, browsers add the rest.
- "." is "chấm", "@" is "a còng", "-" "gạch ngang", "_" "gạch dưới", "/" "gạch chéo".
- Each part between them is said from `assets/lexicon/web.csv` (run-together Vietnamese
  without tones, "baohiemxahoi", cannot be guessed reliably, so it is listed); a part of
  digits is read digit by digit; a short unlisted part (up to 4 characters) is spelled with
  Vietnamese letter names ("vss" -> "vê ét ét"); a longer unlisted part is refused, naming
  the table, rather than spelled for ten seconds or guessed.

An address needs a scheme, "www." or a known top-level domain (`TOP_LEVEL`), so "TP.HCM"
or "1.234" are never taken for one. Case does not matter in addresses: "BaoHiemXaHoi.gov.vn"
reads like "baohiemxahoi.gov.vn".
"""

from __future__ import annotations

import re

from pipeline.text.speech_errors import SpeechTextError
from pipeline.text.speech_lexicon import WEB, Lexicon
from pipeline.text.speech_numbers import read_digits

TOP_LEVEL = ("vn", "com", "net", "org", "gov", "edu", "info", "int", "io")
SEPARATORS = {".": "chấm", "@": "a còng", "-": "gạch ngang", "_": "gạch dưới",
              "/": "gạch chéo"}
LETTER_NAMES = {
    "a": "a", "b": "bê", "c": "xê", "d": "dê", "đ": "đê", "e": "e", "f": "ép", "g": "gờ",
    "h": "hát", "i": "i", "j": "gi", "k": "ca", "l": "e lờ", "m": "em", "n": "en",
    "o": "o", "p": "pê", "q": "quy", "r": "e rờ", "s": "ét", "t": "tê", "u": "u", "v": "vê",
    "w": "vê kép", "x": "ích", "y": "i dài", "z": "dét",
}
SPELLED_UP_TO = 4

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)+{_LABEL}"
_ADDRESS = re.compile(
    rf"(?<![\w@./])(?:"
    rf"(?P<local>[A-Za-z0-9](?:[\w.+-]*[A-Za-z0-9])?)@(?P<mailhost>{_HOST})"
    rf"|(?P<scheme>https?://)?(?P<host>{_HOST})(?P<path>/[\w\-./]*[\w\-/])?"
    rf")(?![\w@]|\.\w)",
    re.IGNORECASE,
)


def _is_address(match: re.Match) -> bool:
    if match["local"]:
        return True
    host = match["host"].lower()
    return bool(match["scheme"] or host.startswith("www.")
                or host.rsplit(".", 1)[-1] in TOP_LEVEL)


def say_web_addresses(text: str, lexicon: Lexicon, segment: str = "") -> str:
    def say(match: re.Match) -> str:
        if not _is_address(match):
            return match.group()
        written = match.group()
        if match["local"]:
            address = f"{match['local']}@{match['mailhost']}"
        else:
            address = match["host"] + (match["path"] or "")
        return _say_address(address, written, lexicon, segment)

    return _ADDRESS.sub(say, text)


def _say_address(address: str, written: str, lexicon: Lexicon, segment: str) -> str:
    words = []
    for piece in re.split(r"([.@\-_/])", address):
        if piece in SEPARATORS:
            words.append(SEPARATORS[piece])
        elif piece:
            words.append(_say_label(piece, written, lexicon, segment))
    return " ".join(words)


def _say_label(label: str, written: str, lexicon: Lexicon, segment: str) -> str:
    listed = lexicon.web_label(label)
    if listed:
        return listed
    if label.isdigit():
        return read_digits(label)
    if len(label) <= SPELLED_UP_TO:
        return " ".join(read_digits(c) if c.isdigit() else LETTER_NAMES[c]
                        for c in label.lower())
    raise SpeechTextError(
        f'"{label}" in the address "{written}" cannot be read without its tones; add how to '
        f"say it to assets/lexicon/{WEB} (e.g. baohiemxahoi,bảo hiểm xã hội,)",
        token=label, segment=segment)
