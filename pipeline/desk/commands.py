"""The bodies of `campaign serve` and `campaign link`, imported only when they run."""
from __future__ import annotations

from pathlib import Path

from ..catalog.mergers import unknown_province
from ..errors import PipelineError
from .state import State
from .tokens import ADMIN, new_token


def serve(host: str, port: int, out: Path, state: Path, specs_dir: Path) -> None:
    import socket

    import uvicorn

    from .app import create_app
    from .protocol import GuardedHttp

    # The port first: a desk that cannot have it stops before it touches the state.
    try:
        sock = socket.create_server((host, port), reuse_port=False)
    except OSError as exc:
        raise PipelineError(f"cannot listen on {host}:{port}: {exc.strerror} (another desk "
                            f"or program has it? try --port) / không mở được cổng {port}") \
            from None
    app = create_app(out, state, specs_dir)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            http=GuardedHttp, timeout_keep_alive=5)
    uvicorn.Server(config).run(sockets=[sock])


def _province_slugs(specs_dir: Path) -> list[str]:
    from ..spec.load import load_specs

    return list(load_specs(specs_dir).provinces)


def link(slug: str | None, admin: bool, revoke: bool, state: Path, base_url: str,
         specs_dir: Path) -> str:
    """The sign-in URL of a province (or the campaign team), or what a revoke did."""
    desk_state = State(state)
    slug = ADMIN if admin else slug
    if not slug:
        raise PipelineError("name a province (campaign link quang-ninh) or give --admin")
    if revoke:
        count = desk_state.revoke(slug)
        desk_state.audit("campaign-team", "revoke", slug)
        return f"Revoked {count} link(s) of {slug}. / Đã thu hồi {count} đường dẫn của {slug}."
    if admin:
        return f"{base_url.rstrip('/')}/login?token={new_token(desk_state, ADMIN, admin=True)}"
    slugs = _province_slugs(specs_dir)
    if slug not in slugs:
        raise PipelineError(unknown_province(slug, slugs))
    desk_state.audit("campaign-team", "link", slug)
    return f"{base_url.rstrip('/')}/login?token={new_token(desk_state, slug)}"
