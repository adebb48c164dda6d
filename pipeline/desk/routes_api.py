"""The JSON API for scripts, and the file routes the page uses too."""
from __future__ import annotations

import asyncio
import json
import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from .assets import Asset, listing_json, of_kind, visible
from .context import NOT_FOUND, SignedIn, Viewer, desk_of
from .files import confined_file, stream_zip
from .submit import FormRefused, body_of, submit

router = APIRouter()
_KIND = re.compile(r"^[a-z]{1,20}$")
EVENT_POLL_S = 0.4


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
    members = [(a.entry.path, path) for a in assets
               if (path := confined_file(a, desk.out)) is not None]
    if not members:
        raise HTTPException(404, NOT_FOUND)
    return _zip_response(members, f"{kind}s-{viewer.name}.zip")


@router.get("/api/requests/{request_id}/zip")
def zip_request(request_id: int, request: Request, viewer: SignedIn):
    desk = desk_of(request)
    row = desk.visible_request(viewer, request_id)
    catalogue = desk.request_catalogue(row.id)
    members = [(a.entry.path, path) for a in desk.request_assets(row)
               if (path := confined_file(a, catalogue.folder)) is not None]
    if not members:
        raise HTTPException(404, NOT_FOUND)
    return _zip_response(members, f"yeu-cau-{row.id}-{row.province}.zip")


@router.post("/api/requests")
async def post_request(request: Request, viewer: SignedIn):
    # Signed in first (the dependency), then the body is read, at most its route's limit
    # (limits.BodyLimit), and parsed: a stranger's body is never read.
    try:
        body = body_of(await request.body())
    except FormRefused as exc:
        return JSONResponse({"errors": exc.errors}, status_code=422)
    status, content, headers = await run_in_threadpool(submit, desk_of(request), viewer, body)
    return JSONResponse(content, status_code=status, headers=headers)


@router.get("/api/requests")
def list_requests(request: Request, viewer: SignedIn):
    desk = desk_of(request)
    return {"requests": [desk.request_json(row) for row in desk.state.requests(viewer.province)]}


@router.get("/api/requests/{request_id}")
def get_request(request_id: int, request: Request, viewer: SignedIn):
    desk = desk_of(request)
    return desk.request_json(desk.visible_request(viewer, request_id))


@router.post("/api/requests/{request_id}/{action}")
def act_on_request(request_id: int, action: str, request: Request,
                   viewer: SignedIn):
    if action not in ("cancel", "rebuild"):
        raise HTTPException(404, NOT_FOUND)
    desk = desk_of(request)
    return desk.request_json(desk.change_request(viewer, request_id, action))


@router.get("/api/requests/{request_id}/events")
async def request_events(request_id: int, request: Request,
                         viewer: SignedIn):
    desk = desk_of(request)
    row = await run_in_threadpool(desk.visible_request, viewer, request_id)

    async def events():
        last = None
        while True:
            if await run_in_threadpool(desk.state.token_by_id, viewer.token_id) is None:
                # Revoked meanwhile: the stream ends with the sign-in it stood on.
                yield f"event: end\ndata: {json.dumps({'status': 'signed-out'})}\n\n"
                return
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
