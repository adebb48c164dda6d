"""`campaign breaks "TEXT" --size NAME`: the lines a banner size would set, for copywriters
to try a slogan before committing it.

It sets text through the banner layout itself (with the campaign's fonts, kicker and
footer), so what it prints is what a build would make; `campaign check` notes the same
splits for every banner (the banner stage's preflight, stages/banner/breaks.py).
"""
from __future__ import annotations

import sys

import click

from .common import project_option, specs_option


def _banner_job(specs, text: str, size, lang: str, province_slug: str | None, upper: bool,
                vertical: bool):
    from ..build.plan import Job
    from ..spec.model import Localize, Product
    from ..stages.banner import BannerSpec

    spec = BannerSpec(text={lang: text}, upper=upper, vertical=vertical)
    product = Product(kind="banner", id="breaks", languages=(lang,), sizes=(size.name,),
                      localize=Localize("none"), body=spec, source=specs.campaign.source)
    province = specs.provinces[province_slug] if province_slug else None
    return Job(specs.campaign, product, size, lang, province)


@click.command("breaks")
@click.argument("text")
@click.option("--size", "size_name", required=True, help="A banner size (campaign sizes).")
@click.option("--lang", default="vi", show_default=True, help="Language of kicker and footer.")
@click.option("--province", default=None, help="Province slug: its office in the footer.")
@click.option("--upper/--as-written", default=True, show_default=True,
              help="Set the headline in capitals, as the campaign's banners do.")
@click.option("--vertical", is_flag=True, help="A vertical flag (text turned a quarter).")
@specs_option
@project_option
def breaks_command(text, size_name, lang, province, upper, vertical, specs_dir):
    """Print the headline lines a banner size would set. / Xem chữ xuống dòng thế nào."""
    from ..catalog.sizes import SIZES
    from ..errors import SpecErrors
    from ..spec.load import load_specs
    from ..stages.banner import request_for
    from ..stages.banner.breaks import term_splits
    from ..stages.banner.render import BannerError, layout_for
    from ..text.vietnamese import nfc

    if size_name not in SIZES:
        _fail(f"unknown size {size_name!r} (campaign sizes lists them)")
    try:
        specs = load_specs(specs_dir)
    except SpecErrors as exc:
        _fail(f"the specs in {specs_dir} have problems ({len(exc.problems)}); "
              f"`campaign check` lists them")
    if province and province not in specs.provinces:
        from ..catalog.mergers import unknown_province

        _fail(unknown_province(province, specs.provinces))
    job = _banner_job(specs, nfc(text), SIZES[size_name], lang, province, upper, vertical)
    try:
        layout = layout_for(request_for(job))
    except BannerError as exc:
        _fail(str(exc))
    headline = layout.role_lines("headline")
    for line in headline:
        click.echo(line.text)
    click.echo(f"-- {size_name}: {len(headline)} line(s), cap height "
               f"{headline[0].cap_height_mm:.1f} mm (minimum {layout.min_cap_mm:.1f} mm)",
               err=True)
    for split in term_splits(tuple(line.text for line in headline)):
        click.echo(f"note: a term is split between its words: {split}", err=True)
    for warning in layout.warnings:
        click.echo(f"warning: {warning}", err=True)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)
