"""Script text -> what an announcer would say, ready for speech synthesis.

Abbreviations, loanwords, document codes and address parts come from the tables in
assets/lexicon/ (speech_lexicon.py); numbers, dates and fractions, percentages, hotlines,
times, Roman numerals, document numbers, per-unit slashes and web addresses are written out
in words (speech_numbers.py, speech_dates.py, speech_forms.py, speech_documents.py,
speech_web.py). A final guard refuses text that a synthesizer would spell letter by letter
or read digit by digit, so no spot ever says "bê hát xê hát" on air.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.text.speech_dates import say_dates
from pipeline.text.speech_documents import say_document_numbers
from pipeline.text.speech_errors import LexiconError, SpeechTextError
from pipeline.text.speech_forms import say_per_unit, say_roman_numerals, say_times
from pipeline.text.speech_lexicon import (
    LEXICON_NAME,
    Abbreviation,
    Lexicon,
    default_lexicon_path,
    first_unsayable,
    lexicon_files,
    load_lexicon,
)
from pipeline.text.speech_numbers import (
    NumberFormatError,
    group_phone_digits,
    read_day,
    read_month,
    read_numeral,
    read_ordinal,
    read_phone,
)
from pipeline.text.speech_separators import say_bracketed_phones, say_separated_dates
from pipeline.text.speech_web import say_web_addresses

__all__ = ["LEXICON_NAME", "Abbreviation", "Lexicon", "LexiconError", "SpeechTextError",
           "default_lexicon_path", "lexicon_files", "load_lexicon", "normalize", "spoken_lines"]


# --- passes: each turns one kind of written form into words ---------------------------------

_PHONE = re.compile(
    r"(?<![\w.,/])(?:1[89]00|0)\d*(?:[ .\-]\d{2,4})*(?![\w%/]|[.,]\d)"
)
_PHONE_DIGITS = (8, 11)


def _say_phones(text: str) -> str:
    def say(match: re.Match) -> str:
        groups = tuple(re.split(r"[ .\-]", match.group()))
        digits = "".join(groups)
        if not _PHONE_DIGITS[0] <= len(digits) <= _PHONE_DIGITS[1]:
            return match.group()
        return read_phone(groups if len(groups) > 1 else group_phone_digits(digits))

    return _PHONE.sub(say, text)


# Numbers whose reading depends on the word before them.
_AFTER_WORD = re.compile(
    r"(?<!\w)(?:(?P<word>tháng|thứ)\s+(?P<n>\d{1,2})|(?P<ngay>ngày)\s+(?P<day>\d{1,2})(?=\s+tháng))"
    r"(?![\w/%]|[.,]\d)",
    re.IGNORECASE,
)


def _say_numbers_after_words(text: str) -> str:
    def say(match: re.Match) -> str:
        if match["ngay"]:
            day = int(match["day"])
            return f"{match['ngay']} {read_day(day)}" if 1 <= day <= 31 else match.group()
        word, n = match["word"], int(match["n"])
        if word.lower() == "thứ":
            return f"{word} {read_ordinal(n)}"
        return f"{word} {read_month(n)}" if 1 <= n <= 12 else match.group()

    return _AFTER_WORD.sub(say, text)


_NUMERAL = r"\d+(?:[.,]\d+)*"
# A number, optionally a percentage, optionally a range ("2019-2023", "10-20%"), optionally
# money in "đ". Nothing may stick to it: "5x" is left for the guard to report.
_NUMBER = re.compile(
    rf"(?<!\w)(?P<first>{_NUMERAL})(?P<first_pct>\s*%)?"
    rf"(?:\s*[-–]\s*(?P<last>{_NUMERAL})(?P<last_pct>\s*%)?)?"
    r"(?P<dong>\s?đ(?!\w))?(?!\w)"
)


def _say_numbers(text: str, segment: str) -> str:
    def numeral(written: str) -> str:
        try:
            return read_numeral(written)
        except NumberFormatError as error:
            raise SpeechTextError(str(error), token=written, segment=segment) from None

    def say(match: re.Match) -> str:
        words = numeral(match["first"]) + (" phần trăm" if match["first_pct"] else "")
        if match["last"]:
            words += f" đến {numeral(match['last'])}"
            words += " phần trăm" if match["last_pct"] else ""
        return words + (" đồng" if match["dong"] else "")

    return _NUMBER.sub(say, text)


# --- guard -------------------------------------------------------------------------------------

def _guard(text: str, segment: str) -> None:
    unsayable = first_unsayable(text)
    if unsayable is None:
        return
    _, token, kind = unsayable
    if kind == "capitals":
        message = (
            f'"{token}" would be spelled letter by letter; '
            f"add it to {LEXICON_NAME} or write it out"
        )
    else:
        message = f'"{token}" has a digit or "%" that could not be read; write it out in words'
    raise SpeechTextError(message, token=token, segment=segment)


# --- public API --------------------------------------------------------------------------------


def normalize(text: str, lexicon: Lexicon, *, segment: str = "") -> str:
    """Text as an announcer would say it; raises SpeechTextError if any of it cannot be said."""
    text = unicodedata.normalize("NFC", text)
    # Order matters: addresses, phones and document numbers are claimed before their digits
    # could be read as dates or plain numbers; Roman numerals before the abbreviations could
    # take "CD"; abbreviations are expanded before anything looks at the words around a
    # number; per-unit slashes last, once "%" and "đ" are words.
    text = say_web_addresses(text, lexicon, segment)
    text = say_bracketed_phones(text, segment)
    text = say_separated_dates(text, segment)
    text = _say_phones(text)
    text = say_document_numbers(text, lexicon, segment)
    text = say_roman_numerals(text)
    text = lexicon.expand(text)
    text = say_times(text)
    text = say_dates(text, segment)
    text = _say_numbers_after_words(text)
    text = _say_numbers(text, segment)
    text = say_per_unit(text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.;:!?])", r"\1", text)
    _guard(text, segment)
    return text


def spoken_lines(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Each non-blank line of a script, normalized; the segment is its 1-based line number."""
    return tuple(
        normalize(line, lexicon, segment=str(number))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    )
