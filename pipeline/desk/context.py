"""What every route of the desk stands on: the desk itself, who is asking, the page.

Who is asking is decided here, once: a bearer token (scripts) or the signed session
cookie (the page). Everything a province may reach is filtered by its slug; what it may
not reach answers 404, as if it did not exist. The routers import this module and never
each other, so `app` can import them all at its top.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from ..spec.model import Specs
from .assets import Asset, Catalogue
from .dispatcher import Dispatcher, Layout
from .state import RequestRow, State, Token
from .throttle import SignInThrottle
from .tokens import verify_cookie, verify_token

COOKIE = "desk_session"
MAX_OPEN_REQUESTS = 3
RETRY_AFTER_S = 60
NOT_FOUND = "không tìm thấy / not found"
log = logging.getLogger("pipeline.desk")


@dataclass(frozen=True)
class Viewer:
    """Who is asking: a province (by slug) or the campaign team (province None)."""
    province: str | None
    token_id: int

    @property
    def admin(self) -> bool:
        return self.province is None

    @property
    def name(self) -> str:
        return self.province or "campaign-team"


@dataclass
class Desk:
    out: Path
    state: State
    specs: Specs
    specs_dir: Path
    key: bytes
    catalogue: Catalogue
    layout: Layout
    dispatcher: Dispatcher | None = None
    throttle: SignInThrottle = field(default_factory=SignInThrottle)
    _request_catalogues: dict[int, Catalogue] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def request_catalogue(self, request_id: int) -> Catalogue:
        with self._lock:
            found = self._request_catalogues.get(request_id)
            if found is None:
                found = Catalogue(self.layout.out(request_id), f"/requests/{request_id}/files/")
                self._request_catalogues[request_id] = found
            return found

    def request_assets(self, row: RequestRow) -> tuple[Asset, ...]:
        if row.status != "done":
            return ()
        return self.request_catalogue(row.id).for_province(None)

    def viewer_assets(self, viewer: Viewer) -> list[Asset]:
        """What a viewer sees: the build's assets for the province and the nationwide ones,
        then the files of its finished requests."""
        assets = list(self.catalogue.for_province(viewer.province))
        for row in self.state.requests(viewer.province):
            assets += self.request_assets(row)
        return assets

    def visible_request(self, viewer: Viewer, request_id: int) -> RequestRow:
        """The request, or 404 when it does not exist or is another province's."""
        row = self.state.request(request_id)
        if row is None or (not viewer.admin and row.province != viewer.province):
            raise HTTPException(404, NOT_FOUND)
        return row

    def request_json(self, row: RequestRow) -> dict:
        return {"id": row.id, "province": row.province, "status": row.status,
                "created_at": row.created_at, "started_at": row.started_at,
                "finished_at": row.finished_at,
                "progress": {"done": row.done, "total": row.total},
                "errors": [line for line in row.errors.splitlines() if line],
                "request": row.overlay,
                "files": [a.to_json() for a in self.request_assets(row)]}

    def change_request(self, viewer: Viewer, request_id: int, action: str) -> RequestRow:
        """Cancel (the province or the campaign team) or rebuild (the team) a request."""
        row = self.visible_request(viewer, request_id)
        if action == "rebuild" and not viewer.admin:
            raise HTTPException(404, NOT_FOUND)
        changed = self.state.cancel(row.id) if action == "cancel" else self.state.rebuild(row.id)
        if not changed:
            raise HTTPException(409, f"yêu cầu đang ở trạng thái {row.status} / the request "
                                     f"is {row.status}")
        self.state.audit(viewer.name, action, f"#{row.id} {row.province}")
        self.wake()
        return self.state.request(row.id)

    def wake(self) -> None:
        """Tell the dispatcher a request changed, when there is one (tests run without)."""
        if self.dispatcher is not None:
            self.dispatcher.wake()


def desk_of(request: Request) -> Desk:
    return request.app.state.desk


def sign_in(request: Request, token: str, how: str) -> Token | None:
    """A sign-in token's row, or None; failures are logged and throttled by address
    (429 with Retry-After past the limit, whatever the token)."""
    desk = desk_of(request)
    client = request.client.host if request.client else "?"
    wait_s = desk.throttle.wait_s(client)
    if wait_s:
        raise HTTPException(429, f"quá nhiều lần đăng nhập sai; thử lại sau {wait_s} giây / "
                                 f"too many failed sign-ins; retry in {wait_s} s",
                            headers={"retry-after": str(wait_s)})
    found = verify_token(desk.state, token)
    if found is None:
        count = desk.throttle.failed(client)
        log.warning("desk: sign-in refused from %s (%s, %d in a minute)", client, how, count)
        desk.state.audit("?", "sign-in refused", f"{client} by {how}")
    return found


def viewer_of(request: Request) -> Viewer | None:
    desk = desk_of(request)
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        token = sign_in(request, authorization[7:].strip(), "bearer token")
    else:
        cookie = request.cookies.get(COOKIE, "")
        token = verify_cookie(desk.state, desk.key, cookie) if cookie else None
    if token is None:
        return None
    return Viewer(None if token.admin else token.province, token.id)


def require_viewer(request: Request) -> Viewer:
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(401, "cần đăng nhập bằng đường dẫn của tỉnh / sign in with "
                                 "your province's link")
    return viewer


SignedIn = Annotated[Viewer, Depends(require_viewer)]


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)
