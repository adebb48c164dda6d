"""Infographic fixtures: the stage registered, tiny data files with sidecars, and a
rendered set (one job per chart kind) shared by the tests that only read outputs."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import Project

from pipeline.build.plan import plan
from pipeline.spec.load import load_specs
from pipeline.stages import STAGES, register
from pipeline.stages.infographic import STAGE

CAMPAIGN = """\
campaign: test-month
title: {vi: "Tháng thử nghiệm", en: "Test month"}
theme: {vi: "Bảo hiểm xã hội - An sinh cho mọi nhà", en: "Peace of mind for every family"}
organization: {vi: "Bảo hiểm xã hội Việt Nam", en: "Viet Nam Social Security"}
hotline: "1900 9068"
window: {start: 2024-05-06, end: 2024-05-21}
languages: [vi, en]
provinces: data/provinces.csv
brand:
  colors: {background: "#C8102E", text: "#FFFFFF", accent: "#FFD400"}
  fonts: {display: "Be Vietnam Pro ExtraBold", text: "Be Vietnam Pro Medium"}
"""
PROVINCES = ("slug,code,name,full_name,type,phone_code\n"
             "ha-noi,1,Hà Nội,Thành phố Hà Nội,thanh-pho,24\n")
SIDECAR = """\
publisher: Bảo hiểm xã hội Việt Nam
title: Số liệu thử
url: https://vss.gov.vn/
date: "2024-01-17"
units: {year: năm}
credit: {vi: "Nguồn: BHXH Việt Nam", en: "Source: Viet Nam Social Security"}
"""
PARTICIPANTS = "year,participants\n2021,16500000\n2022,17500000\n2023,18260000\n"
COVERAGE = "year,coverage_percent\n2021,91.01\n2022,92.04\n2023,93.35\n"
TARGETS = "year,coverage_percent\n2025,95\n"

# One spec per chart kind: id -> body after `kind`/`id`.
KINDS = {
    "bars": """\
        chart: bars
        headline: {vi: "Tham gia BHXH", en: "Social insurance"}
        subtitle: {vi: "Người tham gia cuối năm", en: "Participants at year end"}
        data: data/participants.csv
        column: participants
        measure: {vi: "người tham gia BHXH", en: "participants"}
        languages: [vi, en]
        """,
    "line": """\
        chart: line
        headline: {vi: "Tỷ lệ bao phủ BHYT"}
        subtitle: {vi: "Tỷ lệ dân số có thẻ BHYT"}
        data: data/coverage.csv
        column: coverage_percent
        targets: data/targets.csv
        measure: {vi: "dân số có thẻ BHYT"}
        """,
    "donut": """\
        chart: donut
        headline: {vi: "Bao phủ BHYT"}
        subtitle: {vi: "Tỷ lệ dân số có thẻ BHYT năm 2023"}
        data: data/coverage.csv
        column: coverage_percent
        measure: {vi: "dân số có thẻ BHYT"}
        """,
    "big-number": """\
        chart: big-number
        headline: {vi: "BHXH tăng trưởng"}
        subtitle: {vi: "Người tham gia BHXH"}
        data: data/participants.csv
        column: participants
        measure: {vi: "người tham gia BHXH"}
        """,
    "pictogram": """\
        chart: pictogram
        headline: {vi: "Chín trên mười"}
        subtitle: {vi: "Dân số có thẻ BHYT"}
        data: data/coverage.csv
        column: coverage_percent
        year: 2023
        measure: {vi: "dân số có thẻ BHYT"}
        """,
    "compare": """\
        chart: compare
        headline: {vi: "Giữ lương hưu", en: "Keep your pension"}
        subtitle: {vi: "Nhận một lần hay lương hưu", en: "Cash out or pension"}
        compare: {contribution_years: 20, average_salary: 8000000, retirement_age: 61,
                  pension_years: 20}
        languages: [vi, en]
        """,
}


class InfographicProject(Project):
    """The shared throw-away project, plus data/*.csv with sidecars."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.write("specs/campaign.yaml", CAMPAIGN)
        self.write("data/provinces.csv", PROVINCES)
        self.data("participants", PARTICIPANTS)
        self.data("coverage", COVERAGE)
        self.data("targets", TARGETS)

    def data(self, name: str, csv_text: str, sidecar: str | None = SIDECAR) -> Path:
        if sidecar is not None:
            self.write(f"data/{name}.source.yaml", sidecar)
        return self.write(f"data/{name}.csv", csv_text)

    def spec(self, product_id: str, body: str,
             sizes: str = "[ig-portrait-1080x1350]") -> Path:
        body = textwrap.dedent(body)
        text = f"kind: infographic\nid: {product_id}\nsizes: {sizes}\nlocalize: none\n" + body
        return self.write(f"specs/infographics/{product_id}.yaml", text)

    def jobs(self):
        specs = load_specs(self.specs)
        return specs, plan(specs)


@pytest.fixture(autouse=True)
def infographic_stage():
    had = STAGES.get("infographic")
    register(STAGE)
    yield STAGE
    if had is None:
        STAGES.pop("infographic", None)
    else:
        register(had)


@pytest.fixture
def ig_project(tmp_path) -> InfographicProject:
    return InfographicProject(tmp_path)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Every KINDS spec rendered once at 1080x1350 (and bars at A4): id/lang -> Rendered."""
    project = InfographicProject(tmp_path_factory.mktemp("rendered"))
    for kind, body in KINDS.items():
        sizes = "[ig-portrait-1080x1350, ig-a4]" if kind == "bars" else \
            "[ig-portrait-1080x1350]"
        project.spec(kind, body, sizes)
    had = STAGES.get("infographic")
    register(STAGE)
    try:
        _, jobs = project.jobs()
    finally:
        if had is None:
            STAGES.pop("infographic", None)
    STAGE.warm(STAGE.request(jobs[0]))
    return {f"{job.product.id}/{job.size_name}/{job.lang}": (job, STAGE.render_job(job))
            for job in jobs}

