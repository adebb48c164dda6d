"""Text that reads other than it is (bidi controls, zero-width and other invisible format
characters, Cyrillic and Greek look-alikes) is refused wherever it would be printed, spoken
or shown: specs, the data CSVs, the lexicon, a province's desk request. Each refusal names
the place and the code point."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.catalog.datasets import DataError, read_table
from pipeline.desk.submit import RequestIn, field_messages, validate
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs
from pipeline.stages.banner.template.load import load_template
from pipeline.stages.banner.template.model import TemplateError
from pipeline.text.deceptive import find, first_in_file, first_problem
from pipeline.text.speech_errors import LexiconError
from pipeline.text.speech_lexicon import _rows

RLO, LRI, ZWSP, ZWJ, WJ, BOM, SHY = ("\u202e", "\u2066", "\u200b", "\u200d", "\u2060",
                                     "\ufeff", "\u00ad")
CYRILLIC_O, GREEK_O = "\u043e", "\u039f"
VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxy"
              "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


@pytest.mark.parametrize("char, code_point, what", [
    (RLO, "U+202E RIGHT-TO-LEFT OVERRIDE", "a bidirectional control"),
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING", "a bidirectional control"),
    (LRI, "U+2066 LEFT-TO-RIGHT ISOLATE", "a bidirectional control"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE", "a bidirectional control"),
    (ZWSP, "U+200B ZERO WIDTH SPACE", "a zero-width character"),
    (ZWJ, "U+200D ZERO WIDTH JOINER", "a zero-width character"),
    (WJ, "U+2060 WORD JOINER", "a zero-width character"),
    (BOM, "U+FEFF ZERO WIDTH NO-BREAK SPACE", "a zero-width character"),
    (SHY, "U+00AD SOFT HYPHEN", "an invisible format character"),
    ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A", "an invisible format character"),
    (CYRILLIC_O, "U+043E CYRILLIC SMALL LETTER O",
     "a Cyrillic letter that looks like Latin 'o'"),
    (GREEK_O, "U+039F GREEK CAPITAL LETTER OMICRON",
     "a Greek letter that looks like Latin 'O'"),
])
def test_each_kind_is_named_with_its_code_point(char, code_point, what):
    text = f"Bảo hiểm{char} xã hội"
    assert first_problem(text).startswith(f"character 9: {code_point} is {what}")
    assert [(d.index, d.char) for d in find(text)] == [(8, char)]


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " ,.-–:;!?%0123456789/()"))
def test_vietnamese_text_in_nfc_or_nfd_is_never_deceptive(text):
    assert find(text) == []
    assert find(unicodedata.normalize("NFD", text)) == []


def test_a_byte_order_mark_may_open_a_file_but_not_stand_inside_it():
    assert first_in_file(f"{BOM}slug,office\n") is None
    assert first_in_file(f"slug,office\nha-noi,BHXH{BOM}\n") == (
        2, 12, "U+FEFF ZERO WIDTH NO-BREAK SPACE is a zero-width character: invisible, it "
               "splits the word; delete it")


def test_a_field_may_allow_what_it_documents():
    assert find(f"a{ZWJ}b", allow=ZWJ) == []


def test_an_office_name_with_a_right_to_left_override_fails_check_at_its_column(project):
    project.write("data/offices.csv", "slug,office,phone,address\n"
                                      f"quang-ninh,Bảo hiểm xã hội {RLO}tỉnh Quảng Ninh,,\n")
    project.note("n")
    with pytest.raises(SpecErrors) as refused:
        load_specs(project.specs)
    assert [str(p) for p in refused.value.problems] == [
        "data/offices.csv:2:28: U+202E RIGHT-TO-LEFT OVERRIDE is a bidirectional control: "
        "it reorders the letters around it; delete it"]


def test_a_spec_text_with_a_zero_width_space_fails_check_at_its_line_and_column(project):
    project.note("n", text=f"Đóng góp{ZWSP} hôm nay")
    with pytest.raises(SpecErrors) as refused:
        load_specs(project.specs)
    assert [str(p) for p in refused.value.problems] == [
        "specs/notes/n.yaml:3:21: U+200B ZERO WIDTH SPACE is a zero-width character: "
        "invisible, it splits the word; delete it"]


def test_a_cyrillic_letter_in_the_campaign_title_fails_check(project):
    campaign = (project.root / "specs/campaign.yaml").read_text(encoding="utf-8")
    project.write("specs/campaign.yaml", campaign.replace("Tháng thử nghiệm",
                                                          f"Tháng thử nghiệm bả{CYRILLIC_O}"))
    with pytest.raises(SpecErrors) as refused:
        load_specs(project.specs)
    assert str(refused.value.problems[0]).startswith(
        "specs/campaign.yaml:2:33: U+043E CYRILLIC SMALL LETTER O is a Cyrillic letter that "
        "looks like Latin 'o'")


def test_a_data_table_with_an_invisible_character_names_its_cell(tmp_path):
    path = tmp_path / "coverage.csv"
    path.write_text(f"year,covered_pct\n2023,4{SHY}0.1\n", encoding="utf-8")
    with pytest.raises(DataError) as refused:
        read_table(path, "assets/data/coverage.csv")
    assert str(refused.value).startswith(
        "assets/data/coverage.csv:2:7: U+00AD SOFT HYPHEN is an invisible format character")


def test_a_spoken_lexicon_with_a_bidi_isolate_is_refused(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text(f"written,spoken\nBHXH,bảo hiểm {LRI}xã hội\n", encoding="utf-8")
    with pytest.raises(LexiconError) as refused:
        list(_rows(path, ["written", "spoken"]))
    assert str(refused.value) == (
        f"{path}:2: column 15: U+2066 LEFT-TO-RIGHT ISOLATE is a bidirectional control: it "
        "reorders the letters around it; delete it")


def test_a_desk_request_with_a_cyrillic_letter_is_refused_naming_the_field(project):
    project.note("n")
    specs = load_specs(project.specs)
    body = RequestIn(office=f"Bả{CYRILLIC_O} hiểm xã hội thị xã Quảng Yên", products=["n"])
    with pytest.raises(SpecErrors) as refused:
        validate(body, "quang-ninh", specs)
    assert field_messages(refused.value) == {
        "office": "office: character 3: U+043E CYRILLIC SMALL LETTER O is a Cyrillic letter "
                  "that looks like Latin 'o'; Vietnamese is Latin script: retype the word"}


def test_a_desk_request_with_a_right_to_left_override_is_refused(project):
    project.note("n")
    specs = load_specs(project.specs)
    with pytest.raises(SpecErrors) as refused:
        validate(RequestIn(office="BHXH thị xã Quảng Yên", address=f"Số 1 {RLO}đường 25",
                           products=["n"]), "quang-ninh", specs)
    assert field_messages(refused.value)["address"].startswith(
        "address: character 6: U+202E RIGHT-TO-LEFT OVERRIDE is a bidirectional control")


@pytest.mark.parametrize("written, column", [(RLO, 21), ("&#x202E;", 21), ("&#8238;", 21)])
def test_a_templates_static_text_with_a_bidi_control_is_refused_at_its_line(
        tmp_path, written, column):
    """An SVG template's text prints as it stands: a control written as itself or as a
    character reference is found where it is written."""
    path = tmp_path / "assets/templates/t.svg"
    path.parent.mkdir(parents=True)
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5000 1500">\n'
                    f'<text x="10" y="10">{written}BHXH tỉnh Quảng Ninh</text>\n</svg>\n',
                    encoding="utf-8")
    with pytest.raises(TemplateError) as refused:
        load_template(path, tmp_path)
    assert str(refused.value) == (
        f"assets/templates/t.svg:2: column {column}: U+202E RIGHT-TO-LEFT OVERRIDE is a "
        "bidirectional control: it reorders the letters around it; delete it")
