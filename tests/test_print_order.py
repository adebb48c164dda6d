"""The print order sheet: built from a real banner build's manifest, it lists every print
PDF of the province once, with hashes that match the files and an empty quantity."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pypdfium2 as pdfium
import pytest

from pipeline.build.plan import Selection, plan
from pipeline.build.run import build
from pipeline.handoff.print_order import COLUMNS, MATERIAL_VI, order_sheet, order_sheet_files
from pipeline.spec.load import load_specs
from pipeline.stages import STAGES, register
from pipeline.stages.banner import STAGE
from pipeline.store.manifest import Manifest

TITLE = "Tháng vận động triển khai bảo hiểm xã hội toàn dân"
SIZES = ("street-10000x2000", "flag-800x2500", "poster-a3", "social-1080x1080")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A banner in four sizes for two provinces, built once: (output folder, entries)."""
    from helpers import Project

    before = STAGES.get("banner")
    register(STAGE)
    project = Project(tmp_path_factory.mktemp("order"))
    project.write("specs/banners/b.yaml",
                  'kind: banner\nid: b\ntext: {vi: "Đóng góp hôm nay, an tâm tương lai"}\n'
                  f"sizes: [{', '.join(SIZES)}]\nlocalize: [quang-ninh, ha-noi]\n")
    specs = load_specs(project.specs)
    build(specs, plan(specs, Selection(kinds=("banner",))), project.out)
    if before is None:
        STAGES.pop("banner", None)
    return project.out, list(Manifest.load(project.out))


def parsed_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())           # spreadsheets open it as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_print_pdf_of_the_province_with_matching_hashes(built):
    out, entries = built
    _, csv_data = order_sheet(entries, "quang-ninh", TITLE, "Quảng Ninh")
    rows = parsed_csv(csv_data)
    pdfs = sorted(e.path for e in entries if e.path.endswith(".pdf")
                  and e.province == "quang-ninh")
    assert len(pdfs) == 3                                # the social size has no PDF
    assert [r["Tệp"] for r in rows] == [p.rsplit("/", 1)[1] for p in pdfs]
    for row, path in zip(rows, pdfs):
        assert row["SHA-256"] == hashlib.sha256((out / path).read_bytes()).hexdigest()
        assert row["Số lượng"] == ""
    assert [r["STT"] for r in rows] == ["1", "2", "3"]


def test_columns_are_in_vietnamese_and_rows_say_how_to_print(built):
    _, entries = built
    data = order_sheet(entries, "quang-ninh", TITLE, "Quảng Ninh")[1]
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:5] == ["STT", "Tệp", "Sản phẩm", "Ngôn ngữ", "Khổ"]
    assert tuple(parsed_csv(data)[0]) == COLUMNS
    rows = {r["Tệp"]: r for r in parsed_csv(data)}
    street = rows["b_street-10000x2000_vi.pdf"]
    assert street["Thành phẩm (mm)"] == "10.000 × 2.000"
    assert street["Trang PDF như vẽ (mm)"] == "5.030 × 1.030"     # (10 000 + 2 × 30) / 2
    assert street["Tỉ lệ in"] == "vẽ 1:2, in gấp 2 lần (UserUnit 2)"
    assert street["Tràn lề (mm)"] == "30"
    assert "mép 50 mm" in street["Gia công (mép, khoen, túi luồn cán)"]
    assert street["Vật liệu đề xuất"] == MATERIAL_VI["street"]
    flag = rows["b_flag-800x2500_vi.pdf"]
    assert flag["Tỉ lệ in"] == "1:1" and flag["Trang PDF như vẽ (mm)"] == "820 × 2.520"
    assert "túi luồn cán 40 mm" in flag["Gia công (mép, khoen, túi luồn cán)"]
    assert flag["Vật liệu đề xuất"] == MATERIAL_VI["flag"]
    poster = rows["b_poster-a3_vi.pdf"]
    assert poster["Vật liệu đề xuất"] == MATERIAL_VI["poster"]
    assert poster["Khổ"] == "Áp phích A3 (dọc) (poster-a3)"


def test_the_pdf_sheet_shows_title_province_rows_and_hashes(built):
    _, entries = built
    pdf, csv_data = order_sheet(entries, "ha-noi", TITLE, "Hà Nội")
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert f"PHIẾU ĐẶT IN — {TITLE}" in text
    assert "Tỉnh, thành phố: Hà Nội (ha-noi) · 3 tệp in" in text
    assert "Số lượng" in text and "Vật liệu đề xuất" in text
    joined = "".join(text.split())
    for row in parsed_csv(csv_data):
        assert row["Tệp"] in joined
        assert row["SHA-256"][:32] in text and row["SHA-256"][32:] in text
    assert document.get_metadata_dict()["Title"].endswith("Hà Nội (ha-noi)")
    # Every glyph came from the embedded brand font: no base-14 fallback anywhere.
    assert b"/FontFile2" in pdf and b"Helvetica" not in pdf


def test_the_sheet_is_deterministic(built):
    _, entries = built
    assert order_sheet(entries, "ha-noi", TITLE) == order_sheet(entries, "ha-noi", TITLE)
    assert order_sheet(entries, "ha-noi", TITLE)[1] != order_sheet(entries, "quang-ninh",
                                                                    TITLE)[1]


def test_sheet_files_are_named_for_the_province_and_absent_without_print_files(built):
    _, entries = built
    files = order_sheet_files(entries, "quang-ninh", TITLE, "Quảng Ninh")
    assert sorted(files) == ["phieu-dat-in-quang-ninh.csv", "phieu-dat-in-quang-ninh.pdf"]
    assert files["phieu-dat-in-quang-ninh.pdf"].startswith(b"%PDF-")
    screens_only = [e for e in entries if not e.path.endswith(".pdf")]
    assert order_sheet_files(screens_only, "quang-ninh", TITLE) == {}


def test_a_provinces_banner_hand_over_holds_its_order_sheet(built, tmp_path):
    from pipeline.handoff.pull import pull_assets

    out, _ = built
    manifest = Manifest.load(out)
    # the sheet's names are those the build recorded: a pull reads no spec
    assert (manifest.title, manifest.province_names["quang-ninh"]) == (
        "Tháng thử nghiệm", "Quảng Ninh")
    result = pull_assets(manifest, out, "banner", "quang-ninh", tmp_path / "zip", True)
    with zipfile.ZipFile(result.where) as archive:
        names = archive.namelist()
        rows = parsed_csv(archive.read("phieu-dat-in-quang-ninh.csv"))
        for row in rows:             # the shop's check: each listed hash is its member's
            assert hashlib.sha256(archive.read(row["Tệp"])).hexdigest() == row["SHA-256"]
        text = pdfium.PdfDocument(archive.read("phieu-dat-in-quang-ninh.pdf"))[0] \
            .get_textpage().get_text_range()
    assert {"index.csv", "phieu-dat-in-quang-ninh.pdf"} <= set(names) and len(rows) == 3
    assert "Quảng Ninh (quang-ninh)" in text and "Tháng thử nghiệm" in text
    pull_assets(manifest, out, "banner", "ha-noi", tmp_path / "folder", False)
    assert parsed_csv((tmp_path / "folder/phieu-dat-in-ha-noi.csv").read_bytes())[0]["Tệp"]
    assert (tmp_path / "folder/phieu-dat-in-ha-noi.pdf").read_bytes().startswith(b"%PDF-")
