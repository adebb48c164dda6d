"""`campaign serve` and `campaign link`: the province desk (docs/desk.md)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import PipelineError, SpecErrors
from .common import EXIT_SPEC, fail, load, out_option, project_option, specs_option

state_option = click.option("--state", default="desk", show_default=True,
                            type=click.Path(path_type=Path, file_okay=False),
                            help="The desk's state folder / Thư mục dữ liệu của bàn làm việc.")


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@out_option
@state_option
@specs_option
@project_option
def serve_command(host, port, out, state, specs_dir):
    """The province desk: a web page for each province (docs/desk.md). / Bàn làm việc."""
    from ..desk.commands import serve as serve_desk

    load(specs_dir)
    click.echo(f"Desk on http://{host}:{port}/ (Ctrl-C stops it); links: campaign link "
               "SLUG. / Bàn làm việc đang chạy.", err=True)
    try:
        serve_desk(host, port, out, state, specs_dir)
    except PipelineError as exc:
        fail(str(exc))


@click.command(name="link")
@click.argument("slug", required=False)
@click.option("--admin", is_flag=True, help="The campaign team's link (every province).")
@click.option("--revoke", is_flag=True, help="End every link and session of SLUG.")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
@state_option
@specs_option
@project_option
def link_command(slug, admin, revoke, base_url, state, specs_dir):
    """Print a province's secret sign-in link for the desk. / Đường dẫn đăng nhập."""
    from ..desk.commands import link as desk_link

    try:
        click.echo(desk_link(slug, admin, revoke, state, base_url, specs_dir))
    except SpecErrors:
        load(specs_dir)
    except PipelineError as exc:
        fail(str(exc), EXIT_SPEC)
