"""What every `campaign` command shares: exit codes, common options, one-line failure,
and reading the specs with the built-in stages registered."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import SpecErrors

EXIT_SPEC = 2
EXIT_STOPPED = 130

specs_argument = click.argument("specs_dir", default="specs", required=False,
                                type=click.Path(path_type=Path))
out_option = click.option("--out", default="output", show_default=True,
                          type=click.Path(path_type=Path, file_okay=False),
                          help="Output folder / Thư mục kết quả.")


def fail(message: str, code: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def load(specs_dir: Path):
    """The specs, or every problem printed and exit 2."""
    from ..spec.load import load_specs
    from ..stages.builtin import register_builtin

    register_builtin()
    try:
        return load_specs(specs_dir)
    except SpecErrors as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in the specs; nothing was "
                   "built. / Specs có lỗi; chưa dựng gì.", err=True)
        sys.exit(EXIT_SPEC)
