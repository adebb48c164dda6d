"""Properties over arbitrary input: the loaders raise only our own errors, and no path the
confinement function accepts leaves its root."""
from __future__ import annotations

import os
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.catalog.datasets import DataError, read_table
from pipeline.catalog.provinces import CatalogError, load_csv, localize
from pipeline.files.paths import is_identifier, relative_inside
from pipeline.spec.yamlfile import YamlError, parse_text

FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_like = st.one_of(
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "replace")),
    st.text(alphabet=string.printable + "ảệ\x00\x1b\t-:[]{}&*!|>'\"#%@`,?", max_size=300),
)


@FAST
@given(yaml_like)
def test_the_yaml_loader_raises_only_yaml_errors(text):
    try:
        parse_text(text, "x.yaml")
    except YamlError as exc:
        assert "\n" not in exc.message            # one line each
        assert "set_int_max_str_digits" not in exc.message


csv_like = st.one_of(
    st.binary(max_size=400),
    st.lists(st.lists(st.text(alphabet="0123456789.,-e+ xy\"\x00ả", max_size=8),
                      min_size=1, max_size=4), max_size=8)
    .map(lambda rows: ("year,n\n" + "\n".join(",".join(r) for r in rows)).encode()),
)


@FAST
@given(csv_like)
def test_the_data_csv_reader_raises_only_data_errors(tmp_path, data):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    try:
        table = read_table(path, "t.csv")
    except DataError:
        return
    assert all(len(row) == len(table.columns) for row in table.rows)


@FAST
@given(csv_like)
def test_the_province_csv_readers_raise_only_catalog_errors(tmp_path, data):
    path = tmp_path / "p.csv"
    path.write_bytes(b"slug,code,name,full_name,type,phone_code\n" + data)
    try:
        provinces = load_csv(path, "p.csv")
    except CatalogError:
        return
    assert all(is_identifier(p.slug) for p in provinces)
    path.write_bytes(b"slug,office,phone,address\n" + data)
    try:
        localize(provinces, path, "p.csv")
    except CatalogError:
        pass


path_parts = st.lists(st.sampled_from(["a", "b", "..", ".", "", "~", "/", "link", "x y",
                                       "\x00", "c\\d", "ả"]), min_size=1, max_size=6)


@FAST
@given(path_parts)
def test_no_accepted_path_escapes_its_root(tmp_path, parts):
    root = tmp_path / "out"
    (root / "a").mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir(exist_ok=True)
    if not (root / "link").exists():
        (root / "link").symlink_to(outside)
    rel = "/".join(parts)
    accepted = relative_inside(root, rel)
    if accepted is None:
        return
    folder = os.path.realpath(accepted.parent)
    assert folder == os.path.realpath(root) or \
        folder.startswith(os.path.realpath(root) + os.sep)
    assert accepted.name not in ("", ".", "..")


@FAST
@given(st.text(max_size=80))
def test_identifiers_are_single_safe_path_components(value):
    if is_identifier(value):
        assert Path(value).name == value and value not in (".", "..")
        assert len(value) <= 64 and value == value.lower()
