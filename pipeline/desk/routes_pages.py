"""The page: sign-in by link, the assets at a glance, the request form and history."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .assets import grouped_by_job
from .cards import card_of
from .context import COOKIE, NOT_FOUND, desk_of, render, viewer_of
from .page import admin_context, panel_context, province_context
from .submit import from_form, submit
from .tokens import sign, verify_token

router = APIRouter()
SESSION_S = 30 * 24 * 3600


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
        return render(request, "admin.html", viewer=viewer, **admin_context(desk))
    return render(request, "index.html", **province_context(desk, viewer))


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
