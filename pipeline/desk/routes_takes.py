"""Recorded takes: a province's announcer's voice on its radio spots. Each upload is
checked; the accepted ones are kept, and the spot is remastered with them as a request
(`takes:` in its overlay), so it shows progress and lands with the province's files."""
from __future__ import annotations

import os

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from ..errors import SpecErrors, did_you_mean
from ..spec.overlay import RequestOverlay, overlay_jobs, overlay_yaml, parse_overlay
from .context import (
    MAX_OPEN_REQUESTS,
    NOT_FOUND,
    Desk,
    SignedIn,
    Viewer,
    desk_of,
    render,
    viewer_of,
)
from .page import panel_context
from .takes import (
    MAX_TAKE_BYTES,
    MAX_TAKES_PER_UPLOAD,
    TAKES,
    TakeRefused,
    check_take,
    expected_takes,
    keep,
    take_stem,
    takes_folder,
)
from .uploads import Limits, Received, Upload

router = APIRouter()
LIMITS = Limits(file_bytes=MAX_TAKE_BYTES, files=MAX_TAKES_PER_UPLOAD)


def _spot(desk: Desk, spot: str) -> str:
    spots = [p.id for p in desk.specs.products if p.kind == "radio"]
    if spot not in spots:
        raise TakeRefused(f"unknown spot '{spot}'" + did_you_mean(spot, spots))
    return spot


def _takes_root(desk: Desk) -> str:
    relative = os.path.relpath(desk.state.folder.resolve() / TAKES, desk.specs.root)
    if relative.startswith(".."):
        raise TakeRefused("thư mục --state phải nằm trong thư mục dự án / the desk's "
                          "--state folder must be inside the project for recorded takes "
                          "(the build reads takes from the project)")
    return relative


def _one(desk: Desk, viewer: Viewer, spot: str, upload: Received, expected) -> dict:
    """One take checked and, when it passes, kept (moved: the upload removes the rest)."""
    name = os.path.basename(upload.filename.replace("\\", "/"))[:200]
    folder = takes_folder(desk.state.folder, spot, viewer.province)
    try:
        stem, suffix = take_stem(name, expected)
        facts = check_take(upload.path, expected[stem])
        kept = keep(upload.path, folder, stem, suffix)
    except TakeRefused as exc:
        desk.state.add_upload(viewer.province, spot, name, "", "refused", str(exc))
        return {"name": name, "status": "refused", "reason": str(exc)}
    desk.state.add_upload(viewer.province, spot, name, kept.name, "accepted")
    return {"name": name, "status": "accepted", "take": stem, **facts}


def _remaster(desk: Desk, viewer: Viewer, spot: str, takes_root: str) -> dict | None:
    province = desk.specs.provinces[viewer.province]
    overlay = RequestOverlay(province.slug, province.office_name, province.phone,
                             province.address, (spot,), takes=takes_root)
    text = overlay_yaml(overlay)
    parse_overlay(text, "takes", desk.specs)          # the same checks as any request
    row = desk.state.add_request(province.slug, text, len(overlay_jobs(desk.specs, overlay)),
                                 MAX_OPEN_REQUESTS)
    if row is None:
        return None
    desk.wake()
    return {"id": row.id, "status": row.status}


def receive_takes(desk: Desk, viewer: Viewer, spot: str,
                  uploads: list[Received]) -> tuple[int, dict]:
    """(status, JSON body): 202 when a take was kept and the spot queued for remastering,
    422 with every file's reason otherwise."""
    if viewer.admin or viewer.province not in desk.specs.provinces:
        return 422, {"detail": "takes are a province's own: sign in with its link"}
    try:
        spot = _spot(desk, spot)
        takes_root = _takes_root(desk)
    except TakeRefused as exc:
        return 422, {"detail": str(exc)}
    if not uploads or len(uploads) > MAX_TAKES_PER_UPLOAD:
        return 422, {"detail": f"gửi 1-{MAX_TAKES_PER_UPLOAD} tệp / send 1 to "
                               f"{MAX_TAKES_PER_UPLOAD} files"}
    expected = expected_takes(desk.specs, spot, viewer.province)
    files = [_one(desk, viewer, spot, upload, expected) for upload in uploads]
    accepted = [f for f in files if f["status"] == "accepted"]
    desk.state.audit(viewer.name, "takes", f"{spot}: {len(accepted)}/{len(files)} accepted")
    if not accepted:
        return 422, {"files": files, "request": None}
    try:
        queued = _remaster(desk, viewer, spot, takes_root)
    except SpecErrors as exc:
        return 422, {"files": files, "detail": str(exc)}
    return 202, {"files": files, "request": queued}


async def _takes(request: Request, viewer: Viewer) -> tuple[int, dict]:
    """The upload read as it arrives (uploads.Upload) and its takes checked."""
    desk = desk_of(request)
    async with Upload(request, desk.state.folder, LIMITS) as (fields, files):
        return await run_in_threadpool(receive_takes, desk, viewer, fields.get("spot", ""),
                                       files.get("files", []))


@router.post("/api/takes")
async def post_takes(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(401, "cần đăng nhập / sign in first")
    status, body = await _takes(request, viewer)
    return JSONResponse(body, status_code=status)


def _upload_json(row) -> dict:
    return {"id": row.id, "province": row.province, "spot": row.spot, "name": row.name,
            "status": row.status, "reason": row.reason, "created_at": row.created_at}


@router.get("/api/takes")
def list_takes(request: Request, viewer: SignedIn):
    rows = desk_of(request).state.uploads(viewer.province)
    return {"uploads": [_upload_json(row) for row in rows]}


@router.get("/api/takes/{upload_id}")
def get_take(upload_id: int, request: Request, viewer: SignedIn):
    row = desk_of(request).state.upload(upload_id)
    if row is None or (not viewer.admin and row.province != viewer.province):
        raise HTTPException(404, NOT_FOUND)
    return _upload_json(row)


@router.post("/takes", response_class=HTMLResponse)
async def post_takes_form(request: Request):
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(401, "cần đăng nhập / sign in first")
    desk = desk_of(request)
    status, body = await _takes(request, viewer)
    lines = [f"{f['name']}: {'đã nhận' if f['status'] == 'accepted' else f['reason']}"
             for f in body.get("files", [])] or [body.get("detail", "")]
    if body.get("request"):
        lines.append(f"Đang làm lại bản tin: yêu cầu #{body['request']['id']}")
    context = await run_in_threadpool(panel_context, desk, viewer)
    takes = render(request, "takes.html", take_message=" · ".join(lines),
                   take_error=status != 202, **context)
    # The remastering request joins the history too (an out-of-band swap of the panel).
    panel = render(request, "panel.html", oob=True, **context)
    return HTMLResponse(takes.body + panel.body)
