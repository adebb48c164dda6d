"""Given specs, the plan is the sorted product of sizes x languages x provinces."""
from __future__ import annotations

import pytest

from pipeline.build.plan import Selection, plan
from pipeline.errors import PipelineError
from pipeline.spec.load import load_specs


def test_a_product_expands_into_sizes_languages_and_provinces(project):
    project.note("a", sizes="[social-1080x1080, poster-a3]", localize="provinces",
                 languages="[vi, en]")
    project.note("b")
    jobs = plan(load_specs(project.specs))
    assert len(jobs) == 2 * 2 * 3 + 1
    ids = [j.id for j in jobs]
    assert ids == sorted(ids)
    assert "note/a/poster-a3/en/quang-ninh" in ids
    assert "note/b/social-1080x1080/vi/toan-quoc" in ids
    job = next(j for j in jobs if j.id == "note/a/poster-a3/en/quang-ninh")
    assert job.stem == "notes/quang-ninh/a_poster-a3_en"


def test_plan_is_deterministic(project):
    project.note("a", localize="provinces")
    specs = load_specs(project.specs)
    assert plan(specs) == plan(load_specs(project.specs))


@pytest.mark.parametrize("selection, expected", [
    (Selection(products=("b",)), ["note/b/social-1080x1080/vi/toan-quoc"]),
    (Selection(provinces=("da-nang",)), ["note/a/poster-a3/vi/da-nang",
                                         "note/a/social-1080x1080/vi/da-nang"]),
    (Selection(provinces=("da-nang",), sizes=("poster-a3",)),
     ["note/a/poster-a3/vi/da-nang"]),
    (Selection(kinds=("note",), products=("b",), sizes=("poster-a3",)), []),
])
def test_selection_flags(project, selection, expected):
    project.note("a", sizes="[social-1080x1080, poster-a3]", localize="provinces")
    project.note("b")
    assert [j.id for j in plan(load_specs(project.specs), selection)] == expected


def test_unknown_selection_names_the_close_match(project):
    project.note("a", localize="provinces")
    with pytest.raises(PipelineError, match=r"--province quang-nin: no spec uses it; "
                                            r"did you mean 'quang-ninh'\?"):
        plan(load_specs(project.specs), Selection(provinces=("quang-nin",)))


def test_a_job_carries_its_size_and_a_custom_one_needs_no_registration(project):
    from pipeline.catalog.sizes import SIZES
    from pipeline.spec.overlay import CustomSize, RequestOverlay, apply_overlay

    project.note("a", sizes="[social-1080x1080, poster-a3]", localize="provinces")
    specs = load_specs(project.specs)
    job = next(j for j in plan(specs) if j.size_name == "poster-a3")
    assert job.size is SIZES["poster-a3"]
    overlay = RequestOverlay("quang-ninh", "Bảo hiểm xã hội thị xã Quảng Yên",
                             products=("a",), custom_sizes=(CustomSize(500, 700, 2.0),))
    changed, selection = apply_overlay(specs, overlay)
    jobs = plan(changed, selection)
    assert [j.size_name for j in jobs] == ["custom-500x700-v2m"]
    assert (jobs[0].size.width_mm, jobs[0].size.height_mm, jobs[0].size.family) == (
        500, 700, "poster")
    assert "custom-500x700-v2m" not in SIZES          # the catalogue is left as it was
    assert jobs[0].province.office_name == "Bảo hiểm xã hội thị xã Quảng Yên"
