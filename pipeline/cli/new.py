"""`campaign new FOLDER`: a minimal campaign that builds, in a folder of its own.

It writes the campaign (the 34 units in force since 1 July 2025), one banner, the offices'
file with every unit's row to fill in, and the lexicons, copied from the project the
command is run in (or `--from`), else from the pipeline's own campaign beside its code:
from then on the new folder reads only its own copies.
"""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import click

from .. import project
from .common import EXIT_SPEC, fail

CAMPAIGN = """\
# The campaign: what every product shares. docs/new-campaign.md explains each key.
campaign: {slug}
title: {{vi: "Tháng vận động bảo hiểm y tế toàn dân", en: "Nationwide health insurance month"}}
theme: {{vi: "Bảo hiểm y tế - Vì sức khỏe mọi nhà", en: "Health insurance for every family"}}
organization: {{vi: "Bảo hiểm xã hội Việt Nam", en: "Viet Nam Social Security"}}
hotline: "1900 9068"
window: {{start: 2025-10-01, end: 2025-10-31}}
languages: [vi, en]
provinces: current            # the 34 units in force since 1 July 2025
localization: assets/data/province-offices.csv
brand:
  colors: {{background: "#C8102E", text: "#FFFFFF", accent: "#FFD400"}}
  fonts: {{display: "Be Vietnam Pro ExtraBold", text: "Be Vietnam Pro Medium"}}
"""

BANNER = """\
# One banner to start from: copy it for the next one (docs/banners.md).
kind: banner
id: join-health-insurance
text:
  vi: "Tham gia bảo hiểm y tế - An tâm khám chữa bệnh"
  en: "Join health insurance - peace of mind when you are ill"
upper: true
sizes: [street-5000x800, poster-a3, social-1080x1080]
localize: provinces
languages: [vi]
"""

OFFICES_NOTE = """\
# Provenance of province-offices.csv (slug,office,phone,address): one row per unit of
# the campaign, written by `campaign new`. The office names follow the rule
# "Bảo hiểm xã hội" + tỉnh/thành phố + the unit's name; phone and address are blank
# (the banners then give the national hotline) until an office confirms its own.
publisher: Bảo hiểm xã hội Việt Nam
title: Cơ quan bảo hiểm xã hội cấp tỉnh
date: "2025-07-01"
"""


@click.command(name="new")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--from", "source", type=click.Path(path_type=Path, file_okay=False),
              help="Copy the lexicons from this campaign (default: the one you are in).")
def new_command(folder: Path, source: Path | None):
    """Start a new campaign in FOLDER, ready to build. / Tạo chiến dịch mới."""
    from ..catalog.provinces import load_current

    if folder.exists() and any(folder.iterdir()):
        fail(f"{folder}: not empty; `campaign new` starts a campaign in a new or empty "
             "folder", EXIT_SPEC)
    lexicon = _lexicon_source(source)
    slug = "".join(ch if ch.isalnum() else "-" for ch in folder.resolve().name.lower())
    files = {
        project.MARKER: CAMPAIGN.format(slug=slug.strip("-") or "campaign"),
        Path("specs/banners/join-health-insurance.yaml"): BANNER,
        Path("assets/data/province-offices.csv"): _offices(load_current()),
        Path("assets/data/province-offices.source.yaml"): OFFICES_NOTE,
    }
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    shutil.copytree(lexicon, folder / project.LEXICON)
    click.echo(f"A new campaign in {folder}/: cd {folder} && campaign build "
               "(`campaign check` first). / Đã tạo chiến dịch mới.")


def _lexicon_source(source: Path | None) -> Path:
    """assets/lexicon/ of `source`, of the project here, else of the pipeline's own
    campaign (the checkout the code runs from)."""
    candidates = [source] if source is not None else [
        project.find(Path.cwd()), Path(__file__).resolve().parents[2]]
    for root in candidates:
        if root is not None and (root / project.LEXICON / "words.csv").is_file():
            return root / project.LEXICON
    where = source or "this folder or the pipeline's checkout"
    fail(f"no {project.LEXICON}/ in {where} to copy; give --from a campaign folder",
         EXIT_SPEC)
    raise AssertionError   # fail() exits


def _offices(provinces) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["slug", "office", "phone", "address"])
    for unit in provinces:
        writer.writerow([unit.slug, unit.office_name, "", ""])
    return out.getvalue()
