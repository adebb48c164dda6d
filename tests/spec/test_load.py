"""Given spec files, when loaded, then typed specs or exact one-line problems."""
from __future__ import annotations

import os
import unicodedata

import pytest

from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs


def problems(project) -> list[str]:
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    return [str(p) for p in info.value.problems]


def test_valid_project_loads_into_typed_specs(project):
    project.note("hello", localize="[quang-ninh, ha-noi]", languages="[vi, en]")
    specs = load_specs(project.specs)
    assert specs.campaign.id == "test-month"
    assert specs.campaign.hotline == "1900 9068"
    assert list(specs.provinces) == ["ha-noi", "quang-ninh", "da-nang"]
    qn = specs.provinces["quang-ninh"]
    assert qn.office_name == "Bảo hiểm xã hội tỉnh Quảng Ninh" and qn.phone == "0203 000 0001"
    # No localization row: the office name is derived from the unit.
    assert specs.provinces["ha-noi"].office_name == "Bảo hiểm xã hội thành phố Hà Nội"
    (product,) = specs.products
    assert (product.kind, product.id, product.languages) == ("note", "hello", ("vi", "en"))
    assert product.localize.slugs == ("quang-ninh", "ha-noi")
    assert product.source.file == "specs/notes/hello.yaml"


def test_text_is_nfc_normalized_at_load(project):
    nfd = unicodedata.normalize("NFD", "Bảo hiểm xã hội")
    project.note("hello", text=nfd)
    (product,) = load_specs(project.specs).products
    assert dict(product.body[0])["vi"] == unicodedata.normalize("NFC", nfd)


def test_unknown_size_names_the_close_match(project):
    project.note("x", sizes="[social-1080x108]")
    assert problems(project) == [
        "specs/notes/x.yaml:4:9: sizes[0]: unknown size 'social-1080x108'; did you mean "
        "'social-1080x1080'? (campaign sizes lists them)"]


def test_unknown_key_is_reported_with_its_position_and_close_match(project):
    project.note("x", extra="localise: none\n")
    assert problems(project) == [
        "specs/notes/x.yaml:7:1: localise: unknown key; did you mean 'localize'? "
        "(see docs/specs.md)"]


def test_every_problem_of_every_file_is_reported_at_once(project):
    project.write("specs/notes/a.yaml", "kind: note\nid: a\ntext: ''\nsizes: [poster-a3]\n")
    project.write("specs/notes/b.yaml", "kind: note\nid: B!\nsizes: 3\ntext: hi\n")
    project.write("specs/notes/c.yaml", "kind: nope\nid: c\n")
    got = problems(project)
    assert got == [
        "specs/notes/a.yaml:3:7: text: empty text",
        "specs/notes/b.yaml:2:5: id: 'B!' is not a slug: use lowercase ASCII letters, "
        "digits and hyphens, at most 64 characters (e.g. 'contribute-today')",
        "specs/notes/b.yaml:3:8: sizes: expected a list, got 3",
        "specs/notes/c.yaml:1:7: kind: 'nope' is not one of: note",
    ]


def test_missing_field_and_wrong_type(project):
    project.write("specs/notes/a.yaml", "kind: note\nid: a\nsizes: [poster-a3]\n"
                                        "languages: vi\n")
    assert problems(project) == [
        "specs/notes/a.yaml:1:1: text: missing (required)",
        "specs/notes/a.yaml:4:12: languages: expected a list, got 'vi'",
    ]


def test_duplicate_ids_name_both_files(project):
    project.note("same")
    project.write("specs/notes/other.yaml", "kind: note\nid: same\ntext: hi\n"
                                            "sizes: [poster-a3]\n")
    assert problems(project) == [
        "specs/notes/same.yaml:1:1: id: duplicate note id 'same' (also in "
        "specs/notes/other.yaml:1:1)"]


def test_unknown_province_and_kind_in_wrong_folder(project):
    project.note("x", localize="[quang-nin]")
    project.write("specs/banners/y.yaml", "kind: note\nid: y\ntext: hi\nsizes: [poster-a3]\n")
    assert problems(project) == [
        "specs/banners/y.yaml:1:7: kind: a note spec belongs in specs/notes/, not "
        "specs/banners/",
        "specs/notes/x.yaml:5:12: localize[0]: unknown province 'quang-nin'; did you mean "
        "'quang-ninh'? (campaign provinces lists them)",
    ]


@pytest.mark.parametrize("path, message", [
    ("../outside.txt", "'../outside.txt' leaves the project ('..' is not allowed)"),
    ("/etc/passwd", "'/etc/passwd' is absolute: give a path relative to the project"),
    ("data/none.txt", "file 'data/none.txt' does not exist"),
    ("data/link.txt", "'data/link.txt' points outside the project (through a link)"),
])
def test_paths_may_not_leave_the_project(project, tmp_path_factory, path, message):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("secret")
    os.symlink(outside, project.root / "data" / "link.txt")
    project.note("x", extra=f"data: {path}\n")
    assert problems(project) == [f"specs/notes/x.yaml:7:7: data: {message}"]


@pytest.mark.parametrize("yaml_text, message", [
    ("kind: note\nid: [unclosed\n", "specs/notes/x.yaml:3:1: malformed YAML: did not find "
                                    "expected ',' or ']'"),
    ("kind: !!python/object:os.system {}\n", "specs/notes/x.yaml:1:7: tag "
     "'tag:yaml.org,2002:python/object:os.system' is not allowed: specs hold plain data only"),
    ("kind: note\nkind: note\n", "specs/notes/x.yaml:2:1: kind: duplicate key (first at "
                                 "line 1)"),
    ("kind: note\n---\nkind: note\n", "specs/notes/x.yaml:2:1: one document per file: "
                                      "remove the '---' separator"),
    ("", "specs/notes/x.yaml:1:1: the file is empty"),
    ("- a\n- b\n", "specs/notes/x.yaml:1:1: expected a mapping of keys, got a list"),
])
def test_malformed_and_unsafe_yaml(project, yaml_text, message):
    project.write("specs/notes/x.yaml", yaml_text)
    assert problems(project) == [message]


def test_billion_laughs_is_an_error_not_a_hang(project):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    project.write("specs/notes/x.yaml", "\n".join(lines) + "\n")
    (message,) = problems(project)
    assert message.startswith("specs/notes/x.yaml:")
    assert "too many values (over 20,000, aliases counted as expanded)" in message


def test_campaign_problems_point_into_campaign_yaml(project):
    text = (project.specs / "campaign.yaml").read_text()
    text = text.replace('"#C8102E"', '"red"').replace("Be Vietnam Pro ExtraBold",
                                                      "Be Vietnam Pro ExtraBlod")
    text = text.replace("end: 2024-05-21", "end: 2024-05-01")
    (project.specs / "campaign.yaml").write_text(text)
    got = problems(project)
    assert got[0] == "specs/campaign.yaml:6:9: window: ends (2024-05-01) before it " \
                     "starts (2024-05-06)"
    assert got[1] == "specs/campaign.yaml:11:24: brand.colors.background: 'red' is not " \
                     "a colour: write it as #RRGGBB"
    assert got[2].startswith("specs/campaign.yaml:12:20: brand.fonts.display: unknown "
                             "font 'Be Vietnam Pro ExtraBlod'; did you mean "
                             "'Be Vietnam Pro ExtraBold'")


def test_province_csv_problems_name_file_and_line(project):
    project.write("data/provinces.csv", "slug,code,name,full_name,type,phone_code\n"
                                        "ha-noi,1,Hà Nội,Thành phố Hà Nội,city,24\n")
    assert problems(project) == ["data/provinces.csv:2:1: type: 'city' is not one of "
                                 "tinh, thanh-pho"]
