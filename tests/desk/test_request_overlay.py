"""A request file: read like a spec (positions, did-you-mean), custom sizes derived from
their family's rules within bounds, and refused by `campaign build --request` whole."""
from __future__ import annotations

import pytest
from deskkit import campaign

from pipeline.catalog.sizes import SIZES, custom_size


@pytest.mark.parametrize("width, height, family, bleed, hem, pocket", [
    (3000, 700, "street", 20, 40, 0),       # like street-4000x800
    (700, 2200, "flag", 10, 50, 40),        # like flag-600x2000, pole pockets included
    (3000, 2000, "pano", 30, 30, 0),        # like pano-4000x2000
    (500, 700, "poster", 3, 0, 0),          # like poster-a2
])
def test_a_custom_size_takes_its_familys_rules(width, height, family, bleed, hem, pocket):
    size = custom_size(width, height, 10)
    assert (size.family, size.bleed_mm, size.hem_mm, size.pocket_mm) == \
        (family, bleed, hem, pocket)
    assert size.name == f"custom-{width}x{height}-v10m"
    left, bottom, right, top = size.text_box_mm
    assert 0 < left < right < width and 0 < bottom < top < height
    assert 24 <= size.dpi <= 300
    assert size.name not in SIZES                  # derived, registered only by a build


@pytest.mark.parametrize("width, height, view, message", [
    (150, 700, 10, "width 150 mm is out of range (200 to 20000 mm)"),
    (6000, 400, 10, "6000 x 400 mm is longer than 12:1"),
    (3000, 700, 500, "viewing distance 500 m is out of range (0.3 to 100 m)"),
])
def test_a_custom_size_out_of_bounds_says_which_bound(width, height, view, message):
    with pytest.raises(ValueError) as refused:
        custom_size(width, height, view)
    assert str(refused.value) == message or str(refused.value).startswith(message)


def test_a_bad_request_file_is_refused_whole_naming_line_column_and_field(built, tmp_path):
    request = tmp_path / "yeu-cau.yaml"
    request.write_text('province: quang-nihn\noffice: "BHXH thị xã Quảng Yên"\n'
                       'products: [contribute-today]\nsizes: [poster-a4]\ncolour: red\n',
                       encoding="utf-8")
    done = campaign("build", "specs", "--request", str(request), "--out",
                    str(tmp_path / "out"), cwd=built, check=False)
    assert done.returncode == 2
    assert f"{request}:1:11: province: unknown province 'quang-nihn'; did you mean " \
           "'quang-ninh'?" in done.stderr
    assert f"{request}:4:9: sizes[0]: unknown size 'poster-a4'; did you mean 'poster-a3'" \
        in done.stderr
    assert f"{request}:5:1: colour: unknown key" in done.stderr
    assert not (tmp_path / "out").exists()
