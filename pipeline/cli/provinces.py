"""`campaign provinces`: the campaign's provinces, and `carry`, a 2024 office file moved
onto the 34 units in force since 1 July 2025."""
from __future__ import annotations

from pathlib import Path

import click

from .common import EXIT_SPEC, fail, load, project_option, specs_folder


@click.group(name="provinces", invoke_without_command=True)
@click.option("--specs", "specs_dir", type=click.Path(path_type=Path),
              help="The specs folder (default: the project's specs/).")
@project_option
@click.pass_context
def provinces_group(ctx, specs_dir):
    """List the campaign's provinces (`carry`: a 2024 office file onto the 34 units). /
    Danh sách tỉnh, thành phố."""
    if ctx.invoked_subcommand is not None:      # carry needs no campaign
        return
    specs = load(specs_folder(ctx, None, specs_dir))
    for p in specs.provinces.values():
        phone = p.phone or f"{specs.campaign.hotline} (national)"
        click.echo(f"{p.slug:<18} {p.full_name:<28} {p.office_name:<42} {phone}")
    click.echo(f"{len(specs.provinces)} provinces ({specs.campaign.provinces_source}).",
               err=True)


@provinces_group.command(name="carry")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
def carry_offices(old: Path, new: Path):
    """Carry a 2024 office file (63 units) onto the 34 units of 1 July 2025. / Chuyển tệp
    cơ quan của 63 tỉnh cũ sang 34 đơn vị mới."""
    import csv
    import io

    from ..catalog.carry import carry
    from ..catalog.provinces import CatalogError, load_current, office_rows
    from ..files.fsio import atomic_write

    if new.exists():
        fail(f"{new}: exists; carry writes a new file (move the old one away first)",
              EXIT_SPEC)
    try:
        carried = carry(office_rows(old, str(old)), load_current())
    except CatalogError as exc:
        fail(str(exc), EXIT_SPEC)
    text = io.StringIO()
    writer = csv.DictWriter(text, ["slug", "office", "phone", "address"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(carried.rows)
    atomic_write(new, text.getvalue().encode("utf-8"))
    for line in carried.merged:
        click.echo(f"merged: {line}")
    for line in carried.dropped:
        click.echo(f"not carried: {line}")
    for line in carried.choices:
        click.echo(f"choose: {line}")
    click.echo(f"{new}: {len(carried.rows)} units, {len(carried.merged)} with rows of merged "
               f"units, {len(carried.choices)} choice(s) for a person (blank until filled "
               "in).", err=True)
