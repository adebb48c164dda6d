"""`campaign`: thin click commands that parse, call and print."""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import PipelineError, SpecErrors
from .breaks import breaks_command
from .common import (
    EXIT_SPEC,
    EXIT_STOPPED,
    out_option,
    project_option,
    specs_argument,
)
from .common import fail as _fail
from .common import load as _load
from .desk import link_command, serve_command
from .new import new_command
from .provinces import provinces_group
from .say import say_command

if TYPE_CHECKING:
    from ..build.plan import Selection

MAX_WORKERS = 64


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="campaign-media-pipeline")
def main():
    """Build every asset of the campaign from the specs in specs/.

    Dựng mọi sản phẩm truyền thông của chiến dịch từ các tệp spec trong specs/.
    """
    # `build` registers the stages when it reads the specs: a no-op build answered from
    # file stats (pipeline/quick.py) never imports them.
    if click.get_current_context().invoked_subcommand != "build":
        from ..stages.builtin import register_builtin

        register_builtin()


@main.command()
@specs_argument
@project_option
def check(specs_dir: Path):
    """Validate every spec; render nothing. / Kiểm tra specs."""
    from ..build.plan import plan
    from ..spec.load import read_specs
    from ..stages import STAGES, Unfit

    specs, problems = read_specs(specs_dir)
    found = []
    jobs = plan(specs) if specs is not None else []
    # Every check on every product that parsed, so one run shows everything wrong.
    for product in specs.products if specs is not None else ():
        preflight = STAGES[product.kind].preflight
        if preflight:
            found += _preflight(preflight, [job for job in jobs if job.product is product])
    unfit = [f for f in found if isinstance(f, Unfit)]
    if any(p.field == "brand.colors.text" for p in problems):
        # said once at campaign.yaml, not again against every product
        unfit = [f for f in unfit if " contrast " not in f.message]
    notes = [f for f in found if not isinstance(f, Unfit)]
    for line in [*problems, *unfit, *(specs.warnings if specs else ()), *notes]:
        click.echo(f"warning: {line}" if isinstance(line, str) else line, err=True)
    if problems or unfit:
        count = len(problems) + len(unfit)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in the specs; nothing was "
                   "built. / Specs có lỗi; chưa dựng gì.", err=True)
        sys.exit(EXIT_SPEC)
    click.echo(f"OK: {len(specs.products)} products, {len(specs.provinces)} provinces, "
               f"{len(jobs)} jobs planned.")


def _preflight(preflight, jobs) -> list:
    """A stage's findings for one product's jobs; a product read with problems may be
    too incomplete to lay out, and those problems are already reported."""
    try:
        return preflight(jobs)
    except Exception:                            # noqa: BLE001 (reported above)
        return []


@main.command()
@specs_argument
@project_option
@out_option
@click.option("-j", "--jobs", "workers", type=click.IntRange(1, 1024),
              default=lambda: min(os.cpu_count() or 1, MAX_WORKERS),
              show_default=f"all cores, at most {MAX_WORKERS}", help="Parallel workers.")
@click.option("--kind", multiple=True,
              help="Only this kind (banner, infographic, clip, radio, leaflet).")
@click.option("--product", multiple=True, help="Only this product id.")
@click.option("--province", multiple=True, help="Only this province's localized assets.")
@click.option("--size", multiple=True, help="Only this size name.")
@click.option("--lang", multiple=True, help="Only this language (vi, en).")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--dry-run", is_flag=True, help="Print the plan and why; build nothing.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed asset.")
@click.option("--verify", "verify_files", is_flag=True,
              help="Also re-hash built files and rebuild those that do not match the "
                   "manifest (bit rot, edits that kept size and date).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Where jobs run: this machine's process pool, or a "
                                      "Dask cluster (docs/distributed.md).")
@click.option("--scheduler", metavar="URL",
              help="With --executor dask: a running scheduler (tls://host:8786), else "
                   "$CAMPAIGN_SCHEDULER, else a local cluster of -j workers.")
@click.option("--request", "request_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Build a province's request file (docs/desk.md): its office, phone, "
                   "products and sizes. / Dựng theo yêu cầu của tỉnh.")
def build(specs_dir, out, workers, kind, product, province, size, lang, force, dry_run,
          fail_fast, verify_files, executor, scheduler, request_file):
    """Build what is out of date into the output folder. / Dựng sản phẩm."""
    watch = None
    if not (dry_run or request_file):
        watch = _quick_no_op(specs_dir, out, (kind, product, province, size, lang),
                             answer=not (force or verify_files))
    from ..build.plan import Selection, plan
    from ..build.run import build as run_build
    from ..build.run import plan_steps

    specs = _load(specs_dir)
    selection = Selection(tuple(kind), tuple(product), tuple(province), tuple(size),
                          tuple(lang))
    if request_file:
        specs, selection = _with_request(specs, request_file, selection)
    try:
        jobs = plan(specs, selection)
        if dry_run:
            _print_plan(plan_steps(specs, jobs, out, force, verify_files))
            return
        signal.signal(signal.SIGTERM, _raise_interrupt)
        progress = _Progress(len(jobs))
        report = run_build(specs, jobs, out, executor=_executor(executor, workers, scheduler),
                           force=force,
                           fail_fast=fail_fast, prune=selection.is_everything,
                           verify=verify_files, on_plan=progress.start,
                           on_outcome=progress.advance, watch=watch)
        progress.finish()
    except PipelineError as exc:
        _fail(str(exc), EXIT_SPEC)
    except OSError as exc:
        # Disk full, a read-only or missing folder: every finished asset is still listed.
        where = exc.filename or out
        _fail(f"cannot write {where}: {exc.strerror or exc}; finished assets are kept")
    _print_report(report, out)
    if report.stopped:
        sys.exit(EXIT_STOPPED)
    if report.failed:
        sys.exit(1)


def _quick_no_op(specs_dir: Path, out: Path, selection, answer: bool) -> dict | None:
    """Exit at once when nothing the last identical build read or wrote has changed
    (pipeline/quick.py); else what the build records for the next time."""
    import time

    from ..build.quick import selection_key, up_to_date_count, watched

    start = time.perf_counter()
    key = selection_key(*selection)
    count = up_to_date_count(out, key) if answer else None
    if count is not None:
        click.echo(f"Built 0, up to date {count}, failed 0 in "
                   f"{time.perf_counter() - start:.1f} s -> {out}/")
        sys.exit(0)
    try:
        return {"key": key, "files": watched(specs_dir, out)}
    except OSError:
        return None          # a missing specs folder: the ordinary path says so


def _with_request(specs, request_file: Path, selection: Selection):
    """The specs and selection a request file asks for (`desk` requests build this way)."""
    from ..spec.overlay import apply_overlay, load_overlay

    if not selection.is_everything:
        _fail("--request chooses the province, products and sizes itself; drop --kind, "
              "--product, --province, --size and --lang", EXIT_SPEC)
    try:
        return apply_overlay(specs, load_overlay(request_file, specs))
    except SpecErrors as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        _fail(f"the request {request_file} has {len(exc.problems)} problem(s); nothing was "
              "built. / Yêu cầu có lỗi; chưa dựng gì.", EXIT_SPEC)


def _executor(name: str, workers: int, scheduler: str | None):
    if name == "dask":
        from ..build.distributed import DaskExecutor

        return DaskExecutor(workers, scheduler)
    if scheduler:
        raise PipelineError("--scheduler needs --executor dask")
    from ..build.executor import LocalExecutor

    return LocalExecutor(workers)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


class _Progress:
    """A progress bar on a terminal; silent in logs (CI, redirected output)."""

    def __init__(self, total: int):
        self.bar = None
        self.total = total

    def start(self, steps):
        stale = sum(1 for s in steps if s.reason)
        if stale > 1 and sys.stderr.isatty():
            self.bar = click.progressbar(length=stale, label="Building", file=sys.stderr,
                                         show_pos=True, show_eta=True)
            self.bar.__enter__()

    def advance(self, outcome):
        if self.bar is not None:
            self.bar.update(1)

    def finish(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _print_plan(steps) -> None:
    stale = [s for s in steps if s.reason]
    for step in stale:
        click.echo(f"build       {step.job.id}  ({step.reason})")
    for step in steps:
        if not step.reason:
            click.echo(f"up to date  {step.job.id}")
    click.echo(f"Plan: {len(stale)} to build, {len(steps) - len(stale)} up to date.")


def _print_ignored(ignored: list[str]) -> None:
    for line in ignored[:20]:
        click.echo(f"warning {line}", err=True)
    if len(ignored) > 20:
        click.echo(f"warning ... and {len(ignored) - 20} more manifest entries ignored",
                   err=True)


def _print_report(report, out: Path) -> None:
    _print_ignored(report.ignored)
    for job_id, reason in report.failed:
        click.echo(f"FAILED  {job_id}: {reason}", err=True)
    for job_id, warning in report.warnings:
        click.echo(f"warning {job_id}: {warning}", err=True)
    removed = f", removed {len(report.removed)} stale files" if report.removed else ""
    click.echo(f"Built {len(report.built)}, up to date {report.up_to_date}, failed "
               f"{len(report.failed)}{removed} in {report.seconds:.1f} s -> {out}/")
    if report.stopped:
        click.echo("Stopped. Every finished asset is kept and listed; run the same command "
                   "again to continue. / Đã dừng; chạy lại lệnh để tiếp tục.", err=True)


@main.command(name="ls")
@project_option
@out_option
@click.option("--kind", help="Only this kind.")
@click.option("--province", help="Only this province slug (toan-quoc: national).")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest entries as JSON.")
def list_assets(out, kind, province, as_json):
    """List the built assets from the manifest. / Liệt kê sản phẩm."""
    entries = [e for e in _manifest(out) if (not kind or e.kind == kind)
               and (not province or e.province == province)]
    if as_json:
        click.echo(json.dumps([e.to_json() for e in entries], indent=1, ensure_ascii=False,
                              sort_keys=True))
        return
    for e in entries:
        click.echo(f"{e.path}\t{e.bytes:>10,} B\t{e.role}")
    click.echo(f"{len(entries)} assets.", err=True)


def _manifest(out: Path):
    from ..store.manifest import Manifest

    try:
        manifest = Manifest.load(out)
    except PipelineError as exc:
        _fail(str(exc))
    _print_ignored(manifest.ignored)
    if not manifest.entries:
        _fail(f"{out}/ has no manifest yet: run `make all` or `campaign build` first")
    return manifest


@main.command()
@out_option
@project_option
def verify(out):
    """Re-hash every file in the manifest; report missing or changed ones. / Kiểm tra tệp."""
    from ..handoff.verify import check_files

    manifest = _manifest(out)
    problems = check_files(manifest, out)
    for path, problem in problems:
        click.echo(f"{problem}: {path}", err=True)
    if problems:
        click.echo(f"{len(problems)} of {len(manifest.entries)} files do not match the "
                   f"manifest; rebuild exactly those with `campaign build --verify --out "
                   f"{out}`.", err=True)
        sys.exit(1)
    click.echo(f"All {len(manifest.entries)} files match the manifest.")


@main.command()
@click.argument("kind")
@click.option("--province", required=True, help="Province slug, e.g. quang-ninh.")
@click.option("--to", "dest", required=True, type=click.Path(path_type=Path,
                                                              file_okay=False))
@click.option("--zip", "as_zip", is_flag=True, help="Pack them into one .zip for sending.")
@out_option
@project_option
def pull(kind, province, dest, as_zip, out):
    """Copy a province's verified assets of a kind, with an index. / Lấy sản phẩm của tỉnh."""
    from ..handoff.pull import pull_assets

    manifest = _manifest(out)
    try:
        result = pull_assets(manifest, out, kind, province, dest, as_zip)
    except PipelineError as exc:
        _fail(str(exc))
    if result.replaced:
        shown = ", ".join(result.replaced[:5])
        more = f" and {len(result.replaced) - 5} more" if len(result.replaced) > 5 else ""
        click.echo(f"Replaced {len(result.replaced)} file(s) already in {dest}: "
                   f"{shown}{more}", err=True)
    click.echo(f"Copied {result.count} files ({result.bytes:,} bytes) to {result.where}")


main.add_command(breaks_command)
main.add_command(say_command)
main.add_command(serve_command)
main.add_command(link_command)
main.add_command(new_command)
main.add_command(provinces_group)

@main.command()
def sizes():
    """List the size catalogue. / Danh mục kích thước."""
    click.echo(f"{'name':<19} {'trim mm':>13} {'bleed':>5} {'hem':>4} {'safe':>4} "
               f"{'view m':>6} {'raster':>14}  label")
    from ..catalog.sizes import SIZES

    for s in SIZES.values():
        w, h = s.raster_px
        raster = f"{w}x{h}px" if s.is_screen else f"{s.dpi} dpi"
        click.echo(f"{s.name:<19} {s.width_mm:>6g}x{s.height_mm:<6g} {s.bleed_mm:>5g} "
                   f"{s.hem_mm:>4g} {s.safe_mm:>4g} {s.viewing_distance_m:>6g} "
                   f"{raster:>14}  {s.label_vi}")
