"""What every `campaign` command shares: exit codes, common options, one-line failure,
and reading the specs with the built-in stages registered."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .. import project
from ..errors import SpecErrors

EXIT_SPEC = 2
EXIT_STOPPED = 130


def _given_project(ctx, param, value: Path | None) -> Path | None:
    if value is not None:
        if not (value / project.MARKER).is_file():
            fail(f"--project {value}: no {project.MARKER} there (`campaign new {value}` "
                 "starts a campaign in it)", EXIT_SPEC)
        ctx.meta["project"] = project.use(value)
    return value


def project_root(ctx) -> Path:
    """The project this command works on: --project, else found from the working folder."""
    if "project" not in ctx.meta:
        try:
            ctx.meta["project"] = project.use(project.root())
        except project.NoProject as exc:
            fail(str(exc), EXIT_SPEC)
    return ctx.meta["project"]


def specs_folder(ctx, param, value: Path | None) -> Path:
    """specs/ of the project, or the folder given, whose parent is then the project."""
    if value is None:
        return project_root(ctx) / "specs"
    if "project" not in ctx.meta:
        ctx.meta["project"] = project.use(value.resolve().parent)
    return value


def _out_folder(ctx, param, value: Path | None) -> Path:
    if value is not None:
        return value
    found = ctx.meta.get("project") or project.find(Path.cwd())
    # relative, as messages show it ("--out output" run from the project itself)
    return Path(os.path.relpath(found / "output")) if found is not None else Path("output")


project_option = click.option(
    "--project", type=click.Path(path_type=Path, file_okay=False), is_eager=True,
    expose_value=False, callback=_given_project,
    help="The campaign's folder (default: the nearest one up from here holding "
         "specs/campaign.yaml). / Thư mục chiến dịch.")
specs_argument = click.argument("specs_dir", required=False, callback=specs_folder,
                                type=click.Path(path_type=Path))
specs_option = click.option("--specs", "specs_dir", callback=specs_folder,
                            type=click.Path(path_type=Path),
                            help="The specs folder (default: the project's specs/).")
out_option = click.option("--out", callback=_out_folder,
                          type=click.Path(path_type=Path, file_okay=False),
                          help="Output folder (default: the project's output/) / "
                               "Thư mục kết quả.")


def fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def load(specs_dir: Path):
    """The specs, or every problem printed and exit 2."""
    from ..spec.load import load_specs
    from ..stages.builtin import register_builtin

    register_builtin()
    try:
        specs = load_specs(specs_dir)
    except SpecErrors as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in the specs; nothing was "
                   "built. / Specs có lỗi; chưa dựng gì.", err=True)
        sys.exit(EXIT_SPEC)
    for warning in specs.warnings:
        click.echo(f"warning: {warning}", err=True)
    return specs
