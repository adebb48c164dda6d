"""The desk's words for what the pipeline records in numbers and ids: a product by its
slogan, a variant by the size's Vietnamese name, times, numbers and statuses as a
province's staff write them (1.234,5; 07/12/2026 11:30)."""
from __future__ import annotations

import datetime as dt

from ..catalog.sizes import SIZES
from ..text.vietnamese import format_number

LANGUAGES = {"vi": "tiếng Việt", "en": "tiếng Anh"}
UPLOAD_STATUS = {"accepted": "đã nhận", "refused": "không dùng được"}
AUDIT_ACTIONS = {"login": "đăng nhập", "link": "cấp đường dẫn", "revoke": "thu hồi đường dẫn",
                 "request": "gửi yêu cầu", "cancel": "huỷ yêu cầu", "rebuild": "dựng lại",
                 "takes": "tải giọng đọc"}


def slogans(specs) -> dict[tuple[str, str], str]:
    """(product id, language) -> what the product says: a banner's text, an infographic's
    headline, a spot's or a leaflet's title, a clip's first line."""
    found = {}
    for product in specs.products:
        for lang in product.languages:
            said = _said(product.body, lang)
            if said:
                found[product.id, lang] = said
    return found


def _said(body, lang: str) -> str:
    for name in ("text", "headline", "title"):
        value = getattr(body, name, None)
        if isinstance(value, dict):
            return value.get(lang) or value.get("vi") or ""
        if isinstance(value, str):
            return value
    for scene in getattr(body, "scenes", ()):
        for name in ("text", "caption", "label"):
            value = getattr(scene, name, None)
            if isinstance(value, dict) and (value.get(lang) or value.get("vi")):
                return value.get(lang) or value["vi"]
    return ""


def variant(size: str | None, lang: str | None) -> str:
    """"Băng rôn ngang 5 x 0,8 m · tiếng Việt" for a size name and a language code."""
    named = SIZES[size].label_vi if size in SIZES else (size or "")
    if named.startswith("custom-"):              # a province's own frame: 2500x700 mm
        width, _, height = named.removeprefix("custom-").split("-")[0].partition("x")
        if width.isdigit() and height.isdigit():
            named = f"Khổ riêng {number(int(width) / 1000, 2)} x {number(int(height) / 1000, 2)} m"
    parts = [named,
             LANGUAGES.get(lang or "", lang or "")]
    return " · ".join(p for p in parts if p)


def number(value: float, decimals: int = 1) -> str:
    """A measurement in the Vietnamese format, trailing zeros dropped: 45,45 -> "45,5"."""
    text = format_number(value, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def when(stamp: str) -> str:
    """An ISO time as "07/12/2026 11:30" (the text itself when it is not one)."""
    try:
        moment = dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return str(stamp)
    return moment.strftime("%d/%m/%Y %H:%M")


def upload_status(status: str) -> str:
    return UPLOAD_STATUS.get(status, status)


def audit_action(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action)
