"""Legal document numbers: "595/QĐ-BHXH", "115/2015/NĐ-CP", "41/2024/QH15", "1064/BHXH-TT".

The number system of Decree 30/2020/NĐ-CP: number, optional year, then the issuing code.
The code is a document type and its issuer ("QĐ-BHXH": a decision of Viet Nam Social
Security), or, on a dispatch (công văn), the issuer and the drafting unit ("BHXH-TT").
Said as announcers read them: each slash is "trên", the parts of the code are said from
`assets/lexicon/documents.csv` by role, joined by " - " (a short pause):
"năm trăm chín mươi lăm trên quyết định - bảo hiểm xã hội". A code the abbreviations list
as a whole ("NĐ-CP": "nghị định của chính phủ") is said that way. A part with a number
("QH15") is its code's words and the number ("quốc hội khóa mười lăm").
"""

from __future__ import annotations

import re

from pipeline.text.speech_errors import SpeechTextError
from pipeline.text.speech_lexicon import DOCUMENTS, Lexicon
from pipeline.text.speech_numbers import read_integer

_DOCUMENT = re.compile(
    r"(?<![\w/.,])(?P<number>\d+)(?:/(?P<year>\d{4}))?/(?P<code>[^\W\d_]\w*(?:-\w+)*)"
)
_PART = re.compile(r"(?P<letters>[^\W\d_]+)(?P<number>\d*)")


def say_document_numbers(text: str, lexicon: Lexicon, segment: str = "") -> str:
    def say(match: re.Match) -> str:
        if not match["code"][0].isupper():
            return match.group()
        code = _say_code(match["code"], match.group(), lexicon, segment)
        year = f" trên {read_integer(int(match['year']))}" if match["year"] else ""
        return f"{read_integer(int(match['number']))}{year} trên {code}"

    return _DOCUMENT.sub(say, text)


def _say_code(code: str, written: str, lexicon: Lexicon, segment: str) -> str:
    whole = lexicon.spoken(code)
    if whole:
        return re.sub(r"\s*-\s*", " - ", whole)
    parts = code.split("-")
    # A code opens with a document type, or (a dispatch) with its issuer; after a type come
    # issuers (several on a joint circular), after an issuer its drafting units.
    first = "type" if lexicon.document_code(_letters(parts[0]), ("type",)) else "issuer"
    rest = "issuer" if first == "type" else "unit"
    return " - ".join(_say_part(part, first if index == 0 else rest, written, lexicon, segment)
                      for index, part in enumerate(parts))


def _letters(part: str) -> str:
    match = _PART.fullmatch(part)
    return match["letters"] if match else part


def _say_part(part: str, role: str, written: str, lexicon: Lexicon, segment: str) -> str:
    match = _PART.fullmatch(part)
    spoken = match and lexicon.document_code(match["letters"], (role,))
    if spoken:
        return spoken + (f" {read_integer(int(match['number']))}" if match["number"] else "")
    # An issuer may be any listed abbreviation ("UBND"); a unit's letters mean nothing
    # outside its office ("TT" is not "thông tư" there), so units must be in the table.
    listed = lexicon.spoken(part) if role != "unit" else None
    if listed:
        return listed
    named = {"type": "document type", "issuer": "issuer", "unit": "drafting unit"}[role]
    raise SpeechTextError(
        f'"{part}" would be spelled letter by letter as the {named} in "{written}"; add it '
        f"to assets/lexicon/{DOCUMENTS} (role {role}) or write it out",
        token=part, segment=segment)
