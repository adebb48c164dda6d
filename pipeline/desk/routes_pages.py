"""The page: sign-in by link, the assets at a glance, the request form and history."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .app import COOKIE, Desk, Viewer, viewer_of
from .assets import KIND_ORDER, grouped_by_job
from .cards import Card, card_of
from .routes_api import admin_action, desk_of, province_assets, request_json, submit
from .submit import from_form
from .takes import expected_takes
from .tokens import sign, verify_token

router = APIRouter()
KIND_LABELS = {"banner": "Băng rôn, cờ phướn, pano, áp phích", "infographic": "Infographic",
               "leaflet": "Tờ rơi, tờ gấp", "clip": "Video", "radio": "Phát thanh"}
SESSION_S = 30 * 24 * 3600


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/healthz")
def healthz():
    return {"ok": True}


@router.get("/login")
def login(request: Request, token: str = ""):
    desk = desk_of(request)
    found = verify_token(desk.state, token)
    if found is None:
        return render(request, "signed_out.html", 401, reason="expired")
    desk.state.audit(found.province, "login")
    # A page, not a redirect: a SameSite=Strict cookie is not sent on a redirect that a
    # link from another site (an e-mail, a chat) started; the page's own link is same-site.
    response = render(request, "signed_in.html")
    response.set_cookie(COOKIE, sign(desk.key, found.id), max_age=SESSION_S, httponly=True,
                        samesite="strict", path="/")
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        return render(request, "signed_out.html", 401, reason="none")
    desk = desk_of(request)
    if viewer.admin:
        return render(request, "admin.html", viewer=viewer, **_admin_context(desk))
    return render(request, "index.html", **_province_context(desk, viewer))


def _sections(desk: Desk, viewer: Viewer) -> list[tuple[str, str, list[Card]]]:
    assets = [a for a in province_assets(desk, viewer) if not a.url.startswith("/requests/")]
    sections = []
    for kind in KIND_ORDER:
        of_kind = [a for a in assets if a.kind == kind]
        if of_kind:
            cards = [card_of(job, files) for job, files in grouped_by_job(of_kind)]
            sections.append((kind, KIND_LABELS.get(kind, kind), cards))
    return sections


def _province_context(desk: Desk, viewer: Viewer, errors=None, values=None) -> dict:
    province = desk.specs.provinces.get(viewer.province)
    return {"viewer": viewer, "province": province, "sections": _sections(desk, viewer),
            **panel_context(desk, viewer, errors, values)}


def panel_context(desk: Desk, viewer: Viewer, errors=None, values=None) -> dict:
    rows = desk.state.requests(viewer.province)
    history = [(row, [card_of(job, files) for job, files
                      in grouped_by_job(desk.request_assets(row))]) for row in rows]
    province = desk.specs.provinces.get(viewer.province)
    defaults = {"office": province.office_name if province else "",
                "phone": province.phone if province else "",
                "address": province.address if province else "", "sizes": ""}
    return {"viewer": viewer, "products": _products(desk), "history": history,
            "errors": errors or {}, "values": values or defaults,
            "uploads": desk.state.uploads(viewer.province), **_spots(desk, viewer),
            "catalogue_sizes": sorted({s for p in desk.specs.products for s in p.sizes})}


def _spots(desk: Desk, viewer: Viewer) -> dict:
    """The radio spots, the announcer's script of each, and the takes it asks for."""
    spots = [p.id for p in desk.specs.products if p.kind == "radio"]
    scripts = {a.product: a.url for a in desk.catalogue.for_province(viewer.province)
               if a.kind == "radio" and a.role == "script-pdf" and a.province == viewer.province}
    names = {}
    if viewer.province in desk.specs.provinces:
        names = {spot: sorted(expected_takes(desk.specs, spot, viewer.province))
                 for spot in spots}
    return {"spots": spots, "scripts": scripts, "take_names": names}


def _products(desk: Desk) -> list[tuple[str, str]]:
    return [(p.id, f"{KIND_LABELS.get(p.kind, p.kind).split(',')[0]}: {p.id}")
            for p in desk.specs.products]


def _admin_context(desk: Desk) -> dict:
    return {"rows": desk.state.requests(None), "uploads": desk.state.uploads(None),
            "audit": desk.state.audit_log(), "provinces": desk.specs.provinces}


@router.post("/requests", response_class=HTMLResponse)
async def post_form(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(401, "cần đăng nhập / sign in first")
    form = await request.form()
    desk = desk_of(request)
    body = from_form(form)
    status, content, headers = await run_in_threadpool(submit, desk, viewer, body)
    values = {"office": body.office, "phone": body.phone or "",
              "address": body.address or "", "sizes": form.get("sizes", "")}
    if status == 202:
        values = None
    errors = content.get("errors") or ({"request": content["detail"]} if status == 429 else {})
    if "hx-request" not in request.headers:        # a browser without JavaScript
        if status == 202:
            return RedirectResponse("/", status_code=303)
        context = await run_in_threadpool(_province_context, desk, viewer, errors, values)
        response = render(request, "index.html", status, **context)
        response.headers.update(headers)
        return response
    context = await run_in_threadpool(panel_context, desk, viewer, errors, values)
    # htmx swaps 2xx answers only: the panel with its messages comes back as 200.
    return render(request, "panel.html", **context)


@router.get("/fragments/requests/{request_id}", response_class=HTMLResponse)
def request_fragment(request_id: int, request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(404, "không tìm thấy / not found")
    desk = desk_of(request)
    row = desk.visible_request(viewer, request_id)
    cards = [card_of(job, files) for job, files in grouped_by_job(desk.request_assets(row))]
    return render(request, "request_row.html", row=row, cards=cards, viewer=viewer,
                   info=request_json(desk, row))


@router.post("/fragments/requests/{request_id}/{action}", response_class=HTMLResponse)
def request_action(request_id: int, action: str, request: Request):
    viewer = viewer_of(request)
    if viewer is None or action not in ("cancel", "rebuild"):
        raise HTTPException(404, "không tìm thấy / not found")
    admin_action(desk_of(request), viewer, request_id, action)
    return Response(status_code=204, headers={"hx-refresh": "true"})

