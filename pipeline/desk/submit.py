"""A request as a province sends it (the form or JSON) -> the overlay file, validated by
the same code as the specs and `campaign build --request`, then queued."""
from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import SpecErrors, SpecProblem
from ..spec.model import Specs
from ..spec.overlay import RequestOverlay, overlay_jobs, overlay_yaml, parse_overlay
from .context import MAX_OPEN_REQUESTS, RETRY_AFTER_S, Desk, Viewer

DISPLAY = "request"
# Generous bounds for the typed model; the overlay's own limits give the user's message.
_TEXT = 2000
_ITEMS = 50


class CustomSizeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    width_mm: int = Field(ge=0, le=10**6)
    height_mm: int = Field(ge=0, le=10**6)
    view_m: float = Field(ge=0, le=10**4)


class RequestIn(BaseModel):
    """`POST /api/requests`' body; `province` only from the campaign team."""
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
    office: str = Field(default="", max_length=_TEXT)
    phone: str | None = Field(default=None, max_length=_TEXT)
    address: str | None = Field(default=None, max_length=_TEXT)
    products: list[str] = Field(default_factory=list, max_length=_ITEMS)
    sizes: list[str] = Field(default_factory=list, max_length=_ITEMS)
    custom_sizes: list[CustomSizeIn] = Field(default_factory=list, max_length=_ITEMS)
    province: str | None = Field(default=None, max_length=100)


class FormRefused(Exception):
    """A form or JSON body that is not even a request: one message per field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def body_of(data: bytes) -> RequestIn:
    """`POST /api/requests`' JSON, typed, or FormRefused naming each wrong field."""
    try:
        return RequestIn.model_validate_json(data)
    except ValidationError as exc:
        raise FormRefused(typed_messages(exc)) from None


def typed_messages(exc: ValidationError) -> dict[str, str]:
    """pydantic's problems as the overlay words them: `field[i].key: message`."""
    messages: dict[str, str] = {}
    for error in exc.errors(include_url=False, include_input=False):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
        where = where.lstrip(".")
        top = str(error["loc"][0]) if error["loc"] else "request"
        messages.setdefault(top, f"{where}: {error['msg']}" if where else error["msg"])
    return messages


@dataclass(frozen=True)
class Accepted:
    overlay: RequestOverlay
    text: str          # the overlay file, as the build reads it
    total: int         # jobs it plans


def draft(body: RequestIn, province: str) -> str:
    """The request as an overlay file, one key a line, each value a JSON scalar (valid
    YAML that keeps every character as sent), so problems name the field."""
    values = {"province": province, "office": body.office, "phone": body.phone or "",
              "address": body.address or "", "products": body.products,
              "sizes": body.sizes,
              "custom_sizes": [c.model_dump() for c in body.custom_sizes]}
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                   for key, value in values.items())


def validate(body: RequestIn, province: str, specs: Specs) -> Accepted:
    """The accepted request, or SpecErrors with one problem a field."""
    overlay = parse_overlay(draft(body, province), DISPLAY, specs)
    return Accepted(overlay, overlay_yaml(overlay), len(overlay_jobs(specs, overlay)))


def submit(desk: Desk, viewer: Viewer, body: RequestIn) -> tuple[int, dict, dict]:
    """(status, JSON body, headers): 202 queued, 422 one message per field, 429 full."""
    province = body.province if viewer.admin else viewer.province
    if not province:
        return 422, {"errors": {"province": "missing (required)"}}, {}
    try:
        accepted = validate(body, province, desk.specs)
    except SpecErrors as exc:
        return 422, {"errors": field_messages(exc)}, {}
    row = desk.state.add_request(province, accepted.text, accepted.total, MAX_OPEN_REQUESTS)
    if row is None:
        return 429, {"detail": f"tỉnh đã có {MAX_OPEN_REQUESTS} yêu cầu đang chờ; thử lại "
                               f"sau {RETRY_AFTER_S} giây / {MAX_OPEN_REQUESTS} requests are "
                               f"open; retry in {RETRY_AFTER_S} s"}, \
            {"retry-after": str(RETRY_AFTER_S)}
    desk.state.audit(viewer.name, "request", f"#{row.id} {province}: "
                     + ", ".join(accepted.overlay.products))
    desk.wake()
    return 202, {"id": row.id, "status": row.status}, {}


def field_messages(exc: SpecErrors) -> dict[str, str]:
    """One message per form field (its first problem), keyed by the top-level field."""
    messages: dict[str, str] = {}
    for problem in exc.problems:
        messages.setdefault(_top_field(problem), _message(problem))
    return messages


def _top_field(problem: SpecProblem) -> str:
    name = problem.field or "request"
    return name.split("[", 1)[0].split(".", 1)[0]


def _message(problem: SpecProblem) -> str:
    """As `campaign check` says it, without the file position a form has no use for."""
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def _texts(form) -> dict[str, list[str]]:
    """Every field of the form as text, or FormRefused naming a field sent as a file."""
    files = sorted({key for key, value in form.multi_items() if not isinstance(value, str)})
    if files:
        raise FormRefused({key: f"{key}: expected text, not a file" for key in files})
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        fields.setdefault(key, []).append(value)
    return fields


def from_form(form) -> RequestIn:
    """The page's form fields -> the API's body, or FormRefused; numbers that are not
    numbers become a custom size the overlay refuses with its own message."""
    fields = _texts(form)

    def one(key: str) -> str:
        return fields.get(key, [""])[0]

    sizes = [s.strip() for s in one("sizes").replace(";", ",").split(",") if s.strip()]
    rows = zip(fields.get("custom_width_mm", []), fields.get("custom_height_mm", []),
               fields.get("custom_view_m", []))
    custom = [{"width_mm": _number(width, int), "height_mm": _number(height, int),
               "view_m": _number(view, float)}
              for width, height, view in rows if width.strip() or height.strip() or view.strip()]
    try:
        return RequestIn(office=one("office"), phone=one("phone"), address=one("address"),
                         products=fields.get("products", []), sizes=sizes,
                         custom_sizes=custom, province=one("province") or None)
    except ValidationError as exc:
        raise FormRefused(typed_messages(exc)) from None


def form_values(form) -> dict[str, str]:
    """What the form showed, to show again beside its messages (text fields only)."""
    def text(key: str) -> str:
        value = form.get(key, "")
        return value[:_TEXT] if isinstance(value, str) else ""

    return {key: text(key) for key in ("office", "phone", "address", "sizes")}


def _number(text: str, kind):
    try:
        value = kind(text.strip().replace(",", "."))
    except ValueError:
        return 0
    return value if 0 <= value <= 10**4 * (1 if kind is float else 100) else 0
