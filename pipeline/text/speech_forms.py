"""Written forms an announcer reads one standard way: clock times, Roman numerals after the
words that take them, and per-unit slashes.

- Times: "8h15", "8h15'", "14:30" -> "tám giờ mười lăm phút", "mười bốn giờ ba mươi phút";
  "8h", "8h00" -> "tám giờ"; "7h30-11h30" -> "... đến ...". "14 giờ 30" is already words
  and numbers, read as written.
- Roman numerals only right after a word that takes them ("quý IV", "khóa XV", "thế kỷ
  XXI", "Đại hội XIII", "lần thứ IV"): read as numbers ("quý bốn", "khóa mười lăm"), as
  ordinals after "thứ" ("lần thứ tư"); "quý I/2024" adds "năm hai nghìn...". Anywhere else
  "XV" is left for the guard: "VI" may be a name, "CD" a disc.
- Per-unit slashes: "/" between a unit and the thing it is counted per. A period of time is
  said with "mỗi" ("2 lần/năm" -> "hai lần mỗi năm", "%/năm" -> "phần trăm mỗi năm"); a
  counted thing with "một", as prices are said ("đồng/người" -> "đồng một người",
  "đồng/thẻ" -> "đồng một thẻ"). Other words after a slash are left for the reader.
"""

from __future__ import annotations

import re

from pipeline.text.speech_numbers import read_integer, read_ordinal

# --- times ------------------------------------------------------------------------------------

_CLOCK = r"(?P<{h}>\d{{1,2}})(?:h(?P<{m}>\d{{2}})?'?|:(?P<{c}>\d{{2}}))"
_TIME = re.compile(
    r"(?<![\w/.,:])" + _CLOCK.format(h="h", m="m", c="c")
    + r"(?:\s*[-–]\s*" + _CLOCK.format(h="h2", m="m2", c="c2") + r")?"
    + r"(?![\w:/]|[.,]\d)"
)


def _clock(hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    if not (0 <= h <= 24 and 0 <= m <= 59):
        return None
    return f"{read_integer(h)} giờ" + (f" {read_integer(m)} phút" if m else "")


def say_times(text: str) -> str:
    def say(match: re.Match) -> str:
        start = _clock(match["h"], match["m"] or match["c"])
        if match["h2"] is None:
            return start or match.group()
        end = _clock(match["h2"], match["m2"] or match["c2"])
        return f"{start} đến {end}" if start and end else match.group()

    return _TIME.sub(say, text)


# --- Roman numerals -------------------------------------------------------------------------

ROMAN_CUES = ("quý", "khóa", "khoá", "thế kỷ", "thế kỉ", "đại hội", "kỳ họp", "kì họp",
              "hội nghị", "chương", "phần", "mục", "giai đoạn", "hạng", "cấp", "thứ",
              "nhiệm kỳ", "nhiệm kì")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_SHAPE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN = re.compile(
    r"(?<!\w)(?P<cue>(?i:" + "|".join(sorted(ROMAN_CUES, key=len, reverse=True)) + r"))"
    r"\s+(?P<roman>[IVXLCDM]+)(?:/(?P<year>\d{4}))?(?![\w/])"
)


def roman_value(numeral: str) -> int | None:
    """"XIV" -> 14; None for anything that is not a well-formed Roman numeral."""
    if not numeral or not _ROMAN_SHAPE.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < nxt else v for v, nxt in zip(values, values[1:] + [0]))


def say_roman_numerals(text: str) -> str:
    def say(match: re.Match) -> str:
        value = roman_value(match["roman"])
        if value is None:
            return match.group()
        cue = match["cue"]
        words = read_ordinal(value) if cue.lower() == "thứ" else read_integer(value)
        year = f" năm {read_integer(int(match['year']))}" if match["year"] else ""
        return f"{cue} {words}{year}"

    return _ROMAN.sub(say, text)


# --- per-unit slashes -------------------------------------------------------------------------

PER_PERIOD = ("giây", "phút", "giờ", "ngày", "đêm", "tuần", "tháng", "quý", "năm", "kỳ",
              "kì", "đợt", "ca", "buổi", "lượt")
PER_THING = ("người", "hộ", "gia đình", "lao động", "thẻ", "suất", "hồ sơ", "học sinh",
             "sinh viên", "xã", "huyện", "tỉnh", "đơn vị", "doanh nghiệp", "hợp đồng",
             "lần", "con", "chiếc", "cái", "bộ", "cuốn", "kg", "ký", "cân", "lít")
_PER = re.compile(
    r"(?<=[^\W\d_])\s*/\s*(?P<unit>"
    + "|".join(sorted(PER_PERIOD + PER_THING, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def say_per_unit(text: str) -> str:
    def say(match: re.Match) -> str:
        unit = match["unit"]
        return f" {'mỗi' if unit.lower() in PER_PERIOD else 'một'} {unit}"

    text = re.sub(r"(?<!\w)và\s*/\s*hoặc(?!\w)", "và hoặc", text)
    return _PER.sub(say, text)
