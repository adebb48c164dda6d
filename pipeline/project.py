"""The project: the one folder every input comes from (specs, data, lexicons, fonts,
templates, voice takes), never the folder the pipeline is installed in.

It is the folder given by `--project`, or the nearest folder up from the working
directory that holds `specs/campaign.yaml` (git finds its repository the same way). The
command line settles it once and records it in the environment, so a worker process (a
fork or a spawn of the local pool, the desk's build child) reads the same lexicons as the
process that planned its job.
"""
from __future__ import annotations

import os
from pathlib import Path

MARKER = Path("specs") / "campaign.yaml"
ENVIRONMENT = "CAMPAIGN_PROJECT"
LEXICON = Path("assets") / "lexicon"
FONTS = Path("assets") / "fonts"
TEMPLATES = Path("assets") / "templates"


class NoProject(LookupError):
    """No campaign folder here or above; the message says how to start one."""


def find(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds specs/campaign.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def use(root: Path) -> Path:
    """Make `root` this process's project (and its children's); returns it resolved."""
    root = Path(root).resolve()
    os.environ[ENVIRONMENT] = str(root)
    return root


def root() -> Path:
    """This process's project: the one `use` set, else the one found from the working
    directory; NoProject when there is neither."""
    given = os.environ.get(ENVIRONMENT)
    if given:
        return Path(given)
    found = find(Path.cwd())
    if found is None:
        raise NoProject(f"no campaign here: neither {Path.cwd()} nor a folder above it "
                        f"holds {MARKER}; give --project FOLDER, or start one with "
                        "`campaign new FOLDER`")
    return found


def lexicon_dir() -> Path:
    """assets/lexicon/ of this process's project."""
    return root() / LEXICON
