"""The tests' shared pieces: a tiny project on disk and a small stage registered like a
real one. A plain module (not a conftest), so stage conftests can import it by name."""
from __future__ import annotations

import os
import shutil
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.spec import fields as f
from pipeline.stages import OutputFile, Rendered, Stage, StageError

ROOT = Path(__file__).resolve().parent.parent          # the pipeline's own campaign
SHIPPED_LEXICON = ROOT / "assets" / "lexicon" / "abbreviations.csv"

CAMPAIGN = """\
campaign: test-month
title: {vi: "Tháng thử nghiệm", en: "Test month"}
theme: {vi: "Bảo hiểm xã hội - An sinh cho mọi nhà", en: "Peace of mind"}
organization: {vi: "Bảo hiểm xã hội Việt Nam", en: "Viet Nam Social Security"}
hotline: "1900 9068"
window: {start: 2024-05-06, end: 2024-05-21}
languages: [vi, en]
provinces: data/provinces.csv
localization: data/offices.csv
brand:
  colors: {background: "#C8102E", text: "#FFFFFF", accent: "#FFD400"}
  fonts: {display: "Be Vietnam Pro ExtraBold", text: "Be Vietnam Pro Medium"}
"""

PROVINCES = """\
slug,code,name,full_name,type,phone_code
ha-noi,1,Hà Nội,Thành phố Hà Nội,thanh-pho,24
quang-ninh,22,Quảng Ninh,Tỉnh Quảng Ninh,tinh,203
da-nang,48,Đà Nẵng,Thành phố Đà Nẵng,thanh-pho,236
"""

OFFICES = """\
slug,office,phone,address
quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 000 0001,
"""


# -- the test stage: 'note' renders a text file and a tiny PNG per job ----------------

def _parse_note(fields, context):
    text = fields.get("text", f.localized_text(("vi", "en")))
    data = fields.get("data", f.project_path(context.root), None)
    return (tuple(sorted(text.items())) if text else None, data)


@dataclass(frozen=True)
class NoteRequest:
    product: str
    size_name: str | None
    lang: str
    office: str
    text: str
    data: bytes
    inputs: tuple[Path, ...]


def _note_request(job) -> NoteRequest:
    if "NOTE_REQUESTS" in os.environ:          # who made which request (tests/test_run.py)
        with open(os.environ["NOTE_REQUESTS"], "a") as log:
            log.write(f"{os.getpid()} {job.id}\n")
    path = job.product.body[1]
    return NoteRequest(job.product.id, job.size_name, job.lang,
                       job.province.office_name if job.province else "toàn quốc",
                       dict(job.product.body[0])[job.lang], path.read_bytes() if path else b"",
                       (path,) if path else ())


def _render_note(request: NoteRequest):
    text = request.text
    if "FAIL" in text:
        raise StageError(f"{request.product}: asked to fail")
    if "SLOW" in text:
        time.sleep(0.4)
    if "KILLS-WORKER" in text:                 # a job that kills the process running it:
        if "ALWAYS" in text:                   # every time,
            os._exit(9)
        marker = Path(os.environ["NOTE_KILL_MARKER"])
        if not marker.exists():                # or only the first time
            marker.touch()
            os._exit(9)
    body = (f"{request.product}|{request.size_name}|{request.lang}|{request.office}|{text}\n"
            .encode() + request.data)
    return Rendered((OutputFile("note", ".txt", body),
                     OutputFile("stamp", ".stamp.txt", str(os.getpid()).encode(),
                                {"pid": True})),
                    {"chars": len(text)})


NOTE_STAGE = Stage(kind="note", version="1", parse=_parse_note, request=_note_request,
                   render=_render_note,
                   sizes=("social-1080x1080", "poster-a3"), tools=("pyyaml",))


class Project:
    """A throw-away project folder: specs/, data/, the shipped lexicons, output/."""

    def __init__(self, root: Path):
        self.root = root
        self.specs = root / "specs"
        self.out = root / "output"
        self.write("specs/campaign.yaml", CAMPAIGN)
        self.write("data/provinces.csv", PROVINCES)
        self.write("data/offices.csv", OFFICES)
        shutil.copytree(ROOT / "assets/lexicon", root / "assets/lexicon")

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def note(self, product_id: str, text: str = "Xin chào", *, sizes="[social-1080x1080]",
             localize="none", languages="[vi]", extra: str = "") -> Path:
        return self.write(f"specs/notes/{product_id}.yaml",
                          f'kind: note\nid: {product_id}\ntext: {{vi: "{text}", en: "Hello"}}\n'
                          f"sizes: {sizes}\nlocalize: {localize}\nlanguages: {languages}\n"
                          + extra)



def shipped_specs(root: Path, kind: str) -> Path:
    """A copy of the shipped campaign with only one kind's specs (other kinds have their own
    tests), with the data files; returns its specs folder."""
    for assets in ("data", "templates", "images", "lexicon"):   # templates, pictures: banners
        shutil.copytree(ROOT / "assets" / assets, root / "assets" / assets)
    shutil.copytree(ROOT / f"specs/{kind}s", root / f"specs/{kind}s")
    shutil.copy(ROOT / "specs/campaign.yaml", root / "specs/campaign.yaml")
    return root / "specs"
