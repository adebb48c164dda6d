"""The tables beside abbreviations.csv (loanwords, documents, web addresses): shipped ones
are clean and every row reads; a project's own table replaces the shipped one; a bad row
names its file and line."""

import unicodedata
from pathlib import Path

import pytest
from helpers import SHIPPED_LEXICON

from pipeline.text.speech import LexiconError, SpeechTextError, load_lexicon, normalize
from pipeline.text.speech_lexicon import lexicon_files

ABBREVIATIONS = "abbr,spoken,note\nBHXH,bảo hiểm xã hội,\n"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(SHIPPED_LEXICON)


def test_the_shipped_tables_are_read_and_nfc():
    files = lexicon_files(SHIPPED_LEXICON)
    assert [f.name for f in files] == ["abbreviations.csv", "loanwords.csv", "documents.csv",
                                       "web.csv"]
    for file in files:
        raw = file.read_text(encoding="utf-8")
        assert raw == unicodedata.normalize("NFC", raw), file.name


def test_every_loanword_reads_as_its_row(lexicon):
    assert lexicon.loanwords
    for entry in lexicon.loanwords:
        assert normalize(f"về {entry.abbr} nhé", lexicon) == f"về {entry.spoken} nhé"


def test_every_document_code_reads_in_its_role(lexicon):
    for code in lexicon.documents:
        written = {"type": f"12/{code.code}-UBND", "issuer": f"12/QĐ-{code.code}",
                   "unit": f"12/BHXH-{code.code}"}[code.role]
        spoken = normalize(written, lexicon)
        assert spoken.startswith("mười hai trên ")
        assert code.spoken in spoken, written


def test_every_web_label_reads_in_an_address(lexicon):
    for label in lexicon.web:
        assert normalize(f"{label.abbr}.vn", lexicon) == f"{label.spoken} chấm vê en"


def _project(tmp_path: Path, **tables: str) -> Path:
    (tmp_path / "abbreviations.csv").write_text(ABBREVIATIONS, encoding="utf-8")
    for name, content in tables.items():
        (tmp_path / f"{name}.csv").write_text(content, encoding="utf-8")
    return tmp_path / "abbreviations.csv"


def test_a_project_reads_its_own_tables_only(tmp_path):
    path = _project(tmp_path, web="label,spoken,note\nvn,việt nam,\n")
    assert lexicon_files(path) == (path, tmp_path / "web.csv")
    lexicon = load_lexicon(path)
    assert normalize("vss.vn", lexicon) == "vê ét ét chấm việt nam"
    with pytest.raises(SpeechTextError, match='"baohiemxahoi" in the address'):
        normalize("baohiemxahoi.vn", lexicon)                     # not in the project's
    with pytest.raises(SpeechTextError):
        normalize("COVID-19", lexicon)       # the checkout's loanwords are not this project's


BAD_TABLES = [
    ({"documents": "code,spoken,role,note\nQĐ,quyết định,kind,\n"}, "documents.csv", 2,
     'role of "QĐ" must be one of type, issuer, unit, got "kind"'),
    ({"documents": "code,spoken,role,note\nQĐ,quyết định,type,\nQĐ,quyết,type,\n"},
     "documents.csv", 3, '"QĐ" (type) already defined on line 2 of documents.csv'),
    ({"documents": "code,spoken,role,note\nQH15,quốc hội,issuer,\n"}, "documents.csv", 2,
     'code "QH15" must be letters only'),
    ({"documents": "code,spoken\nQĐ,quyết định\n"}, "documents.csv", 1,
     "header must be code,spoken,role,note"),
    ({"loanwords": "abbr,spoken,note\nBHXH,bê hát,\n"}, "loanwords.csv", 2,
     '"BHXH" already defined on line 2'),
    ({"loanwords": "abbr,spoken,note\nCOVID-19,COVID mười chín,\n"}, "loanwords.csv", 2,
     'spoken form of "COVID-19" contains "COVID"'),
    ({"web": "label,spoken,note\nvn,vê en,\nVN,việt nam,\n"}, "web.csv", 3,
     '"vn" already defined on line 2 of web.csv'),
]


@pytest.mark.parametrize("tables, name, line, problem", BAD_TABLES,
                         ids=[b[3][:40] for b in BAD_TABLES])
def test_a_bad_row_names_its_file_and_line(tmp_path, tables, name, line, problem):
    path = _project(tmp_path, **tables)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(f"{tmp_path / name}:{line}: {problem}")
    assert caught.value.line == line
