"""A photo is checked from its header: a decompression bomb is refused, in one line,
before a single pixel is decoded."""
from __future__ import annotations

import warnings

import pytest
from PIL import Image

from pipeline.media.images import ImageProblem, pixel_size


def test_a_photo_reports_its_pixel_size(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (300, 200), "#C8102E").save(path)
    assert pixel_size(path) == (300, 200)


def test_an_image_over_120_megapixels_is_refused_by_name(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (11_000, 11_000)).save(path)          # 121 Mpx, a few kB on disk
    with warnings.catch_warnings():
        warnings.simplefilter("error")                   # no decoding, not even a warning
        with pytest.raises(ImageProblem, match=r"^bomb.png is over 120 megapixels"):
            pixel_size(path)


def test_a_file_that_is_no_image_is_named(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    with pytest.raises(ImageProblem, match=r"^notes.png is not an image Pillow can read$"):
        pixel_size(path)
