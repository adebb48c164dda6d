"""The page: sign-in by link, the assets at a glance, the request form and history."""
from __future__ import annotations

import time

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .assets import grouped_by_job
from .cards import card_of
from .context import COOKIE, NOT_FOUND, desk_of, render, sign_in, viewer_of
from .page import admin_context, panel_context, province_context
from .state import Token
from .submit import FormRefused, form_values, from_form, submit
from .tokens import SESSION_S, sign

router = APIRouter()
# Opened from the address bar, a bookmark, a mail program or the desk itself; a link on
# another web site (webmail too) gets a confirm step, or a page there could sign a visitor
# in as the province of its own choosing (login CSRF).
_NAVIGATED_HERE = {"none", "same-origin"}


@router.get("/healthz")
def healthz():
    return {"ok": True}


@router.get("/login")
def login(request: Request, token: str = ""):
    found = sign_in(request, token, "link")
    if found is None:
        return render(request, "signed_out.html", 401, reason="expired")
    if request.headers.get("sec-fetch-site") not in _NAVIGATED_HERE:
        province = desk_of(request).specs.provinces.get(found.province)
        return render(request, "login_confirm.html", token=token,
                      province=province.full_name if province else None)
    return _signed_in(request, found)


@router.post("/login")
async def login_confirmed(request: Request):
    """The confirm step's button: a POST, so same-origin only (guard.SameOrigin)."""
    token = (await request.form(max_files=0, max_fields=4)).get("token")
    found = await run_in_threadpool(sign_in, request, token if isinstance(token, str) else "",
                                    "link")
    if found is None:
        return render(request, "signed_out.html", 401, reason="expired")
    return await run_in_threadpool(_signed_in, request, found)


def _signed_in(request: Request, found: Token) -> Response:
    desk = desk_of(request)
    desk.state.audit(found.province, "login")
    # A page, not a redirect: a SameSite=Strict cookie is not sent on a redirect that a
    # link from another site (an e-mail, a chat) started; the page's own link is same-site.
    response = render(request, "signed_in.html")
    response.set_cookie(COOKIE, sign(desk.key, found.id, int(time.time())),
                        max_age=SESSION_S, httponly=True, samesite="strict", path="/")
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        return render(request, "signed_out.html", 401, reason="none")
    desk = desk_of(request)
    if viewer.admin:
        return render(request, "admin.html", viewer=viewer, **admin_context(desk))
    return render(request, "index.html", **province_context(desk, viewer))


@router.post("/requests", response_class=HTMLResponse)
async def post_form(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(401, "cần đăng nhập / sign in first")
    form = await request.form(max_files=8, max_fields=400)
    desk = desk_of(request)
    try:
        status, content, headers = await run_in_threadpool(submit, desk, viewer,
                                                           from_form(form))
    except FormRefused as exc:
        status, content, headers = 422, {"errors": exc.errors}, {}
    values = None if status == 202 else form_values(form)
    errors = content.get("errors") or ({"request": content["detail"]} if status == 429 else {})
    if "hx-request" not in request.headers:        # a browser without JavaScript
        if status == 202:
            return RedirectResponse("/", status_code=303)
        context = await run_in_threadpool(province_context, desk, viewer, errors, values)
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
        raise HTTPException(404, NOT_FOUND)
    desk = desk_of(request)
    row = desk.visible_request(viewer, request_id)
    cards = [card_of(job, files) for job, files in grouped_by_job(desk.request_assets(row))]
    return render(request, "request_row.html", row=row, cards=cards, viewer=viewer,
                   info=desk.request_json(row))


@router.post("/fragments/requests/{request_id}/{action}", response_class=HTMLResponse)
def request_action(request_id: int, action: str, request: Request):
    viewer = viewer_of(request)
    if viewer is None or action not in ("cancel", "rebuild"):
        raise HTTPException(404, NOT_FOUND)
    desk_of(request).change_request(viewer, request_id, action)
    return Response(status_code=204, headers={"hx-refresh": "true"})
