"""`create_app(out, state, specs)`: the desk as one FastAPI app built from plain settings.

Who may reach what is decided in `context`, which every router imports; this module only
puts the desk, its routers and its middleware together.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from ..spec.load import load_specs
from . import faults, routes_api, routes_pages, routes_takes, words
from .assets import Catalogue
from .cards import role_label, size_label
from .context import COOKIE, Desk
from .dispatcher import Dispatcher, Layout
from .guard import SameOrigin, SecurityHeaders
from .limits import BodyLimit
from .state import State
from .tokens import session_key

HERE = Path(__file__).parent


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
    env = app.state.templates.env
    env.filters.update(role=role_label, bytes=size_label, when=words.when,
                       upload_status=words.upload_status, action=words.audit_action)
    # What every page says in the province's words: the campaign, products by slogan.
    said = words.slogans(desk.specs)
    env.globals.update(campaign_title=desk.specs.campaign.title.get("vi", ""),
                       slogan=lambda product, lang="vi": said.get(
                           (product, lang), said.get((product, "vi"), product)))
    # Outermost last: security headers on every answer, then each body's limit, then CSRF.
    app.add_middleware(SameOrigin, cookie=COOKIE)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    faults.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_takes.router)
    return app
