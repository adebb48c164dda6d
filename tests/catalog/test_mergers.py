"""Provinces that merged on 1 July 2025 (issue 26): old slugs answered with what they
became, office rows that would be lost reported with their line, a 2024 office file
carried onto the 34 units."""
from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner
from helpers import ROOT

from pipeline.catalog.carry import carry
from pipeline.catalog.mergers import TABLE, mergers, unknown_province
from pipeline.catalog.provinces import load_csv, load_current
from pipeline.cli.campaign import main
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs


def test_the_table_covers_the_63_units_and_lands_on_exactly_the_34():
    old = {p.slug for p in load_csv(ROOT / "assets/data/provinces-2024.csv", "x")}
    assert set(mergers()) == old
    assert {m.current for m in mergers().values()} == {p.slug for p in load_current()}
    assert TABLE.with_name("province-mergers-2025.source.yaml").read_text().count(
        "202/2025/QH15") >= 2
    assert set(mergers()["binh-duong"].partners) == {"binh-duong", "ba-ria-vung-tau",
                                                     "ho-chi-minh"}


def test_an_old_slug_is_answered_with_the_unit_it_merged_into():
    current = {p.slug for p in load_current()}
    assert unknown_province("ha-giang", current) == (
        "'ha-giang' merged into 'tuyen-quang' on 1 July 2025 (Resolution 202/2025/QH15)")
    assert unknown_province("binh-duong", current).startswith(
        "'binh-duong' merged into 'ho-chi-minh' on 1 July 2025 (with ba-ria-vung-tau;")
    assert "did you mean 'quang-ninh'" in unknown_province("quang-nihn", current)


@pytest.fixture
def current_campaign(project):
    text = (project.specs / "campaign.yaml").read_text()
    project.write("specs/campaign.yaml", text.replace("provinces: data/provinces.csv",
                                                      "provinces: current"))
    return project


def test_localize_and_the_province_flag_name_the_merger(current_campaign, builtin_stages):
    current_campaign.write("specs/banners/b.yaml", """\
        kind: banner
        id: b
        text: {vi: "Tham gia bảo hiểm y tế"}
        sizes: [poster-a3]
        localize: [ha-giang]
        """)
    with pytest.raises(SpecErrors) as caught:
        load_specs(current_campaign.specs)
    assert [str(p) for p in caught.value.problems] == [
        "specs/banners/b.yaml:5:12: localize[0]: 'ha-giang' merged into 'tuyen-quang' on "
        "1 July 2025 (Resolution 202/2025/QH15)"]
    current_campaign.write("specs/banners/b.yaml", (current_campaign.specs / "banners/b.yaml")
                           .read_text().replace("[ha-giang]", "provinces"))
    result = CliRunner(mix_stderr=False).invoke(main, [
        "build", str(current_campaign.specs), "--province", "binh-duong", "--dry-run"])
    assert result.exit_code != 0
    assert "--province binh-duong: 'binh-duong' merged into 'ho-chi-minh'" in result.stderr
    assert "did you mean" not in result.stderr


def test_an_office_row_for_a_merged_unit_is_reported_with_its_line(current_campaign):
    current_campaign.write("data/offices.csv", """\
        slug,office,phone,address
        quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 000 0001,
        ha-giang,Bảo hiểm xã hội tỉnh Hà Giang,,
        binh-duong,Bảo hiểm xã hội tỉnh Bình Dương,0274 382 2211,
        quang-nihn,,0203 1,
        """)
    with pytest.raises(SpecErrors) as caught:
        load_specs(current_campaign.specs)
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 2          # ha-giang's row loses nothing: only an office name
    assert lines[0].startswith("data/offices.csv:4:1: slug: phone '0274 382 2211' for "
                               "'binh-duong' reaches no banner: 'binh-duong' merged into "
                               "'ho-chi-minh' on 1 July 2025")
    assert "campaign provinces carry" in lines[0]
    assert lines[1].startswith("data/offices.csv:5:1: slug: phone '0203 1' for 'quang-nihn'")
    assert "did you mean 'quang-ninh'" in lines[1]


def test_a_2024_office_file_is_carried_and_the_choices_are_left_to_a_person(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("slug,office,phone,address\n"
                   "ha-giang,Bảo hiểm xã hội tỉnh Hà Giang,0219 386 7000,\n"
                   "tuyen-quang,Bảo hiểm xã hội tỉnh Tuyên Quang,0207 382 2000,\n"
                   "quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 383 5555,\n"
                   "yen-bai,,,\n"
                   "lao-cai,,0214 384 0000,\n"
                   "atlantis,,1,\n", encoding="utf-8")
    new = tmp_path / "new.csv"
    result = CliRunner(mix_stderr=False).invoke(main, ["provinces", "carry", str(old),
                                                       str(new)])
    assert result.exit_code == 0, result.stderr
    rows = {row["slug"]: row for row in csv.DictReader(new.open(encoding="utf-8"))}
    assert len(rows) == 34
    assert rows["quang-ninh"]["phone"] == "0203 383 5555"        # unchanged unit
    assert rows["lao-cai"]["phone"] == "0214 384 0000"           # kept its name, no rival
    assert rows["tuyen-quang"]["phone"] == ""                    # two offices disagree
    assert rows["tuyen-quang"]["office"] == "Bảo hiểm xã hội tỉnh Tuyên Quang"
    out = result.stdout.splitlines()
    assert "merged: tuyen-quang: rows of ha-giang (line 2) merged into it" in out
    assert ("choose: tuyen-quang: phone left blank; the merged office's is a person's "
            "choice: ha-giang '0219 386 7000' (line 2) or tuyen-quang '0207 382 2000' "
            "(line 3)") in out
    assert "not carried: line 7: 'atlantis' is neither a 2024 nor a current unit; not " \
           "carried" in out
    again = CliRunner(mix_stderr=False).invoke(main, ["provinces", "carry", str(old),
                                                      str(new)])
    assert again.exit_code == 2 and "exists" in again.stderr


def test_carry_is_pure_and_takes_a_current_slug_as_it_is():
    carried = carry([(2, {"slug": "hue", "office": "", "phone": "0234 1", "address": ""})],
                    load_current())
    assert {r["slug"]: r["phone"] for r in carried.rows}["hue"] == "0234 1"
    assert carried.choices == () and carried.merged == ()
