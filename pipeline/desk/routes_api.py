"""The JSON API for scripts, and the file routes the page uses too."""
from __future__ import annotations

import asyncio
import json
import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from ..errors import SpecErrors
from .app import MAX_OPEN_REQUESTS, RETRY_AFTER_S, Desk, SignedIn, Viewer
from .assets import Asset, listing_json, of_kind, visible
from .files import confined_file, stream_zip
from .state import RequestRow
from .submit import RequestIn, field_messages, validate

router = APIRouter()
NOT_FOUND = "không tìm thấy / not found"
_KIND = re.compile(r"^[a-z]{1,20}$")
EVENT_POLL_S = 0.4


def desk_of(request: Request) -> Desk:
    return request.app.state.desk


def province_assets(desk: Desk, viewer: Viewer) -> list[Asset]:
    """What a viewer sees: the build's assets for the province and the nationwide ones,
    then the files of its finished requests."""
    assets = list(desk.catalogue.for_province(viewer.province))
    for row in desk.state.requests(viewer.province):
        assets += desk.request_assets(row)
    return assets


def _kind(kind: str | None) -> str | None:
    if kind is not None and not _KIND.match(kind):
        raise HTTPException(422, "kind: expected a kind such as banner or radio")
    return kind


@router.get("/api/assets")
def list_assets(request: Request, viewer: SignedIn, kind: str | None = None):
    desk = desk_of(request)
    kind = _kind(kind)
    finished = [a for row in desk.state.requests(viewer.province)
                for a in of_kind(desk.request_assets(row), kind)]
    items = [desk.catalogue.listing(viewer.province, kind), listing_json(finished)]
    body = b'{"province":%s,"assets":[%s]}' % (json.dumps(viewer.province).encode(),
                                                b",".join(i for i in items if i))
    return Response(body, media_type="application/json")


def _send(asset: Asset | None, root, viewer: Viewer) -> FileResponse:
    if asset is None or not visible(asset, viewer.province):
        raise HTTPException(404, NOT_FOUND)
    path = confined_file(asset, root)
    if path is None:
        raise HTTPException(404, NOT_FOUND)
    return FileResponse(path, filename=path.name, content_disposition_type="inline")


@router.get("/files/{path:path}")
def get_file(path: str, request: Request, viewer: SignedIn):
    desk = desk_of(request)
    return _send(desk.catalogue.find(path), desk.out, viewer)


@router.get("/requests/{request_id}/files/{path:path}")
def get_request_file(request_id: int, path: str, request: Request,
                     viewer: SignedIn):
    desk = desk_of(request)
    row = desk.visible_request(viewer, request_id)
    if row.status != "done":
        raise HTTPException(404, NOT_FOUND)
    catalogue = desk.request_catalogue(row.id)
    return _send(catalogue.find(path), catalogue.folder, viewer)


def _zip_response(members: list[tuple[str, object]], name: str) -> StreamingResponse:
    return StreamingResponse(stream_zip(members), media_type="application/zip",
                             headers={"content-disposition": f'attachment; filename="{name}"'})


@router.get("/api/zip")
def zip_kind(request: Request, kind: str, viewer: SignedIn):
    desk = desk_of(request)
    assets = of_kind(desk.catalogue.for_province(viewer.province), _kind(kind))
    members = [(a.path, path) for a in assets
               if (path := confined_file(a, desk.out)) is not None]
    if not members:
        raise HTTPException(404, NOT_FOUND)
    return _zip_response(members, f"{kind}s-{viewer.name}.zip")


@router.get("/api/requests/{request_id}/zip")
def zip_request(request_id: int, request: Request, viewer: SignedIn):
    desk = desk_of(request)
    row = desk.visible_request(viewer, request_id)
    catalogue = desk.request_catalogue(row.id)
    members = [(a.path, path) for a in desk.request_assets(row)
               if (path := confined_file(a, catalogue.folder)) is not None]
    if not members:
        raise HTTPException(404, NOT_FOUND)
    return _zip_response(members, f"yeu-cau-{row.id}-{row.province}.zip")


def request_json(desk: Desk, row: RequestRow) -> dict:
    return {"id": row.id, "province": row.province, "status": row.status,
            "created_at": row.created_at, "started_at": row.started_at,
            "finished_at": row.finished_at,
            "progress": {"done": row.done, "total": row.total},
            "errors": [line for line in row.errors.splitlines() if line],
            "request": row.overlay,
            "files": [a.to_json() for a in desk.request_assets(row)]}


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
    if desk.dispatcher is not None:
        desk.dispatcher.wake()
    return 202, {"id": row.id, "status": row.status}, {}


@router.post("/api/requests")
def post_request(body: RequestIn, request: Request, viewer: SignedIn):
    status, content, headers = submit(desk_of(request), viewer, body)
    return JSONResponse(content, status_code=status, headers=headers)


@router.get("/api/requests")
def list_requests(request: Request, viewer: SignedIn):
    desk = desk_of(request)
    return {"requests": [request_json(desk, row) for row in desk.state.requests(viewer.province)]}


@router.get("/api/requests/{request_id}")
def get_request(request_id: int, request: Request, viewer: SignedIn):
    desk = desk_of(request)
    return request_json(desk, desk.visible_request(viewer, request_id))


def admin_action(desk: Desk, viewer: Viewer, request_id: int, action: str) -> RequestRow:
    """Cancel (the province or the campaign team) or rebuild (the team) a request."""
    row = desk.visible_request(viewer, request_id)
    if action == "rebuild" and not viewer.admin:
        raise HTTPException(404, NOT_FOUND)
    changed = desk.state.cancel(row.id) if action == "cancel" else desk.state.rebuild(row.id)
    if not changed:
        raise HTTPException(409, f"yêu cầu đang ở trạng thái {row.status} / the request is "
                                 f"{row.status}")
    desk.state.audit(viewer.name, action, f"#{row.id} {row.province}")
    if desk.dispatcher is not None:
        desk.dispatcher.wake()
    return desk.state.request(row.id)


@router.post("/api/requests/{request_id}/{action}")
def act_on_request(request_id: int, action: str, request: Request,
                   viewer: SignedIn):
    if action not in ("cancel", "rebuild"):
        raise HTTPException(404, NOT_FOUND)
    desk = desk_of(request)
    return request_json(desk, admin_action(desk, viewer, request_id, action))


@router.get("/api/requests/{request_id}/events")
async def request_events(request_id: int, request: Request,
                         viewer: SignedIn):
    desk = desk_of(request)
    row = await run_in_threadpool(desk.visible_request, viewer, request_id)

    async def events():
        last = None
        while True:
            current = await run_in_threadpool(desk.state.request, row.id)
            now = (current.status, current.done, current.total)
            if now != last:
                data = {"id": current.id, "status": current.status,
                        "done": current.done, "total": current.total}
                yield f"event: progress\ndata: {json.dumps(data)}\n\n"
                last = now
            if not current.is_open or await request.is_disconnected():
                yield f"event: end\ndata: {json.dumps({'status': current.status})}\n\n"
                return
            await asyncio.sleep(EVENT_POLL_S)

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"cache-control": "no-store"})
