"""`create_app(out, state, specs)`: the desk as one FastAPI app built from plain settings.

Who is asking is decided here, once: a bearer token (scripts) or the signed session
cookie (the page). Everything a province may reach is filtered by its slug; what it may
not reach answers 404, as if it did not exist.
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..spec.load import load_specs
from ..spec.model import Specs
from .assets import Asset, Catalogue
from .cards import role_label, size_label
from .dispatcher import Dispatcher, Layout
from .guard import SameOrigin, SecurityHeaders
from .state import RequestRow, State
from .tokens import session_key, verify_cookie, verify_token

HERE = Path(__file__).parent
COOKIE = "desk_session"
MAX_OPEN_REQUESTS = 3
RETRY_AFTER_S = 60


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

    def visible_request(self, viewer: Viewer, request_id: int) -> RequestRow:
        """The request, or 404 when it does not exist or is another province's."""
        row = self.state.request(request_id)
        if row is None or (not viewer.admin and row.province != viewer.province):
            raise HTTPException(404, "không tìm thấy / not found")
        return row


def viewer_of(request: Request) -> Viewer | None:
    desk: Desk = request.app.state.desk
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        token = verify_token(desk.state, authorization[7:].strip())
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


def create_app(out: Path, state_dir: Path, specs_dir: Path = Path("specs"),
               dispatch: bool = True) -> FastAPI:
    """The desk over an output folder; its own state (database, requests, takes) lives
    in `state_dir`. `dispatch=False` queues requests without building them (tests)."""
    state = State(Path(state_dir))
    desk = Desk(Path(out), state, load_specs(Path(specs_dir)), Path(specs_dir).resolve(),
                session_key(state.folder), Catalogue(Path(out), "/files/"),
                Layout(state.folder))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if dispatch:
            desk.dispatcher = Dispatcher(state, desk.specs_dir)
            desk.dispatcher.start()
        yield
        if desk.dispatcher is not None:
            desk.dispatcher.stop()

    app = FastAPI(title="Bàn làm việc của tỉnh", lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.state.desk = desk
    app.state.templates = Jinja2Templates(env=Environment(
        loader=FileSystemLoader(str(HERE / "templates")), autoescape=True))
    app.state.templates.env.filters.update(role=role_label, bytes=size_label)
    app.add_middleware(SameOrigin, cookie=COOKIE)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    from . import routes_api, routes_pages, routes_takes

    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_takes.router)
    return app
