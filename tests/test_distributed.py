"""Given a Dask cluster on 127.0.0.1, builds go through it and come out as the local
pool's: same bytes, a worker that dies is replaced, a job that raises or kills every worker
is reported, and --fail-fast and Ctrl-C stop the cluster's work."""
from __future__ import annotations

import logging
import os
import shutil
import signal
from pathlib import Path

import dask
import pytest

from pipeline.build.distributed import DaskExecutor
from pipeline.build.executor import LocalExecutor
from pipeline.build.plan import Selection, plan
from pipeline.build.run import build
from pipeline.handoff.verify import check_files
from pipeline.spec.load import load_specs
from pipeline.store.manifest import Manifest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, started once for the module; they import the tests' note
    stage by name, as a remote worker imports the pipeline's own stages."""
    from distributed import LocalCluster

    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), saved]))
    os.environ["NOTE_KILL_MARKER"] = str(Path(os.environ.get("TMPDIR", "/tmp"))
                                         / f"note-kill-{os.getpid()}")
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, silence_logs=logging.ERROR) as local:
        yield local.scheduler_address
    Path(os.environ.pop("NOTE_KILL_MARKER")).unlink(missing_ok=True)
    if saved is None:
        os.environ.pop("PYTHONPATH")
    else:
        os.environ["PYTHONPATH"] = saved


@pytest.fixture(autouse=True)
def bounded():
    """No test here may hang the suite: a cluster that stops answering fails the test."""
    def stuck(signum, frame):
        raise TimeoutError("the Dask test did not finish in 180 s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(180)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(project, executor, **kwargs):
    specs = load_specs(project.specs)
    return build(specs, plan(specs), project.out, executor=executor, prune=True, **kwargs)


def test_a_small_campaign_through_dask_matches_the_local_pool_byte_for_byte(
        tmp_path, cluster, builtin_stages):
    (tmp_path / "specs/banners").mkdir(parents=True)
    shutil.copytree(ROOT / "assets/data", tmp_path / "assets/data")
    shutil.copytree(ROOT / "assets/images", tmp_path / "assets/images")   # brand.logo
    shutil.copy(ROOT / "specs/campaign.yaml", tmp_path / "specs")
    shutil.copy(ROOT / "specs/banners/contribute-today.yaml", tmp_path / "specs/banners")
    specs = load_specs(tmp_path / "specs")
    jobs = plan(specs, Selection(provinces=("quang-ninh",), sizes=("street-5000x800",
                                                                   "poster-a3")))
    remote = build(specs, jobs, tmp_path / "dask", executor=DaskExecutor(2, cluster))
    local = build(specs, jobs, tmp_path / "local", executor=LocalExecutor(2))
    assert remote.failed == [] and len(remote.built) == len(local.built) == len(jobs) >= 2
    files = {e.path: e.sha256 for e in Manifest.load(tmp_path / "local")}
    assert {e.path: e.sha256 for e in Manifest.load(tmp_path / "dask")} == files
    assert check_files(Manifest.load(tmp_path / "dask"), tmp_path / "dask") == []


def test_a_job_that_raises_is_reported_with_its_message(project, cluster):
    project.note("good")
    project.note("bad", text="FAIL please")
    report = run(project, DaskExecutor(2, cluster))
    assert report.built == ["note/good/social-1080x1080/vi/toan-quoc"]
    assert report.failed == [("note/bad/social-1080x1080/vi/toan-quoc", "bad: asked to fail")]


def test_a_worker_killed_mid_build_is_replaced_and_nothing_is_lost(project, cluster):
    Path(os.environ["NOTE_KILL_MARKER"]).unlink(missing_ok=True)
    for i in range(6):
        project.note(f"n{i}", text="SLOW" if i % 2 else "Xin chào")
    project.note("dies-once", text="KILLS-WORKER once")
    report = run(project, DaskExecutor(2, cluster))
    assert report.failed == []
    assert len(report.built) == 7
    assert check_files(Manifest.load(project.out), project.out) == []
    assert run(project, DaskExecutor(2, cluster)).built == []      # a rerun has nothing to do


def test_a_job_that_kills_every_worker_is_failed_not_retried_forever(project, cluster):
    project.note("good")
    project.note("poison", text="KILLS-WORKER ALWAYS")
    report = run(project, DaskExecutor(2, cluster))
    assert report.built == ["note/good/social-1080x1080/vi/toan-quoc"]
    [(job, reason)] = report.failed
    assert job == "note/poison/social-1080x1080/vi/toan-quoc" and "worker running it died" in reason


def test_fail_fast_and_ctrl_c_stop_the_clusters_work(project, cluster):
    project.note("a-fails", text="FAIL now")
    for i in range(12):
        project.note(f"slow{i:02d}", text="SLOW")
    report = run(project, DaskExecutor(2, cluster, window=2), fail_fast=True)
    assert report.failed and len(report.built) < 12
    interrupted = []

    def interrupt(outcome):
        interrupted.append(outcome.job_id)
        raise KeyboardInterrupt

    second = run(project, DaskExecutor(2, cluster, window=2), on_outcome=interrupt)
    assert second.stopped and len(second.built) <= 1 and len(interrupted) == 1
    assert check_files(Manifest.load(project.out), project.out) == []
    third = run(project, DaskExecutor(2, cluster))
    assert len(third.built) + len(report.built) + len(second.built) == 12


def test_the_local_pool_works_with_spawned_workers_that_start_empty(project, monkeypatch):
    """No registry inherited through fork: the workers register the stages they are sent."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [
        str(TESTS), os.environ.get("PYTHONPATH")])))
    for i in range(4):
        project.note(f"n{i}", text=f"Xin chào {i}")
    report = run(project, LocalExecutor(2, start_method="spawn"))
    assert report.failed == [] and len(report.built) == 4
    pids = {(project.out / e.path).read_text() for e in Manifest.load(project.out)
            if e.role == "stamp"}
    assert str(os.getpid()) not in pids
    assert (project.out / "notes/toan-quoc/n3_social-1080x1080_vi.txt").read_text() \
        .endswith("Xin chào 3\n")
