"""Text in the campaign's languages: one fallback rule and the contact lines' wording."""
from __future__ import annotations

from collections.abc import Mapping

HOTLINE_LINE = {"vi": "Đường dây nóng {hotline}", "en": "Hotline {hotline}"}
PHONE_LINE = {"vi": "Điện thoại {phone}", "en": "Phone {phone}"}


def in_language(text: Mapping[str, str], lang: str) -> str:
    """`text` in `lang`, else in Vietnamese: every localized field has Vietnamese."""
    return text.get(lang) or text["vi"]


def hotline_line(hotline: str, lang: str) -> str:
    return HOTLINE_LINE[lang].format(hotline=hotline)


def phone_line(phone: str, lang: str) -> str:
    return PHONE_LINE[lang].format(phone=phone)
